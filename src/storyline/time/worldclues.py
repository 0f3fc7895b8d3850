"""World-knowledge clues for dating an undated story: conflict ages and Security Council vetoes.

News text dates itself to a reader who knows the world: "Syria's six-year war" was written around
2017, "the Russian-Chinese veto of the resolution on Syria" after October 2011. Entry point
:func:`find_world_clues`; it reads two curated tables shipped in ``data/`` (see
``data/REFERENCE_EVENTS.md``) and returns :class:`WorldClue` intervals the publication date must
lie in. Pure and deterministic: regular expressions and :mod:`datetime`, no model, no I/O after
the tables are read once per process. A text with none of the trigger words costs one regex scan.

* ``conflict_age``: "the six-year war", "11-month crackdown", "six years of war", "the war, now
  in its seventh year", with the conflict named by a country word of its table row in the same
  sentence (a modifier of the noun, "in Syria" after it, the nearest one before, or the first one
  after, each narrowing the previous). News round ages both ways, so "N-year" puts the story in
  ``[start + N - half a unit, start + N + 1 units)``; "in its Nth year" in
  ``[start + N - 1, start + N)``. An ended conflict can also be described by its whole length
  ("Angola's 27-year civil war"), so when that interval reaches the last 15 % of the conflict or
  runs past its end, the upper bound is dropped. When several rows stay possible (Iraq 2003 and
  Iraq 2014 for "Iraq's three-year war"), the mention is skipped.
* ``veto``: a sentence reporting a cast veto (not "would veto", "threatened to veto", "veto
  power") with the vetoing members and a subject: every listed veto by at least those members on
  that subject is a candidate; the story is after the earliest one, likely soon after one of them
  (``recent`` when only one is left). "Russia's fourth veto" or "has vetoed 17 resolutions" drops
  the candidates before the Nth: news may count from a later start than the table, never earlier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.datafiles import read_tsv
from storyline.time.tables import Sentences, split_cell

HORIZON = date(2025, 12, 31)  # the tables are complete up to here; later ages are not inferred

_UNIT_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
               "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                  "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
                  "twentieth").split()
_VALUE = {w: i for i, w in enumerate(_UNIT_WORDS, 1)} | {w: 10 * i for i, w in enumerate(_TENS, 2)}
_ORDINAL_VALUE = {w: i for i, w in enumerate(_ORDINAL_WORDS, 1)}

_NUM = (r"\d{1,3}|(?:" + "|".join(_TENS) + r")(?:-(?:" + "|".join(_UNIT_WORDS[:9]) + r"))?|"
        + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)))
_ORD = r"\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
_UNIT = r"(?P<unit>year|month|week|decade)s?"
_LONGEST = {"week": 600, "month": 600, "year": 100, "decade": 10}  # no conflict in the tables is older
# One scan over literal words decides whether the rest runs at all: most articles name neither
# an age nor a veto, and "last year" or "years ago" are dismissed by a look at the word before.
# Literal lower-case words are several times faster to scan for than case-insensitive ones.
_TRIGGER = re.compile(r"veto|year|month|week|decade")
# Words that may sit between an age and its noun ("six-year brutal civil war").
_MODIFIERS = ("bloody brutal long old devastating deadly grinding ongoing protracted armed military "
              "violent separatist Islamist jihadist ethnic sectarian bitter internal multi-sided proxy "
              "ruinous costly catastrophic destructive vicious relentless full-scale Russian-backed "
              "Saudi-led US-led U.S.-led NATO-led rebel government low-level simmering").split()

# "Syrian war orphans", "war crimes": the age belongs to the compound, not to the conflict.
_COMPOUND = (r"(?![\s-]+(?i:orphans?|refugees?|veterans?|victims?|survivors?|widows?|child|children|"
             r"boys?|girls?|crimes?|criminals?|zone|correspondents?|reporters?|photographers?|memorial|"
             r"museum|games?|films?|novels?|story|chest|effort|footing|budget|economy|cabinet|room|"
             r"time|era|period|generation|heroes|hero|debts?|reparations|tribunal|trials?|monitors?)\b)")

_VETO = re.compile(r"\bveto(?:ed|es|ing)?\b", re.IGNORECASE)
# Lower-case on purpose: "In May, Russia vetoed" is past, "may veto" is not.
_HYPOTHETICAL = re.compile(
    r"\b(?:would|will|wo|'ll|could|might|may|shall|can|cannot|not|never|threat\w*|vow\w*|pledg\w*|"
    r"promis\w*|expected|likely|set|plan\w*|intend\w*|ready|prepared|poised|going|possible|"
    r"potential|probable|[Ii]f)\b(?:\W+\w+){0,3}\W*$")
_NOT_CAST = re.compile(r"[\s-]*(?:threats?|powers?|wielding|rights?|holders?|holding|proof)\b",
                       re.IGNORECASE)
_INSTITUTION = re.compile(r"\b(?:(?:right|power|use|threat|abolition|reform)\s+of|holds?|holding|"
                          r"wields?|wielding|enjoys?|without|with)\s+(?:the\s+|a\s+|its\s+|their\s+)?$",
                          re.IGNORECASE)
_VETOERS = (("RUS", r"Russia|Russian|Russians|Moscow|Kremlin"),
            ("CHN", r"China|Chinese|Beijing|Sino"),
            ("USA", r"United States|U\.S\.|USA|US|America|American|Americans|Washington"),
            ("GBR", r"United Kingdom|Britain|British|U\.K\.|UK|London"),
            ("FRA", r"France|French|Paris"))
_VETOER = re.compile(r"(?<![\w.])(?:" + "|".join(f"(?P<{code}>{words})" for code, words in _VETOERS)
                     + r")(?![\w])")
_DRAFTER_AFTER = re.compile(r"-(?:drafted|sponsored|proposed|authored|penned|written)\b")
_DRAFTER_BEFORE = re.compile(r"\b(?:drafted|proposed|sponsored|put forward|tabled|submitted|written|"
                             r"penned|introduced|circulated)\s+by\s+(?:the\s+)?$")
_CLAUSE = re.compile(r"[,;:—–]|\b(?:said|says|saying|told|after|when|because|while|but|although|"
                     r"though|since|as|that|which|who)\b")
_BY = re.compile(r"\s+(?:by|from)\s+")
_SUBJECT_WORDS = {
    "SYR": "Syria Syrian Syrians Damascus Assad Aleppo Idlib Douma",
    "PSE": "Gaza Palestine Palestinian Palestinians West_Bank Jerusalem Hamas",
    "ISR": "Israel Israeli Israelis Gaza",
    "UKR": "Ukraine Ukrainian Crimea Kyiv Kiev Donbas MH17", "MH17": "MH17",
    "VEN": "Venezuela Venezuelan Maduro", "MMR": "Myanmar Burma Burmese",
    "ZWE": "Zimbabwe Zimbabwean Mugabe", "GEO": "Georgia Georgian Abkhazia",
    "PRK": "North_Korea North_Korean DPRK Pyongyang", "YEM": "Yemen Yemeni Houthi Houthis",
    "IRN": "Iran Iranian", "SDN": "Sudan Sudanese Darfur", "SSD": "South_Sudan South_Sudanese",
    "MLI": "Mali Malian", "BIH": "Bosnia Bosnian Srebrenica Bihac", "CYP": "Cyprus Cypriot",
    "MKD": "Macedonia Macedonian", "GTM": "Guatemala Guatemalan", "PAN": "Panama",
    "NIC": "Nicaragua Nicaraguan", "ICC": "International_Criminal_Court ICC",
    "chemical": "chemical", "terrorism": "terrorism terrorist terrorists", "climate": "climate",
    "space": "outer_space space",
}
_SUBJECT_CODES: dict[str, frozenset[str]] = {
    word.replace("_", " "): frozenset(c for c, ws in _SUBJECT_WORDS.items() if word in ws.split())
    for words in _SUBJECT_WORDS.values() for word in words.split()}
_SUBJECT = re.compile(r"(?<![\w-])(" + "|".join(
    re.escape(w) for w in sorted(_SUBJECT_CODES, key=len, reverse=True)) + r")(?![\w-])")
_COUNT = re.compile(
    rf"(?i:\b(?P<ord>{_ORD})\s+(?:\w+\s+)?veto(?:es)?\b|\bfor\s+the\s+(?P<time>{_ORD})\s+time\b|"
    rf"\bvetoed\s+(?P<n>{_NUM})\s+(?:\w+\s+){{0,2}}?(?:resolutions|drafts|texts|measures)\b|"
    rf"\b(?P<m>{_NUM})\s+(?:\w+\s+)?vetoes\b)")


@dataclass(frozen=True, slots=True)
class WorldClue:
    """Evidence from world knowledge: the story's date lies in ``[lo, hi]`` (``date.max`` when
    open). ``recent`` is the one dated event the text refers to, which it likely follows closely
    (None for conflict ages); ``candidates`` are the dated events it may refer to (vetoes, in date
    order), so a caller can prefer days soon after one of them."""

    start: int
    end: int
    kind: str
    lo: date
    hi: date
    recent: date | None
    evidence: str
    candidates: tuple[date, ...] = ()
    # A conflict age's own reading: the middle of the days at which the conflict is that old
    # ("the 18-year war": 18½ years on), inside ``[lo, hi]`` even where that is left open
    target: date | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """A row of ``conflicts.tsv``: names are lower-case head nouns, adjectives as written."""

    key: str
    countries: tuple[str, ...]
    names: frozenset[str]
    adjectives: tuple[str, ...]
    start: date
    end: date | None
    source: str


@dataclass(frozen=True, slots=True)
class Veto:
    """A row of ``vetoes.tsv``: a draft resolution vetoed in the Security Council."""

    day: date
    vetoed_by: frozenset[str]
    subjects: frozenset[str]
    draft: str
    source: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Patterns built once from the conflict table (adjectives and names are data, not code)."""

    rows_by_adjective: dict[str, tuple[int, ...]]
    adjective: re.Pattern[str]
    after: re.Pattern[str]
    name: re.Pattern[str]
    age: re.Pattern[str]
    years_of: re.Pattern[str]
    ordinal: re.Pattern[str]


