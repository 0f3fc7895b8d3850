"""The dateline that opens a news story: ``MOSCOW, December 28. /TASS/.``, ``ANKARA, Turkey,
Dec 1 (Reuters) -``, ``Sochi, Russia:``. A leaf module (``re`` only), so that cleaning and the
time stage's clue finders share one pattern (and the names of weekdays and months) without
importing each other."""

from __future__ import annotations

import re

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MONTHS = "|".join(MONTH_NAMES) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+){0,3}(?:, [A-Z][A-Za-z'.\- ]{1,30})?)"
    rf"(?:, (?P<month>{MONTHS})\.? (?P<day>\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .\-]{1,30})\))?\s*(?:\.|:|-{1,2}\s|—|–)\s*(?:/(?P<wire>[A-Za-z\-]+)/\.?)?"
)


def dateline_match(paragraph: str) -> re.Match[str] | None:
    """The match of a dateline opening ``paragraph`` (groups ``place``, ``month``, ``day``,
    ``agency``, ``wire``): a place in capitals, or followed by a colon, a wire marker or an
    agency."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place")
    ends_with_colon = paragraph[match.end("place") :].lstrip().startswith(":")
    if not (place.split(",")[0].isupper() or ends_with_colon or match.group("wire")
            or match.group("agency")):
        return None
    return match
