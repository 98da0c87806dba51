"""Times the web pages: p50 and p99 of each page at the seed and at 10,000 practices, and the
number of SQL statements one rendering runs. Writes bench/results/<date>-pages.md.

    python3 bench/pages.py [--binary .build/release/seguia] [--practices 10000] [--requests 50]

The practices beyond the seed are copies of the seeded sheet made in SQL by bench.py's
clone_practices (new slugs, the same sections, territories and themes): every copy matches the
same searches, the worst case for the search page and its facets.
"""
import argparse
import datetime
import os
import platform
import socket
import statistics
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

PAGES = [
    ("home", "/fr"),
    ("search, no text", "/fr/practices"),
    ("search, text", "/fr/practices?q=eau"),
    ("search, text and filters", "/fr/practices?q=reutilisation+eaux+usees&territory=MA&theme=wastewater_reuse"),
    ("practice sheet", "/fr/practices/cle-en-mediterranee"),
    ("practice sheet, Arabic", "/ar/practices/cle-en-mediterranee"),
    ("territory", "/fr/territories/MA"),
    ("indicator", "/fr/indicators/6.1.1"),
    ("compare", "/fr/compare?territories=FR,MA,PS&indicators=6.1.1,6.2.1,6.4.2&themes=wastewater_reuse"),
]


def timings(url, count):
    for _ in range(3):
        urllib.request.urlopen(url).read()
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def statements(server, path):
    """How many statements PostgreSQL ran for one request to `path`."""
    start = server.logging_statements(path)
    lines = list(open(server.pg_log, errors="replace"))[start:]
    # The two statements that turn the logging off again are logged too: they are not the page's.
    ours = ("ALTER SYSTEM RESET log_min_duration_statement", "SELECT pg_reload_conf()")
    return sum(1 for line in lines
               if "duration:" in line and ("statement:" in line or "execute" in line) and not line.rstrip().endswith(ours))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=bench.SEGUIA)
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    arguments = parser.parse_args()
    bench.SEGUIA = os.path.abspath(arguments.binary)
    work = tempfile.mkdtemp(prefix="seguia-pages-")
    # The embedded PostgreSQL runs as another user when this runs as root: it must reach the directory.
    os.chmod(work, 0o755)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = bench.Server(work, port)
    results = {}
    try:
        for size in ["seed", arguments.practices]:
            if size != "seed":
                started = time.monotonic()
                # Copies of the seeded sheet, then of the copies: every practice matches the same searches.
                bench.clone_practices(server, size, originals="slug = 'cle-en-mediterranee' OR slug LIKE 'bench-%'")
                bench.log(f"grew to {size} practices in {time.monotonic() - started:.0f} s")
            count = int(server.psql("SELECT count(*) FROM practices"))
            for label, path in PAGES:
                p50, p99 = timings(server.url + path, arguments.requests)
                results.setdefault(label, {})[count] = (p50, p99, statements(server, path))
                bench.log(f"{count:>6} {label}: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    finally:
        server.stop()
    sizes = sorted({size for row in results.values() for size in row})
    lines = [
        f"# Web pages — {datetime.date.today().isoformat()}", "",
        f"`python3 bench/pages.py --binary {os.path.relpath(arguments.binary)} --practices {arguments.practices} --requests {arguments.requests}`"
        f" on {platform.machine()}, {os.cpu_count()} cores: {arguments.requests} sequential requests per page after 3 warm-up requests,"
        " one client, the server's embedded PostgreSQL. Statements: those PostgreSQL ran for one request.", "",
        "| page | " + " | ".join(f"{size} practice{'' if size == 1 else 's'}: p50 / p99 (ms), statements" for size in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for label, _ in PAGES:
        cells = [f"{results[label][size][0]:.1f} / {results[label][size][1]:.1f}, {results[label][size][2]}" for size in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    out = os.path.join(bench.HERE, "results", f"{datetime.date.today().isoformat()}-pages.md")
    open(out, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
