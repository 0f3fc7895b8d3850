"""trafilatura's element-selecting XPath expressions, compiled to Python where they fall in a
small subset, for speed.

trafilatura prunes each page with a dozen XPath expressions of one shape: every descendant
whose tag is one of a few and whose ``id``, ``class``, ``style`` or ``role`` matches a pattern
(``.//*[self::div or self::section][re:test(@class, '…') or contains(@style, '…')]``).
libxml2 walks the tree for them slowly, and each EXSLT ``re:test`` calls back into Python per
element: on the 181 pages of the extraction benchmark they took 1.1 s of 4.2 s of cleaning.
The same test written as a Python loop over ``iterdescendants`` is four times faster.

:func:`compile_path` reads an expression of the subset and gives a callable that returns the
same elements in the same (document) order; :func:`speed_up_trafilatura` puts such callables
in place of the expressions in trafilatura's lists (``trafilatura.xpaths``), each only after it
gave the same answer as the expression it replaces on :data:`PROBE_PAGE`. An expression outside
the subset, or one whose answer differs, stays as it is: the subset is an optimisation, never
a change of what trafilatura selects. :func:`restore_trafilatura` puts the originals back.

The subset (XPath 1.0 semantics throughout):

- a path: ``.//NAME`` or ``.//*`` followed by predicates, the last of which may be ``[1]``
  (each parent's first such child); ``(PATH)[1]`` (the first in document order); a union of
  such paths with ``|``;
- in a predicate: ``or``, ``and``, ``not(…)``, parentheses, ``self::NAME``, ``@NAME`` (present),
  ``@A|@B`` (its string is the first present attribute in the element's own order),
  ``… = 'literal'``, ``contains``, ``starts-with``, ``translate``, ``re:test`` (EXSLT, with an
  optional ``'i'`` flag) and ``.//NAME`` (such a descendant exists).

``re:`` is taken for EXSLT's regular expressions, as trafilatura binds it (an XPath object
does not say how its prefixes are bound: the probe check is what refuses an expression bound
otherwise). A compiled path answers only for an element of a page the HTML parser read; any
other context (a comment, an XML tree, whose DTD may give attributes default values that
``get`` returns and ``@x`` does not) goes to the original expression. Attributes are read by
name (``get``, libxml2's own lookup), never all of them: an element of a thousand attributes
costs what one of three does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.html import HtmlElement, fromstring

Selector = Callable[..., Any]

_TOKEN = re.compile(r"""\s*(?:
      (?P<string>'[^']*'|"[^"]*")
    | (?P<number>\d+)
    | (?P<descendant>\.//)
    | (?P<axis>self::)
    | (?P<punct>[()\[\],|=@*])
    | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)
    )""", re.VERBOSE)
_FUNCTIONS = {"contains": 2, "starts-with": 2, "translate": 3, "re:test": 3, "not": 1}


class OutsideSubset(ValueError):
    """The expression uses XPath the subset does not read."""


def _tokens(path: str) -> list[tuple[str, str]]:
    tokens, at = [], 0
    while at < len(path.rstrip()):
        found = _TOKEN.match(path, at)
        if found is None or found.lastgroup is None:
            raise OutsideSubset(f"unread at {at}: {path[at:at + 20]!r}")
        tokens.append((found.lastgroup, found.group(found.lastgroup)))
        at = found.end()
    return tokens


@dataclass
class _Code:
    """The constants (patterns, literals, tables) a path's Python names."""

    constants: dict[str, object] = field(default_factory=dict)

    def constant(self, value: object) -> str:
        name = f"_k{len(self.constants)}"
        self.constants[name] = value
        return name


