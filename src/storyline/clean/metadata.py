"""Document metadata from the text itself: outlet, explicit publication date, dateline."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import ParseResult, parse_qs, urlparse

import dateparser

from storyline.clean.pubtime import ISO_STAMP, stated_time, time_near
from storyline.datafiles import read_tsv
from storyline.datelines import MONTH_NAMES, dateline_match
from storyline.datelines import MONTHS as _MONTHS
from storyline.records import Dateline, Published

_DATE_PATTERNS = (
    # an ISO date, alone or opening a timestamp ("2015-12-18T14:32:00+05:30")
    re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:\b|(?=T\d))"),
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
    kind: str = ""


@lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """The shipped outlet table (``clean/data/outlets.tsv``)."""
    rows = read_tsv("storyline.clean", "outlets.tsv")
    return tuple(
        Outlet(r["outlet_id"], r["name"], tuple(r["aliases"].split("|")),
               tuple(r["domains"].split("|")), r["country"], r["kind"])
        for r in rows
    )


# How much an alias alone says of its outlet. A generated row (kind ``publisher``) copies a
# publisher's name, unreviewed, as its only alias, and a single word there is as often an
# ordinary word that a section label or a menu uses too ("People", "Nature", "Metro", "Wired",
# "ABC") as a distinctive name; one letter ("i") is anything. Such an alias names its outlet
# only as a whole site name, in the case the table writes. Two letters ("AP", "AA", "RT") are
# an agency's credit in brackets, slashes or a dateline, but initials, units or a menu item in
# a short line. The curated rows' longer aliases were chosen to be distinctive: a logo line
# alone says enough ("TASS", "Al Jazeera Blogs"), in any case ("REUTERS", "reuters").
_ORDINARY, _SHORT, _DISTINCT = 0, 1, 2


def _strength(alias: str, outlet: Outlet) -> int:
    if len(alias) < 2 or (outlet.kind == "publisher" and alias.isalpha()):
        return _ORDINARY
    return _SHORT if len(alias) == 2 else _DISTINCT


@dataclass(frozen=True, slots=True)
class _AliasTable:
    exact: dict[str, tuple[Outlet, int]]  # alias as written → outlet, strength
    folded: dict[str, Outlet]  # case-folded distinctive alias, not an acronym → outlet
    written: re.Pattern[str]  # any alias as written, whole words
    chrome: re.Pattern[str]  # a distinctive alias as written or in capitals, whole words

    def find(self, text: str, least: int) -> Outlet | None:
        """The outlet whose alias ``text`` is — as written, or a distinctive alias in any
        case — if that alias is at least ``least`` strong."""
        outlet, strength = self.exact.get(text, (None, _ORDINARY))
        if outlet is not None and strength >= least:
            return outlet
        return self.folded.get(text.casefold())


def _words_pattern(names: list[str]) -> re.Pattern[str]:
    names = sorted(set(names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _aliases() -> _AliasTable:
    exact: dict[str, tuple[Outlet, int]] = {}
    folded: dict[str, Outlet] = {}
    for outlet in load_outlets():  # curated rows come first and win an alias they share
        for alias in filter(None, outlet.aliases):
            strength = _strength(alias, outlet)
            exact.setdefault(alias, (outlet, strength))
            # an acronym in other letters is a word or a name: "Tass", "Sana", "Kuna"
            if strength == _DISTINCT and not (alias.isupper() and " " not in alias):
                folded.setdefault(alias.casefold(), outlet)
    distinct = [a for a, (_, strength) in exact.items() if strength == _DISTINCT]
    return _AliasTable(exact, folded, _words_pattern(list(exact)),
                       _words_pattern(distinct + [a.upper() for a in distinct]))


def outlet_id_for(name: str | None) -> str | None:
    """The canonical outlet id of an outlet name from the table (None for unknown outlets)."""
    for outlet in load_outlets():
        if outlet.name == name:
            return outlet.outlet_id
    return None


# A share link, a redirect or a search engine's cache carries the article's URL in a query
# parameter ("twitter.com/intent/tweet?url=…", "facebook.com/sharer.php?u=…",
# "google.com/url?q=…", "webcache…/search?q=cache:…"); an archive or a proxy carries it in its
# path ("web.archive.org/web/2019…/https://…", "archive.ph/…/https://…"); an AMP cache in its
# path without the scheme ("google.com/amp/s/www.reuters.com/…", "….cdn.ampproject.org/c/s/…").
_WRAPPED_PARAMS = ("url", "u", "q")
_EMBEDDED = re.compile(r"/(https?):/{1,2}(?=[^/\s])", re.IGNORECASE)
_AMP_CACHE = re.compile(r"^/(?:amp|[cvi])/(?P<secure>s/)?(?P<rest>[\w-]+(?:\.[\w-]+)+(?:/.*)?)$")
_ARCHIVED = re.compile(r"^/web/\d+[a-z_]*/(?P<rest>[\w-]+(?:\.[\w-]+)+(?:/.*)?)$")
_WRAPPED_DEPTH = 3  # an archived copy of an AMP page: no wrapper nests deeper in practice


def _parsed(url: str) -> ParseResult | None:
    """``url`` in parts, or None for one that urllib cannot split ("http://[::1": an unclosed
    IPv6 bracket): a record's URL is untrusted input, and a malformed one names no outlet."""
    try:
        parsed = urlparse(url if "//" in url else f"//{url}")
        parsed.hostname  # noqa: B018 - reads the brackets, and raises on unclosed ones
    except ValueError:
        return None
    return parsed


