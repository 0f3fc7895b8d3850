"""Hard-wrapped plain text joined back into whole lines (storyline.clean.unwrap).

Every text here is invented."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean import clean
from storyline.clean.unwrap import unwrap, wrap_width
from storyline.config import Settings
from storyline.records import RawDoc

PARAGRAPHS = [
    "The number of people killed by the storm that struck the northern coast on Sunday has "
    "risen to 47, the national disaster agency said on Wednesday, as rescue teams reached "
    "villages that had been cut off for three days.",
    "Officials warned that the figures were likely to rise because communications with several "
    "islands had not been restored, and said army helicopters had dropped food and water to "
    "around 3,000 people stranded on hillsides above the flooded plain.",
    "The prime minister is expected to visit the worst-hit district on Friday, her office said, "
    "and will meet the families of those who are still missing after the floods.",
]


def _wrapped(width: int = 72, separator: str = "\n\n") -> str:
    return separator.join(textwrap.fill(p, width) for p in PARAGRAPHS)


def test_wrapped_paragraphs_are_joined_whole() -> None:
    for width in (60, 72, 80):
        assert unwrap(_wrapped(width)).split("\n\n") == PARAGRAPHS


def test_list_items_keep_their_own_lines_and_their_hanging_indent_is_joined() -> None:
    text = (textwrap.fill(PARAGRAPHS[0], 72) + "\n\nThe agency listed its priorities:\n\n"
            "- restoring the power supply to the hospitals in Northmarch and Lower\n"
            "  Fen, which have been running on generators since Sunday night;\n"
            "- reopening the coastal road so that lorries can bring supplies to the\n"
            "  islands;\n- finding the 25 people who are still missing.\n\n"
            + textwrap.fill(PARAGRAPHS[1], 72))
    lines = unwrap(text).split("\n")
    assert "- restoring the power supply to the hospitals in Northmarch and Lower Fen, which " \
           "have been running on generators since Sunday night;" in lines
    assert "- finding the 25 people who are still missing." in lines
    assert PARAGRAPHS[0] in lines and PARAGRAPHS[1] in lines


def test_a_hyphen_at_a_wrap_joins_the_compound() -> None:
    text = "\n".join(["The council said the long-awaited flood defences along the well-",
                      "known promenade would be finished by the spring, after the storm that",
                      "damaged the old sea wall in two places last winter and flooded the",
                      "harbour road for the third time in ten years, the engineers said on",
                      "Monday, and that the cost had risen by a fifth since the plans were",
                      "first drawn up by the county's engineers four years ago."])
    assert "well-known promenade" in unwrap(text)


def test_unwrapped_text_layouts_are_left_alone() -> None:
    headlines = "\n".join([
        "Ferry timetable changes announced for the coming winter season",
        "Council approves new bicycle lanes along the whole of the seafront",
        "Local bakery wins the regional bread award for the third year running",
        "Police appeal for witnesses after a lorry overturns on the bypass",
        "School inspectors praise the new headteacher of the village primary",
        "Museum reopens its maritime gallery after two years of restoration",
    ])
    live_blog = "\n".join(
        f"{10 - i:02d}:0{i}\nAll ferries to the western islands are cancelled for the rest of "
        f"the day after gusts of {100 + i} km/h." for i in range(6))
    paragraphs = "\n".join(PARAGRAPHS * 3)  # one paragraph a line: far wider than any wrap
    for text in (headlines, live_blog, paragraphs, "Too short\nto tell\nanything"):
        assert unwrap(text) == text
    assert wrap_width(paragraphs.split("\n")) is None


def test_cleaning_keeps_a_wrapped_story_whole() -> None:
    text = "Storm death toll rises to 47\n\n" + _wrapped(72) + "\n\nShare this article\n"
    document = clean(RawDoc("wrapped.txt", text, "text/plain"), Settings())
    assert document.text.split("\n\n") == PARAGRAPHS


_SENTENCE = st.lists(st.sampled_from("the storm council harbour said on Monday that 47 "
                                     "well-known rescue teams, reached villages.".split()),
                     min_size=8, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=8), st.integers(30, 100),
       st.sampled_from(["\n", "\n\n"]))
def test_unwrapping_only_joins_lines(paragraphs: list[str], width: int, separator: str) -> None:
    text = separator.join(textwrap.fill(p, width) for p in paragraphs)
    out = unwrap(text)
    assert "".join(out.split()) == "".join(text.split())  # no character lost or added
    assert out.count("\n") <= text.count("\n")
    if separator == "\n\n":  # paragraphs a blank line apart are never joined to each other
        assert len(out.split("\n\n")) == len(paragraphs)


def test_a_table_or_code_inside_wrapped_text_keeps_its_lines() -> None:
    table = ("District          Votes cast     Turnout    Change on the last vote\n"
             "Northern hills    1,204,330      61.2%      up 3.1 points from 2019\n"
             "Southern coast    987,120        58.9%      down 0.4 points from 2019\n"
             "Eastern plain     1,530,004      63.0%      up 1.2 points from 2019")
    code = ("    result = compute_weighted_average(values, weights)\n"
            "    normalised = normalise_vector_in_place(result)\n"
            "    adjusted = apply_seasonal_adjustment(normalised)")
    text = "\n\n".join([_wrapped(72), table, code, textwrap.fill(PARAGRAPHS[0], 72)])
    out = unwrap(text)
    assert table in out and code in out
    assert PARAGRAPHS[0] in out.split("\n\n")


def test_without_blank_lines_a_paragraph_ends_where_a_sentence_does() -> None:
    text = "\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS)
    lines = unwrap(text).split("\n")
    # no line holds the end of one paragraph and the start of the next
    assert all(any(line in p for p in PARAGRAPHS) for line in lines)


def test_links_on_their_own_lines_are_not_joined() -> None:
    items = "\n".join(f"{n}) A boxed set of films in a steelbook edition with extras (4 discs)\n"
                      f"http://example.com/item/{n}" for n in range(1, 8))
    text = _wrapped(72) + "\n\n" + items
    assert items in unwrap(text)
