"""Starts tests/kafka/schema_registry.py for a test and talks to it."""
import base64
import json
import os
import queue
import subprocess
import sys
import threading
import urllib.error
import urllib.request

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema_registry.py")


class SchemaRegistry:
    """One registry process on loopback; `url` once it listens. Closing its stdin stops it."""

    def __init__(self, *args, auth=None):
        self.auth = auth  # (user, password) sent by this fixture's own requests
        self.proc = subprocess.Popen([sys.executable, SCRIPT, *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # The first stdout line is the port, printed once it accepts connections; read it on a
        # thread so that waiting for it has a deadline.
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.proc.stdout.readline()),
                         daemon=True).start()
        try:
            port = lines.get(timeout=20).strip()
        except queue.Empty:
            port = b""
        if not port.isdigit():
            self.close()
            raise RuntimeError("schema_registry.py did not start: " +
                               self.proc.stderr.read().decode(errors="replace"))
        self.port = int(port)
        self.url = f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, auth="default"):
        """(status, decoded JSON answer)."""
        auth = self.auth if auth == "default" else auth
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/vnd.schemaregistry.v1+json")
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            req.add_header("Authorization", "Basic " + token)
        try:
            with urllib.request.urlopen(req, timeout=10) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def get(self, path):
        status, body = self.request("GET", path)
        if status != 200:
            raise AssertionError(f"GET {path}: {status} {body}")
        return body

    def subjects(self):
        return self.get("/subjects")

    def schema(self, schema_id):
        """The schema text registered under a global id."""
        return self.get(f"/schemas/ids/{schema_id}")["schema"]

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()