@lru_cache(maxsize=1)
def load_conflicts() -> tuple[Conflict, ...]:
    """The shipped conflict table, in file order (by start date)."""
    return tuple(
        Conflict(row["key"], split_cell(row["country"]),
                 frozenset(n.lower() for n in split_cell(row["names"])), split_cell(row["adjectives"]),
                 date.fromisoformat(row["start"]),
                 date.fromisoformat(row["end"]) if row["end"] else None, row["source"])
        for row in read_tsv("storyline.time", "conflicts.tsv"))


@lru_cache(maxsize=1)
def load_vetoes() -> tuple[Veto, ...]:
    """The shipped veto list, in file order (by date)."""
    return tuple(Veto(date.fromisoformat(row["date"]), frozenset(split_cell(row["vetoed_by"])),
                      frozenset(split_cell(row["subject"])), row["draft"], row["source"])
                 for row in read_tsv("storyline.time", "vetoes.tsv"))


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    conflicts = load_conflicts()
    rows: dict[str, list[int]] = {}
    for index, conflict in enumerate(conflicts):
        for adjective in conflict.adjectives:
            rows.setdefault(_base(adjective), []).append(index)
    adjectives = rf"(?<![\w-])(?P<adj>{_alternation(rows)})(?:['’]s)?(?![\w])"
    names = _alternation(n for c in conflicts for n in c.names)
    modifier = rf"(?i:{_alternation(_MODIFIERS)})|{adjectives.replace('?P<adj>', '')}"
    mods = rf"(?P<mods>(?:(?:{modifier})[\s-]+){{0,3}}?)"
    name = rf"(?i:(?P<name>{names}))\b{_COMPOUND}"
    return _Lexicon(
        {k: tuple(v) for k, v in rows.items()}, re.compile(adjectives),
        re.compile(rf"\s+(?:in|over|across|of|on|inside)\s+(?:the\s+)?(?:[a-z]+[\s-]+)?{adjectives}"),
        re.compile(name),
        re.compile(rf"(?i:\b(?P<n>{_NUM})[-\s]{_UNIT}(?:[-\s](?:old|long))?)[\s-]+{mods}{name}"),
        re.compile(rf"(?i:\b(?P<n>{_NUM})\s+(?:long\s+)?{_UNIT}\s+(?:of|into)\s+(?:the\s+|a\s+)?){mods}{name}"),
        re.compile(rf"(?i:\b(?:in|into|entering|enters|entered|enter)\s+its\s+(?P<n>{_ORD})\s+{_UNIT})\b"))


