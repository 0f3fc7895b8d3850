"""Runs of lines that their structure settles, beside the line model of
:mod:`storyline.clean.boilerplate`: a list of other stories under its heading
(:func:`story_lists`), a paragraph that opens with a news agency's dateline
(:func:`wire_ledes`), a live blog's entries under their clock times (:func:`live_entries`), a
table of figures set as text (:func:`text_tables`) and, in agency copy, another story's
headline set between paragraphs (:func:`inline_headlines`). Each gives the indices of the lines
it settles; :func:`storyline.clean.boilerplate.classify_lines` decides what they weigh."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from storyline.clean.linefeatures import QUOTE, SENTENCE_BREAK
from storyline.clean.linerules import is_headline, is_prose, line_facts, words
from storyline.clean.outlets import wire_agency

# Agency copy: a headline-shaped line this long between two paragraphs is another story's
# headline (inline_headlines).
_INLINE_HEADLINE_WORDS = 6


# The heading of a list of other stories ("Most read", "Trending now", "You may also like")
# (Not "Most watched", "Top stories", "Latest news" or "In other news": an article's own
# subheads over its own list as often — a ratings story's top five, a roundup's items.)
_STORY_LIST = re.compile(
    r"\W*(?:most\s+(?:read|popular|viewed|shared|commented)(?:\s+(?:stories|articles|now|today|"
    r"this week))?|trending(?:\s+(?:now|stories|today))?|popular\s+(?:now|stories|articles)|"
    r"recommended(?:\s+(?:for you|stories|articles|reading))?|related(?:\s+(?:stories|articles|"
    r"content|coverage|posts|reading))?|more\s+(?:stories|headlines)|(?:what to\s+)?read\s+next|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|be interested in)|editor['’]?s\s+picks?|"
    r"don['’]?t\s+miss)\W*", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}[.)]|[-–—*•·›»])\s+(?=\S)")
# A headline in a list of stories holds no figure with its unit after a dash or a colon, as a
# row of a table does ("The King's Christmas Message - 7.1m", "Turnout: 64%").
# A date after the dash is a listed headline's ("Floods cut off villages - 3 March 2011").
_ROW_FIGURE = re.compile(r"(?:\s[-–—]\s|:\s*)[$€£]?\d[\d.,]*(?!\d|[.,]?\s*(?i:jan|feb|mar|apr|"
                         r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b)\s*(?:%|[kmb]n?\b|"
                         r"million|billion)?")
_MIN_LISTED = 2
_MAX_LISTED = 20
_MAX_HEADING_CHARS = 60


def _listed_story(line: str) -> bool:
    """A line of a list of stories: a headline (no sentence's end), numbered or bulleted or
    not, that is no row of figures."""
    return is_headline(_LIST_NUMBER.sub("", line, count=1)) and not _ROW_FIGURE.search(line)


def story_lists(lines: Sequence[str]) -> list[int]:
    """A list of other stories under its heading ("Most read", "Trending now", "Related
    stories", "You may also like", "Editor's picks"): the heading and the two or more
    headlines under it, up to the first line that is none. The model keeps a numbered list
    of headlines after the article, and each headline then gives facts ("1. Police arrest 40
    after clashes in Port Aster": an arrest, a figure) that this story never reported."""
    found: list[int] = []
    for i, line in enumerate(lines):
        # the heading is the whole line: a short one (counting words on every line of a page
        # took a tenth of the text benchmark's filter)
        if len(line) > _MAX_HEADING_CHARS or not _STORY_LIST.fullmatch(line.strip()):
            continue
        listed = list(itertools.takewhile(lambda j: _listed_story(lines[j]),
                                          range(i + 1, min(len(lines), i + 1 + _MAX_LISTED))))
        if len(listed) >= _MIN_LISTED:
            found += [i, *listed]
    return found


def wire_ledes(lines: Sequence[str]) -> list[int]:
    """The paragraphs that open with a news agency's dateline (``MOSCOW, December 28. /TASS/.
    …``, ``WASHINGTON (AP) — …``): article text whatever the model says, since an agency sets
    its dateline on a story's first paragraph and nowhere else. On the line benchmark
    (``scripts/train_line_classifier.py``) 22 lines qualify and all 22 are article; the model
    alone, which sees few agency stories there, can doubt a lede that follows a photo credit
    or a source tag."""
    return [i for i, line in enumerate(lines) if wire_agency(line) and is_prose(line)]


# A live blog's entry stamp, alone on its line: "14:32", "2:05pm", "14:32 GMT", "09.15 BST" (a dot
# only with a zone or am/pm: "3.50" is a price). Read only on lines this short.
_ZONE = (r"\s(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|"
         r"AEDT|HKT|SGT|WIB|PKT|AST|ET|PT|CT)(?:[+-]\d{1,2})?")
_CLOCK = re.compile(rf"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)(?:\s?[ap]\.?m\.?)?(?:{_ZONE})?"
                    rf"|\.(?P<m2>[0-5]\d)(?:\s?[ap]\.?m\.?|{_ZONE}))")
_MAX_CLOCK_CHARS = 20
_MIN_LIVE_ENTRIES = 3


def _clock_minutes(line: str) -> int | None:
    """The minute of the day a clock stamp line names ("2:05pm" → 845), else None."""
    stripped = line.strip()
    if len(stripped) > _MAX_CLOCK_CHARS:
        return None
    match = _CLOCK.fullmatch(stripped)
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["m"] or match["m2"])
    lowered = stripped.lower().replace(".", "")
    if "pm" in lowered and hour < 12:
        hour += 12
    elif "am" in lowered and hour == 12:
        hour = 0
    return hour * 60 + minute


# A live entry's line is a sentence, however short: "It expects most to be reconnected by
# tonight." (a headline, a name, "Reply" or a video's title has no sentence ending)
_MIN_ENTRY_WORDS = 6
_MAX_ENTRY_CHROME = 6


def _entry_text(line: str) -> bool:
    facts = line_facts(line)
    return facts.terminal and len(facts.words) >= _MIN_ENTRY_WORDS


def _entry_chrome(line: str) -> bool:
    """A live entry's own buttons and stamps, between its text and the next entry's time:
    "Share", "Updated at 13.12 GMT" (a comment's "Reply" is no entry's)."""
    facts = line_facts(line)
    return facts.reason in ("interface", "date_stamp") and len(facts.words) <= _MAX_ENTRY_CHROME \
        and "repl" not in facts.identity and "comment" not in facts.identity


def live_entries(lines: Sequence[str]) -> list[int]:
    """A live blog's entries: an unbroken run of three or more entries, each a line that is
    only a clock time ("14:32", "2:05pm", "09.15 BST") followed at once by one or more
    sentences of six words or more (:func:`_entry_text`) and maybe the entry's buttons or
    stamp (:func:`_entry_chrome`), the times in order (newest first or
    oldest first), gives those paragraphs. A list of other stories sets a headline under its
    times, a video list durations in no order, a comment thread names and "Reply" between its
    comments; the
    model, which saw no live blog among the benchmark's pages (none qualifies there), reads
    stamped entries as a teaser list. The stamps stay out of the text."""
    clocks = [_clock_minutes(line) for line in lines]
    found: list[int] = []
    i = 0
    while i < len(lines):
        run: list[int] = []
        stamps: list[int] = []
        at = i
        while at < len(lines) - 1 and (stamp := clocks[at]) is not None \
                and _entry_text(lines[at + 1]):
            stamps.append(stamp)
            at += 1
            while at < len(lines) and clocks[at] is None and _entry_text(lines[at]):
                run.append(at)
                at += 1
            while at < len(lines) and clocks[at] is None and _entry_chrome(lines[at]):
                at += 1
        ordered = stamps in (sorted(stamps), sorted(stamps, reverse=True))
        if len(stamps) >= _MIN_LIVE_ENTRIES and ordered and len(set(stamps)) > 1:
            found.extend(run)
        i = max(at, i + 1)
    return found


# The cells of a table set as text: "Ruth Okafor | 5,118 | 48.6%" (a pipe, or a tab as a
# browser copies a table row), and a cell that is a figure: "5,118", "48.6%", "$1.2bn", "-0.4"
_CELL_SPLIT = re.compile(r"[ \t]*(?:\||\t)[ \t]*")
_FIGURE = re.compile(r"[-+\u2212\u2013]?[$\u20ac\u00a3\u00a5]?\d[\d,.]*(?:%|[kmb]n?)?", re.IGNORECASE)
_MIN_TABLE_ROWS = 3


def _cells(line: str) -> list[str]:
    """The cells of a table row set as text ([] when it is not one: an empty cell, or a
    single cell)."""
    if "|" not in line and "\t" not in line:  # one cell (the split costs more than the test)
        return []
    parts = [part.strip() for part in _CELL_SPLIT.split(line.strip().strip("|"))]
    return parts if len(parts) >= 2 and all(parts) else []


def text_tables(lines: Sequence[str]) -> list[list[int]]:
    """Tables of figures set as text: runs of ``_MIN_TABLE_ROWS`` or more consecutive lines
    with the same number of cells (two or more, split by "|" or tabs), half or more of the
    rows after the first holding a cell that is a figure — an election's results, a league
    table. A menu ("Home | News | Sport") or a footer ("Privacy | Terms") is one line, or
    lines of differing length without figures. :func:`classify_lines` keeps such a table
    under a kept line that introduces it (ending with a colon) or between two kept lines: a
    markets sidebar's is set among chrome, a ticker's under the last paragraph. On the line benchmark
    (``scripts/train_line_classifier.py``) no line qualifies: its pages set tables as
    markup, not as text."""
    cells = [_cells(line) for line in lines]
    found: list[list[int]] = []
    i = 0
    while i < len(lines):
        j = i + 1
        while cells[i] and j < len(lines) and len(cells[j]) == len(cells[i]):
            j += 1
        rows = range(i + 1, j)
        figures = sum(any(map(_FIGURE.fullmatch, cells[k])) for k in rows)
        if cells[i] and j - i >= _MIN_TABLE_ROWS and 2 * figures >= len(rows):
            found.append(list(range(i, j)))
        i = j
    return found


def inline_headlines(lines: Sequence[str]) -> list[int]:
    """In agency copy — a story whose first paragraph opens with an agency's dateline,
    ``MOSCOW, December 28. /TASS/.``, ``WASHINGTON (AP) —`` — the headline-shaped lines of six
    words or more, without quotation marks, that stand alone between two paragraphs: the
    headlines of other stories that agencies' sites set inside the text ("read also",
    "related coverage"); not a paragraph that lost its full stop and reports in the past tense
    ("… the ministry added", "according to …"). Agencies write no subheads that long; where
    they use crossheads at all they are a few words. A form-based rule cannot tell such a link from a feature
    article's subhead, so it holds for agency copy only.

    On the line benchmark (``scripts/train_line_classifier.py``) no line qualifies: of its
    181 pages, 7 open with an agency dateline and none of those sets a headline between two
    paragraphs. The rule is domain knowledge, not fitted to data."""
    lede = next((i for i, line in enumerate(lines) if is_prose(line)), None)
    if lede is None or wire_agency(lines[lede]) is None:
        return []
    return [i for i in range(lede + 1, len(lines) - 1)
            if is_headline(lines[i]) and len(words(lines[i])) >= _INLINE_HEADLINE_WORDS
            and not QUOTE.search(lines[i]) and not lines[i].rstrip().endswith(_NOT_HEADLINE_END)
            and not SENTENCE_BREAK.search(lines[i]) and not _CODED_END.search(lines[i])
            and not _REPORTED_PARAGRAPH.search(lines[i])
            and is_prose(lines[i - 1]) and is_prose(lines[i + 1])]


# A paragraph of agency copy that lost its full stop still ends or reads as one: a sentence
# inside it ("... the official said. PTI ABC RDM", "... said. Enditem"), or an ending no
# headline has ("...next year…", "...; ", " -")
_NOT_HEADLINE_END = ("!", ".", "?", "…", "...", ";", ",", "-", "–", "—")
# ... or it reports in the past tense, as headlines do not (they say "says"): "The sides also
# discussed the situation in Aleppo where thousands remain without water the ministry added",
# "… act as guarantors according to the statement"
_REPORTED_PARAGRAPH = re.compile(r"\b(?:said|added|told|noted|stressed|explained|according to)\b",
                                 re.IGNORECASE)
# ... or a sentence's end before a code in brackets: Reuters' market codes ("... for holders of
# other currencies. [USD/FRX]")
_CODED_END = re.compile(r"[.!?][\"'”’]?\s*[\[(][^\[\]()]{1,30}[\])]\s*$")
