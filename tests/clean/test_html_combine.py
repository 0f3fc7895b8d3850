from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.combine import (
    CandidateLine,
    CombineOptions,
    choose_lines,
    credit_reason,
    is_interface_line,
    merge_passes,
    sort_lines,
    title_overlap,
)
from storyline.clean.expand import (
    restore_bare_paragraphs,
    restore_body_runs,
    restore_notes,
    restore_split_article,
)
from storyline.clean.html import extract_html
from storyline.errors import InputRejected

FLOOD = ("Flooding closed the coastal road on Monday after two days of heavy rain, officials "
         "said, and drivers were sent back towards the valley.")
LANE = ("Engineers expect to reopen one lane by Thursday once the water recedes and the surface "
        "has been checked for damage along the sea wall.")
ROUTE = ("Residents were advised to use the inland route through the valley until further notice, "
         "and the bus company added two extra services.")
PAGE = f"""<!doctype html><html><head><title>Storm closes the coastal road | Example Gazette
</title></head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Storm closes the coastal road</h1><p>{FLOOD}</p>
<p>Related: Council promises new flood barriers</p><p>{LANE}</p><p>{ROUTE}</p>
<p>Read more: How the sea wall was built</p></article>
<footer>Copyright Example Gazette. All rights reserved.</footer></body></html>"""


def _both(*texts: str) -> list[CandidateLine]:
    return [CandidateLine(t, True, True) for t in texts]


def test_merge_passes_marks_where_each_line_came_from() -> None:
    merged = merge_passes(f"{FLOOD}\n{ROUTE}", f"{FLOOD}\n{LANE}\n{ROUTE}\nShare this story")
    assert merged == [CandidateLine(FLOOD, True, True), CandidateLine(LANE, False, True),
                      CandidateLine(ROUTE, True, True),
                      CandidateLine("Share this story", False, True)]


def test_merge_passes_treats_two_renderings_of_a_paragraph_as_one() -> None:
    merged = merge_passes(f"| {FLOOD}", f"{FLOOD}")
    assert merged == [CandidateLine(FLOOD, True, True)]


def test_title_overlap_and_interface_lines() -> None:
    assert title_overlap("Storm closes the coastal road", "Storm closes the coastal road | "
                         "Example Gazette") == 1.0
    assert title_overlap(FLOOD, "Storm closes the coastal road") < 0.2
    assert title_overlap(FLOOD, "Storm closes the coastal road", max_words=10) == 0.0
    assert is_interface_line("Read more: How the sea wall was built")
    assert not is_interface_line("Share prices fell sharply on Monday.")
    assert not is_interface_line("- Sign up for the bus company's alerts")


def test_choose_lines_drops_headline_and_teasers() -> None:
    lines = _both("Storm closes the coastal road", FLOOD, "Related: Council promises barriers",
                  LANE, "Read more: How the sea wall was built")
    assert choose_lines(lines, "Storm closes the coastal road | Example Gazette") == [FLOOD, LANE]


@pytest.mark.parametrize("line", [
    "Share prices tumble", "Comments from the regulator", "Print and media stocks hit",
    "| Share of vote | 34.2% | 31.0% |", "| Comments received by commission | 312 |",
])
def test_subheads_and_table_rows_that_use_interface_words_are_kept(line: str) -> None:
    assert not is_interface_line(line)


@pytest.mark.parametrize("line", [
    "Comments", "Related stories", "Pick Six Newsletter", "Related post: Pickled sprouts recipe",
    "Subscribe to the Morning Review newsletter", "More from the BBC", "Follow us on Twitter",
    "Share this story", "Share story", "Related coverage", "More from Example Gazette",
    "Share Tweet Email", "Read more from the BBC",
    # a label pointing at another page, then that page's headline, sentence or not
    "ALSO READ: Heatwave pushes temperatures to 44C in Athens as the Acropolis closes again",
    "Read more: What is in the $95bn aid package?", "See also: Why the port strike matters.",
    "Most read: Police arrest 40 after clashes in the capital",
])
def test_interface_words_used_as_interface(line: str) -> None:
    assert is_interface_line(line)


@pytest.mark.parametrize("line", [
    "Read the full statement on the council's website.", "Watch the sea wall repairs live.",
    "Related charges were dropped against two of the men: the court said the evidence was weak.",
])
def test_pointing_words_in_a_sentence_are_not_a_pointer(line: str) -> None:
    assert not is_interface_line(line)


