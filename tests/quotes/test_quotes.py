from __future__ import annotations

ARTICLE = (
    "Minister speaks about the harbour repairs\n\n"
    'Port minister Anna Lindqvist said the repairs were "going faster than planned" on Monday.\n\n'
    '"We will reopen the northern pier before winter," Lindqvist told reporters.\n\n'
    '"The fishermen have waited long enough," she said.\n\n'
    '"Nobody will be left behind."'
)


def _by_start(facts) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {q.text[:20]: q.speaker_id for q in facts.quotes if q.direct}


def test_direct_quote_speaker_is_subject_of_speech_verb(facts_of) -> None:  # type: ignore[no-untyped-def]
    quotes = _by_start(facts_of(ARTICLE))
    assert quotes["going faster than pl"] == "person:anna-lindqvist"
    assert quotes["We will reopen the n"] == "person:anna-lindqvist"


def test_pronoun_and_continuation_keep_the_speaker(facts_of) -> None:  # type: ignore[no-untyped-def]
    quotes = _by_start(facts_of(ARTICLE))
    assert quotes["The fishermen have w"] == "person:anna-lindqvist"
    assert quotes["Nobody will be left "] == "person:anna-lindqvist"


def test_quote_spans_point_into_the_clean_text(facts_of) -> None:  # type: ignore[no-untyped-def]
    facts = facts_of(ARTICLE)
    for quote in facts.quotes:
        assert facts.document.text[quote.span.start : quote.span.end] == quote.span.text



def test_that_clause_after_a_time_adverbial_is_an_indirect_quote(facts_of) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "that Sweden condemns ..." on "day" as a relative clause.
    facts = facts_of(
        "Minister speaks about the harbour repairs\n\n"
        "Port minister Anna Lindqvist said earlier in the day that Sweden condemns the ongoing "
        "delays in the harbour but is against new fees.\n\n"
        '"We cannot wait for a whole summer," she said.')
    assert any(q.text.startswith("that Sweden condemns") and q.speaker_id == "person:anna-lindqvist"
               for q in facts.quotes if not q.direct)
