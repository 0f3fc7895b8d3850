from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.config import Settings
from storyline.errors import InputRejected
from storyline.records import RawDoc

ARTICLE_HTML = """<!doctype html><html><head><title>Harbour reopens after storm | Example News</title>
<meta property="og:site_name" content="Reuters"></head><body><nav>Home | World | Sport</nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour of the coastal town reopened on Tuesday after a storm closed it for three days,
officials said, and fishing boats returned to sea before dawn.</p>
<p>Port authorities said repairs to the breakwater would continue for several weeks while
engineers assess the damage to the northern pier.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def test_clean_html_uses_trafilatura_main_text() -> None:
    doc = clean(RawDoc("page.html", ARTICLE_HTML, "text/html"), Settings())
    assert "breakwater" in doc.text
    assert "Home | World" not in doc.text
    assert doc.outlet == "Reuters"


def test_clean_truncated_html_is_rejected() -> None:
    raw = RawDoc("cut.html", "<html><head><title>Cut</title><script>var x = '", "text/html")
    with pytest.raises(InputRejected) as info:
        clean(raw, Settings())
    assert info.value.code == "truncated_html"


def test_clean_text_doc_id_is_stable_and_text_based() -> None:
    text = "Headline about a meeting in the capital\n\n" + "The two leaders met today. " * 5
    a = clean(RawDoc("a.txt", text, "text/plain"), Settings())
    b = clean(RawDoc("b.txt", text, "text/plain"), Settings())
    assert a.doc_id == b.doc_id
    assert a.title == "Headline about a meeting in the capital"
    assert all(a.text[s:e] for s, e in a.paragraphs)


def test_clean_rejects_too_short_text() -> None:
    with pytest.raises(InputRejected) as info:
        clean(RawDoc("s.txt", "Just a few words.", "text/plain"), Settings())
    assert info.value.code == "too_short"
