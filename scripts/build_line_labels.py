"""Build the labelled line set of the plain-text line classifier from the Zyte benchmark.

Usage::

    python scripts/build_line_labels.py [--gold ../shared/gold/article_extraction_benchmark]
                                        [--out build/line_labels]

Writes ``plain.jsonl.gz``: two records per benchmark page (181), in sorted sha order, with
``fold`` = index % 2 (the even/odd split every report uses), the page rendered to plain text
the two ways scrapers hand it over (``render``, :func:`render_text`: ``source``, every text
node of the ``<body>`` with the source's own line breaks; ``browser``, laid out as a browser's
``innerText`` is, a table row on one line; scripts, styles and the like left out, block
elements as line breaks in both), its non-empty lines, a keep/drop label per line
(``labels``), whether the line's text occurs in the gold body at all (``matching``), and the
page's own ``og:title`` and ``<h1>`` texts (``headlines``: silver answers for the headline
finder).

A line *matches* the page's gold ``articleBody`` when it has four or more word tokens and at
least half of its token 4-grams occur in the gold text, or is shorter and equals a whole gold
paragraph (token for token, case-folded; tokens are runs of word characters, each character of
a script written without spaces a token of its own). It is labelled *keep* when it matches and
is not a second copy of body text (:func:`_one_place_each`: a teaser repeating the lede, a
highlight box, a caption repeating a subhead, a second copy of the whole story), or when it is
a short line that fills, in order, the gold text between two kept lines (:func:`_fill_gaps`:
the cells of a table, the pieces of a list item, that the gold body joins into one
paragraph). Everything else — navigation, headline, bylines, captions, related links,
footers — is *drop*.

The output holds the pages' own text, so it stays under ``build/`` (not committed); the
benchmark (MIT, Scrapinghub) is read from the shared gold folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from storyline.clean.linerules import line_facts
from storyline.evaluate.extraction import SHINGLE_SIZE, load_pages, read_html
from storyline.evaluate.extraction import shingles as benchmark_shingles

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
    "th", "tr", "ul", "option", "button", "label", "title",
}
_CELLS = {"td", "th"}
_BREAKS = re.compile(r"[\r\n]+")
_PARSER = lxml_html.HTMLParser(encoding="utf-8")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_GAP = 0.5
_NEAR = 0.9
# A word token, with each character of a script written without spaces (Han, kana, Hangul,
# Thai) a token of its own: gold and page disagree on the spaces around Latin words in such
# text ("Kindle for PCに" / "Kindle for PC に"), which would split a \w run differently.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f"
                    r"\uf900-\ufaff\uff66-\uff9f]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                    r"\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff\uff66-\uff9f]+")


def tokenize(text: str) -> list[str]:
    """Word tokens for matching lines to the gold body (see ``_TOKEN``)."""
    return _TOKEN.findall(text)


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of token 4-grams of ``text`` (a shorter text: one short shingle)."""
    return benchmark_shingles(text, tokens_of=tokenize)


