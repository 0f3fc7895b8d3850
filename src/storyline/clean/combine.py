"""Combine trafilatura's precise and recall passes over one HTML page, line by line.

Trafilatura run with ``favor_precision`` is the better extractor on most pages, but on some
its rules leave almost nothing of the article, and on others it keeps the headline and
"Read more: …" / "Related: …" teasers. This module merges the precise and the recall pass into
one ordered list of candidate lines, each marked with the passes that produced it, and chooses
the main text from them:

1. the precise pass's lines — unless they hold under :attr:`CombineOptions.min_precise_share`
   of the recall pass's words, a sign that its rules threw the article away, in which case the
   recall pass's lines;
2. less a repeat of the page title near the top (the headline is metadata, not body);
3. less short lines that open with interface vocabulary ("Read more:", "Related:",
   "Subscribe to …", "Comments") and are neither sentences nor list items, lines that open
   by asking the reader to do something for the site ("Sign up for our newsletter …",
   "Follow us on …", "Story continues below advertisement"), and lines of signs only;
4. less photo credits ("(Photo by …/Getty Images)", "Image copyright AFP", "© Reuters") and
   copyright notices ("© 2019 Associated Press. All Rights Reserved.") that the page sets
   inside its article;
5. less reporting credits ("(Reporting by …; Editing by …)", "… contributed to this report."),
   which scraped text drops too, so that a wire story read as HTML and as text is one document.

The thresholds were set on the Zyte benchmark with a 2-fold check
(``scripts/tune_html_combination.py``); nothing here knows any site.
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.linefeatures import line_key
from storyline.clean.linerules import (
    TERMINAL,
    UI_WORDS,
    is_byline,
    is_reporting_credit,
    words,
)

_TOKEN = re.compile(r"\w+")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—*•]|\d{1,2}[.)])\s")
# A precise pass several times longer than the recall pass has fallen back to a whole-page
# extractor (trafilatura's readability/jusText rescue); its extra lines are then not evidence.
_FALLBACK_RATIO = 2.0
_EXACT_ALIGN_LINES = 400
_MIN_RECALL_TOKENS = 100
# Two renderings of one paragraph share nearly all their words.
_SAME_SHARE = 0.9
_MAX_FUZZY_PAIRS = 250_000
_TITLE_ZONE = 3
# What follows interface vocabulary used as interface: a colon or an arrow, or a word that
# points somewhere ("Subscribe to …", "Follow us on …", "Share this", "Read more here").
_POINTER_MARK = re.compile(r"[:|»›>]")
# A label that points at another page, then a colon: what follows is that page's headline,
# however long, even when it reads as a sentence or a question ("ALSO READ: Heatwave pushes
# temperatures to 44C in Athens …", "Read more: What is in the $95bn aid package?").
_POINTER_LABEL = re.compile(
    r"^\W*(?:(?:also|further|must|recommended|suggested)\s+)?(?:read|see|watch|listen)"
    r"(?:\s+(?:more|also|next|too|this))?\s*:"
    r"|^\W*(?:related(?:\s+(?:stories|story|articles?|content|news|coverage|reading|links?))?"
    r"|more\s+(?:on|about)\s+(?:this|the)\s+story|don['’]?t\s+miss|editor['’]?s\s+picks?"
    r"|trending(?:\s+now)?|most\s+(?:read|popular|viewed))\s*:"
    # the same labels as English-language editions of other-language sites keep them
    r"|^\W*(?:le[ae]\s+(?:también|más)|leer\s+más|te\s+puede\s+interesar|(?:à\s+)?lire\s+aussi"
    r"|voir\s+aussi|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|leia\s+(?:também|mais)"
    r"|veja\s+também|saiba\s+mais|leggi\s+anche|lees\s+ook)\s*:", re.IGNORECASE)
_MAX_POINTER_WORDS = 30
# A line that opens by asking the reader to do something for the site — follow it, sign up,
# subscribe, get its app, click, send a tip, read on past an advertisement or a paywall — is
# the site's promotion, sentence or not ("Sign up for our newsletter to get the latest news
# in your inbox."). Only at the line's start: a quoted appeal opens with its quotation mark, a
# list item with its mark ("- Sign up for an ad-free plan for $12 a month": a list of offers),
# and "An even better deal is if you sign up for …" is prose.
_CALL_TO_ACTION = re.compile(
    r"\s*(?:(?:follow|join)\s+us\b|(?:like|find)\s+us\s+on\b|join\s+our\b"
    r"|follow\s+(?:[\w.]+['’]s|our|the\s+latest|all\s+of\s+[\w.]+['’]s)\s+(?:\w+\s+)?"
    r"(?:coverage|updates|stories|news)\b"
    r"|(?:sign\s+up|subscribe|register)\b(?:\W+\w+){0,6}?\W+(?:our|newsletters?|briefings?|"
    r"alerts?|inbox|now|here)\b"
    r"|(?:subscribe|sign\s+in|log\s+in)\s+to\s+(?:read|continue)\b"
    r"|(?:download|get|install)\s+(?:our|the\s+\w+\s+app)\b|(?:click|tap)\s+here\b"
    r"|get\s+(?:the\s+latest|unlimited|full\s+access)\b|(?:have|got)\s+a\s+(?:news\s+)?tip\b"
    r"|(?:don['’]t|never)\s+miss\s+(?:a|an|the|out|our)\b"
    r"|stay\s+(?:informed|up\s+to\s+date|in\s+the\s+know)\b"
    r"|(?:the\s+)?(?:story|article)\s+continues\s+(?:below|after)\b|continue\s+reading\b"
    r"|already\s+(?:a\s+subscriber|have\s+an\s+account)\b"
    r"|this\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:available\s+)?(?:for|to)\s+"
    r"(?:paying\s+)?subscribers\b"
    # the same in the languages English-language editions of other sites keep
    r"|síguenos|suivez-nous|folgen\s+sie\s+uns|siga-nos|seguici|volg\s+ons)", re.IGNORECASE)
_MAX_CALL_WORDS = 40
# ... but an appeal the line reports someone making is news: "Join us, the protesters
# chanted.", "Stay informed through local radio, officials urged residents.", "Click here to
# claim your prize, the messages said." A site never says who asks.
_REPORTED_APPEAL = re.compile(
    r"[,;:]\s+(?:[\w'’.-]+\s+){0,6}?(?:said|says|told|tells|urged|urges|warned|warns|advised|"
    r"advises|asked|asks|chanted|chant|shouted|shouts|wrote|writes|added|adds|insisted|"
    r"pleaded|appealed|demanded|announced|stated|according\s+to)\b", re.IGNORECASE)
_POINTING = frozenset("to the our us on for now this via with up in more here at your my all "
                      "it stories story posts post articles article links link content news "
                      "topics alerts updates sign-up signup coverage video videos photos "
                      "gallery page".split())


@dataclass(frozen=True, slots=True)
class CombineOptions:
    """Thresholds of :func:`choose_lines` (defaults: the values tuned on the Zyte benchmark)."""

    min_precise_share: float = 0.3
    title_overlap: float = 0.8
    max_title_words: int = 30
    max_interface_words: int = 15


@dataclass(frozen=True, slots=True)
class CandidateLine:
    """One line of main-text candidate and the trafilatura passes that produced it."""

    text: str
    precise: bool
    recall: bool


def _tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _same_paragraph(x: frozenset[str], y: frozenset[str]) -> bool:
    """Two renderings of one paragraph, by their words (the passes differ in a word of markup
    at the edges)."""
    return bool(x) and len(x & y) >= _SAME_SHARE * len(x | y)


def _words(text: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(text.lower()))


def _merge_block(precise: list[str], recall: list[str]) -> list[CandidateLine]:
    """Lines where the passes disagree: a recall line that re-renders a precise one counts as
    found by both; the other lines keep their single source, precise ones first.

    Each recall line is compared with the precise lines not yet paired; past
    ``_MAX_FUZZY_PAIRS`` pairs only a line with the very same words pairs, found by lookup.
    (Comparing each recall line with every line merged before it took 82 s on a page of
    100,000 unclosed paragraphs, which difflib leaves as one block.)"""
    merged = [CandidateLine(x, True, False) for x in precise]
    found = [_words(x) for x in precise]
    exact: dict[frozenset[str], deque[int]] | None = None
    if len(precise) * len(recall) > _MAX_FUZZY_PAIRS:
        exact = {}
        for i, words in enumerate(found):
            if words:
                exact.setdefault(words, deque()).append(i)
    for line in recall:
        words = _words(line)
        if exact is None:
            twin = next((i for i, x in enumerate(found)
                         if not merged[i].recall and _same_paragraph(x, words)), None)
        else:
            slots = exact.get(words)
            twin = slots.popleft() if slots else None
        if twin is None:
            merged.append(CandidateLine(line, False, True))
        else:
            merged[twin] = CandidateLine(line, True, True)
    return merged


def merge_passes(precise_text: str, recall_text: str) -> list[CandidateLine]:
    """The recall pass's lines in order, with lines only the precise pass found slotted in
    where they belong; each line says which passes produced it."""
    precise, recall = _lines(precise_text), _lines(recall_text)
    n_precise, n_recall = _tokens(precise_text), _tokens(recall_text)
    if n_recall >= _MIN_RECALL_TOKENS and n_precise > _FALLBACK_RATIO * n_recall:
        precise = list(recall)
    # Exact alignment is quadratic on many repeated lines (hostile or generated pages); past a
    # few hundred lines difflib's popularity heuristic keeps it near-linear.
    long_page = max(len(precise), len(recall)) > _EXACT_ALIGN_LINES
    matcher = difflib.SequenceMatcher(None, [line_key(x) for x in precise],
                                      [line_key(x) for x in recall], autojunk=long_page)
    merged: list[CandidateLine] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            merged += [CandidateLine(x, True, True) for x in recall[j1:j2]]
        else:
            merged += _merge_block(precise[i1:i2], recall[j1:j2])
    return merged


def title_overlap(line: str, title: str | None, max_words: int = 30) -> float:
    """Share of a short line's words that the page title has: 1.0 for a headline repeated in
    the body, however the site decorated its <title>. 0 for long lines or no title."""
    found = _TOKEN.findall(line.lower())
    title_words = set(_TOKEN.findall(title.lower())) if title else set()
    if not found or not title_words or len(found) > max_words:
        return 0.0
    return sum(1 for w in found if w in title_words) / len(found)


def is_call_to_action(line: str) -> bool:
    """A line of up to 40 words that opens by asking the reader to do something for the site
    (:data:`_CALL_TO_ACTION`): "Follow us on Facebook for more news.", "Sign up for our
    newsletter …", "Click here to …", "Have a news tip? Email us …", "Story continues below
    advertisement", "This article is for subscribers only."; not one it reports someone
    making (:data:`_REPORTED_APPEAL`)."""
    return len(line.split()) <= _MAX_CALL_WORDS and _CALL_TO_ACTION.match(line) is not None \
        and _REPORTED_APPEAL.search(line) is None


def is_interface_line(line: str, max_words: int = 15) -> bool:
    """A short non-sentence that opens with interface vocabulary used as interface ("Read
    more: …", "Related: …", "Subscribe to our newsletter", "Comments"); list items, table
    rows and sentences never are (but a line that opens with a label pointing at another page
    always is, up to 30 words: "ALSO READ: …", "Read more: What is in the aid package?",
    "Related: …", "Most read: …"), nor a subhead that uses the word for its meaning ("Share
    prices tumble", "Comments from the regulator", "Print and media stocks hit"): the
    interface words must end the line, or be followed by a colon or the like within the first
    four words, or by a word that points somewhere ("to", "on", "our", "this", "more"…),
    names what is listed ("stories", "article", "videos"…) or is interface too ("Share Tweet
    Email"); a phrase only interface uses ("More from …", "Follow us …") always is."""
    found = words(line)
    stripped = line.strip()
    if len(found) <= _MAX_POINTER_WORDS and _POINTER_LABEL.match(stripped):
        return True
    if not (0 < len(found) <= max_words) or TERMINAL.search(stripped) \
            or _LIST_ITEM.match(stripped) or stripped.startswith("|"):
        return False
    match = UI_WORDS.search(" ".join(found[:3]))
    if match is None:
        return False
    if _POINTER_MARK.search(" ".join(stripped.split()[:4])) or " " in match.group().strip():
        return True  # "Read more: …", or a phrase only interface uses ("more from", "follow us")
    after = found[len(" ".join(found[:3])[: match.end()].split()):]
    return not after or after[0].lower() in _POINTING or bool(UI_WORDS.fullmatch(after[0]))


# A credit's own marks: a © before a name, a label ("Photo:", "Main image credit:", "Credit:"), an
# agency's photo at the line's start, a Getty credit after a slash or "via", "(Photo by …".
# "Getty Images sues …" is a headline; "Big picture: …" a label of prose.
_CREDIT_MARK = re.compile(
    r"©\s*[^\d\s]|(?:^\W*|[.;|–—]\s+)(?:(?:main|top|file|lead|header|featured|cover|hero)\s+)?"
    r"(?:image|photo|picture|video)(?:\s+credits?)?\s*[:/]|"
    r"\b(?:image|photo|picture|video)\s+credits?\s*:|^\W*credits?\s*:|"
    r"\bimage copyright\b|^\W*(?:afp|ap|epa|reuters)\s+photos?\b|[/(]\s*getty images|"
    r"\bvia getty images|\(photo (?:by|courtesy)", re.I)
# A notice of copyright: "© 2019 …", "Copyright 2016 …", "Copyright © Example Ltd", "© Example
# Media Ltd." (a company's name: "© Reuters" under a photo is its credit), and "All rights
# reserved" on a short line or beside one of those.
_COPYRIGHT = re.compile(r"(?:©|\bcopyright)\s*(?:©\s*)?\d{4}\b|\bcopyright\s*©|©\s*copyright\b|"
                        r"©[^.]{1,80}\b(?:ltd|limited|inc|llc|plc|gmbh|s\.?a|corp(?:oration)?|"
                        r"group|holdings|media|publishing|co)\b\.?\s*$", re.I)
_RESERVED = re.compile(r"\ball rights reserved\b", re.I)
_MAX_CREDIT_WORDS = 12
_MAX_NOTICE_WORDS = 40
_MAX_BARE_NOTICE_WORDS = 8
# A credit is no sentence: a line of this many words or more that ends like one is prose
# ("AP photos show the damage in the town.", "Credit: the bank tightened lending again.").
_SENTENCE_WORDS = 5


def credit_reason(line: str) -> str | None:
    """``legal`` for a copyright notice (up to 40 words), ``photo_credit`` for a credit (up to
    12 words; "© Reuters", "Photo: AP/John Smith"), else ``None``. A line that reads as a
    sentence (five words or more and a sentence's end) is neither unless it holds a notice."""
    n = len(line.split())
    stripped = line.strip()
    sentence = n >= _SENTENCE_WORDS and bool(TERMINAL.search(stripped)) \
        and not stripped.endswith(")")
    if n <= _MAX_NOTICE_WORDS and _COPYRIGHT.search(line) or (
            _RESERVED.search(line) and (n <= _MAX_BARE_NOTICE_WORDS or "©" in line)):
        return "legal"
    if n <= _MAX_CREDIT_WORDS and not sentence and _CREDIT_MARK.search(line):
        return "photo_credit"
    return None


def _base_lines(lines: Sequence[CandidateLine], share: float) -> list[CandidateLine]:
    """The precise pass's lines, or the recall pass's when the precise one kept too little."""
    precise = sum(_tokens(line.text) for line in lines if line.precise)
    recall = sum(_tokens(line.text) for line in lines if line.recall)
    use_recall = precise < share * recall
    return [line for line in lines if (line.recall if use_recall else line.precise)]


def choose_lines(lines: Sequence[CandidateLine], title: str | None,
                 options: CombineOptions | None = None) -> list[str]:
    """The main-text lines of a page, in order, from its merged candidate lines.

    Needs the page's title (trafilatura's metadata; None when unknown) to recognise the
    headline. Produces the chosen lines' text; an empty list when no pass found anything.
    """
    return sort_lines(lines, title, options)[0]


def sort_lines(lines: Sequence[CandidateLine], title: str | None,
               options: CombineOptions | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """:func:`choose_lines`, and the lines of the chosen pass it left out, each with its
    reason (``title``: the headline repeated; ``interface``; ``promo``: a call to action;
    ``no_words``: a line of signs; ``photo_credit``; ``legal``; ``reporting_credit`` and
    ``byline``, as in scraped text), for the document's audit."""
    options = options or CombineOptions()
    chosen = _base_lines(lines, options.min_precise_share)
    # the headline itself, word for word, anywhere: an extractor may set the <h1> after a
    # block of text that precedes it in the markup's order
    title_key = line_key(title) if title and not TERMINAL.search(title.strip()) else None
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    for i, line in enumerate(chosen):
        stripped = line.text.strip()
        headline = (i < _TITLE_ZONE and not TERMINAL.search(stripped)
                    and not _LIST_ITEM.match(stripped)  # a key point may repeat the headline
                    and title_overlap(line.text, title, options.max_title_words)
                    >= options.title_overlap) or (title_key is not None
                                                  and line_key(stripped) == title_key)
        if headline:
            dropped.append((line.text, "title"))
        elif is_interface_line(line.text, options.max_interface_words):
            dropped.append((line.text, "interface"))
        elif is_call_to_action(stripped):
            dropped.append((line.text, "promo"))
        elif not _TOKEN.search(stripped):  # a rule ("* * *", "—"), a table's "|---|---|"
            dropped.append((line.text, "no_words"))
        elif reason := credit_reason(stripped):
            dropped.append((line.text, reason))
        elif is_reporting_credit(stripped):
            dropped.append((line.text, "reporting_credit"))
        elif is_byline(stripped):
            dropped.append((line.text, "byline"))
        else:
            kept.append(line.text)
    return kept, dropped
