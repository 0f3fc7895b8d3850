from __future__ import annotations

from pathlib import Path

from storyline.link import link_documents, same_article
from storyline.records import Document, Facts
from storyline.store import Store

BASE = ("The foreign ministers met in the capital on Tuesday and agreed to reopen the border "
        "crossing for trucks carrying food and medicine to the region within two weeks, "
        "officials from both governments said after the meeting ended late in the evening.")


def _facts(doc_id: str, text: str, published: str | None = None) -> Facts:
    from storyline.records import Published

    pub = Published(published, "explicit", "", 1.0) if published else None
    document = Document(doc_id, doc_id, text, None, None, None, "en", pub, None, ((0, len(text)),))
    return Facts(document, (), (), (), (), (), ())


def test_near_duplicates_link_to_the_earliest(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_facts("a", BASE + " Reprinted by a partner site.", "2020-01-02"))
        store.write_facts(_facts("b", BASE, "2020-01-01"))
        store.write_facts(_facts("c", "A completely different story about a football match "
                                      "that ended in a draw after extra time in the rain."))
        summary = link_documents(store, threshold=0.6)
        _, rows = store.query("SELECT doc_id, canonical_id FROM document_links")
    assert summary.near_duplicates == 1
    assert rows == [("a", "b")]


PARAGRAPHS = [
    "The port authority said on Tuesday that the northern harbour would reopen to cargo ships "
    "next month after repairs to the breakwater damaged in the winter storms were completed.",
    "Fishing crews, who have used a temporary quay since January, said the closure had cost them "
    "most of the season and asked the council to waive mooring fees for the rest of the year.",
    "The council's finance committee will discuss the request at its next meeting, a spokesman "
    "said, adding that a decision on the fees was expected before the end of the summer.",
    "Engineers found cracks in three sections of the breakwater during an inspection in "
    "February and replaced them with concrete blocks brought by barge from the south coast.",
]


def test_link_a_trimmed_edition_and_an_update_join_their_original(tmp_path: Path) -> None:
    # Trimmed by its last paragraph (a quarter of the text), the edition's Jaccard resemblance
    # to the original is about 0.75, under the threshold; nearly all of it is inside the
    # original, so it is the same article. The update, with a fifth paragraph, likewise.
    original = "\n".join(PARAGRAPHS)
    update = original + ("\nLate on Tuesday the harbour master said the first ship, a grain carrier "
                         "from the south, was expected to dock on the second day after the reopening.")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_facts("orig", original, "2020-01-01"))
        store.write_facts(_facts("trim", "\n".join(PARAGRAPHS[:3]), "2020-01-02"))
        store.write_facts(_facts("upd", update, "2020-01-03"))
        summary = link_documents(store)
        _, rows = store.query("SELECT doc_id, canonical_id FROM document_links ORDER BY doc_id")
    assert summary.near_duplicates == 2 and rows == [("trim", "orig"), ("upd", "orig")]


def test_link_a_brief_inside_a_longer_roundup_stays_apart(tmp_path: Path) -> None:
    # All of the brief is in the roundup, but it is under half of it: another article.
    brief = "\n".join(PARAGRAPHS[:2])
    roundup = "\n".join([*PARAGRAPHS[:2], BASE, *PARAGRAPHS[2:]])
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_facts("brief", brief, "2020-01-01"))
        store.write_facts(_facts("roundup", roundup, "2020-01-01"))
        assert link_documents(store).near_duplicates == 0


def test_link_same_article_from_jaccard_and_sizes() -> None:
    assert same_article(0.85, 100, 100, 0.8)  # near-identical
    assert same_article(0.75, 100, 75, 0.8)  # the smaller wholly inside the larger
    assert not same_article(0.6, 100, 100, 0.8)  # same size, 75 % shared: two stories
    assert not same_article(0.4, 100, 40, 0.8)  # inside, but under half of it


