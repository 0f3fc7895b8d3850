"""An agency's credit in a story's first line, in the forms the probes missed: a desk of the
outlet in brackets ("(CNN Business)"), a joint credit with no dash after it ("(PTI/IANS) The"),
a credit before the place ("AP, Washington —")."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.outlets import outlet_from_text, wire_agency
from storyline.config import Settings
from storyline.records import RawDoc

_STORY = ("Delegations from both sides met in Geneva on Tuesday to resume talks on a ceasefire, "
          "officials said, after weeks of fighting in the north of the country.\n\n"
          "The talks are expected to last three days, according to a schedule from the hosts.")


@pytest.mark.parametrize(("line", "outlet"), [
    ("New York (CNN Business) — Stocks fell on Tuesday as talks stalled.", "CNN"),
    ("LONDON (Reuters Health) - A new study found fewer cases this year.", "Reuters"),
    ("NEW DELHI (PTI/IANS) The minister said talks would resume on Tuesday.",
     "Press Trust of India"),
    ("AP, Washington — Talks resumed on Tuesday after weeks of fighting.", "Associated Press"),
    ("Reuters, London — Talks resumed on Tuesday after weeks of fighting.", "Reuters"),
])
def test_an_agencys_credit_opening_a_story_names_the_outlet(line: str, outlet: str) -> None:
    # before: each named none: a desk after the name, a joint credit with no dash, the credit
    # before the place
    assert outlet_from_text([], [line], line, quoted=False) == outlet


@pytest.mark.parametrize("line", [
    "Officials said the state agencies (PTI/IANS) reported the meeting went well on Tuesday.",
    "The show aired on the network (CNN Business) on Tuesday evening before the vote.",
    "KUNA, Idaho — The city council voted on Tuesday to raise water rates again.",
    "SANA, Yemen — Rebels said on Tuesday they had taken the port after days of fighting.",
    "Moscow, Russia — Talks resumed on Tuesday after weeks of fighting.",
    # two outlets before a dash, and a headline: a sentence's subject, no credit and place
    "Bloomberg, Reuters — the two largest financial newswires — said on Tuesday they would merge.",
    "Reuters, Bloomberg Win Top Awards — The prizes were handed out on Tuesday in New York.",
    # another outlet named after an alias: a franchise or a paper of its own, not a desk
    "LAGOS (Guardian Nigeria) — Fuel prices rose again on Tuesday after the subsidy ended.",
    "JAKARTA (CNN Indonesia) — Floods closed schools across the capital on Tuesday morning.",
])
def test_brackets_in_a_sentence_and_a_town_with_its_state_name_no_outlet(line: str) -> None:
    assert outlet_from_text([], [line], line, quoted=False) is None


def test_a_story_credited_before_its_place_names_the_outlet() -> None:
    doc = clean(RawDoc("s.txt", f"AP, Washington — {_STORY}", "text/plain"), Settings())
    assert doc.outlet_id == "ap"
    assert wire_agency("Reuters, London — Talks resumed.") == "Reuters"