def _base(adjective: str) -> str:
    """"Syria's" and "Syria’s" name the same row as "Syria"."""
    return re.sub(r"['’]s$", "", adjective)


def _number(word: str) -> int:
    """Digits, "eleven", "twenty-six", "7th" or "seventh" as an integer (0 when unknown)."""
    word = word.lower()
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    if word in _ORDINAL_VALUE:
        return _ORDINAL_VALUE[word]
    return sum(_VALUE.get(part, 0) for part in word.split("-"))


def find_world_clues(text: str, latest: date = HORIZON) -> list[WorldClue]:
    """Conflict-age and veto clues in text order.

    Needs the clean text (``latest``: no age is read as implying a date after it). Produces one
    clue per unambiguous mention; ambiguous, hypothetical or unknown mentions give nothing.
    Never raises on any text.
    """
    hits = _trigger_hits(text)
    if not hits:
        return []
    sentences = Sentences(text)
    clues: list[WorldClue] = []
    for sentence in sorted({sentences.around(pos) for pos in hits}):
        clues.extend(_conflict_clues(text, sentence, latest))
        clues.extend(_veto_clues(text, sentence))
    return sorted(clues, key=lambda c: (c.start, c.end))


def _trigger_hits(text: str) -> list[int]:
    """Offsets of vetoes and of units after a number ("six-year", "six years", "its sixth year")."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters: offsets would drift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return [m.start() for m in _TRIGGER.finditer(lowered)
            if m.group() == "veto" or _after_number(lowered, m.start())]


def _after_number(lowered: str, pos: int) -> bool:
    if pos == 0 or lowered[pos - 1] not in "- \t\n":
        return False
    words = lowered[max(0, pos - 30):pos].replace("-", " ").split()
    if words and words[-1] == "long":
        words.pop()
    if not words:
        return False
    if words[-1].isdigit() or words[-1] in _VALUE:
        return True
    return len(words) > 1 and words[-2] == "its" and (
        words[-1] in _ORDINAL_VALUE or re.fullmatch(r"\d+(?:st|nd|rd|th)", words[-1]) is not None)


# --- conflict ages -------------------------------------------------------------------------------

def _conflict_clues(text: str, sentence: tuple[int, int], latest: date) -> Iterator[WorldClue]:
    lex = _lexicon()
    for pattern, ordinal in ((lex.age, False), (lex.years_of, False), (lex.ordinal, True)):
        for match in pattern.finditer(text, *sentence):
            clue = _conflict_clue(text, match, ordinal, sentence, latest)
            if clue is not None:
                yield clue


def _conflict_clue(text: str, match: re.Match[str], ordinal: bool, sentence: tuple[int, int],
                   latest: date) -> WorldClue | None:
    number, unit = _number(match["n"]), match["unit"].lower()
    head = match if not ordinal else _name_before(text, sentence[0], match.start())
    if not 1 <= number <= _LONGEST[unit] or head is None:
        return None
    name = re.sub(r"\s+", " ", head["name"].lower())
    start, end = min(match.start(), head.start()), max(match.end(), head.end("name"))
    rows = _rows_named(text, sentence, (start, head.end("name")), head.groupdict().get("mods") or "")
    conflicts = load_conflicts()
    found = [(conflicts[i], span) for i in sorted(rows) if name in conflicts[i].names
             for span in [_interval(conflicts[i], number, unit, ordinal, latest)] if span]
    if len(found) != 1:
        return None
    conflict, (lo, hi) = found[0]
    evidence = f"'{text[start:end]}' + {conflict.key} from {conflict.start.isoformat()}"
    target = _shift(conflict.start, unit, number - 0.5 if ordinal else number + 0.5)
    return WorldClue(start, end, "conflict_age", lo, hi, None, evidence,
                     target=min(max(target, lo), hi))


def _name_before(text: str, floor: int, pos: int) -> re.Match[str] | None:
    """The conflict noun an "in its Nth year" refers back to: the last one in the sentence."""
    names = list(_lexicon().name.finditer(text, floor, pos))
    return names[-1] if names else None


def _rows_named(text: str, sentence: tuple[int, int], phrase: tuple[int, int], mods: str) -> set[int]:
    """Rows whose country words tie the mention to them, most specific words first; a later
    tier only narrows the rows an earlier one found, never replaces them."""
    lex = _lexicon()
    s0, s1 = sentence
    before = [m["adj"] for m in lex.adjective.finditer(text, s0, phrase[0])][-1:]
    after_prep = lex.after.match(text, phrase[1], s1)
    after = lex.adjective.search(text, phrase[1], s1)
    tiers = ([m["adj"] for m in lex.adjective.finditer(mods)],
             [after_prep["adj"]] if after_prep else [], before, [after["adj"]] if after else [])
    chosen: set[int] = set()
    for words in tiers:
        rows = {i for w in words for i in lex.rows_by_adjective.get(_base(w), ())}
        if rows and (not chosen or chosen & rows):
            chosen = chosen & rows if chosen else rows
    return chosen


def _interval(conflict: Conflict, number: int, unit: str, ordinal: bool,
              latest: date) -> tuple[date, date] | None:
    """Where the story's date lies if this conflict is ``number`` units old, or None when it
    cannot be (too late for the table, or long after the conflict ended)."""
    if ordinal:
        lo, hi = _shift(conflict.start, unit, number - 1), _shift(conflict.start, unit, number)
    else:
        lo, hi = _shift(conflict.start, unit, number - 0.5), _shift(conflict.start, unit, number + 1)
    hi -= timedelta(days=1)
    if lo > latest:
        return None
    if conflict.end is None:
        return lo, hi
    # Lengths of ended conflicts are counted to different ends ("the 44-month siege" of a
    # 47-month siege): an age that close to the end may be the whole length.
    if hi <= conflict.end - (conflict.end - conflict.start) * 0.15:
        return lo, hi
    if ordinal:
        return (lo, hi) if lo <= conflict.end else None
    if lo > _shift(conflict.end, "year", 1):
        return None
    return min(lo, conflict.end), date.max  # the whole length of an ended conflict


def _shift(day: date, unit: str, count: float) -> date:
    """``day`` moved by ``count`` units (halves allowed), month lengths respected."""
    if unit == "week":
        return day + timedelta(days=round(7 * count))
    months = round(count * {"month": 1, "year": 12, "decade": 120}[unit] * 2)
    whole, half = divmod(months, 2)
    year, month = divmod(day.month - 1 + whole, 12)
    target = date(day.year + year, month + 1, 1)
    last = (date(target.year + target.month // 12, target.month % 12 + 1, 1) - timedelta(days=1)).day
    return target.replace(day=min(day.day, last)) + timedelta(days=15 * half)


# --- vetoes --------------------------------------------------------------------------------------

def _veto_clues(text: str, sentence: tuple[int, int]) -> Iterator[WorldClue]:
    """At most one clue per sentence: the first cast veto that names members and a subject."""
    for match in _VETO.finditer(text, *sentence):
        clue = _veto_clue(text, match, sentence) if _is_cast(text, match, sentence[0]) else None
        if clue is not None:
            yield clue
            return


def _is_cast(text: str, match: re.Match[str], s0: int) -> bool:
    """A veto that happened: not "would veto", "threatened to veto", "veto power", "right of veto"."""
    before = text[max(s0, match.start() - 40):match.start()]
    return not (_HYPOTHETICAL.search(before) or _INSTITUTION.search(before)
                or _NOT_CAST.match(text, match.end()))


def _veto_clue(text: str, match: re.Match[str], sentence: tuple[int, int]) -> WorldClue | None:
    named = _vetoers(text, match, sentence)
    subjects = {code for m in _SUBJECT.finditer(text, *sentence) for code in _SUBJECT_CODES[m.group()]}
    if not named or not subjects:
        return None
    days = tuple(v.day for v in load_vetoes() if named <= v.vetoed_by and v.subjects & subjects)
    if not days:
        return None
    nth = _count(text, sentence)
    if 0 < nth <= len(days):  # news may count from a later start, never from an earlier one
        days = days[nth - 1:]
    evidence = (f"'{match.group()}' by {'+'.join(sorted(named))} on {'/'.join(sorted(subjects))}: "
                f"{len(days)} listed from {days[0].isoformat()}")
    recent = days[0] if len(days) == 1 else None
    return WorldClue(match.start(), match.end(), "veto", days[0], date.max, recent, evidence, days)


def _vetoers(text: str, match: re.Match[str], sentence: tuple[int, int]) -> frozenset[str]:
    """The members said to cast the veto: "vetoed by X", else the clause before the verb, else
    anything before it in the sentence (sponsors of the draft left out)."""
    s0, s1 = sentence
    by = _BY.match(text, match.end(), s1)
    if by:
        clause = _CLAUSE.search(text, by.end(), s1)
        named = _countries(text, by.end(), clause.start() if clause else s1)
        if named:
            return named
    clauses = [m.end() for m in _CLAUSE.finditer(text, s0, match.start())]
    return (_countries(text, clauses[-1], match.start()) if clauses else frozenset()) or \
        _countries(text, s0, match.start())


def _countries(text: str, lo: int, hi: int) -> frozenset[str]:
    return frozenset(
        m.lastgroup for m in _VETOER.finditer(text, lo, hi)
        if m.lastgroup and not _DRAFTER_AFTER.match(text, m.end())
        and not _DRAFTER_BEFORE.search(text[max(lo, m.start() - 30):m.start()]))


def _count(text: str, sentence: tuple[int, int]) -> int:
    """N from "its fourth veto", "for the 12th time", "has vetoed 17 resolutions", "16 vetoes"."""
    match = _COUNT.search(text, *sentence)
    if match is None:
        return 0
    return _number(next(g for g in (match["ord"], match["time"], match["n"], match["m"]) if g))


__all__ = ["HORIZON", "Conflict", "Veto", "WorldClue", "find_world_clues", "load_conflicts",
           "load_vetoes"]