def test_link_a_chain_of_rolling_updates_never_joins_stories_that_share_nothing(tmp_path: Path) -> None:
    # Each is an edition of the one before (trimmed, then extended by new paragraphs), but
    # the last shares no sentence with the first: every link must hold with its canonical.
    p = [f"Paragraph {n} on the harbour: the port authority said the northern pier, closed "
         f"since storm number {n}, would reopen to ferries and cargo ships within weeks." for n in range(30)]
    docs = {"a": p[0:10], "b": p[0:6], "c": p[0:6] + p[10:14], "d": p[3:6] + p[10:14],
            "e": p[3:6] + p[10:14] + p[20:23], "f": p[10:14] + p[20:23]}
    with Store(tmp_path / "s.duckdb") as store:
        for day, (doc_id, paragraphs) in enumerate(docs.items(), start=1):
            store.write_facts(_facts(doc_id, "\n".join(paragraphs), f"2020-01-{day:02d}"))
        link_documents(store)
        _, rows = store.query("SELECT doc_id, canonical_id, similarity FROM document_links")
    assert ("b", "a") in [(d, c) for d, c, _ in rows]
    assert all(canonical != "a" or doc_id in ("b",) for doc_id, canonical, _ in rows)
    assert all(similarity >= 0.5 for _, _, similarity in rows)


def test_two_stories_over_the_same_background_paragraphs_stay_apart() -> None:
    """Wire copy reuses background under new ledes: an air strike and a boycott threat, each a
    short lede over the same four paragraphs, are two stories (not another edition)."""
    from storyline.link import shingles

    background = [f"Background paragraph {n} recalls how the conflict in the {w} region began "
                  f"years ago and how {n * 3} rounds of talks in the {w} capital failed."
                  for n, w in zip(range(1, 5), ("northern", "eastern", "coastal", "border"),
                                  strict=True)]
    strike = ("An air strike hit a market in the northern town on Monday, killing at least "
              "eleven people, rescue workers said.")
    boycott = ("The rebel leader threatened on Saturday to boycott the next round of talks "
               "unless the strikes stopped. His spokesman said the demand was final and that "
               "the movement had told the mediators in writing.")
    a, b = (shingles("\n".join([lede, *background])) for lede in (strike, boycott))
    jaccard = len(a & b) / len(a | b)
    assert 0.5 < jaccard < 0.8  # only the edition rule could join them
    assert not same_article(jaccard, len(a), len(b), 0.8)


def _outlet_facts(doc_id: str, text: str, outlet: str | None, published: str | None) -> Facts:
    from storyline.records import Published

    pub = Published(published, "explicit", "", 1.0) if published else None
    document = Document(doc_id, doc_id, text, None, outlet, None, "en", pub, None,
                        ((0, len(text)),), outlet_id=outlet)
    return Facts(document, (), (), (), (), (), ())


def test_a_first_take_links_to_its_outlets_full_story(tmp_path: Path) -> None:
    # the agency's two-sentence first take, rewritten into the full story the same day: a
    # tenth of it, so no edition by Jaccard, but the same facts counted twice if apart
    take = PARAGRAPHS[0]
    full = "\n".join([*PARAGRAPHS, BASE])
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_outlet_facts("take", take, "wire", "2020-01-01"))
        store.write_facts(_outlet_facts("full", full, "wire", "2020-01-01"))
        store.write_facts(_outlet_facts("full2", full + " It was reprinted.", "wire",
                                        "2020-01-02"))
        # another outlet's roundup quoting the take, and the take's outlet's story a month on
        store.write_facts(_outlet_facts("other", f"{take}\n{BASE}", "daily", "2020-01-01"))
        store.write_facts(_outlet_facts("old", PARAGRAPHS[1], "wire", "2019-12-01"))
        store.write_facts(_outlet_facts("later", "\n".join(PARAGRAPHS), "wire", "2020-01-05"))
        summary = link_documents(store)
        _, rows = store.query("SELECT doc_id, canonical_id, kind FROM document_links "
                              "ORDER BY doc_id")
    assert ("take", "full", "first_take") in rows  # to the full story's canonical
    assert ("full2", "full", "near_duplicate") in rows
    assert not any(doc in ("other", "old") for doc, _, _ in rows)
    assert summary.first_takes == 1 and summary.near_duplicates == len(rows) - 1


def test_a_take_of_a_second_take_links_to_the_full_story(tmp_path: Path) -> None:
    first = PARAGRAPHS[0][:90]
    second = PARAGRAPHS[0]
    full = "\n".join([*PARAGRAPHS, BASE])
    with Store(tmp_path / "s.duckdb") as store:
        store.write_facts(_outlet_facts("t1", first, "wire", None))
        store.write_facts(_outlet_facts("t2", second, "wire", None))
        store.write_facts(_outlet_facts("full", full, "wire", None))
        link_documents(store)
        _, rows = store.query("SELECT doc_id, canonical_id FROM document_links ORDER BY doc_id")
    assert dict(rows)["t1"] == "full" and dict(rows)["t2"] == "full"
