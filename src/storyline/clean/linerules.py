"""Hand-written rules that judge one line of scraped text on its own.

These are the first boilerplate filter's rules, kept as a module of their own because they now
play two parts: :func:`rule_reason` names why a line looks like site chrome (interface
vocabulary on a short line, photo credits, legal notices, foreign-script navigation, date
stamps, promotional blurbs, bracketed source credits), and the same names are features of the
learned line classifier (:mod:`storyline.clean.linefeatures`), which decides how far to trust them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

UI_WORDS = re.compile(
    r"\b(subscribe|newsletter|newsfeed|log ?in|sign (?:in|up)|register|share|tweet|comments?|"
    r"chats?|loader|menu|back to|main page|follow us|read more|more from|related|advertisement|"
    r"cookies?|topics|persons|tags|print|e-?mail|discussion|live blog|blogs)\b",
    re.IGNORECASE,
)
LEGAL_WORDS = re.compile(
    r"\b(disclaimer|warranty|liability|copyright|all rights reserved|terms of (?:use|service)|"
    r"privacy policy|reproduction)\b",
    re.IGNORECASE,
)
CREDIT = re.compile(r"©|\bphoto\s*/|\bphoto:|getty images|\bafp photo\b|\bap photo\b", re.I)
STAMP = re.compile(
    r"\b(last modified|updated|published|posted|date)\b[: ]|\b\d{1,2}:\d{2}\b.*\butc\b", re.I
)
PROMO = re.compile(
    r"\b(latest news|breaking news|stay tuned|updates|follow us|sign up|subscribe|newsletter|"
    r"download our app|all the news)\b",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^\(.*\)$")
TERMINAL = re.compile(r"""[.!?]["'”’)]*$|[.!?]["'”’]?\s*$""")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_MAX_TITLE_WORDS = 25
# "Home | World | Sport": a line cut up by two or more separators is a menu, not a headline.
_SEPARATORS = re.compile(r"\s[|•·»/]\s")

# The reasons rule_reason can give, in a fixed order (they are also feature names).
RULE_REASONS = ("no_words", "foreign_script", "photo_credit", "legal", "date_stamp", "promo",
                "source_credit", "interface")


def words(line: str) -> list[str]:
    """The words of a line: runs of letters, with inner apostrophes and hyphens."""
    return _WORD.findall(line)


def _latin(letter: str) -> bool:
    # Basic Latin to Latin Extended-B, and Latin Extended Additional, without a name lookup.
    code = ord(letter)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF or "LATIN" in unicodedata.name(letter, "LATIN")


_LETTER = re.compile(r"[^\W\d_]")
_OUTSIDE_LATIN_BLOCKS = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


def line_non_latin_share(line: str) -> float:
    """Share of the line's letters that are outside the Latin script (0 with no letters)."""
    if line.isascii():
        return 0.0
    candidates = _OUTSIDE_LATIN_BLOCKS.findall(line)
    if not candidates:
        return 0.0
    letters = len(_LETTER.findall(line))
    return sum(1 for c in candidates if not _latin(c)) / letters


def non_latin_share(lines: list[str]) -> float:
    """Share of letters outside the Latin script in the whole text."""
    return line_non_latin_share(" ".join(lines))


def is_prose(line: str) -> bool:
    """A paragraph of running text: enough words and a sentence ending."""
    return len(words(line)) >= 12 and bool(TERMINAL.search(line.strip()))


def is_headline(line: str) -> bool:
    """A headline: several words, no sentence ending, not interface text."""
    n = len(words(line))
    stripped = line.strip()
    return (
        4 <= n <= _MAX_TITLE_WORDS
        and not stripped.endswith((".", ":", "?"))
        and not stripped.startswith(("-", "(", "©"))
        and len(_SEPARATORS.findall(stripped)) < 2
        and rule_reason(line) is None
    )


@lru_cache(maxsize=8192)
def rule_reason(line: str) -> str | None:
    """Why this line is chrome judged on its own (one of :data:`RULE_REASONS`), or None."""
    found = words(line)
    n = len(found)
    if n == 0:
        return "no_words"
    if line_non_latin_share(line) > 0.5:
        return "foreign_script"
    if CREDIT.search(line) and n <= 12:
        return "photo_credit"
    if len(LEGAL_WORDS.findall(line)) >= 2 or (LEGAL_WORDS.search(line) and n <= 4):
        return "legal"
    if STAMP.search(line) and n <= 10 and not is_prose(line):
        return "date_stamp"
    if len(PROMO.findall(line)) >= 2:
        return "promo"
    if _BRACKETED.match(line.strip()) and n <= 6:
        return "source_credit"
    if UI_WORDS.search(line) and n <= 6 and not TERMINAL.search(line.strip()):
        return "interface"
    return None


def title_index(lines: list[str]) -> int | None:
    """The headline's position: the first headline-like line before any prose, near the top."""
    for i, line in enumerate(lines[:8]):
        if rule_reason(line) is not None:
            continue
        if is_prose(line):
            return None
        if is_headline(line):
            return i
    return None