def test_sort_lines_says_what_it_left_out_and_keeps_a_key_point() -> None:
    lines = _both("Storm closes the coastal road", "- Storm closes the coastal road", FLOOD,
                  "Related: Council promises barriers", LANE)
    kept, dropped = sort_lines(lines, "Storm closes the coastal road | Example Gazette")
    assert kept == ["- Storm closes the coastal road", FLOOD, LANE]
    assert dropped == [("Storm closes the coastal road", "title"),
                       ("Related: Council promises barriers", "interface")]


def test_choose_lines_falls_back_to_recall_when_precise_pass_kept_too_little() -> None:
    lines = [CandidateLine("This copy is for your personal use only.", True, True),
             CandidateLine(FLOOD, False, True), CandidateLine(LANE, False, True)]
    assert choose_lines(lines, None) == ["This copy is for your personal use only.", FLOOD, LANE]
    strict = CombineOptions(min_precise_share=0.0)
    assert choose_lines(lines, None, strict) == ["This copy is for your personal use only."]


def test_extract_html_combines_passes_on_a_small_page() -> None:
    extract = extract_html(PAGE)
    assert extract.text.splitlines() == [FLOOD, LANE, ROUTE]
    assert extract.title is not None and extract.title.startswith("Storm closes")


def test_restore_split_article_adds_sibling_blocks() -> None:
    extra = [f"Paragraph {n} of the second block describes the repairs along the sea wall in "
             f"some detail." for n in ("one", "two", "three")]
    block = '<div class="story-body"><p>{}</p><p>{}</p><p>{}</p></div>'
    html = (f'<html><body><main class="story">{block.format(FLOOD, LANE, ROUTE)}'
            f'<div class="advert"><p>Advertisement</p></div>{block.format(*extra)}'
            f'<div class="teaser"><p>{extra[0]} And more.</p></div></main></body></html>')
    assert restore_split_article(html, [FLOOD, LANE, ROUTE]) == [FLOOD, LANE, ROUTE, *extra]


def test_restore_split_article_leaves_an_unsplit_page_alone() -> None:
    html = (f'<html><body><div class="story-body"><p>{FLOOD}</p><p>{LANE}</p><p>{ROUTE}</p>'
            '<p>About the author: a reporter who covers the coast for the paper.</p></div>'
            '</body></html>')
    assert restore_split_article(html, [FLOOD, LANE, ROUTE]) == [FLOOD, LANE, ROUTE]


def test_restore_bare_paragraphs_puts_back_sentences_set_without_a_p() -> None:
    bare = "Construction is due to start in 2026, the council leader told reporters on Monday."
    caption = "Workers on the sea wall during the storm, in a picture taken on Monday."
    teaser = "Read the council's full statement on the storm and the repairs to the wall."
    html = (f"<html><body><article><div>{teaser} It was published on Sunday night.</div>"
            f"<p>{FLOOD}</p><div>{bare}</div><div class='image-caption'>{caption}</div>"
            f"<p>{LANE}</p><div><span>Short bare text.</span></div><p>{ROUTE}</p>"
            f"<div>{teaser}</div></article></body></html>")
    assert restore_bare_paragraphs(html, [FLOOD, LANE, ROUTE]) == [FLOOD, bare, LANE, ROUTE]
    # a call for donations or sign-ups set between paragraphs is no paragraph of the story
    appeal = "If you value our reporting, please consider supporting the paper with a donation."
    html = (f"<html><body><article><p>{FLOOD}</p><div class='support-cta'>{appeal}</div>"
            f"<p>{LANE}</p></article></body></html>")
    assert restore_bare_paragraphs(html, [FLOOD, LANE]) == [FLOOD, LANE]
    # inside a paragraph or a list item the extractor dropped, text stays dropped
    html = (f"<html><body><article><p>{FLOOD}</p><ul><li><div>{bare}</div></li></ul>"
            f"<p>{LANE}</p></article></body></html>")
    assert restore_bare_paragraphs(html, [FLOOD, LANE]) == [FLOOD, LANE]


def test_extract_html_keeps_a_paragraph_set_as_a_bare_div() -> None:
    bare = "Construction is due to start in 2026, the council leader told reporters on Monday."
    html = (f"<html><head><title>Storm closes the coastal road</title></head><body><nav>Home | "
            f"News</nav><article><h1>Storm closes the coastal road</h1><p>{FLOOD}</p>"
            f"<div>{bare}</div><p>{LANE}</p><p>{ROUTE}</p></article></body></html>")
    assert extract_html(html).text.splitlines() == [FLOOD, bare, LANE, ROUTE]