def _host(url: str) -> str:
    """The host of ``url`` in lower case, without the full stop that closes a fully qualified
    name ("www.reuters.com."): the same site as without it."""
    parsed = _parsed(url)
    return ((parsed.hostname if parsed else None) or "").lower().rstrip(".")


def article_url(url: str | None) -> str | None:
    """The article's own URL inside a share link, redirect, AMP cache or web archive wrapper
    (``https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.bbc.co.uk%2Fnews%2Fx`` →
    ``https://www.bbc.co.uk/news/x``), else ``url`` itself: the wrapper's host is a service
    the page passed through, not the outlet that wrote it."""
    for _ in range(_WRAPPED_DEPTH):
        inner = _unwrapped(url) if url else None
        if inner is None:
            break
        url = inner
    return url


def _unwrapped(url: str) -> str | None:
    """The URL one wrapper around ``url`` carries, or None when it is no wrapper."""
    parsed = _parsed(url)
    if parsed is None:
        return None
    query = parse_qs(parsed.query)
    for key in _WRAPPED_PARAMS:
        value = next(iter(query.get(key, ())), "").strip().removeprefix("cache:")
        if re.match(r"https?://[^/\s]", value, re.IGNORECASE):
            return value
    after_host = url.find(parsed.netloc) + len(parsed.netloc) if parsed.netloc else 0
    if embedded := _EMBEDDED.search(url, after_host):
        return f"{embedded.group(1).lower()}://{url[embedded.end():]}"
    host = (parsed.hostname or "").lower()
    if host.endswith(".ampproject.org") or re.match(r"(?:www\.)?google\.[a-z.]+$", host):
        if amp := _AMP_CACHE.match(parsed.path):
            return f"{'https' if amp.group('secure') else 'http'}://{amp.group('rest')}"
    if (host == "archive.org" or host.endswith(".archive.org")) \
            and (archived := _ARCHIVED.match(parsed.path)):
        return f"http://{archived.group('rest')}"
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet whose domain the host of the article's URL (:func:`article_url`) is or ends
    with; of several, the most specific ("fr.euronews.com" over "euronews.com")."""
    if not url:
        return None
    host = _host(article_url(url) or url)
    best: tuple[int, str] | None = None
    for outlet in load_outlets():  # a curated row comes first and keeps a domain it shares
        for domain in outlet.domains:
            if domain and (host == domain or host.endswith("." + domain)) \
                    and (best is None or len(domain) > best[0]):
                best = (len(domain), outlet.name)
    return best[1] if best else None


# The separators between a site's name and the rest of a title bar ("Reuters | Breaking
# International News", "Talks resume -- Example.com"), and a bare domain ("reuters.com")
NAME_PARTS = re.compile(r"\s+[|\-–—:·•]{1,2}\s+")
DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# A site name given as an address ("https://www.reuters.com", "www.bbc.co.uk/news",
# "reuters.com:443"): a CMS that fills the site-name field from its base URL
_SITE_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}\.?(?::\d+)?(?:/\S*)?",
                       re.IGNORECASE)


def known_outlet(name: str | None) -> str | None:
    """The canonical outlet a site name names, or None when the table has none: the whole name
    is an alias, or one part of it between separators ("Reuters | Breaking International
    News"), or it is a domain of the table ("reuters.com"). A distinctive alias counts in any
    case and without a leading "The" or a trailing "News" ("REUTERS", "The Associated Press",
    "AP News"); an ordinary word ("People", "Metro") only as the whole name, as the table
    writes it, and never as a part (a menu's "Home | News | Metro"). An alias inside a longer
    name is another outlet's: "Associated Press of Pakistan", "Australian Associated Press",
    "Guardian Nigeria"."""
    return _named_outlet(name, whole=_ORDINARY, part=_SHORT)


def _named_outlet(name: str | None, whole: int, part: int) -> str | None:
    """:func:`known_outlet` with the least alias strength the whole name and a part need."""
    stripped = (name or "").strip()
    if not stripped:
        return None
    if _SITE_URL.fullmatch(stripped):
        return outlet_from_url(stripped)
    return _alias_outlet(stripped, whole) or next(
        filter(None, (_alias_outlet(p, part) for p in NAME_PARTS.split(stripped))), None)


_THE = re.compile(r"^the\s+", re.IGNORECASE)
# A trailing "News", or the word an outlet names one of its editions with ("CNN
# International", "The Guardian US", "Daily Mail Online", "Kyodo News English"): the same outlet
_NEWS = re.compile(r"\s+(?:news|english|international|online|uk|us)$", re.IGNORECASE)


def _alias_outlet(candidate: str, least: int = _SHORT) -> str | None:
    """The outlet whose alias ``candidate`` is, whole, if the alias is at least ``least``
    strong; else None. Without its "The", "News" or edition ("The Associated Press", "AP
    News", "Reuters UK") only an alias that is no ordinary word counts: "The Sun" is not
    "Sun", "Metro News" not "Metro"."""
    table = _aliases()
    text = " ".join(candidate.split())
    bare = _THE.sub("", text)
    for form, need in ((text, least), (bare, _SHORT), (_NEWS.sub("", text), _SHORT),
                       (_NEWS.sub("", bare), _SHORT)):
        if form and (outlet := table.find(form, max(least, need))) is not None:
            return outlet.name
    return None


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
# A joint credit ("(AFP/Reuters)", "(Reuters, AP)") where a credit stands: before a dateline's
# dash or closing its line. Inside a sentence, outlets in brackets are a list ("state media
# (RT, Sputnik) said", "the networks (CNN and BBC) aired it"), not the story's credit.
_JOINT_MARK = re.compile(r"\(([A-Za-z][A-Za-z .\-/,&]{1,60})\)(?=\s*(?:[-–—]|$))")
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
    X' (:func:`outlet_quoted`). A wire marker may be an agency's two letters ("(AP)"); chrome
    needs a distinctive alias, not an ordinary word that a section label or a menu uses too
    ("People", "Science & Nature", "Home | News | Metro")."""
    table = _aliases()
    for line in body_start:  # the dateline's agency first: "BERLIN (dpa) -", "/TASS/"
        agency = wire_agency(line)
        if agency and (name := _alias_outlet(agency)):
            return name
    for line in header + body_start:
        if name := _marked_outlet(line):
            return name
    for line in header:
        if len(line.split()) <= _CHROME_WORDS and (found := table.chrome.search(line)) \
                and not defines_acronym(line[: found.start()], found.group(1)) \
                and (outlet := table.find(found.group(1), _DISTINCT)) is not None:
            return outlet.name
        # a title bar: "Reuters | Breaking International News"
        if (titled := _named_outlet(line, whole=_DISTINCT, part=_DISTINCT)) is not None:
            return titled
    return _copyright_outlet(header + body.splitlines()) or (
        outlet_quoted(body) if quoted else None)


def _marked_outlet(line: str) -> str | None:
    """The agency a wire marker in ``line`` credits: an alias between slashes or in brackets
    ("/TASS/", "(AFP)"), else a joint credit where a credit stands (:data:`_JOINT_MARK`)."""
    marks = [(mark, _alias_outlet) for mark in _WIRE_MARKS] + [(_JOINT_MARK, _credited)]
    for mark, credited in marks:
        for match in mark.finditer(line):
            if defines_acronym(line[: match.start()], match.group(1).strip()):
                continue
            for group in reversed(match.groups()):
                if group and (name := credited(group)):
                    return name
    return None


_JOINT = re.compile(r"\s*(?:[/,&]|\band\b)\s*")


def _credited(credit: str) -> str | None:
    """The outlet a wire credit names: an alias ("AFP"), or a joint credit whose every part
    is one ("AFP/Reuters", "Reuters, AP"), which names the first. A part that is no outlet
    makes it something else: a photo's credit ("Reuters/Jane Roe")."""
    if name := _alias_outlet(credit):
        return name
    parts = [_alias_outlet(part) for part in _JOINT.split(credit.strip())]
    return parts[0] if len(parts) > 1 and all(parts) else None


# A copyright notice of the text: "Copyright 2015 The Associated Press. All rights reserved.",
# "© 2016 AFP", "Copyright © 2016 The New York Times Company". The year is required: a photo's
# credit ("© Reuters") names the picture's owner, not the story's.
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b\s*|©\s*|\(c\)\s*)+(?:19|20)\d\d"
                        r"(?:\s*[-–]\s*(?:19|20)?\d\d)?,?\s+(?:by\s+)?"
                        r"(?P<holder>[^,;|©]+?)\s*(?:[,;|]|\.(?:\s|$)|\ball rights\b|$)",
                        re.IGNORECASE)
_COMPANY = re.compile(r"\s+(?:company|co|corp|corporation|inc|ltd|limited|llc|plc)\.?$",
                      re.IGNORECASE)


def _copyright_outlet(lines: list[str]) -> str | None:
    """The outlet a copyright notice names as the text's holder, its company form too ("The
    New York Times Company"): a syndicated story keeps its agency's notice below it."""
    for line in lines:
        if match := _COPYRIGHT.match(line):
            holder = match.group("holder")
            if name := _alias_outlet(holder) or _alias_outlet(_COMPANY.sub("", holder)):
                return name
    return None


# A credit line that ends a story: "— AFP", "-- Reuters", "Source: Reuters", "via AP", "AFP"
_TRAILER = re.compile(r"(?:[-–—]{1,2}\s*|(?i:source|sources|via)\s*:?\s+)?"
                      r"(?P<credit>[A-Z][A-Za-z .\-/,&]{1,40}?)\.?")


def trailer_credit(line: str) -> str | None:
    """The outlet a story's last line credits, when that line is nothing but the credit ("—
    AFP", "Source: Reuters", "via AP"; a joint one, "AFP/Reuters"), else None. Kept as a
    paragraph, the credit was a fact-less line of the article, and the story named no outlet.
    Not a photo's credit ("Photo: Reuters") nor a reporting credit ("Reuters contributed to
    this report"), which other rules read."""
    found = _TRAILER.fullmatch(line.strip())
    return _credited(found.group("credit").strip()) if found else None


def outlet_quoted(body: str) -> str | None:
    """The outlet a story quotes itself to ("a spokesman told AFP", "according to Reuters"):
    agency copy says so of its own reporters, but another paper citing the agency does too, so
    this is the weakest sign of all (after the page's own host)."""
    return next(filter(None, (_alias_outlet(m.group(1)) for m in _TOLD.finditer(body))), None)


# The words before a date that say which date of the page it is.
DATE_LABEL = re.compile(r"\b(?:(?P<published>published|posted)|(?P<updated>updated|modified|"
                        r"edited|revised|amended))\b", re.IGNORECASE)
_LINE_CHARS = 1000  # a date stamp is short; a header line's first characters are enough
# Words that make the date after them another thing's: a person's birth or death, the day an
# archive or a reader saved or read the page, an outlet's founding.
_OTHER_DATE = re.compile(r"\b(?:born|died|archived|retrieved|accessed|captured|saved|founded|"
                         r"established|since|copyright)\b", re.IGNORECASE)


_MAX_DATES = 12


def find_explicit_date(lines: list[str]) -> Published | None:
    """A full calendar date stated in a date-stamp or header line: the first one a label calls
    published ("Published: 1 March 2016"), else the first without a label, else the first
    called updated ("Updated: March 5, 2016", with a lower confidence: the page was published
    that day or before), reading the lines in order and each line from the left."""
    # (rank, line, start, date, line text, end)
    found: list[tuple[int, int, int, str, str, int]] = []
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
            other = list(_OTHER_DATE.finditer(line, max(previous, start - 40), start))
            previous = end
            if parsed is None or (other and (not labels or other[-1].start() > labels[-1].start())):
                continue  # "(born 12 May 1984)", "Archived on 2 January 2024"
            # the label nearest the date says which it is ("Posted in Politics | Updated …")
            rank = 1 if not labels else 0 if labels[-1].group("published") else 2
            found.append((rank, number, start, parsed.date().isoformat(), whole.strip(), end))
            if rank == 0:
                break
        if tried > _MAX_DATES or (found and found[-1][0] == 0):
            break
    if not found:
        return None
    rank, number, start, day, _, end = min(found)
    # an update's time is not the publication's
    line = lines[number][:_LINE_CHARS]
    # an ISO timestamp printed whole ("2015-12-18T14:32:00+05:30"): its clock and zone
    stamp = ISO_STAMP.match(line, start) if line[end:end + 1] == "T" else None
    clock = None if rank == 2 else stated_time(stamp.group()) if stamp \
        else time_near(line, start, end)
    return Published(day, "explicit", lines[number].strip(), 0.95 if rank < 2 else 0.7, clock)


def wire_agency(paragraph: str) -> str | None:
    """The news agency a story's dateline names — ``AP`` of ``WASHINGTON (AP) —``, ``TASS`` of
    ``MOSCOW, December 28. /TASS/.``, ``INTERFAX`` of ``Moscow. November 29. INTERFAX -``, ``AP``
    of a credit alone where a place would stand (``AP —``) — or None."""
    match = dateline_match(paragraph)
    if not match:
        return None
    return (match.group("wire") or match.group("agency") or match.group("signed") or "").strip() \
        or _credit_place(match)


def _credit_place(match: re.Match[str]) -> str | None:
    """The agency a dateline's place is when it is no place but an outlet's name: a story that
    opens with its agency's credit alone ("AP —", "REUTERS -", "REUTERS, JAN 5:") has no
    dateline, and the name is its credit. An ordinary word of the table ("METRO") is not taken
    for one; nor is a name with its state or country, a town's ("KUNA, Idaho —", "SANA, Yemen
    —"), nor a name alone before a colon, a speaker's label in a transcript ("BLOOMBERG: We
    need…")."""
    if match.group("wire") or match.group("agency") or match.group("signed"):
        return None
    place = match.group("place").rstrip("-\u2013\u2014 ")
    if "," in place or (match.group(0).rstrip().endswith(":") and not match.group("date")):
        return None
    return place if _alias_outlet(place) else None


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
    parts = [part for part in _TAG_SEPARATORS.split(match.group("inner").strip()) if part]
    return bool(parts) and bool(_aliases().written.fullmatch(parts[0])) and all(
        _NAME.fullmatch(part) for part in parts[1:])


# A one-word place closed by a full stop before the date ("Moscow. November 29. INTERFAX -");
# after a comma, a full stop closes an abbreviation ("Baltimore, Md.", "Washington, D.C.")
_SENTENCE_STOP = re.compile(r"^[^,]*(?<![\w.])[^\W\d_]{3,}\.$")


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story, e.g. ``MOSCOW, December 28. /TASS/.``, ``TEHRAN, Jan. 12
    (IRNA) --``, ``PARIS, 14 March 2016 (AFP) -``."""
    match = dateline_match(paragraph)
    if not match or _credit_place(match):
        return None
    place = match.group("place").rstrip("-\u2013\u2014 ")  # "SAN FRANCISCO--(BUSINESS WIRE)--"
    if _SENTENCE_STOP.search(place):
        place = place[:-1]  # "Moscow. November 29.": the city's full stop, not "D.C." or "Calif."
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
    return Dateline(place_case(place.strip()), month, day, match.group(0).strip(), year)


# Small words inside a place's name, lower case in its usual spelling ("Rio de Janeiro",
# "Stratford-upon-Avon", "Bandar Seri Begawan" has none)
_PLACE_PARTICLES = frozenset("de da do dos das del della di du des la le les of on upon am an "
                             "im in el y au aux sur en".split())


def place_case(place: str) -> str:
    """A dateline's place as the name is spelled: each part the agency set in capitals
    ("RIO DE JANEIRO, Brazil", "ST. PETERSBURG") in title case, the small words inside a
    name in lower case ("Rio de Janeiro, Brazil"); parts already in mixed case stay."""
    parts = []
    for part in place.split(","):
        if part.isupper():
            words = re.split(r"([\s-]+)", part.title())
            part = "".join(word.lower() if 0 < i < len(words) - 1 and word.lower()
                           in _PLACE_PARTICLES else word for i, word in enumerate(words))
        parts.append(part)
    return ",".join(parts)
