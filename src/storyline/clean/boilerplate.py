"""A first line-level boilerplate filter for scraped plain text.

Each non-empty line is one unit. A line is dropped when its own features mark it as site chrome
(interface vocabulary on a short line, photo credits, legal notices, foreign-script navigation,
date stamps, bare numbers) or when its position does (short lines before the headline or after
the last paragraph of prose). Exact repeats of a paragraph are dropped as duplicates.
Every dropped line is returned with its reason, for audit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storyline.records import Removed

_UI_WORDS = re.compile(
    r"\b(subscribe|newsletter|newsfeed|log ?in|sign (?:in|up)|register|share|tweet|comments?|"
    r"chats?|loader|menu|back to|main page|follow us|read more|more from|related|advertisement|"
    r"cookies?|topics|persons|tags|print|e-?mail|discussion|live blog|blogs)\b",
    re.IGNORECASE,
)
_LEGAL_WORDS = re.compile(
    r"\b(disclaimer|warranty|liability|copyright|all rights reserved|terms of (?:use|service)|"
    r"privacy policy|reproduction)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"©|\bphoto\s*/|\bphoto:|getty images|\bafp photo\b|\bap photo\b", re.I)
_STAMP = re.compile(
    r"\b(last modified|updated|published|posted|date)\b[: ]|\b\d{1,2}:\d{2}\b.*\butc\b", re.I
)
_PROMO = re.compile(
    r"\b(latest news|breaking news|stay tuned|updates|follow us|sign up|subscribe|newsletter|"
    r"download our app|all the news)\b",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^\(.*\)$")
_TERMINAL = re.compile(r"""[.!?]["'”’)]*$|[.!?]["'”’]?\s*$""")
_MAX_TITLE_WORDS = 25


@dataclass(frozen=True, slots=True)
class LineVerdict:
    text: str
    keep: bool
    reason: str


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", line)


def _non_latin_share(line: str) -> float:
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return 0.0
    foreign = sum(1 for c in letters if "LATIN" not in unicodedata.name(c, "LATIN"))
    return foreign / len(letters)


def is_prose(line: str) -> bool:
    """A paragraph of running text: enough words and a sentence ending."""
    return len(_words(line)) >= 12 and bool(_TERMINAL.search(line.strip()))


def is_headline(line: str) -> bool:
    """A headline: several words, no sentence ending, not interface text."""
    n = len(_words(line))
    stripped = line.strip()
    return (
        4 <= n <= _MAX_TITLE_WORDS
        and not stripped.endswith((".", ":", "?"))
        and not stripped.startswith(("-", "(", "©"))
        and _feature_reason(line) is None
    )


def _feature_reason(line: str) -> str | None:
    """Why this line is chrome judged on its own, or None."""
    words = _words(line)
    n = len(words)
    if n == 0:
        return "no_words"
    if _non_latin_share(line) > 0.5:
        return "foreign_script"
    if _CREDIT.search(line) and n <= 12:
        return "photo_credit"
    if len(_LEGAL_WORDS.findall(line)) >= 2 or (_LEGAL_WORDS.search(line) and n <= 4):
        return "legal"
    if _STAMP.search(line) and n <= 10 and not is_prose(line):
        return "date_stamp"
    if len(_PROMO.findall(line)) >= 2:
        return "promo"
    if _BRACKETED.match(line.strip()) and n <= 6:
        return "source_credit"
    if _UI_WORDS.search(line) and n <= 6 and not _TERMINAL.search(line.strip()):
        return "interface"
    return None


def _title_index(lines: list[str]) -> int | None:
    """The headline's position: the first headline-like line before any prose, near the top."""
    for i, line in enumerate(lines[:8]):
        if _feature_reason(line) is not None:
            continue
        if is_prose(line):
            return None
        if is_headline(line):
            return i
    return None


def non_latin_share(lines: list[str]) -> float:
    """Share of letters outside the Latin script in the whole text."""
    return _non_latin_share(" ".join(lines))


def classify_lines(lines: list[str], extracted: bool = False
                   ) -> tuple[str | None, list[LineVerdict]]:
    """The headline (if any) and a keep/drop verdict for every line, in order.

    ``extracted`` text (trafilatura's output for an HTML page) is already main text: only
    repeated paragraphs are dropped. Foreign-script lines are chrome only on a page whose own
    script is Latin.
    """
    if extracted:
        return None, _dedupe(lines)
    latin_page = non_latin_share(lines) < 0.5
    title_at = _title_index(lines)
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    last_prose = prose[-1] if prose else len(lines)
    seen: set[str] = set()
    verdicts: list[LineVerdict] = []
    for i, line in enumerate(lines):
        reason = _feature_reason(line)
        if reason == "foreign_script" and not latin_page:
            reason = None
        key = " ".join(line.lower().split())
        if reason is None and title_at is not None and i < title_at:
            reason = "before_title"
        elif reason is None and i == title_at:
            reason = "title"
        elif (reason is None and i > last_prose and len(_words(line)) < 8
              and not _TERMINAL.search(line.strip())):
            reason = "after_body"
        elif reason is None and key in seen:
            reason = "duplicate"
        seen.add(key)
        verdicts.append(LineVerdict(line, reason is None, reason or ""))
    title = lines[title_at].strip() if title_at is not None else None
    return title, verdicts


def _dedupe(lines: list[str]) -> list[LineVerdict]:
    seen: set[str] = set()
    verdicts = []
    for line in lines:
        key = " ".join(line.lower().split())
        verdicts.append(LineVerdict(line, key not in seen, "" if key not in seen else "duplicate"))
        seen.add(key)
    return verdicts


def removed_lines(verdicts: list[LineVerdict]) -> tuple[Removed, ...]:
    """The dropped lines as audit records (the headline is metadata, not boilerplate)."""
    return tuple(
        Removed(v.text, v.reason) for v in verdicts if not v.keep and v.reason != "title"
    )
