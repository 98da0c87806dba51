#!/usr/bin/env python3
"""Deterministic benchmark data for Seguia, written in Seguia's own import formats.

    generate.py values --server URL --rows N > values.csv

Indicator values in the long CSV format, for the stored (not computed) indicators and the
territories the server knows, monthly periods from 2000, with total / urban / rural
disaggregations: smooth series within each indicator's range, with a fixed seed.
"""
import argparse
import json
import math
import random
import sys
import urllib.request


def fetch(server, path):
    with urllib.request.urlopen(server.rstrip("/") + path) as response:
        return json.load(response)["items"]


def values(args):
    indicators = [i for i in fetch(args.server, "/api/v1/indicators") if not i.get("formula")]
    territories = sorted(t["code"] for t in fetch(args.server, "/api/v1/territories?limit=10000"))
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    value_parser = commands.add_parser("values")
    value_parser.add_argument("--server", required=True)
    value_parser.add_argument("--rows", type=int, default=1_000_000)
    value_parser.add_argument("--periods", type=int, default=300, help="months per series")
    value_parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    {"values": values}[args.command](args)


if __name__ == "__main__":
    main()
