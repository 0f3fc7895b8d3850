"""Restore the parts of an article that an extractor lost because the page split it.

Some publishing systems cut one article into several sibling blocks of identical markup
(``<div class="body">`` after ``<div class="body">``, each holding a few paragraphs, with ads
or embeds between them). Trafilatura then takes one block for the article and drops the rest.
:func:`restore_split_article` finds the paragraphs (``<p>``) of the extracted text in the
page, reads the chain of enclosing elements they share (tag and class, a few levels up), and
adds the page's other paragraphs with exactly that chain that sit in *other* blocks — but
only when they amount to a real part of an article (several paragraphs, a sizeable share of
the words), so that a stray teaser with the same markup does not get in.

:func:`restore_notes` puts back the notices a newsroom appends to a story — "Correction: an
earlier version of this article said …", "Editor's note: …", "Clarification: …" — which
extractors drop when the page sets them in an ``<aside>`` or a footer block: they change what
the story says, so an analyst must see them.

:func:`restore_bare_paragraphs` and :func:`restore_body_runs` put back paragraphs set as bare
text — in a ``<div>`` between two ``<p>``, or directly inside the page's ``articleBody``
element between empty blocks and line breaks — which trafilatura drops without a trace.

:func:`restore_last_block` puts back the last block of an article that trafilatura deleted for
the short links beside its paragraph (a live blog's last entry with its "Share" button);
:func:`restore_captions` the captions of a story told in pictures; :func:`restore_page_order`
sets lines trafilatura recovered from elsewhere in the page back where the page has them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from copy import deepcopy
from functools import lru_cache

from lxml import etree
from lxml import html as lxml_html

from storyline.clean.combine import credit_reason, is_call_to_action, is_interface_line
from storyline.clean.linefeatures import line_key
from storyline.clean.linerules import TERMINAL, rule_reason

_PARSER = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)  # see storyline.clean.html
_DEPTH = 3
_MIN_WORDS = 8
_MIN_MATCHED = 3
_MIN_ADDED = 3
_MIN_ADDED_SHARE = 0.25
_MIN_CHAIN_SHARE = 0.5
Chain = tuple[tuple[str, str], ...]
# A newsroom's notice on its own story, by its label.
_NOTE_LABELS = r"corrections?|clarifications?|editor['’]?s['’]? note"
_NOTICE = re.compile(rf"^(?:{_NOTE_LABELS}|update)\s*[:—–-]", re.IGNORECASE)
_NOTICE_WORDS = (6, 200)
# Beside the body in its <article>: only a correction or an editor's note (an "Update:" there
# is as often a reader's comment or a teaser), and not inside a box of other content.
_ARTICLE_NOTICE = re.compile(rf"^(?:{_NOTE_LABELS})\s*[:—–-]", re.IGNORECASE)
_OTHER_BOX = re.compile(r"comment|related|teaser|recommend|promo|sidebar|newsletter|more|read",
                        re.IGNORECASE)
_NOTICE_REACH = 5  # paragraphs after the article's last one where its notices stand


def _chain(element: etree._Element) -> Chain:
    """Tag and class of the element's nearest ``_DEPTH`` ancestors."""
    return tuple((str(a.tag), a.get("class") or "")
                 for a in list(element.iterancestors())[:_DEPTH])


def _paragraphs(page: str | etree._Element) -> list[tuple[etree._Element, str]]:
    """Every top-level ``<p>`` of the page (markup, or a tree already parsed) with its
    whitespace-collapsed text."""
    tree = _parsed(page) if isinstance(page, str) else page
    return [] if tree is None else list(_tree_paragraphs(tree))


@lru_cache(maxsize=1)
def _tree_paragraphs(tree: etree._Element) -> tuple[tuple[etree._Element, str], ...]:
    """:func:`_paragraphs` of a parsed page, kept for the page's next repair: each repair
    reads them, and on a page of 20,000 paragraphs each reading took 0.7 s. The repairs
    never change the tree."""
    return tuple((p, " ".join(p.text_content().split())) for p in tree.iter("p")
                 if not any(a.tag == "p" for a in p.iterancestors()))


def _with_inserts(lines: Sequence[str], inserts: dict[int, list[str]]) -> list[str]:
    """``lines`` with each group of ``inserts`` after the line its key indexes (-1: before the
    first)."""
    restored = list(inserts.get(-1, []))
    for i, line in enumerate(lines):
        restored.append(line)
        restored += inserts.get(i, [])
    return restored


