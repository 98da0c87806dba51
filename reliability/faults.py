"""Faults of the world around the server: PostgreSQL stopping under load, a client leaving an
export, the server killed during an import, many editors saving the same revision at once.
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def generated_values(server, rows, vintage):
    """A value file of `rows` rows for the server's own indicators and territories."""
    result = subprocess.run(
        [sys.executable, os.path.join(HERE, "..", "bench", "generate.py"), "values", "--server", f"http://127.0.0.1:{server.port}",
         "--rows", str(rows)], capture_output=True, check=True)
    lines = result.stdout.decode().splitlines()
    header = lines[0].split(",")
    if "vintage" not in header:
        lines = [lines[0] + ",vintage"] + [line + "," + vintage for line in lines[1:]]
    return ("\n".join(lines) + "\n").encode()


def database_outage(server, seconds_down=10, writers=8):
    """Writes go on while PostgreSQL is stopped for `seconds_down` s, then started again."""
    token = server.create_token("outage-admin", "admin")
    results, stop = [], threading.Event()

    def write(worker):
        attempt = 0
        while not stop.is_set():
            attempt += 1
            started = time.monotonic()
            try:
                status, headers, answer = server.json(
                    "POST", "/api/v1/practices", {"title": f"Panne {worker}-{attempt}"}, token=token, timeout=30)
            except OSError as error:
                status, headers, answer = f"no answer ({type(error).__name__})", {}, None
            results.append({"start": started, "elapsed": time.monotonic() - started, "status": status,
                            "retry_after": headers.get("retry-after"), "id": (answer or {}).get("id") if status == 201 else None})

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(writers)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    down_at = time.monotonic()
    stopped = server.pg_ctl("stop", "-m", "fast")
    time.sleep(seconds_down)
    up_at = time.monotonic()
    started = server.pg_ctl("start")
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join(60)

    failures = []
    if stopped.returncode or started.returncode:
        failures.append(f"pg_ctl: stop {stopped.returncode} {stopped.stderr[-200:]}, start {started.returncode} {started.stderr[-200:]}")
    statuses = Counter(str(result["status"]) for result in results)
    slow = [result for result in results if result["elapsed"] > 5]
    unanswered = [result for result in results if not isinstance(result["status"], int)]
    errors = [result for result in results if isinstance(result["status"], int) and result["status"] >= 500 and result["status"] != 503]
    without_retry = [result for result in results if result["status"] == 503 and not result["retry_after"]]
    during = [result for result in results if down_at <= result["start"] <= up_at]
    acknowledged = [result["id"] for result in results if result["id"]]
    stored = int(server.psql("SELECT count(*) FROM practices WHERE practice_id = ANY('{%s}'::bigint[])" % ",".join(map(str, acknowledged)))[0]) \
        if acknowledged else 0
    back = [result["start"] + result["elapsed"] - up_at for result in results if result["status"] == 201 and result["start"] >= up_at]
    recovery = min(back) if back else None
    for label, found in [("answered after 5 s", slow), ("never answered", unanswered), ("5xx other than 503", errors),
                         ("503 without Retry-After", without_retry)]:
        if found:
            failures.append(f"{len(found)} requests {label}")
    if stored != len(acknowledged):
        failures.append(f"{len(acknowledged) - stored} acknowledged writes lost")
    if recovery is None or recovery > 5:
        failures.append(f"service back {recovery} s after the database")
    sigterm = server.stop()
    if sigterm is None or sigterm > 10:
        failures.append(f"SIGTERM obeyed after {sigterm} s")
    return {
        "requests": len(results), "during the outage": len(during), "statuses": dict(statuses),
        "slowest s": round(max(result["elapsed"] for result in results), 2), "unanswered": len(unanswered),
        "acknowledged": len(acknowledged), "lost": len(acknowledged) - stored,
        "back after s": round(recovery, 2) if recovery is not None else None, "SIGTERM exit s": round(sigterm, 2) if sigterm else sigterm,
    }, failures


