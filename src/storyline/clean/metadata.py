"""Document metadata from the text itself: outlet, explicit publication date, dateline."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

import dateparser

from storyline.datafiles import read_tsv
from storyline.datelines import MONTH_NAMES, dateline_match
from storyline.datelines import MONTHS as _MONTHS
from storyline.records import Dateline, Published

_DATE_PATTERNS = (
    re.compile(r"\b(\d{4}-\d{2}-\d{2})\b"),
    re.compile(rf"\b(\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})\b"),
    re.compile(rf"\b((?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})\b"),
    # "14.09.2021": day first, wherever dots are used; not inside a version or a longer number
    re.compile(r"(?<![\w.])(\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)(?!\.?\d)(?!\w)"),
)
# A dotted date ("14.09.2021", "01.03.16"): the day first, wherever dots are used
DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}


@dataclass(frozen=True, slots=True)
class Outlet:
    outlet_id: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str


@lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """The shipped outlet table (``clean/data/outlets.tsv``)."""
    rows = read_tsv("storyline.clean", "outlets.tsv")
    return tuple(
        Outlet(r["outlet_id"], r["name"], tuple(r["aliases"].split("|")),
               tuple(r["domains"].split("|")), r["country"])
        for r in rows
    )


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern[str], dict[str, Outlet]]:
    by_alias: dict[str, Outlet] = {}
    for outlet in load_outlets():  # curated rows come first and win an alias they share
        for alias in filter(None, outlet.aliases):
            by_alias.setdefault(alias, outlet)
    names = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern, by_alias


def outlet_id_for(name: str | None) -> str | None:
    """The canonical outlet id of an outlet name from the table (None for unknown outlets)."""
    for outlet in load_outlets():
        if outlet.name == name:
            return outlet.outlet_id
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet whose domain the URL's host ends with."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    for outlet in load_outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    return None


# The separators between a site's name and the rest of a title bar ("Reuters | Breaking
# International News", "Talks resume -- Example.com"), and a bare domain ("reuters.com")
NAME_PARTS = re.compile(r"\s+[|\-–—:·•]{1,2}\s+")
DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)


def known_outlet(name: str | None) -> str | None:
    """The canonical outlet a site name names, or None when the table has none: the whole name
    is an alias, or one part of it between separators ("Reuters | Breaking International
    News"), or it is a domain of the table ("reuters.com"). An alias inside a longer name is
    another outlet's: "Associated Press of Pakistan", "Australian Associated Press", "Guardian
    Nigeria"."""
    stripped = (name or "").strip()
    if not stripped:
        return None
    if DOMAIN.fullmatch(stripped):
        return outlet_from_url(stripped)
    return next(filter(None, map(_alias_outlet, (stripped, *NAME_PARTS.split(stripped)))), None)


def _alias_outlet(candidate: str) -> str | None:
    """The outlet whose alias ``candidate`` is, whole, or None."""
    pattern, by_alias = _alias_index()
    match = pattern.fullmatch(candidate.strip())
    return by_alias[match.group(1)].name if match else None


def outlet_from_name(name: str | None) -> str | None:
    """The canonical outlet for a site name or alias, else the name itself."""
    if not name:
        return None
    return known_outlet(name) or name.strip()


_WIRE_MARKS = (
    re.compile(r"/([A-Z][A-Za-z\-]{1,20})/"),
    re.compile(r"\(([A-Za-z][A-Za-z .\-]{1,40})\)"),  # "(AFP)", "(dpa)"
    re.compile(r"\(([A-Z][A-Za-z .]{1,30})\s*[-–—]\s*([A-Za-z .]{2,40})\)"),
)
_NAME_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_LINKING = frozenset("of the and for de la du des".split())


def defines_acronym(before: str, acronym: str) -> bool:
    """Whether the words just before a bracketed acronym spell it ("Alcoholics Anonymous
    (AA)", "the Advanced Placement (AP) exams"): the brackets define a name, they do not
    credit an agency."""
    if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8):
        return False
    words = [w for w in _NAME_WORD.findall(before[-120:]) if w.lower() not in _LINKING]
    tail = words[-len(acronym):]
    if len(words) == len(acronym) + 1 and before.lstrip().lower().startswith("by "):
        return False  # a byline whose initials happen to match: "By Ahmed Patel (AP)"
    return len(tail) == len(acronym) and "".join(w[0] for w in tail).upper() == acronym