def _body_chain(matched: Sequence[tuple[etree._Element, str]], words: int) -> Chain | None:
    """The ancestor chain that holds most of the extracted words, if it holds at least half
    of them and names a class somewhere (a bare chain of divs says nothing)."""
    weight: Counter[Chain] = Counter()
    for element, text in matched:
        weight[_chain(element)] += len(text.split())
    chain, held = weight.most_common(1)[0]
    if held < _MIN_CHAIN_SHARE * words or not any(cls for _, cls in chain):
        return None
    return chain


def _missing(paragraphs: Sequence[tuple[etree._Element, str]], keys: dict[str, int],
             chain: Chain) -> dict[int, list[str]]:
    """Same-chain paragraphs from blocks the extraction never touched, keyed by the index of
    the extracted line they follow (-1: before the first)."""
    touched = {p.getparent() for p, text in paragraphs if line_key(text) in keys}
    inserts: dict[int, list[str]] = {}
    last = -1
    for element, text in paragraphs:
        key = line_key(text)
        if key in keys:
            last = keys[key]
        elif (len(text.split()) >= _MIN_WORDS and element.getparent() not in touched
              and _chain(element) == chain):
            inserts.setdefault(last, []).append(text)
    return inserts


def restore_split_article(html: str | etree._Element, lines: Sequence[str]) -> list[str]:
    """``lines`` (the extracted main text) with the paragraphs of sibling article blocks
    inserted in page order; ``lines`` unchanged when the page shows no such split."""
    keys = {line_key(line): i for i, line in enumerate(lines)}
    paragraphs = _paragraphs(html)  # the page's markup or its parsed tree (not modified)
    matched = [(p, text) for p, text in paragraphs if text and line_key(text) in keys]
    if len(matched) < _MIN_MATCHED:
        return list(lines)
    words = sum(len(line.split()) for line in lines)
    chain = _body_chain(matched, words)
    inserts = _missing(paragraphs, keys, chain) if chain else {}
    added = [text for group in inserts.values() for text in group]
    if len(added) < _MIN_ADDED or sum(len(t.split()) for t in added) < _MIN_ADDED_SHARE * words:
        return list(lines)
    return _with_inserts(lines, inserts)


def restore_last_block(html: str | etree._Element, lines: Sequence[str]) -> list[str]:
    """``lines`` with the paragraphs of the article's last block put back after the last
    extracted one, when the extraction lost that block whole. Trafilatura holds the last child
    of an element to a looser bound (300 characters of text, not 100) when it deletes blocks
    whose links are short, so a last block whose paragraph sits beside its own buttons
    ("Share", "Copy link", "Print") goes: a live blog's last entry, a story's last block
    with its tools. Put back: the paragraphs, in the chain of enclosing elements that holds
    the article (:func:`_body_chain`), of the block that is the last child of its parent,
    follows the block holding the last extracted paragraph, has its tag and class, and holds
    tools (:func:`_beside_tools`); each a sentence of ``_MIN_WORDS`` words that no rule calls
    chrome, no pointer or call to action, and not a link's text. An author's bio, a teaser or
    a "Related:" box in the body's markup has links of other kinds, and stays out."""
    keys = {line_key(line): i for i, line in enumerate(lines)}
    paragraphs = _paragraphs(html)
    matched = [(p, text) for p, text in paragraphs if text and line_key(text) in keys]
    if len(matched) < 2:
        return list(lines)
    chain = _body_chain(matched, sum(len(line.split()) for line in lines))
    if chain is None:
        return list(lines)
    last, last_text = matched[-1]
    for block in list(last.iterancestors())[:_DEPTH]:
        after = block.getnext()
        if after is None or after.getnext() is not None or after.tag != block.tag \
                or after.get("class") != block.get("class") or next(after.iter("a"), None) is None:
            continue
        inside = set(after.iter("p"))
        if not _beside_tools(after, inside):
            return list(lines)
        lost = [text for p, text in paragraphs if p in inside and _chain(p) == chain
                and line_key(text) not in keys and _bare_run(text) and _own_words(p, text)
                and not is_interface_line(text) and not is_call_to_action(text)]
        return _with_inserts(lines, {keys[line_key(last_text)]: lost})
    return list(lines)


