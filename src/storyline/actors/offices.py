"""Office holders with term dates, and the "title + name" mentions that point at them.

A phrase such as "Russian President Dmitry Medvedev" dates an undated article (it was written
between 2008-05-07 and 2012-05-07) and gives the actor the role he held then. The facts come from
``data/offices.tsv`` (see ``data/OFFICES.md``); this module loads them and finds such phrases.

The matcher runs on every document, so it scans once with a single compiled pattern over all
names and aliases and only then looks at the few characters around each hit; it never loops over
table rows per document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from storyline.actors.kb import normalise_alias
from storyline.datafiles import read_tsv

OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")

# Spoken titles that name an office whatever the country calls it. Titles not listed here
# ("President", "King", "Chancellor", "Secretary-General", ...) match a row only when the row's
# own title is the same word: "President" is head of state in Russia but head of government in
# Iran, and "Chancellor Rishi Sunak" was never a head of government.
_OFFICE_OF_TITLE = {
    "prime minister": "head_of_government",
    "premier": "head_of_government",
    "pm": "head_of_government",
    "foreign minister": "foreign_minister",
    "foreign affairs minister": "foreign_minister",
    "minister of foreign affairs": "foreign_minister",
    "minister for foreign affairs": "foreign_minister",
    "foreign secretary": "foreign_minister",
    "secretary of state for foreign affairs": "foreign_minister",
    "secretary of state": "foreign_minister",
    "external affairs minister": "foreign_minister",
    "minister of external affairs": "foreign_minister",
    "minister for external affairs": "foreign_minister",
    "foreign policy chief": "foreign_minister",
    "top diplomat": "foreign_minister",
    "chief diplomat": "foreign_minister",
    "high representative": "foreign_minister",
    "defence minister": "defence_minister",
    "defense minister": "defence_minister",
    "defence secretary": "defence_minister",
    "defense secretary": "defence_minister",
    "secretary of defense": "defence_minister",
    "secretary of state for defence": "defence_minister",
    "minister of defence": "defence_minister",
    "minister of defense": "defence_minister",
    "minister of national defence": "defence_minister",
    "minister of national defense": "defence_minister",
    "national defence minister": "defence_minister",
    "national defense minister": "defence_minister",
    "armed forces minister": "defence_minister",
    "pentagon chief": "defence_minister",
}
_SAME_TITLE = {"amir": "emir"}
_OWN_TITLES = ("president", "king", "queen", "emir", "amir", "emperor", "supreme leader", "leader",
               "chancellor", "chairman", "chief executive", "secretary-general")

# Words that, right before the title, say the person did not hold the office at the time of
# writing (former, ousted, then-, -elect is handled by the title pattern) or held a different
# one (vice, deputy, shadow), or that the title is a faction's rather than the state's.
_NEGATORS = ("former", "ex", "late", "then", "onetime", "one-time", "erstwhile", "previous", "future",
             "would-be", "incoming", "deputy", "vice", "assistant", "under", "shadow", "junior",
             "ousted", "deposed", "toppled", "overthrown", "exiled", "jailed", "imprisoned",
             "detained", "slain", "assassinated", "killed", "dead", "deceased", "rival",
             "self-proclaimed", "self-declared", "taliban", "hamas", "hezbollah", "fatah", "houthi",
             "rebel", "opposition")

# Words allowed between the title and the name ("Saudi Foreign Minister Prince Saud al-Faisal").
_HONORIFICS = ("Sheikh", "Sheikha", "Shaikh", "Prince", "Princess", "Crown Prince", "King", "Emir",
               "Ayatollah", "Grand Ayatollah", "Hojatoleslam", "Mullah", "Maulvi", "Mawlawi",
               "General", "Gen.", "Gen", "Lt. Gen.", "Lieutenant General", "Maj. Gen.", "Field Marshal",
               "Marshal", "Admiral", "Adm.", "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms",
               "Sir", "Dame", "Lord", "Baroness", "Sayyed", "Sayed")

_COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "USA": ("U.S.", "US", "U.S", "American", "America", "United States"),
    "RUS": ("Russian", "Russia"),
    "CHN": ("Chinese", "China"),
    "GBR": ("British", "Britain", "UK", "U.K.", "United Kingdom"),
    "FRA": ("French", "France"),
    "DEU": ("German", "Germany"),
    "ITA": ("Italian", "Italy"),
    "JPN": ("Japanese", "Japan"),
    "IND": ("Indian", "India"),
    "PAK": ("Pakistani", "Pakistan"),
    "TUR": ("Turkish", "Turkey", "Türkiye", "Turkiye"),
    "SYR": ("Syrian", "Syria"),
    "IRN": ("Iranian", "Iran"),
    "IRQ": ("Iraqi", "Iraq"),
    "ISR": ("Israeli", "Israel"),
    "PSE": ("Palestinian Authority", "Palestinian", "Palestine", "PA"),
    "SAU": ("Saudi Arabian", "Saudi Arabia", "Saudi"),
    "EGY": ("Egyptian", "Egypt"),
    "JOR": ("Jordanian", "Jordan"),
    "LBN": ("Lebanese", "Lebanon"),
    "QAT": ("Qatari", "Qatar"),
    "ARE": ("Emirati", "UAE", "U.A.E.", "United Arab Emirates"),
    "UKR": ("Ukrainian", "Ukraine"),
    "KAZ": ("Kazakhstani", "Kazakh", "Kazakhstan"),
    "AFG": ("Afghan", "Afghanistan"),
    "LBY": ("Libyan", "Libya"),
    "YEM": ("Yemeni", "Yemen"),
    "UNO": ("UN", "U.N.", "United Nations"),
    "NAT": ("NATO", "Nato"),
    "EUR": ("EU", "E.U.", "European Union", "European Commission", "European Council", "Commission"),
}
_COUNTRY_OF_WORD = {w: code for code, words in _COUNTRY_WORDS.items() for w in words}

_LOOKBACK = 120
_LOOKAHEAD = 100


@dataclass(frozen=True, slots=True)
class Term:
    """One person's continuous tenure in one office; ``end`` is None while still in office."""

    country: str
    office: str
    title: str
    person: str
    start: date
    end: date | None
    source: str

    def covers(self, day: date) -> bool:
        """Whether the person held the office on this day (both ends inclusive)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class OfficeMention:
    """A "title + known office holder" phrase: ``start``/``end`` span the whole phrase in the
    text, ``terms`` are the person's terms consistent with the stated title and country."""

    start: int
    end: int
    person: str
    terms: tuple[Term, ...]


