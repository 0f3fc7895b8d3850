"""Line-level boilerplate filter for scraped plain text.

Each non-empty line is one unit. The headline (the headline-like line above the running text
that shares most of its words: :func:`~storyline.clean.linefeatures.title_index`) is taken out
as the title; exact repeats of a line are dropped as duplicates (the first copy stays, judged
by its best copy: :func:`_best_copy`); a line that one of the precise hand-written rules of
:mod:`storyline.clean.linerules` names (interface, legal, photo credit, date stamp, caption,
foreign script: see :func:`final_rule`) is dropped, and so is an outlet's source tag alone on
its line (``source_tag``: "(MENAFN- Gulf Times)") and every line below the first reader-comment
header that follows the article's running text (``comment``: :func:`comment_thread_start`)
(:func:`settled_reasons`); a paragraph that opens with a news agency's dateline is kept
(:func:`~storyline.clean.linegroups.wire_ledes`), and so is a live blog's entry under its time
stamp (:func:`~storyline.clean.linegroups.live_entries`) and a table of figures set as text
beside the article (:func:`~storyline.clean.linegroups.text_tables`); every other line is kept
or dropped by the ``plain`` line model (small convolutional nets over the lines in order,
:mod:`~storyline.clean.lineconv`; a model of boosted trees,
:mod:`~storyline.clean.lineclassifier`, loads too) over the features of
:mod:`storyline.clean.linefeatures`: the line's own form, the rules again, its place in the
document and the form of the lines around it, and — when the caller has built
:class:`~storyline.clean.linefeatures.LineStats` over the corpus the document comes from — how
many other documents repeat it. Inside the stretch the model most believes is the article
(:func:`article_stretch`) a line needs a lower probability to stay. A line that a quarter of
the corpus repeats is dropped whatever the model says (:func:`corpus_repeats`), and so is a
line that is another corpus document's headline (``related_title``: an inline "read also" link
to a story the corpus holds, which no form-based rule tells from a subhead — except in agency
copy, whose long headline-shaped lines between paragraphs are such links: ``inline_headline``,
:func:`~storyline.clean.linegroups.inline_headlines`; and a list of other stories under its
heading, ``story_list``, :func:`~storyline.clean.linegroups.story_lists`). Every dropped line
is returned with its reason, for audit: the rule that names it when one does, else ``comment``,
else ``corpus_repeat``, else ``related_title``, else its position (``before_title``,
``after_body``), else ``classifier``, else ``inline_headline``, else ``story_list``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.clean.combine import credit_reason
from storyline.clean.lineclassifier import KeepModel, load_model
from storyline.clean.linefeatures import (
    FEATURE_NAMES,
    SENTENCE_BREAK,
    LineStats,
    is_notice,
    line_features,
    line_key,
    main_block,
    max_sum_stretch,
    title_index,
)
from storyline.clean.linegroups import (
    inline_headlines,
    live_entries,
    story_lists,
    text_tables,
    wire_ledes,
)
from storyline.clean.linerules import (
    COMMENT_SECTION,
    DATED_COMMENT,
    RULE_REASONS,
    THREAD_HEADING,
    is_byline,
    is_headline,
    is_prose,
    is_reporting_credit,
    line_facts,
    non_latin_share,
    page_non_latin_share,
    rule_reason,
    words,
)
from storyline.clean.metadata import DATE_LABEL
from storyline.clean.outlets import known_outlet, source_tag
from storyline.records import Removed

MODEL_FILE = "line_model_plain.json"
FINAL_RULES = frozenset({"foreign_script", "photo_credit", "legal", "date_stamp",
                         "caption", "interface"})
# A line that a quarter or more of the corpus's other documents (two at least) also hold is
# chrome whatever the model says: on the benchmark, 0 of the 2,091 such lines is article text
# (scripts/train_line_classifier.py prints the count), and few training pages share an outlet,
# so the model alone learns too little of it.
_CORPUS_SHARE = 0.25
_CORPUS_DOCS = 2
# In main text extracted from HTML a repeated line this short is a table cell, a list item or a
# recipe step, not a paragraph scraped twice.
_MIN_DUPLICATE_WORDS = 20
# The article's stretch (article_stretch): measured on the held-out halves of the labelled
# benchmark lines, keeping lines of P(keep) 0.1 or more inside it adds 0.008 keep-class F1 on
# full pages and 0.010–0.011 on cropped documents, and gained in all six held-out settings (two
# folds × full pages with and without corpus statistics, cropped documents); see
# clean/data/line_model.md.
_STRETCH_BIAS = 0.5
_STRETCH_SETTLED = -0.5
_STRETCH_THRESHOLD = 0.1

__all__ = ["LineStats", "LineVerdict", "classify_lines", "is_headline", "is_prose",
           "non_latin_share", "removed_lines"]


def _same_text(line: str) -> str:
    """A line's identity for duplicate removal: case and spacing ignored, digits not (the
    same as :attr:`LineFacts.identity`, without working out the rest of the facts)."""
    return " ".join(line.lower().split())


@dataclass(frozen=True, slots=True)
class LineVerdict:
    text: str
    keep: bool
    reason: str


def final_rule(line: str, latin_page: bool) -> str | None:
    """The name of a rule that drops ``line`` without asking the model, or None.

    The first filter's rules stay final where the labelled benchmark lines bear them out
    (95 % or more of the lines each fires on are chrome; foreign script 54 of 57; captions and
    reporting credits 43 of 45); of the others, ``source_credit`` is contradicted (65 % of
    17 lines), ``promo`` only just clears the bar on few lines (96 % of 51), and ``no_words``
    (a line of digits and signs) only just clears it (95 % of 1,038 lines rendered from the
    source, 97 % of 518 as a browser lays them out; 94 % before later copies of a line were
    labelled drop: the cells of a table of figures are article text), so they only inform the
    model.
    ``scripts/train_line_classifier.py`` prints the table. A foreign-script line is chrome
    only on a page whose own script is Latin. A reporting credit, one of the captions, is named
    ``reporting_credit``.
    """
    reason = rule_reason(line)
    if reason == "foreign_script" and not latin_page:
        return None
    if reason == "caption" and is_reporting_credit(line):
        return "reporting_credit"
    if reason == "photo_credit" and credit_reason(line.strip()) == "legal":
        return "legal"  # "© Example Media Ltd.": a notice, to the audit (a credit to the model)
    return reason if reason in FINAL_RULES else None


def settled_reasons(lines: Sequence[str]) -> list[str]:
    """For each line, why it is dropped before the model is asked ("" when the model decides):
    ``title`` for the headline, ``duplicate`` for a repeat of an earlier line, else the name
    of a final rule (:func:`final_rule`), else ``source_tag`` for an outlet's tag alone on its
    line (:func:`~storyline.clean.outlets.source_tag`: "(MENAFN- Gulf Times)"), else
    ``trailer`` for a standing trailer (:func:`is_trailer`), else ``byline`` for a byline
    alone on its line (:func:`~storyline.clean.linerules.is_byline`), else
    ``comment`` for a line of the reader comments below the article
    (:func:`comment_thread_start`)."""
    latin_page = page_non_latin_share(lines) < 0.5
    title_at = title_index(list(lines))
    comments_at = comment_thread_start(lines)
    comments_at = len(lines) if comments_at is None else comments_at
    seen: set[str] = set()
    reasons = []
    for i, line in enumerate(lines):
        key = line_facts(line).identity
        if i == title_at:
            reasons.append("title")
        elif key in seen:
            reasons.append("duplicate")
        else:
            reasons.append(final_rule(line, latin_page) or ("source_tag" if source_tag(line)
                           else "trailer" if is_trailer(line)
                           else "byline" if is_byline(line)
                           else "comment" if i >= comments_at else ""))
        seen.add(key)
    return reasons


# A publisher's or an agency's standing trailer under every story: WordPress's feed footer,
# Reuters' standards line, Bloomberg's contacts. On the line benchmark it fires on two lines
# (Reuters' standards line, both renderings), both chrome.
_TRAILER = re.compile(
    r"(?:the post .{3,300} appeared first on .{2,120}"
    r"|our standards:\s*the thomson reuters trust principles\.?"
    r"|to contact the (?:reporters?|editors?)\b.{0,60}\bthis story:.*"
    # a first take's promise of more: "More to follow.", "(Developing story; check back for
    # updates)", "This is a breaking news story."
    r"|more to follow[.…]*"
    r"|\(?(?:this is a )?(?:developing|breaking) (?:news )?story(?: and will be updated)?"
    r"(?:[.;,]? (?:please )?check back (?:later |soon )?for (?:more|updates)(?: later)?)?[.…]*\)?"
    r"|\(?(?:please )?check back (?:later |soon )?for (?:more|updates)[.!…]*\)?"
    # a syndicator's or an agency's note on the copy (Indian portals' PTI feed, Anadolu's site)
    r"|(?:this story|this article|the story) (?:has not been|was not) edited by .{3,80}"
    r"(?:syndicated|agency|wire) feed\.?"
    r"|anadolu agency website contains only a portion of the news stories .{0,300}"
    # a reporter's or desk's e-mail address alone ("kimjh@yna.co.kr / (END)"): 19 benchmark
    # lines, all chrome
    r"|\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?(?:\s*/\s*\(end\))?)", re.IGNORECASE)
_TRAILER_CHARS = 600


# An agency's desk codes alone on a line under its copy: "Enditem" (Xinhua), "(END)",
# "==Kyodo", "--IANS", "PTI ABC RDM", editors' initials "jbl/ach/dva" (AFP), "dpa mab xx fbr". Initials are
# lower case (an upper-case "AR/VR" is a subhead). AFP's may open with the bureau's or the
# stringer's, joined by hyphens: "burs-ach/dva", "str-jfx/dhw", "lb-str/dmc/sw".
_AGENCY_CODES = r"enditem|\(end\)|={1,2}\s*kyodo|-{1,2}\s*ians|pti(?:\s+[a-z]{2,4}){1,4}"
_DESK_CODES = re.compile(rf"(?i:{_AGENCY_CODES})"
                         r"|(?:[a-z]{2,4}-){0,2}[a-z]{2,4}(?:/[a-z]{2,4}){1,5}"
                         r"|dpa(?:\s+[a-z0-9]{1,4}){1,6}")


# A first take's or an update's label before its headline: "URGENT: …", "BREAKING NEWS - …",
# Reuters' "UPDATE 2-…".
_TITLE_LABEL = re.compile(r"(?:(?i:urgent|breaking(?: news)?|developing|update(?:d)?)\s*(?::|\s?[–—]"
                          r"|\s-)|FLASH\s*(?::|\s[-–—])|(?i:(?:rpt-)?update \d{1,2}-))\s*")
_TITLE_WORDS = 4  # what a label leaves must be a headline, not a site name ("- Al Jazeera")


_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060"))  # not ZWJ/ZWNJ: scripts need them


def bare_title(title: str | None) -> str | None:
    """``title`` without a first take's label ("URGENT: Turkey downs jet" → "Turkey downs
    jet") and without byte-order marks and zero-width spaces a CMS or a scraper left in it; a
    title that is only the label stays as it is."""
    if not title:
        return title
    title = title.translate(_INVISIBLE)
    rest = title.strip()
    while (found := _TITLE_LABEL.match(rest)) is not None:  # "BREAKING NEWS: Update: …"
        rest = rest[found.end():].strip()
    if rest == title.strip() or len(rest.split()) < _TITLE_WORDS or known_outlet(rest):
        return title  # the label over a site name: "Breaking News - The Times of India"
    return rest


def is_trailer(line: str) -> bool:
    """Whether ``line`` is a standing trailer ("The post … appeared first on …", "Our
    Standards: The Thomson Reuters Trust Principles.", "To contact the reporter on this
    story: …") or an agency's desk codes alone on their line (:data:`_DESK_CODES`): metadata
    about the story, dropped as ``trailer``. On the line benchmark the desk codes match no
    line."""
    stripped = line.strip()
    return len(stripped) <= _TRAILER_CHARS and (_TRAILER.fullmatch(stripped) is not None
                                                or _DESK_CODES.fullmatch(stripped) is not None)


# The same desk codes run on after the last sentence of the copy ("… officials said. Enditem",
# "… in a statement. --IANS"): only after a sentence's end, and only codes no sentence ends
# with (not AFP's initials, which a unit such as "km/h" would match).
_TRAILING_CODE = re.compile(rf"(?P<body>.*?[.!?\"”’)\]])\s*(?P<code>(?i:{_AGENCY_CODES})"
                            r"(?:(?<=[iI][aA][nN][sS])\s+[a-z]{2,4}(?:/[a-z]{2,4})+)?)\s*",
                            re.DOTALL)  # IANS's desk initials after its code


def split_desk_code(line: str) -> tuple[str, str] | None:
    """``line`` cut before an agency's desk code that ends it ("… said. Enditem" → ("… said.",
    "Enditem")), or None when none ends it."""
    found = _TRAILING_CODE.fullmatch(line.strip())
    return (found.group("body"), found.group("code")) if found else None


# A dated comment header counts when a comment section's heading is this few lines above it.
_SECTION_REACH = 4


def comment_thread_start(lines: Sequence[str]) -> int | None:
    """Where the reader comments below an article begin, or None: the first line below a
    paragraph of the article's running text (from the start of :func:`main_block`, not a
    rule's or a notice's: a comment count in the byline above the article does not count)
    that is a thread heading quoting the title ("12
    thoughts on “…”") or a dated comment header ("Ann on May 2, 2018 at 10:07 am said:") with
    a comment section's heading ("Comments", "1 Comment", "Leave a Reply") at most
    ``_SECTION_REACH`` lines above it (a story quoting a forum post has none). Everything below
    it is comments: on the benchmark pages (``scripts/train_line_classifier.py``) all the
    lines from such a line on, on 5 pages, are chrome."""
    start, end = main_block(lines)
    if end < 0:
        return None
    identities = [line_facts(line).identity for line in lines]
    article_above = False
    for i in range(start, len(lines)):
        if article_above and (THREAD_HEADING.match(identities[i]) or (
                DATED_COMMENT.search(identities[i]) and any(
                    COMMENT_SECTION.search(above)
                    for above in identities[max(0, i - _SECTION_REACH):i]))):
            return i
        article_above = article_above or (is_prose(lines[i]) and rule_reason(lines[i]) is None
                                          and not is_notice(lines[i]))
    return None


def article_stretch(probability: np.ndarray, threshold: float, settled: Sequence[bool]
                    ) -> np.ndarray:
    """The lines of the stretch the model most believes is the article: the maximum-sum run of
    each line's log-odds of keep over the threshold's (plus ``_STRETCH_BIAS``), a line settled
    before the model counting ``_STRETCH_SETTLED``. Inside it a line needs only
    ``_STRETCH_THRESHOLD`` to stay: a short line among the article's paragraphs (a list item,
    a subhead) is less likely chrome than the same line among menus."""
    inside = np.zeros(len(probability), dtype=bool)
    p = np.clip(probability, 1e-6, 1 - 1e-6)
    score = np.log(p / (1 - p)) - np.log(threshold / (1 - threshold)) + _STRETCH_BIAS
    start, end = max_sum_stretch(np.where(np.asarray(settled, dtype=bool), _STRETCH_SETTLED,
                                          score))
    inside[start:end + 1] = True
    return inside


# The line just after the article stretch, when it is a sentence of this many words or more
# the model gives this much, is the article's last line: a closing fact ("Price said he would not
# challenge the result.") that the chrome below it ("Sign up for our newsletter") pulls down.
_CLOSING_WORDS = 5
_CLOSING_P = 0.05


def _closing_sentence(lines: Sequence[str], probability: np.ndarray, stretch: np.ndarray,
                      settled: Sequence[bool]) -> int | None:
    """The line right after the article stretch, if it is a closing sentence (``_CLOSING_*``;
    not a rule's line, not a site notice's wording), else None. With conv2's 2-fold nets
    (seeds 0–9, refitted 2026-11-29) the held-out mean of four on full pages with statistics
    goes 0.8998 → 0.89995 (pooled ``source`` 0.8996 → 0.8998, ``browser`` 0.9003 → 0.9004;
    the other settings move by 0.0001 either way); with a floor of 0.1 instead of 0.05,
    0.90005; 0.02 as 0.05. A little, spread over pages, not one page's. The floor is 0.05
    so that a closing fact the chrome below pulls under 0.1 (a hand-written listicle's last
    line, P 0.098) stays."""
    inside = np.flatnonzero(stretch)
    if not len(inside):
        return None
    after = int(inside[-1]) + 1
    if after >= len(lines) or settled[after] or probability[after] < _CLOSING_P:
        return None
    facts = line_facts(lines[after])
    if not facts.terminal or len(facts.words) < _CLOSING_WORDS or is_notice(lines[after]):
        return None
    return after


def _keep(lines: Sequence[str], probability: np.ndarray, reasons: Sequence[str],
          threshold: float) -> np.ndarray:
    """Which lines the model's probabilities keep: over the threshold, or inside the article
    stretch over ``_STRETCH_THRESHOLD``, and the closing sentence after the stretch."""
    settled = [bool(r) for r in reasons]
    stretch = article_stretch(probability, threshold, settled)
    keep = (probability >= threshold) | (stretch & (probability >= _STRETCH_THRESHOLD))
    if (tail := _closing_sentence(lines, probability, stretch, settled)) is not None:
        keep[tail] = True
    return keep


def _best_copy(lines: Sequence[str], probability: np.ndarray) -> np.ndarray:
    """Each line's P(keep), the first copy of a repeated line taking the highest of its
    copies': duplicate removal keeps a paragraph at its first place, but whether it is the
    article is best judged where the article surrounds it (a lede a scraper printed twice,
    the second time among the paragraphs; a subhead repeated in a highlight box)."""
    first: dict[str, int] = {}
    out = probability.copy()
    for i, line in enumerate(lines):
        at = first.setdefault(line_facts(line).identity, i)
        out[at] = max(out[at], probability[i])
    return out


def corpus_repeats(rows: np.ndarray) -> np.ndarray:
    """Which lines enough of the corpus's other documents repeat to be chrome outright (all
    False without corpus statistics, and for a document that copies another)."""
    share = rows[:, FEATURE_NAMES.index("corpus_share")]
    docs = rows[:, FEATURE_NAMES.index("corpus_log_docs")]
    return (share >= _CORPUS_SHARE) & (docs >= np.log1p(_CORPUS_DOCS) - 1e-9)


_FLAGS = [FEATURE_NAMES.index(f"rule_{reason}") for reason in RULE_REASONS]
_COLUMN = {name: FEATURE_NAMES.index(name) for name in ("prose", "before_title", "terminal")}


def _drop_reason(rows: np.ndarray, i: int, last_prose: int) -> str:
    """The most specific name for a line the model drops: the rule that names it, else its
    position (``before_title``, ``after_body``), else ``classifier``."""
    fired = [r for r, flag in zip(RULE_REASONS, rows[i, _FLAGS], strict=True)
             if flag and r != "foreign_script"]
    if fired:
        return fired[0]
    if rows[i, _COLUMN["before_title"]]:
        return "before_title"
    if i > last_prose and not rows[i, _COLUMN["terminal"]]:
        return "after_body"
    return "classifier"


def classify_lines(lines: list[str], extracted: bool = False, stats: LineStats | None = None,
                   model: KeepModel | None = None, clean_text: bool = False
                   ) -> tuple[str | None, list[LineVerdict]]:
    """The headline (if any) and a keep/drop verdict for every line, in order.

    ``extracted`` text (the HTML extractor's output) is already main text: only repeated
    paragraphs and agency copy's inline headlines are dropped. ``clean_text`` is article text
    its caller vouches for (``Settings.text_is_clean``): the same, and a headline-shaped first
    line above running text is the headline. ``stats`` are the line statistics of the corpus
    the document belongs to (see :meth:`LineStats.from_corpus`); without them a line counts as
    seen nowhere else. ``model`` defaults to the shipped ``plain`` model.
    """
    if clean_text and len(lines) > 1 and is_headline(lines[0]) and is_prose(lines[1]):
        return lines[0].strip(), [LineVerdict(lines[0], False, "title"), *_dedupe(lines[1:])]
    if extracted or clean_text:
        return None, _dedupe(lines, extracted=extracted and not clean_text)
    model = model or load_model(MODEL_FILE)
    model.check(FEATURE_NAMES)
    rows = line_features(lines, stats)
    reasons = settled_reasons(lines)
    probability = _best_copy(lines, model.probability(rows))
    probability[wire_ledes(lines)] = 1.0
    probability[live_entries(lines)] = 1.0
    keep = _keep(lines, probability, reasons, model.threshold)
    tabled = False
    for table in text_tables(lines):
        # a table of figures set as text under the article's text, introduced ("Final
        # results:", kept with it) or followed by more of the article; a markets ticker under
        # the last paragraph is neither, a sidebar's box is under no article text
        above, below = table[0] - 1, table[-1] + 1
        intro = above >= 0 and lines[above].rstrip().endswith(":") and not reasons[above]
        above -= intro
        kept_above = above >= 0 and bool(keep[above]) and not reasons[above]
        kept_below = below < len(lines) and bool(keep[below]) and not reasons[below]
        if kept_above and (intro or kept_below):
            kept_rows = [above + 1, *table] if intro else table
            probability[kept_rows] = 1.0
            for at in kept_rows:
                reasons[at] = "" if reasons[at] in FINAL_RULES else reasons[at]
            tabled = True
    if tabled:  # the article runs through its tables: its stretch and closing line with them
        keep = _keep(lines, probability, reasons, model.threshold)
    repeats = corpus_repeats(rows)
    titled = np.array(stats.other_titles([line_key(line) for line in lines]) if stats
                      else np.zeros(len(lines))) > 0
    prose = np.flatnonzero(rows[:, _COLUMN["prose"]])
    last_prose = int(prose[-1]) if len(prose) else len(lines)
    for i in np.flatnonzero(~keep | repeats | titled):
        if not reasons[i]:
            reasons[i] = ("corpus_repeat" if repeats[i] else "related_title" if titled[i]
                          else _drop_reason(rows, int(i), last_prose))
    for at in inline_headlines(lines):
        if not reasons[at]:
            reasons[at] = "inline_headline"
    for at in story_lists(lines):
        if not reasons[at]:
            reasons[at] = "story_list"
    verdicts = [LineVerdict(line, not reason, reason)
                for line, reason in zip(lines, reasons, strict=True)]
    title = next((v.text.strip() for v in verdicts if v.reason == "title"), None)
    return title, verdicts


# A stamp line opens with its label ("Published May 9, 2022", "Last updated: 12:03 UTC"); a
# sentence that uses the word ("The bank posted a 12% rise in profit.") does not.
_STAMP_LINE = re.compile(r"\s*(?:(?:first|originally|last)\s+)?(?:published|posted|updated|"
                         r"modified|date)\b(?:\s+(?:on|at))?\s*[:\-–]?\s*\S", re.IGNORECASE)


def dated_stamp(line: str) -> str | None:
    """Which date a stamp line gives — ``published`` ("Published May 9, 2022", "Posted:
    March 5, 2020"), ``updated`` ("Updated at 1:23 p.m."), or ``stamp`` when its label says
    neither ("Date: 14.09.2021") — for a date stamp that opens with its label and states a
    date or a time; None for any other line ("Originally published on Live Science." is a
    syndication note the benchmark's gold keeps as text)."""
    if rule_reason(line) != "date_stamp" or _STAMP_LINE.match(line) is None \
            or not any(c.isdigit() for c in line):
        return None
    label = DATE_LABEL.search(line)
    return "stamp" if label is None else "published" if label.group("published") else "updated"


def _dedupe(lines: Sequence[str], extracted: bool = False) -> list[LineVerdict]:
    """Drop the second and later copies of a paragraph (short repeated lines — table cells, list
    items, recipe steps — are content and stay), in agency copy other stories' headlines set
    between paragraphs (:func:`~storyline.clean.linegroups.inline_headlines`), and in an HTML
    extractor's text (``extracted``) a date stamp ("Published May 9, 2022": the page's date,
    read from the removed lines, not article text) or a standing trailer the extractor kept."""
    seen: set[str] = set()
    inline = set(inline_headlines(lines))
    verdicts = []
    for i, line in enumerate(lines):
        key = _same_text(line)
        repeat = key in seen and len(words(line)) >= _MIN_DUPLICATE_WORDS
        reason = ("duplicate" if repeat else "inline_headline" if i in inline
                  else "date_stamp" if extracted and dated_stamp(line)
                  else "trailer" if extracted and is_trailer(line) else "")
        verdicts.append(LineVerdict(line, not reason, reason))
        seen.add(key)
    return verdicts


# Removed lines that may stand between a headline and the article's first line: a date stamp,
# a byline, a photo's credit or caption.
_UNDER_HEADLINE = frozenset({"date_stamp", "byline", "photo_credit", "caption",
                             "reporting_credit", "source_tag", "source_credit", "no_words"})
_HEADLINE_REACH = 3
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def headline_above(verdicts: Sequence[LineVerdict]) -> str | None:
    """The headline of scraped text whose headline finder found none: the headline-shaped line
    (five words or more, no colon, one sentence) the model dropped at most
    ``_HEADLINE_REACH`` lines above the first kept line, with only stamps, bylines and credits
    between, that shares a word with the kept text ("Council scraps plan for tower block" over
    "... The site has been empty since 2009."). Reported as the document's title only; the
    verdicts are not changed. On the line benchmark it answers for no page the finder left
    without a title (the finder's misses there are menus and captions, which these tests
    refuse); it is for chrome-heavy pages whose headline shares too few words with its
    article for the finder."""
    first = next((i for i, v in enumerate(verdicts) if v.keep), None)
    if first is None:
        return None
    for i in range(first - 1, max(first - 1 - _HEADLINE_REACH, -1), -1):
        line = verdicts[i].text.strip()
        if verdicts[i].reason in ("classifier", "before_title") and is_headline(line) \
                and len(words(line)) >= 5 and ":" not in line \
                and not SENTENCE_BREAK.search(line):
            own = {w.lower() for w in _CONTENT_WORD.findall(line)}
            if any(not own.isdisjoint(w.lower() for w in _CONTENT_WORD.findall(v.text))
                   for v in verdicts if v.keep):
                return line
        if verdicts[i].reason not in _UNDER_HEADLINE:
            return None
    return None


def removed_lines(verdicts: list[LineVerdict]) -> tuple[Removed, ...]:
    """The dropped lines as audit records (the headline is metadata, not boilerplate)."""
    return tuple(
        Removed(v.text, v.reason) for v in verdicts if not v.keep and v.reason != "title"
    )
