"""Documents at size: a 50 MiB file uploaded and downloaded while the server's memory is
watched; the bytes must come back identical, and the server's resident memory should not grow
by anything like the file's size.

python3 bench/documents.py --binary .build/release/seguia [--megabytes 50] [--rounds 3]
Writes bench/results/<date>-documents.md.
"""
import argparse
import datetime
import hashlib
import http.client
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reliability"))
from server import Server  # noqa: E402


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Watch:
    """Samples a process's resident memory every 20 ms and keeps the highest."""

    def __init__(self, pid):
        self.pid, self.peak, self.running = pid, rss_kib(pid), True
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.thread.join()
        return self.peak


def upload(port, token, payload, name):
    boundary = "seguia-bench-boundary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGros rapport {name}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.putrequest("POST", "/api/v1/documents")
    connection.putheader("Authorization", f"Bearer {token}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + len(payload) + len(tail)))
    connection.endheaders()
    connection.send(head)
    for start in range(0, len(payload), 1 << 20):
        connection.send(payload[start:start + (1 << 20)])
    connection.send(tail)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 201, (response.status, body[:300])
    import json
    return json.loads(body)["document"]["id"]


def download(port, token, document_id):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", f"/api/v1/documents/{document_id}/content", headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    digest, size = hashlib.sha256(), 0
    while True:
        block = response.read(1 << 20)
        if not block:
            break
        digest.update(block)
        size += len(block)
    connection.close()
    return response.status, digest.hexdigest(), size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/seguia")
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    server = Server(arguments.binary)
    server.start()
    rows = []
    try:
        token = server.create_token("bench-documents", "contributor", "OCCITANIE-COOPERATION")
        pid = server.process.pid
        baseline = rss_kib(pid)
        size = arguments.megabytes * 1024 * 1024 - 1024
        for round_number in range(arguments.rounds):
            # A different file each round (no sharing of stored bytes): a PDF header, then noise.
            payload = b"%PDF-1.7\n" + os.urandom(size)
            expected = hashlib.sha256(payload).hexdigest()
            before = rss_kib(pid)
            watch = Watch(pid)
            started = time.monotonic()
            document_id = upload(server.port, token, payload, f"bench-{round_number}")
            uploaded = time.monotonic() - started
            upload_peak = watch.stop()
            watch = Watch(pid)
            started = time.monotonic()
            status, digest, received = download(server.port, token, document_id)
            downloaded = time.monotonic() - started
            download_peak = watch.stop()
            assert status == 200 and digest == expected and received == len(payload), (status, received)
            rows.append((round_number + 1, len(payload) / 1048576, uploaded, downloaded, before / 1024, upload_peak / 1024, download_peak / 1024))
    finally:
        server.stop()
        server.cleanup()
    today = datetime.date.today().isoformat()
    lines = [
        f"# Documents at size — {today}", "",
        f"`python3 bench/documents.py --binary {arguments.binary} --megabytes {arguments.megabytes} --rounds {arguments.rounds}`, "
        f"{os.cpu_count()} cores. Each round uploads a new {arguments.megabytes} MiB file (PDF header, random bytes) as a "
        "multipart form and downloads it; the bytes come back identical (SHA-256 compared). Memory is the server process's "
        "resident set (VmRSS), sampled every 20 ms; the embedded PostgreSQL is another process, not counted.", "",
        f"Server resident memory before the first round: {baseline / 1024:.0f} MiB.", "",
        "| round | file (MiB) | upload (s) | download (s) | RSS before (MiB) | peak during upload (MiB) | peak during download (MiB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append("| %d | %.1f | %.2f | %.2f | %.0f | %.0f | %.0f |" % row)
    path = os.path.join(os.path.dirname(__file__), "results", f"{today}-documents.md")
    with open(path, "w") as output:
        output.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
