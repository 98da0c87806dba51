#!/usr/bin/env python3
"""Seguia's benchmarks, side by side in one run, as ratios (see bench/README.md).

Started by bench/run, which installs what is missing. Each scenario measures the server and a
reference on the same data, on the same machine, in the same run:
  a. practice search + filter + facets: wrk on the API / pgbench running the server's own SQL /
     wrk on Datasette over the same practices in SQLite with FTS;
  b. indicator comparison report (json): wrk / pgbench of its SQL;
  c. bulk import of values through the API / psql \\copy of the same rows;
  d. CSV export of values: the API / COPY (the server's query) TO STDOUT, with the server's peak RSS;
  e. growth: search p50 / p99 at increasing numbers of practices.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEGUIA = os.path.join(ROOT, ".build", "release", "seguia")
VENV_BIN = os.path.join(HERE, ".venv", "bin")

SCALES = {
    # growth: numbers of practices searched; the first `api_practices` are created through the API,
    # the rest copied in SQL; scenario a is measured at `compare_at` practices.
    # report_values: values for the report; import_rows: rows imported (c) and exported (d).
    "tiny": {"growth": [200, 500], "api_practices": 500, "compare_at": 500, "report_values": 20_000, "import_rows": 10_000,
             "export_small": 5_000, "duration": 3, "per_parent": 5},
    "small": {"growth": [1_000, 10_000], "api_practices": 10_000, "compare_at": 10_000, "report_values": 200_000, "import_rows": 100_000,
              "export_small": 10_000, "duration": 10, "per_parent": 30},
    # small, with search at 100,000 practices (the size for a), copied from 10,000 made through the API.
    "medium": {"growth": [1_000, 10_000, 100_000], "api_practices": 10_000, "compare_at": 100_000, "report_values": 200_000,
               "import_rows": 100_000, "export_small": 10_000, "duration": 10, "per_parent": 30},
    # medium, with the search grown (in SQL) to a million practices.
    "large": {"growth": [1_000, 10_000, 100_000, 1_000_000], "api_practices": 10_000, "compare_at": 100_000, "report_values": 200_000,
              "import_rows": 100_000, "export_small": 10_000, "duration": 10, "per_parent": 30},
    "full": {"growth": [10_000, 100_000, 1_000_000], "api_practices": 100_000, "compare_at": 100_000, "report_values": 2_000_000,
             "import_rows": 1_000_000, "export_small": 100_000, "duration": 30, "per_parent": 30},
}
# Filtered: words, a country (with what it contains) and facets. Broad: words alone, found in
# the English third of the generated sheets.
SEARCH = "/api/v1/practices?q=reutilisation%20eaux%20usees&territory=MA"
SEARCH_BROAD = "/api/v1/practices?q=sewage%20sludge"
SEARCH_PAGE = "/fr/practices?q=sewage%20sludge"
# Queries whose first ten results are compared with the exact ranking of every match.
RANKING_QUERIES = ["sewage sludge", "reutilisation eaux usees", "eau potable", "gouvernance locale", "leaks mains", "nappe phreatique",
                   "compteurs abonnes", "drought management plan", "boues epuration", "irrigation"]
CONNECTIONS = 4


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run(command, **kwargs):
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs).stdout


class Server:
    """A release `seguia serve` on its own embedded cluster in a fresh directory."""

    def __init__(self, work, port):
        self.data = os.path.join(work, "data")
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [SEGUIA, "serve", "--data-dir", self.data, "--port", str(port), "--log-level", "warning"],
            stdout=open(os.path.join(work, "server.out"), "w"), stderr=subprocess.STDOUT)
        for _ in range(240):
            try:
                urllib.request.urlopen(self.url + "/health", timeout=2)
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("the server did not start; see server.out")
        self.token = run([SEGUIA, "token", "create", "--data-dir", self.data, "--name", "bench", "--role", "admin"]).strip()
        credentials = json.load(open(os.path.join(self.data, "credentials")))
        with open(os.path.join(self.data, "postgres", "postmaster.pid")) as pid_file:
            pg_port = pid_file.read().split("\n")[3].strip()
        self.pg_env = dict(os.environ, PGHOST="127.0.0.1", PGPORT=pg_port, PGUSER=credentials["username"],
                           PGPASSWORD=credentials["password"], PGDATABASE="seguia")
        self.pg_log = os.path.join(self.data, "run", "server.log")

    def psql(self, sql, stdout=None):
        return subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql], env=self.pg_env, check=True, text=True,
                              stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE).stdout

    def rss_kb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))

    def post(self, path, data, content_type):
        request = urllib.request.Request(self.url + path, data=data, method="POST",
                                         headers={"Content-Type": content_type, "Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=3600) as response:
            return json.load(response)

    def logging_statements(self, path):
        """Asks for `path` with every statement logged; returns the line of the log where that
        request's statements start."""
        self.psql("ALTER SYSTEM SET log_min_duration_statement = 0")
        self.psql("SELECT pg_reload_conf()")
        time.sleep(0.3)
        start = sum(1 for _ in open(self.pg_log, errors="replace"))
        urllib.request.urlopen(self.url + path).read()
        time.sleep(0.5)
        self.psql("ALTER SYSTEM RESET log_min_duration_statement")
        self.psql("SELECT pg_reload_conf()")
        return start

    def capture(self, path):
        """The SQL one request to `path` runs, with its parameters, as a pgbench script."""
        start = self.logging_statements(path)
        return run([sys.executable, os.path.join(HERE, "capture_sql.py"), self.pg_log, str(start)])

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)


