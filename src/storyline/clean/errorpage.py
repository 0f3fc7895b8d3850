"""Pages that are no article: a server's error page ("404 Not Found", "Access Denied") or a bot
check ("Just a moment...", "Are you a robot?") that a scraper saved in place of the story.

Their text reads like prose — "Sorry, the page you are looking for does not exist or has been
moved." — so the extractor and the line filter keep it, and each was stored as an article of
its outlet, dated by its crawl. :func:`error_page` says why a page is one, from its title or
its first line (the page's heading) said whole, or from a bot check's own words; only for a
short text, since an article is longer than any error page and may quote one.
"""

from __future__ import annotations

import re

from storyline.clean.metadata import NAME_PARTS

# Most words an error page or a bot check holds (the longest of the probes: a 404 page with its
# apology and links to the home page and search, about 60). A story about an outage is longer.
MAX_WORDS = 120
_WORD = re.compile(r"\w+")
# A title or heading that is the page's error, said whole: a status ("404", "Error 404", "HTTP
# 403 Forbidden", "500 - Internal Server Error"), a status's words, or a bot check's question.
_STATUS = r"(?:(?:http\s+)?(?:error\s*)?(?:40[0-9]|41[0-9]|429|50[0-9])(?:\s+error)?)"
_WORDS = (
    r"(?:(?:the\s+)?(?:page|file|article|content|story|url|resource)\s+)?(?:was\s+)?not\s+found"
    r"|(?:(?:the|this|that)\s+)?(?:page|content|article|story)\s+(?:is\s+)?"
    r"(?:no\s+longer\s+available|unavailable|not\s+available"
    r"|(?:can['’]t|cannot|could\s+not|couldn['’]t)\s+be\s+found)"
    r"|access\s+(?:denied|forbidden)|forbidden|unauthori[sz]ed|bad\s+request"
    r"|internal\s+server\s+error|service\s+(?:temporarily\s+)?unavailable|bad\s+gateway"
    r"|gateway\s+time-?out|too\s+many\s+requests|request\s+(?:blocked|rejected|denied)"
    r"|(?:site|website|page)\s+(?:is\s+)?(?:down\s+for|under)\s+maintenance"
    r"|just\s+a\s+moment|attention\s+required|security\s+check|checking\s+your\s+browser"
    r"|are\s+you\s+(?:a\s+)?(?:robot|human)|verify\s+you\s+are\s+(?:a\s+)?human|captcha"
    r"|one\s+more\s+step|please\s+wait|(?:unsupported|outdated)\s+browser"
    r"|browser\s+not\s+supported|something\s+went\s+wrong|oops|whoops|error"
)
_ERROR_TITLE = re.compile(
    rf"(?:{_STATUS}(?:\s*[-:–—|.,!]?\s*(?:{_WORDS}))?|(?:(?:oops|whoops|sorry|error)\W*\s*)?"
    rf"(?:{_WORDS}))\W*", re.IGNORECASE)
# A bot check's or a server's own words, which no story prints as its own text
_CHECK_WORDS = re.compile(
    r"enable\s+javascript\s+and\s+cookies\s+to\s+continue|checking\s+if\s+the\s+site\s+"
    r"connection\s+is\s+secure|needs\s+to\s+review\s+the\s+security\s+of\s+your\s+connection"
    r"|performance\s+(?:&|and)\s+security\s+by\s+cloudflare|\bcloudflare\s+ray\s+id\b"
    r"|press\s+(?:&|and)\s+hold\s+to\s+confirm|please\s+complete\s+the\s+security\s+check"
    r"|the\s+requested\s+url\s+(?:\S+\s+)?was\s+not\s+found\s+on\s+this\s+server"
    r"|you\s+don['’]t\s+have\s+permission\s+to\s+access\s+(?:\S+\s+)?on\s+this\s+server"
    r"|we\s+(?:can['’]t|cannot|couldn['’]t|could\s+not)\s+find\s+(?:the|that|this)\s+page"
    r"|the\s+page\s+you\s+(?:are|were|'re)\s+looking\s+for\s+(?:does\s+not|doesn['’]t|could"
    r"\s+not|can(?:not|['’]t))\s+(?:exist|be\s+found)",
    re.IGNORECASE)


def error_page(title: str | None, first_line: str | None, body: str) -> str | None:
    """Why the page is a server's error or a bot check and no article, or None. Only a text of
    :data:`MAX_WORDS` words or fewer is one: its title (a part of it between the site's
    separators, "404 Not Found | Daily Courier") or its first line said whole is an error's
    (:data:`_ERROR_TITLE`), or it holds a bot check's or a server's own words."""
    if len(_WORD.findall(body)) > MAX_WORDS:
        return None
    for label, text in (("title", title), ("heading", first_line)):
        parts = [part.strip() for part in NAME_PARTS.split(text or "") if part.strip()]
        named = next((part for part in parts if _ERROR_TITLE.fullmatch(part)), None)
        if named is not None:
            return f"the page's {label} says it is an error page, not an article: {named[:80]!r}"
    if (found := _CHECK_WORDS.search(body)) is not None:
        return ("the page is a server's error or a bot check, not an article: "
                f"{found.group(0)[:80]!r}")
    return None
