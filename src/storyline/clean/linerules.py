"""Hand-written rules that judge one line of scraped text on its own.

These are the first boilerplate filter's rules, kept as a module of their own because they now
play two parts: :func:`rule_reason` names why a line looks like site chrome (interface
vocabulary on a short line, photo credits, legal notices, foreign-script navigation, date
stamps, promotional blurbs, bracketed source credits, captions and reporting credits), and the
same names are features of the learned line classifier (:mod:`storyline.clean.linefeatures`),
which decides how far to trust them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

UI_WORDS = re.compile(
    r"\b(subscribe|newsletter|newsfeed|log ?in|sign (?:in|up)|register|share|tweet|comments?|"
    r"chats?|loader|menu|back to|main page|follow us|read more|more from|related|advertisement|"
    r"cookies?|topics|persons|tags|print|e-?mail|discussion|live blog|blogs|"
    r"find us on|keep me logged in|toggle navigation|site index)\b",
    re.IGNORECASE,
)
LEGAL_WORDS = re.compile(
    r"\b(disclaimer|warranty|liability|copyright|all rights reserved|terms of (?:use|service)|"
    r"privacy policy|reproduction)\b",
    re.IGNORECASE,
)
CREDIT = re.compile(r"©|\bphoto\s*/|\bphoto:|getty images|\bafp photo\b|\bap photo\b|"
                    r"\b(?:image|photo|picture|video) credits?\s*:", re.I)
STAMP = re.compile(
    r"\b(last modified|updated|published|posted|date)\b[: ]|\b\d{1,2}:\d{2}\b.*\butc\b", re.I
)
PROMO = re.compile(
    r"\b(latest news|breaking news|stay tuned|updates|follow us|sign up|subscribe|newsletter|"
    r"download our app|all the news)\b",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^\(.*\)$")
# Captions and credits: a caption that ends with its agency's credit ("... in La Paz, November
# 19, 2019. REUTERS/Name", "(NASA/JPL-Caltech)"), one that says what it is ("FILE PHOTO:",
# "Media caption", "This 2017, file photo, provided by ..."), and the header of a reader's
# comment ("Ann on May 2, 2018 at 10:07 am said:"), at any length; reporting and contributor
# credits only on short lines ("Reporting by The Times last year found ..." is a sentence).
_AGENCIES = ("reuters", "afp", "ap", "getty images", "epa", "efe", "xinhua", "anadolu", "tass",
             "ria novosti", "sputnik", "nasa", "shutterstock", "alamy", "pa", "dpa", "bloomberg")
_AGENCY = "(?:" + "|".join(_AGENCIES) + ")"
# The header of a reader's comment that dates it ("Ann on May 2, 2018 at 10:07 am said:"), and
# the heading of a comment thread, which quotes the article's title whole ("12 thoughts on “…”",
# "3 responses to “…”"; "300 responses to the consultation were received." is a paragraph, and
# so is '300 responses to “the plan” arrived, she said.').
_DATED_COMMENT = r"\bon \w+ \d{1,2}, \d{4},? at \d{1,2}:\d\d\s*(?:am|pm)?\s*(?:said|says|wrote):?$"
DATED_COMMENT = re.compile(_DATED_COMMENT)
THREAD_HEADING = re.compile(r"^\W*\d+\s+(?:comments?|responses?|replies|thoughts)\s+(?:on|to)\s*"
                            r"[\"“«'‘].{0,300}[\"”»'’]$")
# The heading of a comment section, which a dated header follows closely ("Comments",
# "1 Comment", "Leave a Reply").
COMMENT_SECTION = re.compile(r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reactions)\b|"
                             r"\bleave a (?:reply|comment)\b|\bjoin the (?:discussion|conversation)\b")
_CAPTION = re.compile(
    r"^(?:media caption|image caption|image copyright)"
    r"|^(?:file photo|file|caption|photo|pictured)\s*(?::|—|–|\s-\s)"
    r"|, file photo\b|^\(?photo (?:by|courtesy)\b|\((?:image|photo|picture|pic)s?\s*:[^)]{0,120}\)$"
    rf"|(?:©|\(|\.\s|\bphoto[:/]\s*)\s*{_AGENCY}(?:\s*/[^.!?]{{0,60}})?\)?$"
    # a credit after the caption's sentence, or alone: "(AP Photo/Name)", "(IRNA photo)",
    # "(Photo by Name/AFP via Getty Images)", "Photograph: Name/Reuters", "Image: Supplied",
    # "[Name/Al Jazeera]", "| Name/AP" ("Big picture: the economy is slowing." is a sentence,
    # "Photos: Storm batters the coast" a gallery's headline)
    r"|(?:^|[.!?”\"')]\s+)(?:\((?:[a-z-]+ (?:photo|picture|image|pic)s?(?:\s*(?:by|:|/)[^()]{0,80})?"
    r"|(?:photo|picture|image|pic)s?\s*(?:by|:|/)[^()]{1,80})\)"
    r"|(?:photo(?:graph)?|picture|image|pic|credit)\s*:\s*[^.!?:]{1,80}"
    # a name and its outlet, a space in the name: "[Ivan Lis/Al Jazeera]", not Reuters'
    # market codes "[O/R]", "[MKTS/GLOB]" or a transcript's "[Laughs/applause]"
    r"|\[[^\[\]/]{0,40}\w\s\w[^\[\]/]{0,40}/[^\[\]]{1,60}\]|\|\s*[^|/]{0,40}\w\s\w[^|/]{0,40}/[^|]{1,60})$"
    r"|" + _DATED_COMMENT)
_CREDIT_LINE = re.compile(r"^\((?:additional )?(?:reporting|writing|editing|compiled) by\b"
                          r"|^(?:additional )?reporting by\b.*\b(?:editing|writing) by\b"
                          # the credit ends its line: "AP writer Ann Lee contributed to this
                          # report." ("60 scientists contributed to this report, the UN said."
                          # is a sentence)
                          r"|\bcontributed (?:to )?(?:this report|this story|reporting)"
                          r"(?: (?:from|in) [^.,;]{1,60})?\.?$")
_MAX_CREDIT_WORDS = 25
# Substrings without which those patterns cannot match: words anywhere, an agency in a line's
# last characters, a time of day before a closing "said:" (most lines hold none of them).
_CAPTION_WORDS = ("photo", "caption", "image", "(pic", "pic:", "file", "picture", "credit",
                  "/", "reporting by", "writing by", "editing by", "compiled by", "contributed")
_CAPTION_AGENCIES = tuple(agency.split()[0] for agency in _AGENCIES)


def _is_caption(lowered: str, n: int) -> bool:
    if not (any(word in lowered for word in _CAPTION_WORDS)
            or any(agency in lowered[-80:] for agency in _CAPTION_AGENCIES)
            or (lowered.endswith((":", "said", "says", "wrote")) and " at " in lowered)):
        return False
    return bool(_CAPTION.search(lowered)) or _credit_line(lowered, n)


def _credit_line(lowered: str, n: int) -> bool:
    return n <= _MAX_CREDIT_WORDS and bool(_CREDIT_LINE.search(lowered))


def is_reporting_credit(line: str) -> bool:
    """A line that credits the story's reporters and editors, not a sentence of it: "(Reporting
    by …; Editing by …)", "Additional reporting by …", "AP writers … contributed to this report."
    (up to 25 words). The line rules count it as a ``caption`` (a feature the model was fitted
    with); the audit names it ``reporting_credit``, in scraped text and in HTML alike."""
    stripped = line.strip()
    return _credit_line(stripped.lower(), len(_WORD.findall(stripped)))


# Sentence endings: Latin, full-width (Chinese, Japanese), Arabic, Urdu and Devanagari marks.
_ENDS = ".!?。！？｡؟۔।॥"
TERMINAL = re.compile(rf"""[{_ENDS}]["'”’)」』]*$|[{_ENDS}]["'”’」』]?\s*$""")
# Scripts written without spaces between words (Han, kana, Thai): each letter counts as a word,
# so that a line of Japanese running text is as long, in words, as its English translation
# roughly is, instead of one "word" per run between punctuation marks.
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W\d_{_UNSPACED}]+(?:['’-][^\W\d_{_UNSPACED}]+)*")
_MAX_TITLE_WORDS = 25
# "Home | World | Sport", "Home > News > Middle East": a line cut up by two or more separators
# is a menu or a breadcrumb trail, not a headline.
_SEPARATORS = re.compile(r"\s[|•·»›>/]\s")

# The reasons rule_reason can give, in a fixed order (they are also feature names).
RULE_REASONS = ("no_words", "foreign_script", "photo_credit", "legal", "date_stamp", "promo",
                "source_credit", "interface", "caption")


def words(line: str) -> list[str]:
    """The words of a line: runs of letters, with inner apostrophes and hyphens; in scripts
    written without spaces, each letter."""
    return _WORD.findall(line)


# Letters outside the Latin script: everything but the blocks whose letters Unicode names LATIN
# (Basic Latin to IPA Extensions, phonetic extensions, Latin Extended Additional, -C, -D, -E and
# -G, super- and subscript letters, ligatures, fullwidth forms).
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(
    r"[^\W\d_\u0000-\u02af\u1d00-\u1dbf\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u2184"
    r"\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
    r"\U0001df00-\U0001dfff]"
)


_ASCII_LETTERS = str.maketrans("", "", string.ascii_letters)


def _outside_latin(line: str) -> int:
    return 0 if line.isascii() else len(_NON_LATIN.findall(line))


def _letters(line: str) -> int:
    if line.isascii():  # the same count as the pattern's, without a match object per letter
        return len(line) - len(line.translate(_ASCII_LETTERS))
    return len(_LETTER.findall(line))


def line_non_latin_share(line: str) -> float:
    """Share of the line's letters that are outside the Latin script (0 with no letters)."""
    outside = _outside_latin(line)
    return outside / _letters(line) if outside else 0.0


def non_latin_share(lines: list[str]) -> float:
    """Share of letters outside the Latin script in the whole text."""
    return line_non_latin_share(" ".join(lines))


def page_non_latin_share(lines: Sequence[str]) -> float:
    """:func:`non_latin_share` from the cached :func:`line_facts` of each line (letters are
    counted only on a page that has some outside the Latin script)."""
    facts = [line_facts(line) for line in lines]
    outside = sum(f.outside for f in facts)
    if not outside:
        return 0.0
    return outside / sum(f.letters if f.outside else _letters(f.stripped) for f in facts)


@dataclass(frozen=True, slots=True)
class LineFacts:
    """What the rules need to know of one line, worked out once (:func:`line_facts`)."""

    stripped: str
    identity: str  # lower case, spacing collapsed: what makes two lines the same line
    words: tuple[str, ...]
    terminal: bool  # ends like a sentence
    outside: int  # letters outside the Latin script
    letters: int  # all its letters, counted only when some are outside the Latin script
    foreign: bool  # mostly outside the Latin script
    reason: str | None  # rule_reason


@lru_cache(maxsize=16384)
def line_facts(line: str) -> LineFacts:
    """The words, sentence ending, script and rule verdict of a line (cached: chrome lines
    recur from page to page, and every stage of the line filter asks about each line)."""
    stripped = line.strip()
    lowered = stripped.lower()
    found = tuple(_WORD.findall(stripped))
    terminal = bool(TERMINAL.search(stripped))
    outside = _outside_latin(stripped)
    letters = _letters(stripped) if outside else 0
    foreign = outside > 0.5 * letters
    if not found:
        reason: str | None = "no_words"
    elif foreign:
        reason = "foreign_script"
    else:
        reason = _vocabulary_rule(stripped, lowered, len(found), terminal)
    return LineFacts(stripped, " ".join(lowered.split()), found, terminal, outside, letters,
                     foreign, reason)


def is_prose(line: str) -> bool:
    """A paragraph of running text: enough words and a sentence ending."""
    facts = line_facts(line)
    return len(facts.words) >= 12 and facts.terminal


def is_headline(line: str) -> bool:
    """A headline: several words, no sentence ending, not interface text."""
    facts = line_facts(line)
    stripped = facts.stripped
    return (
        4 <= len(facts.words) <= _MAX_TITLE_WORDS
        and not stripped.endswith((".", ":", "?"))
        and not stripped.startswith(("-", "(", "©", "*", "•", "»", "·", "›", ">"))
        and len(_SEPARATORS.findall(stripped)) < 2
        and facts.reason is None
    )


def is_question_headline(line: str) -> bool:
    """A headline that asks ("Will the central bank cut rates in June?"): shaped as one, but
    for its question mark, which :func:`is_headline` refuses (a question in running text, an
    interviewer's, is no headline to the line filter; the headline finder may take one)."""
    stripped = line.strip()
    return stripped.endswith("?") and is_headline(stripped[:-1])


def rule_reason(line: str) -> str | None:
    """Why this line is chrome judged on its own (one of :data:`RULE_REASONS`), or None."""
    return line_facts(line).reason


# The vocabulary rules run on the lower-cased line without IGNORECASE: two to three times
# faster in Python's re, same matches.
_CREDIT = re.compile(CREDIT.pattern)
_LEGAL = re.compile(LEGAL_WORDS.pattern)
_STAMP = re.compile(STAMP.pattern)
_PROMO = re.compile(PROMO.pattern)
_UI = re.compile(UI_WORDS.pattern)
# An accessibility link ("Skip to main content"): anchored, so that "Gold prices jump to
# record high" stays a headline.
_SKIP_LINK = re.compile(r"(?:skip|jump) (?:directly )?to (?:the )?(?:main |primary |page )?"
                        r"(?:content|navigation|menu|search|footer|site index)")
# A gallery's counter: "Image 3 of 12", "Photo 2/9", "Slide 4 of 10".
_GALLERY = re.compile(r"(?:image|photo|picture|slide|gallery)\s+\d+\s*(?:of|/)\s*\d+$")
# A stamp word in a sentence's passive with no date or time in it ("The letter was published on
# Friday.", "has been updated"): a short paragraph of news, not a page's date stamp ("This story
# was originally published on March 5, 2016." is one).
_AUXILIARY_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being|had|has|have|gets?|got)\s+"
                               r"(?:\w+ly\s+)?$")
