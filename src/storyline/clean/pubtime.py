"""The time of day a story was published, when its input states one.

A record's timestamp ("2015-12-18T14:32:00+03:00", "Fri, 18 Dec 2015 14:32:00 +0300", seconds
since 1970), a page's publication tag and a date stamp printed on the page ("Published 14:32
GMT, 18 December 2015", "Updated 2:10 p.m. ET Dec. 18, 2015") say when in the day the story came
out. An analyst needs it to order a day's takes and reprints, and to tell "this morning" from
"tonight". The time is given as ISO 8601, ``HH:MM:SS`` followed by the UTC offset when the input
names a zone ("14:32:00+03:00"), and never invented: no time is stated, none is given.

Midnight exactly ("2015-12-18T00:00:00Z") is no time: it is how databases and CMSs write a
date that has none, far more often than a story filed at midnight.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import dateparser

# seconds (or milliseconds) since 1970, as some exports write a timestamp
_EPOCH = re.compile(r"\d{9,10}|\d{12,13}")  # 1973 to 2286, in seconds or milliseconds
# An ISO 8601 timestamp: the date, then "T" or a space, then the clock and an optional zone
_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                        r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?", re.I)
# A clock in printed text, with its am/pm and zone when given: "14:32", "2:10 p.m. ET",
# "9.15am" (a dot between hours and minutes only before am/pm: "12.30" alone is a score or a
# price as often as a time), "14:32 GMT+3"
_CLOCK = re.compile(
    r"(?<![\w:.,])(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::[0-5]\d)?"
    r"|(?P<dh>1[0-2]|0?\d)\.(?P<dm>[0-5]\d)(?=\s*[ap]\.?m\b))"
    r"(?P<half>\s*[ap]\.?m\.?)?"
    r"(?P<zone>\s*\(?(?:(?-i:[A-Z]{2,5})(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)?"
    r"(?![\w:])", re.I)
# Zones whose offset depends on the date (summer time): dateparser reads "EST" and "EDT" but
# not the unmarked "ET", "CT", "PT", "MT" that American newsrooms print
_SEASONAL = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
             "PT": "America/Los_Angeles", "UK": "Europe/London"}
# what stands between a date and a clock of something else: a separator of a header's
# fields, another stamp's label ("Published 18 Dec 2015 | Updated 14:32")
_APART = re.compile(r"[|•·]|\b(?:updated|modified|published|posted|edited)\b", re.I)
_NEAR = 40  # characters between a date and the clock that goes with it, in a stamp line
_PARSE = {"STRICT_PARSING": False, "RETURN_AS_TIMEZONE_AWARE": True,
          "PREFER_DATES_FROM": "past", "PARSERS": ["absolute-time"]}


def stated_time(value: str) -> str | None:
    """The time of day a stated timestamp gives (a record's field, a page's tag), ISO 8601,
    with its UTC offset when it names a zone; None when it gives none or gives midnight."""
    text = value.strip()
    if _EPOCH.fullmatch(text):
        stamp = int(text)
        moment = datetime.fromtimestamp(stamp / 1000 if stamp >= 10**11 else stamp, tz=UTC)
        return _iso(moment)
    if _ISO_STAMP.fullmatch(text):
        try:
            return _iso(datetime.fromisoformat(_normal_zone(text)))
        except ValueError:
            return None
    clock = _CLOCK.search(text)
    return None if clock is None else _clock_time(text, clock)


def time_near(line: str, start: int, end: int) -> str | None:
    """The time of day printed beside the date at ``line[start:end]`` in a date stamp
    ("Published 14:32 GMT, 18 December 2015", "Dec. 18, 2015 at 2:10 p.m. ET"), ISO 8601 as
    :func:`stated_time` gives it; None when no clock stands within a few words of the date."""
    window = line[max(0, start - _NEAR):end + _NEAR]
    offset = max(0, start - _NEAR)
    date_start, date_end = start - offset, end - offset
    clocks = [c for c in _CLOCK.finditer(window) if not date_start <= c.start() < date_end
              and not _APART.search(window[min(c.end(), date_end):max(c.start(), date_start)])]
    if not clocks:
        return None
    nearest = min(clocks, key=lambda c: min(abs(c.start() + offset - end),
                                           abs(c.end() + offset - start)))
    return _clock_time(line[start:end], nearest)


def _clock_time(day: str, clock: re.Match[str]) -> str | None:
    """The clock ``clock`` read on the day ``day`` names (which fixes a seasonal zone's
    offset), by dateparser."""
    zone = (clock["zone"] or "").strip(" ()")
    seasonal = _SEASONAL.get(zone.upper()) if zone else None
    hour, minute = (clock["h"], clock["m"]) if clock["h"] else (clock["dh"], clock["dm"])
    spoken = f"{hour}:{minute}{(clock['half'] or '').replace('.', '')}"
    settings = dict(_PARSE)
    if seasonal is not None:
        settings["TIMEZONE"] = seasonal
    elif zone:
        spoken += f" {zone}"
    parsed = dateparser.parse(f"{_day_part(day)} {spoken}", languages=["en"], settings=settings)
    if parsed is None:
        return None
    if seasonal is None and zone and parsed.utcoffset() is None:
        return None  # a zone dateparser does not know: the hour alone would mislead
    return _iso(parsed if zone else parsed.replace(tzinfo=None))


def _day_part(text: str) -> str:
    """``text`` without its clock: the date dateparser reads the clock against."""
    return _CLOCK.sub(" ", text).strip(" ,|-–—")


def _normal_zone(text: str) -> str:
    """An ISO timestamp in the form ``datetime.fromisoformat`` reads: "T" between date and
    clock, "+00:00" for a named UTC, "+0300" as "+03:00"."""
    text = re.sub(r"\s*(?:UTC|GMT)$", "+00:00", text.strip(), flags=re.I)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    return text[:10] + "T" + text[11:].strip()


def _iso(moment: datetime) -> str | None:
    clock = moment.time()
    if clock == time(0, 0):
        return None
    text = clock.replace(microsecond=0).isoformat()
    offset = moment.utcoffset()
    return text if offset is None else text + _offset(offset)


def _offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
