"""Merge the fundus publisher list into ``src/storyline/clean/data/outlets.tsv``.

Source: flairNLP/fundus ``docs/supported_publishers.md`` (MIT, Copyright (c) 2023 Max
Dallabetta, Conrad Dobberstein, Aaron Wey), read from ../shared/reference/fundus_publishers.
Rows already in the table (by outlet id or domain) are kept as written; new publishers are
appended with kind ``publisher``. Rebuilding gives identical bytes.

    python scripts/build_outlets.py [--ref FILE]
"""

from __future__ import annotations

import argparse
import csv
import re
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "src/storyline/clean/data/outlets.tsv"
# fundus section code → ISO 3166-1 alpha-3 (fundus uses a few non-ISO section names)
SECTIONS = {
    "AT": "AUT", "AU": "AUS", "BE": "BEL", "CA": "CAN", "CH": "CHE", "CN": "CHN", "CZ": "CZE",
    "DE": "DEU", "DK": "DNK", "ES": "ESP", "FR": "FRA", "GL": "GRL", "ID": "IDN", "IL": "ISR",
    "IND": "IND", "ISL": "ISL", "IT": "ITA", "JP": "JPN", "KR": "KOR", "LB": "LBN", "LI": "LIE",
    "LS": "LSO", "LT": "LTU", "LU": "LUX", "MX": "MEX", "MY": "MYS", "NA": "NAM", "NO": "NOR",
    "PL": "POL", "PT": "PRT", "PY": "PRY", "RU": "RUS", "SE": "SWE", "TR": "TUR", "TW": "TWN",
    "TZ": "TZA", "UA": "UKR", "UK": "GBR", "US": "USA", "VN": "VNM", "ZA": "ZAF",
}
_SECTION = re.compile(r"^## (\w+)-Publishers")
_ROW = re.compile(r"<code>(?P<cls>\w+)</code>.*?<div>(?P<name>.*?)</div>.*?<span>(?P<domain>[^<]+)"
                  r"</span>", re.S)
# fundus sets a publisher it no longer supports in <strike>: the name is the text, not the markup
_TAG = re.compile(r"<[^>]*>")


def parse(markdown: str) -> list[dict[str, str]]:
    """One row per publisher: outlet_id, name, aliases, domains, country, kind."""
    rows: list[dict[str, str]] = []
    for block in re.split(r"(?m)^(?=## )", markdown):
        section = _SECTION.match(block)
        if not section:
            continue
        country = SECTIONS.get(section.group(1), "")
        for row in block.split("<tr>")[1:]:
            match = _ROW.search(row)
            if match is None:
                continue
            name = " ".join(unescape(_TAG.sub("", match.group("name"))).split())
            domain = match.group("domain").strip().lower().removeprefix("www.")
            rows.append({"outlet_id": match.group("cls").lower(), "name": name,
                         "aliases": name, "domains": domain, "country": country,
                         "kind": "publisher"})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ref", type=Path, default=REPO.parent / "shared" / "reference"
                        / "fundus_publishers" / "supported_publishers.md")
    args = parser.parse_args()
    with TABLE.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        fields = list(reader.fieldnames or [])
        existing = [r for r in reader if r["kind"] != "publisher"]
    ids = {r["outlet_id"] for r in existing}
    domains = {d for r in existing for d in r["domains"].split("|")}
    added = [r for r in parse(args.ref.read_text(encoding="utf-8"))
             if r["outlet_id"] not in ids and r["domains"] not in domains]
    unique = {r["outlet_id"]: r for r in added}
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(existing + sorted(unique.values(), key=lambda r: r["outlet_id"]))
    print(f"{len(existing)} curated + {len(unique)} fundus publishers → {TABLE}")


if __name__ == "__main__":
    main()
