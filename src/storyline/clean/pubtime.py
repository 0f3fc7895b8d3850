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

from storyline.datelines import WEEKDAYS
from storyline.zonenames import SEASONAL_ZONES

# seconds (or milliseconds) since 1970, as some exports write a timestamp
EPOCH = re.compile(r"\d{9,10}|\d{12,13}")  # 1973 to 2286, in seconds or milliseconds
# A compact stamp, the year, month, day and hour (and minute) run together ("2019111812",
# "201911181432"): read as seconds or milliseconds since 1970 it fell in 2033 or in 1976 (a
# 10-digit epoch from 19 or 20 lies after 2030, a 12-digit one before 2002). GDELT writes the
# day alone ("20240105", SQLDATE), to the second ("20240105103000", DATEADDED) and with a "T"
# and a "Z" in UTC ("20240105T103000Z", the DOC API's seendate).
_COMPACT = re.compile(r"(?:19|20)\d{6}(?:\d\d(?:\d\d(?:\d\d)?)?|T\d{6}Z?)?")
_COMPACT_FORMATS = {8: "%Y%m%d", 10: "%Y%m%d%H", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S",
                    15: "%Y%m%dT%H%M%S"}
# a number that states a moment: seconds or milliseconds since 1970, or a compact stamp
NUMBER_STAMP = re.compile(rf"{EPOCH.pattern}|{_COMPACT.pattern}")
# An ISO 8601 timestamp: the date, then "T" or a space, then the clock and an optional zone
ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                        r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?", re.I)
# A clock in printed text, with its am/pm and zone when given: "14:32", "2:10 p.m. ET",
# "9.15am", "14.32 GMT" (a dot between hours and minutes only before am/pm or a zone's usual
# name: "12.30" alone is a score or a price as often as a time), "14:32 GMT+3"
_DOTTED_ZONES = "GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|ET|CT|PT|PST|PDT|IST|AEST|AEDT"
_CLOCK = re.compile(
    r"(?<![\w:.,])(?:(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::[0-5]\d)?"
    r"|(?P<dh>1[0-2]|0?\d)\.(?P<dm>[0-5]\d)(?=\s*[ap]\.?m\b)"
    rf"|(?P<zh>[01]?\d|2[0-3])\.(?P<zm>[0-5]\d)(?=\s*(?-i:{_DOTTED_ZONES})\b))"
    r"(?P<half>\s*[ap]\.?m\.?)?"
    r"(?P<zone>\s*\(?(?:(?-i:[A-Z]{2,5})(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)?"
    r"(?![\w:])", re.I)
# Zones read by name here (storyline.zonenames.SEASONAL_ZONES), not by dateparser: those whose
# offset depends on the date (summer
# time; dateparser reads "EST" and "EDT" but not the unmarked "ET", "CT", "PT", "MT" that
# American newsrooms print), and "IST", which Indian outlets print for India's time and
# dateparser reads as Israel's (+02:00, three and a half hours off)
_WEEKDAY = "|".join((*WEEKDAYS, "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
                     "Sat", "Sun"))
# What may stand between a stamp's date and its own clock: punctuation, "at", "on", a weekday
# ("Dec. 18, 2015 at 2:10 p.m.", "14:32 GMT, Friday, 18 December 2015"). Any other word or a
# field's separator makes the clock another thing's: "18 December 2015, kick-off 15:00",
# "18 Dec 2015 won 14:32", "Published 18 Dec 2015 | Updated 14:32"
_GLUE = re.compile(rf"(?:[\s,;:/()@.\-\u2013\u2014]|\b(?:at|on|{_WEEKDAY})\b)*", re.I)
# What may stand just before a clock that comes before its date: the line's start,
# punctuation, a stamp's label ("Published 14:32 GMT, 18 December 2015", "By Ann Lee, 14:32");
# not another word ("Kick-off 15:00 GMT, 18 December 2015")
_LEAD = re.compile(r"(?:^|[,;:(|\u2022\u00b7]|\b(?:published|posted|updated|modified|edited|"
                   r"at|on)\b)\s*$", re.I)
_NEAR = 40  # characters between a date and the clock that goes with it, in a stamp line
_PARSE = {"STRICT_PARSING": False, "RETURN_AS_TIMEZONE_AWARE": True,
          "PREFER_DATES_FROM": "past", "PARSERS": ["absolute-time"]}


def stated_time(value: str) -> str | None:
    """The time of day a stated timestamp gives (a record's field, a page's tag), ISO 8601,
    with its UTC offset when it names a zone; None when it gives none or gives midnight."""
    text = value.strip()
    if NUMBER_STAMP.fullmatch(text):
        moment = number_moment(text)
        return None if moment is None else _iso(moment)
    if ISO_STAMP.fullmatch(text):
        try:
            return _iso(datetime.fromisoformat(_normal_zone(text)))
        except ValueError:
            return None
    clock = _CLOCK.search(text)
    return None if clock is None else _clock_time(text, clock)


def number_moment(text: str) -> datetime | None:
    """The moment a :data:`NUMBER_STAMP` states: a compact stamp's ("20240105",
    "201911181432", the clock without a zone; "20240105T103000Z" in UTC), else seconds or
    milliseconds since 1970 in UTC; None when it is a compact stamp of no day
    ("2019139912")."""
    if _COMPACT.fullmatch(text):
        try:
            moment = datetime.strptime(text.rstrip("Z"), _COMPACT_FORMATS[len(text.rstrip("Z"))])
        except ValueError:
            return None
        return moment.replace(tzinfo=UTC) if text.endswith("Z") else moment
    stamp = int(text)
    return datetime.fromtimestamp(stamp / 1000 if stamp >= 10**11 else stamp, tz=UTC)


def time_near(line: str, start: int, end: int) -> str | None:
    """The time of day printed beside the date at ``line[start:end]`` in a date stamp
    ("Published 14:32 GMT, 18 December 2015", "Dec. 18, 2015 at 2:10 p.m. ET"), ISO 8601 as
    :func:`stated_time` gives it; None when no clock stands within a few words of the date."""
    window = line[max(0, start - _NEAR):end + _NEAR]
    offset = max(0, start - _NEAR)
    clocks = [c for c in _CLOCK.finditer(window) if _beside(line, c.start() + offset,
                                                           c.end() + offset, start, end)]
    if not clocks:
        return None
    nearest = min(clocks, key=lambda c: min(abs(c.start() + offset - end),
                                           abs(c.end() + offset - start)))
    return _clock_time(line[start:end], nearest)


def _beside(line: str, clock_start: int, clock_end: int, start: int, end: int) -> bool:
    """Whether the clock at ``line[clock_start:clock_end]`` is the stamp's own time of the
    date at ``line[start:end]``: only glue stands between them, and a clock before the date
    follows no word but a label."""
    if start <= clock_start < end:
        return False  # inside the date
    if clock_start >= end:
        return _GLUE.fullmatch(line, end, clock_start) is not None
    return _GLUE.fullmatch(line, clock_end, start) is not None \
        and _LEAD.search(line[:clock_start]) is not None


def _clock_time(day: str, clock: re.Match[str]) -> str | None:
    """The clock ``clock`` read on the day ``day`` names (which fixes a seasonal zone's
    offset), by dateparser."""
    zone = (clock["zone"] or "").strip(" ()")
    seasonal = SEASONAL_ZONES.get(zone.upper()) if zone else None
    hour, minute = next((clock[h], clock[m]) for h, m in (("h", "m"), ("dh", "dm"), ("zh", "zm"))
                        if clock[h])
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