# A block's buttons ("Share", "Copy link", "Print", "Share on X", an icon): a link of up to
# three words, one of them a tool's, or of none.
_TOOL_WORDS = frozenset("share sharing copy copied link permalink print email e-mail mail tweet "
                        "post facebook twitter x whatsapp linkedin reddit pinterest telegram "
                        "flipboard messenger bluesky threads save bookmark comment comments url"
                        .split())
_MAX_TOOL_WORDS = 3


def _beside_tools(block: etree._Element, paragraphs: set[etree._Element]) -> bool:
    """Whether ``block`` holds links outside its ``paragraphs`` and all are tools."""
    links = [a for a in block.iter("a") if not any(p in paragraphs for p in a.iterancestors())]
    for link in links:
        label = " ".join(link.text_content().split()) or link.get("aria-label") or ""
        found = re.findall(r"[\w-]+", label.lower())
        if found and (len(found) > _MAX_TOOL_WORDS or _TOOL_WORDS.isdisjoint(found)):
            return False
    return bool(links)


def _own_words(paragraph: etree._Element, text: str) -> bool:
    """Whether the paragraph's words (``text``) are mostly its own, not its links'."""
    linked = sum(len(a.text_content().split()) for a in paragraph.iter("a"))
    return linked <= _MAX_LINK_SHARE * len(text.split())


# A story told in pictures: this many captions, holding as many words as the extracted text.
_MIN_CAPTIONS = 3
_MIN_CAPTION_WORDS = 5
# The parts of a caption that are not its words: the photographer's credit, the counter.
_CAPTION_EXTRA = re.compile(r"credit|copyright|count|index|number|author|byline|source",
                            re.IGNORECASE)
_COUNTER = re.compile(r"^\s*\d+\s*(?:of|/)\s*\d+\s+")
_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")


def _caption_words(caption: etree._Element) -> str | None:
    """A ``<figcaption>``'s own words — less its elements whose class or id names a credit
    or a counter, a leading counter ("3 of 12") and each sentence that is a credit ("Photo:
    Ann Lee/Agency") — when ``_MIN_CAPTION_WORDS`` or more remain, else None."""
    own = deepcopy(caption)  # the page's tree stays whole for the other repairs
    for extra in [e for e in own.iterdescendants() if isinstance(e.tag, str) and
                  _CAPTION_EXTRA.search(f"{e.get('class') or ''} {e.get('id') or ''}")]:
        extra.drop_tree()
    text = _COUNTER.sub("", " ".join(" ".join(own.itertext()).split()))
    kept = [part for part in _SENTENCE_GAP.split(text)
            if part and credit_reason(part) is None and rule_reason(part) is None]
    words = " ".join(kept)
    return words if len(words.split()) >= _MIN_CAPTION_WORDS else None


def restore_captions(html: str | etree._Element, lines: Sequence[str]) -> list[str]:
    """``lines`` with the captions of a story told in pictures put back in page order.
    Trafilatura drops every ``<figcaption>``; in a gallery ("In pictures: …") the captions are
    the story and the extracted text is its standfirst. Only when the element nearest the
    first extracted paragraph (up to ``_DEPTH`` levels up, below ``<body>``) that holds
    captions holds ``_MIN_CAPTIONS`` or more in a row, with no extracted paragraph between
    them, and their words (credits and counters left out: :func:`_caption_words`) are at least
    as many as the extracted text's: an article's few photos, set between its paragraphs,
    keep their captions out."""
    tree = _parsed(html) if isinstance(html, str) else html
    if tree is None or next(tree.iter("figcaption"), None) is None:
        return list(lines)
    keys = {line_key(line): i for i, line in enumerate(lines)}
    first = next((p for p, text in _paragraphs(tree) if text and line_key(text) in keys), None)
    if first is None:
        return list(lines)
    scope = next((a for a in list(first.iterancestors())[:_DEPTH]
                  if a.tag not in ("body", "html") and next(a.iter("figcaption"), None) is not None),
                 None)
    if scope is None:
        return list(lines)
    captions = [(c, words) for c in scope.iter("figcaption") if (words := _caption_words(c))]
    if len(captions) < _MIN_CAPTIONS or sum(len(w.split()) for _, w in captions) \
            < sum(len(line.split()) for line in lines):
        return list(lines)
    text_of = dict(captions)
    inserts: dict[int, list[str]] = {}
    at = -1
    run = longest = 0
    for element in scope.iter("p", "figcaption"):
        if element.tag == "p" and (key := line_key(" ".join(element.text_content().split()))) \
                in keys:
            at, run = keys[key], 0
        elif element in text_of:
            run += 1
            longest = max(longest, run)
            if line_key(text_of[element]) not in keys:
                inserts.setdefault(at, []).append(text_of[element])
    return _with_inserts(lines, inserts) if longest >= _MIN_CAPTIONS else list(lines)


