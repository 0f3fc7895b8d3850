"""Hard-wrapped plain text joined back into its lines.

Mail archives, wire feeds, Usenet posts, text exports and many scrapers break every line of a
paragraph at a fixed width (72 or 80 columns). The line filter judges lines one by one, and a
sentence cut in three is three "lines" of which the short last one looks like chrome. A
wrapped text is recognised by its breaks, not its width alone: a break is a wrap when the next
line's first word would not have fitted on the line (that is why the writer's tool broke
there), and a text is wrapped when most of its full lines end at such breaks, many of them
inside a sentence (the next line going on in lower case). Only then are those
breaks joined; every other break (blank lines, short lines, list items, indented openings)
stays.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Too few lines to tell a wrap from a layout.
_MIN_LINES = 6
# The wrap width of the text is the length most of its lines stay within; wider than this, the
# lines are paragraphs, not wrapped ones.
_WIDTH_SHARE = 0.9
_MIN_WIDTH, _MAX_WIDTH = 30, 110
_OVER_WIDTH, _OVER_SHARE = 1.15, 0.03
# A line that ends at a wrap is long: it filled most of the width.
_FULL = 0.6
# A text is wrapped when this share of its full lines followed by text end at a wrap, at least
# three of them, and this share of the wraps open their next line with a lower-case letter.
_WRAPPED_SHARE = 0.6
_MIN_WRAPS = 3
_INSIDE_SHARE = 0.4
_FIRST_WORD = re.compile(r"\S+")
# What opens a new item rather than continuing a sentence: a bullet, a number, a dash.
_ITEM = re.compile(r"^(?:[-–—*•·>]|\d{1,3}[.)]|\(?[a-z]\))\s")
# Characters of code, not of running text, and how many of a line's may be such.
_CODE = re.compile(r"[{}\[\]=<>_\\|`~^]")
_CODE_SHARE = 0.02
_ADDRESS = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)]?\s*$")


def wrap_width(lines: list[str]) -> int | None:
    """The width a text's lines were wrapped at (the length 90 % of its non-blank lines stay
    within), or None when that is not a plausible wrap width or over 3 % of the lines run well
    past it."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < _MIN_LINES:
        return None
    width = lengths[int(_WIDTH_SHARE * (len(lengths) - 1))]
    # a wrapping tool lets next to nothing run past its width (a long address at most)
    over = len(lengths) - bisect_right(lengths, width * _OVER_WIDTH)
    if over > _OVER_SHARE * len(lengths):
        return None
    return width if _MIN_WIDTH <= width <= _MAX_WIDTH else None


def _wraps(line: str, after: str, width: int) -> bool:
    """Whether the break between ``line`` and ``after`` is a wrap: both hold text, the line
    filled most of the width, and the next line's first word would not have fitted on it; the
    next line does not open a list item or an indented paragraph."""
    if not line.strip() or not after.strip() or len(line) < _FULL * width:
        return False
    if _ITEM.match(after.lstrip()) or _ADDRESS.match(after.lstrip()):
        return False  # a list item or a link on its own line
    # an indented opening starts a paragraph; under a list item, its hanging indent continues it
    if len(after) - len(after.lstrip()) > len(line) - len(line.lstrip()) and not _hanging(line, after):
        return False
    first = _FIRST_WORD.search(after)
    return first is not None and len(line.rstrip()) + 1 + len(first.group()) > width


def _hanging(line: str, after: str) -> bool:
    """Whether ``after`` is indented as the text of the list item ``line`` opens (a hanging
    indent: the item goes on)."""
    item = _ITEM.match(line.lstrip())
    indent = len(line) - len(line.lstrip())
    return item is not None and len(after) - len(after.lstrip()) == indent + item.end()


def _layout(line: str) -> bool:
    """Whether a line is set out rather than running text: columns (a tab or three spaces
    inside it) or code (its brackets, operators and underscores)."""
    inner = line.strip()
    return "\t" in inner or "   " in inner or len(_CODE.findall(inner)) > _CODE_SHARE * len(inner)


def _sentence_end(line: str, after: str) -> bool:
    """Whether ``line`` ends a sentence and ``after`` opens one (where, in text with no blank
    line between paragraphs, a paragraph may end as well as a wrap fall)."""
    opening = after.lstrip().lstrip("\"'“‘(«[")[:1]
    return bool(_ENDS_SENTENCE.search(line)) and (opening.isupper() or opening.isdigit())


def unwrap(text: str) -> str:
    """``text`` with the line breaks of a hard wrap joined (a space between the pieces; none
    after a hyphen between letters: "well-\\nknown" is "well-known"); unchanged when it is not
    wrapped text (:func:`wrap_width`; 60 % of its full lines ending at a wrap, 40 % of those
    going on in lower case).

    Joined are runs of consecutive wraps that hold one going on in lower case and no line set
    out in columns or code (a table or a list of headlines in a wrapped story stays); in text
    with no blank line between paragraphs, a wrap after a sentence's end before a capital is
    taken for a paragraph's end (it may be either; two paragraphs joined would be worse than
    one split between two sentences)."""
    lines = text.splitlines()
    width = wrap_width(lines)
    if width is None:
        return text
    breaks = [_wraps(lines[i].rstrip(), lines[i + 1], width) for i in range(len(lines) - 1)]
    full = sum(1 for i in range(len(lines) - 1)
               if len(lines[i]) >= _FULL * width and lines[i + 1].strip())
    going_on = [wrap and (lines[i + 1].lstrip()[:1].islower() or _hanging(lines[i], lines[i + 1]))
                for i, wrap in enumerate(breaks)]
    # most full lines end at a wrap, and many wraps fall inside a sentence (a list of
    # headlines of about one length has "wraps" too, each opening with a capital; a live
    # blog's entries each open with a time)
    if sum(breaks) < _MIN_WRAPS or sum(breaks) < _WRAPPED_SHARE * full \
            or sum(going_on) < _INSIDE_SHARE * sum(breaks):
        return text
    if not any(not line.strip() for line in lines):
        breaks = [wrap and not _sentence_end(lines[i], lines[i + 1])
                  for i, wrap in enumerate(breaks)]
    joined = [False] * len(breaks)
    i = 0
    while i < len(breaks):
        if not breaks[i]:
            i += 1
            continue
        j = i
        while j < len(breaks) and breaks[j]:
            j += 1
        # a run of wraps: lines i..j
        if any(going_on[i:j]) and not any(_layout(line) for line in lines[i:j + 1]):
            joined[i:j] = [True] * (j - i)
        i = j
    if not any(joined):
        return text
    out: list[list[str]] = [[lines[0].rstrip()]]
    for line, join in zip(lines[1:], joined, strict=True):
        if not join:
            out.append([line.rstrip()])
            continue
        pieces = out[-1]
        head, piece = pieces[-1], line.strip()
        if head.endswith("-") and len(head) > 1 and head[-2].isalpha() and piece[:1].isalpha():
            pieces[-1] = head + piece  # "well-" + "known": a compound's hyphen, not a space
        else:
            pieces.append(piece)
    return "\n".join(" ".join(pieces) for pieces in out) + ("\n" if text.endswith("\n") else "")