def _pieces(element: etree._Element, browser: bool) -> Iterator[str]:
    """Text of ``element`` in document order, with '\\n' around block elements; ``browser``:
    as a browser lays it out — the source's own line breaks are spaces (outside ``<pre>``) and
    the cells of a table row are one line, tab-separated."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _SKIP or not tag:
        return
    block = tag in _BLOCKS and not (browser and tag in _CELLS)
    keep_breaks = not browser or tag == "pre"
    if block:
        yield "\n"
    if element.text:
        yield element.text if keep_breaks else _flat(element.text)
    for child in element:
        yield from _pieces(child, browser)
        if child.tail:
            yield child.tail if keep_breaks else _flat(child.tail)
    if block:
        yield "\n"
    elif browser and tag in _CELLS:
        yield "\t"


def _flat(text: str) -> str:
    return _BREAKS.sub(" ", text)


def _parse(html: str) -> etree._Element | None:
    try:
        return lxml_html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def page_headlines(html: str | etree._Element | None) -> list[str]:
    """The page's own statements of its headline — ``og:title`` and the text of each ``<h1>``
    — as silver answers for the plain-text headline finder (no gold headline exists)."""
    tree = _parse(html) if isinstance(html, str) else html
    if tree is None:
        return []
    found = [*tree.xpath('//meta[@property="og:title"]/@content'),
             *(element.text_content() for element in tree.iter("h1"))]
    return [" ".join(text.split()) for text in found if text and text.strip()]


RENDERS = ("source", "browser")


def render_text(html: str | etree._Element | None, render: str = "source") -> list[str]:
    """The page's ``<body>`` (HTML text or a parsed page; none: no lines) as a scraper's plain text:
    non-empty, whitespace-collapsed lines.

    ``source``: every text node as the page's source has it, so the source's own line breaks
    break lines too (what a scraper that takes the text nodes hands over); ``browser``: laid
    out as a browser's ``innerText`` is — line breaks at block elements only, a table row on
    one line."""
    tree = _parse(html) if isinstance(html, str) else html
    if tree is None:
        return []
    body = tree.find(".//body")
    text = "".join(_pieces(body if body is not None else tree, render == "browser"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def label_lines(lines: list[str], gold: str) -> list[bool]:
    """True for each line that belongs to the gold article body (see the module docstring)."""
    loose = _matching_lines(lines, gold)
    return _one_place_each(lines, loose, gold)


def _matching_lines(lines: list[str], gold: str) -> list[bool]:
    """True for each line whose text occurs in the gold body, wherever it is on the page."""
    gold_grams = set(shingles(gold.lower()))
    paragraphs = {" ".join(tokenize(p.lower())) for p in gold.split("\n") if p.strip()}
    labels = []
    for line in lines:
        tokens = tokenize(line.lower())
        if len(tokens) < 4:
            labels.append(bool(tokens) and " ".join(tokens) in paragraphs)
            continue
        grams = shingles(line.lower())
        labels.append(sum(n for g, n in grams.items() if g in gold_grams) / sum(grams.values())
                      >= 0.5)
    return labels


Span = tuple[int, int, int, int]  # line, gold start, gold end (tokens), matched weight


def _places(lines: list[str], matching: list[bool], gold: str) -> list[Span]:
    """Every place in the gold token sequence that a matching line fits: for a line of four or
    more tokens, each alignment offset that half or more of its 4-grams agree on; for a
    shorter line, each gold paragraph it equals."""
    tokens = tokenize(gold.lower())
    at: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(tokens) - SHINGLE_SIZE + 1):
        at.setdefault(tuple(tokens[i:i + SHINGLE_SIZE]), []).append(i)
    paragraphs: dict[tuple[str, ...], list[int]] = {}
    offset = 0
    for paragraph in gold.lower().split("\n"):
        words = tuple(tokenize(paragraph))
        if words:
            paragraphs.setdefault(words, []).append(offset)
        offset += len(words)
    places = []
    for j, (line, match) in enumerate(zip(lines, matching, strict=True)):
        words = tuple(tokenize(line.lower()))
        if not match:
            continue
        if len(words) < SHINGLE_SIZE:
            places += [(j, s, s + len(words), len(words)) for s in paragraphs.get(words, ())]
            continue
        starts: Counter[int] = Counter()
        for i in range(len(words) - SHINGLE_SIZE + 1):
            starts.update(q - i for q in at.get(words[i:i + SHINGLE_SIZE], ()))
        grams = len(words) - SHINGLE_SIZE + 1
        # a line with leading words the gold lacks aligns before its start: clamp at 0
        places += [(j, max(s, 0), s + len(words), n) for s, n in starts.items()
                   if n >= grams / 2]
    return places


def _one_place_each(lines: list[str], matching: list[bool], gold: str) -> list[bool]:
    """Keep only the lines that follow the gold body in order, once.

    The best chain of places (each after the one before, on the page and in the gold text;
    most matched tokens, less ``_GAP`` per page line skipped, so that one whole copy wins over
    pieces of several; of near-equal chains the first) is the article; a matching line off the
    chain whose every place the chain already covers is a second copy of body text — a teaser
    or standfirst repeating the lede, a highlight box, a gallery caption, a print or AMP copy
    of the whole story — and is *drop*.
    """
    places = _places(lines, matching, gold)
    if not places:
        return matching
    best = [float(p[3]) for p in places]
    previous = [-1] * len(places)
    first = [p[0] for p in places]  # the page line each best chain starts on
    for a, (line, start, _, weight) in enumerate(places):
        for b in range(a):
            if places[b][0] < line and places[b][2] - SHINGLE_SIZE < start:
                score = best[b] + weight - _GAP * (line - places[b][0] - 1)
                if score > best[a]:
                    best[a], previous[a], first[a] = score, b, first[b]
    chain: dict[int, tuple[int, int]] = {}  # page line -> its gold token span
    covered: set[int] = set()
    # Of chains within _NEAR of the best, the one that starts first: when a page holds the
    # story twice, the copy a reader meets first, the one duplicate removal keeps.
    near = [i for i, score in enumerate(best) if score >= _NEAR * max(best)]
    a = min(near, key=lambda i: (first[i], -best[i]))
    while a >= 0:
        chain[places[a][0]] = places[a][1:3]
        covered.update(range(places[a][1], places[a][2]))
        a = previous[a]
    copies = {p[0] for p in places} - set(chain)
    for line, start, end, _ in places:
        if line in copies and len(covered.intersection(range(start, end))) < (end - start) / 2:
            copies.discard(line)  # text the chain does not hold: out of order, not a copy
    labels = [match and j not in copies for j, match in enumerate(matching)]
    return _once(lines, _fill_gaps(lines, labels, chain, tokenize(gold.lower())))


def _once(lines: list[str], labels: list[bool]) -> list[bool]:
    """A later copy of a kept line (same text, case and spacing aside) is *drop*: the issue
    asks for exact duplicate paragraphs to be removed, so the cleaned document the labels
    describe holds each line once — the repeated "Buy now" of a row of product boxes, the
    header row of each table of a page, a recipe step printed for every day of a meal plan.
    The gold body, a copy of what the page shows, holds them as often as the page does."""
    kept: set[str] = set()
    out = []
    for line, label in zip(lines, labels, strict=True):
        key = line_facts(line).identity  # the identity duplicate removal uses
        out.append(label and key not in kept)
        if label:
            kept.add(key)
    return out


def _fill_gaps(lines: list[str], labels: list[bool], chain: dict[int, tuple[int, int]],
               gold: list[str]) -> list[bool]:
    """Also keep the short lines (under four tokens) that fill the gold text between two
    chained lines, in order: the cells of a table, the items of a list, whose gold body joins
    several page lines into one paragraph (so that no short line equals a whole paragraph of
    it). Between chained lines a and b, each unlabelled short line whose tokens occur, as a
    run, in the gold tokens after a's span and before b's, after the previous such line's, is
    *keep*; a second copy of a cell (a repeated table header) finds no place left and stays
    *drop*. The lines must fill half the gap or more: a lone "Share" that happens to match one
    word of a paragraph the page lacks is not the article."""
    out = list(labels)
    ordered = sorted(chain)
    for a, b in zip(ordered, ordered[1:], strict=False):
        lo = max(chain[a][1], 0)
        gap, at, found_lines, filled = gold[lo:max(chain[b][0], lo)], 0, [], 0
        for j in range(a + 1, b):
            words = tokenize(lines[j].lower())
            if out[j] or not words or len(words) >= SHINGLE_SIZE:
                continue
            found = _find_run(gap, words, at)
            if found >= 0:
                found_lines.append(j)
                at, filled = found + len(words), filled + len(words)
        if gap and filled >= len(gap) / 2:
            for j in found_lines:
                out[j] = True
    return out


def _find_run(tokens: list[str], run: list[str], start: int) -> int:
    """The first index at or after ``start`` where ``run`` occurs in ``tokens``, or -1."""
    for i in range(start, len(tokens) - len(run) + 1):
        if tokens[i:i + len(run)] == run:
            return i
    return -1


def build(gold_dir: Path, out_dir: Path) -> None:
    """Write ``plain.jsonl.gz`` under ``out_dir``: each page once per rendering."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with gzip.open(out_dir / "plain.jsonl.gz", "wt", encoding="utf-8") as plain:
        for index, page in enumerate(load_pages(gold_dir)):
            tree = _parse(read_html(gold_dir, page.sha))
            headlines = page_headlines(tree)
            for render in RENDERS:
                lines = render_text(tree, render)
                matching = _matching_lines(lines, page.body)
                record = {"sha": page.sha, "fold": index % 2, "render": render, "lines": lines,
                          "labels": _one_place_each(lines, matching, page.body),
                          "matching": matching, "headlines": headlines}
                plain.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path,
                        default=Path("../shared/gold/article_extraction_benchmark"))
    parser.add_argument("--out", type=Path, default=Path("build/line_labels"))
    args = parser.parse_args()
    build(args.gold, args.out)


if __name__ == "__main__":
    main()