def wrk(url, duration):
    # A timeout well above any latency measured, so that slow requests count in the percentiles.
    output = run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "120s", "--latency", url])
    def latency(label):
        match = re.search(rf"{label}\s+([0-9.]+)(us|ms|s)\b", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1)), "p50": latency("50%"), "p99": latency("99%"),
            "errors": int(errors.group(1)) if errors else 0}


def pgbench(server, script, duration):
    path = tempfile.mktemp(suffix=".sql")
    with open(path, "w") as file:
        file.write(script)
    # The session settings of the server's own connections (JIT off), so only the SQL differs.
    output = run(["pgbench", "-n", f"-c{CONNECTIONS}", "-j2", f"-T{duration}", "-r", "-f", path], env=dict(server.pg_env, PGOPTIONS="-c jit=off"))
    return {"tps": float(re.search(r"tps = ([0-9.]+)", output).group(1)),
            "latency": float(re.search(r"latency average = ([0-9.]+) ms", output).group(1))}


def load_practices(server, path, skip, count):
    """POSTs `count` practices of the JSON-lines file, from line `skip`, on 4 connections."""
    with open(path) as file:
        bodies = [line.encode() for index, line in enumerate(file) if skip <= index < skip + count]
    def post(body):
        server.post("/api/v1/practices", body, "application/json")
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        list(pool.map(post, bodies))
    return len(bodies) / (time.time() - start)


