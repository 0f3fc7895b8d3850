"""Build ``src/storyline/actors/data/agents.tsv`` from the PETRARCH2 agents dictionary.

Agents are generic actors named by a common noun — police, troops, protesters, the
government, rebels — coded by sector (COP, MIL, OPP, GOV, REB, ...). The output lists every
surface form (singular and plural, with ``!PERSON!``-style substitutions expanded) with its
code, lower-case, words separated by single spaces, sorted; rebuilding gives identical bytes.

    python scripts/build_agents.py [--ref-dir ../shared/reference/petrarch2/dictionaries]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]")
_MACRO = re.compile(r"^(!\w+!)\s*=\s*(.+)$")


def plural(word: str) -> str:
    """TABARI's automatic plural: +S, Y→IES, SS→SSES."""
    if word.endswith("Y") and not word.endswith(("AY", "EY", "OY", "UY")):
        return word[:-1] + "IES"
    return word + ("ES" if word.endswith(("SS", "CH", "SH", "X")) else "S")


def expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    """Every form of a phrase with its substitution markers replaced."""
    forms = [phrase]
    for name, values in macros.items():
        forms = [f.replace(name, v) for f in forms for v in values] if any(
            name in f for f in forms) else forms
    return forms


def parse(lines: list[str]) -> list[tuple[str, str]]:
    """(surface form, code) pairs from the dictionary's lines."""
    macros: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if macro := _MACRO.match(line):
            macros[macro.group(1)] = [v.strip() for v in macro.group(2).split(",")]
            continue
        entry = _ENTRY.match(line)
        if not entry:
            continue
        code = entry.group("code").strip().strip("~")
        for form in expand(entry.group("phrase").strip(), macros):
            pairs.append((form, code))
            if entry.group("plural") is None:
                pairs.append((plural(form), code))
            elif entry.group("plural").strip():
                pairs.append((entry.group("plural").strip(), code))
    return pairs


def normalise(form: str) -> str:
    return " ".join(form.replace("_", " ").lower().split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ref-dir", type=Path,
                        default=REPO.parent / "shared" / "reference" / "petrarch2" / "dictionaries")
    parser.add_argument("--out", type=Path, default=REPO / "src/storyline/actors/data/agents.tsv")
    args = parser.parse_args()
    lines = (args.ref_dir / "Phoenix.agents.txt").read_text(encoding="utf-8").splitlines()
    rows = sorted({(normalise(form), code) for form, code in parse(lines) if normalise(form)})
    first: dict[str, str] = {}
    for form, code in rows:
        first.setdefault(form, code)
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write("phrase\tcode\n")
        for form, code in sorted(first.items()):
            handle.write(f"{form}\t{code}\n")
    print(f"{len(first)} agent phrases → {args.out}")


if __name__ == "__main__":
    main()
