"""Bytes → text: encoding detection, binary rejection, mojibake repair, NFC normalisation.

Every reader turns bytes into text through :func:`decode_bytes` (whole documents) or
:func:`detect_encoding` (streams read line by line), and every text that reaches a
:class:`~storyline.records.RawDoc` passes :func:`repair_text`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

import ftfy

from storyline.errors import InputRejected
from storyline.ingest.detect import WEB_ENCODINGS, fits, guess
from storyline.ingest.limits import code_unit
from storyline.ingest.markup import check_size as check_size  # re-exported: readers import it here
from storyline.ingest.markup import detection_sample
from storyline.ingest.markup import html_charset as html_charset  # re-exported: readers import it here
from storyline.ingest.markup import html_page as html_page
from storyline.ingest.markup import opens_page as opens_page
from storyline.ingest.markup import sniff_media_type as sniff_media_type
from storyline.surrogates import replace_surrogates

_TEXT_CONTROL = {9, 10, 12, 13, 27}
# Every byte but the control bytes text never holds: deleting them leaves just those to count.
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROL)
# In decoded text: the C0 controls but tab, line feed, form feed and carriage return, and DEL.
_STRAY_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Every byte but those controls: deleting them from the text's UTF-8 leaves its stray controls
# (a multi-byte character's bytes are all over 0x7F), in 0.2 ms a page where a search took 0.8.
_NOT_STRAY = bytes(b for b in range(256) if _STRAY_CONTROL.match(chr(b)) is None)
# A terminal's colour or cursor code (ESC [ ... letter), removed whole from text copied from a terminal.
_ANSI = re.compile("\x1b\\[[0-?]{0,32}[ -/]{0,8}[@-~]")
_DETECT_BYTES = 200_000
_TEXT_SAMPLE = 1 << 16  # bytes of a wide encoding read to judge whether they are text
# Byte-order marks name their encoding outright; UTF-32 first, its LE mark starts like UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Only the encoding fixes: ftfy's other defaults (straight quotes, half-width characters, ligatures,
# HTML unescaping) would rewrite text that is not broken.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, uncurl_quotes=False, fix_latin_ligatures=False,
    fix_character_width=False, fix_line_breaks=False, explain=False,
)
# Mojibake signature: a UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation
# byte read the same way; the Mac Roman forms (¬†, ‚Ä, √©) are folded into the same two classes.
# One pair of classes scans ~2x faster than an alternation. ftfy runs only on lines that match:
# it costs ~0.1 ms per line, and HTML pages have thousands of lines.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u00c4"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4\u00ac\u201a\u221a][{_CONTINUATION}]")
# UTF-8 read as cp1251: a Cyrillic letter's lead byte (D0-D2) reads as Р, С or Т, each of its
# continuation bytes as one of cp1251's 0x80-0xBF (ђ, ‘, ё, », ...; 0x98, which cp1251 lacks, as
# a sloppy reader's U+0098), and a quote's or a dash's E2 80 as вЂ (“ → вЂњ). Two Cyrillic
# pairs in a row: one alone ("«ТАСС»", "Сёмин") is ordinary Russian, which ftfy leaves alone but
# at its cost; a word of two letters, garbled, has two. Two patterns searched one after the
# other scan Russian text twice as fast as their alternation. (Latin-1 letters read as cp1251,
# "cafГ©", are left out: ftfy does not repair them.)
_CP1251_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore") + "\u0098"
_CYRILLIC_MOJIBAKE = re.compile(
    f"[\u0420-\u0422][{_CP1251_CONTINUATION}][\u0420-\u0422][{_CP1251_CONTINUATION}]")
_PUNCTUATION_MOJIBAKE = re.compile(f"\u0432\u0402[{_CP1251_CONTINUATION}]")
_ASCII_TO_SPACE = bytes.maketrans(bytes(range(128)), b" " * 128)


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is not text, judged by its first 8 KiB: many control characters (over
    2 %, and over 8), or NUL bytes in more than one byte in 1,000 (more than one, in a head under
    2,000 bytes) unless the bytes between them are text (:func:`_text_among_nuls`).

    A stray NUL in a long text (a database export, a scraper's buffer), or a block of them
    (a file preallocated and written short), does not make it binary: :func:`decode_text`
    drops them (a run between two words becomes a line break). A tar archive's header, names
    and digits padded by NULs, stays binary."""
    head = data[:8192]
    if head.count(0) > max(1, len(head) // 1000):
        # (text among them has hardly a control byte: the count below could not call it binary)
        return not _text_among_nuls(head)
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > max(8, len(head) // 50)


_NUL_RUNS = re.compile(rb"\x00+")
_NUL_BY_BLANK = re.compile(rb"(?<=\s)\x00+|\x00+(?=\s)")
_TEXT_AMONG_NULS = 256  # bytes, at the least: a few words between NULs may be a binary's strings


def _text_among_nuls(head: bytes) -> bool:
    """Whether the bytes of ``head`` but its NULs are a text's: at least
    :data:`_TEXT_AMONG_NULS` of them, hardly a control character among them (a binary's
    NULs come with other control bytes: PNG, PDF streams, zip, numbers read as UTF-16 or
    UTF-32, 10 % of their bytes or more), and they read as writing (:func:`_reads_as_text`,
    as cp1252, which reads any legacy text's letters as letters: 8-bit audio has no control
    bytes but no word breaks either)."""
    if head[257:262] == b"ustar":  # a tar archive's header: names and digits padded by NULs
        return False
    rest = head.replace(b"\0", b"")
    controls = len(rest.translate(None, _NOT_CONTROL))
    return len(rest) >= _TEXT_AMONG_NULS and controls <= len(rest) // 200 \
        and _reads_as_text(rest.decode("cp1252", errors="replace"))


def repair_text(text: str) -> str:
    """Control characters that text never holds removed (NUL, backspace, escape, ...; a
    terminal's colour codes whole; a vertical tab, Word's line break, becomes one), mojibake
    repaired with ftfy (``donâ€™t`` → ``don’t``, ``РњРѕСЃРєРІР°`` → ``Москва``), a lone
    surrogate made U+FFFD (the replacement character), then NFC. Clean text is unchanged."""
    encoded = text.encode("utf-8", "surrogatepass")  # once, for both tests below
    data: bytes | None = encoded
    if encoded.translate(None, _NOT_STRAY):  # a stray control
        text = _STRAY_CONTROL.sub(lambda m: "\n" if m.group() == "\x0b" else "", _ANSI.sub("", text))
        data = None
    if text.isascii():
        return text
    if (repaired := replace_surrogates(text)) is not text:
        text, data = repaired, None
    if _garbled(_outside_ascii(text if data is None else data)):
        lines = text.splitlines(keepends=True)
        for number in _garbled_lines(text, lines):
            lines[number] = ftfy.fix_text(lines[number], _FTFY)
        text = "".join(lines)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _garbled(text: str) -> bool:
    """Whether ``text`` may hold mojibake ftfy repairs: UTF-8 read as cp1252, Latin-1 or Mac
    Roman (:data:`_MOJIBAKE`), or as cp1251 (:data:`_CYRILLIC_MOJIBAKE`)."""
    return any(p.search(text) is not None
               for p in (_MOJIBAKE, _CYRILLIC_MOJIBAKE, _PUNCTUATION_MOJIBAKE))


def _outside_ascii(text: str | bytes) -> str:
    """The runs of ``text``'s characters outside ASCII (``text`` or its UTF-8), one space
    between two runs. Every pattern :func:`_garbled` looks for is made of such characters, so
    it finds one in the runs exactly when it finds one in ``text``: searching 1 KB in place of
    170 KB saves 1.3 ms a page (the runs cost 0.3)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    runs = data.translate(_ASCII_TO_SPACE).split()
    return b" ".join(runs).decode("utf-8", "surrogatepass")


def _garbled_lines(text: str, lines: list[str]) -> list[int]:
    """The numbers of the ``lines`` of ``text`` that :func:`_garbled` holds true of, found in
    one scan of the whole text per pattern: searching each line apart cost 1.5 ms on a
    100 KB page. No match spans two lines (no pattern's character breaks a line but U+0085,
    which ends the line it closes), so a line holds a match exactly when one starts in it."""
    ends = list(accumulate(map(len, lines)))
    return sorted({bisect_right(ends, match.start())
                   for pattern in (_MOJIBAKE, _CYRILLIC_MOJIBAKE, _PUNCTUATION_MOJIBAKE)
                   for match in pattern.finditer(text)})


def _known_codec(name: str | None) -> str | None:
    """The codec a declared charset label names, when it is one web pages can be written in
    (:data:`WEB_ENCODINGS`, Latin-1, ASCII), else None: a label is the page's word, and a page
    may say anything — "base64" or "zlib" (codecs, not encodings: they raised), EBCDIC's cp500
    (garbage), or UTF-16 in a page that is not (browsers read that label as UTF-8; real UTF-16
    is found by its bytes) — so an unusable label is ignored and the bytes decide."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a label holding a NUL
        return None
    codec = _SUPERSETS.get(codec.replace("-", "_"), codec)
    return codec if codec.replace("-", "_") in _DECLARABLE else None


# Labels browsers decode with a superset (WHATWG): GB2312 as GBK, Latin-5 as cp1254, Thai's
# TIS-620 and ISO 8859-11 as cp874.
_SUPERSETS = {"gb2312": "gbk", "iso8859_9": "cp1254", "iso8859_11": "cp874", "tis_620": "cp874"}


# What servers send when nobody configured a charset: a page's own <meta charset> knows better.
_DEFAULT_LABELS = frozenset({"iso8859-1", "ascii", "cp1252"})


def declared_charset(transport: str | None, page: str | None) -> str | None:
    """The declared charset to try first: the transport's (an HTTP header), as browsers do,
    unless it is a server's default Latin-1/ASCII label and the page declares another."""
    if transport is None or _known_codec(transport) is None:
        return page  # a label no page is written in ("utf-16" for cp1250 bytes) says nothing
    page_codec = _known_codec(page)
    if _known_codec(transport) in _DEFAULT_LABELS and page_codec is not None \
            and page_codec not in _DEFAULT_LABELS:
        return page
    return transport


def _bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _unmarked(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` for text in that encoding without a
    byte-order mark, else None.

    Text in a Latin script written as UTF-16 has a NUL in every other byte, all on the same
    side (the high byte of each character): at least a third of the first 8 KiB are NULs, and
    nearly all of them (95 %) at odd offsets (little-endian) or at even ones (big-endian). In
    UTF-32 the two high bytes of each four are NULs (95 % of them), the last two (little-endian)
    or the first two (big-endian), and half the bytes or more are.
    Binary data may have NULs too, but not so evenly; and an array of 16- or 32-bit numbers,
    which may have them as evenly, does not read as text (:func:`_reads_as_text`)."""
    size = min(len(data), 8192)  # whole code units: a cut file ends inside one
    head, wide = data[: size & ~1], data[: size & ~3]
    nuls = head.count(0)
    if len(head) < 16 or nuls < len(head) // 3:
        return None
    quarter, wide_nuls = 0.95 * len(wide) // 4, wide.count(0)
    odd = head[1::2].count(0)
    if wide[2::4].count(0) >= quarter and wide[3::4].count(0) >= quarter \
            and wide_nuls >= len(wide) // 2:
        encoding = "utf-32-le"
    elif wide[0::4].count(0) >= quarter and wide[1::4].count(0) >= quarter \
            and wide_nuls >= len(wide) // 2:
        encoding = "utf-32-be"
    elif odd >= 0.95 * nuls:
        encoding = "utf-16-le"
    elif nuls - odd >= 0.95 * nuls:
        encoding = "utf-16-be"
    else:
        return None
    sampled = min(len(data), _TEXT_SAMPLE)
    sampled -= sampled % code_unit(encoding)  # whole code units
    sample = data[:sampled].decode(encoding, errors="replace")
    return encoding if _reads_as_text(sample) else None


# What breaks writing into words and clauses in any script: white space (ASCII's, no-break and
# ideographic; not Unicode's rarer spaces, which numbers hit as often), and the full stops,
# commas, colons, question and exclamation marks of Latin, CJK, Arabic and Devanagari text.
_BREAK = re.compile("[\t\n\r\f \u00a0\u3000.,;:!?\u3001\u3002\uff0c\uff0e\uff01\uff1f\uff1a\uff1b"
                    "\u060c\u061b\u061f\u0964\u0965]")
_CONTROL_HIGH_LETTER = re.compile("[\u0100-\u09ff]")  # letters whose UTF-16 high byte is 0x01-0x09
_ODD = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def _reads_as_text(sample: str) -> bool:
    """Whether decoded characters look like writing rather than numbers read as characters:
    text in any script breaks into words or clauses (:data:`_BREAK` at least once in 80
    characters: Thai, which spaces phrases only, about once in 50); it uses a small alphabet
    (in a sample of 512 characters or more, at most three in four distinct: Chinese headlines
    about three in five); and almost none of it (5 %) is control codes, private-use code points
    or U+FFFD.
    An array of numbers read as UTF-32 fails the first two: from 200 to 50,000 it has one
    break in about 2,000 characters, and nearly every character is new."""
    if not sample:
        return False
    n = len(sample)
    if len(_BREAK.findall(sample)) * 80 < n or len(_ODD.findall(sample)) * 20 > n:
        return False
    return n < 512 or len(set(sample)) * 4 <= n * 3


def _utf16_among_controls(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a byte-order mark whose letters'
    high bytes are control codes rather than NULs (Cyrillic, Greek, Hebrew, Arabic, Devanagari:
    U+0100 to U+09FF, half the characters or more), which :func:`looks_binary` takes for
    binary; else None. Asked only of data about to be called binary, and only of 128 bytes or
    more (too few breaks to judge below that)."""
    sample = data[: _TEXT_SAMPLE & ~1]
    if len(sample) < 128:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, errors="replace")
        if len(_CONTROL_HIGH_LETTER.findall(text)) * 2 >= len(text) and _reads_as_text(text):
            return encoding
    return None


def wide_encoding(head: bytes) -> str | None:
    """``utf-16``/``utf-32`` (from a byte-order mark) or ``utf-16-le``/``-be``,
    ``utf-32-le``/``-be`` (unmarked, see :func:`_unmarked`) when the bytes starting with
    ``head`` are text in a two- or four-byte encoding, whose lines cannot be split on the byte
    ``\\n``; else None."""
    bom = _bom_encoding(head)
    if bom is not None:
        return bom if bom != "utf-8-sig" else None
    return _unmarked(head)


def _decode_marked(data: bytes) -> tuple[str, str]:
    """Text that starts with a byte-order mark, or is UTF-16 or UTF-32 without one (:func:`_unmarked`),
    decoded strictly; ``("", "")`` otherwise.

    Strict, because random bytes may start with ``FF FE`` too: they fail as UTF-16.
    """
    encoding = _bom_encoding(data) or _unmarked(data)
    if encoding is None:
        return "", ""
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        # a file cut inside its last character (an odd length of UTF-16, half a surrogate
        # pair): the text before it, when it reads as text, not the whole file read as some
        # other encoding's garbage (random bytes after "FF FE" decode as UTF-16 too)
        if exc.end == len(data) and exc.reason in _CUT_REASONS and exc.start > 0:
            try:
                text = data[:exc.start].decode(encoding)
            except UnicodeDecodeError:
                return "", ""
            if len(text) >= _MIN_CUT_TEXT and _reads_as_text(text[:_TEXT_SAMPLE]):
                return text, encoding
        return "", ""


_CUT_REASONS = ("truncated data", "unexpected end of data")
# Characters a cut wide text must hold to be read so: a few random bytes after "FF FE" read as
# two or three characters of anything
_MIN_CUT_TEXT = 32


def _decode(data: bytes, hint: str | None) -> tuple[str, str]:
    """Strict UTF-8, then UTF-8 with a few lines in another encoding, then UTF-8 cut inside
    its last character (unless a charset is declared), then the declared charset, then
    charset-normalizer's best guess."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        error = exc
    declared = _known_codec(hint)
    if declared == "iso8859-1":
        declared = "cp1252"  # as browsers do (WHATWG): pages labelled Latin-1 are cp1252
    mixed = _mostly_utf8(data, declared)
    if mixed is not None:
        return mixed
    if (not declared or declared == "utf-8") and _cut_utf8(data, error):
        return data.decode("utf-8", errors="replace"), "utf-8"  # (a declared charset wins)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    sample = detection_sample(data, _DETECT_BYTES)
    found = "cp1252" if few_letters(data) else guess(sample)
    if found is None and sample != data[:_DETECT_BYTES]:
        # a short page's text alone gave the detector too little: all of its head
        found = guess(data[:_DETECT_BYTES])
    if found is None:
        raise InputRejected("undecodable", "no text encoding fits the bytes")
    return data.decode(found, errors="replace"), found


def _cut_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """Whether ``data`` is UTF-8 cut inside its last character (a file cut short): the only
    error is the last bytes' unfinished character, and characters past ASCII before it
    decoded as UTF-8. After ASCII alone nothing tells a cut from a legacy ending: cp1252's
    "Gruß", "CAFÉ", "touché’" end in what reads as the start of a UTF-8 character."""
    return (exc.reason == "unexpected end of data" and exc.start >= len(data) - 3
            and not data[: exc.start].isascii())


_FEW_LETTERS = 8
_HIGH_BYTES = bytes(range(128, 256))


def high_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are past ASCII."""
    return len(data) - len(data.translate(None, _HIGH_BYTES))


def few_letters(data: bytes) -> bool:
    """Whether ``data`` has too few bytes past ASCII for a detector to tell its encoding (one
    accented word: "café" read as cp1251 is "cafщ"), and cp1252, the Western default browsers
    use for pages that name none, decodes it."""
    return 0 < high_bytes(data) < _FEW_LETTERS and fits(data, "cp1252")


def _mostly_utf8(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """Text that is UTF-8 but for some lines in a legacy encoding (a story pasted together from
    two sources, a feed's items from several systems), each line decoded by itself: UTF-8 where
    it is, else the declared charset, else charset-normalizer's guess for those lines, else
    cp1252. A line that is UTF-8 but for a stray byte or two (Word's apostrophe 0x92 pasted
    into UTF-8 text, :func:`_stray_bytes`) is UTF-8 with those bytes read as cp1252: decoded
    whole in a legacy encoding, its UTF-8 letters were mojibake ("“" → "вЂњ").
    Only when lines that are (mostly) UTF-8 and not ASCII are at least as many as those that
    are not: in a file wholly in a legacy encoding such lines are next to none (cp1252's
    letters seldom form UTF-8 sequences), and it is decoded whole. Decoded whole, such a mix
    was ``undecodable`` (UTF-8's curly quotes hold bytes cp1252 has no letter for) or mojibake.
    None when the text is no such mix."""
    lines = data.split(b"\n")
    found = _legacy_lines(lines)
    if found is None:
        return None
    other, stray = found
    legacy = _legacy_of(lines, other, declared)
    chosen = set(other)
    text = "\n".join(line.decode(legacy, errors="replace") if i in chosen
                     else line.decode("utf-8", errors=_STRAY_BYTE if i in stray else "replace")
                     for i, line in enumerate(lines))
    return text, f"utf-8+{legacy}"


def _legacy_lines(lines: list[bytes]) -> tuple[list[int], set[int]] | None:
    """Which ``lines`` of a text that is mostly UTF-8 are in a legacy encoding and which are
    UTF-8 with stray cp1252 bytes (:func:`_mostly_utf8`); None when the text is no such mix
    (a last line cut inside a UTF-8 character counts as UTF-8)."""
    utf8, other, stray = 0, [], set()
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError as exc:
            if index == len(lines) - 1 and _cut_utf8(line, exc):
                continue
            if _stray_bytes(line):
                utf8 += 1
                stray.add(index)
            else:
                other.append(index)
    if not utf8 or not (other or stray) or len(other) > utf8:
        return None
    return other, stray


def legacy_encoding(parts: list[bytes], other: list[int]) -> str:
    """The encoding of the ``other`` parts (lines; a JSON document's strings) of a text that
    is mostly UTF-8, as :func:`_legacy_of` tells it from them and the UTF-8 parts' letters."""
    return _legacy_of(parts, other, None)


def _legacy_of(lines: list[bytes], other: list[int], declared: str | None) -> str:
    """The encoding of the ``other`` lines of a mostly UTF-8 text, those that are not UTF-8
    (cp1252 when there are none: stray bytes alone): the declared charset, else
    charset-normalizer's guess, else cp1252 — unless another web encoding reads them as
    letters the UTF-8 lines use more (:func:`_likest`)."""
    if not other:
        return "cp1252"
    rest = b"\n".join(lines[i] for i in other)
    # a few letters past ASCII tell no detector anything ("café" read as cp1251 is "cafщ"):
    # then the Western default, as for pages that name no charset
    guessed = None if few_letters(rest) else guess(rest[:_DETECT_BYTES])
    found = next((e for e in (declared, guessed) if e and e != "utf-8" and fits(rest, e)), "cp1252")
    if found == declared:
        return found  # the page's word
    chosen = set(other)
    utf8 = b"\n".join(line for i, line in enumerate(lines) if i not in chosen and not line.isascii())
    return _likest(rest[:_DETECT_BYTES], utf8[:_DETECT_BYTES], found)


_PAST_ASCII_CHAR = re.compile("[^\x00-\x7f]")


def _likest(rest: bytes, utf8: bytes, found: str) -> str:
    """``found``, or the legacy encoding that reads more of ``rest`` as characters past ASCII
    that the ``utf8`` lines of the same text hold, when it reads three in four of them so. A
    detector guesses poorly on the few short lines a mostly UTF-8 text holds in another
    encoding (Polish in cp1250 read as cp1252, "trwaj¹"); the text's own UTF-8 lines say which
    letters it is written in. A line in another script (Russian in cp1251 among French lines,
    whose cp1252 reading shares some letters with French: à, è, î) is left to the detector."""
    used = set(_PAST_ASCII_CHAR.findall(utf8.decode("utf-8", "replace"))) - {"\ufffd"}
    if not used:
        return found
    sample = rest[:_LIKENESS_BYTES]

    def likeness(encoding: str) -> tuple[int, int]:
        """How many of the characters past ASCII ``encoding`` reads the UTF-8 lines use, and
        how many it reads (none when it cannot decode the lines)."""
        try:
            counts = Counter(_PAST_ASCII_CHAR.findall(sample.decode(encoding)))
        except UnicodeDecodeError:
            return 0, 0
        return sum(n for c, n in counts.items() if c in used), counts.total()

    best = max(_LEGACY, key=lambda encoding: likeness(encoding)[0])
    (hits, total), (found_hits, _) = likeness(best), likeness(found)
    return best if hits > found_hits and hits * 4 >= total * 3 else found


_LIKENESS_BYTES = 1 << 14  # enough of the legacy lines to tell their letters


_LONE_SURROGATE = re.compile("[\udc80-\udcff]")
_PAST_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _stray_bytes(line: bytes) -> bool:
    """Whether a line that is not UTF-8 is UTF-8 but for a few stray bytes of cp1252's
    punctuation (0x80-0x9F: Word's curly quotes, dashes and ellipsis pasted into UTF-8 text):
    every byte UTF-8 cannot decode is one of those, they are no more than the characters past
    ASCII it does decode, and at least two such characters are decoded. A
    line in a legacy encoding fails that: its undecodable bytes are letters (0xA0-0xFF in
    cp1251, lead bytes in GBK, Big5 or Shift JIS), and the few UTF-8 sequences its letters
    happen to make ("一带一路" in GBK reads "һ´øһ·") come with many more undecodable bytes."""
    text = line.decode("utf-8", "surrogateescape")  # each undecodable byte a lone surrogate
    bad = _LONE_SURROGATE.findall(text)
    decoded = len(_PAST_ASCII.findall(text))
    return bool(bad) and decoded >= 2 and len(bad) <= decoded \
        and all("\udc80" <= b <= "\udc9f" for b in bad)


def _cp1252_for_stray_bytes(exc: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: the bytes UTF-8 cannot decode read as cp1252 (U+FFFD for the
    five it has no character for). ftfy has no decoder for such bytes (its ``utf-8-variants``
    is CESU-8; ``sloppy-windows-1252`` reads every byte as cp1252)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


# Registered under the package's name: codecs' error handlers are looked up by name only.
_STRAY_BYTE = "storyline.cp1252-stray-byte"
codecs.register_error(_STRAY_BYTE, _cp1252_for_stray_bytes)


# What a declared label may name (Python codec names, "-" read as "_"): the web encodings but
# UTF-16, whose label in a page browsers take for UTF-8, plus the labels servers default to.
_DECLARABLE = (WEB_ENCODINGS - {"utf_16_be", "utf_16_le"}) | {"iso8859_1", "ascii"}
# The legacy encodings a line among UTF-8 ones may be in (cp1252 first: it wins a tie)
_LEGACY = ("cp1252", *sorted(WEB_ENCODINGS - {"cp1252", "utf_8", "utf_16_be", "utf_16_le"}))


def repaired_within(text: str, limit: int, media_type: str | None = None) -> str:
    """``text`` repaired (:func:`repair_text`) and measured against ``limit`` as
    :func:`check_size` measures it (``media_type`` None: as the text sniffs). A text over the
    limit by its length, or a page four times over, is rejected before the repair's own time
    (5 s for 8 MB of mojibake); a page is weighed once repaired (NFC may change its sniff)."""
    page = (media_type or sniff_media_type(text)) == "text/html"
    check_size(text, limit * (4 if page else 1), "text/plain")
    repaired = repair_text(text)
    check_size(repaired, limit, media_type)
    return repaired


def decode_bytes(data: bytes, max_chars: int = 2_000_000, hint: str | None = None,
                 media_type: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to repaired NFC text; returns ``(text, encoding)``.

    ``hint`` is a declared charset (HTTP header, ``<meta charset>``), tried after strict UTF-8.
    Raises :class:`InputRejected` with code ``empty``, ``binary``, ``undecodable`` or ``too_large``
    (over ``max_chars`` characters; a page, ``media_type`` ``text/html`` or a text that sniffs
    as one, is measured without its scripts, styles, comments and inline data:
    :func:`~storyline.ingest.markup.check_size`).
    """
    if len(data) > max_chars * 4:
        raise InputRejected("too_large", f"{len(data)} bytes exceeds the limit of {max_chars} characters")
    text, encoding = decode_text(data, hint)
    text = repair_text(text.lstrip("\ufeff"))
    if not text.strip():
        raise InputRejected("empty", "the input has no content")
    check_size(text, max_chars, media_type)
    return text, encoding


def decode_text(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of ``data`` as :func:`decode_bytes` decodes it, neither repaired
    nor normalised: for a reader that splits the text before its parts are repaired (a CSV
    record into fields; a compound encoding such as ``utf-8+cp1252`` is no codec to decode
    each field with). Raises :class:`InputRejected` ``empty``, ``binary`` or ``undecodable``."""
    text, encoding = _decode_marked(data)
    if text:
        return text, encoding
    if not data.strip():
        raise InputRejected("empty", "the input has no content")
    if not looks_binary(data):
        if data.count(0) > max(1, min(len(data), 8192) // 1000):
            # NULs among text: a writer's padding, or a run beside a blank, dropped; a run
            # between two words (records a NUL apart, find -print0) a line break, not the
            # words run together
            data = _NUL_RUNS.sub(b"\n", _NUL_BY_BLANK.sub(b"", data.strip(b"\0")))
        return _decode(data, hint)
    if (utf16 := _utf16_among_controls(data)) is not None:
        return data.decode(utf16, errors="replace"), utf16
    raise InputRejected("binary", "the input looks like binary data, not text")


def detect_encoding(head: bytes) -> str:
    """The encoding of a stream from its first bytes (for readers that decode line by line).

    Raises :class:`InputRejected` ``binary`` when the head is not text.
    """
    encoding = _bom_encoding(head) or _unmarked(head)
    if encoding is not None:
        return encoding
    if looks_binary(head):
        found = _utf16_among_controls(head)
        if found is None:
            raise InputRejected("binary", "the input looks like binary data, not text")
        return found
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # the sample cut a character in two
    return guess(head) or "utf-8"


def detect_line_encoding(head: bytes, separator: bytes = b"\n") -> tuple[str, str | None]:
    """The encoding of a stream read line by line, from its first bytes, and the encoding of
    its lines that are not in it, if any: ``("utf-8", legacy)`` for a head that is UTF-8 but
    for some lines in a legacy encoding or with stray cp1252 bytes (as :func:`decode_bytes`
    reads such a text whole, :func:`_mostly_utf8`), ``legacy`` the encoding of those lines
    (cp1252 for stray bytes alone); else :func:`detect_encoding`'s answer and None. Detected
    as one encoding, such a head was read as cp1251 or cp1250, its UTF-8 lines mojibake.
    ``separator`` splits the head into the parts judged one by one: lines, or a JSON
    document's strings (split at quotes: minified, a document is one line).

    Raises :class:`InputRejected` ``binary`` when the head is not text."""
    encoding = detect_encoding(head)
    if codecs.lookup(encoding).name.startswith("utf"):  # UTF-8, or a wide encoding
        return encoding, None
    lines = head.split(separator)
    found = _legacy_lines(lines)
    if found is None:
        return encoding, None
    return "utf-8", _legacy_of(lines, found[0], None)
