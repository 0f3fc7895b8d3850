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
# months and weekdays as written or in capitals, as wires set whole datelines ("WASHINGTON,
# DEC. 18, 2015 (AP) -", "MOSCOW, DECEMBER 28 (Reuters) -")
_MONTHS_SET = f"{MONTHS}|{MONTHS.upper()}"
_WEEKDAYS_SET = "|".join(WEEKDAYS + tuple(day.upper() for day in WEEKDAYS))
_CAP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"  # capitals (Latin-1's and Latin Extended-A's)
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u017f"
_WORD = rf"[{_CAP}][{_LETTER}'\u2019.\-]+"
_POSSESSIVE = re.compile(r"['\u2019]s\b")
# Words that open a line followed by a colon as a label, not a place: "Posted:", "Related:",
# "BREAKING:", "Photo:", "Note:" (a dateline in that form names a city: "DUBAI:", "New Delhi:");
# and, in capitals before a date, a label, a section, a notice or a day ("BREAKING, MARCH 4:",
# "SALE, DEC 26 -", "MONDAY, JAN 5 -"; a town of the name has its country: "SALE, England").
_LABELS = frozenset("""
    breaking update updated updates developing live exclusive urgent alert flash analysis
    opinion comment commentary editorial explainer factbox fact check timeline background
    context summary correction clarification note notes disclaimer warning posted published
    related read more see also watch listen video videos photo photos picture pictures image
    images gallery graphic chart map audio podcast source sources credit credits caption
    advertisement sponsored tags topics share follow subscribe contact email phone tel address
    website subject date time location venue question answer q a interview transcript quote
    quotes poll review reviews recap preview report reporting tip tips bonus trending
    news sport sports home results weather traffic markets business politics world
    sale sales offer offers deal deals deadline tickets closed open statement notice
    announcement schedule events today tonight yesterday tomorrow
    """.split()) | {"fact check", "read more", "see also", "just in", "this week",
                   "press release", "for immediate release", "staff report"} | {
    day.lower() for day in WEEKDAYS}
# A byline's or a stamp's words, which no place's name holds: "BY ANN LEE, MARCH 4, 2020 -",
# "PHOTO BY JOHN DOE:", "LAST UPDATED, JAN 5 -" (its date would stand as the dateline's)
_CREDIT = re.compile(r"\b(?:by|updated|published|posted)\b", re.IGNORECASE)
_DATELINE = re.compile(
    # the place: up to four words, then perhaps a state or country that is no date
    rf"^(?P<place>{_WORD}(?: {_WORD}){{0,3}}"
    rf"(?:, (?!(?:{_MONTHS_SET}|{_WEEKDAYS_SET})\b)[{_CAP}][{_LETTER}'\u2019.\- ]{{1,30}})?)"
    # AP's weekday, then the date, month or day first, perhaps with its year
    rf"(?:,? (?:{_WEEKDAYS_SET})\b,?)?"
    rf"(?P<date>,? (?:(?P<month>{_MONTHS_SET})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<dday>\d{{1,2}}) (?P<dmonth>{_MONTHS_SET})\.?)(?:,? (?P<year>(?:19|20)\d\d))?)?"
    r"\s{0,3}(?:\((?P<agency>[A-Za-z .\-]{1,30}(?:/[A-Za-z .\-]{1,30})?)\))?"  # "(AFP/Reuters)"
    # the end: a dash, a colon, a full stop after a date, before a wire's /NAME/ or after a
    # capital word ("LONDON. The"; not "U.S. troops"), or, after an agency in brackets, nothing
    # but the space before the story's first word (PTI's style). Spaces are bounded: runs of
    # them made the engine try every split (seconds on a line of 10,000 spaces). Interfax signs
    # after the date's full stop, in capitals, before a dash: "Moscow. November 29. INTERFAX -".
    r"\s{0,3}(?:-{1,2}(?=\s|[A-Z\"“])|—|–|:"
    r"|(?(date)\.(?:\s{1,3}(?P<signed>[A-Z]{3,}(?:-[A-Z]{2,})*)\s{0,3}(?:-{1,2}|—|–)(?=\s))?"
    r"|(?:\.(?=\s{0,3}/[A-Za-z\-]+/)"
    r"|(?<=[A-Z]{3})\.(?=\s{1,3}[A-Z])))|(?=/[A-Za-z\-]+/)"
    r"|(?(agency)(?<=[\s)])(?=[\"“‘'A-Z])|(?!)))"
    r"\s{0,3}(?:/(?P<wire>[A-Za-z\-]+)/\.?)?"
)


def dateline_match(paragraph: str) -> re.Match[str] | None:
    """The match of a dateline opening ``paragraph`` (groups ``place``, ``month`` and ``day``
    or ``dmonth`` and ``dday`` (day first), ``year``, ``agency`` (in brackets), ``wire``
    (between slashes), ``signed`` (in capitals after the date: Interfax's)): a place in
    capitals, or followed by a colon, a wire marker or an agency. An agency in brackets with no
    dash after it ("NEW DELHI, Jan 5 (PTI) The government…") counts after a place in capitals
    or after a date ("New Delhi, Jan 5 (IANS) The police…"): "Advanced Placement (AP) Exams"
    is no dateline."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place")
    in_capitals = place.split(",")[0].isupper()
    if not place[:1].isupper():  # the class of capitals holds Latin Extended-A's small letters
        return None
    agency = match.group("agency") or ""
    if not match.group("wire") and match.group(0).rstrip().endswith(")") and not (
            (in_capitals or match.group("date")) and " " not in agency.strip()):
        # "WHO (World Health Organization) Director…" is no dateline either; a place in any
        # case followed by a date is ("New Delhi, Jan 5 (IANS) The police…")
        return None
    ends_with_colon = paragraph[match.end("place") :].lstrip().startswith(":")
    if not (in_capitals or ends_with_colon or match.group("wire") or agency
            or match.group("signed")):
        return None
    if ends_with_colon and not (in_capitals or agency) and _POSSESSIVE.search(place):
        return None  # "Editor's Note:", "What's Next:"
    # a label, a section, a day: not a place, and the date after it no dateline's
    # ("BREAKING, MARCH 4:", "UPDATE, JAN 5 -", "MONDAY, JAN 5 -")
    if not (match.group("wire") or agency) and "," not in place and \
            place.strip(" .").lower() in _LABELS:
        return None  # "Posted:", "BREAKING -", "Related:"
    if not (match.group("wire") or agency) and _CREDIT.search(place.split(",")[0]):
        return None
    return match