def abandoned_export(server, rows):
    """A client reads the first bytes of a large export and leaves; its query must be cancelled."""
    failures = []
    token = server.create_token("export-editor", "publisher")
    body = generated_values(server, rows, "abandon")
    status, _, answer = server.json("POST", "/api/v1/values/import", body, token=token, headers={"Content-Type": "text/csv"}, timeout=600)
    if status != 200:
        return {}, [f"the export's data could not be imported: {status} {str(answer)[:200]}"]
    timings = []
    for attempt in range(3):
        client = socket.create_connection(("127.0.0.1", server.port))
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.sendall(b"GET /api/v1/values.csv?vintage=abandon HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        client.recv(4096)
        time.sleep(1.0)  # the server is blocked writing to a client that does not read
        left = time.monotonic()
        client.close()
        cancelled = None
        while time.monotonic() - left < 5:
            # Client backends only: autovacuum analysing the freshly imported table shows there too.
            running = server.psql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                                  "AND query LIKE '%indicator_values%' AND state = 'active' AND pid <> pg_backend_pid()")
            if running == ["0"]:
                cancelled = time.monotonic() - left
                break
            time.sleep(0.05)
        started = time.monotonic()
        status, _, _ = server.request("GET", "/api/v1/values?limit=5&indicator=6.1.1")
        other = time.monotonic() - started
        timings.append((cancelled, other, status))
        if cancelled is None or cancelled > 1:
            still = server.psql("SELECT pid, state, wait_event, now() - query_start, left(query, 80) FROM pg_stat_activity "
                                "WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()")
            failures.append(f"attempt {attempt + 1}: the abandoned export's query ran on {cancelled} s after the client left: {still}")
        if other > 1 or status != 200:
            failures.append(f"attempt {attempt + 1}: the next request took {other:.2f} s ({status})")
    return {
        "rows": rows, "attempts": len(timings),
        "query gone after s (max)": round(max(t[0] or 99 for t in timings), 3),
        "next request s (max)": round(max(t[1] for t in timings), 3),
    }, failures


def killed_import(server, rows):
    """`kill -9` while a large import is in flight: none of its rows, and a clean restart."""
    token = server.create_token("killed-editor", "publisher")
    body = generated_values(server, rows, "killed")
    failures = []

    def send():
        try:
            server.request("POST", "/api/v1/values/import", body=body, token=token, headers={"Content-Type": "text/csv"}, timeout=600)
        except OSError:
            pass

    sender = threading.Thread(target=send)
    sender.start()
    # Kill once the import's transaction is under way in PostgreSQL.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        active = server.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%' AND state = 'active'")
        if active != ["0"]:
            break
        time.sleep(0.05)
    time.sleep(0.5)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    sender.join(60)
    restart = server.start()
    stored = int(server.psql("SELECT count(*) FROM indicator_values WHERE vintage = 'killed'")[0])
    if stored:
        failures.append(f"{stored} rows of the killed import are stored")
    if restart > 30:
        failures.append(f"the restart took {restart:.1f} s")
    return {"rows sent": rows, "rows stored": stored, "restart s": round(restart, 2)}, failures


def conflicting_edits(server, editors=100):
    """`editors` clients save the same revision at once: one wins, every other gets 412."""
    token = server.create_token("conflict-editor", "publisher")
    status, headers, _ = server.json("POST", "/api/v1/practices", {"title": "Conflit"}, token=token)
    path, etag = headers["location"], headers["etag"]
    barrier = threading.Barrier(editors)
    outcomes = []

    def edit(number):
        barrier.wait()
        status, _, _ = server.json("PATCH", path, {"summary": f"Version {number}"}, token=token, headers={"If-Match": etag}, timeout=60)
        outcomes.append((status, number))

    threads = [threading.Thread(target=edit, args=(number,)) for number in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    statuses = Counter(status for status, _ in outcomes)
    winners = [number for status, number in outcomes if status == 200]
    _, _, stored = server.json("GET", path, token=token)
    _, _, revisions = server.json("GET", path + "/revisions", token=token)
    failures = []
    if statuses.get(200) != 1 or statuses.get(412) != editors - 1:
        failures.append(f"statuses {dict(statuses)}")
    if winners and stored["summary"] != f"Version {winners[0]}":
        failures.append(f"the stored summary is {stored['summary']!r}, the winner wrote Version {winners[0]}")
    if len(revisions["items"]) != 2:
        failures.append(f"{len(revisions['items'])} revisions, expected 2")
    lost = 0 if winners and stored["summary"] == f"Version {winners[0]}" else 1
    return {"editors": editors, "statuses": dict(statuses), "revisions": len(revisions["items"]), "lost updates": lost}, failures
