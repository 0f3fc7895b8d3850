"""Acceptance report on the five seed articles: every fact an analyst reads out of them
(``shared/acceptance/seed_expectations.json``), with per-category recall and the misses.

This is an acceptance report, not a tuning target. ``GOLD_SUBDIR`` is the acceptance folder;
the seeds are found beside it (``<shared>/seeds``). The whole pipeline runs into a temporary
store, and facts are checked against the stored rows, exactly as an analyst would query them.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

GOLD_SUBDIR = "../acceptance"
ANCHORS: dict[str, tuple[float, str]] = {}
CATEGORIES = ("boilerplate", "body", "pubdate", "actors", "roles", "events", "event_dates",
              "quotes", "numbers", "places", "corpus")
Rows = list[tuple[Any, ...]]


def norm(text: str) -> str:
    """Comparable text: NFKC, straight quotes, no hyphens, collapsed spaces, lower case."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("-", " "), ("—", " ")):
        text = text.replace(a, b)
    return " ".join(text.split()).lower()


def within(value: str | None, expected: str, tolerance: int) -> bool:
    """An ISO date within ``tolerance`` days of the expected one (year-only: same year)."""
    if not value:
        return False
    if len(expected) == 4:
        return value[:4] == expected
    try:  # a value coarser than the expected day ("2015-11") is not precise enough
        delta = date.fromisoformat(value[:10]) - date.fromisoformat(expected)
    except ValueError:
        return False
    return abs(delta.days) <= tolerance


class _Facts:
    """The stored rows of one seed document, queried once."""

    def __init__(self, store: Any, doc: tuple[Any, ...]) -> None:
        self.doc_id, self.text, self.published, self.removed, self.title = doc
        q = store.query
        self.mentions: Rows = q("SELECT m.text, a.name, a.country, a.actor_id, m.role "
                                "FROM mentions m "
                                "JOIN actors a USING (actor_id) WHERE m.doc_id = ?", [self.doc_id])[1]
        self.events: Rows = q("SELECT plover_type, source_actors || target_actors, "
                              "source_countries || target_countries, evidence, when_value "
                              "FROM events WHERE doc_id = ?", [self.doc_id])[1]
        self.quotes: Rows = q("SELECT q.text, a.name FROM quotes q LEFT JOIN actors a "
                              "ON a.actor_id = q.speaker_id WHERE q.doc_id = ?", [self.doc_id])[1]
        self.claims: Rows = q("SELECT kind, value, evidence FROM claims WHERE doc_id = ?",
                              [self.doc_id])[1]
        self.places: Rows = q("SELECT text, country FROM places WHERE doc_id = ?",
                              [self.doc_id])[1]


def _check_doc(exp: dict[str, Any], f: _Facts) -> dict[str, list[tuple[bool, str]]]:
    """(hit, description) per expected fact of one document, by category."""
    text = norm(f.text)
    out: dict[str, list[tuple[bool, str]]] = {c: [] for c in CATEGORIES}
    out["boilerplate"] = [(norm(line) not in text, f"removed: {line}")
                          for line in exp.get("boilerplate_removed", [])]
    out["body"] = [(norm(line) in text, f"kept: {line}") for line in exp.get("body_kept", [])]
    # a duplicated paragraph is collapsed when the document holds it once (headline included)
    whole = norm(f.title) + "\n" + text
    for line in exp.get("duplicate_paragraphs", []):
        out["body"].append((whole.count(norm(line)) == 1, f"once: {line}"))
    pub = exp["published"]
    out["pubdate"] = [(within(f.published, pub["date"], pub["tolerance_days"]),
                       f"published {pub['date']} (got {f.published})")]
    out["actors"] = [(_actor_hit(a, f.mentions), f"actor {a['mention']} → {a['canonical']}")
                     for a in exp.get("actors", [])]
    out["roles"] = [(_role_hit(a["canonical"], a["role"], f.mentions),
                     f"role {a['canonical']} as {a['role']}")
                    for a in exp.get("actors", []) if a.get("role")]
    out["events"] = [(_event_hit(e, f.events), f"event {e['id']}") for e in exp.get("events", [])]
    out["event_dates"] = [(_event_hit(e, f.events, dated=True), f"date of {e['id']} {e['date']}")
                          for e in exp.get("events", []) if e.get("date")]
    out["quotes"] = [(_quote_hit(q, f.quotes), f"quote {q['speaker']}: {q['starts'][:40]}")
                     for q in exp.get("quotes", [])]
    out["numbers"] = [(_number_hit(n, f.claims), f"number {n['kind']} {n['value']}")
                      for n in exp.get("numbers", [])]
    out["places"] = [(_place_hit(p, f.places), f"place {p['mention']} in {p['country']}")
                     for p in exp.get("places", [])]
    return out


def _place_hit(exp: dict[str, Any], places: Rows) -> bool:
    """A stored place mention whose text holds the expected name, resolved in its country."""
    return any(norm(exp["mention"]) in norm(text) and country == exp["country"]
               for text, country in places)


def _same_name(a: str | None, b: str) -> bool:
    return a is not None and norm(a) == norm(b)


def _actor_hit(exp: dict[str, Any], mentions: Rows) -> bool:
    return any(norm(exp["mention"]) in norm(text) and _same_name(name, exp["canonical"])
               and (country or "") == exp["country"] for text, name, country, _, _ in mentions)


