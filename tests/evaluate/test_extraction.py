from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from storyline.evaluate.extraction import (
    aggregate,
    bootstrap_std,
    evaluate_texts,
    exact_match,
    load_pages,
    read_html,
    score,
    shingle_counts,
    shingles,
)

ARTICLE = (
    "<html><head><title>River talks resume</title></head><body><article>"
    "<h1>River talks resume</h1>"
    "<p>The two water ministers met on Tuesday in the border town to discuss the shared river "
    "and agreed to set up a joint commission that will report within three months.</p>"
    "<p>Officials on both sides said the commission would publish its findings and that farmers "
    "downstream would be consulted before any new dam is approved by either government.</p>"
    "</article></body></html>"
)


def _gold_set(root: Path, pages: dict[str, tuple[str, bytes]]) -> Path:
    """A benchmark-shaped folder: ground-truth.json plus html/<sha>.html.gz."""
    (root / "html").mkdir(parents=True)
    truth = {}
    for sha, (body, html) in pages.items():
        (root / "html" / f"{sha}.html.gz").write_bytes(gzip.compress(html))
        truth[sha] = {"articleBody": body, "url": f"https://example.org/{sha}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_shingles_are_token_four_grams_counted_as_a_multiset() -> None:
    assert shingles("a b c d a b c d") == Counter(
        {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1,
         ("d", "a", "b", "c"): 1}
    )


def test_shingles_of_a_short_text_is_one_short_shingle_and_of_empty_none() -> None:
    assert shingles("Hello, world!") == Counter({("Hello", "world"): 1})
    assert shingles("  ,. ") == Counter()


def test_shingle_counts_normalise_to_one() -> None:
    # gold 4-grams {abcd, bcde}, predicted {abcd, bcdx}: TP 1, FP 1, FN 1 → thirds.
    tp, fp, fn = shingle_counts("a b c d e", "a b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_shingle_counts_respect_repeated_shingles() -> None:
    # gold has abcd twice plus three others (5 shingles); prediction has abcd once: TP 1, FN 4.
    assert shingle_counts("a b c d a b c d", "a b c d") == pytest.approx((0.2, 0.0, 0.8))


def test_shingle_counts_of_two_empty_texts_are_zero() -> None:
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_aggregate_macro_averages_precision_and_recall_before_f1() -> None:
    first = shingle_counts("a b c d e", "a b c d x")  # P 1/2, R 1/2
    second = shingle_counts("one two three four five six", "one two three four")  # P 1, R 1/3
    metrics = aggregate([first, second])
    assert metrics["precision"] == pytest.approx(3 / 4)
    assert metrics["recall"] == pytest.approx(5 / 12)
    assert metrics["f1"] == pytest.approx(15 / 28)  # harmonic mean of 3/4 and 5/12


def test_aggregate_empty_prediction_costs_recall_only() -> None:
    metrics = aggregate([shingle_counts("a b c d e", "a b c d e"), shingle_counts("a b c d e", "")])
    assert metrics["precision"] == pytest.approx(1.0)
    assert metrics["recall"] == pytest.approx(0.5)
    assert metrics["f1"] == pytest.approx(2 / 3)


def test_aggregate_of_nothing_is_zero_not_an_error() -> None:
    assert aggregate([(0.0, 0.0, 0.0)]) == {"f1": 0.0, "precision": 0.0, "recall": 0.0}


def test_exact_match_compares_tokens_not_spacing_or_punctuation() -> None:
    assert exact_match("Hello,  world!\n\nBye.", "Hello world Bye")
    assert not exact_match("Hello world", "Hello world again")


def test_evaluate_texts_accuracy_is_share_of_exact_documents() -> None:
    metrics = evaluate_texts(["a b c d e", "f g h i j"], ["a b c d e", "f g h i"], samples=0)
    assert metrics["accuracy"] == pytest.approx(0.5)
    assert "f1_std" not in metrics


def test_bootstrap_std_is_zero_for_identical_documents_and_deterministic() -> None:
    counts = [(0.5, 0.25, 0.25)] * 4
    stds = bootstrap_std(counts, [True] * 4, samples=50)
    assert stds == {"f1_std": 0.0, "precision_std": 0.0, "recall_std": 0.0, "accuracy_std": 0.0}
    varied = [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.5, 0.0, 0.5)]
    flags = [True, False, False]
    assert bootstrap_std(varied, flags, samples=50) == bootstrap_std(varied, flags, samples=50)
    assert bootstrap_std(varied, flags, samples=50)["accuracy_std"] > 0


def test_load_pages_sorts_by_sha_and_applies_limit(tmp_path: Path) -> None:
    gold = _gold_set(tmp_path, {"bb": ("second", b"<p>b</p>"), "aa": ("first", b"<p>a</p>")})
    assert [page.sha for page in load_pages(gold)] == ["aa", "bb"]
    assert [page.body for page in load_pages(gold, limit=1)] == ["first"]


def test_read_html_decodes_non_utf8_bytes(tmp_path: Path) -> None:
    html = "<html><body><p>" + "Le café de la gare ouvre à l'aube. " * 20 + "</p></body></html>"
    gold = _gold_set(tmp_path, {"aa": ("", html.encode("cp1252"))})
    assert "café" in read_html(gold, "aa")


def test_score_reports_storyline_and_both_baselines(tmp_path: Path) -> None:
    body = ARTICLE.split("<article>")[1]
    text = " ".join(part.split(">")[-1] for part in body.split("</p>") if "<p>" in part)
    gold = _gold_set(tmp_path, {"aa": (text, ARTICLE.encode("utf-8"))})
    metrics = score(gold, samples=0)
    assert metrics["n"] == 1
    for key in ("f1", "precision", "recall", "accuracy", "baseline_trafilatura_f1",
                "baseline_trafilatura_precision", "baseline_trafilatura_recall",
                "baseline_trafilatura_default_f1"):
        assert 0.0 <= metrics[key] <= 1.0, key
    assert metrics["baseline_trafilatura_recall"] > 0.9
