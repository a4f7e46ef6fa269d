#!/usr/bin/env python3
"""A minimal Confluent-compatible Schema Registry on loopback, for the Kafka format tests.

    schema_registry.py [--port N] [--refuse [409|422]] [--require-auth USER:PASS]

Implements only what a producer needs and what the tests read back:
  POST /subjects/{subject}/versions   {"schema": "...", "schemaType": "AVRO|PROTOBUF|JSON"}
                                      -> {"id": N}; the same schema text gets the same id (ids
                                      are global and increase from 1)
  GET  /schemas/ids/{id}              -> {"schema": "...", "schemaType": ...}
  GET  /subjects                      -> ["subject", ...] (registration order)
Errors are Confluent-style JSON: {"error_code": ..., "message": ...}.

--refuse answers every registration with 409 (incompatible schema; the default) or 422 (invalid
schema). --require-auth answers 401 to any request without that HTTP basic auth.

It prints the port it listens on as the first line of stdout once it accepts connections, and
exits on SIGTERM, SIGINT or when its stdin closes (so a test that dies takes it along).
"""
import argparse
import base64
import json
import os
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"


class Registry:
    """Subjects and schemas, shared by the request threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.schemas = []        # index + 1 = id; entries (schemaType, schema text)
        self.subjects = {}       # subject -> [ids in registration order]

    def register(self, subject, schema_type, schema):
        with self.lock:
            key = (schema_type, schema)
            if key in self.schemas:
                schema_id = self.schemas.index(key) + 1
            else:
                self.schemas.append(key)
                schema_id = len(self.schemas)
            versions = self.subjects.setdefault(subject, [])
            if schema_id not in versions:
                versions.append(schema_id)
            return schema_id

    def schema(self, schema_id):
        with self.lock:
            if 1 <= schema_id <= len(self.schemas):
                return self.schemas[schema_id - 1]
            return None

    def subject_names(self):
        with self.lock:
            return list(self.subjects)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as producers' HTTP clients expect
    server_version = "streamgen-test-registry/1"

    def log_message(self, fmt, *args):
        pass  # stdout carries the port; requests are not logged

    # --- plumbing ---

    def send_json(self, status, body, extra_headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_error_json(self, status, code, message, extra_headers=()):
        self.send_json(status, {"error_code": code, "message": message}, extra_headers)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def authorized(self):
        expected = self.server.options.require_auth
        if expected is None:
            return True
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            try:
                if base64.b64decode(header[6:], validate=True).decode() == expected:
                    return True
            except (ValueError, UnicodeDecodeError):
                pass
        self.send_error_json(401, 401, "Unauthorized",
                             [("WWW-Authenticate", 'Basic realm="schema-registry"')])
        return False

    def path_parts(self):
        path = urllib.parse.urlsplit(self.path).path
        return [urllib.parse.unquote(p) for p in path.strip("/").split("/") if p]

    # --- requests ---

    def do_GET(self):
        if not self.authorized():
            return
        parts = self.path_parts()
        registry = self.server.registry
        if parts == ["subjects"]:
            self.send_json(200, registry.subject_names())
        elif len(parts) == 3 and parts[:2] == ["schemas", "ids"] and parts[2].isdigit():
            found = registry.schema(int(parts[2]))
            if found is None:
                self.send_error_json(404, 40403, "Schema not found")
            else:
                body = {"schema": found[1]}
                if found[0] != "AVRO":
                    body["schemaType"] = found[0]
                self.send_json(200, body)
        else:
            self.send_error_json(404, 404, "HTTP 404 Not Found")

    def do_POST(self):
        body = self.read_body()  # read first, so a refused request leaves the connection usable
        if not self.authorized():
            return
        parts = self.path_parts()
        if len(parts) != 3 or parts[0] != "subjects" or parts[2] != "versions":
            self.send_error_json(404, 404, "HTTP 404 Not Found")
            return
        subject = parts[1]
        refuse = self.server.options.refuse
        if refuse == 409:
            self.send_error_json(409, 409, "Schema being registered is incompatible with an "
                                           f"earlier schema for subject \"{subject}\"")
            return
        if refuse == 422:
            self.send_error_json(422, 42201, "Invalid schema")
            return
        try:
            request = json.loads(body)
            schema = request["schema"]
            schema_type = request.get("schemaType", "AVRO")
            if not isinstance(schema, str) or schema_type not in ("AVRO", "PROTOBUF", "JSON"):
                raise ValueError("schema must be a string, schemaType AVRO, PROTOBUF or JSON")
            if schema_type in ("AVRO", "JSON"):
                json.loads(schema)  # what the real registry parses first
        except (ValueError, KeyError, TypeError) as error:
            self.send_error_json(422, 42201, f"Invalid schema: {error}")
            return
        schema_id = self.server.registry.register(subject, schema_type, schema)
        self.send_json(200, {"id": schema_id})


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--refuse", type=int, nargs="?", const=409, choices=(409, 422),
                        help="refuse every registration with this status (default 409)")
    parser.add_argument("--require-auth", metavar="USER:PASS",
                        help="answer 401 unless the request carries this HTTP basic auth")
    return parser.parse_args(argv)


def main(argv=None):
    options = parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    server.options = options
    server.registry = Registry()
    stop = threading.Event()

    def stop_on_eof():
        # Raw reads: a thread blocked in a buffered read would abort the interpreter at exit.
        while os.read(sys.stdin.fileno(), 4096):
            pass
        stop.set()

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=stop_on_eof, daemon=True).start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)  # listening since the constructor bound
    # Signals reach the main thread between waits.
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
