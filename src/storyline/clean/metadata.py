"""Document metadata from the text itself: explicit publication date and dateline (the outlet:
:mod:`storyline.clean.outlets`)."""

from __future__ import annotations

import calendar
import re

import dateparser

from storyline.clean.outlets import credit_place
from storyline.clean.pubtime import ISO_STAMP, stated_time, time_near
from storyline.datelines import MONTH_NAMES, dateline_match
from storyline.datelines import MONTHS as _MONTHS
from storyline.records import Dateline, Published

_DATE_PATTERNS = (
    # an ISO date, alone or opening a timestamp ("2015-12-18T14:32:00+05:30")
    re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:\b|(?=T\d))"),
    re.compile(rf"\b(\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})\b"),
    re.compile(rf"\b((?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})\b"),
    # "14.09.2021": day first, wherever dots are used; not inside a version or a longer number
    re.compile(r"(?<![\w.])(\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)(?!\.?\d)(?!\w)"),
)
# A dotted date ("14.09.2021", "01.03.16"): the day first, wherever dots are used
DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}


# The words before a date that say which date of the page it is.
DATE_LABEL = re.compile(r"\b(?:(?P<published>published|posted)|(?P<updated>updated|modified|"
                        r"edited|revised|amended))\b", re.IGNORECASE)
_LINE_CHARS = 1000  # a date stamp is short; a header line's first characters are enough
# Words that make the date after them another thing's: a person's birth or death, the day an
# archive or a reader saved or read the page, an outlet's founding.
_OTHER_DATE = re.compile(r"\b(?:born|died|archived|retrieved|accessed|captured|saved|founded|"
                         r"established|since|copyright)\b", re.IGNORECASE)


_MAX_DATES = 12


def find_explicit_date(lines: list[str]) -> Published | None:
    """A full calendar date stated in a date-stamp or header line: the first one a label calls
    published ("Published: 1 March 2016"), else the first without a label, else the first
    called updated ("Updated: March 5, 2016", with a lower confidence: the page was published
    that day or before), reading the lines in order and each line from the left."""
    # (rank, line, start, date, line text, end)
    found: list[tuple[int, int, int, str, str, int]] = []
    tried = 0
    for number, whole in enumerate(lines):
        line = whole[:_LINE_CHARS]
        spans = sorted({(m.start(1), m.end(1)) for pattern in _DATE_PATTERNS
                        for m in pattern.finditer(line)})
        previous = 0
        for start, end in spans:
            if start < previous:
                continue  # inside a date already read ("14 March 2016" holds "March 2016")
            tried += 1  # dateparser costs a millisecond a date: an archive list holds hundreds
            if tried > _MAX_DATES:
                break
            settings: dict[str, object] = {"STRICT_PARSING": True}
            if DOTTED_DATE.fullmatch(line[start:end]):
                settings["DATE_ORDER"] = "DMY"
            parsed = dateparser.parse(line[start:end], languages=["en"], settings=settings)
            labels = list(DATE_LABEL.finditer(line, max(previous, start - 40), start))
            other = list(_OTHER_DATE.finditer(line, max(previous, start - 40), start))
            previous = end
            if parsed is None or (other and (not labels or other[-1].start() > labels[-1].start())):
                continue  # "(born 12 May 1984)", "Archived on 2 January 2024"
            # the label nearest the date says which it is ("Posted in Politics | Updated …")
            rank = 1 if not labels else 0 if labels[-1].group("published") else 2
            found.append((rank, number, start, parsed.date().isoformat(), whole.strip(), end))
            if rank == 0:
                break
        if tried > _MAX_DATES or (found and found[-1][0] == 0):
            break
    if not found:
        return None
    rank, number, start, day, _, end = min(found)
    # an update's time is not the publication's
    line = lines[number][:_LINE_CHARS]
    # an ISO timestamp printed whole ("2015-12-18T14:32:00+05:30"): its clock and zone
    stamp = ISO_STAMP.match(line, start) if line[end:end + 1] == "T" else None
    clock = None if rank == 2 else stated_time(stamp.group()) if stamp \
        else time_near(line, start, end)
    return Published(day, "explicit", lines[number].strip(), 0.95 if rank < 2 else 0.7, clock)