def test_restore_body_runs_puts_back_text_set_bare_in_the_article_body() -> None:
    # the page marks its body and sets its paragraphs as bare text between empty <div>s and
    # <br>s; the extractor kept the first run only
    caption = "Workers on the sea wall during the storm, in a picture taken on Monday."
    html = (f"<html><body><div itemprop='articleBody'>{FLOOD}<div class='spacer'></div>"
            f"{LANE}<br><span class='image'><img src='x.jpg'>{caption}</span><br>"
            f"{ROUTE.replace('bus company', '<a href=/bus>bus company</a>')}<br>Share"
            "</div></body></html>")
    assert restore_body_runs(html, [FLOOD]) == [FLOOD, LANE, ROUTE]
    assert restore_body_runs(html, [FLOOD, LANE, ROUTE]) == [FLOOD, LANE, ROUTE]
    # nothing before the first line the extraction kept from the body
    assert restore_body_runs(html, [ROUTE]) == [ROUTE]
    # two elements claim to be the body: the page says nothing sure
    twice = html.replace("</body>", f"<div itemprop='articleBody'>{LANE}</div></body>")
    assert restore_body_runs(twice, [FLOOD]) == [FLOOD]
    # a body of <p>s: its runs are whitespace, nothing to add
    html = (f"<html><body><div itemprop='articleBody'><p>{FLOOD}</p>\n<p>{LANE}</p>"
            "</div></body></html>")
    assert restore_body_runs(html, [FLOOD, LANE]) == [FLOOD, LANE]
    # bare text between two <p>s of the body is put back after the first
    bare = "Construction is due to start in 2026, the council leader told reporters on Monday."
    html = (f"<html><body><div itemprop='articleBody'><p>{FLOOD}</p>{bare}<p>{LANE}</p>"
            "</div></body></html>")
    assert restore_body_runs(html, [FLOOD, LANE]) == [FLOOD, bare, LANE]


def test_the_headline_set_after_a_block_of_text_is_still_the_headline() -> None:
    title = "Storm closes the coastal road"
    html = (f"<html><head><title>{title}</title></head><body><div id='content'><h1>{title}</h1>"
            f"<div class='story'>{FLOOD}<br><br>{LANE}</div><p>{ROUTE}</p></div></body></html>")
    extract = extract_html(html)
    assert extract.text.splitlines() == [FLOOD, LANE, ROUTE]
    assert (title, "title") in extract.dropped


def test_restore_notes_puts_back_a_correction_set_apart() -> None:
    note = "Correction: An earlier version of this story gave the wrong length for the wall."
    html = (f'<html><body><header><p>Correction: see our corrections page for '
            f'every change we made to our stories.</p></header><article><p>{FLOOD}</p><p>{LANE}</p>'
            f'<aside class="correction"><p>{note}</p></aside><p>{ROUTE}</p></article>'
            '<p>Correction: our policy on corrections is explained on a page of its own, here.</p>'
            + "<p>Other stories from the coast this week.</p>" * 6 + "</body></html>")
    restored, added = restore_notes(html, [FLOOD, LANE, ROUTE])
    assert restored == [FLOOD, LANE, note, ROUTE] and added == [note]
    # already there, or no article paragraph found: nothing added
    assert restore_notes(html, [FLOOD, LANE, note, ROUTE])[1] == []
    assert restore_notes(html, ["A line the page does not hold at all."])[1] == []


def test_restore_notes_reaches_a_note_after_the_body_inside_its_article() -> None:
    note = "Editor's note: This story was updated to correct the name of the harbour master."
    for wrap in ("aside", "footer", "div"):
        html = (f'<html><body><article><div class="body"><p>{FLOOD}</p><p>{LANE}</p>'
                f'<p>{ROUTE}</p></div><{wrap}><p>{note}</p></{wrap}></article>'
                "<p>Editor's note: read how our newsroom corrects its stories, here.</p>"
                "</body></html>")
        restored, added = restore_notes(html, [FLOOD, LANE, ROUTE])
        assert restored == [FLOOD, LANE, ROUTE, note] and added == [note], wrap
    bare = (f'<html><body><article><div class="body"><p>{FLOOD}</p><p>{LANE}</p><p>{ROUTE}</p>'
            f'</div><aside class="note">{note}</aside><section class="comments"><div>'
            "Editor's note: comments are closed on this story after seven days.</div></section>"
            "</article></body></html>")
    assert restore_notes(bare, [FLOOD, LANE, ROUTE]) == ([FLOOD, LANE, ROUTE, note], [note])
    # a reader's comment or a related story's teaser in the same <article> is not the story's
    comment = "Update: I rang the council again today and nobody there could tell me anything."
    teaser = "Correction: Council reverses its decision on weekly bin collections after protests"
    html = (f'<html><body><article><div class="body"><p>{FLOOD}</p><p>{LANE}</p><p>{ROUTE}</p>'
            f'</div><section class="comments"><p>{comment}</p></section>'
            f'<aside class="related"><p>{teaser}</p></aside></article></body></html>')
    assert restore_notes(html, [FLOOD, LANE, ROUTE])[1] == []
    # with no <article>, a note outside the element holding the body stays out
    html = (f'<html><body><div class="body"><p>{FLOOD}</p><p>{LANE}</p><p>{ROUTE}</p></div>'
            f"<aside><p>{note}</p></aside></body></html>")
    assert restore_notes(html, [FLOOD, LANE, ROUTE])[1] == []


