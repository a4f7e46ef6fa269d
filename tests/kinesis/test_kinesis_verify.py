"""`streamgen verify --from kinesis` against kinesalite on loopback: a two-thread run into a
4-shard stream verifies clean, told apart by `identity_field`; a copy of the stream with records
put twice and one record altered is found with exactly those counts; a missing stream or an
unreachable endpoint ends the verify with exit 1 (the reader starts, the read fails) and a
message naming stream and endpoint."""
import base64
import json
import os
import random
import re
import tempfile
import unittest

from kinesalite_fixture import Kinesalite, free_port
from streamgen_cli import SOURCE_DIR, run, run_report
from test_kinesis_sink import CREDENTIALS

FORMATS = os.path.join(SOURCE_DIR, "tests", "cli", "data", "formats.yaml")
IDENTITY = ("--set", "identity_field=_sg_seq")
COUNT = 4000
SEED = 20240917
COUNTS = ("expected", "received", "matched", "missing", "duplicated", "altered", "unexpected")


class KinesisVerify(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kinesis = Kinesalite()
        cls.tmp = tempfile.TemporaryDirectory(prefix="streamgen-kinesis-verify-")

    @classmethod
    def tearDownClass(cls):
        cls.kinesis.close()
        cls.tmp.cleanup()

    def sink_args(self, stream, endpoint=None):
        return ["--sink", "kinesis", *IDENTITY,
                "--set", f"sink_config.endpoint_url={endpoint or self.kinesis.endpoint}",
                "--set", f"sink_config.stream_name={stream}"]

    def run_into(self, stream):
        """Runs COUNT events into `stream` (created with 4 shards); the run report's path."""
        self.kinesis.create_stream(stream, 4)
        proc, report = run_report(FORMATS, "--count", COUNT, "--rate", 0, "--seed", SEED,
                                  "--threads", 2, *self.sink_args(stream), env=CREDENTIALS,
                                  timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], COUNT)
        path = os.path.join(self.tmp.name, stream + "-run.json")
        with open(path, "w") as f:
            json.dump(report, f)
        return path

    def verify(self, stream, run_report_path, endpoint=None):
        """(exit code, output, report or None) of `streamgen verify --from kinesis`."""
        path = os.path.join(self.tmp.name, "verify.json")
        if os.path.exists(path):
            os.remove(path)
        args = self.sink_args(stream, endpoint)
        args[0] = "--from"
        proc = run("verify", FORMATS, *args, "--run-report", run_report_path, "--report", path,
                   "--show", 20, env=CREDENTIALS, timeout=300)
        report = None
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path) as f:
                report = json.load(f)
        return proc.returncode, proc.stdout.decode() + proc.stderr.decode(), report

    def assertCounts(self, report, **expected):
        self.assertIsNotNone(report)
        self.assertEqual({name: report[name] for name in expected}, expected, report)

    def test_a_run_verifies_clean_and_injected_copies_and_alterations_are_found_exactly(self):
        run_path = self.run_into("events")
        code, output, report = self.verify("events", run_path)
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=COUNT, received=COUNT, matched=COUNT, missing=0,
                          duplicated=0, altered=0, unexpected=0)
        self.assertEqual(report["identity"], "field `_sg_seq`")
        self.assertIn(f"kinesis:events@{self.kinesis.endpoint}", output)

        # A copy of the stream with three records put twice and one altered in place of its
        # original: Kinesis cannot delete a record, and a second record of one `_sg_seq` counts
        # as a duplicate, so the alteration is only seen as such where the original is absent.
        records = self.kinesis.read_all("events")
        self.assertEqual(len(records), COUNT)
        picked = random.Random(11).sample(range(COUNT), 4)
        altered_at, copied_at = picked[0], picked[1:]
        original = records[altered_at][2]
        altered = re.sub(rb'"user_id":(\d+)',
                         lambda m: b'"user_id":' + str(int(m.group(1)) + 1).encode(), original,
                         count=1)
        self.assertNotEqual(altered, original)
        copy = [(key, altered if i == altered_at else data)
                for i, (_, key, data) in enumerate(records)]
        copy += [(records[i][1], records[i][2]) for i in copied_at]
        self.kinesis.create_stream("copy", 4)
        for start in range(0, len(copy), 500):
            answer = self.kinesis.call("PutRecords", {"StreamName": "copy", "Records": [
                {"PartitionKey": key, "Data": base64.b64encode(data).decode()}
                for key, data in copy[start:start + 500]]})
            self.assertEqual(answer.get("FailedRecordCount", 0), 0, answer)

        code, output, report = self.verify("copy", run_path)
        self.assertEqual(code, 1, output)
        self.assertCounts(report, expected=COUNT, received=COUNT + 3, matched=COUNT - 1,
                          missing=0, duplicated=3, altered=1, unexpected=0)
        sequence_of = lambda data: json.loads(data)["_sg_seq"]  # noqa: E731
        self.assertEqual(sorted(e["sequence"] for e in report["first_duplicated"]),
                         sorted(sequence_of(records[i][2]) for i in copied_at))
        [event] = report["first_altered"]
        self.assertEqual(event["sequence"], sequence_of(original))
        self.assertEqual([f["field"] for f in event["fields"]], ["user_id"], event)
        self.assertRegex(event["origin"], r"^shardId-\d+@\d+$")

        # Nothing was put into the original stream.
        code, output, report = self.verify("events", run_path)
        self.assertEqual(code, 0, output)

        # A few more records in the original stream itself, as PutRecord puts them: each is a
        # second record of its `_sg_seq`, a duplicate whatever its content.
        for i in copied_at + [altered_at]:
            data = altered if i == altered_at else records[i][2]
            self.kinesis.call("PutRecord", {"StreamName": "events", "PartitionKey": records[i][1],
                                            "Data": base64.b64encode(data).decode()})
        code, output, report = self.verify("events", run_path)
        self.assertEqual(code, 1, output)
        self.assertCounts(report, expected=COUNT, received=COUNT + 4, matched=COUNT, missing=0,
                          duplicated=4, altered=0, unexpected=0)

    def test_a_missing_stream_is_named_with_the_endpoint(self):
        run_path = os.path.join(self.tmp.name, "missing-run.json")
        proc, report = run_report(FORMATS, "--count", 10, "--rate", 0, "--seed", SEED,
                                  "--sink", "null", env=CREDENTIALS)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        with open(run_path, "w") as f:
            json.dump(report, f)
        # The reader starts (its options are fine); reading fails: exit 1, not 2.
        code, output, report = self.verify("absent", run_path)
        self.assertEqual(code, 1, output)
        self.assertIn(f"kinesis stream `absent` at {self.kinesis.endpoint} does not exist",
                      output)
        self.assertIsNone(report)

        endpoint = f"http://127.0.0.1:{free_port()}"
        code, output, report = self.verify("events", run_path, endpoint=endpoint)
        self.assertEqual(code, 1, output)
        self.assertIn(f"kinesis stream `events` at {endpoint}: ListShards: cannot reach", output)


if __name__ == "__main__":
    unittest.main()
