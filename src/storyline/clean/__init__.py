"""Clean: a :class:`RawDoc` becomes a :class:`Document` (main text + metadata).

Entry point: :func:`clean`. HTML goes through trafilatura; scraped plain text through the
line-level boilerplate filter in :mod:`storyline.clean.boilerplate`. Both then share duplicate
paragraph removal, outlet and explicit-date detection and dateline parsing.
Rejects (``InputRejected``): ``no_main_text``, ``truncated_html``, ``too_many_lines`` (scraped
text over ``max_doc_lines``), ``error_page`` (a server's error page or a bot check saved in place
of the story: :mod:`storyline.clean.errorpage`), ``too_short``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import PurePath

import dateparser

from storyline.clean.authors import author_names
from storyline.clean.boilerplate import (
    LineVerdict,
    bare_title,
    classify_lines,
    dated_stamp,
    headline_above,
    non_latin_share,
    removed_lines,
    split_desk_code,
)
from storyline.clean.errorpage import error_page
from storyline.clean.html import extract_html
from storyline.clean.htmlmeta import host_name, slashed_order, slashed_readings, url_date
from storyline.clean.linefeatures import LineStats, is_notice
from storyline.clean.linerules import is_byline, is_prose
from storyline.clean.metadata import DATE_LABEL, DOTTED_DATE, find_explicit_date, parse_dateline
from storyline.clean.outlets import (
    article_url,
    known_outlet,
    outlet_from_text,
    outlet_from_url,
    outlet_id_for,
    outlet_quoted,
    trailer_credit,
)
from storyline.clean.pubdate import earliest_possible, infer_published
from storyline.clean.pubtime import NUMBER_STAMP, number_moment, stated_time
from storyline.clean.unwrap import unwrap
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.ids import doc_id_for
from storyline.records import Dateline, Document, Published, RawDoc, Removed

# v30 an undated page dated by its archived URL, the fetch date as the latest an undated story
# can be; v29 a file's slashed dates read in the order its records show;
# v28 outlets: joint agency credits, copyright notices, an agency credit where a dateline
# place stands ("AP —", "REUTERS, JAN 5 -"), editions ("CNN International"), site names as URLs;
# error pages and bot checks quarantined (error_page); "(c) 2016 X. All rights reserved." legal;
# a credit line ending the story ("— AFP", "Source: Reuters") is a trailer and names the outlet;
# authors (record fields, feed entries, page tags, bylines);
# v27 a reviewer's false positives of v26 mended (India's IST, a kick-off's clock, a related
# story's time, a label before a date in capitals taken for a dateline);
# v26 the time of day with the date, dates and datelines in capitals; v25 a reviewer's false
# positives of v24 mended; v24 inference: anniversaries, wrong weekdays, plans, placeholder
# dates; v23 bare text in a page's articleBody; v22 bylines alone on their line, factbox rows;
# v21 a reviewer's false positives of v16-v20 mended, v20 story lists, live entries' buttons,
# question headlines, PTI codes, v19 outlets (ordinary words, wrapped URLs, any case, Interfax's
# dateline), v18 bare-div paragraphs, captions with credits, stamps and notices that are
# sentences, v17 dates of other stories and of updates, v16 reporting credits left out of HTML,
# v15 bare-text notes, v14 e-mail lines, v13 first takes, v12 article notes, v11 title labels,
# v10 desk codes run on
VERSION = "clean.lines.v30"
_WORD = re.compile(r"\w+")
_DATELINE_REACH = 4
# A reader's comment under its writer's name and date ("Joe B. on 3 January 2020: Great news
# …", "Ann, March 3, 2017 at 10:07: I disagree"): the date is the comment's.
_COMMENT_DAY = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2}"
                r"(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})")
_COMMENT_HEADER = re.compile(
    r"\W*(?!(?i:by|(?:first |last |originally )?(?:published|posted|updated|modified|date))\b)"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},?\s+(?:on\s+)?" + _COMMENT_DAY
    + r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d\s*(?i:[ap]\.?m\.?)?)?\s*:\s+\S+\s+\S+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?=$|[T ])")


def clean(raw: RawDoc, settings: Settings, stats: LineStats | None = None) -> Document:
    """Clean one raw input into a Document. ``stats`` are line statistics of the corpus the
    input belongs to (:func:`corpus_stats`): a line recurring across an outlet's pages is
    chrome."""
    page = _ordered(_Page.from_raw(raw, settings.max_doc_chars), raw, settings)
    if len(page.text) > settings.max_doc_chars:  # a JSON-LD articleBody a script carried
        raise InputRejected("too_large", f"the main text is {len(page.text)} characters, over "
                            f"max_doc_chars ({settings.max_doc_chars})")
    settings = _fetched_bound(raw, settings)
    extracted = raw.media_type == "text/html"
    text = page.text if extracted else unwrap(page.text)  # hard-wrapped text: its lines whole
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not (extracted or settings.text_is_clean) and len(lines) > settings.max_doc_lines:
        raise InputRejected("too_many_lines", f"{len(lines)} lines of scraped text exceed "
                            f"max_doc_lines ({settings.max_doc_lines})")
    found_title, verdicts = classify_lines(lines, extracted=extracted,
                                           stats=stats, clean_text=settings.text_is_clean)
    kept = [v.text for v in verdicts if v.keep]
    removed = removed_lines(verdicts) + page.lost
    code = split_desk_code(kept[-1]) if kept and not settings.text_is_clean else None
    if code is not None:  # "… officials said. Enditem": the copy's last line and a desk code
        kept[-1], removed = code[0], (*removed, Removed(code[1], "trailer"))
    credit = trailer_credit(kept[-1]) if len(kept) > 1 and not settings.text_is_clean else None
    if credit is not None:  # "— AFP", "Source: Reuters": the agency's credit below its copy
        removed = (*removed, Removed(kept.pop(), "trailer"))
    body = "\n\n".join(kept)
    words = len(_WORD.findall(body))
    if (why := error_page(page.title or found_title, kept[0] if kept else None, body,
                          words)) is not None:
        raise InputRejected("error_page", why)
    if _word_count(body, words) < settings.min_body_words:
        raise InputRejected("too_short", f"fewer than {settings.min_body_words} words of main text")
    header = [
        v.text for v in verdicts
        if not v.keep and v.reason not in ("duplicate", "after_body", "photo_credit")
    ]
    # the dateline opens one of the first paragraphs (a text the caller vouches for may keep
    # its headline and byline above it)
    dateline = next(filter(None, map(parse_dateline, kept[:_DATELINE_REACH])), None)
    # a site name the table knows, the URL's domain, the site name as the page gives it (its
    # host when it names none), the text's wire markers (its dateline's agency first), a
    # record's host, an agency the story quotes
    outlet = (known_outlet(page.site) or outlet_from_url(page.url)
              or (page.site.strip() or None if page.site else None)
              or outlet_from_text(header, ([dateline.text] if dateline else []) + kept[:2], body,
                                  quoted=False) or credit
              or host_name(article_url(page.url)) or outlet_quoted(body))
    stamps = _stamp_lines(removed) + _published_stamps(kept[:3])
    explicit = find_explicit_date(stamps)
    stated = [found for found in (explicit, _dateline_date(dateline)) if found is not None]
    first = page.published
    if first is not None and (page.modified_only or (not page.tagged
                                                     and first.date in _updated_days(stamps))):
        if explicit is not None and _published_stamps([explicit.evidence]) \
                and explicit.date <= first.date:
            first = None  # the page's date is its update's, and it prints "Published May 9"
        elif not page.modified_only:
            first = replace(first, evidence=f"{first.evidence} (the page's update: no "
                            "publication date found)", confidence=min(first.confidence, 0.6))
    published = (first or max(stated, key=lambda p: p.confidence, default=None)
                 or infer_published(body, dateline, settings.reference_date))
    if page.readings and published is not None and published is page.published:
        published = _disambiguated(published, page.readings, body, dateline, settings)
    if published is not None and published.how in ("metadata", "explicit"):
        published = _against_dateline(_checked(published, body, dateline, settings), dateline)
    bylines = _bylines(verdicts, page.lost)
    return Document(
        doc_id=doc_id_for(body),
        source=raw.label,
        text=body,
        title=bare_title(page.title or found_title
                         or (None if extracted else headline_above(verdicts))),
        outlet=outlet,
        url=page.url,
        language="en",
        published=published,
        dateline=dateline,
        paragraphs=paragraph_offsets(kept),
        removed=removed,
        media_type=raw.media_type,
        outlet_id=outlet_id_for(outlet),
        input=raw.input,
        authors=author_names([page.author, *bylines]),
    )


@dataclass(frozen=True, slots=True)
class _Page:
    """The text to clean and the metadata the input itself supplies (record or HTML)."""

    text: str
    title: str | None
    url: str | None
    site: str | None
    published: Published | None
    lost: tuple[Removed, ...] = ()  # what the page held that was not read, said for audit
    # the two readings of a stated slashed date whose day and month could swap ("07/05/2012")
    readings: tuple[date, ...] = ()
    modified_only: bool = False  # ``published`` is the page's modified date (no other found)
    # ``published`` is a date the input states as its publication's (a record's field, a
    # page's tag), not one htmldate read off the page's printed text
    tagged: bool = True
    author: str | None = None  # who the input names as the author (a record's field, page tags)

    @classmethod
    def from_raw(cls, raw: RawDoc, max_chars: int | None = None) -> _Page:
        page = cls._from_raw(raw, max_chars)
        if (cut := raw.meta_get("warc_truncated")) is not None:
            # Common Crawl keeps a page's first MiB: an analyst must know the story may go on
            page = replace(page, lost=(*page.lost, Removed(
                f"(the archive stored this page cut short, WARC-Truncated: {cut}; what came "
                "after the cut is missing)", "warc_truncated")))
        return page

    @classmethod
    def _from_raw(cls, raw: RawDoc, max_chars: int | None) -> _Page:
        value = raw.meta_get("date")
        updated = raw.meta_get("date_kind") == "updated"  # a feed entry's <updated> alone
        # an update's time is not the publication's: the day alone is read from it
        published = (_record_date(value, "feed entry's updated date (no publication date given)",
                                  0.6, timed=False) if updated else _record_date(value))
        page = cls(raw.text, raw.meta_get("title"), raw.meta_get("url"), raw.meta_get("outlet"),
                   published, readings=_ambiguous(value) if published else (),
                   modified_only=updated and published is not None, author=raw.meta_get("author"))
        if raw.media_type != "text/html":
            if page.published is None and (by_url := _url_published(page.url)) is not None:
                return replace(page, published=by_url)
            return page
        html = extract_html(raw.text, max_chars=max_chars)
        readings = page.readings
        if page.published is None and html.date:
            published = (_record_date(html.date, "html metadata (the page's modified date: no "
                                      "publication date found)", 0.6, timed=False)
                         if html.date_modified_only else _record_date(html.date, "html metadata", 0.9))
            if published is not None and html.time is not None:
                published = replace(published, time=html.time,
                                    evidence=f"{published.evidence} {html.time}")
            readings = _ambiguous(html.date) if published else ()
        if page.published is None and published is None:
            published = _url_published(page.url)
        lost = tuple(Removed(text, reason) for text, reason in html.dropped)
        if html.too_deep:
            lost += (Removed("(the page nests its elements over 2,048 deep: the parser read "
                             "nothing after that point)", "too_deep"),)
        return cls(html.text, page.title or html.title, page.url or html.url,
                   page.site or html.sitename, published, lost, readings,
                   page.published is None and html.date_modified_only and published is not None,
                   page.published is not None or html.date_tagged, page.author or html.author)


def _url_published(url: str | None) -> Published | None:
    """The date a record's URL states ("/2019/11/18/", a WARC's target URI), for a record or a
    page that states none of its own, at 0.8; None when the URL states no full date."""
    day = url_date(url, date.today())
    return None if day is None else Published(day.isoformat(), "metadata",
                                              f"the record's URL: {url}", 0.8)


def _fetched_bound(raw: RawDoc, settings: Settings) -> Settings:
    """``settings`` with the day a crawler fetched the page (a WARC's ``fetched``) as the
    latest an undated story can have been published, when it is earlier than the one set
    (today by default): a page was published by the time it was archived."""
    fetched = raw.meta_get("fetched")
    try:
        day = date.fromisoformat(fetched[:10]) if fetched else None
    except ValueError:
        return settings
    latest = settings.reference_date or date.today()
    if day is None or day >= latest:
        return settings
    return settings.model_copy(update={"reference_date": day})


_AMBIGUOUS = "(day and month ambiguous: read month first)"
# The credit of a story told to or compiled by a writer ("As told to Ann Lee", "Compiled by
# Ann Lee"), a byline the line rules (``is_byline``, "By …" alone) do not know: the whole line,
# no clause after a comma ("Interviewed by Sean Hannity, Trump said …" is the story's sentence)
_CREDITED = r"(?:as\s+told\s+to|(?:compiled|interview(?:ed)?)\s+by)"
_CREDIT = re.compile(rf"{_CREDITED}:?\s+[^\W\d_][^,;:!?\n]{{0,60}}", re.IGNORECASE)
_BY = re.compile(r"by:?\s+\w", re.IGNORECASE)
_CREDIT_CHARS = 80  # a longer line so opening is a sentence, not a credit
# How far below the article's first line a byline is looked for (some pages set it under the
# lede or the first photo)
_BYLINE_REACH = 4


def _bylines(verdicts: list[LineVerdict], lost: tuple[Removed, ...]) -> list[str]:
    """The story's byline lines: above its first kept line or up to :data:`_BYLINE_REACH` lines
    below it, kept or removed, whatever the filter took them for ("By Ann Lee | Updated 3 hours
    ago" is removed as a stamp) but a photo's credit; then the bylines the extractor left out
    of a page. A byline further down is a related story's or a comment's ("By Bob Smith | 2
    days ago" under a teaser), not this story's."""
    first = next((i for i, v in enumerate(verdicts) if v.keep), len(verdicts))
    near = verdicts[:first + _BYLINE_REACH + 1]
    found = [v.text for v in near if (_kept_byline(v.text) if v.keep else v.reason == "byline" or (
        (_BY.match(v.text) or _CREDIT.fullmatch(v.text.strip()))
        and v.reason not in ("photo_credit", "after_body")))]
    return found + [r.text for r in lost if r.reason == "byline"]


def _kept_byline(line: str) -> bool:
    """Whether a line the filter kept is a byline: "By …" alone on its line, or a short
    credit of a story told to or compiled by its writer (:data:`_CREDIT`)."""
    return is_byline(line) or (len(line) <= _CREDIT_CHARS
                                and _CREDIT.fullmatch(line.strip()) is not None)


# the orders a record's slashed date may be read in, and the reading each picks of the two
_ORDERS = {"month_first": 0, "day_first": 1}


def date_order_shown(raw: RawDoc) -> str | None:
    """The order a record's slashed date shows by itself: "day_first" for "25/01/2024",
    "month_first" for "01/25/2024"; None for any other date, or one that could be either."""
    value = raw.meta_get("date")
    return slashed_order(value) if value else None


def _ordered(page: _Page, raw: RawDoc, settings: Settings) -> _Page:
    """``page`` with its record's ambiguous slashed date read in the order the settings give
    (``date_order``), else in the one the pipeline found the input's other records show (the
    record's ``date_order`` hint); as it was when neither says."""
    stated = raw.meta_get("date")
    order = settings.date_order if settings.date_order != "auto" else raw.meta_get("date_order")
    if order not in _ORDERS or page.published is None or not stated \
            or not page.readings or page.readings != _ambiguous(stated):
        return page  # (a page's own slashed date, in its markup, is the page's to settle)
    why = ("the setting date_order" if settings.date_order != "auto"
           else "other records of this input are dated")
    evidence = page.published.evidence.removesuffix(f" {_AMBIGUOUS}")
    reading = page.readings[_ORDERS[order]]
    return replace(page, readings=(), published=replace(
        page.published, date=reading.isoformat(), confidence=min(page.published.confidence, 0.9),
        evidence=f"{evidence} (day and month ambiguous: read {order.replace('_', ' ')}, as "
                 f"{why})"))


def _ambiguous(value: str | None) -> tuple[date, ...]:
    """Both readings of a stated slashed date whose day and month could swap, else ()."""
    readings = slashed_readings(value) if value else []
    return tuple(readings) if len(readings) == 2 else ()


def _disambiguated(published: Published, readings: tuple[date, ...], body: str,
                   dateline: Dateline | None, settings: Settings) -> Published:
    """A slashed date whose day and month could swap ("07/05/2012"), read the way the story
    agrees with: its dateline's day and month, else the date its text implies confidently
    (0.5 or more, within a week of one reading and not the other); else month first, at 0.6
    at most, saying so."""
    unresolved = replace(published, confidence=min(published.confidence, 0.6))
    confidence = published.confidence
    if dateline is not None and dateline.month is not None and dateline.day is not None:
        agree = [r for r in readings if (r.month, r.day) == (dateline.month, dateline.day)]
        why = f"dateline '{dateline.text}'"
    else:
        inferred = infer_published(body, dateline, settings.reference_date)
        if inferred is None or inferred.confidence < 0.5:
            return unresolved
        implied = date.fromisoformat(inferred.date)
        agree = [r for r in readings if abs((r - implied).days) <= 7]
        why = f"the text's {inferred.how} {inferred.date}"
        confidence = min(confidence, 0.8)
    if len(agree) != 1:
        return unresolved
    order = "month" if agree[0] == readings[0] else "day"
    evidence = published.evidence.removesuffix(f" {_AMBIGUOUS}")
    return replace(published, date=agree[0].isoformat(),
                   evidence=f"{evidence} (day and month ambiguous: read {order} first, as {why})",
                   confidence=confidence)


def _record_date(value: str | None, source: str = "input record",
                 confidence: float = 0.95, timed: bool = True) -> Published | None:
    """A date the input states (record field or HTML metadata) as an ISO date, with the time
    of day it gives (``pubtime.stated_time``) when ``timed``; unparseable values are ignored:
    a wrong date is worse than an inferred one."""
    if not value:
        return None
    day = _iso_day(value)
    readings = slashed_readings(value)
    if day is None and readings:
        if len(readings) > 1:  # month first, as the slashed form mostly is: clean() may swap
            return Published(readings[0].isoformat(), "metadata",
                             f"{source}: {value} {_AMBIGUOUS}", confidence,
                             stated_time(value[:64]) if timed else None)
        day = readings[0]
    if day is None and NUMBER_STAMP.fullmatch(value.strip()):
        # seconds (or milliseconds) since 1970, read in UTC whatever the machine's time zone,
        # or a compact stamp ("201911181432"); a number that is neither dates nothing
        moment = number_moment(value.strip())
        if moment is None:
            return None
        day = moment.date()
    if day is None:
        # absolute dates only: "2 hours ago" or "yesterday" in a record is relative to a moment
        # the record does not give (dateparser read it against today's clock, at 0.95)
        settings: dict[str, object] = {"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False,
                                       "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}
        if DOTTED_DATE.match(value.strip()):
            settings["DATE_ORDER"] = "DMY"  # "01.03.2016": the day first, wherever dots are used
        parsed = dateparser.parse(value, languages=["en"], settings=settings)
        day = parsed.date() if parsed else None
    if day is None or _placeholder(day):
        return None
    return Published(day.isoformat(), "metadata", f"{source}: {value}", confidence,
                     stated_time(value[:64]) if timed else None)


# A zero timestamp, written in UTC or in a zone west of it ("1969-12-31T19:00:00-05:00")
_ZERO_TIMESTAMP = frozenset((date(1970, 1, 1), date(1969, 12, 31)))
_EARLIEST_STATED, _LATEST_STATED = date(1900, 1, 2), date(2100, 12, 31)


def _placeholder(day: date) -> bool:
    """A database's or a program's "no date" rather than a day a story came out: a zero
    timestamp (1 January 1970, or 31 December 1969 where it is written in an American zone),
    1 January 1900, anything older (0001-01-01) or past 2100 (9999-12-31). Stated at 0.95, it
    beat the story's own dates and stood alone without them."""
    return day in _ZERO_TIMESTAMP or not _EARLIEST_STATED <= day <= _LATEST_STATED


def _iso_day(value: str) -> date | None:
    """The day of an ISO 8601 date or timestamp (what HTML metadata and most feeds hold):
    read directly, since dateparser costs a millisecond per call."""
    match = _ISO_DAY.match(value.strip())
    if match is None:
        return None
    try:
        return date.fromisoformat(match[0])
    except ValueError:
        return None


def _word_count(body: str, words: int) -> int:
    """Words (``words``, counted by :data:`_WORD`), or for scripts written without spaces
    (CJK) about one word per 4 characters."""
    return max(words, len(body) // 4) if non_latin_share([body]) > 0.5 else words


def corpus_stats(raws: list[RawDoc], min_documents: int = 5, text_is_clean: bool = False
                 ) -> dict[str, LineStats]:
    """Line statistics per group of plain-text inputs (same outlet, else same folder) with at
    least ``min_documents`` members; look a document up with :func:`group_of`."""
    groups: dict[str, list[RawDoc]] = {}
    for raw in raws:
        if uses_corpus_stats(raw, text_is_clean):
            groups.setdefault(group_of(raw), []).append(raw)
    # the lines cleaning judges: a hard-wrapped text's joined ones (see ``clean``)
    return {key: LineStats.from_corpus([unwrap(r.text) for r in members],
                                       [r.meta_get("title") for r in members])
            for key, members in groups.items() if len(members) >= min_documents}


def uses_corpus_stats(raw: RawDoc, text_is_clean: bool = False) -> bool:
    """Whether cleaning ``raw`` reads corpus line statistics: scraped plain text does, HTML
    (main text found by its markup) and plain text that is clean already
    (``Settings.text_is_clean``) do not."""
    return raw.media_type != "text/html" and not text_is_clean


def group_of(raw: RawDoc) -> str:
    """The corpus group of an input: its outlet when the record names one, else its folder."""
    outlet = raw.meta_get("outlet")
    return f"outlet:{outlet}" if outlet else f"dir:{PurePath(raw.source).parent}"


_UPDATE_DAYS = timedelta(days=30)


def _checked(published: Published, body: str, dateline: Dateline | None,
             settings: Settings) -> Published:
    """A stated date checked against the story's own dates: a page dated over a month before
    the events it reports (a template's date, a first version's; an update's note may be a few
    weeks later, "Editor's note added Nov. 18") gives way to the date the text implies when
    that is late enough and confident, else stays, at 0.5, saying so."""
    bound = earliest_possible(body, settings.reference_date)
    if bound is None or date.fromisoformat(published.date) >= bound[0] - _UPDATE_DAYS:
        return published
    note = f"{published.how} {published.date} is before the text's own '{bound[1]}'"
    inferred = infer_published(body, dateline, settings.reference_date)
    if inferred is not None and inferred.confidence >= 0.5 \
            and date.fromisoformat(inferred.date) >= bound[0]:
        return Published(inferred.date, inferred.how, f"{inferred.evidence} | {note}",
                         inferred.confidence)
    return replace(published, evidence=f"{published.evidence} | {note}",
                   confidence=min(published.confidence, 0.5))


_DATELINE_SLACK = 2  # days a stated date may differ from the dateline's (time zones, a late edit)


def _against_dateline(published: Published, dateline: Dateline | None) -> Published:
    """A stated date (record, metadata, stamp) checked against the dateline's: a dateline that
    names its year ("PARIS, 14 March 2016 (AFP) -") is the agency's own date of the story, and a
    stated date more than ``_DATELINE_SLACK`` days from it (a crawl's or an export's date) gives
    way to it; one that names only day and month and disagrees leaves the stated date at 0.6,
    saying so."""
    if dateline is None or dateline.month is None or dateline.day is None:
        return published
    stated = date.fromisoformat(published.date)
    whole = _dateline_date(dateline)
    if whole is not None:
        if abs((date.fromisoformat(whole.date) - stated).days) <= _DATELINE_SLACK:
            return published
        return Published(whole.date, "dateline", f"{whole.evidence} | {published.how} "
                         f"{published.date} ({published.evidence}) disagrees", 0.85)
    try:
        near = min(abs((date(year, dateline.month, dateline.day) - stated).days)
                   for year in (stated.year - 1, stated.year, stated.year + 1))
    except ValueError:  # 29 February in a year without it
        return published
    if near <= _DATELINE_SLACK:
        return published
    return replace(published, evidence=f"{published.evidence} | the dateline "
                   f"'{dateline.text}' says another day", confidence=min(published.confidence, 0.6))


def _dateline_date(dateline: Dateline | None) -> Published | None:
    """The publication date a dateline states whole ("PARIS, March 14, 2016 (AFP) -")."""
    if dateline is None or dateline.year is None or dateline.month is None or dateline.day is None:
        return None
    try:
        day = date(dateline.year, dateline.month, dateline.day)
    except ValueError:
        return None
    return Published(day.isoformat(), "dateline", dateline.text, 0.9)


# Removed lines that are about other pages, other people or other things: their dates are not
# this story's ("Election results announced - 12 January 2012" in a related box, a reader's
# comment, a headline's "the floods of 14 October 1987", a photo's "released on March 1").
_NOT_THIS_PAGE = frozenset({"after_body", "comment", "related_title", "inline_headline", "interface",
                            "corpus_repeat", "title", "caption", "photo_credit",
                            "reporting_credit", "story_list", "pull_quote", "promo",
                            "no_words", "not_in_article_body"})


def _stamp_lines(removed: tuple[Removed, ...]) -> list[str]:
    """The removed lines that may state this page's date: date stamps first, then the others
    but those about other pages and the sentences that name no date of the page — a site
    notice ("Our cookie policy changed on 25 May 2018. We use cookies …") or other running
    text; a header or byline line ("By Ann Lee | March 3, 2017") is not running text, and a
    sentence that says "Published" or "Updated" counts."""
    stamps = [r.text for r in removed if r.reason == "date_stamp"]
    return stamps + [r.text for r in removed
                     if r.reason != "date_stamp" and r.reason not in _NOT_THIS_PAGE
                     and not is_notice(r.text) and not _COMMENT_HEADER.match(r.text)
                     and (not is_prose(r.text) or DATE_LABEL.search(r.text) is not None)]


def _updated_days(stamps: list[str]) -> set[str]:
    """The days the page's stamps say it was updated ("Updated November 25, 2019"): htmldate,
    reading a page that tags no date, takes the first date its text prints, which may be one."""
    return {found.date for line in stamps if dated_stamp(line) == "updated"
            and (found := find_explicit_date([line])) is not None}


def _published_stamps(lines: list[str]) -> list[str]:
    """Of the first lines of the kept text, the stamps that say the page's publication date
    ("Published May 9, 2022", "Posted: March 5, 2020": :func:`dated_stamp`), which a text the
    caller vouches for keeps as text."""
    return [line for line in lines if dated_stamp(line) == "published"]


def paragraph_offsets(paragraphs: list[str]) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph in the text made by joining them with blank lines."""
    offsets, cursor = [], 0
    for paragraph in paragraphs:
        offsets.append((cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    return tuple(offsets)


__all__ = ["VERSION", "clean", "corpus_stats", "date_order_shown", "group_of",
           "paragraph_offsets", "uses_corpus_stats"]
