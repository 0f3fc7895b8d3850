"""The date of a feed entry (RSS ``pubDate``, ``dc:date``, Atom ``published`` and ``updated``),
read from the text the feed gives (see :mod:`storyline.ingest.feed`).

RSS dates are RFC 822 ("Tue, 05 Mar 2024 10:00:00 +0100"), Atom's and Dublin Core's ISO 8601
("2024-03-05T10:00:00+01:00"); the standard library's strict parsers read both. Many feeds name
their zone instead of giving its offset, and RFC 822 names only UT, GMT and four US zones: the
email parser read the clock of "10:00:00 CEST" and dropped the zone, so the time was stored as if
in UTC, hours off (eleven for AEDT). A name after the clock is read by :data:`ZONE_OFFSETS`, a
table of the names news feeds write, in an RFC 822 date and in an ISO 8601 one alike
("2024-03-05T10:00:00 CEST" was passed on as it stood, and the cleaner kept its day alone). An
offset spelt with a colon or after "GMT" ("+05:30", "GMT+0300") is read too; the email parser
dropped it. A name the table does not hold (unknown, or one too ambiguous to guess, such as
"AST") leaves the date and clock as stated without an offset, as a date that names no zone is
given, and the name is handed on (:attr:`StatedDate.unread_zone`), so that downstream knows the
clock is local to a zone that was not read. The date is never dropped for its zone.

dateutil's parser, given the table as ``tzinfos``, was not used: it fills what a text leaves
out from today's date ("March 2024" read as the 29th, "10:00 CEST" as today), reads "07/05/2012"
month first where the cleaner weighs both readings, and reads "GMT+0300" three hours west.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

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
#   MSK: +03:00, Moscow's offset since October 2014 (it was +04:00 from 2011).
# Left out, to be read as no zone: AST, Atlantic (-04:00, as Python's email parser read it)
# or Arabia (+03:00, which Gulf outlets write), seven hours apart and both in use; SST
# (Singapore or Samoa); the single letters of RFC 822's military zones other than Z, whose
# signs RFC 1123 says were defined backwards.
ZONE_OFFSETS: dict[str, float] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
    # North America
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "NST": -3.5, "NDT": -2.5, "ADT": -3,
    # Europe ("MEZ" and "MESZ": German for CET and CEST)
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2,
    "EEST": 3, "MSK": 3, "TRT": 3,
    # Africa, the Gulf, Asia
    "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3, "GST": 4, "PKT": 5, "IST": 5.5, "NPT": 5.75,
    "ICT": 7, "WIB": 7, "WITA": 8, "WIT": 9, "SGT": 8, "MYT": 8, "HKT": 8, "PHT": 8,
    "JST": 9, "KST": 9,
    # Australia and New Zealand
    "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}

# A clock on twelve hours, which RFC 822 has not ("Thu, 05 Feb 2026 9:00 PM EST"): the email
# parser took "PM" for the zone, read 09:00 and dropped EST
_TWELVE_HOURS = re.compile(r"\b(\d{1,2})(:\d{2}(?::\d{2})?)\s*([AaPp])\.?[Mm]\.?(?=\s|$)")
# An offset after the clock spelt with a colon or after "GMT" or "UTC" ("+05:30",
# "GMT+0300", as JavaScript writes three hours east of UTC): the email parser reads "+0530"
# alone, and gave these no offset
_SPELT_OFFSET = re.compile(r"\s(?:GMT|UTC)?([+-]\d{2}):?(\d{2})$")
# A zone's name after the clock ("CEST", "(CEST)")
_ZONE_NAME = re.compile(r"\s+\(?([A-Z]{1,5})\)?$")


@dataclass(frozen=True, slots=True)
class StatedDate:
    """An entry's date as stored: ``text`` in ISO 8601, with the offset of its zone when the
    zone was read (else as the feed states it, see :func:`entry_date`), and ``unread_zone``,
    the zone name the feed gave when no offset is known for it (``text`` is then without one)."""

    text: str
    unread_zone: str | None = None


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


def read_date(value: object) -> StatedDate | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, ``dc:date``) date as ISO 8601 with its offset, a zone
    named after the clock read by :data:`ZONE_OFFSETS`; the name in ``unread_zone`` when the
    table has none for it. A clock on twelve hours ("9:00 PM EST") is read on twenty-four
    first. None when the text is no such date."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = _SPELT_OFFSET.sub(r" \1\2", _TWELVE_HOURS.sub(_on_24_hours, value.strip()))
    named = _ZONE_NAME.search(text)
    moment = _strict(text[:named.start()] if named else text)
    if moment is None:
        return None
    if named is None or moment.tzinfo is not None:  # "+0100 (CET)": the offset stands
        return StatedDate(moment.isoformat())
    hours = ZONE_OFFSETS.get(named.group(1))
    if hours is None:
        return StatedDate(moment.isoformat(), named.group(1))
    return StatedDate(moment.replace(tzinfo=timezone(timedelta(hours=hours))).isoformat())


def entry_date(value: object) -> StatedDate | None:
    """An entry's date (:func:`read_date`), else as the feed states it when it is short and
    holds a digit ("18 Nov 2019", which is neither RFC 822 nor ISO): the cleaner reads it as
    a record's date, or leaves it."""
    found = read_date(value)
    if found is None and isinstance(value, str) and 0 < len(value.strip()) <= 64 \
            and any(c.isdigit() for c in value):
        return StatedDate(value.strip())
    return found
