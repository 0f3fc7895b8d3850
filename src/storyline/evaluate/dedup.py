"""Near-duplicate grouping (:func:`storyline.link.link_documents`), measured on reprints made
from real articles.

Gold by construction: the ``articleBody`` of every page of the Zyte article-extraction
benchmark is one original story (published on day 1). Every other original also comes back
as the copies a wire story's reprints are: ``reprint`` (the same text with an outlet's own
first line — "By a staff writer" — and a closing credit line), ``trimmed`` (the last
paragraph cut, as a shorter edition runs it), ``updated`` (a paragraph added at the end,
as a later version has it) and ``rewritten`` (an update whose first paragraph is a new lede,
a paragraph added at the end), published on days 2–5, and as a ``first_take``: its first
paragraph alone (its first 60 words when longer than 100; none under 12 words or when it is
the whole story), published on day 1,
as an agency files the first sentences at once. Every document is the same outlet's, so
that a first take could join any story that holds it. A copy belongs to its original's group;
two different originals never do (the benchmark's 181 pages are different stories, some on
the same topic from the same day). Bodies under 80 words are left out: the shingles of a
short text are too few for any reprint test (and the pipeline keeps texts of 12 words up).

The documents go through a real store and :func:`link_documents` at the pipeline's threshold.
Reported: ``pair_precision`` / ``pair_recall`` / ``pair_f1`` over pairs of documents placed in
one group, per copy kind the share linked to its original (``recall_<kind>``), and
``canonical_accuracy`` — the share of groups with copies whose canonical document is the
original (the earliest; the issue's "earliest/most complete kept as canonical").
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from storyline.config import Settings
from storyline.evaluate.common import Metrics, prf
from storyline.evaluate.extraction import load_pages
from storyline.link import link_documents
from storyline.records import Document, Facts, Published
from storyline.store import Store

GOLD_SUBDIR = "article_extraction_benchmark"
ANCHORS: dict[str, tuple[float, str]] = {}  # no published figure for this construction
MIN_WORDS = 80
KINDS = ("reprint", "trimmed", "updated", "rewritten", "first_take")
OUTLET = "wire"
_ADDED = ("This story has been updated with comment from officials, who said a fuller "
          "statement would follow later in the week once the review had been completed.")
_LEDE = ("Officials confirmed on Wednesday the account first given a day earlier, adding "
         "details that had not been released at the time.")


def copies(body: str) -> dict[str, str]:
    """The copies a reprint of ``body`` may be (see the module docstring)."""
    paragraphs = [p for p in body.split("\n") if p.strip()]
    trimmed = "\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else body[: len(body) * 4 // 5]
    return {
        "reprint": f"By a staff writer\n{body}\nReporting by the newsroom; editing by the desk.",
        "trimmed": trimmed,
        "updated": f"{body}\n{_ADDED}",
        "rewritten": "\n".join([_LEDE, *paragraphs[1:], _ADDED]) if len(paragraphs) > 2
        else f"{_LEDE}\n{body[len(body) // 5:]}\n{_ADDED}",
    }


def first_take(body: str) -> str | None:
    """The first take of ``body`` (see the module docstring), or None."""
    words = body.split("\n", 1)[0].split()
    if len(words) > 100:
        words = words[:60]
    elif len(words) == len(body.split()):
        return None  # a story of one paragraph: its take would be the story
    return " ".join(words) if len(words) >= 12 else None


def _facts(doc_id: str, text: str, day: int) -> Facts:
    published = Published(f"2020-01-{day:02d}", "explicit", "", 1.0)
    document = Document(doc_id, doc_id, text, None, OUTLET, None, "en", published, None,
                        ((0, len(text)),), outlet_id=OUTLET)
    return Facts(document, (), (), (), (), (), ())


def _pairs(groups: Iterable[list[str]]) -> set[frozenset[str]]:
    """Every pair of documents placed in one group."""
    return {frozenset(p) for members in groups for p in combinations(members, 2)}


def score(gold_dir: Path, limit: int | None = None) -> Metrics:
    """Pair precision/recall/F1 of the groups, recall per copy kind, canonical accuracy."""
    bodies = [p.body.strip() for p in load_pages(gold_dir, limit)
              if len(p.body.split()) >= MIN_WORDS]
    group_of: dict[str, int] = {}
    kind_of: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "dedup.duckdb") as store:
        for i, body in enumerate(bodies):
            store.write_facts(_facts(f"o{i:03d}", body, 1))
            group_of[f"o{i:03d}"] = i
            if i % 2 == 0:  # every other original comes back as its copies
                for day, (kind, text) in enumerate(copies(body).items(), start=2):
                    doc_id = f"c{i:03d}{kind}"
                    store.write_facts(_facts(doc_id, text, day))
                    group_of[doc_id], kind_of[doc_id] = i, kind
                if (take := first_take(body)) is not None:
                    store.write_facts(_facts(f"c{i:03d}first_take", take, 1))
                    group_of[f"c{i:03d}first_take"], kind_of[f"c{i:03d}first_take"] = (
                        i, "first_take")
        link_documents(store, Settings().near_duplicate_threshold)
        _, links = store.query("SELECT doc_id, canonical_id FROM document_links")
    canonical = {doc_id: target for doc_id, target in links}
    found: dict[str, list[str]] = defaultdict(list)
    for doc_id in group_of:
        found[canonical.get(doc_id, doc_id)].append(doc_id)
    predicted = _pairs(found.values())
    by_group: dict[int, list[str]] = defaultdict(list)
    for doc_id, group in group_of.items():
        by_group[group].append(doc_id)
    gold = _pairs(by_group.values())
    tp = len(predicted & gold)
    pair = prf(tp, len(predicted) - tp, len(gold) - tp)
    metrics: Metrics = {
        "n": len(group_of), "originals": len(bodies), "copies": len(kind_of),
        "pair_precision": round(pair.precision, 4), "pair_recall": round(pair.recall, 4),
        "pair_f1": round(pair.f1, 4),
    }
    for kind in KINDS:
        made = [d for d, k in kind_of.items() if k == kind]
        linked = [d for d in made if canonical.get(d) == f"o{group_of[d]:03d}"]
        metrics[f"recall_{kind}"] = round(len(linked) / len(made), 4) if made else 0.0
    with_copies = [g for g, members in by_group.items() if len(members) > 1]
    right = [g for g in with_copies
             if all(canonical.get(d, d) == f"o{g:03d}" for d in by_group[g])]
    metrics["canonical_accuracy"] = round(len(right) / len(with_copies), 4) if with_copies else 0.0
    return metrics


__all__ = ["ANCHORS", "GOLD_SUBDIR", "copies", "first_take", "score"]