# A one-word place closed by a full stop before the date ("Moscow. November 29. INTERFAX -");
# after a comma, a full stop closes an abbreviation ("Baltimore, Md.", "Washington, D.C.")
_SENTENCE_STOP = re.compile(r"^[^,]*(?<![\w.])[^\W\d_]{3,}\.$")


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story, e.g. ``MOSCOW, December 28. /TASS/.``, ``TEHRAN, Jan. 12
    (IRNA) --``, ``PARIS, 14 March 2016 (AFP) -``."""
    match = dateline_match(paragraph)
    if not match or credit_place(match):
        return None
    place = match.group("place").rstrip("-\u2013\u2014 ")  # "SAN FRANCISCO--(BUSINESS WIRE)--"
    if _bare(match) and "," not in place and _headline_like(place):
        return None
    if _SENTENCE_STOP.search(place):
        place = place[:-1]  # "Moscow. November 29.": the city's full stop, not "D.C." or "Calif."
    month_name = match.group("month") or match.group("dmonth")
    month = _MONTH_NUMBER.get(month_name[:3].lower()) if month_name else None
    day_text = match.group("day") or match.group("dday")
    day = int(day_text) if day_text else None
    if month is not None and day is not None and not 1 <= day <= _DAYS_IN[month - 1]:
        month = day = None  # "MAY 45" is no date
    year = int(match.group("year")) if match.group("year") and day is not None else None
    if year is not None and month is not None and day is not None \
            and not (month != 2 or day < 29 or calendar.isleap(year)):
        year = None  # "Feb. 29, 2015": the day and month may stand, the year does not
    return Dateline(place_case(place.strip()), month, day, match.group(0).strip(), year)


# English words of grammar, which no dateline's place holds but labels and headlines in
# capitals do ("HOW IT WORKS:", "ALSO READ:", "PORT SAYS CURFEW STAYS —"), and a letter's
# salutation ("DEAR READERS:", an advice column's "DEAR ANNIE:"). Not the small words inside
# names (_PLACE_PARTICLES: "PORT OF SPAIN", "RIO DO SUL"), nor words that are a place's:
# "a", "and", "as", "can", "do", "may", "my", "said", "she", "to", "will" (A Coruña, Trinidad
# and Tobago, As Salt, Can Tho, Do Son, May Pen, My Tho, Port Said, She County, To Kwa Wan,
# Will County).
_GRAMMAR_WORDS = frozenset("""
    about after against also amid are be been but could dear did does for from had has have he
    her his how i if into is it its might more no not now our says should so than that their
    they this was we were what when where which who why with would you your""".split())
# A label opens with a preposition ("IN BRIEF:", "IN PICTURES:", "ON THE RECORD:", "AT A
# GLANCE:"); a town's name seldom does (In Salah and In Amenas, in Algeria, are lost)
_OPENING_PREPOSITIONS = frozenset("in on at".split())


def _bare(match: re.Match[str]) -> bool:
    """Whether a dateline's match is a place and its dash or colon alone: no date, agency or
    wire vouches for it."""
    return not any(match.group(name) for name in ("date", "agency", "wire", "signed"))


def _headline_like(place: str) -> bool:
    """Whether a bare place (no date, agency, wire or country after it) is a label's or a
    headline's words instead: it holds a word of grammar, opens with a preposition ("IN
    BRIEF:"), or with "The" before two words or more ("THE BIG PICTURE —"; "THE HAGUE —"
    stays). The shape of the story that follows
    says nothing sure: a lead opens with capitalised titles and names ("Attorney General
    Merrick B. Garland said"), and a city's name is made of words the lead may use ("SALT
    LAKE CITY — The city council …")."""
    words = [word.strip(".").lower() for word in place.split()]
    return any(word in _GRAMMAR_WORDS for word in words) or words[0] in _OPENING_PREPOSITIONS \
        or (words[0] == "the" and len(words) > 2)


# Small words inside a place's name, lower case in its usual spelling ("Rio de Janeiro",
# "Stratford-upon-Avon", "Bandar Seri Begawan" has none)
_PLACE_PARTICLES = frozenset("de da do dos das del della di du des la le les of on upon am an "
                             "im in el y au aux sur en".split())


# A code after the city's comma, not a word: two capitals with no full stop ("DC", "UK"; "Md."
# is a word's abbreviation), or a country's or state's common three-letter one (UAE, NSW,
# NYC). Other three capitals are names: Goa, Imo, Edo, Oyo.
_CODE = re.compile(r"\s*(?:[A-Z]{2}|UAE|USA|DRC|PRC|ROK|NSW|QLD|VIC|TAS|ACT|NYC)\s*")


def place_case(place: str) -> str:
    """A dateline's place as the name is spelled: each part the agency set in capitals
    ("RIO DE JANEIRO, Brazil", "ST. PETERSBURG") in title case, the small words inside a
    name in lower case ("Rio de Janeiro, Brazil"); parts already in mixed case stay."""
    parts = []
    for number, part in enumerate(place.split(",")):
        if number and _CODE.fullmatch(part):
            pass  # a state's or country's code after the city ("WASHINGTON, DC", "ABU DHABI, UAE")
        elif part.isupper():
            words = re.split(r"([\s-]+)", part.title())
            part = "".join(word.lower() if 0 < i < len(words) - 1 and word.lower()
                           in _PLACE_PARTICLES else word for i, word in enumerate(words))
        parts.append(part)
    return ",".join(parts)
