"""The bad-input battery: inputs a careless client or an attacker sends, each checked for a
4xx (never a 5xx), no row changed, no database text in the answer, and an answer in time.
Then text full of HTML and spreadsheet formulas, accepted, and looked for in every output.
"""
import io
import json
import re
import time
import urllib.parse
import zipfile

OWNER = "OCCITANIE-COOPERATION"
DATABASE_TEXT = re.compile(
    rb"SQLSTATE|PSQLError|violates|duplicate key|syntax error at|relation \"|constraint \"|uq_|fk_|ck_|pg_catalog|postgres", re.I)
TABLES = ["practices", "practice_revisions", "practice_sections", "practice_section_texts", "indicator_values",
          "indicator_value_history", "saved_reports", "practice_territories", "practice_translations", "users", "user_sessions",
          "api_tokens", "notifications"]
PASSWORD = "une longue phrase de passe pour la batterie"
FORM = "application/x-www-form-urlencoded"


def snapshot(server):
    counts = server.psql("SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in TABLES)
                         + ", (SELECT coalesce(sum(revision), 0) FROM practices)"
                         + ", (SELECT coalesce(max(updated_at)::text, '') FROM indicator_values)")
    return counts[0]


def refused_cases(editor, practice_path, practice_etag, value_path, value_etag):
    """(label, method, path, body, headers, token, time bound in seconds)."""
    json_type = {"Content-Type": "application/json"}
    csv_type = {"Content-Type": "text/csv"}
    cases = []

    def add(label, method, path, body=None, headers=None, token=editor, bound=5):
        cases.append((label, method, path, body, headers or {}, token, bound))

    # NUL wherever text comes in.
    for route, names in {
        "/api/v1/practices": ["q", "theme", "organisation", "territory", "status", "lang"],
        "/api/v1/agreements": ["party"],
        "/api/v1/values": ["indicator", "disaggregation", "vintage", "territory"],
        "/api/v1/values/latest": ["indicator", "territories"],
        "/api/v1/reports/practices": ["territories", "themes"],
        "/api/v1/reports/indicators": ["territories", "indicators", "disaggregation"],
    }.items():
        for name in names:
            add(f"NUL in {name} of {route}", "GET", f"{route}?{name}=eau%00x")
    for field, body in {
        "title": {"title": "Puits\u0000"},
        "summary": {"title": "Puits", "summary": "a\u0000b"},
        "section text": {"title": "Puits", "sections": [{"key": "results", "text": "x\u0000"}]},
        "items": {"title": "Puits", "sections": [{"key": "results", "items": ["x\u0000"]}]},
        "quotes": {"title": "Puits", "sections": [{"key": "results", "quotes": [{"text": "x\u0000"}]}]},
        "source": {"title": "Puits", "source": "x\u0000"},
        "key": {"title": "Puits", "x\u0000": 1},
    }.items():
        add(f"NUL in a practice's {field}", "POST", "/api/v1/practices", json.dumps(body), json_type)
    add("NUL in a report name", "POST", "/api/v1/reports", json.dumps({"name": "r\u0000"}), json_type)
    add("NUL in a review reason", "PATCH", value_path, json.dumps({"review_flag": "suspect", "reason": "\u0000"}),
        {**json_type, "If-Match": value_etag})
    add("NUL in a CSV", "POST", "/api/v1/values/import", b"indicator,territory,period,value,source\n6.1.1,MA,2019,8\x000,s\n", csv_type)
    add("NUL in an imported document", "POST", "/api/v1/practices/import", b"# Titre\x00\n\ntexte\n", {"Content-Type": "text/plain"})

    # Bytes that are not UTF-8.
    add("invalid UTF-8 in a query", "GET", "/api/v1/practices?q=%FF%FE")
    add("invalid UTF-8 in a JSON body", "POST", "/api/v1/practices", b'{"title": "\xff\xfe"}', json_type)
    add("invalid UTF-8 in a CSV", "POST", "/api/v1/values/import", b"indicator,territory,period,value,source\n6.1.1,MA,2019,80,\xff\n", csv_type)
    add("a CSV declared UTF-16", "POST", "/api/v1/values/import", "indicator,territory\n".encode("utf-16"),
        {"Content-Type": "text/csv; charset=utf-16"})

    # Sizes.
    header = ",".join(f"c{index}" for index in range(100_000)) + "\n"
    add("a CSV header of 100,000 columns", "POST", "/api/v1/values/import", header.encode(), csv_type, bound=10)
    add("a CSV line of 5 MB", "POST", "/api/v1/values/import", b"indicator," + b"x" * 5_000_000 + b"\n", csv_type, bound=10)
    add("a repeated CSV column", "POST", "/api/v1/values/import",
        b"indicator,territory,period,value,source,value\n6.1.1,MA,2019,80,s,81\n", csv_type)
    add("a vintage of 3 kB", "POST", "/api/v1/values/import?vintage=" + "v" * 3000,
        b"indicator,territory,period,value,source\n6.1.1,MA,2019,80,s\n", csv_type)
    add("a vintage of 3 kB in a cell", "POST", "/api/v1/values/import",
        ("indicator,territory,period,value,source,vintage\n6.1.1,MA,2019,80,s," + "v" * 3000 + "\n").encode(), csv_type)
    add("a note of 900 kB", "POST", "/api/v1/values/import",
        ("indicator,territory,period,value,source,note\n6.1.1,MA,2019,80,s," + "n" * 900_000 + "\n").encode(), csv_type)
    add("a source of 10 MB", "POST", "/api/v1/practices", json.dumps({"title": "Puits", "source": "s" * 10_000_000}), json_type, bound=10)
    add("10,000 sections", "POST", "/api/v1/practices",
        json.dumps({"title": "Puits", "sections": [{"key": "results", "text": "x"}] * 10_000}), json_type, bound=10)
    add("a title of 100 kB", "POST", "/api/v1/practices", json.dumps({"title": "t" * 100_000}), json_type)
    add("JSON nested 100,000 deep", "POST", "/api/v1/practices", "[" * 100_000 + "]" * 100_000, json_type)
    add("a query of 100 kB", "GET", "/api/v1/practices?q=" + "eau%20" * 20_000)
    add("a period -2020", "POST", "/api/v1/values/import", b"indicator,territory,period,value,source\n6.1.1,MA,-2020,80,s\n", csv_type)
    add("a period 2021--", "POST", "/api/v1/values/import", b"indicator,territory,period,value,source\n6.1.1,MA,2021--,80,s\n", csv_type)

    # Types.
    add("a title that is a number", "POST", "/api/v1/practices", json.dumps({"title": 123}), json_type)
    add("sections that are a string", "POST", "/api/v1/practices", json.dumps({"title": "Puits", "sections": "x"}), json_type)
    add("territories that are an object", "POST", "/api/v1/practices", json.dumps({"title": "Puits", "territories": {}}), json_type)
    add("an unknown field", "POST", "/api/v1/practices", json.dumps({"title": "Puits", "is_admin": True}), json_type)
    add("a huge number", "POST", "/api/v1/reports", json.dumps({"name": "r", "from": 1e400}), json_type)
    add("a JSON array body", "POST", "/api/v1/practices", "[]", json_type)
    add("a non-numeric limit", "GET", "/api/v1/values?limit=abc")
    add("a negative offset", "GET", "/api/v1/values?offset=-1")
    add("a year out of range", "GET", "/api/v1/practices?from=99999")
    add("a revision out of range", "GET", practice_path + "/revisions/99999999999999999999")

    # Media types and methods.
    add("a practice sent as text", "POST", "/api/v1/practices", json.dumps({"title": "Puits"}), {"Content-Type": "text/plain"})
    add("values sent as JSON", "POST", "/api/v1/values/import", json.dumps({"rows": []}), json_type)
    add("a review sent as text", "PATCH", value_path, "review_flag=ok", {"Content-Type": "text/plain", "If-Match": value_etag})
    add("a document sent as PNG", "POST", "/api/v1/practices/import", b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"})
    add("TRACE", "TRACE", "/api/v1/practices")
    add("If-Match: *", "PATCH", practice_path, json.dumps({"summary": "x"}), {**json_type, "If-Match": "*"})
    add("a stale If-Match", "PATCH", practice_path, json.dumps({"summary": "x"}), {**json_type, "If-Match": '"999"'})

    # SQL and paths.
    for text in ["'; DROP TABLE practices; --", "1' OR '1'='1", "1; SELECT pg_sleep(10)", "\\'", "%' OR 1=1 --"]:
        quoted = text.replace("%", "%25").replace(" ", "%20").replace("'", "%27").replace(";", "%3B").replace("=", "%3D")
        add(f"SQL in territory: {text}", "GET", f"/api/v1/values?territory={quoted}")
        add(f"SQL in a practice identifier: {text}", "GET", f"/api/v1/practices/{quoted}")
        add(f"SQL in a theme: {text}", "GET", f"/api/v1/reports/practices?themes={quoted}")
        add(f"SQL in a slug: {text}", "POST", "/api/v1/practices", json.dumps({"title": "Puits", "slug": text}), json_type)
    for path in ["/api/v1/practices/..%2F..%2F..%2Fetc%2Fpasswd", "/api/v1/reports/..%2f..%2fetc%2fpasswd",
                 "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/territories/..%5c..%5cwindows", "/api/v1/practices/%2e%2e"]:
        add(f"path traversal {path}", "GET", path)
    add("a path with NUL", "GET", "/api/v1/practices/abc%00def")
    return cases


def signed_in(server, email):
    """Signs in through the page's form, as a browser would: (session cookie, a form token of the session)."""
    _, headers, page = server.request("GET", "/fr/sign-in")
    form_cookie = re.search(r"seguia_form=([^;]+)", headers.get("set-cookie", "")).group(1)
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode({"csrf": token, "email": email, "password": PASSWORD})
    _, headers, _ = server.request("POST", "/fr/sign-in", body=body, headers={"Content-Type": FORM, "Cookie": f"seguia_form={form_cookie}"})
    session = re.search(r"seguia_session=([^;]+)", headers["set-cookie"]).group(1)
    _, _, page = server.request("GET", "/fr/account", headers={"Cookie": f"seguia_session={session}"})
    return session, re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()


def form_cases(server, session, token, slug):
    """Page forms sent without their token, with another, from another site, or with NUL: each a 4xx."""
    cases = []
    cookie = {"Cookie": f"seguia_session={session}", "Content-Type": FORM}
    routes = ["/fr/practices/new", f"/fr/practices/{slug}/edit", f"/fr/practices/{slug}/workflow", f"/fr/practices/{slug}/translate",
              f"/fr/practices/{slug}/restore", "/fr/account/tokens", "/fr/account/password", "/fr/admin/accounts",
              "/fr/admin/accounts/disable", "/fr/sign-out-everywhere", "/fr/work/read"]
    fields = {"title": "Forgée", "name": "forgé", "action": "submit", "message": "x", "revision": "1", "number": "1", "current": "1",
              "email": "battery@seguia.test", "do": "save", "sections": "0"}
    for route in routes:
        cases.append((f"{route} without its form token", "POST", route, urllib.parse.urlencode(fields), cookie, None, 5))
        cases.append((f"{route} with another token", "POST", route, urllib.parse.urlencode({**fields, "csrf": "forged"}), cookie, None, 5))
        cases.append((f"{route} from another site", "POST", route, urllib.parse.urlencode({**fields, "csrf": token}),
                      {**cookie, "Origin": "https://evil.example"}, None, 5))
    cases.append(("NUL in a sheet written in the editor", "POST", "/fr/practices/new",
                  urllib.parse.urlencode({**fields, "csrf": token, "title": "Puits\u0000"}), cookie, None, 5))
    cases.append(("the sign-in form without its token", "POST", "/fr/sign-in",
                  urllib.parse.urlencode({"email": "battery@seguia.test", "password": PASSWORD}), {"Content-Type": FORM}, None, 5))
    boundary = "battery-boundary"
    upload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n# Titre\r\n--{boundary}--\r\n").encode()
    cases.append(("an import without its form token", "POST", "/fr/practices/import", upload,
                  {"Cookie": f"seguia_session={session}", "Content-Type": f"multipart/form-data; boundary={boundary}"}, None, 5))
    return cases


def accepted_markup(server, editor, admin):
    """Stores HTML and formulas in every text field, then reads every output that shows them."""
    failures = []
    script = "<script>alert('xss')</script>"
    image = '<img src=x onerror="alert(1)">'
    html = f"Puits {script} {image} & \"guillemets\""
    formula = '=HYPERLINK("http://attacker.example/","cliquer")'
    body = {
        "title": f"Marquage {script}", "summary": html, "organisation": OWNER, "status": "published", "source": formula,
        "territories": [{"code": "MA-TAR", "role": "lead"}], "themes": ["governance"],
        "organisations": [{"code": OWNER, "role": image}],
        "sections": [
            {"key": "levers", "title": image, "text": html, "items": [formula, script], "quotes": [{"text": script, "speaker": image}]},
            {"key": "limits", "text": formula}, {"key": "lessons", "items": ["@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3"]},
        ],
    }
    status, headers, answer = server.json("POST", "/api/v1/practices", body, token=admin)
    if status != 201:
        return {"outputs": 0}, [f"the marked-up sheet was refused: {status} {answer}"]
    location = headers["location"]
    csv = f"indicator,territory,period,value,source,note\n6.1.1,MA-TAR,2019,81,\"{formula.replace(chr(34), chr(34) * 2)}\",{script}\n"
    status, _, answer = server.json("POST", "/api/v1/values/import", csv, token=editor, headers={"Content-Type": "text/csv"})
    if status != 200:
        failures.append(f"the value with a formula was refused: {status} {answer}")

    outputs = 0
    raw_markup = [script.encode(), b"<img src=x", b"onerror=\"alert"]
    for path in [f"/api/v1/reports/practices?territories=MA&themes=governance&format=html",
                 f"{location}/evidence?format=html", "/api/v1/reports/indicators?territories=MA-TAR&indicators=6.1.1&format=html",
                 "/api/v1/practices?q=Marquage"]:
        status, _, data = server.request("GET", path)
        outputs += 1
        if status != 200:
            failures.append(f"{path}: {status}")
        elif "format=html" in path and any(markup in data for markup in raw_markup):
            failures.append(f"{path}: markup a user wrote is in the page unescaped")
        elif "q=" in path:
            snippets = [item.get("snippet") or "" for item in json.loads(data)["items"]]
            if any("<script" in snippet or "<img" in snippet for snippet in snippets):
                failures.append(f"{path}: a snippet carries markup a user wrote")
    for path in ["/api/v1/reports/practices?territories=MA&themes=governance&format=csv",
                 "/api/v1/values.csv?territory=MA-TAR&indicator=6.1.1",
                 "/api/v1/reports/indicators?territories=MA-TAR&indicators=6.1.1&format=csv"]:
        status, _, data = server.request("GET", path)
        outputs += 1
        text = data.decode("utf-8-sig", errors="replace")
        for cell in _csv_cells(text):
            if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not re.fullmatch(r"-[0-9.]+", cell)):
                failures.append(f"{path}: the cell {cell[:40]!r} would run as a formula")
                break
    for path in ["/api/v1/reports/practices?territories=MA&themes=governance&format=xlsx",
                 "/api/v1/reports/indicators?territories=MA-TAR&indicators=6.1.1&format=xlsx"]:
        status, _, data = server.request("GET", path)
        outputs += 1
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    if name.startswith("xl/worksheets/"):
                        part = archive.read(name)
                        if b"<f>" in part or b"<f " in part:
                            failures.append(f"{path}: {name} holds a formula")
        except zipfile.BadZipFile:
            failures.append(f"{path}: not a workbook ({status})")
    return {"outputs": outputs}, failures


