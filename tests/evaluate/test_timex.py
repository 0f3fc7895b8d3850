from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.evaluate.timex import (
    SpanCounts,
    Timex,
    align,
    count_spans,
    dct_datetime,
    parse_timeml,
    read_documents,
    task_a_metrics,
)
from storyline.time.normalise import (
    date_value,
    duration_value,
    guess_type,
    set_value,
    time_value,
)

# An invented TimeML document: a DCT, EVENT tags around and between the TIMEX3, and a comment.
TOY_TML = b"""<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2020-05-06">May 6,
2020</TIMEX3></DCT>
<TEXT>
The council <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE"
value="2020-05-04">on Monday</TIMEX3>.<!-- a note -->
It <EVENT eid="e2" class="I_ACTION">plans</EVENT> to meet again <TIMEX3 tid="t2" type="DURATION"
value="P2W">in two weeks</TIMEX3>.
</TEXT>
</TimeML>
"""
DCT = datetime(2020, 5, 6)  # a Wednesday


def _t(start: int, end: int, kind: str = "DATE", value: str | None = "v") -> Timex:
    return Timex(start, end, "x" * (end - start), kind, value)


def test_parse_timeml_offsets_index_plain_text() -> None:
    doc = parse_timeml(TOY_TML, "toy")
    assert doc.dct == "2020-05-06"
    assert [t.text for t in doc.timexes] == ["on Monday", "in two weeks"]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert "a note" not in doc.text and "<EVENT" not in doc.text
    assert doc.timexes[1].type == "DURATION" and doc.timexes[1].value == "P2W"


def test_parse_timeml_rejects_missing_text() -> None:
    with pytest.raises(ConfigError):
        parse_timeml(b"<TimeML><DCT/></TimeML>")


def test_read_documents_finds_nested_tml(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "toy.tml").write_bytes(TOY_TML)
    assert [d.name for d in read_documents(tmp_path)] == ["toy"]
    with pytest.raises(ConfigError):
        read_documents(tmp_path / "a" / "b" / "missing")


def test_dct_datetime_reads_date_and_time() -> None:
    assert dct_datetime("2020-05-06") == DCT
    assert dct_datetime("2020-05-06T14:30:00") == datetime(2020, 5, 6, 14, 30)
    assert dct_datetime(None) is None


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("every week", "DATE", "SET"), ("three days", "DATE", "DURATION"),
    ("two years ago", "DATE", "DATE"), ("10 a.m.", "TIME", "TIME"),
    ("Monday morning", "DATE", "TIME"), ("last week", "DATE", "DATE"),
])
def test_guess_type_by_cue_words(text: str, label: str, expected: str) -> None:
    assert guess_type(text, label) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a month", "P1M"), ("two years", "P2Y"), ("a decade", "P10Y"),
    ("several hours", "PTXH"), ("90 minutes", "PT90M"), ("four-week", "P4W"), ("years", "PXY"),
])
def test_duration_value(text: str, expected: str) -> None:
    assert duration_value(text) == expected


def test_set_value() -> None:
    assert set_value("weekly") == "P1W"
    assert set_value("every day") == "P1D"
    assert set_value("each time") is None
    assert set_value("each season") is None  # not an ISO unit ("S" would mean seconds)


@pytest.mark.parametrize(("text", "expected"), [
    ("2019", "2019"), ("last week", "2020-W18"), ("now", "PRESENT_REF"),
    ("the 1990s", "199"), ("May 4", "2020-05-04"), ("March 2019", "2019-03"),
    ("last year", "2019"), ("late 2011", "2011"), ("early December", "2020-12"),
])
def test_date_value_relative_to_dct(text: str, expected: str) -> None:
    assert date_value(text, DCT) == expected


def test_time_value_clock_and_part_of_day() -> None:
    assert time_value("10 a.m.", DCT) == "2020-05-06T10:00"
    assert time_value("this morning", DCT) == "2020-05-06TMO"


def test_align_pairs_one_to_one() -> None:
    gold = [_t(0, 5), _t(6, 10)]
    system = [_t(3, 8)]
    assert align(gold, system) == [(gold[0], system[0])]


def test_task_a_metrics_known_answer() -> None:
    gold = [_t(0, 5, "DATE", "v1"), _t(10, 20, "DURATION", "v2"), _t(30, 35)]
    system = [_t(0, 5, "DATE", "v1"), _t(12, 25, "DATE", "v2"), _t(40, 45)]
    counts = SpanCounts()
    counts += count_spans(gold, system)
    metrics = task_a_metrics(counts)
    assert metrics["span_p_strict"] == pytest.approx(1 / 3)
    assert metrics["span_f1_strict"] == pytest.approx(1 / 3)
    assert metrics["span_f1_relaxed"] == pytest.approx(2 / 3) == metrics["f1"]
    assert metrics["type_accuracy"] == pytest.approx(0.5)
    assert metrics["value_accuracy"] == pytest.approx(1.0)
    assert metrics["n"] == 3


def test_count_spans_none_value_is_wrong() -> None:
    counts = count_spans([_t(0, 5, "DATE", None)], [_t(0, 5, "DATE", None)])
    assert counts.matched == 1 and counts.value_ok == 0
