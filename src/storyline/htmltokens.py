"""HTML read as an HTML5 tokenizer reads it, by one pattern: the cleaner cuts crowded start
tags with it (:func:`storyline.clean.html.slim_tags`), the readers weigh a page without its
scripts, styles, comments and inline data (:func:`storyline.ingest.markup.page_weight`)."""

from __future__ import annotations

import re

# A page read as an HTML tokenizer reads it (HTML5's rules, which libxml2 2.14 follows):
# comments, bogus ones and end tags; raw-text elements (script, style, textarea, ...), in
# which nothing is a tag (not noscript: libxml2 parses its content); start
# tags, in which a quote opens a value only right after "=", "<" is a name or value character
# and an unquoted value or an unterminated quote runs on (to the end, for a quote). Text is
# what lies between (no token, so no call for it). Every alternative that starts to match
# succeeds (but for a raw-text tag closed by "/>", read again as a start tag) and every
# quantifier is possessive, so one pass is linear in the page, whatever it holds.
SPACE = "[\t\n\f\r ]"  # HTML's white space (not Python's \\s, which has Unicode's)
ATTRIBUTE = (r"""(?:=|[^\t\n\f\r />=])[^\t\n\f\r />=]*+"""
             rf"""(?:{SPACE}*+={SPACE}*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^\t\n\f\r >]*+))?+""")
ATTRIBUTES = rf"(?:[\t\n\f\r /]++|{ATTRIBUTE})*+"
# A raw-text element's: a "/" right before its ">" closes it (libxml2 reads "<script/>" and
# '<script a="b" />' as empty elements, the markup after them as markup; "<script a=b/>" has
# the value "b/" and opens one, as HTML5 does)
RAW_ATTRIBUTES = rf"(?:(?:{SPACE}|/(?!>))++|{ATTRIBUTE})*+"
RAW_TEXT = "script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext"
# What libxml2 passes over up to the first ">", quotes or not: "<!x ...>", "<![CDATA[", "<?php",
# "</ x>" (HTML5's bogus comments); an end tag, to its ">" past quoted values ("</x a='>'>").
# Read as text, the "<script>" in "<!<script>" or "</x<script>" hid the tags after it from
# slim_tags while libxml2 parsed them (a tag of 80,000 attributes: 53 s).
BOGUS = r"<[!?][^>]*+(?:>|\Z)|</(?:[^A-Za-z>][^>]*+)?(?:>|\Z)"
END_TAG = rf"</[A-Za-z][^\t\n\f\r />]*+{ATTRIBUTES}(?:>|\Z)"
# A script's text, as HTML5 reads it (and libxml2 2.14 with it): after "<!--" it is
# "escaped", where "-->" goes back and "</script" ends it as ever, but "<script" makes it
# "double escaped", where "</script" only goes back to escaped ("<!--<script></script>" does
# not end the script) and "-->" to plain text. Each piece stops where a state changes.
_SCRIPT_END = r"</script(?=[\t\n\f\r />])"
_PLAIN = r"(?:[^<]++|<(?!/script[\t\n\f\r />]|!--))*+"
_ESCAPED = r"(?:[^<-]++|-(?!->)|<(?!/?script[\t\n\f\r />]))*+"
_DOUBLE = r"(?:[^<-]++|-(?!->)|<(?!/script[\t\n\f\r />]))*+"
SCRIPT_BODY = (
    rf"{_PLAIN}(?:<!--(?:-*+>|{_ESCAPED}"
    rf"(?:<script(?=[\t\n\f\r />]){_DOUBLE}(?:{_SCRIPT_END}{_ESCAPED}|(?=-->)))*+"
    rf"(?:-->)?+){_PLAIN})*+")
# (every alternative opens with a literal "<", which the engine searches for: a group around
# one, "(?P<end></...)", made it try every character, ten times slower on text; a raw-text
# tag closed by "/>" fails its alternative after its attributes and is read by the last one)
COMMENT = r"<!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>|\Z))"  # "<!-->" and "--!>" end one too
TOKEN = re.compile(
    rf"{COMMENT}"
    rf"|<(?P<end>{END_TAG[1:]})|{BOGUS}"
    rf"|<(?P<raw>(?P<script>script)|{RAW_TEXT.removeprefix('script|')})(?=[\t\n\f\r />])"
    rf"(?P<raw_attributes>{RAW_ATTRIBUTES})(?:>|\Z)"
    rf"(?P<raw_body>(?(script){SCRIPT_BODY}|(?:[^<]++|<(?!/(?P=raw)[\t\n\f\r />]))*+))"
    rf"|<(?P<name>[A-Za-z][^\t\n\f\r />]*+)(?P<attributes>{ATTRIBUTES})(?:>|\Z)",
    re.IGNORECASE | re.ASCII)

# A data: URI's payload (group 1), after its media type and parameters and the comma, up to
# the quote, blank or ")" (in a style's url()) that ends it: an image or font a page carries in
# its own markup. Base64 may be wrapped in lines (browsers read it so): its blanks are its own.
# For attribute values and tags only: in a text, "data:," would run on over its words.
DATA_URI = re.compile(r"\bdata:[\w.+/-]{0,100}(?:;[\w.+=-]{1,100})*,"
                      r"((?<=;base64,)[A-Za-z0-9+/=\s]*|[^\s\"')]*)", re.IGNORECASE | re.ASCII)

__all__ = ["ATTRIBUTE", "ATTRIBUTES", "BOGUS", "COMMENT", "DATA_URI", "END_TAG", "RAW_ATTRIBUTES",
           "RAW_TEXT", "SCRIPT_BODY", "SPACE", "TOKEN"]
