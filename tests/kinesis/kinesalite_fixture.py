"""kinesalite (npm), the Kinesis emulator the kinesis tests run on loopback, and a small client of
Kinesis' JSON API that reads back what streamgen put. kinesalite does not check signatures, so
the reading side signs nothing; streamgen's signatures are checked against AWS's test vectors in
tests/sinks/aws_sigv4_tests.cpp."""
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))

import streamgen_cli  # noqa: E402  (found through the path above)

KINESALITE = os.path.join(HERE, "node_modules", ".bin", "kinesalite")


def install():
    """Installs kinesalite from the committed lock file when it is missing."""
    if not os.path.exists(KINESALITE):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True,
                       timeout=600)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Kinesalite:
    """One kinesalite process on a free loopback port, in memory."""

    def __init__(self):
        install()
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [KINESALITE, "--port", str(self.port), "--createStreamMs", "0",
             "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "100"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # It says so once it listens: wait on that line rather than on a sleep.
        line = self.proc.stdout.readline()
        if "Listening" not in line:
            self.close()
            raise RuntimeError(f"kinesalite did not start: {line!r}")

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def call(self, action, body):
        request = urllib.request.Request(
            self.endpoint + "/", data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.1",
                     "X-Amz-Target": "Kinesis_20131202." + action,
                     "X-Amz-Date": "20240101T000000Z",
                     "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/"
                                      "kinesis/aws4_request, SignedHeaders=host;x-amz-date, "
                                      "Signature=00"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{action}: HTTP {error.code} {error.read()!r}") from error

    def create_stream(self, name, shards):
        self.call("CreateStream", {"StreamName": name, "ShardCount": shards})
        while self.call("DescribeStreamSummary", {"StreamName": name})[
                "StreamDescriptionSummary"]["StreamStatus"] != "ACTIVE":
            time.sleep(0.05)

    def read_all(self, name):
        """Every record of every shard, from the start: [(shard id, partition key, data)]."""
        records = []
        shards = self.call("ListShards", {"StreamName": name})["Shards"]
        for shard in shards:
            iterator = self.call("GetShardIterator", {
                "StreamName": name, "ShardId": shard["ShardId"],
                "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
            while iterator:
                page = self.call("GetRecords", {"ShardIterator": iterator, "Limit": 10000})
                for record in page["Records"]:
                    records.append((shard["ShardId"], record["PartitionKey"],
                                    base64.b64decode(record["Data"])))
                if not page["Records"] and page.get("MillisBehindLatest", 0) == 0:
                    break
                iterator = page.get("NextShardIterator")
        return records
