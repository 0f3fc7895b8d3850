from __future__ import annotations

from storyline.pipeline import _batches
from storyline.records import Document


def _doc(n: int, chars: int) -> Document:
    return Document(f"d{n}", f"{n}.txt", "x" * chars, None, None, None, "en", None, None,
                    ((0, chars),))


def test_parse_batches_hold_a_bounded_number_of_documents_and_characters() -> None:
    sizes = [100, 200, 300, 5000, 50, 60, 70, 80, 90]
    batches = [[len(d.text) for d in b]
               for b in _batches([_doc(i, c) for i, c in enumerate(sizes)], 3, 1000)]
    # At most 3 documents and 1,000 characters a batch; the long document goes alone.
    assert batches == [[100, 200, 300], [5000], [50, 60, 70], [80, 90]]
