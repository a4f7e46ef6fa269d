"""A test-owned Kinesis endpoint for the faults kinesalite cannot make: partial failures,
throttling, HTTP 5xx before and after storing, slow answers and dropped connections, in a
cycle the test chooses. It keeps every record it stored, in order, so that a test can count
losses and duplicates."""
import base64
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FaultEndpoint:
    """`faults`: the fate of each PutRecords request in turn, cycling: "ok", "partial" (some
    entries fail, throttled or with InternalFailure), "throttle" (the whole request),
    "500-after-store", "503", "slow" (stored, answered after `slow_seconds`), "drop-after-store",
    "drop", "fail-all" (every entry InternalFailure). `describe` is the answer to
    DescribeStreamSummary: "ok", or an error type such as "UnrecognizedClientException".
    A record fails at most MOST_FAILURES times (but under "fail-all"), then goes through."""

    def __init__(self, faults=("ok",), slow_seconds=2.0, describe="ok"):
        self.faults = list(faults)
        self.slow_seconds = slow_seconds
        self.describe = describe
        self.stored = []  # data of every record stored, in order
        self.requests = 0
        self.authorizations = []  # the Authorization header of each request
        # Failures of each record so far: one that failed MOST_FAILURES times goes through,
        # so that a run's outcome does not hang on how the workers' requests met the cycle.
        self.failures = {}
        self.lock = threading.Lock()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                action = self.headers.get("X-Amz-Target", "").split(".")[-1]
                with endpoint.lock:
                    endpoint.authorizations.append(self.headers.get("Authorization", ""))
                if not self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 "):
                    self.answer(403, {"__type": "MissingAuthenticationTokenException"})
                elif action == "DescribeStreamSummary":
                    if endpoint.describe != "ok":
                        self.answer(400, {"__type": endpoint.describe, "message": "refused"})
                    else:
                        self.answer(200, {"StreamDescriptionSummary": {
                            "StreamStatus": "ACTIVE", "OpenShardCount": 2}})
                elif action == "PutRecords":
                    endpoint.put(self, json.loads(body))
                else:
                    self.answer(400, {"__type": "UnknownOperationException"})

            def answer(self, status, document):
                data = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def drop(self):
                self.close_connection = True
                self.connection.shutdown(2)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # answers to connections the client dropped after its timeout

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def store(self, records):
        with self.lock:
            for record in records:
                self.stored.append(base64.b64decode(record["Data"]))
            return len(self.stored)

    MOST_FAILURES = 3

    def put(self, handler, request):
        records = request["Records"]
        with self.lock:
            fault = self.faults[self.requests % len(self.faults)]
            self.requests += 1
            if any(self.failures.get(r["Data"], 0) >= self.MOST_FAILURES for r in records) and \
                    fault != "fail-all":
                fault = "ok"
            elif fault not in ("ok", "partial"):
                for record in records:
                    self.failures[record["Data"]] = self.failures.get(record["Data"], 0) + 1
        if fault in ("ok", "500-after-store", "slow", "drop-after-store"):
            last = self.store(records)
            entries = [{"SequenceNumber": str(last - len(records) + i), "ShardId": "shardId-0"}
                       for i in range(len(records))]
            if fault == "500-after-store":
                handler.answer(500, {"__type": "InternalFailure"})
            elif fault == "drop-after-store":
                handler.drop()
            else:
                if fault == "slow":
                    time.sleep(self.slow_seconds)
                handler.answer(200, {"FailedRecordCount": 0, "Records": entries})
        elif fault == "partial" or fault == "fail-all":
            entries = []
            failed = 0
            for record in records:
                digest = hashlib.sha256(record["Data"].encode()).digest()[0]
                with self.lock:
                    tries = self.failures.get(record["Data"], 0)
                if fault == "fail-all" or (digest % 3 == 0 and tries < self.MOST_FAILURES):
                    with self.lock:
                        self.failures[record["Data"]] = tries + 1
                    code = ("ProvisionedThroughputExceededException" if digest % 2 == 0
                            and fault == "partial" else "InternalFailure")
                    entries.append({"ErrorCode": code, "ErrorMessage": "injected"})
                    failed += 1
                else:
                    self.store([record])
                    entries.append({"SequenceNumber": "1", "ShardId": "shardId-0"})
            handler.answer(200, {"FailedRecordCount": failed, "Records": entries})
        elif fault == "throttle":
            handler.answer(400, {"__type": "ProvisionedThroughputExceededException"})
        elif fault == "503":
            handler.answer(503, {"__type": "ServiceUnavailable"})
        elif fault == "drop":
            handler.drop()
        else:
            raise AssertionError(f"unknown fault {fault}")