_DIGIT = re.compile(r"\d")
# A stamp set as a sentence opens with its label or speaks of the page, and says when
# ("Published on March 5, 2016.", "This story was updated at 10:32."); "The company posted a
# loss.", "Updated figures put the toll at 57.", "The quake struck at 03:40 UTC." and "The new
# date is June 28." are news.
_ABOUT_THE_PAGE = re.compile(r"\W*(?:(?:first|originally|last)\s+)?(?:published|posted|updated|"
                             r"modified|date)\b|\W*(?:this|the)\s+(?:story|article|post|page|"
                             r"report|piece|blog)\b")
_WHEN = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
                   r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                   r"dec)|\b\d{1,2}[:.]\d\d\b|\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|"
                   r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:ago|yesterday|today)\b")
# A legal term in a sentence that reports what someone said or did is news ("Lexora said its
# terms of service allow the use and that it would fight the copyright claims in court.").
_REPORTED = re.compile(r"\b(?:said|says|told|according to|argued|argues|claimed|claims|alleged|"
                       r"alleges|ruled|rules|filed|sued|accused|accuses|denied|denies)\b")
# Substrings without which those patterns cannot match: a few `in` tests spare most lines the
# pattern itself.
_LEGAL_HINTS = ("disclaimer", "warranty", "liability", "copyright", "rights reserved",
                "terms of", "privacy policy", "reproduction", "(c)")