class OfficeTable:
    """Terms indexed by person name/alias and by (country, office)."""

    def __init__(self, terms: Iterable[Term], aliases: dict[str, tuple[str, ...]]) -> None:
        self.terms = tuple(terms)
        self._by_name: dict[str, list[Term]] = defaultdict(list)
        self._by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
        self.surface_forms: set[str] = set()
        for term in self.terms:
            self._by_office[(term.country, term.office)].append(term)
            for name in (term.person, *aliases.get(term.person, ())):
                key = normalise_alias(name)
                if term not in self._by_name[key]:
                    self._by_name[key].append(term)
                self.surface_forms.add(name)

    def terms_of(self, name: str) -> tuple[Term, ...]:
        """All terms of the person (or people) written this way: full name or alias."""
        return tuple(self._by_name.get(normalise_alias(name.replace("’", "'")), ()))

    def holders(self, country: str, office: str, on: date) -> tuple[Term, ...]:
        """The terms in this country and office that cover the day (several during documented
        overlaps such as an acting holder beside an incapacitated one)."""
        return tuple(t for t in self._by_office.get((country, office), ()) if t.covers(on))


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def table_from_rows(rows: Iterable[dict[str, str]]) -> OfficeTable:
    """Build a table from TSV-shaped rows (the shipped file, or rows a test writes by hand)."""
    terms: list[Term] = []
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        start = _parse_date(row["start"])
        if start is None:
            raise ValueError(f"office row without a start date: {row}")
        terms.append(Term(row["country"], row["office"], row["title"], row["person"], start,
                          _parse_date(row["end"]), row["source"]))
        aliases[row["person"]].update(a for a in row["aliases"].split(";") if a)
    return OfficeTable(terms, {p: tuple(sorted(a)) for p, a in aliases.items()})


@lru_cache(maxsize=1)
def load_offices() -> OfficeTable:
    """The shipped table (``data/offices.tsv``), read once per process."""
    return table_from_rows(read_tsv("storyline.actors", "offices.tsv"))