def _role_hit(name: str, role: str, mentions: Rows) -> bool:
    """Some mention of the person (by canonical name) carries the role."""
    return any(_same_name(canonical, name) and _same_name(held, role)
               for _, canonical, _, _, held in mentions)


# The expectations name generic actors as "<ISO-3> <sector word>"; CAMEO codes them
# <ISO-3><sector code> (SYROPP). This table translates the expectation vocabulary.
_SECTOR_WORDS = {"opposition": "OPP", "government": "GOV", "civilians": "CVL",
                 "military": "MIL", "police": "COP", "rebels": "REB"}


def accepted_codes(label: str) -> set[str]:
    """Actor ids/codes that satisfy an expected actor label."""
    country, _, sector = label.partition(" ")
    if sector in _SECTOR_WORDS and len(country) == 3 and country.isupper():
        return {country + _SECTOR_WORDS[sector]}
    if len(label) == 3 and label.isupper():
        return {label}
    from storyline.actors import load_kb

    return {a.actor_id for a in load_kb().lookup(label)} | {label}


def _event_hit(exp: dict[str, Any], events: Rows, dated: bool = False) -> bool:
    """The expected event is coded (type, parties, evidence) — and, when ``dated``, dated
    within its tolerance."""
    wanted = [accepted_codes(label) for label in exp["actors"]]
    return any(plover in exp["types"] and norm(exp["evidence"]) in norm(evidence)
               and all(codes & ({c for c in countries if c} | set(actors)) for codes in wanted)
               and (not dated or within(when, exp["date"], exp.get("tolerance_days", 0)))
               for plover, actors, countries, evidence, when in events)


def _quote_hit(exp: dict[str, Any], quotes: Rows) -> bool:
    start = norm(exp["starts"])[:30]
    return any(norm(text).startswith(start) and _same_name(name, exp["speaker"])
               for text, name in quotes)


def _number_hit(exp: dict[str, Any], claims: Rows) -> bool:
    return any(abs(value - float(exp["value"])) < 1e-6 and norm(exp["evidence"])[:25] in norm(ev)
               for _, value, ev in claims)


def _check_corpus(corpus: dict[str, Any], facts: dict[str, _Facts]) -> list[tuple[bool, str]]:
    checks: list[tuple[bool, str]] = []
    order = corpus.get("publication_order", [])
    dates = [facts[name].published for name in order if name in facts]
    in_order = all(dates) and dates == sorted(dates)  # type: ignore[type-var]
    checks.append((bool(in_order), "publication order"))
    every = [m for f in facts.values() for m in f.mentions]
    for group in corpus.get("same_entity", []):
        ids = {aid for text, _, _, aid, _ in every for g in group if norm(text) == norm(g)}
        checks.append((len(ids) == 1, "same entity: " + " = ".join(group)))
    for change in corpus.get("role_changes", []):
        doc = facts.get(change["in"])
        hit = doc is not None and _role_hit(change["actor"], change["role"], doc.mentions)
        checks.append((hit, f"role {change['actor']} as {change['role']} in {change['in'][:3]}"))
    claims = [(v, f.published) for f in facts.values() for k, v, _ in f.claims if k == "killed"]
    for point in corpus.get("death_toll_series", []):
        hit = any(abs(v - point["value"]) < 1e-6 and (p or "").startswith(point["as_of"])
                  for v, p in claims)
        checks.append((hit, f"death toll {point['value']} as of {point['as_of']}"))
    return checks


def _run_pipeline(seeds: Path, db: Path) -> Any:
    import storyline

    store = storyline.open_store(db)
    storyline.run([seeds], store)
    return store


def score(gold_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Per-category recall of the seed expectations, ``accuracy`` over all facts, misses."""
    acceptance = gold_dir.resolve()
    exp = json.loads((acceptance / "seed_expectations.json").read_text(encoding="utf-8"))
    documents = exp["documents"][:limit] if limit else exp["documents"]
    with tempfile.TemporaryDirectory() as tmp:
        store = _run_pipeline(acceptance.parent / "seeds", Path(tmp) / "seeds.duckdb")
        try:
            facts = _collect(store)
        finally:
            store.close()
    results: dict[str, list[tuple[bool, str]]] = {c: [] for c in CATEGORIES}
    for doc in documents:
        for category, checks in _check_doc(doc, facts[doc["file"]]).items():
            results[category] += [(hit, f"{doc['file'][:3]} {what}") for hit, what in checks]
    if not limit:
        results["corpus"] = _check_corpus(exp.get("corpus", {}), facts)
    return _summarise(results)


def _collect(store: Any) -> dict[str, _Facts]:
    _, docs = store.query("SELECT source, doc_id, text, CAST(published AS VARCHAR), removed, "
                          "coalesce(title, '') "
                          "FROM documents")
    return {Path(src).name: _Facts(store, tuple(rest)) for src, *rest in docs}


def _summarise(results: dict[str, list[tuple[bool, str]]]) -> dict[str, Any]:
    def ratio(checks: list[tuple[bool, str]]) -> float:
        return sum(h for h, _ in checks) / len(checks) if checks else 0.0

    every = [c for checks in results.values() for c in checks]
    report: dict[str, Any] = {"accuracy": round(ratio(every), 4), "n": len(every)}
    for category, checks in results.items():
        report[f"{category}_recall"] = round(ratio(checks), 4)
        report[f"{category}_n"] = len(checks)
    report["misses"] = [what for checks in results.values() for hit, what in checks if not hit]
    return report
