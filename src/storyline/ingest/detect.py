"""Which web encoding undeclared bytes are in: charset-normalizer's readings, weighed.

:func:`guess` is asked by :mod:`storyline.ingest.decode` when neither a byte-order mark, UTF-8
nor a declared charset decides, on a sample that holds the text and not a page's markup.
"""

from __future__ import annotations

import re
from collections import Counter

from charset_normalizer import CharsetMatch, from_bytes
from charset_normalizer.constant import FREQUENCIES

# The legacy encodings of the WHATWG Encoding Standard (Python codec names): the only ones
# browsers decode, so the only ones web pages and their archives are written in. DOS and most
# Mac code pages (cp850, cp852, cp775, mac_iceland, ...) are left out: on English text with
# curly quotes they fit as well as cp1252 by charset-normalizer's measures and turn ’ into ĺ
# (measured by ``storyline eval encoding``). The two Mac pages WHATWG keeps (macintosh,
# x-mac-cyrillic) are left out too, for the same reason: pages in them are rare.
WEB_ENCODINGS = frozenset(
    ["cp866", "koi8_r", "koi8_u", "cp874", "gbk", "gb18030", "big5",
     "euc_jp", "iso2022_jp", "shift_jis", "cp932", "euc_kr", "cp949", "cp936", "big5hkscs",
     "utf_16_be", "utf_16_le", "utf_8"]
    + [f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)]
    + [f"cp{n}" for n in range(1250, 1259)])


_STEPS = 5  # charset-normalizer's default


def guess(sample: bytes) -> str | None:
    """The web encoding (:data:`WEB_ENCODINGS`) charset-normalizer finds most coherent and
    least chaotic (its own order puts chaos first, and on short Shift JIS text a chaos-free
    but meaningless Korean reading wins), except that cp1252 wins
    a tie (same chaos, about the same language coherence): on short Western text cp1250 often
    ties and turns è into č; then another single-byte reading whose letters form a language
    clearly better wins (:func:`_likeliest`). With no web encoding among its answers, cp1252
    when it fits."""
    # charset-normalizer judges five chunks at every fifth of the sample, and a sixth of what is
    # left over: one "©" or "€" alone there is all chaos and drops cp1252 (a real page, German)
    sample += b" " * (-len(sample) % _STEPS)
    results = [(m, web) for m in from_bytes(sample, steps=_STEPS) if (web := _web_name(m))]
    best = max(results, key=lambda r: r[0].coherence - r[0].chaos, default=None)
    if best is None:
        return "cp1252" if fits(sample, "cp1252") else None
    western = next((m for m, _ in results if "cp1252" in (m.encoding, *m.could_be_from_charset)),
                   None)  # a match that reads the sample as cp1252 does, whatever its name
    if western is not None and western.chaos <= best[0].chaos \
            and western.coherence >= best[0].coherence - 0.1:
        best = western, "cp1252"
    return _likeliest(results, best)


_FIT_CHARS = 20_000  # characters of a reading whose letters are weighed (a few ms)
_FIT_LETTERS = 12  # a "©" read as "Đ", a "£" as "Ł" tell no language
# The letters past ASCII of Latin-script alphabets (their orthographies' own letters, lower
# case), added to charset-normalizer's tables: those hold a language's most frequent letters
# only (Hungarian's lack ő and ű, Croatian's đ), and no table at all stands for Icelandic,
# Faroese, Afrikaans, Catalan or Latvian. Without them, Icelandic in cp1252 fitted no
# language and cp1257's reading of it (ð as š, þ as ž) fitted Lithuanian.
_ALPHABETS = {
    "Afrikaans": "áäéèêëíîïóôöúûüýŉ", "Albanian": "çë", "Catalan": "àçèéíïòóúü",
    "Croatian": "čćđšž", "Czech": "áčďéěíňóřšťúůýž", "Danish": "åæøé", "Dutch": "áéëèïíóöúü",
    "Estonian": "äõöüšž", "Faroese": "áæðíóøúý", "Finnish": "äåöšž",
    "French": "àâæçéèêëîïôœùûüÿ", "German": "äöüß", "Hungarian": "áéíóöőúüű",
    "Icelandic": "áæðéíóöúýþ", "Irish": "áéíóú", "Italian": "àèéìíîòóùú",
    "Latvian": "āčēģīķļņšūž", "Lithuanian": "ąčęėįšųūž", "Norwegian": "åæøéèêòóô",
    "Polish": "ąćęłńóśźż", "Portuguese": "àáâãçéêíóôõú", "Romanian": "ăâîșțşţ",
    "Slovak": "áäčďéíĺľňóôŕšťúýž", "Slovene": "čšž", "Spanish": "áéíñóúü", "Swedish": "åäöé",
    "Turkish": "âçğıîöşüû",
}
_TABLES = {language: frozenset(FREQUENCIES.get(language, ())) | frozenset(_ALPHABETS.get(language, ""))
           for language in {*FREQUENCIES, *_ALPHABETS}}
