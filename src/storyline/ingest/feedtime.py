"""The date of a feed entry (RSS ``pubDate``, ``dc:date``, Atom ``published`` and ``updated``),
read from the text the feed gives (see :mod:`storyline.ingest.feed`).

RSS dates are RFC 822 ("Tue, 05 Mar 2024 10:00:00 +0100"), Atom's and Dublin Core's ISO 8601
("2024-03-05T10:00:00+01:00"); the standard library's strict parsers read both. Many feeds name
their zone instead of giving its offset, and RFC 822 names only UT, GMT and four US zones: the
email parser read the clock of "10:00:00 CEST" and dropped the zone, so the time was stored as
if in UTC, hours off (eleven for AEDT). A name after the clock is read by :data:`ZONE_OFFSETS`,
a table of the names news feeds write, in an RFC 822 date and in an ISO 8601 one alike
("2024-03-05T10:00:00 CEST" was passed on as it stood, and the cleaner kept its day alone). An
offset spelt with a colon, after "GMT", or with its hour alone ("+05:30", "GMT+0300", "GMT
+0530", "GMT+3") is read too; the email parser dropped it. A name in lower case is read as in
upper case, and Java's ``Date.toString()`` ("Tue Mar 05 14:32:00 CEST 2024", the zone before the
year) as the RFC 822 date it spells. An offset the date states stands over a name beside it
("+0100 (CET)", "GMT+0100 (CEST)"). A name whose offset the date fixes ("ET", "PT", "UK",
"MSK": :data:`~storyline.zonenames.SEASONAL_ZONES`) gives the offset its zone had on that day
(the tz database's, from the ``tzdata`` package where the system has none); a name neither
reads (unknown, or ambiguous: "AST", Atlantic or Arabia) leaves the day alone, rather than a
clock stored as if in UTC. The date is never dropped for its
zone. Blanks are collapsed first: every pattern here then meets one blank at a time (a run of
20,000 spaces cost the zone's pattern seconds, in the square of its length).

dateutil's parser, given the table as ``tzinfos``, was not used: it fills what a text leaves
out from today's date ("March 2024" read as the 29th, "10:00 CEST" as today), reads "07/05/2012"
month first where the cleaner weighs both readings, and reads "GMT+0300" three hours west.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storyline.zonenames import SEASONAL_ZONES

# Hours from UTC of each zone name news feeds write after the clock. A name stands for one
# offset: "CEST" is summer time whatever the date says. Where a name has more than one
# meaning, the one feeds most often mean is taken:
#   CST, CDT, PST: US Central and Pacific, as RFC 822 defines them (not China's +08:00, Cuba's
#     -04:00, the Philippines' +08:00): a feed that writes RFC 822 dates means the RFC's
#     zones, and Chinese and Philippine outlets write "+0800" (or "PHT").
#   BST: British Summer Time, not Bangladesh's +06:00 (whose outlets write "+0600").
#   IST: India's +05:30, not Irish Standard Time (+01:00) or Israel's (+02:00): Indian
#     outlets print it far more often, and the cleaner reads a printed "IST" so too
#     (storyline.clean.pubtime).
# Left out, the day alone kept (see the module docstring): AST, Atlantic (-04:00, as
# Python's email parser read it) or Arabia (+03:00, which Gulf outlets write), seven hours
# apart and both in use; SST (Singapore or Samoa); the single letters of RFC 822's military
# zones other than Z, whose signs RFC 1123 says were defined backwards.
ZONE_OFFSETS: dict[str, float] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
    # North America
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "NST": -3.5, "NDT": -2.5, "ADT": -3,
    # Europe ("MEZ" and "MESZ": German for CET and CEST)
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2,
    "EEST": 3, "MSD": 4, "TRT": 3,  # (not MSK, +04:00 in 2011-2014: one of SEASONAL_ZONES)
    # Africa, the Gulf, Asia
    "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3, "GST": 4, "PKT": 5, "IST": 5.5, "NPT": 5.75,
    "ICT": 7, "WIB": 7, "WITA": 8, "WIT": 9, "SGT": 8, "MYT": 8, "HKT": 8, "PHT": 8,
    "JST": 9, "KST": 9,
    # Australia and New Zealand
    "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}

# A clock on twelve hours, which RFC 822 has not ("Thu, 05 Feb 2026 9:00 PM EST"): the email
# parser took "PM" for the zone, read 09:00 and dropped EST
# (an hour after no digit or colon: "T10:00:00 PM" is ten, not "00:00" read as the hour)
_TWELVE_HOURS = re.compile(r"(?<![\d:])(\d{1,2})(:\d{2}(?::\d{2})?)\s*([AaPp])\.?[Mm]\.?(?=\s|$)")
# An offset after the clock spelt with a colon, after "GMT" or "UTC", or with its hour alone
# ("+05:30", "GMT+0300" as JavaScript writes three hours east of UTC, "GMT +0530", "GMT+3"):
# the email parser reads "+0530" alone, and gave these no offset
_SPELT_OFFSET = re.compile(r"\s(?:(?:GMT|UTC) ?)?([+-])(\d{1,2}):?(\d{2})?$")
# What JavaScript's Date.toString() writes after the offset: the zone's description
# ("GMT+0300 (Moscow Standard Time)"), words in brackets, which the offset stands over
_DESCRIPTION = re.compile(r"\s\((?=[^()]*\s)[^()]{1,60}\)$")
# A zone's name after the clock ("CEST", "(CEST)", "cest")
_ZONE_NAME = re.compile(r"\s\(?([A-Za-z]{1,5})\)?$")
# Java's Date.toString(), which some feeds print: the zone between the clock and the year
# ("Tue Mar 05 14:32:00 CEST 2024"), which neither strict parser reads
_JAVA_DATE = re.compile(r"(?:[A-Za-z]{3},? )?([A-Za-z]{3}) (\d{1,2}) (\d{1,2}:\d{2}(?::\d{2})?) "
                        r"(\S{1,12}) (\d{4})")
_FARTHEST = timedelta(hours=14)  # no zone is farther from UTC (Kiribati's Line Islands)
# No RFC 822 or ISO 8601 date is longer (with a zone's name or offset): longer text is not read
_LONGEST = 80


def _offset(found: re.Match[str]) -> str:
    """The offset spelt as the email parser reads it ("+0300"); none where no zone has it
    ("+15", "GMT+9900": the date and clock kept)."""
    hours, minutes = int(found.group(2)), found.group(3) or "00"
    if timedelta(hours=hours) > _FARTHEST or int(minutes) > 59:
        return ""
    return f" {found.group(1)}{hours:02d}{minutes}"


def _on_24_hours(found: re.Match[str]) -> str:
    hour = int(found.group(1)) % 12 + (12 if found.group(3) in "Pp" else 0)
    return f"{hour:02d}{found.group(2)}"


def _strict(text: str) -> datetime | None:
    """The date and clock ``text`` states in RFC 822 (the email parser) or ISO 8601, with the
    offset it gives when the parser reads it; None when it is neither."""
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return datetime.fromisoformat(text)
    except (ValueError, OverflowError):
        return None


def read_date(value: object) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, ``dc:date``) date as ISO 8601 with its offset, a zone
    named after the clock read by :data:`ZONE_OFFSETS`, or by the tz database on its day when
    the date fixes its offset (:data:`~storyline.zonenames.SEASONAL_ZONES`); the day alone
    when it names one neither reads. A clock on twelve hours ("9:00 PM EST") is read on
    twenty-four first. None when the text is no such date."""
    if not isinstance(value, str):
        return None
    stated = " ".join(value.split())
    if not stated or len(stated) > _LONGEST:
        return None
    if java := _JAVA_DATE.fullmatch(stated):
        month, day, clock, zone, year = java.groups()
        stated = f"{day} {month} {year} {clock} {zone}"
    text = _TWELVE_HOURS.sub(_on_24_hours, _DESCRIPTION.sub("", stated))
    named = _ZONE_NAME.search(text)
    if named is not None and not named.group(1).isupper() \
            and named.group(1).upper() not in (*ZONE_OFFSETS, *SEASONAL_ZONES):
        text, named = text[:named.start()], None  # "14:32 hrs", "10:00 local": no zone's name
    base = text[:named.start()] if named else text
    # an offset spelt so that the email parser drops it, read; one it cannot read ("GMT+9900")
    # left for it to drop, the date and clock kept
    spelt, respelt = _SPELT_OFFSET.subn(_offset, base)
    moment = _strict(spelt) or (_strict(base) if respelt else None)
    if moment is None or abs(moment.utcoffset() or timedelta()) > _FARTHEST:
        return None  # ("Tue Mar 05 14:32:00 2024 2010": the email parser took "2024" for +20:24)
    if named is None or moment.tzinfo is not None:  # "+0100 (CET)": the offset stands
        return moment.isoformat()
    name = named.group(1).upper()
    hours = ZONE_OFFSETS.get(name)
    if hours is not None:
        return moment.replace(tzinfo=timezone(timedelta(hours=hours))).isoformat()
    if name in SEASONAL_ZONES:  # the offset the zone had on that day
        try:
            zone = ZoneInfo(SEASONAL_ZONES[name])
        except ZoneInfoNotFoundError:  # no tz database here: the day alone, not a wrong clock
            return moment.date().isoformat()
        # the hour the clocks go back repeats: read as standard time, as the cleaner reads it
        return moment.replace(tzinfo=zone, fold=1).isoformat()
    return moment.date().isoformat()  # a clock in a zone not read: the day alone


def entry_date(value: object) -> str | None:
    """An entry's date (:func:`read_date`), else as the feed states it when it is short and
    holds a digit ("18 Nov 2019", which is neither RFC 822 nor ISO): the cleaner reads it as
    a record's date, or leaves it."""
    found = read_date(value)
    if found is None and isinstance(value, str) and 0 < len(value.strip()) <= 64 \
            and any(c.isdigit() for c in value):
        return value.strip()
    return found
