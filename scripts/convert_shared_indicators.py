#!/usr/bin/env python3
"""Turns the shared indicator files into Seguia's long CSV import format, for seed/.

Every row is kept with its source text unchanged. The territory column names a country, a
Palestinian area or a Moroccan utility; each maps to a Seguia territory code. JMP series
(6.1.1, 6.2.1) carry their release as vintage: the 2023 release in the main file, the 2021
release in the alternative one, so the two are never mixed. Quality and disaggregation come
from the "[location=…, nature=…]" note the UN rows end with.

usage: convert_shared_indicators.py SHARED_DATA_DIR OUTPUT_DIR
"""
import csv
import re
import sys
from pathlib import Path

TERRITORIES = {
    "France": "FR",
    "Morocco": "MA",
    "State of Palestine": "PS",
    "West Bank, State of Palestine": "PS-WESTBANK",
    "Gaza Strip, State of Palestine": "PS-GAZA",
    "Fes (RADEEF service area), Fes-Meknes region, Morocco": "MA-03-RADEEF",
    "Meknes (RADEEM), Fes-Meknes region, Morocco": "MA-03-RADEEM",
    "Taza (RADEETA), Fes-Meknes region, Morocco": "MA-03-RADEETA",
    "Oujda (RADEEO), Oriental region, Morocco": "MA-02-RADEEO",
    "Nador (RADEEN), Oriental region, Morocco": "MA-02-RADEEN",
    "Settat (RADEEC), Casablanca-Settat region, Morocco": "MA-06-RADEEC",
    "El Jadida (RADEEJ), Casablanca-Settat region, Morocco": "MA-06-RADEEJ",
    "Casablanca (Lydec concession), Casablanca-Settat region, Morocco": "MA-06-LYDEC",
}
# UN SDG "Nature" codes: C country data, CA country adjusted, E estimated, G global monitoring, M modelled.
QUALITY = {"C": "reported", "CA": "reported", "E": "estimated", "G": "estimated", "M": "modelled"}
LOCATION = {"ALLAREA": "total", "URBAN": "urban", "RURAL": "rural"}
COLUMNS = ["indicator", "territory", "period", "value", "unit", "disaggregation", "vintage", "quality", "source", "note"]


def convert(source_file: Path, jmp_vintage: str):
    rows = []
    for row in csv.DictReader(source_file.open(encoding="utf-8")):
        note = re.search(r"\[([^\]]*)\]\s*$", row["source"])
        fields = dict(part.strip().split("=", 1) for part in note.group(1).split(",")) if note else {}
        nature = fields.get("nature")
        rows.append({
            "indicator": row["indicator_code"],
            "territory": TERRITORIES[row["country_or_territory"]],
            "period": row["year"],
            "value": row["value"],
            "unit": row["unit"],
            "disaggregation": LOCATION.get(fields.get("location", "ALLAREA"), "total"),
            "vintage": jmp_vintage if row["indicator_code"] in ("6.1.1", "6.2.1") else "",
            "quality": QUALITY.get(nature, "reported"),
            "source": row["source"],
            "note": f"UN nature code {nature}" if nature else "",
        })
    return rows


def write(rows, target: Path):
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def main():
    shared, output = Path(sys.argv[1]), Path(sys.argv[2])
    write(convert(shared / "indicators_real.csv", "JMP-2023"), output / "0008_indicator_values.csv")
    write(convert(shared / "indicators_real_alt_vintage_jmp2021.csv", "JMP-2021"), output / "0009_indicator_values_jmp2021.csv")


if __name__ == "__main__":
    main()