_SINGLE_BYTE = frozenset(e for e in WEB_ENCODINGS if e.startswith(("cp12", "iso8859", "koi8"))
                         or e in ("cp866", "cp874"))


def _likeliest(results: list[tuple[CharsetMatch, str]], chosen: tuple[CharsetMatch, str]) -> str:
    """``chosen``'s encoding, unless another single-byte reading about as free of chaos forms
    a language clearly better: :func:`_language_fit` squared times charset-normalizer's
    coherence higher by 0.05 or more (squared, so that a reading some of whose letters no
    language holds loses to one all of whose letters one does: Turkish read as cp1252 fits
    Icelandic's letters, ı as ý and ş as þ, all but its ç and ü), from :data:`_FIT_LETTERS`
    letters past ASCII or more, half of them or more in one language's letters.
    charset-normalizer's coherence compares how often letters occur, case and alphabet aside:
    Turkish in cp1254 read as cp1252 ("Cumhurbaþkaný") came within its tie of cp1254, and
    Hebrew in cp1255 read as KOI8-R capitals beat it."""
    match, name = chosen
    if name not in _SINGLE_BYTE:
        return name
    fits_of = {id(m): _language_fit(str(m)[:_FIT_CHARS]) for m, web in results
               if web in _SINGLE_BYTE and m.chaos <= match.chaos + 0.02}
    fits_of.setdefault(id(match), _language_fit(str(match)[:_FIT_CHARS]))

    def score(candidate: CharsetMatch) -> float:
        share, _, capitals = fits_of[id(candidate)]
        return candidate.coherence * share ** 2 / (2 if capitals else 1)

    rivals = [(m, web) for m, web in results if id(m) in fits_of
              and (fit := fits_of[id(m)])[1] >= _FIT_LETTERS
              and fit[0] / (2 if fit[2] else 1) >= 0.5]
    top = max(rivals, key=lambda r: score(r[0]), default=chosen)
    return top[1] if score(top[0]) >= score(match) + 0.05 else name


def _language_fit(text: str) -> tuple[float, int, bool]:
    """How much the characters past ASCII of ``text`` (but white space) form one language,
    how many letters they hold, and whether most of its cased ones are capitals (text is
    written in lower case; Hebrew read as KOI8-R is all capitals: :func:`_likeliest` halves
    the score of such a reading, after squaring the share). The share is that of them
    (lowercased) among the letters of the language that holds most of them (its alphabet
    and charset-normalizer's table); symbols read where letters were ("powiedzia³") are
    misses, but not Spanish and Italian signs where they belong (:data:`_SIGNS`: "¿Quién",
    "2.º", "3.ª", which iso8859-10 reads as "ŋQuién", "2.š")."""
    text = _SIGNS.sub("", text)
    counts = Counter(c.lower() if len(c.lower()) == 1 else c
                     for c in text if c > "\x7f" and not c.isspace())
    total = counts.total()
    if not total:
        return 0.0, 0, False
    hits = max(sum(n for c, n in counts.items() if c in table) for table in _TABLES.values())
    upper = sum(1 for c in text if c > "\x7f" and c.isupper())
    cased = sum(1 for c in text if c > "\x7f" and c.lower() != c.upper())
    letters = sum(n for c, n in counts.items() if c.isalpha())
    return hits / total, letters, upper * 2 > cased > 0


# Signs of Western text that are no letters of its words, where they stand in it: "¿", "¡"
# and "«" opening a word, "»" closing one; the ordinal indicators and the degree sign after a
# digit or an abbreviation's full stop ("2.º", "n.º", "1°"), the degree sign before C or F
# ("30 °C"), "²" after a metre ("75 m²"). Not "³" after a letter: cp1250's "ł" read as cp1252
# ("powiedzia³") is that.
_SIGNS = re.compile(r"(?<!\w)[¿¡«](?=\w)|(?<=\S)»(?!\w)|(?<=[\d.])[ºª°]|°(?=[CF]\b)|(?<=m)²(?!\w)")


def _web_name(match: CharsetMatch) -> str | None:
    """The web encoding a charset-normalizer match stands for: it names a match by one of
    the encodings that decode alike (euc_jis_2004 for euc_jp), so any of them counts."""
    return next((e for e in (match.encoding, *match.could_be_from_charset) if e in _GUESSABLE),
                None)


# What a guess may name: not UTF-16, which text without NULs is not (decode's _unmarked finds it)
_GUESSABLE = WEB_ENCODINGS - {"utf_16_be", "utf_16_le"}


def fits(sample: bytes, encoding: str) -> bool:
    """Whether ``encoding`` decodes ``sample`` without an error."""
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