def clone_practices(server, target, originals="slug LIKE 'bench-%'"):
    """Grows the practices to `target` by copying those matching `originals` in SQL (new slugs;
    sections, texts, territories and themes copied, and with them what the triggers derive from
    those: the search vector, the territory scope, the themes, the search terms). The triggers
    are off during the copy (`session_replication_role`), which would only recompute the same
    values, sheet after sheet. Loading a million practices through the API would take hours on
    two cores; the search then runs on the copies as on any other."""
    current = int(server.psql("SELECT count(*) FROM practices"))
    while current < target:
        batch = min(target - current, current)
        server.psql(f"""
            SET session_replication_role = replica;
            CREATE TEMP TABLE copies AS
            SELECT practice_id AS original, nextval(pg_get_serial_sequence('practices', 'practice_id')) AS copy
            FROM practices WHERE {originals} ORDER BY practice_id LIMIT {batch};
            INSERT INTO practices (practice_id, slug, title, summary, language, organisation_id, period_start, period_end, period_precision,
                                   status, confidentiality, source, revision, search_vector, territory_scope, theme_ids, created_by, updated_by)
            OVERRIDING SYSTEM VALUE
            SELECT c.copy, 'bench-c' || c.copy, p.title, p.summary, p.language, p.organisation_id, p.period_start, p.period_end,
                   p.period_precision, p.status, p.confidentiality, p.source, 1, p.search_vector, p.territory_scope, p.theme_ids, 'bench', 'bench'
            FROM copies c JOIN practices p ON p.practice_id = c.original;
            INSERT INTO practice_search_terms (practice_id, lexeme, impact)
            SELECT c.copy, t.lexeme, t.impact FROM copies c JOIN practice_search_terms t ON t.practice_id = c.original;
            INSERT INTO practice_territories (practice_id, territory_id, territory_role)
            SELECT c.copy, t.territory_id, t.territory_role FROM copies c JOIN practice_territories t ON t.practice_id = c.original;
            INSERT INTO practice_themes (practice_id, theme_id)
            SELECT c.copy, t.theme_id FROM copies c JOIN practice_themes t ON t.practice_id = c.original;
            CREATE TEMP TABLE section_copies AS
            SELECT s.practice_section_id AS original, nextval(pg_get_serial_sequence('practice_sections', 'practice_section_id')) AS copy,
                   c.copy AS practice_id, s.position, s.section_key, s.title
            FROM copies c JOIN practice_sections s ON s.practice_id = c.original;
            INSERT INTO practice_sections (practice_section_id, practice_id, position, section_key, title) OVERRIDING SYSTEM VALUE
            SELECT copy, practice_id, position, section_key, title FROM section_copies;
            INSERT INTO practice_section_texts (practice_section_id, language, body, items, quotes, translation_status)
            SELECT sc.copy, st.language, st.body, st.items, st.quotes, st.translation_status
            FROM section_copies sc JOIN practice_section_texts st ON st.practice_section_id = sc.original;
            ANALYZE practices; ANALYZE practice_territories; ANALYZE practice_themes;
        """)
        current = int(server.psql("SELECT count(*) FROM practices"))
        log(f"  {current} practices")