_TOLD = re.compile(r"\b(?:told|according to|quoted by)\s+(?:the\s+)?([A-Z][\w-]+(?: [A-Z][\w-]+)*)")


# Site chrome that names its outlet is a logo's or a section's line ("Al Jazeera Blogs", "-
# Sputnik International"); a longer header line is a headline or a sentence, whose "Sputnik V
# shots" or "AA batteries" name no outlet.
_CHROME_WORDS = 5


def outlet_from_text(header: list[str], body_start: list[str], body: str,
                     quoted: bool = True) -> str | None:
    """The outlet named by wire markers, site chrome above the headline, or (``quoted``) 'told
    X' (:func:`outlet_quoted`)."""
    pattern, by_alias = _alias_index()
    known = _alias_outlet
    for line in body_start:  # the dateline's agency first: "BERLIN (dpa) -", "/TASS/"
        match = dateline_match(line)
        agency = match and (match.group("wire") or match.group("agency"))
        if agency and (name := known(agency)):
            return name
    for line in header + body_start:
        for mark in _WIRE_MARKS:
            for match in mark.finditer(line):
                if defines_acronym(line[: match.start()], match.group(1).strip()):
                    continue
                for group in reversed(match.groups()):
                    if group and (name := known(group)):
                        return name
    for line in header:
        if len(line.split()) <= _CHROME_WORDS and (found := pattern.search(line)) \
                and not defines_acronym(line[: found.start()], found.group(1)):
            return by_alias[found.group(1)].name
        if (titled := known_outlet(line)) is not None:  # "Reuters | Breaking International News"
            return titled
    return outlet_quoted(body) if quoted else None


def outlet_quoted(body: str) -> str | None:
    """The outlet a story quotes itself to ("a spokesman told AFP", "according to Reuters"):
    agency copy says so of its own reporters, but another paper citing the agency does too, so
    this is the weakest sign of all (after the page's own host)."""
    return next(filter(None, (_alias_outlet(m.group(1)) for m in _TOLD.finditer(body))), None)


# The words before a date that say which date of the page it is.
DATE_LABEL = re.compile(r"\b(?:(?P<published>published|posted)|(?P<updated>updated|modified|"
                        r"edited|revised|amended))\b", re.IGNORECASE)
_LINE_CHARS = 1000  # a date stamp is short; a header line's first characters are enough


_MAX_DATES = 12


def find_explicit_date(lines: list[str]) -> Published | None:
    """A full calendar date stated in a date-stamp or header line: the first one a label calls
    published ("Published: 1 March 2016"), else the first without a label, else the first
    called updated ("Updated: March 5, 2016", with a lower confidence: the page was published
    that day or before), reading the lines in order and each line from the left."""
    found: list[tuple[int, int, int, str, str]] = []  # (rank, line, start, date, line text)
    tried = 0
    for number, whole in enumerate(lines):
        line = whole[:_LINE_CHARS]
        spans = sorted({(m.start(1), m.end(1)) for pattern in _DATE_PATTERNS
                        for m in pattern.finditer(line)})
        previous = 0
        for start, end in spans:
            if start < previous:
                continue  # inside a date already read ("14 March 2016" holds "March 2016")
            tried += 1  # dateparser costs a millisecond a date: an archive list holds hundreds
            if tried > _MAX_DATES:
                break
            settings: dict[str, object] = {"STRICT_PARSING": True}
            if DOTTED_DATE.fullmatch(line[start:end]):
                settings["DATE_ORDER"] = "DMY"
            parsed = dateparser.parse(line[start:end], languages=["en"], settings=settings)
            labels = list(DATE_LABEL.finditer(line, max(previous, start - 40), start))
            previous = end
            if parsed is None:
                continue
            # the label nearest the date says which it is ("Posted in Politics | Updated …")
            rank = 1 if not labels else 0 if labels[-1].group("published") else 2
            found.append((rank, number, start, parsed.date().isoformat(), whole.strip()))
            if rank == 0:
                break
        if tried > _MAX_DATES or (found and found[-1][0] == 0):
            break
    if not found:
        return None
    rank, _, _, day, line = min(found)
    return Published(day, "explicit", line, 0.95 if rank < 2 else 0.7)


