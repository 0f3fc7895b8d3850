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

from storyline.clean.outlets import NAME_PARTS

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
# A status said with its words ("404 Not Found", "Error 404", "HTTP 403"), which no headline is;
# a number alone ("Darts - 501") or the words alone ("Oops!") need the text to agree
_CODED = re.compile(rf"(?=.*\d)(?=.*[^\W\d_]){_ERROR_TITLE.pattern}", re.IGNORECASE)
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
# What an error page or a bot check tells its reader about the page, the site or the reader's
# own request, beside its title: an apology, a way back, the browser, the server. A story under
# a headline said like an error's ("Oops!", "Forbidden – review", "Service unavailable", "Missing
# hiker - not found") tells of the world instead, so a title or heading alone tells nothing.
_ERROR_TALK = re.compile(
    r"(?:^|\n)\W*sorry\b|we['’]re\s+sorry|we\s+apologi[sz]e|try\s+again|home\s*page"
    r"|previous\s+page|return\s+to\s+(?:the\s+)?(?:home|main|front)\b|at\s+this\s+location"
    r"|try\s+(?:one\s+of\s+the\s+links|(?:a|the|our)\s+search)|(?:refresh|reload)\s+the\s+page"
    r"|(?:this|that|requested)\s+(?:page|link|url|web\s*address|resource)\b"
    r"|the\s+(?:page|link|url|web\s*address)\s+you\b|(?:this|our)\s+(?:site|website)\b(?!['’]s)"
    r"|your\s+(?:browser|connection|request|ip\b|network|computer|device|country|region)"
    r"|javascript|enable\s+js\b|ad\s*-?\s*blocker"
    r"|(?:enable|allow|accept)\w*\s+(?:\w+\s+)?cookies|on\s+this\s+server|internal\s+server\s+error"
    r"|the\s+server\s+(?:is|was|encountered|could|can(?:not|['’]t))|you\s+(?:do\s+not|don['’]t)"
    r"\s+have\s+permission|not\s+a\s+(?:robot|bot)\b|(?:verify|confirm)\s+(?:that\s+)?you\s+are"
    r"|(?:ray|reference)\s*(?:#|id\b|number)|error\s+code|(?:will\s+be|being)\s+redirected"
    r"|check\s+the\s+(?:address|url|spelling)|(?:we['’]ll|we\s+will)\s+be\s+back"
    r"|(?:page|url|link|content|article|resource|it|for)\s+(?:(?:may|might)\s+)?(?:has|have)\s+"
    r"(?:been\s+)?"
    r"(?:moved|removed|deleted|renamed|expired)|(?:page|url|link|content|article)\s+(?:you\s+"
    r"(?:are|were)\s+looking\s+for\s+|you\s+requested\s+)?(?:does\s+not|doesn['’]t|no\s+longer)"
    r"\s+exist|please\s+wait",
    re.IGNORECASE)

# A quotation: a story quoting what readers saw ("showed 'Checking if the site connection is
# secure'") or what a firm said ("We apologise," the bank said). An error page does not quote
# its own words. Apostrophes inside words ("don't") open and close none.
_QUOTED = re.compile(r"(?<!\w)(?:\"[^\"\n]*\"|“[^”\n]*”|['‘](?:[^'’\n]|['’](?=\w))*?['’](?!\w))")


def error_page(title: str | None, first_line: str | None, body: str,
               words: int | None = None) -> str | None:
    """Why the page is a server's error or a bot check and no article, or None. Only a text of
    :data:`MAX_WORDS` words or fewer is one: its title (a part of it between the site's
    separators, "404 Not Found | Daily Courier") or its first line said whole is an error's
    (:data:`_ERROR_TITLE`) and, unless it gives a status with its words, the rest of the text
    talks as an error page does (:data:`_ERROR_TALK`); or it holds a bot check's or a server's
    own words, not in quotation marks. ``words``: the body's count of words (runs of word
    characters), when the caller has it."""
    if (len(_WORD.findall(body)) if words is None else words) > MAX_WORDS:
        return None
    # a headline may read like an error's ("Oops!", "Forbidden – review"); the text under it
    # says which it is. Paragraphs said whole as an error's (the heading) do not vouch for it.
    unquoted = _QUOTED.sub(" ", body)
    rest = "\n\n".join(p for p in unquoted.split("\n\n")
                       if not _ERROR_TITLE.fullmatch(p.strip()))
    talks = _ERROR_TALK.search(rest) is not None
    for label, text in (("title", title), ("heading", first_line)):
        parts = [part.strip() for part in NAME_PARTS.split(text or "") if part.strip()]
        named = next((part for part in parts if _ERROR_TITLE.fullmatch(part)
                      and (talks or _CODED.fullmatch(part))), None)
        if named is not None:
            return f"the page's {label} says it is an error page, not an article: {named[:80]!r}"
    if (found := _CHECK_WORDS.search(unquoted)) is not None:
        return ("the page is a server's error or a bot check, not an article: "
                f"{found.group(0)[:80]!r}")
    return None