def datasette_search(server, work, duration):
    """Datasette over the same practices in SQLite (FTS5 on title, summary and sections), asked
    the equivalent questions: full-text search filtered to Morocco, and the broad words alone,
    each faceted by theme and language."""
    csv_path = os.path.join(work, "practices.csv")
    with open(csv_path, "w") as out:
        server.psql("""COPY (
            SELECT p.practice_id AS id, p.slug, p.title, coalesce(p.summary, '') AS summary, p.language,
                   (SELECT string_agg(st.body, ' ') FROM practice_sections s
                    JOIN practice_section_texts st ON st.practice_section_id = s.practice_section_id WHERE s.practice_id = p.practice_id) AS body,
                   (SELECT string_agg(DISTINCT split_part(t.code, '-', 1), ',') FROM practice_territories pt
                    JOIN territories t ON t.territory_id = pt.territory_id WHERE pt.practice_id = p.practice_id) AS country,
                   (SELECT min(th.theme_key) FROM practice_themes x JOIN themes th ON th.theme_id = x.theme_id
                    WHERE x.practice_id = p.practice_id) AS theme
            FROM practices p WHERE p.status = 'published') TO STDOUT WITH CSV HEADER""", stdout=out)
    database = os.path.join(work, "practices.db")
    run([os.path.join(VENV_BIN, "sqlite-utils"), "insert", database, "practices", csv_path, "--csv", "--pk", "id"])
    run([os.path.join(VENV_BIN, "sqlite-utils"), "enable-fts", database, "practices", "title", "summary", "body", "--fts5"])
    run([os.path.join(VENV_BIN, "sqlite-utils"), "create-index", database, "practices", "country"])
    port = 8093
    process = subprocess.Popen([os.path.join(VENV_BIN, "datasette"), "serve", database, "-p", str(port), "--setting", "sql_time_limit_ms",
                                "60000", "--setting", "facet_time_limit_ms", "60000"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/practices/practices.json?_facet=theme&_facet=language&_size=20"
    url = base + "&_search=reutilisation+eaux+usees&country__contains=MA"
    for _ in range(60):
        try:
            urllib.request.urlopen(url, timeout=30)
            break
        except Exception:
            time.sleep(0.5)
    try:
        return {"filtered": wrk(url, duration), "broad": wrk(base + "&_search=sewage+sludge", duration)}
    finally:
        process.terminate()
        process.wait()


def ranking_quality(server):
    """For each query, the share of the API's first ten results that belong in the exact first
    ten (every match ranked by ts_rank in SQL; a result tied with the exact tenth belongs)."""
    overlaps = {}
    for text in RANKING_QUERIES:
        quoted = text.replace("'", "''")
        exact = [line.split("|") for line in server.psql(
            f"SELECT practice_id, ts_rank(search_vector, seguia_search_query('{quoted}')) AS rank FROM practices "
            f"WHERE search_vector @@ seguia_search_query('{quoted}') AND status = 'published' AND confidentiality = 'public' "
            f"ORDER BY rank DESC, practice_id DESC").split()]
        ranks = {int(practice): float(rank) for practice, rank in exact}
        with urllib.request.urlopen(server.url + "/api/v1/practices?limit=10&q=" + urllib.parse.quote(text)) as response:
            page = json.load(response)
        expected = min(10, len(exact))
        threshold = float(exact[expected - 1][1]) if expected else 0
        belonging = sum(1 for item in page["items"][:10] if ranks.get(item["id"], -1) >= threshold - 1e-6)
        overlaps[text] = {"matches": len(exact), "overlap": belonging / expected if expected else 1.0}
    return overlaps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=SCALES, default="small")
    args = parser.parse_args()
    scale = SCALES[args.scale]
    duration = scale["duration"]
    started = time.time()
    work = tempfile.mkdtemp(prefix="seguia-bench-")
    os.chmod(work, 0o755)
    results = {}
    server = Server(work, 8092)
    try:
        log("data: territories, practices, values")
        territories = os.path.join(work, "territories.sql")
        with open(territories, "w") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "territories", "--per-parent", str(scale["per_parent"])],
                           stdout=out, check=True)
        subprocess.run(["psql", "-q", "-f", territories], env=server.pg_env, check=True, stdout=subprocess.DEVNULL)
        practices = os.path.join(work, "practices.jsonl")
        with open(practices, "w") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "practices", "--count", str(scale["api_practices"]),
                            "--per-parent", str(scale["per_parent"])], stdout=out, check=True)
        values = os.path.join(work, "values.csv")
        with open(values, "w") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "values", "--server", server.url, "--rows",
                            str(max(scale["report_values"], scale["import_rows"])), "--periods", "600"], stdout=out, check=True)

        # c. import through the API, then the same rows with psql \copy into a table of their shape.
        log("c. bulk import")
        head = os.path.join(work, "import.csv")
        with open(values) as source, open(head, "w") as out:
            for index, line in enumerate(source):
                if index > scale["import_rows"]:
                    break
                out.write(line)
        before = server.rss_kb()
        start = time.time()
        outcome = server.post("/api/v1/values/import", open(head, "rb").read(), "text/csv")
        api_seconds = time.time() - start
        server.psql("CREATE TABLE bench_copy (indicator text, territory text, period text, value numeric, disaggregation text, "
                    "source text, quality text)")
        start = time.time()
        subprocess.run(["psql", "-q", "-c", f"\\copy bench_copy FROM '{head}' WITH (FORMAT csv, HEADER true)"], env=server.pg_env, check=True)
        copy_seconds = time.time() - start
        # Not a target, a floor: the same rows inserted in SQL into a table of indicator_values'
        # shape (its indexes, checks and foreign keys), without reading, checking or merging them.
        server.psql("CREATE TABLE bench_shape (LIKE indicator_values INCLUDING ALL); "
                    "ALTER TABLE bench_shape ADD FOREIGN KEY (indicator_id) REFERENCES indicators, "
                    "ADD FOREIGN KEY (territory_id) REFERENCES territories")
        columns = "indicator_id, territory_id, period, period_start, period_end, disaggregation, vintage, value, source, quality, note, updated_by"
        start = time.time()
        server.psql(f"INSERT INTO bench_shape ({columns}) SELECT {columns} FROM indicator_values WHERE source LIKE 'Benchmark%'")
        shape_seconds = time.time() - start
        server.psql("DROP TABLE bench_shape")
        results["c"] = {"rows": outcome["rows"], "api": api_seconds, "copy": copy_seconds, "stored_shape": shape_seconds, "rss_before": before}

        # The remaining generated values, for the report over many values (not timed).
        if scale["report_values"] > scale["import_rows"]:
            rest = os.path.join(work, "rest.csv")
            with open(values) as source, open(rest, "w") as out:
                for index, line in enumerate(source):
                    if index == 0 or index > scale["import_rows"]:
                        out.write(line)
            server.post("/api/v1/values/import", open(rest, "rb").read(), "text/csv")
        server.psql("ANALYZE indicator_values")
        stored = int(server.psql("SELECT count(*) FROM indicator_values"))

        # d. export: a filtered export and everything, each against COPY of the server's own query.
        log("d. CSV export")
        results["d"] = []
        small_filter = "indicator=6.1.1"
        for query in [small_filter, ""]:
            path = "/api/v1/values.csv" + (f"?{query}" if query else "")
            peak = [server.rss_kb()]
            done = threading.Event()
            def sample():
                while not done.is_set():
                    peak[0] = max(peak[0], server.rss_kb())
                    time.sleep(0.05)
            sampler = threading.Thread(target=sample)
            sampler.start()
            start = time.time()
            with urllib.request.urlopen(server.url + path) as response:
                rows = sum(1 for _ in response) - 1
            api_seconds = time.time() - start
            done.set()
            sampler.join()
            sql = server.capture(path).strip().split(";\n")[-1].rstrip(";")
            start = time.time()
            subprocess.run(["psql", "-q", "-c", f"COPY ({sql}) TO STDOUT WITH CSV"], env=dict(server.pg_env, PGOPTIONS="-c jit=off"), check=True,
                           stdout=subprocess.DEVNULL)
            copy_seconds = time.time() - start
            results["d"].append({"rows": rows, "api": api_seconds, "copy": copy_seconds, "peak_rss": peak[0]})

        # b. the comparison report over every stored value.
        log("b. indicator comparison report")
        report = "/api/v1/reports/indicators?territories=FR,MA,PS,FR-OCC,MA-02&indicators=6.1.1,6.2.1,6.3.1,6.4.1,6.4.2,6.5.1"
        results["b"] = {"values": stored, "wrk": wrk(server.url + report, duration), "pgbench": pgbench(server, server.capture(report), duration)}

        # e. growth, and a. at the scale's comparison size.
        results["e"] = []
        loaded = 0
        for size in scale["growth"]:
            log(f"e. search with {size} practices")
            if size <= scale["api_practices"]:
                rate = load_practices(server, practices, loaded, size - loaded)
                loaded = size
                results.setdefault("load_rate", rate)
            else:
                clone_practices(server, size)
            server.psql("ANALYZE")
            measured = wrk(server.url + SEARCH, duration)
            broad = wrk(server.url + SEARCH_BROAD, duration)
            results["e"].append({"practices": int(server.psql("SELECT count(*) FROM practices")), **measured, "broad": broad})
            if size == scale["compare_at"]:
                log("a. search + filter + facets against pgbench and Datasette; the broad search; the search page")
                datasette = datasette_search(server, work, duration)
                results["a"] = {"practices": results["e"][-1]["practices"], "wrk": measured,
                                "pgbench": pgbench(server, server.capture(SEARCH), duration),
                                "datasette": datasette["filtered"], "broad": broad,
                                "broad_pgbench": pgbench(server, server.capture(SEARCH_BROAD), duration),
                                "broad_datasette": datasette["broad"], "page": wrk(server.url + SEARCH_PAGE, duration),
                                "ranking": ranking_quality(server)}
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    write_results(args.scale, results, time.time() - started)