class _Parser:
    """Recursive descent over the tokens; predicates become Python expressions over ``e``
    (the element) and ``g`` (its ``get``)."""

    def __init__(self, path: str, code: _Code) -> None:
        self.tokens = _tokens(path)
        self.at = 0
        self.code = code

    def peek(self, ahead: int = 0) -> tuple[str, str] | None:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> str:
        token = self.peek()
        if token is None or token[0] != kind or (text is not None and token[1] != text):
            raise OutsideSubset(f"expected {text or kind}, found {token}")
        self.at += 1
        return token[1]

    def taking(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        if token is not None and token[0] == kind and (text is None or token[1] == text):
            self.at += 1
            return True
        return False

    def done(self) -> None:
        if self.peek() is not None:
            raise OutsideSubset(f"left over: {self.tokens[self.at:]}")

    # paths ---------------------------------------------------------------------------------
    def union(self) -> list[_Step]:
        steps = [self.step()]
        while self.taking("punct", "|"):
            steps.append(self.step())
        return steps

    def step(self) -> _Step:
        if self.taking("punct", "("):
            inner = self.union()
            self.take("punct", ")")
            if len(inner) != 1 or inner[0].first:
                raise OutsideSubset("a bracketed path is one plain path")
            self.take("punct", "[")
            if self.take("number") != "1":
                raise OutsideSubset("only [1] after a bracketed path")
            self.take("punct", "]")
            inner[0].first = True
            return inner[0]
        self.take("descendant")
        tag = "*" if self.taking("punct", "*") else self.take("name")
        if ":" in tag:
            raise OutsideSubset("a prefixed element name")
        step = _Step(tag)
        while self.taking("punct", "["):
            if step.first_child:
                raise OutsideSubset("a predicate after [1]")
            token = self.peek()
            if token is not None and token[0] == "number":
                if self.take("number") != "1":
                    raise OutsideSubset("no position but [1]")
                step.first_child = True
            else:
                step.predicates.append(self.or_expr())
            self.take("punct", "]")
        return step

    # predicates ----------------------------------------------------------------------------
    def or_expr(self) -> _Expr:
        parts = [self.and_expr()]
        while self.taking("name", "or"):
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else _Expr("bool", " or ".join(
            f"({p.as_bool()})" for p in parts), tags=_union_tags(parts))

    def and_expr(self) -> _Expr:
        parts = [self.equality()]
        while self.taking("name", "and"):
            parts.append(self.equality())
        return parts[0] if len(parts) == 1 else _Expr("bool", " and ".join(
            f"({p.as_bool()})" for p in parts))

    def equality(self) -> _Expr:
        left = self.value()
        if not self.taking("punct", "="):
            return left
        literal = self.literal()
        if left.kind != "attrs":
            raise OutsideSubset("= compares attributes only")
        constant = self.code.constant(literal)
        return _Expr("bool", " or ".join(f"g({name!r}) == {constant}"
                                         for name in left.names))

    def literal(self) -> str:
        return self.take("string")[1:-1]

    def value(self) -> _Expr:
        token = self.peek()
        if token is None:
            raise OutsideSubset("an expression ends early")
        kind, text = token
        if kind == "punct" and text == "(":
            self.at += 1
            inner = self.or_expr()
            self.take("punct", ")")
            return inner
        if kind == "axis":
            self.at += 1
            name = self.take("name")
            if ":" in name:
                raise OutsideSubset("a prefixed element name")
            return _Expr("bool", f"e.tag == {name!r}", tags=frozenset({name}))
        if kind == "punct" and text == "@":
            return self.attributes()
        if kind == "descendant":
            self.at += 1
            name = self.take("name")
            if ":" in name or self.peek() == ("punct", "["):
                raise OutsideSubset("a descendant test is a bare name")
            return _Expr("bool", f"next(e.iterdescendants({name!r}), None) is not None")
        if kind == "name" and text in _FUNCTIONS and self.peek(1) == ("punct", "("):
            self.at += 2
            return self.function(text)
        raise OutsideSubset(f"unread: {token}")

    def attributes(self) -> _Expr:
        names = []
        while True:
            self.take("punct", "@")
            name = self.take("name")
            if ":" in name:
                raise OutsideSubset("a prefixed attribute")
            names.append(name)
            if not (self.peek() == ("punct", "|") and self.peek(1) == ("punct", "@")):
                return _Expr("attrs", "", names=tuple(names))
            self.at += 1

    def function(self, name: str) -> _Expr:
        if name == "not":
            inner = self.or_expr()
            self.take("punct", ")")
            return _Expr("bool", f"not ({inner.as_bool()})")
        subject = self.value().as_string(self.code)
        arguments = []
        while self.taking("punct", ","):
            arguments.append(self.literal())
        self.take("punct", ")")
        if name == "translate":
            if len(arguments) != 2:
                raise OutsideSubset("translate takes three arguments")
            table = self.code.constant(_translation(*arguments))
            return _Expr("string", f"({subject}).translate({table})")
        if name == "re:test":
            if len(arguments) not in (1, 2):
                raise OutsideSubset("re:test takes two or three arguments")
            flags = re.IGNORECASE if len(arguments) == 2 and "i" in arguments[1] else 0
            pattern = self.code.constant(re.compile(arguments[0], flags))
            return _Expr("bool", f"{pattern}.search({subject}) is not None")
        if len(arguments) != 1:
            raise OutsideSubset(f"{name} takes two arguments")
        literal = self.code.constant(arguments[0])
        if name == "contains":
            return _Expr("bool", f"{literal} in ({subject})")
        return _Expr("bool", f"({subject}).startswith({literal})")


@dataclass
class _Expr:
    """A predicate's part: a Python expression of ``kind`` bool or string, or a set of
    attributes (``names``), whose meaning depends on where it stands."""

    kind: str
    python: str
    names: tuple[str, ...] = ()
    tags: frozenset[str] | None = None  # set when true exactly for elements of these tags

    def as_bool(self) -> str:
        if self.kind == "attrs":
            return " or ".join(f"g({name!r}) is not None" for name in self.names)
        if self.kind == "string":
            return f"({self.python}) != ''"
        return self.python

    def as_string(self, code: _Code) -> str:
        if self.kind == "string":
            return self.python
        if self.kind != "attrs":
            raise OutsideSubset("a string from a test")
        if len(self.names) == 1:
            return f"(g({self.names[0]!r}) or '')"
        return f"_first(e, {code.constant(self.names)})"


def _union_tags(parts: list[_Expr]) -> frozenset[str] | None:
    if all(part.tags is not None for part in parts):
        return frozenset().union(*(part.tags for part in parts if part.tags is not None))
    return None


def _translation(source: str, target: str) -> dict[int, int | None]:
    """XPath's ``translate``: a character maps to the one at its first position in
    ``target``, or is removed when ``target`` is shorter."""
    table: dict[int, int | None] = {}
    for index, char in enumerate(source):
        table.setdefault(ord(char), ord(target[index]) if index < len(target) else None)
    return table


def _first(element: etree._Element, names: tuple[str, ...]) -> str:
    """The string of a union of attributes: the first in document (attribute) order. Each is
    looked up by name (libxml2's own search); the element's attributes are read in order only
    when several are there."""
    present = [value for value in map(element.get, names) if value is not None]
    if len(present) < 2:
        return present[0] if present else ""
    wanted = set(names)
    return next(value for name, value in element.items() if name in wanted)


@dataclass
class _Step:
    tag: str
    predicates: list[_Expr] = field(default_factory=list)
    first_child: bool = False  # a last [1]: each parent's first child that passes
    first: bool = False  # (path)[1]: the first in document order


@dataclass(frozen=True)
class CompiledPath:
    """An XPath expression of the subset as Python; called like ``etree.XPath``."""

    path: str
    select: Callable[[etree._Element], list[etree._Element]]
    original: etree.XPath

    def __call__(self, context: Any, **variables: Any) -> Any:
        # An element of a page the HTML parser read (no comment, no XML tree, whose DTD may
        # give attributes default values that ``get`` returns and XPath's ``@x`` does not)
        if variables or not isinstance(context, HtmlElement):
            return self.original(context, **variables)
        return self.select(context)


def _step_source(step: _Step, index: int) -> str:
    """A step as the source of a function ``_step<index>(context)``."""
    predicates = list(step.predicates)
    tags: tuple[str, ...] | None = None if step.tag == "*" else (step.tag,)
    if tags is None and predicates and predicates[0].tags is not None:
        tags = tuple(sorted(predicates.pop(0).tags or ()))
    walk = f"context.iterdescendants(*{tags!r})" if tags else \
        "context.iterdescendants(_ELEMENT)"
    head = f"def _step{index}(context):\n"
    if not predicates and not step.first_child and not step.first:
        return f"{head}    return list({walk})\n"
    test = " and ".join(f"({p.as_bool()})" for p in predicates) or "True"
    found = "return [e]" if step.first else \
        ("if (parent := e.getparent()) not in parents:\n"
         "                parents.add(parent)\n                out.append(e)"
         if step.first_child else "out.append(e)")
    reads = "        g = e.get\n" if predicates else ""
    return (f"{head}    out = []\n    parents = set()\n"
            f"    for e in {walk}:\n{reads}"
            f"        if {test}:\n"
            f"            {found}\n"
            f"    return out\n")


def compile_path(expression: etree.XPath) -> CompiledPath:
    """The expression as Python; raises :class:`OutsideSubset` for XPath the subset does
    not read."""
    code = _Code()
    parser = _Parser(expression.path, code)
    steps = parser.union()
    parser.done()
    if len(steps) > 1 and all(step.tag != "*" and not step.predicates and not step.first
                              and not step.first_child for step in steps):
        steps = [_Step("*", [_Expr("bool", "", tags=frozenset(s.tag for s in steps))])]
        # (.//cite|.//quote: one walk over both names, in document order)
    source = "".join(_step_source(step, index) for index, step in enumerate(steps))
    namespace: dict[str, Any] = {"_ELEMENT": etree.Element, "_first": _first,
                                 **code.constants}
    exec(compile(source, f"<xpath {expression.path.strip()[:60]}>", "exec"), namespace)
    selects = [namespace[f"_step{index}"] for index in range(len(steps))]
    if len(selects) == 1:
        return CompiledPath(expression.path, selects[0], expression)
    return CompiledPath(expression.path, _union_of(selects), expression)


def _union_of(selects: list[Callable[[etree._Element], list[etree._Element]]]
              ) -> Callable[[etree._Element], list[etree._Element]]:
    def select(context: etree._Element) -> list[etree._Element]:
        found = [found for select in selects for found in select(context)]
        if len(found) < 2:
            return found
        wanted = set(found)
        return [e for e in _elements(context) if e in wanted]
    return select


def _elements(context: etree._Element) -> Iterator[etree._Element]:
    yield from context.iterdescendants(etree.Element)


# Probe markup for the installer's self-check: every subset construct's true and false cases
# for the attributes trafilatura's expressions read. Written for this module; no page's text.
PROBE_PAGE = """<html><body>
<div id="comments" class="post-comments"><p class="comment">a</p></div>
<section class="sidebar widget" role="Navigation"><ul id="commentlist"><li>b</li></ul></section>
<div class="article-body" id="main-content" style="display:none"><h1>T</h1><p>c</p></div>
<div class="share-buttons hidden" aria-hidden="true" data-lp-replacement-content="x"></div>
<article class="post" itemprop="articleBody"><div class="entry">d</div><div class="entry">e</div></article>
<main><span class="byline" id="reply-1">f</span><p style="border: 1px">g</p></main>
<div class="Caption teaser-box" id="Teaser"><header>h</header><div class="caption">i</div></div>
<div class="infinite-scroll"><div class="mvp-post-add-box">j</div></div>
<aside class="elementor-share-buttons"><cite>k</cite><quote>l</quote></aside>
<div id="respond" class="content fulltext"><div hidden class="message akismet">m</div></div>
</body></html>"""

_REPLACED: list[tuple[list[Any], int, etree.XPath]] = []


def speed_up_trafilatura() -> int:
    """Put compiled paths in place of trafilatura's expressions that the subset reads and
    that select the same elements as they do on :data:`PROBE_PAGE`; how many. Idempotent."""
    import trafilatura.xpaths

    if _REPLACED:
        return len(_REPLACED)
    probe = fromstring(PROBE_PAGE)
    for value in vars(trafilatura.xpaths).values():
        if not isinstance(value, list):
            continue
        for index, expression in enumerate(value):
            if not isinstance(expression, etree.XPath):
                continue
            try:
                compiled = compile_path(expression)
                agrees = compiled(probe) == expression(probe)
            except (OutsideSubset, re.error, etree.XPathError):
                continue
            if agrees:
                value[index] = compiled
                _REPLACED.append((value, index, expression))
    return len(_REPLACED)


def restore_trafilatura() -> None:
    """Put trafilatura's own expressions back (benchmarks compare the two)."""
    while _REPLACED:
        value, index, expression = _REPLACED.pop()
        value[index] = expression
