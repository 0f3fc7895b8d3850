"""Error pages and bot checks saved in place of a story are quarantined, not stored as articles."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.errorpage import MAX_WORDS, error_page
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.records import RawDoc

NOT_FOUND = """<html><head><title>404 Not Found | Daily Courier</title></head><body>
<nav>Home News Sport</nav><h1>Page not found</h1>
<p>Sorry, the page you are looking for does not exist or has been moved. It may have been
removed, had its name changed, or is temporarily unavailable.</p>
<p>Please check the address, or go back to our home page to find the latest news.</p>
</body></html>"""
CHECK = """<html><head><title>Just a moment...</title></head><body>
<h1>courier.example</h1><p>Checking if the site connection is secure.</p>
<p>courier.example needs to review the security of your connection before proceeding.</p>
<p>Enable JavaScript and cookies to continue.</p></body></html>"""
DENIED = """<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>
<p>You don't have permission to access "http://courier.example/news/talks" on this server.</p>
<p>Reference #18.5e2f1cb8.1712345678.1a2b3c4d</p></body></html>"""
ROBOT = """<html><head><title>Are you a robot? - Daily Courier</title></head><body>
<p>Our systems have detected unusual traffic from your computer network. Please confirm that
you are a person and not a robot to continue reading the latest news and analysis.</p>
<p>Press &amp; Hold to confirm you are a human (and not a bot).</p></body></html>"""


@pytest.mark.parametrize("page", [NOT_FOUND, CHECK, DENIED, ROBOT])
def test_an_error_page_or_a_bot_check_is_quarantined(page: str) -> None:
    # before: each was stored as an article of its outlet ("Sorry, the page you are looking
    # for does not exist…"), dated by its crawl
    with pytest.raises(InputRejected) as caught:
        clean(RawDoc("page.html", page, "text/html"), Settings())
    assert caught.value.code == "error_page"


def test_a_scraped_error_page_as_text_is_quarantined() -> None:
    text = ("500 Internal Server Error\n\nThe server encountered an internal error and was "
            "unable to complete your request. Please try again later or contact the site's "
            "administrator if the problem persists.")
    with pytest.raises(InputRejected) as caught:
        clean(RawDoc("page.txt", text, "text/plain"), Settings())
    assert caught.value.code == "error_page"


@pytest.mark.parametrize("title", [
    "404 Not Found", "Error 404", "HTTP 403 Forbidden", "500 - Internal Server Error",
    "Page Not Found | Daily Courier", "Oops! That page can't be found.", "Attention Required!",
    "Service Unavailable", "Daily Courier - Access Denied", "Sorry, page not found",
    "The page is no longer available",
])
def test_error_titles(title: str) -> None:
    assert error_page(title, None, "Please try again later.") is not None


@pytest.mark.parametrize("title", [
    "Access to the border denied, say aid workers", "Error-prone referee sent home",
    "Found: the missing painting", "Robots are coming for newsroom jobs", "404 days in prison",
    "Not Found Wanting: a review", "Just a moment of silence for the victims",
])
def test_headlines_that_use_an_errors_words_are_no_error(title: str) -> None:
    brief = ("The ministry said on Tuesday that the decision would be reviewed next week, "
             "after talks with the unions broke down.")
    assert error_page(title, title, brief) is None


def test_a_story_longer_than_any_error_page_is_read_whatever_it_quotes() -> None:
    quoted = ("Readers who clicked the link saw only 'Checking if the site connection is "
              "secure' and 'Enable JavaScript and cookies to continue', the company said. ")
    body = quoted + "The outage lasted two hours and hit banks and airlines. " * 20
    assert len(body.split()) > MAX_WORDS
    assert error_page("Page not found", "Page not found", body) is None
    doc = clean(RawDoc("s.txt", "Outage hits websites worldwide\n\n" + body, "text/plain"),
                Settings())
    assert "Checking if the site connection" in doc.text


BRIEF = ("Police said on Sunday that the search in the hills above the town would resume at "
         "dawn, after a third day in which volunteers and two helicopters covered the valley.")


@pytest.mark.parametrize("title", [
    "Oops!", "Forbidden – review | Film", "Service unavailable", "Missing hiker - not found",
    "Darts - 501", "Something went wrong - Opinion", "Access Denied", "Please wait",
])
def test_errorpage_a_story_under_a_headline_said_like_an_error_is_stored(title: str) -> None:
    # before: the title alone quarantined every short story under it (a brief, a capsule
    # review, a feed entry's summary); the text under it tells of the world, not of the page
    doc = clean(RawDoc("feed.jsonl", BRIEF, "text/plain", meta=(("title", title),)), Settings())
    assert "helicopters" in doc.text


def test_errorpage_a_status_with_its_words_needs_nothing_more() -> None:
    assert error_page("Error 404 | Daily Courier", None, "Whatever you were after is gone.")


def test_errorpage_a_short_story_quoting_a_bot_check_is_stored() -> None:
    # before: the check's words, quoted by a brief on an outage, quarantined it
    brief = ("Thousands of websites went dark on Tuesday, showing visitors only 'Checking if "
             "the site connection is secure' before failing, the company said. The fault was "
             "fixed by noon.")
    doc = clean(RawDoc("s.txt", "Outage hits websites\n\n" + brief, "text/plain"), Settings())
    assert "went dark" in doc.text