# A notice that opens with the copyright sign typed as "(c)" and a year ("(c) 2016 Reuters. All
# rights reserved."): the word "copyright" for the legal count, as "©" is a credit's sign
_COPYRIGHT_SIGN = re.compile(r"\(c\)\s*(?:19|20)\d\d\b")
_PROMO_HINTS = ("news", "stay tuned", "updates", "follow us", "sign up", "subscribe",
                "download our app")
# A key fact set as a list item ("- Register of voters: 4.2 million", "* Runoff date: April 21",
# "• Vote share: 41%"): a factbox's row, a figure the story gives. When its label names the fact
# with a word of its own, a stamp or interface word in it ("date", "register", "share") is a noun
# of the fact; a row whose label is only such words ("- Comments: 12", "* Date: May 2",
# "- Publish date: May 2") is left to the rules.
_KEY_FACT = re.compile(r"[-•*–·▪]\s+([^\W\d_][\w'’ -]{0,40}?):\s+\D{0,24}\d")
_LABEL_ONLY = frozenset(("of", "the", "a", "an", "to", "this", "for", "and", "in", "on", "by",
                         "us", "our", "your", "publish", "publication", "post", "upload",
                         "uploaded", "created", "creation", "modified", "modification", "update",
                         "last", "first", "original", "originally", "air", "print", "issue"))