def _csv_cells(text):
    import csv
    separator = ";" if text.count(";") > text.count(",") else ","
    for row in csv.reader(io.StringIO(text), delimiter=separator):
        yield from (cell.strip() for cell in row if cell.strip())


def run(server):
    editor = server.create_token("battery-editor", "publisher", OWNER)
    admin = server.create_token("battery-admin", "admin")
    status, headers, _ = server.json("POST", "/api/v1/practices", {"title": "Fiche de la batterie", "organisation": OWNER}, token=editor)
    practice_path, practice_etag = headers["location"], headers["etag"]
    _, _, page = server.json("GET", "/api/v1/values?limit=1", token=editor)
    value_path = f"/api/v1/values/{page['items'][0]['id']}"
    value_etag = server.request("GET", value_path)[1]["etag"]
    server.create_account("battery@seguia.test", "Batterie", "admin", PASSWORD)
    session, form_token = signed_in(server, "battery@seguia.test")
    slug = server.json("GET", practice_path, token=editor)[2]["slug"]

    failures = []
    before = snapshot(server)
    cases = refused_cases(editor, practice_path, practice_etag, value_path, value_etag) + form_cases(server, session, form_token, slug)
    server_errors = slow = database_text = accepted = 0
    slowest = 0.0
    for label, method, path, body, headers, token, bound in cases:
        started = time.monotonic()
        try:
            status, answer_headers, data = server.request(method, path, body=body, headers=headers, token=token, timeout=bound + 30)
        except OSError as error:
            failures.append(f"{label}: no answer ({error})")
            server_errors += 1
            continue
        elapsed = time.monotonic() - started
        slowest = max(slowest, elapsed)
        if status >= 500:
            server_errors += 1
            failures.append(f"{label}: {status} {data[:200]!r}")
        elif not 400 <= status < 500:
            accepted += 1
            failures.append(f"{label}: accepted ({status})")
        if DATABASE_TEXT.search(data):
            database_text += 1
            failures.append(f"{label}: the answer holds database text: {data[:300]!r}")
        if elapsed > bound:
            slow += 1
            failures.append(f"{label}: {elapsed:.1f} s (bound {bound} s)")
    after = snapshot(server)
    rows_changed = 0 if before == after else 1
    if rows_changed:
        failures.append(f"refused requests changed rows: {before} → {after}")
    markup_figures, markup_failures = accepted_markup(server, editor, admin)
    failures += markup_failures
    return {
        "refused inputs": len(cases), "5xx": server_errors, "accepted": accepted, "rows changed": rows_changed,
        "database text": database_text, "over time": slow, "slowest s": round(slowest, 2),
        "outputs checked": markup_figures["outputs"], "escaping failures": len(markup_failures),
    }, failures
