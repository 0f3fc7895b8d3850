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
    file new icymi fyi psa nb ps pictured above below top spoiler sponsor promoted premium
    """.split()) | {"fact check", "read more", "see also", "just in", "this week",
                   "press release", "for immediate release", "staff report", "file photo",
                   "editor's note", "editors note", "bottom line", "big picture"} | {
    day.lower() for day in WEEKDAYS}
# A label of two words or more ends in a word that names what it heads ("MARKET WRAP —",
# "KEY POINTS:", "SPOILER ALERT:", "LIVE UPDATES:", "MORNING BRIEFING —"); no town's name
# ends in one ("Alert", Nunavut, stands alone, and one word is not held to this)
_LABEL_HEADS = frozenset("""
    alert alerts wrap points takeaways highlights update updates briefing roundup round-up
    recap preview summary warning note notes digest explainer analysis photo photos picture
    video watch read listen release report notice disclaimer correction
    """.split())
# A byline's or a stamp's words, which no place's name holds: "BY ANN LEE, MARCH 4, 2020 -",
# "PHOTO BY JOHN DOE:", "LAST UPDATED, JAN 5 -", "Released, Jan 5 —" (its date would stand
# as the dateline's)
_CREDIT = re.compile(r"\b(?:by|updated|published|posted|filed|issued|released|modified"
                     r"|revised|edited|dated)\b", re.IGNORECASE)
_NAME = rf"{_WORD}(?: {_WORD}){{0,3}}"  # a town's name: up to four words
# a state or country after a comma, that is no date
_REGION = rf", (?!(?:{_MONTHS_SET}|{_WEEKDAYS_SET})\b)[{_CAP}][{_LETTER}'\u2019.\- ]{{1,30}}"
_ORDINAL = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"  # "5th January", "January 5th", "5TH JANUARY"
# The towns after the first of a joint dateline, then its date or agency: a joint dateline
# is an agency's ("HONG KONG/SINGAPORE, Jan 5 (Reuters) -"); without either, words joined by
# a slash are a pair ("HIV/AIDS —", "TV/RADIO —", "AND/OR:"), and "ATLANTA/PRNewswire/" a
# town and its wire
_JOINT = (rf"(?:/{_NAME}){{1,3}}(?:{_REGION})?(?:,? (?:{_WEEKDAYS_SET})\b,?)?"
          rf"(?:,? (?:{_MONTHS_SET}|\d)|\s{{0,3}}\()")
# A wire's name between slashes, then a space, a dash or a full stop ("/TASS/.", "/PRNewswire/
# --"): words run on after slashes ("AUDIO/VIDEO/PHOTOS:") are no wire
_WIRE = r"/[A-Za-z\-]+/(?=[\s.,\-\u2013\u2014]|$)"
_DATELINE = re.compile(
    # the place: a town, then perhaps its state or country; or the first town of a joint
    # dateline, the others after slashes ("HONG KONG/SINGAPORE, Jan 5 (Reuters) -"), which
    # the place leaves out ("Hong Kong": a place stands for one town, that of the first
    # reporter named) and the group ``joint`` holds
    rf"^(?P<place>{_NAME}(?P<slash>(?={_JOINT}))|{_NAME}(?:{_REGION})?)"
    rf"(?(slash)/(?P<joint>{_NAME}(?:/{_NAME}){{0,2}})(?:{_REGION})?)"
    # AP's weekday, then the date, month or day first, perhaps with its year
    rf"(?:,? (?:{_WEEKDAYS_SET})\b,?)?"
    rf"(?P<date>,? (?:(?P<month>{_MONTHS_SET})\.? (?P<day>\d{{1,2}}){_ORDINAL}"
    rf"|(?P<dday>\d{{1,2}}){_ORDINAL}(?: of)? (?P<dmonth>{_MONTHS_SET})\.?)"
    rf"(?:,? (?P<year>(?:19|20)\d\d))?)?"
    r"\s{0,3}(?:\((?P<agency>[A-Za-z .\-]{1,30}(?:/[A-Za-z .\-]{1,30})?)\))?"  # "(AFP/Reuters)"
    # the end: a dash, a colon, a full stop after a date, before a wire's /NAME/ or after a
    # capital word ("LONDON. The"; not "U.S. troops"), or, after an agency in brackets, nothing
    # but the space before the story's first word (PTI's style). Spaces are bounded: runs of
    # them made the engine try every split (seconds on a line of 10,000 spaces). Interfax signs
    # after the date's full stop, in capitals, before a dash: "Moscow. November 29. INTERFAX -".
    r"\s{0,3}(?:-{1,2}(?=\s|[A-Z\"“])|—|–|:"
    r"|(?(date)\.(?:\s{1,3}(?P<signed>[A-Z]{3,}(?:-[A-Z]{2,})*)\s{0,3}(?:-{1,2}|—|–)(?=\s))?"
    r"|(?:\.(?=\s{0,3}" + _WIRE + ")"
    r"|(?<=[A-Z]{3})\.(?=\s{1,3}[A-Z])))|(?=" + _WIRE + ")"
    r"|(?(agency)(?<=[\s)])(?=[\"“‘'A-Z])|(?!)))"
    r"\s{0,3}(?:/(?P<wire>[A-Za-z\-]+)/(?=[\s.,\-\u2013\u2014]|$)\.?)?"
)


def dateline_match(paragraph: str) -> re.Match[str] | None:
    """The match of a dateline opening ``paragraph`` (groups ``place``, ``joint`` (the towns
    after the first of a joint dateline, "WASHINGTON/LONDON (Reuters) -", which ``place``
    leaves out), ``month`` and ``day`` or ``dmonth`` and ``dday`` (day first, perhaps an
    ordinal: "5th January"), ``year``, ``agency`` (in brackets), ``wire`` (between slashes),
    ``signed`` (in capitals after the date: Interfax's)): a place in capitals, or followed by
    a colon, a wire marker or an agency. A place in mixed case before a date or a region
    alone ("Paris, Jan. 5 –", "Lagos, Nigeria —") is not taken: an event's line ("Concert,
    Jan. 5 –"), a pair of names ("Apple, Google —") or a byline has the same form. An agency
    in brackets with no dash after it ("NEW DELHI, Jan 5 (PTI) The government…") counts
    after a place in capitals or after a date ("New Delhi, Jan 5 (IANS) The police…"):
    "Advanced Placement (AP) Exams" is no dateline."""
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
    if not (match.group("wire") or agency) and _labelled(match):
        return None  # "Posted:", "BREAKING -", "MARKET WRAP —", "AUDIO/VIDEO:"
    if not (match.group("wire") or agency) and _CREDIT.search(place.split(",")[0]):
        return None
    return match


def _label(name: str) -> bool:
    """Whether ``name`` is a label's words, not a place's: a label, a section, a notice or a
    day (``_LABELS``), or words ending in a label's head ("KEY POINTS", "MARKET WRAP")."""
    words = name.strip(" .").lower().split()
    return " ".join(words) in _LABELS or (len(words) > 1 and words[-1] in _LABEL_HEADS)


def _labelled(match: re.Match[str]) -> bool:
    """Whether the place, or a town of a joint dateline, is a label: a label, a section, a
    day, and the date after it no dateline's ("BREAKING, MARCH 4:", "UPDATE, JAN 5 -",
    "MONDAY, JAN 5 -"). A word of the kind with its country is a town ("SALE, England")."""
    place = match.group("place")
    towns = [place, *(match.group("joint") or "").split("/")] if "," not in place else []
    return any(_label(town) for town in towns if town)