def _key_fact(stripped: str) -> bool:
    found = _KEY_FACT.match(stripped)
    if found is None:
        return False
    label = _STAMP.sub(" ", _UI.sub(" ", found.group(1).lower() + " "))
    return any(word not in _LABEL_ONLY for word in _WORD.findall(label))


def _vocabulary_rule(stripped: str, lowered: str, n: int, terminal: bool) -> str | None:
    # Cheap length tests first: most lines are too long for most rules.
    if n <= 12 and _CREDIT.search(lowered):
        return "photo_credit"
    if _is_caption(lowered, n):
        return "caption"
    if any(hint in lowered for hint in _LEGAL_HINTS):
        legal = len(_LEGAL.findall(lowered)) + bool(_COPYRIGHT_SIGN.match(lowered))
        if (legal >= 2 or (legal and n <= 4)) and not (terminal and _REPORTED.search(lowered)):
            return "legal"
    fact = stripped[0] in "-•*–·▪" and _key_fact(stripped)
    if n <= 10 and not fact and (stamp := _STAMP.search(lowered)) and not (
            _AUXILIARY_BEFORE.search(lowered, 0, stamp.start()) and not _DIGIT.search(lowered)) \
            and (not terminal or (_ABOUT_THE_PAGE.match(lowered) and _WHEN.search(lowered))):
        return "date_stamp"  # too short to be prose
    if any(hint in lowered for hint in _PROMO_HINTS) and len(_PROMO.findall(lowered)) >= 2:
        return "promo"
    if n <= 6 and _BRACKETED.match(stripped):
        return "source_credit"
    if n <= 6 and not terminal and not fact and (_UI.search(lowered) or _SKIP_LINK.match(lowered)
                                    or _GALLERY.match(lowered)):
        return "interface"
    return None


