"""The trigger lexicon and the CAMEO → PLOVER table, loaded once from ``data/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline.datafiles import read_tsv


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str
    particle: str
    cameo: str
    mode: str
    reciprocal: bool


@lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, VERB|NOUN) → the triggers with that lemma, most specific (with particle) first."""
    rows = read_tsv("storyline.events", "triggers.tsv")
    table: dict[tuple[str, str], list[Trigger]] = {}
    for r in rows:
        trig = Trigger(r["lemma"], r["pos"], r["particle"], r["cameo"], r["mode"],
                       r["reciprocal"] == "yes")
        table.setdefault((trig.lemma, trig.pos), []).append(trig)
    return {k: tuple(sorted(v, key=lambda t: not t.particle)) for k, v in table.items()}


_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,?\s*([^,#]*)")


@lru_cache(maxsize=1)
def load_cameo2plover() -> dict[str, tuple[str, str]]:
    """CAMEO code → (PLOVER type, mode) from the published 2021 conversion table."""
    path = resources.files("storyline.events") / "data" / "cameo2plover.txt"
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line.strip())
        if match:
            table.setdefault(match.group(1), (match.group(2), match.group(3).strip()))
    return table


# The 2021 table gives no PLOVER type to CAMEO 01 (statements) and 02 (appeals). Appeals are
# requests in PLOVER's sense (manual, REQUEST: "asks the target to do something"), so 02x codes
# keep their CAMEO code and take REQUEST with the mode "appeal".
_APPEAL = ("REQUEST", "appeal")


def plover_for(cameo: str) -> tuple[str, str]:
    """The PLOVER type and mode of a CAMEO code (longest known prefix wins)."""
    if cameo.startswith("02"):
        return _APPEAL
    table = load_cameo2plover()
    for length in range(len(cameo), 1, -1):
        if cameo[:length] in table:
            return table[cameo[:length]]
    return ("", "")
