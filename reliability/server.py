"""A Seguia server on its embedded PostgreSQL, started for the suite and stopped after it.

Everything goes to loopback: the server listens on 127.0.0.1 and its cluster on a loopback port.
"""
import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, binary, data_dir=None):
        self.binary = os.path.abspath(binary)
        self.owned_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="seguia-reliability-")
        self.port = free_port()
        self.process = None
        self.log_path = os.path.join(self.data_dir, "server.out")
        self.tokens = {}
        self.log_level = "notice"

    # Lifecycle

    def start(self, timeout=180):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port), "--data-dir", self.data_dir],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "SEGUIA_LOG_LEVEL": self.log_level},
        )
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.log_path}")
            try:
                status, _, _ = self.request("GET", "/health", timeout=2)
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not answer /health in time")

    def stop(self, sig=signal.SIGTERM, timeout=60):
        """Sends `sig` and returns the seconds the server took to exit (None: it did not)."""
        if self.process is None or self.process.poll() is not None:
            return 0.0
        started = time.monotonic()
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None
        return time.monotonic() - started

    def kill(self):
        self.process.kill()
        self.process.wait()

    def cleanup(self):
        self.stop()
        # The embedded cluster outlives a killed server (the next start adopts it): stop it here.
        if self.cluster_running():
            self.pg_ctl("stop", "-m", "immediate")
        if self.owned_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    # The embedded cluster, driven as its owner would

    @property
    def cluster_dir(self):
        return os.path.join(self.data_dir, "postgres")

    def pg_ctl(self, *arguments):
        owner = pwd.getpwuid(os.stat(self.cluster_dir).st_uid).pw_name
        pg_ctl = shutil.which("pg_ctl") or sorted(
            os.path.join("/usr/lib/postgresql", version, "bin", "pg_ctl") for version in os.listdir("/usr/lib/postgresql"))[-1]
        command = [pg_ctl, *arguments, "-D", self.cluster_dir, "-w"]
        if arguments[0] == "start":
            command += ["-l", os.path.join(self.data_dir, "run", "server.log")]
        if os.getuid() == 0 and owner != "root":
            command = ["runuser", "-u", owner, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, cwd="/")

    def cluster_running(self):
        return os.path.exists(os.path.join(self.cluster_dir, "postmaster.pid"))

    def psql(self, sql):
        """Runs SQL as the server's own database user; returns the output rows."""
        with open(os.path.join(self.cluster_dir, "postmaster.pid")) as pid_file:
            port = pid_file.read().splitlines()[3]
        with open(os.path.join(self.data_dir, "credentials")) as credentials_file:
            credentials = json.load(credentials_file)
        psql = shutil.which("psql") or "/usr/bin/psql"
        result = subprocess.run(
            [psql, "-h", "127.0.0.1", "-p", port, "-U", credentials["username"], "-d", "seguia", "-At", "-c", sql],
            capture_output=True, text=True, env={**os.environ, "PGPASSWORD": credentials["password"]})
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        return [line for line in result.stdout.splitlines() if line]

    # Tokens

    def create_token(self, name, role, organisation=None):
        command = [self.binary, "token", "create", "--data-dir", self.data_dir, "--name", name, "--role", role]
        if organisation:
            command += ["--organisation", organisation]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        token = result.stdout.strip().splitlines()[-1]
        self.tokens[name] = token
        return token

    # Accounts

    def create_account(self, email, name, role, password, organisation=None, languages=None):
        command = [self.binary, "user", "create", "--data-dir", self.data_dir, "--email", email, "--name", name, "--role", role,
                   "--password-stdin"]
        if organisation:
            command += ["--organisation", organisation]
        if languages:
            command += ["--languages", languages]
        subprocess.run(command, input=password + "\n", capture_output=True, text=True, check=True)

    # HTTP

    def request(self, method, path, body=None, headers=None, token=None, timeout=30):
        """Returns (status, headers as a dict of lower-case names, body bytes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            sent = dict(headers or {})
            if token:
                sent["Authorization"] = f"Bearer {token}"
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
                sent.setdefault("Content-Type", "application/json")
            elif isinstance(body, str):
                body = body.encode()
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            return response.status, {name.lower(): value for name, value in response.getheaders()}, data
        finally:
            connection.close()

    def upload(self, path, fields, file_name, file_bytes, token=None):
        """POSTs a multipart form with `fields` and the file; returns (status, headers, decoded JSON)."""
        boundary = "seguia-reliability-boundary"
        parts = b""
        for name, value in fields:
            parts += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        parts += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n").encode() + file_bytes + f"\r\n--{boundary}--\r\n".encode()
        status, headers, data = self.request("POST", path, body=parts, token=token,
                                             headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        try:
            return status, headers, json.loads(data)
        except ValueError:
            return status, headers, None

    def json(self, method, path, body=None, token=None, headers=None, timeout=30):
        status, answer_headers, data = self.request(method, path, body=body, token=token, headers=headers, timeout=timeout)
        try:
            decoded = json.loads(data) if data else None
        except ValueError:
            decoded = None
        return status, answer_headers, decoded