def wire_agency(paragraph: str) -> str | None:
    """The news agency a story's dateline names — ``AP`` of ``WASHINGTON (AP) —``, ``TASS`` of
    ``MOSCOW, December 28. /TASS/.`` — or None."""
    match = dateline_match(paragraph)
    return ((match.group("wire") or match.group("agency") or "").strip() or None) if match else None


# A source tag: a line that is nothing but an outlet's name and other names in brackets,
# joined by a dash, slash or similar ("(MENAFN- Gulf Times)", "(Reuters)", "(AFP / Anadolu)").
# Round brackets only: a roundup of reviews sets each quoted outlet in square ones ("[Wired]")
# between the quotes, and the benchmark's gold keeps some of those.
_TAG = re.compile(r"^\s*\((?P<inner>[^()]{1,120})\)\s*$")
_TAG_SEPARATORS = re.compile(r"\s*(?:[-–—/|:;,]|\bvia\b)\s*")
_NAME = re.compile(r"(?:[A-Z0-9][\w.'&]*)(?: (?:[A-Z0-9&][\w.'&]*|of|the|and|de|al))*")


def source_tag(line: str) -> bool:
    """Whether ``line`` is a syndication or source tag alone on its line: in round brackets, an
    outlet of the shipped table, then nothing or other names joined by a dash, slash or "via"
    — ``(MENAFN- Gulf Times)``, ``(Reuters)``, ``(AFP / Anadolu Agency)``. Aggregators set such a
    tag under the headline to say whose story it is; it is metadata (the outlet), not article
    text. A bracketed line that opens with anything else (a photographer's name, "(Reporting
    by …)", "(Walt Disney Co.)") is not one, nor is one whose later parts are not names."""
    match = _TAG.match(line)
    if not match:
        return False
    pattern, _ = _alias_index()
    parts = [part for part in _TAG_SEPARATORS.split(match.group("inner").strip()) if part]
    return bool(parts) and bool(pattern.fullmatch(parts[0])) and all(
        _NAME.fullmatch(part) for part in parts[1:])


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story, e.g. ``MOSCOW, December 28. /TASS/.``, ``TEHRAN, Jan. 12
    (IRNA) --``, ``PARIS, 14 March 2016 (AFP) -``."""
    match = dateline_match(paragraph)
    if not match:
        return None
    place = match.group("place").rstrip("-\u2013\u2014 ")  # "SAN FRANCISCO--(BUSINESS WIRE)--"
    month_name = match.group("month") or match.group("dmonth")
    month = _MONTH_NUMBER.get(month_name[:3].lower()) if month_name else None
    day_text = match.group("day") or match.group("dday")
    day = int(day_text) if day_text else None
    if month is not None and day is not None and not 1 <= day <= _DAYS_IN[month - 1]:
        month = day = None  # "MAY 45" is no date
    year = int(match.group("year")) if match.group("year") and day is not None else None
    if year is not None and month is not None and day is not None \
            and not (month != 2 or day < 29 or calendar.isleap(year)):
        year = None  # "Feb. 29, 2015": the day and month may stand, the year does not
    return Dateline(place.strip().title() if place.isupper() else place.strip(), month, day,
                    match.group(0).strip(), year)
