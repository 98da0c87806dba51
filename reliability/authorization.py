"""The authorization matrix: every write route tried by every kind of caller, against the
table of the README (section "Who may write what"), which is the matrix's only statement.

Callers: anonymous, reader, contributor and reviewer of the owning organisation (A), publisher
of A, publisher of another organisation (B), administrator. Each attempt is made on a sheet (or value) of its own, so one
caller's success does not change what the next one meets.
"""
import os
import re

CALLERS = ["anonymous", "reader", "contributor", "reviewer", "publisher", "other publisher", "admin"]
OWNER, OTHER = "OCCITANIE-COOPERATION", "EXPERTS-SOLIDAIRES"


def readme_table(readme_path):
    """{route label: {caller: expected status}} read from the README's table."""
    text = open(readme_path, encoding="utf-8").read()
    section = text.split("### Who may write what", 1)[1]
    table = {}
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 1 + len(CALLERS) or not cells[0].startswith("`"):
            continue
        table[cells[0].strip("`")] = dict(zip(CALLERS, (int(re.sub(r"\D", "", cell)) for cell in cells[1:])))
    return table


class Fixtures:
    def __init__(self, server):
        self.server = server
        self.tokens = {
            "anonymous": None,
            "reader": server.create_token("matrix-reader", "reader"),
            "contributor": server.create_token("matrix-contributor", "contributor", OWNER),
            "reviewer": server.create_token("matrix-reviewer", "reviewer", OWNER),
            "publisher": server.create_token("matrix-publisher", "publisher", OWNER),
            "other publisher": server.create_token("matrix-other", "publisher", OTHER),
            "admin": server.create_token("matrix-admin", "admin"),
        }
        self.count = 0

    def sheet(self, **fields):
        """A new sheet owned by A, made by the administrator; returns (path, etag)."""
        self.count += 1
        body = {"title": f"Matrice {self.count}", "organisation": OWNER, "summary": "Fiche de la matrice."}
        body.update(fields)
        status, headers, answer = self.server.json("POST", "/api/v1/practices", body, token=self.tokens["admin"])
        assert status == 201, (status, answer)
        return headers["location"], headers["etag"]

    def pending_draft(self, status="draft"):
        """A published sheet of A with a pending draft (made by the administrator); returns (path, etag)."""
        path, etag = self.sheet(status="published")
        change = {"summary": "Nouvelle version de la matrice."}
        if status == "in_review":
            change.update(status="in_review", message="Matrice : à relire")
        code, headers, answer = self.server.json("PATCH", path, change, token=self.tokens["admin"], headers={"If-Match": etag})
        assert code == 200 and answer.get("is_pending_draft"), (code, answer)
        return path, headers["etag"]

    def document(self):
        """A document of A (uploaded by A's contributor); returns (path, etag)."""
        self.count += 1
        status, headers, answer = self.server.upload(
            "/api/v1/documents", [("title", f"Document de la matrice {self.count}")], f"matrice-{self.count}.txt",
            f"Compte rendu {self.count} de la matrice.".encode(), token=self.tokens["contributor"])
        assert status == 201, (status, answer)
        return headers["location"], headers["etag"]

    def person(self):
        """A person of A (added by A's contributor); returns (path, etag)."""
        self.count += 1
        status, headers, answer = self.server.json(
            "POST", "/api/v1/people", {"name": f"Personne de la matrice {self.count}"}, token=self.tokens["contributor"])
        assert status == 201, (status, answer)
        return headers["location"], headers["etag"]

    def value(self):
        """A stored value id and its ETag."""
        status, _, answer = self.server.json("GET", "/api/v1/values?limit=1&offset=%d" % self.count, token=self.tokens["admin"])
        self.count += 1
        value_id = answer["items"][0]["id"]
        status, headers, _ = self.server.json("GET", f"/api/v1/values/{value_id}")
        return f"/api/v1/values/{value_id}", headers["etag"]


