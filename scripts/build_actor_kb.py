#!/usr/bin/env python3
"""Build Storyline's actor knowledge base from the PETRARCH2/Phoenix actor dictionaries.

Reads the TABARI-format actor dictionaries shipped with PETRARCH2 (MIT licence,
openeventdata/petrarch2) and writes two deterministic UTF-8 TSV files:

* ``actors.tsv``  -- ``actor_id, name, type, country, codes, source``
* ``aliases.tsv`` -- ``alias, actor_id`` (normalised surface forms)

Stdlib only.  Usage (from the repository root)::

    python scripts/build_actor_kb.py [--ref-dir DIR] [--out-dir DIR]

See ``src/storyline/actors/data/README.md`` for the rules applied.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REF_DIR = REPO_ROOT / ".." / "shared" / "reference" / "petrarch2" / "dictionaries"
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "storyline" / "actors" / "data"

COUNTRY_FILE = "Phoenix.Countries.actors.txt"
SOURCE_FILES: tuple[str, ...] = (
    COUNTRY_FILE,
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

#: Two-digit years up to this value are 20xx, the rest 19xx.
YEAR_PIVOT = 30

#: Comment markers that identify person records (leader lists in CountryInfo / IGO rulers).
PERSON_MARKERS: tuple[str, ...] = ("countryinfo", "igorulers")

#: Words that (practically) never occur in a person's name but do in organisation names.
ORG_WORDS: frozenset[str] = frozenset(
    """
    ADMINISTRATION AGENCY ALLIANCE AND ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK BATTALION
    BOARD BRIGADE BRIGADES BUREAU CABINET CAMP CENTER CENTRE CHAMBER CITY COALITION COMMAND
    COMMISSION COMMITTEE COMMUNITY COMPANY CONGRESS CORP CORPORATION COUNCIL COURT
    DEPARTMENT DIVISION EMBASSY FEDERATION FOR FORCE FORCES FOUNDATION FRONT FUND GOVERNMENT
    GROUP GUARD GUARDS HOUSE INC INSTITUTE ISLAND ISLANDS JABHAT JAISH JAYSH JUNTA KATAIB
    KINGDOM LEAGUE LIBERATION LIWA MILITARY MILITIA MINISTRY MOVEMENT NATIONAL NAVY NETWORK
    OBSERVATORY OF OFFICE OPPOSITION ORGANISATION ORGANIZATION PARLIAMENT PARTY PEOPLE
    PEOPLES POLICE PROVINCE QAEDA QAIDA REBELS REGIME REPUBLIC SENATE SERVICE SERVICES
    SOCIETY STATE STATES THE TRIBUNAL UNION UNIT UNITED UNIVERSITY
    """.split()
)

#: Titles / roles: allowed in leader-list records, but they make other records non-persons.
TITLE_WORDS: frozenset[str] = frozenset(
    """
    ACTING AMBASSADOR CHAIRMAN CHIEF COMMANDER DEPUTY DIRECTOR FOREIGN GENERAL GOVERNOR
    LEADER MINISTER OFFICIAL OFFICIALS PREMIER PRESIDENT PRIME SECRETARY SPOKESMAN SUPREME
    """.split()
)

#: Name particles kept lower-case inside person names ("Bashar al Assad").
PARTICLES: frozenset[str] = frozenset(
    "al el bin ibn bint de da das del della der di do dos du la le van von ter ul ud y".split()
)

#: Short function words kept lower-case inside organisation / country names.
SMALL_WORDS: frozenset[str] = frozenset(
    """
    a al an and at bin by d da das de del der des di die do dos du e el en et for from ibn
    il in la las le les los of on or per pour the to und van von wa wal y
    """.split()
)

#: Ambiguous aliases never emitted: common English words (incl. US city names that the
#: dictionaries map to the USA) and single given names that map to one particular person.
STOP_ALIASES: frozenset[str] = frozenset(
    """
    abdullah albert all amnesty apple austin buffalo can care champagne charlotte chase
    delphi doris even falcon faysal fox gap general hassan hippo hope human hussein it
    jersey khalid kiwi lawrence male mavericks may moron murray new olive olympus one
    organization people phoenix pole providence saga senate shell sun target the tigers
    time unity us visa vladimir who will world youth zero
    """.split()
)

#: Preferred short display names for country roots (title case of the entry otherwise).
COUNTRY_NAME_OVERRIDES: dict[str, str] = {
    "BRN": "Brunei",
    "CIV": "Cote d'Ivoire",
    "MDG": "Madagascar",
    "RUS": "Russia",
    "TMP": "Timor-Leste",
    "TZA": "Tanzania",
    "USA": "United States",
    "ZAF": "South Africa",
}

#: Acronyms that contain vowels, kept upper-case in organisation names.
KNOWN_ACRONYMS: frozenset[str] = frozenset(
    """
    AFP ANC ASEAN AU CARE ECOWAS ETA EU FARC IAEA ICRC IGO IMF IRA ISIL ISIS MNC NATO NGO OAS
    OAU OIC OPEC OSCE PKK PLO UAE UK UN UNDP UNESCO UNHCR UNICEF UNO US USA USAID WHO WTO
    """.split()
)

#: Abbreviations without vowels that are not acronyms.
NOT_ACRONYMS: frozenset[str] = frozenset("DR FT JR MR MRS MS MT SR ST".split())

#: CAMEO sector codes that may precede the country in a code (``NGOITA``, ``MNCUSAMED``).
SECTOR_PREFIXES: frozenset[str] = frozenset({"MNC", "NGM", "NGO"})

#: CAMEO religion codes that look like country codes (Muslim vs Mauritius, Sunni vs USSR).
NON_COUNTRY_SUBCODES: frozenset[str] = frozenset({"MUS", "SUN"})

CODE_RE = re.compile(r"\[([^\[\]]*)\]")
CODE_TOKEN_RE = re.compile(r"[A-Z][A-Z0-9]*")
INTERVAL_RE = re.compile(r"(\d+)\s*-\s*(\d+)")
OPEN_RE = re.compile(r"([<>])\s*(\d+)")
JUNK_PRIMARY_RE = re.compile(r"^\s*\w+:\s")
COUNTRY_CODE_RE = re.compile(r"[A-Z]{3}")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
PAREN_RE = re.compile(r"\([^()]*\)")


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class CodeSpan:
    """One CAMEO code with an optional validity interval (inclusive, open ends = None)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def render(self) -> str:
        if not self.dated:
            return self.code
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"{self.code}:{start}..{end}"

    def recency(self) -> tuple[date, date]:
        """Sort key: later end first (open end = latest), then later start."""
        return (self.end or date.max, self.start or date.min)