# A line this long that matches one paragraph of the page only is placed by it.
_ANCHOR_WORDS = 5


def restore_page_order(html: str | etree._Element, lines: Sequence[str]) -> list[str]:
    """``lines`` in the page's order. Trafilatura, when the block it took for the article
    holds too little text, adds the paragraphs it recovers from the rest of the page after
    that block's, wherever they stand: a correction above the story's body ends up below
    it. Each line of ``_ANCHOR_WORDS`` words or more that is the text of one paragraph
    (``<p>``) of the page, and nothing else there, is placed by that paragraph, and the lines
    after it that match none (a list, a table, a subhead) move with it; ``lines`` unchanged
    when they are in order already."""
    positions: dict[str, list[int]] = {}
    for n, (_, text) in enumerate(_paragraphs(html)):
        if len(text.split()) >= _ANCHOR_WORDS:
            positions.setdefault(line_key(text), []).append(n)
    blocks: list[tuple[int, list[str]]] = []
    for line in lines:
        found = positions.get(line_key(line), [])
        if len(found) == 1 or not blocks:
            blocks.append((found[0] if len(found) == 1 else -1, [line]))
        else:
            blocks[-1][1].append(line)
    places = [at for at, _ in blocks if at >= 0]
    if places == sorted(places):
        return list(lines)
    return [line for _, group in sorted(blocks, key=lambda block: block[0]) for line in group]


# Elements that hold a paragraph's text without a <p>: "<div>Construction is due to start in
# 2026, the council leader said.</div>" between two <p> of the story.
_BARE_TAGS = ("div", "section", "font", "center")
# Ancestors a bare paragraph may have below the story's element (inside a <p>, a list, a table
# or a heading, text is part of that block: what the extractor made of it stands).
_WRAPPERS = frozenset(("div", "section", "font", "center", "span", "main", "article"))
_BLOCK_TAGS = frozenset("p div section article aside header footer nav ul ol li table tr td "
                        "h1 h2 h3 h4 h5 h6 blockquote figure figcaption form pre dl".split())
# Boxes inside a story that are not its text: captions, credits, media, embeds, ads.
_NOT_TEXT_BOX = re.compile(r"caption|credit|photo|image|media|figure|embed|gallery|video|"
                           r"\bads?\b|advert|sponsor|byline|author|share|social|tags?\b|"
                           r"meta\b|breadcrumb|sign-?up|subscri|cta\b|donat|support|membership|paywall",
                           re.IGNORECASE)
_MAX_LINK_SHARE = 0.5


def _bare_paragraph(element: etree._Element, inside: etree._Element) -> str | None:
    """The text of a paragraph set without a ``<p>`` — an element of :data:`_BARE_TAGS` that
    holds no block, reads as a sentence of ``_MIN_WORDS`` words or more, is mostly not link
    text and sits in no box of other content or of captions, credits or media below
    ``inside`` — else None."""
    if any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in element.iterdescendants()):
        return None
    text = " ".join(element.text_content().split())
    if not _bare_run(text):  # too short, no sentence, or a caption, credit, notice or stamp
        return None
    if not _own_words(element, text):
        return None
    for box in (element, *element.iterancestors()):
        if box is inside:
            return text
        label = f"{box.get('class') or ''} {box.get('id') or ''}"
        if box.tag not in _WRAPPERS or _OTHER_BOX.search(label) or _NOT_TEXT_BOX.search(label):
            return None
    return None


