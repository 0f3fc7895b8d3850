"""Page metadata (title, date, site name, canonical URL, author) from a parsed HTML tree.

Trafilatura's own ``extract_metadata`` also looks for categories, tags, a licence and authors
in the page's markup, which cost more than the main-text extraction of an average page and
which no stage uses. This module calls the same trafilatura and htmldate readers for the fields
the cleaner keeps, in the order ``extract_metadata`` applies them (meta tags, then JSON-LD, then
the page's own markup), so the values are the ones trafilatura would give; the author is the
one its meta-tag and JSON-LD readers give (a byline in the text is read by the cleaner).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property

from htmldate import find_date
from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor
from lxml.html import HtmlElement
from trafilatura import metadata as tm

from storyline.clean.linerules import TERMINAL
from storyline.clean.outlets import DOMAIN, NAME_PARTS
from storyline.clean.pubtime import stated_time

log = logging.getLogger(__name__)

_SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself; ``None`` where it says nothing."""

    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    # the page marks when it was modified and nowhere when it was published: ``date`` may be
    # the modification's (htmldate falls back to it)
    modified_only: bool = False
    # the page tags when it was published (a meta tag, JSON-LD's datePublished, <time
    # pubdate>): ``date`` is no date htmldate read off the page's printed text
    tagged: bool = False
    # the time of day the page's publication tag gives with ``date`` ("14:32:00+03:00")
    time: str | None = None
    # who the page's author tags (meta tags, JSON-LD) name, as trafilatura reads them
    author: str | None = None


def page_metadata(tree: HtmlElement) -> PageMeta:
    """Title, publication date (htmldate, original date, no extensive search), site name and
    canonical URL of a parsed page. Never raises: a reader that fails leaves its field empty
    (trafilatura's JSON-LD reader is known to raise on malformed scripts)."""
    meta = tm.examine_meta(tree)
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception as exc:  # noqa: BLE001 - third-party parser of untrusted JSON-LD
        log.debug("JSON-LD metadata unreadable: %s", exc)
    tags = Tags(tree)
    title = _own_title(tags, meta.title) or tm.extract_title(tree)
    url = meta.url or tm.extract_url(tree)
    try:
        published = find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception as exc:  # noqa: BLE001 - htmldate on hostile markup
        log.debug("htmldate failed: %s", exc)
        published = None
    if published is not None and published in _other_stories_dates(tags, url):
        published = _own_date(tags)
    slashed = _slashed_published(tags)
    if slashed is not None and (published is None or published in {
            r.isoformat() for r in slashed_readings(slashed)}):
        published = slashed  # "07/05/2012": htmldate reads it day first; the cleaner decides
    tagged = _tags_publication(tags)
    clock = _published_time(tags, published) if published is not None and tagged else None
    return PageMeta(title, published, _sitename(meta.sitename or _title_domain(tree), url),
                    url, published is not None and not tagged and _modified_only(tags, published),
                    tagged, clock, meta.author)