_MARKUP = st.lists(st.sampled_from(["<p>", "</p>", "<div class='a'>", "</div>", "<h1>", "</h1>",
                                    "<br>", "Read more: ", "Storm closes the road. ", FLOOD,
                                    "<script>var x = 1;</script>", "&amp;", "\x00", "é"]),
                   max_size=40)


@settings(max_examples=25, deadline=None)
@given(_MARKUP)
def test_extract_html_raises_only_input_rejected_and_is_deterministic(parts: list[str]) -> None:
    html = "<html><body>" + "".join(parts) + "</body></html>"
    try:
        first = extract_html(html)
    except InputRejected:
        return
    assert extract_html(html) == first
    assert first.text.strip()


def test_merge_passes_pairs_a_huge_disagreeing_block_by_exact_words() -> None:
    # 600 x 701 lines that difflib cannot align: past 250,000 pairs only lines with the same
    # words pair, by lookup (comparing every pair made 100,000 unclosed paragraphs take 82 s).
    words = ("of the precise pass about the harbour and its northern pier closed since the winter "
             "storm damaged three sections of breakwater near town")
    precise = [f"Paragraph {n} {words}." for n in range(600)]
    near_twin = f"Paragraph 1 {words.replace('winter', 'spring')}"  # 0.92 of its words shared
    recall = [f"paragraph {n} {words.upper()}" for n in range(0, 600, 2)] + [near_twin] + [
        f"Another line {n} only recall has." for n in range(400)]
    merged = merge_passes("\n".join(precise), "\n".join(recall))
    both = [line for line in merged if line.precise and line.recall]
    assert len(both) == 300 and len(merged) == 600 + 401
    assert [line.recall and not line.precise for line in merged if line.text == near_twin] == [True]


@pytest.mark.parametrize(("line", "reason"), [
    ("(Photo by Chris McGrath/Getty Images)", "photo_credit"),
    ("Image copyright AFP", "photo_credit"),
    ("Kabul, Afghanistan. Photo: AFP", "photo_credit"),
    ("Credit: Jane Doe for The Daily Planet", "photo_credit"),
    ("© Reuters", "photo_credit"),
    ("© 2019 Associated Press. All Rights Reserved. This material may not be published.", "legal"),
    ("© Example Media Ltd.", "legal"), ("© Guardian News & Media Limited", "legal"),
    # headlines and sentences that only use the words
    ("Getty Images sues an AI start-up", None),
    ("Photos: Storm batters the coast", None),
    ("Copyright law", None),
    ("The ruling limits platforms' liability for copyright infringement.", None),
    ("The estate accused the studio of infringing its copyright by copying the melody.", None),
    ("A Reuters photo shows the tanker ablaze off the coast.", None),
    ("AP photos show the damage in the town.", None),
    ("Big picture: the economy is slowing faster than expected.", None),
    ("Credit: the central bank tightened lending again in March.", None),
    ("The price was ©10 per share.", None),
    ("The company said all rights reserved under the 1998 contract would revert.", None),
    ("(c) 2021 funding for rural hospitals would be cut by half.", None),
])
def test_credits_and_notices_inside_the_article(line: str, reason: str | None) -> None:
    assert credit_reason(line) == reason


def test_a_credit_inside_the_article_is_dropped_into_the_audit() -> None:
    page = ("<html><body><article><p>" + "The port reopened on Tuesday after the storm, officials "
            "said, and boats returned to sea. " * 3 + "</p><p>(Photo by Jane Doe/Getty Images)</p>"
            "<p>" + "Repairs to the breakwater will continue for weeks, engineers said. " * 3
            + "</p></article></body></html>")
    found = extract_html(page)
    assert "Getty" not in found.text and "breakwater" in found.text
    assert ("(Photo by Jane Doe/Getty Images)", "photo_credit") in found.dropped
