from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.ids import doc_id_for

_CURLY = str.maketrans({"'": "\u2019", '"': "\u201c"})


def test_reprints_that_differ_in_quote_style_and_spacing_share_an_id() -> None:
    straight = 'Erdogan said: "We will not allow it." It\'s the third time.'
    curly = "Erdogan said:  \u201cWe will not allow it.\u201d\nIt\u2019s the third time."
    assert doc_id_for(straight) == doc_id_for(curly)
    assert doc_id_for(straight) != doc_id_for(straight.replace("third", "fourth"))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_curling_the_quotes_never_changes_the_id(text: str) -> None:
    assert doc_id_for(text) == doc_id_for(text.translate(_CURLY))


def test_doc_ids_are_stable_across_versions() -> None:
    # a store keeps these ids: a faster normalisation must give the same ones (any space,
    # no-break and ideographic spaces and paragraph separators included)
    text = ("Erdogan said:\u00a0 \u201cWe will not allow it.\u201d\u2029It\u2019s the \u00abthird"
            "\u00bb time.\u3000")
    assert doc_id_for(text) == "df326d1b00ffa51b2"