# A byline alone on its line: "By Ann Lee", "By LISA MASCARO and ERIC TUCKER", "By Jill Disis,
# CNN Business", "By: Ann Lee | Reuters". Names are capitalised words (with "de", "van", "al"
# and the like inside); a subhead that opens with "By the …" or "By a …" is not one. On the line
# benchmark it matches 45 lines, all chrome.
_NAME = r"[A-Z][\w'’.-]*"
_BYLINE = re.compile(
    rf"By:?\s+(?!(?:The|A|An|This|That|Our|Its|Their|Any|All|Land|Numbers|Design)\b){_NAME}"
    rf"(?:\s+(?:(?:de|da|del|van|von|der|al|bin|ibn|la|le)\s+)*{_NAME}){{1,3}}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{1,3}})*"
    rf"(?:\s*[,|–—-]\s*{_NAME}(?:\s+{_NAME}){{0,3}})?")


def is_byline(line: str) -> bool:
    """Whether ``line`` is a byline alone on its line (:data:`_BYLINE`)."""
    stripped = line.strip()
    return len(stripped) <= 160 and _BYLINE.fullmatch(stripped) is not None


def first_headline(lines: list[str]) -> int | None:
    """The first headline-like line before any prose, near the top (where a scraper that kept
    only the story puts its headline)."""
    for i, line in enumerate(lines[:8]):
        if rule_reason(line) is not None:
            continue
        if is_prose(line):
            return None
        if is_headline(line):
            return i
    return None
