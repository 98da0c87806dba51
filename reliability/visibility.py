"""Visibility probes: sheets that some callers must not see, looked for through every read
path and every format by every kind of caller.

The rule (README, "Practices"): anonymous callers see published public sheets only; a token
holder sees every sheet but the private ones of other organisations; administrators see all.
A probe counts a leak when a sheet's marker word shows in an answer it must not be in, and a
miss when a sheet that must be shown is not.
"""
import urllib.parse

OWNER, OTHER = "OCCITANIE-COOPERATION", "EXPERTS-SOLIDAIRES"

SHEETS = {
    # name: (status, confidentiality)
    "draft": ("draft", "public"),
    "review": ("in_review", "partners"),
    "partners": ("published", "partners"),
    "private": ("published", "private"),
    "privatedraft": ("draft", "private"),
    "public": ("published", "public"),
}


def may_see(caller, sheet):
    status, confidentiality = SHEETS[sheet]
    if caller == "admin":
        return True
    if caller == "anonymous":
        return status == "published" and confidentiality == "public"
    if confidentiality == "private":
        return caller == "owner"
    return True


def run(server):
    tokens = {
        "anonymous": None,
        "reader": server.create_token("probe-reader", "reader"),
        "owner": server.create_token("probe-owner", "publisher", OWNER),
        "other": server.create_token("probe-other", "publisher", OTHER),
        "admin": server.create_token("probe-admin", "admin"),
    }
    markers, paths = {}, {}
    for name, (status, confidentiality) in SHEETS.items():
        marker = f"sondevis{name}"
        body = {
            "title": f"Fiche {marker}", "organisation": OWNER, "status": status, "confidentiality": confidentiality,
            "territories": [{"code": "MA", "role": "lead"}], "themes": ["governance"],
            "summary": f"Résumé {marker}.",
            "sections": [{"key": "levers", "text": f"Levier {marker}."}, {"key": "lessons", "items": [f"Leçon {marker}"]}],
        }
        answer_status, headers, answer = server.json("POST", "/api/v1/practices", body, token=tokens["admin"])
        assert answer_status == 201, (answer_status, answer)
        markers[name] = marker
        paths[name] = (headers["location"], answer["slug"])

    def reads(sheet):
        location, slug = paths[sheet]
        marker = markers[sheet]
        theme_report = "/api/v1/reports/practices?territories=MA&themes=governance"
        yield "search", f"/api/v1/practices?q={marker}"
        yield "list", "/api/v1/practices?limit=100&territory=MA"
        for status in ("draft", "in_review", "published"):
            yield f"list status={status}", f"/api/v1/practices?status={status}&limit=100"
        yield "by id", location
        yield "by slug", f"/api/v1/practices/{urllib.parse.quote(slug)}"
        yield "revisions", location + "/revisions"
        yield "revision 1", location + "/revisions/1"
        yield "diff", location + "/revisions/1/diff?against=1"
        yield "evidence", location + "/evidence"
        for report_format in ("json", "csv", "xlsx", "md", "html"):
            yield f"practice report {report_format}", f"{theme_report}&format={report_format}"
            yield f"evidence {report_format}", f"{location}/evidence?format={report_format}"

    probes = leaks = misses = 0
    failures = []
    for caller, token in tokens.items():
        for sheet in SHEETS:
            expected = may_see(caller, sheet)
            for label, path in reads(sheet):
                status, _, data = server.request("GET", path, token=token)
                probes += 1
                if status >= 500:
                    failures.append(f"{caller} {label} of {sheet}: {status}")
                    continue
                # A refusal may echo the identifier asked for (the slug holds the marker): only answers count.
                shown = status < 400 and (markers[sheet].encode() in data or (path.endswith("xlsx") and _xlsx_contains(data, markers[sheet])))
                if shown and not expected:
                    leaks += 1
                    failures.append(f"LEAK: {caller} sees the {sheet} sheet through {label} ({path})")
                # A list, a search and a report show what matches; the sheet's own paths must answer it.
                if expected and not shown and label in ("search", "by id", "by slug", "revision 1"):
                    misses += 1
                    failures.append(f"miss: {caller} does not get the {sheet} sheet through {label} ({status})")
    return {"probes": probes, "leaks": leaks, "misses": misses}, failures


def _xlsx_contains(data, marker):
    import io
    import zipfile
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(marker.encode() in archive.read(name) for name in archive.namelist())
    except zipfile.BadZipFile:
        return False