def _title_key(title: str) -> str:
    key = " ".join(title.lower().replace("-", " ").split())
    return _SAME_TITLE.get(key, key)


def consistent_terms(terms: Iterable[Term], title: str, country: str | None) -> tuple[Term, ...]:
    """The terms a stated title (and country, when one is stated) can refer to."""
    key = _title_key(title)
    office = _OFFICE_OF_TITLE.get(key)
    return tuple(t for t in terms
                 if (t.office == office if office else _title_key(t.title) == key)
                 and (country is None or t.country == country))


_Trie = dict[str, "_Trie"]
_SEP, _APOS = "\x00", "\x01"
_PIECES = {_SEP: r"[\s\-]", _APOS: "['’]"}


def _trie_pattern(forms: Iterable[str]) -> str:
    """One regex over all names, factored as a trie so that the scan costs about one branch per
    character instead of one per name; greedy optional tails keep the longest name first.
    Spaces and hyphens match each other ("Ban Ki-moon", "Ban Ki Moon"), as do both apostrophes."""
    trie: _Trie = {}
    for form in forms:
        node = trie
        for ch in re.sub(r"[\s\-]", _SEP, form.replace("’", _APOS).replace("'", _APOS)):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(trie)


def _render(node: _Trie) -> str:
    branches = [_PIECES.get(ch, re.escape(ch)) + _render(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _surface_variants(form: str) -> Iterator[str]:
    """The form as written and with lower-case particles capitalised ("Al-Assad", "Bin Salman")."""
    yield form
    yield " ".join(w[:1].upper() + w[1:] for w in form.split(" "))


def _words(words: Iterable[str], reverse: bool = False) -> str:
    """An alternation of literal words, longest first; spaces match any run of white space and
    hyphens also match a space. ``reverse`` spells every word backwards (see ``_lookback_patterns``)."""
    escaped = []
    for word in sorted(set(words), key=len, reverse=True):
        text = re.escape(word[::-1] if reverse else word)
        escaped.append(text.replace(r"\ ", r"\s+").replace(r"\-", r"[\s\-]"))
    return "|".join(escaped)


_TITLES = tuple(t for t in (*_OFFICE_OF_TITLE, *_OWN_TITLES) if t != "pm")


def _lookback_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for the text before a name, written backwards and matched against the reversed
    text: one anchored attempt per name instead of a scan of the whole window.
    Forwards they read ``[neg] [country[’s]] [neg] TITLE[,] [honorific…] NAME`` and
    ``[neg] TITLE of [the] COUNTRY[,] [honorific…] NAME``."""
    honorifics = rf"\s+(?:(?:{_words(_HONORIFICS, True)})\s+)*"
    title = rf"(?P<title>(?i:{_words(_TITLES, True)})|MP)(?!\w)"
    country = rf"(?P<country>(?:s['’])?(?:{_words(_COUNTRY_OF_WORD, True)}))(?!\w)"
    negator = rf"[\s\-]+(?i:{_words(_NEGATORS, True)})(?!\w)"
    before = rf"{honorifics}(?P<comma>,)?{title}(?P<neg2>{negator})?(?:\s+{country})?(?P<neg>{negator})?"
    before_of = (rf"{honorifics},?{country}\s+(?i:eht\s+)?(?i:fo)\s+{title}(?P<neg>{negator})?")
    return re.compile(before), re.compile(before_of)


def _apposition_pattern() -> re.Pattern[str]:
    """The text after a name: ``, [the] [neg] [country[’s]] [neg] TITLE [of [the] COUNTRY]``."""
    title = rf"(?P<title>(?i:{_words(_TITLES)})|PM)(?![\w\-])"
    negator = rf"(?i:{_words(_NEGATORS)})[\s\-]+"
    country = rf"(?:{_words(_COUNTRY_OF_WORD)})"
    return re.compile(rf",\s+(?:the\s+)?(?P<neg>{negator})?(?:(?P<country>{country})(?:['’]s)?\s+)?"
                      rf"(?P<neg2>{negator})?{title}(?:\s+of\s+(?:the\s+)?(?P<country2>{country})(?!\w))?")


@dataclass(frozen=True, slots=True)
class _Patterns:
    names: re.Pattern[str]
    before: re.Pattern[str]
    before_of: re.Pattern[str]
    after: re.Pattern[str]


@lru_cache(maxsize=8)
def _patterns(table: OfficeTable) -> _Patterns:
    forms = {v for form in table.surface_forms for v in _surface_variants(form)}
    names = rf"(?<![\w\-'’])(?:{_trie_pattern(forms)})(?!\w)"
    before, before_of = _lookback_patterns()
    return _Patterns(re.compile(names), before, before_of, _apposition_pattern())


def _country_code(word: str | None) -> str | None:
    if not word:
        return None
    return _COUNTRY_OF_WORD.get(" ".join(re.sub(r"['’]s$", "", word).split()))


_Title = tuple[int, str, str | None]


def _title_before(text: str, start: int, patterns: _Patterns) -> _Title | None:
    """(phrase start, title, country) when a title ends right before the name, else None."""
    window = text[max(0, start - _LOOKBACK):start][::-1]
    for pattern in (patterns.before, patterns.before_of):
        found = pattern.match(window)
        if found is None or found.group("neg") or found.groupdict().get("neg2"):
            continue
        country = _country_code(found.group("country") and found.group("country")[::-1])
        if found.groupdict().get("comma") and country is None:
            continue  # "after meeting the President, Putin said": the title is someone else's
        return start - found.end(), found.group("title")[::-1], country
    return None


def _title_after(text: str, end: int, patterns: _Patterns) -> _Title | None:
    """(phrase end, title, country) for an apposition such as "Putin, the Russian president"."""
    found = patterns.after.match(text, end, min(len(text), end + _LOOKAHEAD))
    if found is None or found.group("neg") or found.group("neg2"):
        return None
    return found.end(), found.group("title"), _country_code(found.group("country") or found.group("country2"))


def find_office_mentions(text: str, table: OfficeTable | None = None) -> list[OfficeMention]:
    """Known office holders named with a title in the same phrase ("Turkish Foreign Minister
    Mevlut Cavusoglu", "Syria's President Bashar al-Assad", "Putin, the Russian prime minister").

    Needs: clean text. Produces: one mention per person whose terms fit the stated title and
    country, spanning the whole phrase. Rejects: names without a title, titles no term of that
    person fits, and titles that say the person was not in office when the text was written
    ("former", "late", "then-", "ousted", "-elect") or held another office ("Vice President").
    """
    table = table or load_offices()
    patterns = _patterns(table)
    mentions: list[OfficeMention] = []
    for name_start, name_end, name in _name_hits(text, table):
        terms = table.terms_of(name)
        before = _title_before(text, name_start, patterns)
        if before is not None:
            start, end, title, country = before[0], name_end, before[1], before[2]
        else:
            after = _title_after(text, name_end, patterns)
            if after is None:
                continue
            start, end, title, country = name_start, after[0], after[1], after[2]
        mentions.extend(_mentions_by_person(start, end, consistent_terms(terms, title, country)))
    return mentions


@lru_cache(maxsize=4)
def _name_hits(text: str, table: OfficeTable) -> tuple[tuple[int, int, str], ...]:
    """(start, end, name) of every office holder's name in ``text``: one scan of the names
    pattern per text for the publication-date clue finders, which ask about the same text one
    after another (the roles stage runs after a whole window is cleaned, so it scans again)."""
    return tuple((hit.start(), hit.end(), hit.group())
                 for hit in _patterns(table).names.finditer(text))


def named_people(text: str, table: OfficeTable | None = None) -> dict[str, int]:
    """Every office holder the text names, with or without a title: person → offset of the
    first mention. A name several holders share ("King Abdullah") names all of them."""
    table = table or load_offices()
    people: dict[str, int] = {}
    for start, _, name in _name_hits(text, table):
        for term in table.terms_of(name):
            people.setdefault(term.person, start)
    return people


def _mentions_by_person(start: int, end: int, terms: tuple[Term, ...]) -> Iterator[OfficeMention]:
    """One mention per person: "King Abdullah" may be the Saudi or the Jordanian king."""
    people: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        people[term.person].append(term)
    for person, own in people.items():
        yield OfficeMention(start, end, person, tuple(own))
