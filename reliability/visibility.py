"""Visibility probes: sheets that some callers must not see, looked for through every read
path and every format by every kind of caller.

The rule (README, "Practices"): anonymous callers see published public sheets only; a token
holder sees every sheet but the private ones of other organisations; administrators see all.
Documents follow the same rule by their confidentiality (README, "Documents").
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
    for more in (documents(server, tokens, paths["public"][1]), people(server, tokens)):
        figures, found = more
        probes += figures["probes"]
        leaks += figures["leaks"]
        misses += figures["misses"]
        failures += found
    return {"probes": probes, "leaks": leaks, "misses": misses}, failures


def people(server, tokens):
    """A focal point's contact details: read through the API by any token, seen by no visitor anywhere."""
    phone, email = "+970 9 555 0199", "sondevispersonne@example.org"
    status, _, answer = server.json("POST", "/api/v1/people", {
        "name": "Sondevis Personne", "email": email, "phone": phone, "consent_on": "2022-03-14",
        "roles": [{"role": "focal_point", "agreement": AGREEMENT}],
    }, token=tokens["owner"])
    assert status == 201, (status, answer)
    identifier = answer["id"]
    api = [("api list", "/api/v1/people"), ("api by agreement", f"/api/v1/people?agreement={AGREEMENT}"), ("api by id", f"/api/v1/people/{identifier}")]
    pages = [("agreement page", f"/fr/agreements/{AGREEMENT}"), ("organisation page", f"/ar/organisations/{OWNER}"),
             ("practice search", "/fr/practices?q=Sondevis"), ("document search", "/fr/documents?q=Sondevis"),
             ("values export", "/api/v1/values.csv?limit=10"), ("report", "/api/v1/reports/practices?format=html")]
    probes = leaks = misses = 0
    failures = []
    for caller, token in tokens.items():
        for label, path in api + (pages if caller == "anonymous" else []):
            status, _, data = server.request("GET", path, token=token)
            probes += 1
            if status >= 500:
                failures.append(f"{caller} {label} of the person: {status}")
                continue
            shown = status < 400 and (email.encode() in data or b"555 0199" in data)
            if shown and caller == "anonymous":
                leaks += 1
                failures.append(f"LEAK: {caller} sees a person's contact details through {label} ({path})")
            if not shown and caller != "anonymous" and label == "api by id":
                misses += 1
                failures.append(f"miss: {caller} does not get the person through {label} ({status})")
    return {"probes": probes, "leaks": leaks, "misses": misses}, failures


# Documents: name -> confidentiality; each is a text file holding its marker, linked to the
# public sheet and to an agreement, so that every list that shows documents is tried.
DOCUMENTS = {"docpublic": "public", "docpartners": "partners", "docprivate": "private"}
AGREEMENT = "OCCITANIE-TUBAS-2019-2022"


def may_see_document(caller, confidentiality):
    if caller == "admin" or confidentiality == "public":
        return True
    if caller == "anonymous":
        return False
    return confidentiality == "partners" or caller == "owner"


def documents(server, tokens, public_slug):
    """The same probes for documents, through the API and the pages (the pages as visitors see them)."""
    ids, markers = {}, {}
    for name, confidentiality in DOCUMENTS.items():
        marker = f"sondevis{name}"
        status, _, answer = server.upload(
            "/api/v1/documents",
            [("title", f"Document {marker}"), ("confidentiality", confidentiality), ("practice", public_slug), ("agreement", AGREEMENT),
             ("kind", "mission_report"), ("language", "fr")],
            f"{marker}.txt", f"Compte rendu {marker} de la mission.".encode(), token=tokens["owner"])
        assert status == 201, (status, answer)
        ids[name], markers[name] = answer["document"]["id"], marker

    # A meeting of each confidentiality, its minutes the document of the same one, on the agreement and on the sheet.
    for name, confidentiality in DOCUMENTS.items():
        for subject in ({"agreement": AGREEMENT}, {"practice": public_slug}):
            status, _, answer = server.json("POST", "/api/v1/meetings", {
                **subject, "held_on": "2022-06-01", "title": f"Réunion {markers[name]}", "minutes": ids[name], "confidentiality": confidentiality,
            }, token=tokens["owner"])
            assert status == 201, (status, answer)

    def reads(name):
        marker, identifier = markers[name], ids[name]
        yield "api activity of the agreement", f"/api/v1/activity?agreement={AGREEMENT}"
        yield "api activity of the sheet", f"/api/v1/activity?practice={public_slug}"
        yield "api search", f"/api/v1/documents?q={marker}"
        yield "api list", "/api/v1/documents?limit=100"
        yield "api by agreement", f"/api/v1/documents?agreement={AGREEMENT}&limit=100"
        yield "api by practice", f"/api/v1/documents?practice={public_slug}&limit=100"
        yield "api by id", f"/api/v1/documents/{identifier}"
        yield "api content", f"/api/v1/documents/{identifier}/content"

    def page_reads(name):
        marker, identifier = markers[name], ids[name]
        yield "page search", f"/fr/documents?q={marker}"
        yield "page list", "/ar/documents"
        yield "agreement page", f"/fr/agreements/{AGREEMENT}"
        yield "practice page", f"/en/practices/{public_slug}"
        yield "page file", f"/fr/documents/{identifier}/file"

    probes = leaks = misses = 0
    failures = []
    for caller, token in tokens.items():
        for name, confidentiality in DOCUMENTS.items():
            expected = may_see_document(caller, confidentiality)
            paths = list(reads(name)) + (list(page_reads(name)) if caller == "anonymous" else [])
            for label, path in paths:
                status, _, data = server.request("GET", path, token=token)
                probes += 1
                if status >= 500:
                    failures.append(f"{caller} {label} of {name}: {status}")
                    continue
                # A page's search box holds the words searched: there the title or the text must show, not the word alone.
                marker = markers[name]
                seen = (f"Document {marker}".encode() in data or f"Compte rendu {marker}".encode() in data or f"Réunion {marker}".encode() in data) \
                    if label.startswith("page") or label.endswith("page") else marker.encode() in data
                shown = status < 400 and seen
                if shown and not expected:
                    leaks += 1
                    failures.append(f"LEAK: {caller} sees the {name} document through {label} ({path})")
                if expected and not shown and label in ("api search", "api by id", "api content", "page search", "page file",
                                                        "api activity of the agreement", "api activity of the sheet"):
                    misses += 1
                    failures.append(f"miss: {caller} does not get the {name} document through {label} ({status})")
    return {"probes": probes, "leaks": leaks, "misses": misses}, failures


def _xlsx_contains(data, marker):
    import io
    import zipfile
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(marker.encode() in archive.read(name) for name in archive.namelist())
    except zipfile.BadZipFile:
        return False
