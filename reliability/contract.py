"""schemathesis over /openapi.json, anonymous and with a publisher token, every check on.

Server errors and unanswered requests fail the suite. Other contract findings are counted
by check and listed with the reason each kind remains (EXPLAINED below): they are choices of
the API that the schema cannot state, not defects.
"""
import json
import os
import re
import subprocess
import tempfile

# Check codes whose remaining findings are explained rather than fixed.
EXPLAINED = {
    "ST202": "schema-valid requests refused (422, 412, 428): a well-formed code that names nothing (territory, theme, "
             "indicator) is 422 by design, as is a search or a list of codes the schema cannot bound (a text of stop words "
             "alone); an If-Match that is not the current ETag is 412 and `If-Match: *` 428, since neither says which "
             "revision the client read; a body valid field by field can still break a rule across fields (an empty title "
             "on create, an end before its start)",
    "ST201": "schema-violating requests answered 412 or 413 rather than 400/422: a malformed ETag fails the precondition, "
             "and a body over the size limit is refused as too large before it is read; neither is accepted",
    "ST203": "a change sent without If-Match is 428 Precondition Required (RFC 6585), which this check does not list "
             "among refusals; nothing is written",
    "ST302": "`GET /api/v1/practices/{id}/draft` is 404 for a sheet without a pending draft (a draft exists only while a "
             "published sheet is being changed); the stateful phase takes it for the practice it has just created",
}
FAILING = {"ST101"}  # server errors


def run(server, schemathesis, examples, editor_token, seed=6):
    figures, failures = {"requests": 0, "findings": {}, "server errors": 0, "unanswered": 0}, []
    for caller, token in (("anonymous", None), ("publisher", editor_token)):
        report = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
        command = [os.path.abspath(schemathesis), "run", f"http://127.0.0.1:{server.port}/openapi.json", "--checks", "all",
                   "--max-examples", str(examples), "--seed", str(seed), "--request-timeout", "15",
                   "--report", "json", "--report-json-path", report, "--workers", "2"]
        if token:
            command += ["--header", f"Authorization: Bearer {token}"]
        # Run from a scratch directory: schemathesis leaves a cache where it runs.
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=tempfile.gettempdir())
        with open(report) as report_file:
            data = json.load(report_file)
        os.unlink(report)
        figures["requests"] += data["test_cases"]["generated"]
        for failure in data["failures"]:
            key = f"{failure['code']} {failure['title']}"
            figures["findings"][key] = figures["findings"].get(key, 0) + failure["count"]
            figures.setdefault("where", {}).setdefault(key, set()).update(failure["operations"])
            if failure["code"] in FAILING or failure["code"] not in EXPLAINED:
                failures.append(f"{caller}: {key} ×{failure['count']} on {', '.join(failure['operations'][:6])}")
                if failure["code"] in FAILING:
                    figures["server errors"] += failure["count"]
        # Requests the server did not answer in time show as network errors; anything else
        # there is the tool's own trouble (a schema construct it cannot walk), counted apart.
        for error in data.get("errors") or []:
            text = str(error)
            if re.search(r"timed? ?out|Timeout|ConnectionError|RemoteDisconnected|Connection refused", text):
                figures["unanswered"] += 1
                failures.append(f"{caller}: no answer: {text[:300]}")
            else:
                figures["tool errors"] = figures.get("tool errors", 0) + 1
        if result.returncode not in (0, 1):
            failures.append(f"{caller}: schemathesis exited {result.returncode}: {result.stderr[-500:]}")
    figures["where"] = {key: ", ".join(sorted(operations)) for key, operations in figures.get("where", {}).items()}
    figures["explained"] = {code: reason for code, reason in EXPLAINED.items()
                            if any(key.startswith(code) for key in figures["findings"])}
    return figures, failures


def server_errors_in_log(log_path):
    """5xx answers the server logged, 503 aside (the database away is an answer, not an error)."""
    count = 0
    with open(log_path, errors="replace") as log:
        for line in log:
            match = re.search(r"http\.status=(5\d\d)", line)
            if match and match.group(1) != "503":
                count += 1
    return count
