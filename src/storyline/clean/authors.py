"""Who wrote a story: the names of its authors, from what the input says of them — a record's or
a feed entry's author field, a page's author tags (trafilatura's readers of meta tags and
JSON-LD), or a byline alone on its line in the text ("By Ann Lee and Bob Smith").

Those fields hold more than names: an outlet or an agency ("Reuters", "News Nation Bureau"),
a CMS account ("Admin", "Regan"), a site ("Cleveland com"), a role ("Staff Writer"), an e-mail,
the same writer twice ("Troy Smith; Troy L Smith"). :func:`author_names` keeps the people: two
to five words that are no outlet of the table, no role and no address, each writer once, in
the order given, a name set in capitals written as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.clean.outlets import known_outlet

MAX_AUTHORS = 10
# Between two names: a semicolon, a comma, "and", "with", "&", a bar, a slash, a line break,
# brackets ("Ann Lee, Bob Smith", "ANN LEE and BOB SMITH", "Ann Lee | Staff Writer", "Ann Lee
# (Reuters)", RSS's "ann@example.org (Ann Lee)"), "et al." after the first
_BETWEEN = re.compile(r"\s*(?:[;,|/•·()\n]|\b(?:and|with|et\s+al\b\.?)\b|&|\s[-–—]\s)\s*",
                      re.IGNORECASE)
# What opens a byline or a credit before the names
_OPENING = re.compile(r"^(?:(?:written|words|story|text|reporting|report|posted|published)\s+)?"
                      r"(?:by|from|author|authors|byline)\b\s*:?\s*", re.IGNORECASE)
# What follows a name in a byline: where the writer filed from, for whom ("Ann Lee in Moscow",
# "Ann Lee for the Guardian", "ANN LEE IN MOSCOW")
_AFTER_NAME = re.compile(r"\s+(?:in|for|at|from|IN|FOR|AT|FROM)\s+(?:(?:the|THE)\s+)?[A-Z].*$")
# A writer's title before the name ("Associated Press writers Ann Lee", "Staff reporter Ann Lee"):
# the name is what follows it
_TITLE = re.compile(r"^.*\b(?:writers?|reporters?|correspondents?|columnists?|editors?)\s+(?=\S)",
                    re.IGNORECASE)
# Words of a role, a desk or an account, never of a writer's name
_NOT_A_NAME = frozenset("""
    admin administrator staff editor editors editorial desk bureau team newsroom correspondent
    correspondents reporter reporters writer writers contributor contributors agency agencies
    columnist columnists photographer photographers images image photos photo pictures
    news wire wires service guest anonymous web online digital reports report media network
    press office author authors content partner sponsored user webmaster publisher limited
    ltd inc llc plc company corp group associated international daily weekly times post
    sport sports business politics world tech technology health science entertainment opinion
    """.split())
_EMAIL_OR_URL = re.compile(r"@|https?://|www\.|\.(?:com|org|net|co|io|info)\b|\bcom\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def author_names(values: Iterable[str | None]) -> tuple[str, ...]:
    """The people ``values`` name as the story's authors (see the module docstring), from the
    first value that names any: a record's field before a page's tags before a byline."""
    for value in values:
        if names := _names(value or ""):
            return names
    return ()


# An author field longer than this holds no more writers (ten names are a few hundred
# characters): a scraper that put the article in it is read no further
_MAX_CHARS = 2000


def _names(value: str) -> tuple[str, ...]:
    kept: list[str] = []
    for part in _BETWEEN.split(_OPENING.sub("", value.strip()[:_MAX_CHARS])):
        name = _person(_OPENING.sub("", part.strip(" .:\t")))
        if name is not None and not any(_same_writer(name, other) for other in kept):
            kept.append(name)
        if len(kept) == MAX_AUTHORS:
            break
    return tuple(kept)


def _person(part: str) -> str | None:
    """``part`` as a person's name, or None when it is something else."""
    words = _TITLE.sub("", _AFTER_NAME.sub("", part)).split()
    part = " ".join(words)  # one space between words, whatever the field held
    if not 2 <= len(words) <= 5 or len(part) > 60 or _EMAIL_OR_URL.search(part) \
            or any(not _WORD.fullmatch(word) for word in words):
        return None
    if any(piece.lower().strip(".") in _NOT_A_NAME for word in words for piece in word.split("-")) \
            or known_outlet(part) or known_outlet(words[0]):  # "CNN Business", "Telegraph Sport"
        return None
    if words[0].lower() in ("the", "a", "an") or not all(map(_name_word, words)):
        return None  # "the minister said", a phrase, not a name
    return _name_case(part) if part.isupper() else part


_PARTICLES = frozenset("de da del della di van von der den al el bin ibn la le du dos das".split())


def _name_word(word: str) -> bool:
    """Whether ``word`` can stand in a name: capitalised, a particle ("van", "bin"), a particle
    joined to a capitalised word ("al-Sistani", "d'Alembert"), or in a script without capitals
    (Arabic, Hebrew, Devanagari)."""
    if not word[0].islower() or word.lower() in _PARTICLES:
        return True
    head, joint, rest = _JOINT.split(word, maxsplit=1) if _JOINT.search(word) else (word, "", "")
    particle = head.lower() in _PARTICLES if joint == "-" else head.lower() in ("d", "l")
    return bool(joint) and particle and rest[:1].isalpha() and not rest[0].islower()


_JOINT = re.compile(r"([-'’])")


def _name_case(name: str) -> str:
    """A name set in capitals as a name is written ("ANN LEE" → "Ann Lee", "JEAN-PAUL DE LA
    CROIX" → "Jean-Paul de la Croix", "O'NEIL" → "O'Neil")."""
    def word(w: str) -> str:
        if w.lower() in _PARTICLES:
            return w.lower()
        return "-".join("'".join(_capitalised(p) for p in piece.split("'"))
                        for piece in w.split("-"))
    return " ".join(word(w) for w in name.split())


def _capitalised(piece: str) -> str:
    """A piece of a name in capitals as written: "LEE" → "Lee", "MCDONALD" → "McDonald"."""
    if len(piece) > 3 and piece[:2].lower() == "mc":
        return "Mc" + piece[2].upper() + piece[3:].lower()
    return piece[:1].upper() + piece[1:].lower()


def _same_writer(a: str, b: str) -> bool:
    """Whether two names are one writer's: the same first and last words, whatever the
    initials between them ("Troy Smith", "Troy L Smith")."""
    x, y = a.lower().split(), b.lower().split()
    return (x[0], x[-1]) == (y[0], y[-1])
