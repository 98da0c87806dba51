#!/usr/bin/env python3
"""Seguia's fault suite: starts a server on its embedded PostgreSQL and tries to break it.

    suite.py --binary PATH [--quick] [--results FILE]

--quick (what .ci/run runs after swift test): schemathesis with fewer examples, the
authorization matrix, the visibility probes and the bad-input battery. Without it, also:
PostgreSQL stopped under a write load, a client leaving a streaming export, kill -9 during an
import, 100 concurrent conflicting edits. Prints its figures and exits non-zero on any failure.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import authorization  # noqa: E402
import battery  # noqa: E402
import contract  # noqa: E402
import faults  # noqa: E402
import visibility  # noqa: E402
from server import Server  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--results", help="write the figures to this Markdown file")
    parser.add_argument("--schemathesis", default=shutil.which("schemathesis") or os.path.join(HERE, ".venv", "bin", "schemathesis"))
    parser.add_argument("--examples", type=int, help="schemathesis examples per operation (quick 10, full 40)")
    parser.add_argument("--rows", type=int, help="rows of the large import and export (full: 300,000)")
    args = parser.parse_args()
    examples = args.examples or (10 if args.quick else 40)
    rows = args.rows or 300_000

    sections, all_failures = [], []

    def record(name, outcome, started):
        figures, failures = outcome
        figures = {"seconds": round(time.monotonic() - started, 1), **figures}
        sections.append((name, figures, failures))
        all_failures.extend(f"{name}: {failure}" for failure in failures)
        verdict = "ok" if not failures else f"{len(failures)} FAILURE(S)"
        print(f"== {name}: {verdict}\n   {json.dumps(figures, ensure_ascii=False)}", flush=True)
        for failure in failures[:40]:
            print(f"   - {failure}", flush=True)

    server = Server(args.binary)
    server.log_level = "info"
    try:
        started = time.monotonic()
        boot = server.start()
        print(f"server up in {boot:.1f} s on port {server.port} ({server.data_dir})", flush=True)
        editor = server.create_token("contract-editor", "publisher", authorization.OWNER)
        for name, check in [
            ("authorization matrix", lambda: authorization.run(server, os.path.join(HERE, "..", "README.md"))),
            ("visibility probes", lambda: visibility.run(server)),
            ("bad-input battery", lambda: battery.run(server)),
            ("contract (schemathesis)", lambda: contract.run(server, args.schemathesis, examples, editor)),
        ]:
            started = time.monotonic()
            record(name, check(), started)
        if not args.quick:
            for name, check in [
                ("100 conflicting edits", lambda: faults.conflicting_edits(server)),
                ("client leaving an export", lambda: faults.abandoned_export(server, rows)),
                ("kill -9 during an import", lambda: faults.killed_import(server, rows)),
                ("PostgreSQL stopped 10 s under writes", lambda: faults.database_outage(server)),
            ]:
                started = time.monotonic()
                record(name, check(), started)
        logged = contract.server_errors_in_log(server.log_path)
        sections.append(("server log", {"5xx other than 503 logged": logged}, []))
        print(f"== server log: {logged} answers 5xx other than 503", flush=True)
        if logged:
            all_failures.append(f"server log: {logged} answers 5xx")
    finally:
        server.cleanup()

    print(f"\n{'PASSED' if not all_failures else 'FAILED'}: {len(all_failures)} failure(s)")
    if args.results:
        write_results(args.results, sections, all_failures, args.quick)
    # The plain closing line CI reads.
    print(f"{len(sections) - len({failure.split(':')[0] for failure in all_failures})} passed, "
          f"{len({failure.split(':')[0] for failure in all_failures})} failed")
    return 1 if all_failures else 0


def write_results(path, sections, failures, quick):
    lines = [f"# Fault suite results ({'quick' if quick else 'full'} run)", "",
             f"{datetime.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores; "
             f"{'no failure' if not failures else f'{len(failures)} failure(s)'}.", ""]
    for name, figures, section_failures in sections:
        lines.append(f"## {name}")
        lines.append("")
        for key, value in figures.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
            lines.append(f"- {key}: {value}")
        for failure in section_failures:
            lines.append(f"- FAILURE: {failure}")
        lines.append("")
    with open(path, "w") as results:
        results.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