def restore_bare_paragraphs(html: str | etree._Element, lines: Sequence[str]) -> list[str]:
    """``lines`` with the story's paragraphs set without a ``<p>`` put back in page order.
    Trafilatura's precise pass keeps a story's ``<p>`` and drops a sentence the page set as
    bare text in a ``<div>`` between two of them, with no trace; only such a paragraph that
    stands between the first and the last extracted paragraph, inside the element that holds
    them all, is put back (never before or after the story, where teasers stand)."""
    keys = {line_key(line): i for i, line in enumerate(lines)}
    paragraphs = _paragraphs(html)
    matched = [element for element, text in paragraphs if text and line_key(text) in keys]
    if len(matched) < 2:
        return list(lines)
    common = set(matched[0].iterancestors())
    for element in matched[1:]:
        common &= set(element.iterancestors())
    inside = next((a for a in matched[0].iterancestors() if a in common), None)
    if inside is None:
        return list(lines)
    first, last = matched[0], matched[-1]
    inserts: dict[int, list[str]] = {}
    taken: set[etree._Element] = set()
    at = None
    started = False
    for element in inside.iter():
        started = started or element is first
        if not started:
            continue
        if element is last:
            break
        if element.tag == "p" and (key := line_key(" ".join(element.text_content().split()))) \
                in keys:
            at = keys[key]
        elif at is not None and element.tag in _BARE_TAGS \
                and not any(a in taken for a in element.iterancestors()) \
                and (text := _bare_paragraph(element, inside)) is not None \
                and line_key(text) not in keys:
            inserts.setdefault(at, []).append(text)
            taken.add(element)
    return _with_inserts(lines, inserts)


# Inline elements whose text is part of the run of text around them.
_INLINE = frozenset("a b i em strong span font u small sup sub abbr cite q mark time".split())


def _body_runs(body: etree._Element) -> list[tuple[str, bool]]:
    """The text the page set directly inside its ``articleBody`` element, cut into runs at its
    child blocks and line breaks, in page order: (text, whether it is a child block's text).
    A run is the element's own text and its children's tails with the inline elements among
    them."""
    runs: list[tuple[str, bool]] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(current).split())
        if text:
            runs.append((text, False))
        current.clear()

    current.append(body.text or "")
    for child in body:
        if isinstance(child.tag, str) and child.tag in _INLINE and not _media(child):
            current.append(child.text_content())
        else:
            flush()
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                runs.append((" ".join(child.text_content().split()), True))
        current.append(child.tail or "")
    flush()
    return runs


def _media(element: etree._Element) -> bool:
    """Whether an inline element holds a picture, a caption or a credit (a ``<span
    class="image">`` with its caption), not the story's words."""
    label = f"{element.get('class') or ''} {element.get('id') or ''}"
    return _NOT_TEXT_BOX.search(label) is not None or any(
        d.tag in ("img", "picture", "figure", "video", "iframe") for d in element.iterdescendants())


def _bare_run(text: str) -> bool:
    """Whether a run of bare text reads as a paragraph of the story: a sentence of
    ``_MIN_WORDS`` words or more that no rule calls chrome."""
    return len(text.split()) >= _MIN_WORDS and TERMINAL.search(text) is not None \
        and rule_reason(text) is None


# The elements marked as an article's body, found by their attribute: libxml2 reads the
# attribute axis in half the time it takes to test every element (0.17 ms a page, not 0.33)
_ARTICLE_BODIES = etree.XPath('//@itemprop[.="articleBody"]/..')


def restore_body_runs(html: str | etree._Element, lines: Sequence[str]) -> list[str]:
    """``lines`` with the paragraphs the page set as bare text directly inside the element it
    marks as the article's body (``itemprop="articleBody"``, one on the page), separated by
    empty ``<div>``s or ``<br>``s instead of ``<p>``s, put back in page order after the
    extracted line they follow. Trafilatura keeps such an element's own text and drops the text
    after its first child block (one benchmark page lost two of its three sentences). Only
    after a line the extraction kept from that element: the page itself says the element is
    the article."""
    tree = html if not isinstance(html, str) else _parsed(html)
    if tree is None:
        return list(lines)
    bodies = _ARTICLE_BODIES(tree)
    if len(bodies) != 1:
        return list(lines)
    keys = {line_key(line): i for i, line in enumerate(lines)}
    known = line_key(" ".join(lines))
    inserts: dict[int, list[str]] = {}
    at = None
    for text, block in _body_runs(bodies[0]):
        key = line_key(text)
        if key in keys:
            at = keys[key]
        elif not block and at is not None and _bare_run(text) and key not in known:
            inserts.setdefault(at, []).append(text)
            keys[key] = at
    return _with_inserts(lines, inserts)