def attempts(fixtures):
    """{route label: function(token) -> status}."""
    server = fixtures.server

    def patch(fields, **sheet):
        def attempt(token):
            path, etag = fixtures.sheet(**sheet)
            return server.json("PATCH", path, fields, token=token, headers={"If-Match": etag})[0]
        return attempt

    def create(**fields):
        def attempt(token):
            body = {"title": "Création de la matrice", "organisation": OWNER, **fields}
            return server.json("POST", "/api/v1/practices", body, token=token)[0]
        return attempt

    def on_draft(method, suffix, fields=None, status="draft"):
        def attempt(token):
            path, etag = fixtures.pending_draft(status)
            if fields is None:
                return server.request(method, path + suffix, token=token, headers={"If-Match": etag})[0]
            return server.json(method, path + suffix, fields, token=token, headers={"If-Match": etag})[0]
        return attempt

    def upload_document(token):
        fixtures.count += 1
        return server.upload("/api/v1/documents", [("title", "Téléversé par la matrice")], f"televerse-{fixtures.count}.txt",
                             f"Texte {fixtures.count}.".encode(), token=token)[0]

    def change_document(token):
        path, etag = fixtures.document()
        return server.json("PATCH", path, {"title": "Renommé par la matrice"}, token=token, headers={"If-Match": etag})[0]

    def remove_document(token):
        path, etag = fixtures.document()
        return server.request("DELETE", path, token=token, headers={"If-Match": etag})[0]

    def add_person(token):
        fixtures.count += 1
        return server.json("POST", "/api/v1/people", {"name": f"Ajoutée par la matrice {fixtures.count}"}, token=token)[0]

    def change_person(token):
        path, etag = fixtures.person()
        return server.json("PATCH", path, {"job_title": "Changée par la matrice"}, token=token, headers={"If-Match": etag})[0]

    def erase_person(token):
        path, etag = fixtures.person()
        return server.request("DELETE", path, token=token, headers={"If-Match": etag})[0]

    def put(token):
        path, etag = fixtures.sheet()
        return server.json("PUT", path, {"title": "Remplacée", "organisation": OWNER}, token=token, headers={"If-Match": etag})[0]

    def archive(token):
        path, etag = fixtures.sheet(status="published")
        return server.request("DELETE", path, token=token, headers={"If-Match": etag})[0]

    def import_document(token):
        text = "# Fiche importée de la matrice\n\n## Contexte\n\nUn puits partagé.\n"
        return server.request("POST", "/api/v1/practices/import?save=true", body=text, token=token,
                              headers={"Content-Type": "text/markdown"})[0]

    def import_values(token):
        csv = "indicator,territory,period,value,source\n6.1.1,MA,2019,80,Matrice d'autorisation\n"
        return server.request("POST", "/api/v1/values/import?dry_run=true", body=csv, token=token,
                              headers={"Content-Type": "text/csv"})[0]

    def review(token):
        path, etag = fixtures.value()
        return server.json("PATCH", path, {"review_flag": "suspect", "reason": "matrice"}, token=token, headers={"If-Match": etag})[0]

    def save_report(token):
        fixtures.count += 1
        return server.json("POST", "/api/v1/reports", {"name": f"Matrice {fixtures.count}", "territories": ["MA"]}, token=token)[0]

    return {
        "POST /api/v1/practices (draft)": create(),
        "POST /api/v1/practices (published)": create(status="published"),
        "POST /api/v1/practices/import?save=true": import_document,
        "POST /api/v1/practices (draft, naming the other organisation)": create(organisations=[{"code": OTHER, "role": "rédaction"}]),
        "PATCH /api/v1/practices/{id} (content)": patch({"summary": "Réécrite."}),
        "PATCH /api/v1/practices/{id} (content, naming the other organisation)": patch(
            {"summary": "Réécrite."}, organisations=[{"code": OTHER, "role": "rédaction"}]),
        "PATCH /api/v1/practices/{id} (content of a published sheet: its draft)": patch({"summary": "Réécrite."}, status="published"),
        "PATCH /api/v1/practices/{id} (publish its draft)": on_draft("PATCH", "", {"status": "published"}, status="in_review"),
        "DELETE /api/v1/practices/{id}/draft": on_draft("DELETE", "/draft"),
        "PUT /api/v1/practices/{id}": put,
        "PATCH /api/v1/practices/{id} (publish)": patch({"status": "published"}, status="in_review"),
        "PATCH /api/v1/practices/{id} (owner)": patch({"organisation": OTHER}),
        "PATCH /api/v1/practices/{id} (confidentiality)": patch({"confidentiality": "private"}),
        "DELETE /api/v1/practices/{id} (archive a published sheet)": archive,
        "POST /api/v1/documents": upload_document,
        "PATCH /api/v1/documents/{id}": change_document,
        "DELETE /api/v1/documents/{id}": remove_document,
        "POST /api/v1/people": add_person,
        "PATCH /api/v1/people/{id}": change_person,
        "DELETE /api/v1/people/{id}": erase_person,
        "POST /api/v1/values/import": import_values,
        "PATCH /api/v1/values/{id}": review,
        "POST /api/v1/reports": save_report,
    }


def run(server, readme_path):
    """Returns (figures, failures)."""
    expected = readme_table(readme_path)
    fixtures = Fixtures(server)
    routes = attempts(fixtures)
    failures = []
    missing = sorted(set(routes) - set(expected)) + sorted(set(expected) - set(routes))
    for label in missing:
        failures.append(f"{label}: in the README's table or in the suite, not in both")
    tried = 0
    for label, attempt in routes.items():
        if label not in expected:
            continue
        for caller in CALLERS:
            got = attempt(fixtures.tokens[caller])
            tried += 1
            if got != expected[label][caller]:
                failures.append(f"{label} as {caller}: {got}, the README says {expected[label][caller]}")
    bypasses = sum(1 for failure in failures if re.search(r": 2\d\d, the README says [45]", failure))
    return {"attempts": tried, "routes": len(routes), "mismatches": len(failures), "bypasses": bypasses}, failures