@dataclass
class RawEntry:
    """One dictionary record: primary phrase, synonyms and codes."""

    source: str
    line_no: int
    names: list[str]
    codes: list[CodeSpan] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    had_code: bool = False  # any [..] field seen, even a null or broken one
    closed: bool = False  # True once indented code lines have been seen


@dataclass
class Actor:
    """One row of actors.tsv plus its raw alias phrases."""

    actor_id: str
    name: str
    type: str
    country: str
    codes: list[CodeSpan]
    names: list[str]
    sources: list[str]
    name_rank: int = 0  # lower is a better source for the display name
    entries: int = 0

    def absorb(self, entry: RawEntry) -> None:
        self.names.extend(entry.names)
        self.codes.extend(c for c in dict.fromkeys(entry.codes) if c not in self.codes)
        if entry.source not in self.sources:
            self.sources.append(entry.source)
        self.entries += 1


# --------------------------------------------------------------------------- codes and dates


class RestrictionError(ValueError):
    """A valid code whose date restriction cannot be read."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def parse_tabari_date(text: str) -> date:
    """Parse YYMMDD (pivot at YEAR_PIVOT) or YYYYMMDD; raise ValueError otherwise."""
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= YEAR_PIVOT else 1900 + yy
        return date(year, int(text[2:4]), int(text[4:6]))
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    raise ValueError("bad date length")


def _parse_interval(first: str, second: str) -> tuple[date, date]:
    start, end = parse_tabari_date(first), parse_tabari_date(second)
    if start > end and len(first) == 6:
        # YYMMDD birth years such as 290101 were pivoted into the future.
        start = start.replace(year=start.year - 100)
    if start > end:
        raise ValueError("interval ends before it starts")
    return start, end


def parse_code_field(text: str) -> CodeSpan:
    """Parse the inside of ``[CODE restriction]``; raise ValueError if unusable."""
    head, _, rest = text.strip().partition(" ")
    if head == "---":
        raise ValueError("null code [---]")
    if not CODE_TOKEN_RE.fullmatch(head):
        raise ValueError("not a code")
    try:
        return _restrict(head, rest.strip())
    except ValueError as exc:
        raise RestrictionError(head, str(exc)) from exc


def _restrict(code: str, rest: str) -> CodeSpan:
    if not rest:
        return CodeSpan(code)
    if match := INTERVAL_RE.fullmatch(rest):
        start, end = _parse_interval(match.group(1), match.group(2))
        return CodeSpan(code, start, end)
    if match := OPEN_RE.fullmatch(rest):
        when = parse_tabari_date(match.group(2))
        return CodeSpan(code, end=when) if match.group(1) == "<" else CodeSpan(code, start=when)
    if rest.isdigit():  # a lone date: read as "from this date on"
        return CodeSpan(code, start=parse_tabari_date(rest))
    raise ValueError("unknown restriction")


# --------------------------------------------------------------------------- line parser


def clean_phrase(raw: str) -> str:
    """TABARI phrase -> plain upper-case words (underscores to spaces, controls dropped)."""
    text = CONTROL_RE.sub("", raw).replace("_", " ")
    return " ".join(text.split())


class TabariParser:
    """Incremental parser for one TABARI actor file (PETRARCH2 record semantics).

    A line that is not indented and does not start with ``+`` opens a record; a
    record without any code absorbs the following primary phrases (as PETRARCH2
    does), a ``+`` line after the record's indented code lines opens a new record.
    """

    def __init__(self, source: str, stats: Counter[str]) -> None:
        self.source = source
        self.stats = stats
        self.entries: list[RawEntry] = []
        self.current: RawEntry | None = None

    def feed(self, line_no: int, line: str) -> None:
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "<!")):
            self.stats["blank/comment lines"] += 1
            return
        body, _, comment = line.partition("#")
        if line[0] in " \t":
            self._code_line(body, comment)
        elif line[0] == "+":
            self._synonym_line(line_no, body[1:], comment)
        else:
            self._primary_line(line_no, body, comment)

    def finish(self) -> list[RawEntry]:
        self._close()
        return self.entries

    def _close(self) -> None:
        if self.current is not None:
            if self.current.codes:
                self.entries.append(self.current)
            else:
                self.stats["records dropped: no usable code"] += 1
        self.current = None

    def _add_codes(self, entry: RawEntry, text: str) -> None:
        for inner in CODE_RE.findall(text):
            entry.had_code = True
            try:
                span = parse_code_field(inner)
            except RestrictionError as exc:
                self.stats[f"codes kept undated: {exc}"] += 1
                span = CodeSpan(exc.code)
            except ValueError as exc:
                self.stats[f"codes skipped: {exc}"] += 1
                continue
            entry.codes.append(span)

    def _code_line(self, body: str, comment: str) -> None:
        if self.current is None or "[" not in body:
            self.stats["lines skipped: stray indented line"] += 1
            return
        self._add_codes(self.current, body)
        self.current.comments.append(comment)
        self.current.closed = True

    def _synonym_line(self, line_no: int, body: str, comment: str) -> None:
        if self.current is None:
            self.stats["lines skipped: synonym without record"] += 1
            return
        if self.current.closed and self.current.had_code:
            self.stats["synonyms after code lines: new record"] += 1
            self._close()
            self.current = RawEntry(self.source, line_no, [])
        entry = self.current
        for part in body.split("+"):  # a stray '+' joins two synonyms on one line
            name = clean_phrase(part.split("[", 1)[0])
            if name:
                entry.names.append(name)
            self._add_codes(entry, part)
        entry.comments.append(comment)

    def _primary_line(self, line_no: int, body: str, comment: str) -> None:
        name = clean_phrase(body.split("[", 1)[0])
        if not name or ("[" not in body and JUNK_PRIMARY_RE.match(body)):
            self.stats["lines skipped: unparseable primary"] += 1
            return
        if self.current is not None and not self.current.had_code:
            self.stats["codeless primaries merged into next record"] += 1
            self.current.names.append(name)
        else:
            self._close()
            self.current = RawEntry(self.source, line_no, [name])
        self._add_codes(self.current, body)
        self.current.comments.append(comment)


def parse_dictionary(lines: Iterable[str], source: str, stats: Counter[str]) -> list[RawEntry]:
    """Parse the lines of one actor dictionary into records that carry codes."""
    parser = TabariParser(source, stats)
    for line_no, line in enumerate(lines, start=1):
        if "---STOP---" in line:
            break
        parser.feed(line_no, line.rstrip("\r\n"))
    return parser.finish()


def read_dictionaries(ref_dir: Path, stats: Counter[str]) -> list[RawEntry]:
    """Parse every source file in SOURCE_FILES order."""
    entries: list[RawEntry] = []
    for name in SOURCE_FILES:
        text = (ref_dir / name).read_text(encoding="utf-8", errors="replace")
        parsed = parse_dictionary(text.splitlines(), name, stats)
        stats[f"records in {name}"] = len(parsed)
        entries.extend(parsed)
    return entries


# --------------------------------------------------------------------------- classification


def main_code(codes: Sequence[CodeSpan]) -> CodeSpan:
    """The code that identifies a non-person record.

    Open-ended dated codes (``>D``) win (latest start first), then the first
    undated code, then the most recent closed interval.
    """
    open_ended = [c for c in codes if c.start is not None and c.end is None]
    if open_ended:
        return max(open_ended, key=lambda c: c.start or date.min)
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[0]
    return max(codes, key=CodeSpan.recency)


def by_recency(codes: Sequence[CodeSpan]) -> list[CodeSpan]:
    """Dated codes, most recent first, followed by undated codes in file order."""
    dated = sorted((c for c in codes if c.dated), key=CodeSpan.recency, reverse=True)
    return dated + [c for c in codes if not c.dated]


def _name_words(name: str) -> list[str]:
    words = [w.strip(".,'\"()") for w in name.upper().split()]
    return [part for w in words for part in w.split("-")]


def looks_like_person_name(name: str, *, strict: bool = True) -> bool:
    """No organisation words; strict mode also wants 2-6 words, no titles, no digits."""
    words = _name_words(name)
    if not words or any(w in ORG_WORDS for w in words):
        return False
    if not strict:
        return True
    if not 2 <= len(name.split()) <= 6 or any(ch.isdigit() for ch in name):
        return False
    return not any(w in TITLE_WORDS for w in words)


def has_person_marker(entry: RawEntry) -> bool:
    comments = " ".join(entry.comments).lower()
    return any(marker in comments for marker in PERSON_MARKERS)


def is_person(entry: RawEntry) -> bool:
    """Leader-list records (CountryInfo / IGO rulers), elites, or fully dated named records."""
    name = entry.names[0]
    if has_person_marker(entry):
        return looks_like_person_name(name, strict=False)
    if is_country_root(entry):
        return False
    if not looks_like_person_name(name):
        return False
    return any(c.code.endswith("ELI") for c in entry.codes) or all(c.dated for c in entry.codes)


def is_country_root(entry: RawEntry) -> bool:
    """A Countries-file record whose identifying code is a bare 3-letter country code."""
    if entry.source != COUNTRY_FILE or has_person_marker(entry):
        return False
    return bool(COUNTRY_CODE_RE.fullmatch(main_code(entry.codes).code))


def person_country(codes: Sequence[CodeSpan], countries: set[str]) -> str:
    """Country of the most recent dated code that has a known country prefix."""
    for span in by_recency(codes):
        if span.code[:3] in countries:
            return span.code[:3]
    return ""


# --------------------------------------------------------------------------- names


def _cap(word: str) -> str:
    """Capitalise the first letter of a word (skipping leading quotes/brackets)."""
    low = word.lower()
    for i, ch in enumerate(low):
        if ch.isalpha():
            head, _, tail = low[i:].partition("'")
            if tail and len(head) == 1 and len(tail) > 1:  # O'Brien, D'Ivoire
                return low[:i] + head.upper() + "'" + tail.capitalize()
            return low[:i] + low[i:].capitalize()
    return low


def title_name(name: str, lower_words: frozenset[str]) -> str:
    """Title-case an upper-case TABARI phrase, keeping ``lower_words`` lower-case."""
    out: list[str] = []
    for index, word in enumerate(name.split()):
        parts = word.split("-")
        fixed = [
            part.lower() if part.lower() in lower_words and (index or pos) else _cap(part)
            for pos, part in enumerate(parts)
        ]
        out.append("-".join(fixed))
    return " ".join(out)


def _is_acronym(word: str) -> bool:
    """Parenthesised, dotted, vowel-less or well-known acronyms (``(INLA)``, ``U.N.``, ``FSB``)."""
    bare = word.strip(".,\"'")
    if len(bare) > 2 and bare.startswith("(") and bare.endswith(")"):
        return True
    bare = bare.strip("()").upper()
    letters = [ch for ch in bare if ch.isalpha()]
    if not letters or not bare.isascii() or bare.strip(".") in NOT_ACRONYMS:
        return False
    if "." in bare.strip(".") or bare in KNOWN_ACRONYMS:
        return True
    return len(letters) >= 2 and not any(ch in "AEIOU" for ch in letters)


def org_name(name: str) -> str:
    """Display name for organisations: title case, acronyms kept upper-case, no leading 'The'."""
    words = name.split()
    if len(words) > 2 and words[0].upper() == "THE":
        words = words[1:]
    titled = title_name(" ".join(words), SMALL_WORDS).split()
    return " ".join(w.upper() if _is_acronym(w) else t for w, t in zip(words, titled, strict=True))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _keep_mark(text: str, i: int) -> bool:
    """Keep '-' and "'" only between alphanumerics, '.' only right after one."""
    before = text[i - 1].isalnum() if i > 0 else False
    after = text[i + 1].isalnum() if i + 1 < len(text) else False
    return before if text[i] == "." else before and after


def normalize_alias(text: str) -> str:
    """Lower-case surface form: '_'->' ', punctuation -> space, whitespace collapsed."""
    text = unicodedata.normalize("NFC", CONTROL_RE.sub("", text).replace("_", " ").lower())
    text = text.replace("i\u0307", "i")
    for quote in "\u2019\u2018`\u00b4":
        text = text.replace(quote, "'")
    chars = [
        ch if ch.isalnum() or ch.isspace() or (ch in "-'." and _keep_mark(text, i)) else " "
        for i, ch in enumerate(text)
    ]
    return " ".join("".join(chars).split())


def alias_variants(name: str) -> list[str]:
    """Normalised alias plus variants without parentheses and without a leading 'the'."""
    variants = [normalize_alias(name)]
    if "(" in name:
        variants.append(normalize_alias(PAREN_RE.sub(" ", name)))
    for alias in list(variants):
        if alias.startswith("the ") and len(alias.split()) >= 3:
            variants.append(alias[4:])
    return list(dict.fromkeys(v for v in variants if v))


def alias_rejection(alias: str) -> str | None:
    """Why an alias is dropped, or None to keep it."""
    if not alias or not any(ch.isalpha() for ch in alias):
        return "empty or no letters"
    if "\ufffd" in alias:
        return "undecodable character"
    if " " not in alias and len(alias) <= 2:
        return "single token of <= 2 characters"
    if alias in STOP_ALIASES:
        return "stop list"
    return None


# --------------------------------------------------------------------------- knowledge base


def country_names(entries: Sequence[RawEntry]) -> dict[str, str]:
    """Country code -> display name.

    The name comes from the first root record for the code, preferring records whose
    code is undated (``GERMANY_ [DEU]``) over open-ended (``>D``) and closed intervals.
    """
    best: dict[str, tuple[int, str]] = {}
    for entry in filter(is_country_root, entries):
        span = main_code(entry.codes)
        rank = 0 if not span.dated else 1 if span.end is None else 2
        if span.code not in best or rank < best[span.code][0]:
            best[span.code] = (rank, title_name(entry.names[0], SMALL_WORDS))
    names = {code: name for code, (_, name) in best.items()}
    names.update({code: name for code, name in COUNTRY_NAME_OVERRIDES.items() if code in names})
    return names


def _person_id(name: str, country: str, actors: dict[str, Actor]) -> str:
    """``person:<slug>``; namesakes are merged unless both have different countries.

    A namesake from another country gets a ``-<country>`` suffix (``-2``, ``-3``... when
    that is taken or the country is unknown).
    """
    base = "person:" + (slugify(name) or "unnamed")
    suffixes = ["", f"-{country.lower()}" if country else "-2"]
    suffixes += [f"-{n}" for n in range(3, 100)]
    for suffix in suffixes:
        existing = actors.get(base + suffix)
        if existing is None or not country or existing.country in ("", country):
            return base + suffix
    raise RuntimeError(f"cannot allocate an id for {name!r}")


def org_country(code: str, countries: Iterable[str]) -> str:
    """Country of an organisation code: its first three letters if they are a country,
    else (for sector-first codes such as ``NGOITA`` / ``MNCUSA``) letters 4-6."""
    known = set(countries)
    if code[:3] in known:
        return code[:3]
    if code[:3] in SECTOR_PREFIXES and code[3:6] in known - NON_COUNTRY_SUBCODES:
        return code[3:6]
    return ""


def _identify(
    entry: RawEntry, countries: dict[str, str], actors: dict[str, Actor]
) -> tuple[str, str, str, str]:
    """Return (actor_id, name, type, country) for one record."""
    if is_person(entry):
        name = title_name(entry.names[0], PARTICLES)
        country = person_country(entry.codes, set(countries))
        return _person_id(name, country, actors), name, "person", country
    code = main_code(entry.codes).code
    if code in countries:
        return code, countries[code], "country", code
    return code, org_name(entry.names[0]), "org", org_country(code, countries)


def build_actors(entries: Sequence[RawEntry], stats: Counter[str]) -> dict[str, Actor]:
    """Group records into actors keyed by actor_id (records sharing an id are merged).

    An organisation shared by several records is named after the first record whose
    identifying code is undated (the institution itself), else after the first record.
    """
    countries = country_names(entries)
    actors: dict[str, Actor] = {}
    for entry in entries:
        actor_id, name, kind, country = _identify(entry, countries, actors)
        stats[f"records classified as {kind}"] += 1
        rank = int(kind == "org" and main_code(entry.codes).dated)
        actor = actors.get(actor_id)
        if actor is None:
            actors[actor_id] = Actor(actor_id, name, kind, country, [], [name], [], rank)
            actors[actor_id].absorb(entry)
        else:
            actor.absorb(entry)
            if rank < actor.name_rank:
                actor.name, actor.name_rank = name, rank
                actor.names.append(name)
    for actor in actors.values():
        if actor.type == "person":
            actor.country = person_country(actor.codes, set(countries)) or actor.country
    return actors


def collect_aliases(actors: dict[str, Actor], stats: Counter[str]) -> dict[str, set[str]]:
    """alias -> actor ids.  Derived variants (no parentheses / no leading 'the') are only
    added where no other actor owns the alias directly."""
    direct: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    for actor in actors.values():
        for name in dict.fromkeys(actor.names):
            forms = alias_variants(name)
            for alias, target in [(forms[0], direct)] + [(f, derived) for f in forms[1:]]:
                reason = alias_rejection(alias)
                if reason:
                    stats[f"aliases dropped: {reason}"] += 1
                else:
                    target.setdefault(alias, set()).add(actor.actor_id)
    for alias, ids in derived.items():
        owners = direct.setdefault(alias, set())
        if owners - ids:
            stats["derived aliases dropped: owned by another actor"] += 1
        else:
            owners.update(ids)
    return direct


def build_alias_rows(actors: dict[str, Actor], stats: Counter[str]) -> list[tuple[str, str]]:
    """Alias rows; an alias shared with a country actor is kept for the country only."""
    rows: list[tuple[str, str]] = []
    for alias, ids in collect_aliases(actors, stats).items():
        country_ids = {i for i in ids if actors[i].type == "country"}
        if country_ids and country_ids != ids:
            stats["ambiguous aliases: kept country only"] += 1
            ids = country_ids
        elif len(ids) > 1:
            stats["ambiguous aliases: kept all"] += 1
        rows.extend((alias, actor_id) for actor_id in ids)
    return sorted(rows)


def actor_rows(actors: dict[str, Actor]) -> list[tuple[str, ...]]:
    return [
        (
            a.actor_id,
            a.name,
            a.type,
            a.country,
            ";".join(c.render() for c in a.codes),
            ";".join(a.sources),
        )
        for a in sorted(actors.values(), key=lambda a: a.actor_id)
    ]


# --------------------------------------------------------------------------- output


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a UTF-8 TSV (tabs/newlines inside cells become spaces); return row count."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(" ".join(cell.split()) for cell in row) + "\n")
            count += 1
    return count


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref-dir", type=Path, default=DEFAULT_REF_DIR, help="PETRARCH2 dictionaries dir")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="output directory")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    stats: Counter[str] = Counter()
    entries = read_dictionaries(args.ref_dir, stats)
    actors = build_actors(entries, stats)
    aliases = build_alias_rows(actors, stats)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    outputs: list[tuple[str, tuple[str, ...], Sequence[Sequence[str]]]] = [
        (
            "actors.tsv",
            ("actor_id", "name", "type", "country", "codes", "source"),
            actor_rows(actors),
        ),
        ("aliases.tsv", ("alias", "actor_id"), aliases),
    ]
    for filename, header, rows in outputs:
        path = args.out_dir / filename
        count = write_tsv(path, header, rows)
        print(f"wrote {path} rows={count} bytes={path.stat().st_size}")
    stats.update(f"actors of type {a.type}" for a in actors.values())
    stats["actors merged from several records"] = sum(a.entries > 1 for a in actors.values())
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
