#!/usr/bin/env python3
"""Deterministic benchmark data for Seguia, written in Seguia's own formats.

    generate.py territories --per-parent N > territories.sql
        synthetic territories, N children under each real region, province or governorate
        (codes PARENT-Bnnn), as SQL for psql
    generate.py practices --count N [--territories FILE] > practices.jsonl
        practices as the JSON bodies of POST /api/v1/practices, one per line: French or English
        text from a water-management vocabulary, every section filled, all themes
    generate.py values --server URL --rows N > values.csv
        (or --catalog FILE) indicator values in the long CSV import format, for the stored
        indicators and the territories the server knows, monthly periods from 2000, total / urban / rural

The same arguments give the same data.
"""
import argparse
import json
import math
import random
import sys
import os
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def fetch(server, path):
    with urllib.request.urlopen(server.rstrip("/") + path) as response:
        return json.load(response)["items"]


def values(args):
    if args.catalog:
        catalog = json.load(open(args.catalog))
        indicators, territories = catalog["indicators"], catalog["territories"]
    else:
        indicators, territories = fetch(args.server, "/api/v1/indicators"), fetch(args.server, "/api/v1/territories")
    indicators = [i for i in indicators if not i.get("formula")]
    territories = sorted(t["code"] for t in territories)
    rng = random.Random(args.seed)
    out = sys.stdout
    out.write("indicator,territory,period,value,disaggregation,source,quality\n")
    written = 0
    months = [f"{year}-{month:02d}" for year in range(2000, 2100) for month in range(1, 13)]
    for disaggregation in ("total", "urban", "rural"):
        for indicator in indicators:
            low = float(indicator.get("minimum") or 0)
            high = float(indicator.get("maximum") or 1000)
            decimals = indicator.get("decimals", 1)
            for territory in territories:
                level = rng.uniform(0.3, 0.7)
                phase = rng.uniform(0, math.tau)
                for step, period in enumerate(months[: args.periods]):
                    if written >= args.rows:
                        return
                    share = min(1, max(0, level + 0.002 * step + 0.03 * math.sin(phase + step / 6)))
                    value = round(low + (high - low) * share, decimals)
                    out.write(f"{indicator['code']},{territory},{period},{value},{disaggregation},Benchmark series {args.seed},estimated\n")
                    written += 1


PARENTS = ["FR-OCC", "FR-11", "FR-34", "FR-31", "MA-02", "MA-03", "MA-06", "MA-09", "PS-TBS", "PS-WESTBANK", "PS-GAZA"]


def territory_codes(per_parent):
    return [f"{parent}-B{index:03d}" for parent in PARENTS for index in range(1, per_parent + 1)]


def territories(args):
    print("-- Synthetic territories for benchmarks: children of real ones.")
    for parent in PARENTS:
        for index in range(1, args.per_parent + 1):
            code = f"{parent}-B{index:03d}"
            print(f"INSERT INTO territories (code, kind, parent_id, name_fr, name_en) "
                  f"SELECT '{code}', 'commune', territory_id, 'Commune test {code}', 'Test municipality {code}' "
                  f"FROM territories WHERE code = '{parent}' ON CONFLICT (code) DO NOTHING;")


def sentence(rng, words):
    return (f"{rng.choice(words['subjects'])} {rng.choice(words['verbs'])} {rng.choice(words['objects'])} "
            f"{rng.choice(words['complements'])}.").capitalize()


def practices(args):
    from vocabulary import EN, FR, SECTION_KEYS, THEMES
    rng = random.Random(args.seed)
    codes = territory_codes(args.per_parent) + PARENTS
    out = sys.stdout
    for number in range(1, args.count + 1):
        language = "fr" if rng.random() < 0.7 else "en"
        words = FR if language == "fr" else EN
        title = f"{rng.choice(words['titles'])} — {rng.choice(words['objects'])} ({number})"
        sections = [
            {"key": key, "text": " ".join(sentence(rng, words) for _ in range(rng.randint(2, 4))),
             "items": [sentence(rng, words) for _ in range(rng.randint(0, 2))]}
            for key in SECTION_KEYS
        ]
        start = rng.randint(2008, 2022)
        body = {
            "slug": f"bench-{args.seed}-{number}",
            "title": title,
            "summary": sentence(rng, words),
            "language": language,
            "status": "published",
            "confidentiality": "public",
            "period": {"start": str(start), "end": str(start + rng.randint(1, 4))},
            "territories": [{"code": code, "role": "beneficiary"} for code in rng.sample(codes, rng.randint(1, 3))],
            "themes": rng.sample(THEMES, rng.randint(1, 3)),
            "sections": sections,
        }
        out.write(json.dumps(body, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    value_parser = commands.add_parser("values")
    value_parser.add_argument("--server", help="a running Seguia, asked for its indicators and territories")
    value_parser.add_argument("--catalog", help="or a JSON file: {\"indicators\": [...], \"territories\": [...]} as the API lists them")
    value_parser.add_argument("--rows", type=int, default=1_000_000)
    value_parser.add_argument("--periods", type=int, default=300, help="months per series")
    value_parser.add_argument("--seed", type=int, default=6)
    territory_parser = commands.add_parser("territories")
    territory_parser.add_argument("--per-parent", type=int, default=30)
    practice_parser = commands.add_parser("practices")
    practice_parser.add_argument("--count", type=int, default=1000)
    practice_parser.add_argument("--per-parent", type=int, default=30)
    practice_parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    {"values": values, "territories": territories, "practices": practices}[args.command](args)


if __name__ == "__main__":
    main()
