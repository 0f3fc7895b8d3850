"""Seconds to clean hostile HTML: the per-document time must stay bounded (roughly linear in
size), never hang. Prints one line per case: outcome, input size, median seconds of 3 runs.

    python benchmarks/hostile_html.py [--scale 1.0]
"""

from __future__ import annotations

import argparse
import statistics
import time

from storyline.clean import clean
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.records import RawDoc

BODY = "<p>Some text here that is an article body long enough to pass the word count test.</p>"


def cases(scale: float) -> dict[str, str]:
    n = int(100_000 * scale)  # at scale 1: 100k <p>, 50k <div> deep, 200k attributes, ...
    return {
        "unclosed <p>": "<html><body>" + "<p>para " * n,
        "nested <div>": "<html><body>" + "<div>" * (n // 2) + BODY + "</div>" * (n // 2),
        "attributes": "<html><body><p " + 'a="x" ' * (2 * n) + ">text</p></body></html>",
        # hidden from a tokenizer that reads "<!<script>" as text and a script (libxml2 does not)
        "attributes after <!<script>": "<html><body><!<script><p " + 'a="x" ' * (2 * n)
        + ">text</p>" + BODY + "</body></html>",
        # under the 1,000 kept, on many elements (each expression reads a few by name)
        "crowded elements": "<html><body><article>" + "".join(
            "<div " + " ".join(f"a{i}" for i in range(990)) + f"><p>Paragraph {k}.</p></div>"
            for k in range(max(n // 700, 1))) + BODY + "</article></body></html>",
        "comments": "<html><body>" + "<!--x-->" * (2 * n) + BODY + "</body></html>",
        "<script> payload": "<html><body><script>" + "alert(1);" * (2 * n) + "</script>" + BODY,
        "nested tables": "<html><body>" + "<table><tr><td>" * (n // 20) + "cell"
        + "</td></tr></table>" * (n // 20) + "</body></html>",
    }


def run(html: str) -> tuple[str, float]:
    started = time.perf_counter()
    try:
        document = clean(RawDoc("hostile", html, "text/html"), Settings())
        outcome = f"cleaned ({len(document.text)} chars)"
    except InputRejected as exc:
        outcome = f"rejected ({exc.code})"
    return outcome, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    for name, html in cases(args.scale).items():
        results = [run(html) for _ in range(3)]
        seconds = statistics.median(r[1] for r in results)
        print(f"{name:20s} {len(html) / 1e6:6.2f} MB  {seconds:7.2f} s  {results[0][0]}")


if __name__ == "__main__":
    main()