def _parsed(html: str) -> etree._Element | None:
    try:
        return lxml_html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _beside_body(element: etree._Element, text: str, article: etree._Element | None) -> bool:
    """Whether a notice outside the body's element is still the story's: a correction or an
    editor's note inside the same ``<article>``, in no box of other content on the way."""
    if article is None or not _ARTICLE_NOTICE.match(text):
        return False
    for ancestor in element.iterancestors():
        if ancestor is article:
            return True
        if _other_box(ancestor):
            return False
    return False


# A heading of a box above the body that is not a note's label: the box is another story's
# card ("<h3>Footbridge opens</h3><p>Editor's note: …</p>" in a strip of top stories).
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_NOTE_HEADING = re.compile(rf"\W*(?:{_NOTE_LABELS})\W*$", re.IGNORECASE)


def _in_card(element: etree._Element, body: set[etree._Element]) -> bool:
    """Whether a note above the body stands in a box that heads other content: a heading in
    it other than a note's label. The boxes that hold the body (``body``: its subheads) and the
    story's own header, with its <h1>, are no card."""
    for box in element.iterancestors():
        if box in body or next(box.iter("h1"), None) is not None:
            return False
        if any(not _NOTE_HEADING.match(h.text_content()) for h in box.iter(*_HEADINGS)):
            return True
    return False


def _other_box(element: etree._Element) -> bool:
    """Whether the element's class or id names a box of other content (comments, related)."""
    return _OTHER_BOX.search(f"{element.get('class') or ''} {element.get('id') or ''}") is not None


def _bare_notes(article: etree._Element) -> list[str]:
    """Corrections and editor's notes set as bare text (no ``<p>``) in an ``<aside>``,
    ``<footer>``, ``<section>`` or ``<div>`` of ``article`` that holds no other block, in no box
    of other content."""
    found = []
    for element in article.iter("aside", "footer", "section", "div"):
        if any(child.tag in ("p", "div", "section", "aside", "ul", "ol", "table")
               for child in element.iterdescendants()):
            continue
        text = " ".join(element.text_content().split())
        if _NOTICE_WORDS[0] <= len(text.split()) <= _NOTICE_WORDS[1] \
                and not _other_box(element) and _beside_body(element, text, article):
            found.append(text)
    return found


def restore_notes(html: str | etree._Element, lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """``lines`` with the story's own notices ("Correction: …", "Editor's note: …",
    "Clarification: …", "Update: …") that the extraction left out put back in page order, and
    the notices put back. A notice counts as the story's when it is a paragraph of 6 to 200
    words inside the element that holds all the article's extracted paragraphs, after the
    first of them and at most 5 paragraphs after the last, or a correction or an editor's
    note anywhere before that inside the ``<article>`` that holds that element (an editor's
    note set in a box of its own above the body goes before the first line; not one in a box
    headed by another story's headline: :func:`_in_card`)."""
    keys = {line_key(line): i for i, line in enumerate(lines)}
    paragraphs = _paragraphs(html)
    places = [n for n, (_, text) in enumerate(paragraphs) if text and line_key(text) in keys]
    if not places:
        return list(lines), []
    # the element that holds all the article's paragraphs: its notices stand inside it
    common = set(paragraphs[places[0]][0].iterancestors())
    for n in places[1:]:
        common &= set(paragraphs[n][0].iterancestors())
    # or, when an <article> holds them, anywhere in it (a note set in an <aside> or a
    # <footer> after the body's <div>)
    article = next((a for a in paragraphs[places[0]][0].iterancestors()
                    if a.tag == "article" and a in common), None)
    inserts: dict[int, list[str]] = {}
    last = -1
    for n, (element, text) in enumerate(paragraphs[: places[-1] + _NOTICE_REACH + 1]):
        key = line_key(text)
        if key in keys:
            last = keys[key]
        elif n != places[0] and _NOTICE.match(text) \
                and _NOTICE_WORDS[0] <= len(text.split()) <= _NOTICE_WORDS[1] \
                and (n > places[0] and common <= set(element.iterancestors())
                     or _beside_body(element, text, article)
                     and (n > places[0] or not _in_card(element, common))):
            inserts.setdefault(last, []).append(text)
    if article is not None:  # a note set as bare text in a box after the body: at the end
        placed = {line_key(t) for group in inserts.values() for t in group}
        for text in _bare_notes(article):
            if line_key(text) not in keys and line_key(text) not in placed:
                inserts.setdefault(len(lines) - 1, []).append(text)
    return _with_inserts(lines, inserts), [text for group in inserts.values() for text in group]
