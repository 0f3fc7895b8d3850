"""Who wrote a story: the names of its authors, from what the input says of them — a record's or
a feed entry's author field, a page's author tags (trafilatura's readers of meta tags and
JSON-LD), or a byline alone on its line in the text ("By Ann Lee and Bob Smith").

Those fields hold more than names: an outlet or an agency ("Reuters", "News Nation Bureau"),
a CMS account ("Admin", "Regan"), a site ("Cleveland com"), a role ("Staff Writer"), an e-mail,
the same writer twice ("Troy Smith; Troy L Smith"), a title-cased phrase ("By Invitation
Only"). :func:`author_names` keeps the people: two to five words that are no outlet of the
table, no role, no address and no phrase joined by a function word, each writer once, in the
order given, without a title or a prompt before them ("Dr. Ann Lee", "Follow Ann Lee"), and a
name set in capitals written as a name. A name written surname first ("Lee, Ann") is read as
two single words, so as no name: "Kyiv, Ukraine" or "AFP, Paris" have the same form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.clean.outlets import known_outlet
from storyline.records import AUTHOR_ALTERNATIVES

MAX_AUTHORS = 10
# Between two names: a semicolon, a comma, "and", "with", "&", a bar, a slash, a line break,
# brackets ("Ann Lee, Bob Smith", "ANN LEE and BOB SMITH", "Ann Lee | Staff Writer", "Ann Lee
# (Reuters)", RSS's "ann@example.org (Ann Lee)"), "et al." after the first
_BETWEEN = re.compile(r"\s*(?:[;,|/•·()\n]|\b(?:and|with|et\s+al\b\.?)\b|&|\s[-–—]\s)\s*",
                      re.IGNORECASE)
# What opens a byline or a credit before the names: "By", "Reporting by", "Compiled by" and
# "Interview by" (the writer who put the story together), "As told to" (the writer who took a
# first-person account down and wrote it), "Follow" (a social-media prompt)
_OPENING = re.compile(r"^(?:(?:(?:written|words|story|text|reporting|report|posted|published|"
                      r"compiled|interview|interviews|interviewed)\s+)?"
                      r"(?:by|from|author|authors|byline)|as\s+told\s+to|follow)\b\s*:?\s*",
                      re.IGNORECASE)
# What follows a name in a byline: where the writer filed from, for whom, where to follow them
# ("Ann Lee in Moscow", "Ann Lee for the Guardian", "ANN LEE IN MOSCOW", "Ann Lee on Twitter")
_AFTER_NAME = re.compile(r"\s+(?:in|for|at|from|on|IN|FOR|AT|FROM|ON)\s+(?:(?:the|THE)\s+)?"
                         r"[A-Z].*$")
# A title before a name, no part of it ("Dr. Ann Lee", "Prof Ann Lee", "Sir Tom Jones")
_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame|rev|revd|reverend)"
                        r"\.?\s+(?=\S)", re.IGNORECASE)
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
    office author authors content partner sponsored user webmaster publisher limited
    ltd inc llc plc company corp group associated international daily weekly free gazette
    tribune chronicle journal
    sport sports business politics world tech technology health science entertainment opinion
    """.split())
# A masthead's last word ("Free Press", "Press Association", "Times Staff"), and a surname too
# ("Tom Press", "Sarah Post"): a name's last word, after one that is no masthead's (above)
_MASTHEAD = frozenset("post press times".split())
# Function words: a preposition, a conjunction, a determiner, an adverb of degree, that joins
# or qualifies the words of a phrase set in title case ("By Invitation Only", "Back To School",
# "Not For Sale") and is no word of a name in any language (unlike "Will", "May", "Still",
# "Rather", "More", "Per", "My", "How", which are)
# Left out as names too: "Than" (Burmese), "Nor" (Malay), "Into" (Finnish), "Are"
# (Norwegian), "Off", "Just", "Over", "Then", "Very", "Now", "Here", "Out", "Why", "Who".
_FUNCTION_WORDS = frozenset("""
    of the only also not but if for from onto upon about above across after against among
    around before behind below beneath beside between beyond during except inside outside
    through toward towards under until within without there this that these those what
    where which whom whose your our their its is was were been being has have had does did
    every each any some all
    """.split())
# Short function words a phrase joins its words with, never a name's: only between two other
# words ("Rock At Dawn"). "Or", "To", "On", "So", "Do", "In", "He" are a Chinese, Vietnamese or
# Korean name's middle word ("Raymond Or Ching-fai", "Nguyen To Uyen", "Kim So Hyun"), so a
# phrase such as "By Train Or Car" is still read as a name.
_JOINING_WORDS = frozenset("at as by up it vs".split())
_EMAIL_OR_URL = re.compile(r"@|https?://|www\.|\.(?:com|org|net|co|io|info)\b|\bcom\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def author_names(values: Iterable[str | None]) -> tuple[str, ...]:
    """The people ``values`` name as the story's authors (see the module docstring), from the
    first value that names any: a record's field before a page's tags before a byline."""
    for value in values:
        # a record's author fields, in order, as one value (``AUTHOR_ALTERNATIVES``)
        for alternative in (value or "").split(AUTHOR_ALTERNATIVES):
            if names := _names(alternative):
                return names
    return ()


# An author field longer than this holds no more writers (ten names are a few hundred
# characters): a scraper that put the article in it is read no further
_MAX_CHARS = 2000


def _names(value: str) -> tuple[str, ...]:
    value = _OPENING.sub("", value.strip()[:_MAX_CHARS])
    kept: list[str] = []
    for part in _BETWEEN.split(value):
        name = _person(_OPENING.sub("", part.strip(" .:\t")))
        if name is not None and not any(_same_writer(name, other) for other in kept):
            kept.append(name)
        if len(kept) == MAX_AUTHORS:
            break
    return tuple(kept)


def _person(part: str) -> str | None:
    """``part`` as a person's name, or None when it is something else."""
    words = _HONORIFIC.sub("", _TITLE.sub("", _AFTER_NAME.sub("", part))).split()
    part = " ".join(words)  # one space between words, whatever the field held
    if not 2 <= len(words) <= 5 or len(part) > 60 or _EMAIL_OR_URL.search(part) \
            or any(not _WORD.fullmatch(word) for word in words):
        return None
    if any(piece.lower().strip(".") in _NOT_A_NAME for word in words for piece in word.split("-")) \
            or known_outlet(part) or known_outlet(words[0]):  # "CNN Business", "Telegraph Sport"
        return None
    if _phrase(words):
        return None
    if words[0].lower() in ("the", "a", "an") or not all(map(_name_word, words)):
        return None  # "the minister said", a phrase, not a name
    return _name_case(part) if part.isupper() else part


def _phrase(words: list[str]) -> bool:
    """Whether ``words`` are a phrase set in title case rather than a name: a function word
    among them (:data:`_FUNCTION_WORDS`; :data:`_JOINING_WORDS` between two others), or a
    masthead's word (:data:`_MASTHEAD`) anywhere but last ("Press Association")."""
    lowered = [word.lower() for word in words]
    return any(word in _FUNCTION_WORDS or (0 < i < len(words) - 1 and word in _JOINING_WORDS)
               or (word in _MASTHEAD and i < len(words) - 1) for i, word in enumerate(lowered))


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
