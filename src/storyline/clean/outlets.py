"""Outlets: the shipped outlet table (``data/outlets.tsv``) and where a document's outlet is
read from — its URL (a share link's, an AMP cache's or a web archive's unwrapped), a site name,
the text's own marks (a wire's dateline credit, a source tag under the headline, a copyright
notice, a credit line that ends the story) and, weakest, an agency the story quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import ParseResult, parse_qs, urlparse

from storyline.datafiles import read_tsv
from storyline.datelines import dateline_match


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
        if agency and (name := _agency_outlet(agency)):
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


def _agency_outlet(credit: str) -> str | None:
    """The outlet a dateline's credit names: an alias, a joint credit ("PTI/IANS",
    :func:`_credited`), or an alias before the name of one of its desks ("CNN Business",
    "Reuters Health"). Where a dateline's agency stands, the words after the outlet's name are
    its desk's; in a sentence the same brackets are a list or an aside (:func:`_marked_outlet`
    reads those)."""
    if name := _credited(credit):
        return name
    words = credit.split()
    for end in range(len(words) - 1, 0, -1):
        if all(word.lower() in _DESKS for word in words[end:]) \
                and (name := _alias_outlet(" ".join(words[:end]))):
            return name
    return None


# A newsroom's desks and services, named after its own name in a credit ("CNN Business",
# "Reuters Health", "AP Sports"); any other word makes another outlet of the name ("Guardian
# Nigeria", "Le Monde Diplomatique", "CNN Indonesia", a franchise owned apart)
_DESKS = frozenset("""
    business money markets finance economy politics world national international sport sports
    health science tech technology travel style entertainment arts culture opinion breakingviews
    graphics video digital online wire live investigates
    """.split())


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
_TRAILER = re.compile(r"(?P<lead>[-–—]{1,2}\s*|(?i:source|sources|via)\s*:?\s+)?"
                      r"(?P<credit>[A-Z][A-Za-z .\-/,&]{1,40}?)\.?")


def trailer_credit(line: str) -> str | None:
    """The outlet a story's last line credits, when that line is nothing but the credit ("—
    AFP", "Source: Reuters", "via AP"; a joint one, "AFP/Reuters"), else None. Kept as a
    paragraph, the credit was a fact-less line of the article, and the story named no outlet.
    Not a photo's credit ("Photo: Reuters") nor a reporting credit ("Reuters contributed to
    this report"), which other rules read."""
    found = _TRAILER.fullmatch(line.strip())
    if found is None or (found.group("lead") is None and len(found.group("credit").strip()) < 3):
        return None  # two letters alone ("AA", "RT") are initials or a unit as often (_strength)
    return _credited(found.group("credit").strip())


def outlet_quoted(body: str) -> str | None:
    """The outlet a story quotes itself to ("a spokesman told AFP", "according to Reuters"):
    agency copy says so of its own reporters, but another paper citing the agency does too, so
    this is the weakest sign of all (after the page's own host)."""
    return next(filter(None, (_alias_outlet(m.group(1)) for m in _TOLD.finditer(body))), None)



def wire_agency(paragraph: str) -> str | None:
    """The news agency a story's dateline names — ``AP`` of ``WASHINGTON (AP) —``, ``TASS`` of
    ``MOSCOW, December 28. /TASS/.``, ``INTERFAX`` of ``Moscow. November 29. INTERFAX -``, ``AP``
    of a credit alone where a place would stand (``AP —``), ``AP`` of a credit before the place
    (``AP, Washington —``: :func:`credit_before_place`) — or None."""
    match = dateline_match(paragraph)
    if match is not None and (found := (match.group("wire") or match.group("agency")
                                        or match.group("signed") or "").strip()
                              or credit_place(match)):
        return found
    return credit_before_place(paragraph)


# An agency's credit before the dateline's place, a comma between: "AP, Washington —",
# "Reuters, London —"
_CREDIT_BEFORE_PLACE = re.compile(r"(?P<credit>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}),"
                                  r"[ \t]{1,3}(?P<place>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})"
                                  r"[ \t]{0,3}(?:—|–|-{1,2})\s")


def credit_before_place(paragraph: str) -> str | None:
    """The agency credited before the place of a story's dateline ("AP, Washington —",
    "Reuters, London —"), or None. The credit is an alias as the table writes it, of two
    capitals or not all in capitals: a word in capitals before a comma is a dateline's town
    with its state or country ("KUNA, Idaho —", "SANA, Yemen —"), and two capitals are no
    town's name (so "AFP, Paris —" is missed). The place is of one to three words and no
    outlet's name: two outlets before a dash are a sentence's subject."""
    match = _CREDIT_BEFORE_PLACE.match(paragraph)
    if match is None:
        return None
    credit = match.group("credit")
    outlet, strength = _aliases().exact.get(credit, (None, _ORDINARY))
    if outlet is None or strength < _SHORT or (credit.isupper() and len(credit) > 2):
        return None
    if _alias_outlet(match.group("place")):  # "Bloomberg, Reuters — the two newswires said"
        return None
    return credit


def credit_place(match: re.Match[str]) -> str | None:
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
