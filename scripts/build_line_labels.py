"""Build the labelled line set of the plain-text line classifier from the Zyte benchmark.

Usage::

    python scripts/build_line_labels.py [--gold ../shared/gold/article_extraction_benchmark]
                                        [--out build/line_labels]

Writes ``plain.jsonl.gz``: one record per benchmark page (181), in sorted sha order, with
``fold`` = index % 2 (the even/odd split every report uses), the page rendered to plain text
the way a scraper does it (every text node of the ``<body>``, scripts, styles and the like left
out, block elements as line breaks), its non-empty lines and a keep/drop label per line.

A line is labelled *keep* when it belongs to the page's gold ``articleBody``: a line of four
or more word tokens when at least half of its token 4-grams occur in the gold text, a shorter
line when it equals a whole gold paragraph (token for token, case-folded). Everything else —
navigation, headline, bylines, captions, related links, footers — is *drop*.

The output holds the pages' own text, so it stays under ``build/`` (not committed); the
benchmark (MIT, Scrapinghub) is read from the shared gold folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from storyline.evaluate.extraction import load_pages, read_html, shingles, tokenize

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
    "th", "tr", "ul", "option", "button", "label", "title",
}
_PARSER = lxml_html.HTMLParser(encoding="utf-8")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _pieces(element: etree._Element) -> Iterator[str]:
    """Text of ``element`` in document order, with '\\n' around block elements."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _SKIP or not tag:
        return
    block = tag.lower() in _BLOCKS
    if block:
        yield "\n"
    if element.text:
        yield element.text
    for child in element:
        yield from _pieces(child)
        if child.tail:
            yield child.tail
    if block:
        yield "\n"


def render_text(html: str) -> list[str]:
    """The page's ``<body>`` as a scraper's plain text: non-empty, whitespace-collapsed lines."""
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return []
    body = tree.find(".//body")
    text = "".join(_pieces(body if body is not None else tree))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def label_lines(lines: list[str], gold: str) -> list[bool]:
    """True for each line that belongs to the gold article body (see the module docstring)."""
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


def build(gold_dir: Path, out_dir: Path) -> None:
    """Write ``plain.jsonl.gz`` under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with gzip.open(out_dir / "plain.jsonl.gz", "wt", encoding="utf-8") as plain:
        for index, page in enumerate(load_pages(gold_dir)):
            lines = render_text(read_html(gold_dir, page.sha))
            record = {"sha": page.sha, "fold": index % 2, "lines": lines,
                      "labels": label_lines(lines, page.body)}
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