class Tags:
    """A parsed page's meta tags, JSON-LD scripts and ``<time>`` days, each looked up once:
    :func:`page_metadata`'s readers asked the tree for them up to five times each, and parsed
    the scripts four times (1 ms a page). Read before the page is changed (scripts stripped)."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._loaded: dict[int, object] = {}

    @cached_property
    def metas(self) -> list[HtmlElement]:
        """The ``<meta>`` elements with a ``content``, in page order."""
        return list(self.tree.xpath("//meta[@content]"))

    @cached_property
    def scripts(self) -> list[str]:
        """The texts of the JSON-LD scripts, in page order."""
        found = self.tree.xpath('//script[@type="application/ld+json"]/text()')
        return [str(text) for text in found]

    @cached_property
    def scripts_text(self) -> str:
        return " ".join(self.scripts)

    @cached_property
    def time_dates(self) -> tuple[list[str], list[str]]:
        return _time_dates(self.tree)

    def loaded(self, number: int) -> object:
        """Script ``number`` parsed, or :data:`_UNREADABLE` (no JSON, or nested past the
        parser's stack)."""
        if number not in self._loaded:
            try:
                self._loaded[number] = json.loads(self.scripts[number])
            except (ValueError, RecursionError):
                self._loaded[number] = _UNREADABLE
        return self._loaded[number]


_UNREADABLE = object()


def _published_time(tags: Tags, day: str) -> str | None:
    """The time of day the page's publication tags give with the day it is dated
    (``pubtime.stated_time``): a publication meta tag's, its own JSON-LD record's
    ``datePublished``, a ``<time pubdate>``'s, in that order (with its zone when a later tag
    gives the same clock with one); a tag of another day (a related story's, an update's) says
    nothing of this one, nor does one in a box about other stories (a related story's
    ``<time pubdate>`` or microdata ``<meta itemprop="datePublished">`` of the same day)."""
    values = [element.get("content") or "" for element in tags.metas
              if {(element.get(a) or "").strip().lower()
                  for a in ("property", "name", "itemprop")} & _PUBLISHED_TAGS
              and not _of_other_stories(element)]
    values += [str(record["datePublished"]) for record, own in _json_records(tags) if own]
    values += [element.get("datetime") or "" for element in tags.tree.xpath("//time[@pubdate]")
               if not _of_other_stories(element)]
    clocks = [clock for value in values if value.strip().startswith(day)
              and (clock := stated_time(value[:64])) is not None]
    if not clocks:
        return None
    # a tag without a zone ("2019-11-19 05:45:00") and one with it of the same clock: the zone
    return next((c for c in clocks if len(c) > 8 and c[:8] == clocks[0][:8]), clocks[0])


# "07/05/2012", "07-05-2012", "07/05/12" (the same separator twice; a year of two digits)
_SLASHED = re.compile(r"\s*(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# htmldate's own range: no page of the web is dated before 1995
_FIRST_YEAR = 1995


def _slashed_published(tags: Tags) -> str | None:
    """The first publication meta tag's value when it is a slashed date ("07/05/2012",
    "12/25/2012 10:14 AM") and the page states its publication nowhere in ISO form (another
    meta tag, JSON-LD, ``<time>``): htmldate reads slashed dates day first and drops those
    that cannot be (12/25), where the form is mostly an American CMS's, month first. Years
    outside htmldate's range (1995 to next year) are left to it."""
    slashed = modified = None
    for element in tags.metas:
        names = {(element.get(a) or "").strip().lower() for a in ("property", "name", "itemprop")}
        published, changed = bool(names & _PUBLISHED_TAGS), bool(names & _MODIFIED_TAGS)
        if not (published or changed):
            continue
        content = (element.get("content") or "").strip()
        if _ISO.match(content):
            return None
        if slashed_readings(content, (_FIRST_YEAR, date.today().year + 1)):
            if published and slashed is None:
                slashed = content[:40]
            elif changed and modified is None:
                modified = content[:40]  # htmldate falls back to it, read day first too
    slashed = slashed or modified
    if slashed is None:
        return None
    if _JSON_PUBLISHED.search(tags.scripts_text) \
            or tags.tree.xpath("//time[@datetime or @pubdate]"):
        return None
    return slashed


def slashed_readings(value: str, years: tuple[int, int] = (1900, 2100)) -> list[date]:
    """The valid readings of a slashed date ("07/05/2012", "07-05-2012", "07/05/12"), month
    first first; one when the
    other is impossible ("12/25/2012", "25/12/2012") or both are the same day; none outside
    ``years`` (the years news is dated in)."""
    match = _SLASHED.match(value)
    if match is None:
        return []
    a, b, year = int(match[1]), int(match[3]), int(match[4])
    if len(match[4]) == 2:  # "19" is 2019, "98" 1998: no later than next year
        year += 2000 if 2000 + year <= date.today().year + 1 else 1900
    if not years[0] <= year <= years[1]:
        return []
    readings: list[date] = []
    for month, day in ((a, b), (b, a)):
        try:
            reading = date(year, month, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    return readings


def slashed_order(value: str) -> str | None:
    """The order a slashed date shows by itself: "day_first" for "25/01/2024", "month_first"
    for "01/25/2024"; None for any other date, or one whose day and month could swap."""
    match = _SLASHED.match(value)
    if match is None or len(slashed_readings(value)) != 1:
        return None
    first, second = int(match[1]), int(match[3])
    return "day_first" if first > 12 >= second else "month_first" if second > 12 >= first else None


# The meta tags (property, name or itemprop, lower case) that say when a page was published,
# and those that say when it was modified.
_PUBLISHED_TAGS = frozenset({
    "article:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "og:published_time",
    "parsely-pub-date", "sailthru.date", "article.published", "published_time", "datecreated",
    "original-publish-date", "article:published"})
_MODIFIED_TAGS = frozenset({
    "article:modified_time", "datemodified", "og:updated_time", "last-modified",
    "dcterms.modified", "article:modified", "modified_time"})
_JSON_PUBLISHED = re.compile(r'"date(?:Published|Created)"')
_JSON_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{0,40})"')


def _tags_publication(tags: Tags) -> bool:
    """Whether the page tags when it was published: a meta tag or an ``itemprop`` of
    :data:`_PUBLISHED_TAGS`, JSON-LD's ``datePublished`` or ``dateCreated``, ``<time
    pubdate>``."""
    names = {(element.get(attribute) or "").strip().lower()
             for element in tags.metas for attribute in ("property", "name", "itemprop")}
    names.update(v.strip().lower() for v in tags.tree.xpath("//@itemprop"))
    return bool(names & _PUBLISHED_TAGS) or bool(_JSON_PUBLISHED.search(tags.scripts_text)) \
        or bool(tags.tree.xpath("//time[@pubdate]"))


def _modified_only(tags: Tags, found: str) -> bool:
    """Whether the date htmldate ``found`` is the page's modification time (a meta tag's or
    JSON-LD's), asked of a page that names no publication time (:func:`_tags_publication`). A
    date it took from elsewhere (the URL's /2016/03/01/) is not."""
    modified = [element.get("content") or "" for element in tags.metas
                if any((element.get(a) or "").strip().lower() in _MODIFIED_TAGS
                       for a in ("property", "name", "itemprop"))]
    modified += _JSON_MODIFIED.findall(tags.scripts_text)
    return any(value.strip().startswith(found[:10]) for value in modified)


# The class or id of a box about other stories or people: a token that starts with the word
# ("related-stories", "sidebar-right", "most-read"), not one that only holds it ("with-sidebar").
_BOX_LABEL = re.compile(r"\s(?:related|recommend\w*|trending|popular|sidebar|comments?|teasers?|"
                        r"promo|read-?next|see-?also|latest|most|more)(?:[-_]\w+)*\s", re.I)
# Running text: a paragraph or list item of a dozen words or more around the <time> that ends
# like a sentence (a byline of many names and places before its <time> does not).
_RUNNING_WORDS = 12


def _of_other_stories(element: HtmlElement) -> bool:
    """Whether a tag of the page's body dates another story: it sits in a box about other
    stories (:func:`_in_box`), or in a ``<footer>`` of the page rather than of its
    ``<article>`` (an article's own footer holds its microdata ``datePublished``)."""
    footer = False
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main"):
            return False
        if ancestor.tag in ("body", "html"):
            return footer
        if ancestor.tag == "footer":
            footer = True
        elif ancestor.tag in ("aside", "nav") or _BOX_LABEL.search(
                f" {ancestor.get('class') or ''} {ancestor.get('id') or ''} "):
            return True
    return footer


def _iso_day(value: str | None) -> str | None:
    match = _ISO.match((value or "").strip())
    return match.group() if match else None


def _json_records(tags: Tags, key: str = "datePublished"
                  ) -> Iterator[tuple[dict[str, object], bool]]:
    """Every object of the page's JSON-LD with a ``key`` (``datePublished``), and whether it
    is the page's own record: at the top of its script or of its ``@graph`` (a NewsArticle, a
    WebPage, a ClaimReview), not an item of a list of stories, a live blog's update or a work
    the record cites. A script that is no JSON, or nests past the parser's stack, is skipped."""
    def walk(node: object, top: bool) -> Iterator[tuple[dict[str, object], bool]]:
        if isinstance(node, list):
            for item in node:
                yield from walk(item, top)
        elif isinstance(node, dict):
            if key in node:
                yield node, top
            for name, value in node.items():
                yield from walk(value, top and name == "@graph")
    for number, script in enumerate(tags.scripts):
        if f'"{key}"' not in script or (data := tags.loaded(number)) is _UNREADABLE:
            continue
        try:
            records = list(walk(data, True))
        except RecursionError:
            continue
        yield from records


def _own_title(tags: Tags, found: str | None) -> str | None:
    """The page's title as trafilatura's meta readers found it (``found``), unless that is the
    headline of an item inside the page's JSON-LD record — a live blog's update, a listed
    story — rather than of the record itself: trafilatura's JSON-LD reader takes the last
    headline it meets, so a live blog was titled by its latest entry. Then the record's own
    headline, else None (the page's ``<title>`` is read next)."""
    if not found:
        return found
    own: list[str] = []
    nested: set[str] = set()
    for record, top in _json_records(tags, "headline"):
        headline = record["headline"]
        if not isinstance(headline, str) or not headline.strip():
            continue
        if top:
            own.append(headline.strip())
        else:
            nested.add(headline.strip())
    if found.strip() in nested and found.strip() not in own:
        return own[0] if own else None
    return found


def _time_dates(tree: HtmlElement) -> tuple[list[str], list[str]]:
    """The days of the page's ``<time>`` elements: those that may date the page itself (the
    story's header, a byline) in page order, and those that cannot — inside a box about other
    stories or in a paragraph of running text ("unveiled on <time>June 1, 2009</time>")."""
    own: list[str] = []
    other: list[str] = []
    for element in tree.xpath("//time[@datetime]"):
        day = _iso_day(element.get("datetime"))
        if day is None:
            continue
        paragraph = next(iter(element.xpath("ancestor::p[1] | ancestor::li[1]")), None)
        text = " ".join(paragraph.text_content().split()) if paragraph is not None else ""
        running = len(text.split()) >= _RUNNING_WORDS and TERMINAL.search(text) is not None
        (other if running or _in_box(element) else own).append(day)
    return own, other


def _in_box(element: HtmlElement) -> bool:
    """Whether ``element`` sits in a box about other stories or people (an ``<aside>``, a
    ``<nav>``, a ``<footer>``, an element whose class or id names one: "related-stories",
    "sidebar", "comments"), below the ``<article>`` or ``<main>`` that holds it, if any: a
    layout class on a wrapper of the whole story ("layout with-sidebar") says nothing."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main", "body", "html"):
            return False
        if ancestor.tag in ("aside", "nav", "footer") or _BOX_LABEL.search(
                f" {ancestor.get('class') or ''} {ancestor.get('id') or ''} "):
            return True
    return False


def _own_date(tags: Tags) -> str | None:
    """The day the page dates its own story: its own JSON-LD record's ``datePublished``,
    else the first ``<time>`` outside boxes and running text; None when it gives neither."""
    for record, own in _json_records(tags):
        if own and (day := _iso_day(str(record["datePublished"]))):
            return day
    own_times = tags.time_dates[0]
    return own_times[0] if own_times else None


def _other_stories_dates(tags: Tags, url: str | None) -> set[str]:
    """Days that date only other stories or what the story tells of: htmldate, looking for the
    original date, takes the oldest it finds, and a related story's ``<time>``, a JSON-LD list
    of other stories or a ``<time>`` in a paragraph ("the design, unveiled on June 1, 2009")
    is older than the page. A day the page also gives for itself (a publication meta tag, its
    article record, a header ``<time>``, its URL) is not among them."""
    own_times, other_times = tags.time_dates
    other = set(other_times)
    own = set(own_times)
    for record, is_own in _json_records(tags):
        if (day := _iso_day(str(record["datePublished"]))) is not None:
            (own if is_own else other).add(day)
    if not other:
        return other
    for element in tags.metas:
        names = {(element.get(a) or "").strip().lower() for a in ("property", "name", "itemprop")}
        if names & _PUBLISHED_TAGS and (day := _iso_day(element.get("content"))):
            own.add(day)
    if (stated := url_date(url, date.max)) is not None:
        own.add(stated.isoformat())
    return other - own


_SITE_WORDS = 5


def _title_domain(tree: HtmlElement) -> str | None:
    """The site a page's title names after its headline: a later part that is a domain
    ("Inflation falls to 2.9% in February | Example.com"), else a last part of a few words
    holding a full stop ("U.S. News & World Report", "St. Louis Post-Dispatch"), else None.
    Trafilatura took the first part holding a full stop, so a headline part ("Inflation
    falls to 2.9% in February", "U.S. envoy arrives in Manila") passed for the site name."""
    title = " ".join((tree.findtext(".//title") or "").split())
    parts = [part.strip() for part in NAME_PARTS.split(title) if part.strip()]
    if len(parts) < 2:
        return None
    for part in reversed(parts[1:]):
        if DOMAIN.fullmatch(part):
            return part
    last = parts[-1]
    return last if "." in last and len(last.split()) <= _SITE_WORDS else None


def _sitename(name: str | None, url: str | None) -> str | None:
    """Trafilatura's normalisation: no leading "@", capitalised unless it is a domain, and the
    URL's host when the page names no site."""
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    return host_name(url)


def url_date(url: str | None, latest: date) -> date | None:
    """The full date a URL's path states ("/2019/11/18/", "/2019-11/18/"), read by htmldate's
    URL reader, between 1995 and ``latest``; None when it states none or only a month."""
    if not url:
        return None
    options = Extractor(False, datetime.combine(latest, time.max), datetime(1995, 1, 1), True,
                        "%Y-%m-%d")
    try:
        found = extract_url_date(url, options)
    except Exception:  # noqa: BLE001 - a third-party reader of an untrusted string
        return None
    return date.fromisoformat(found) if found else None


def host_name(url: str | None) -> str | None:
    """A URL's host without "www." ("https://www.example.com/a" → "example.com"), or None."""
    match = _SITE_FROM_URL.match(url or "")
    return match[1] if match else None
