"""The kinesis sink end to end against kinesalite on loopback: every record reported delivered
is read back with GetRecords and equals the JSON run of the same seed; dblstreamgen's bundled
Kinesis configs run with `endpoint_url` pointing at it; a missing stream and an unreachable
endpoint end the run with exit 1, a message naming the stream and endpoint, nothing delivered."""
import collections
import json
import os
import unittest

from kinesalite_fixture import Kinesalite, free_port
from streamgen_cli import example, run, run_report

# The bundled configs take their credentials from secret references, resolved from the
# environment; kinesalite accepts any.
CREDENTIALS = {"STREAMGEN_SECRET_my_scope_aws_key": "AKIDTEST",
               "STREAMGEN_SECRET_my_scope_aws_secret": "test-secret",
               "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret"}
COUNT = 4000
SEED = 8642


def sink_args(endpoint, *extra):
    return ["--set", f"sink_config.endpoint_url={endpoint}", *extra]


class KinesaliteTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kinesis = Kinesalite()

    @classmethod
    def tearDownClass(cls):
        cls.kinesis.close()


class Delivery(KinesaliteTestCase):
    def test_every_delivered_record_reads_back_as_the_json_run(self):
        self.kinesis.create_stream("delivery", 4)
        proc, report = run_report(
            example("quickstart.yaml"), "--count", COUNT, "--rate", 0, "--seed", SEED,
            "--threads", 2, *sink_args(self.kinesis.endpoint, "--set",
                                       "sink_config.stream_name=delivery"),
            env=CREDENTIALS, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], COUNT)
        expected = run("run", example("quickstart.yaml"), "--count", COUNT, "--rate", 0,
                       "--seed", SEED, "--sink", "stdout", env=CREDENTIALS)
        self.assertEqual(expected.returncode, 0, expected.stderr.decode())
        records = self.kinesis.read_all("delivery")
        self.assertEqual(sorted(data for _, _, data in records),
                         sorted(expected.stdout.splitlines()))

    def test_partition_keys_are_the_key_field_and_spread_over_the_shards(self):
        self.kinesis.create_stream("keyed", 4)
        proc = run("run", example("quickstart.yaml"), "--count", 2000, "--rate", 0,
                   *sink_args(self.kinesis.endpoint, "--set", "sink_config.stream_name=keyed"),
                   env=CREDENTIALS, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        records = self.kinesis.read_all("keyed")
        self.assertEqual(len(records), 2000)
        for _, key, data in records:
            self.assertEqual(key, str(json.loads(data)["user_id"]))
        per_shard = collections.Counter(shard for shard, _, _ in records)
        self.assertEqual(len(per_shard), 4)
        self.assertGreater(min(per_shard.values()), 2000 / 4 * 0.7)

    def test_bundled_kinesis_examples_run_with_a_local_endpoint(self):
        for name in ("quickstart.yaml", "release-config.yaml"):
            with self.subTest(config=name):
                proc, report = run_report(
                    example(name), "--count", 500, "--rate", 0,
                    *sink_args(self.kinesis.endpoint, "--set", "sink_config.create_stream=true"),
                    env=CREDENTIALS, timeout=300)
                self.assertEqual(proc.returncode, 0, proc.stderr.decode())
                self.assertEqual(report["totals"]["delivered"], 500)


class BadTargets(KinesaliteTestCase):
    def test_a_missing_stream_is_named_with_the_endpoint_and_nothing_is_delivered(self):
        proc, report = run_report(
            example("quickstart.yaml"), "--count", 100, "--rate", 0,
            *sink_args(self.kinesis.endpoint, "--set", "sink_config.stream_name=absent"),
            env=CREDENTIALS)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        message = proc.stderr.decode()
        self.assertIn("kinesis stream `absent` at " + self.kinesis.endpoint, message)
        self.assertIn("does not exist", message)
        if report is not None:
            self.assertEqual(report["totals"]["delivered"], 0)

    def test_an_unreachable_endpoint_is_named(self):
        endpoint = f"http://127.0.0.1:{free_port()}"
        proc = run("run", example("quickstart.yaml"), "--count", 100, "--rate", 0,
                   *sink_args(endpoint), env=CREDENTIALS)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn(f"kinesis stream `my-events-stream` at {endpoint}: cannot reach",
                      proc.stderr.decode())

    def test_missing_credentials_are_a_clear_error(self):
        env = {"STREAMGEN_SECRET_my_scope_aws_key": "", "AWS_ACCESS_KEY_ID": "",
               "HOME": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/x"}
        config = example("quickstart.yaml")
        proc = run("run", config, "--count", 10, "--rate", 0, "--set",
                   "sink_config.aws_access_key_id=null", "--set",
                   "sink_config.aws_secret_access_key=null", *sink_args(self.kinesis.endpoint),
                   env=env)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("no AWS credentials", proc.stderr.decode())


if __name__ == "__main__":
    unittest.main()