def ratio(value):
    return f"{value:.2f}×"


def write_results(scale, results, elapsed):
    today = datetime.date.today().isoformat()
    cpu = re.search(r"model name\s+: (.*)", open("/proc/cpuinfo").read())
    memory = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1)) // 1048576
    versions = {
        "swift": run(["swift", "--version"]).split("\n")[0] if shutil.which("swift") else "?",
        "postgres": run(["psql", "--version"]).strip(),
        "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0],
        "datasette": run([os.path.join(VENV_BIN, "datasette"), "--version"]).strip(),
    }
    a, b, c, d, e = (results.get(key) for key in "abcde")
    lines = [
        f"# Benchmarks — {today} — scale {scale}",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu.group(1) if cpu else platform.processor()}), {memory} GiB, {platform.platform()}.",
        f"Versions: {versions['swift']}; {versions['postgres']}; {versions['wrk']}; datasette {versions['datasette']}.",
        f"Seguia release build; {CONNECTIONS} connections for wrk and pgbench; the whole run took {elapsed / 60:.1f} min.",
        "Ratios: Seguia's throughput divided by the reference's (above 1 is faster than the reference).",
        "",
        "| scenario | Seguia | reference | ratio | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    if a:
        lines.append(f"| a. search + filter + facets, {a['practices']:,} practices | {a['wrk']['rps']:.1f} req/s, p50 {a['wrk']['p50']:.1f} ms, "
                     f"p99 {a['wrk']['p99']:.1f} ms | pgbench (same SQL): {a['pgbench']['tps']:.1f} tps | "
                     f"{ratio(a['wrk']['rps'] / a['pgbench']['tps'])} | ≥ 1× |")
        lines.append(f"| a. (same) | | Datasette (SQLite FTS5, same question): {a['datasette']['rps']:.1f} req/s, p50 "
                     f"{a['datasette']['p50']:.1f} ms, p99 {a['datasette']['p99']:.1f} ms | "
                     f"{ratio(a['wrk']['rps'] / a['datasette']['rps'])} | |")
        if "broad" in a:
            lines.append(f"| a. broad search (words alone), {a['practices']:,} practices | {a['broad']['rps']:.1f} req/s, p50 "
                         f"{a['broad']['p50']:.1f} ms, p99 {a['broad']['p99']:.1f} ms | Datasette (same words, same facets): "
                         f"{a['broad_datasette']['rps']:.1f} req/s, p50 {a['broad_datasette']['p50']:.1f} ms | "
                         f"{ratio(a['broad']['rps'] / a['broad_datasette']['rps'])} | ≥ 3× |")
            lines.append(f"| a. (same) | | pgbench (same SQL): {a['broad_pgbench']['tps']:.1f} tps | "
                         f"{ratio(a['broad']['rps'] / a['broad_pgbench']['tps'])} | |")
            lines.append(f"| a. search page `{SEARCH_PAGE}` | p50 {a['page']['p50']:.1f} ms, {a['page']['rps']:.1f} req/s | the API's p50 for the "
                         f"same words: {a['broad']['p50']:.1f} ms | {ratio(a['page']['p50'] / a['broad']['p50'])} of that p50 | ≤ 1.2× |")
    if b:
        lines.append(f"| b. comparison report (json), {b['values']:,} values | {b['wrk']['rps']:.1f} req/s, p50 {b['wrk']['p50']:.1f} ms, "
                     f"p99 {b['wrk']['p99']:.1f} ms | pgbench (same SQL): {b['pgbench']['tps']:.1f} tps | "
                     f"{ratio(b['wrk']['rps'] / b['pgbench']['tps'])} | ≥ 0.7× |")
    if c:
        lines.append(f"| c. import {c['rows']:,} values (API) | {c['api']:.1f} s | psql \\copy of the same rows: {c['copy']:.1f} s | "
                     f"{ratio(c['copy'] / c['api'])} | ≥ 0.5× |")
        if "stored_shape" in c:
            lines.append(f"| c. (floor, not a target) | | INSERT of the same rows in SQL into a table with indicator_values' indexes, checks "
                         f"and foreign keys: {c['stored_shape']:.1f} s | {ratio(c['stored_shape'] / c['api'])} | |")
    for export in d or []:
        lines.append(f"| d. CSV export, {export['rows']:,} values | {export['api']:.1f} s, server peak RSS {export['peak_rss'] // 1024} MB | "
                     f"COPY (same query) TO STDOUT: {export['copy']:.1f} s | {ratio(export['copy'] / export['api'])} | ≥ 0.5×, < 150 MB |")
    if e:
        # The targets compare with the search at 10,000 practices; smaller steps with the first.
        base = next((step for step in e if step["practices"] in (10_000, 10_001)), e[0])
        for step in e:
            target = "≤ 2× at 100,000, ≤ 3× at 1,000,000"
            lines.append(f"| e. filtered search at {step['practices']:,} practices | p50 {step['p50']:.1f} ms, p99 {step['p99']:.1f} ms, "
                         f"{step['rps']:.1f} req/s | p50 at {base['practices']:,}: {base['p50']:.1f} ms | "
                         f"{ratio(step['p50'] / base['p50'])} of that p50 | {target} |")
            if "broad" in step and "broad" in base:
                lines.append(f"| e. broad search at {step['practices']:,} practices | p50 {step['broad']['p50']:.1f} ms, p99 "
                             f"{step['broad']['p99']:.1f} ms, {step['broad']['rps']:.1f} req/s | p50 at {base['practices']:,}: "
                             f"{base['broad']['p50']:.1f} ms | {ratio(step['broad']['p50'] / base['broad']['p50'])} of that p50 | {target} |")
    if a and "ranking" in a:
        lines += ["", f"Ranking at {a['practices']:,} practices: the share of the API's first ten results that belong in the exact first ten "
                  "(every match ranked by ts_rank in SQL; a result tied with the exact tenth belongs). Target ≥ 0.9.", "",
                  "| query | matches | overlap |", "| --- | --- | --- |"]
        for text, found in a["ranking"].items():
            lines.append(f"| {text} | {found['matches']:,} | {found['overlap']:.1f} |")
    if "load_rate" in results:
        lines += ["", f"Practices were created through `POST /api/v1/practices` at {results['load_rate']:.0f} per second (4 connections)."]
        if max(SCALES[scale]["growth"]) > SCALES[scale]["api_practices"]:
            lines[-1] += (f" Beyond {SCALES[scale]['api_practices']:,}, practices are copies of those (new slugs, same texts, "
                          "territories and themes) made in SQL.")
    lines += ["", "Raw figures:", "", "```json", json.dumps(results, indent=1, default=str), "```", ""]
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", f"{today}-{scale}.md")
    with open(path, "w") as out:
        out.write("\n".join(lines))
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
