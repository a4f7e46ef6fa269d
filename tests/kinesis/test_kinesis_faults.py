"""The kinesis sink against a test-owned endpoint that fails on purpose (fault_endpoint.py):
nothing reported delivered is lost, records stored twice stay within the count of records the
run says it sent again after an unanswered request, and exit codes and reports are honest."""
import collections
import os
import re
import tempfile
import unittest

from fault_endpoint import FaultEndpoint
from kinesalite_fixture import streamgen_cli  # noqa: F401  (puts tests/cli on the path)
from streamgen_cli import example, run, run_report

CREDENTIALS = {"STREAMGEN_SECRET_my_scope_aws_key": "AKIDTEST",
               "STREAMGEN_SECRET_my_scope_aws_secret": "test-secret"}
SEED = 97


def run_against(endpoint, count, *extra):
    return run_report(example("quickstart.yaml"), "--count", count, "--rate", 0, "--seed", SEED,
                      "--threads", 2, "--set", f"sink_config.endpoint_url={endpoint.endpoint}",
                      "--set", "sink_config.stream_name=faults", *extra, env=CREDENTIALS,
                      timeout=300)


def json_run(count):
    proc = run("run", example("quickstart.yaml"), "--count", count, "--rate", 0, "--seed", SEED,
               "--sink", "stdout", env=CREDENTIALS)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


class Faults(unittest.TestCase):
    def setUp(self):
        self.endpoint = None

    def tearDown(self):
        if self.endpoint is not None:
            self.endpoint.close()

    def test_faults_lose_nothing_and_duplicates_stay_within_what_the_run_reports(self):
        self.endpoint = FaultEndpoint(
            faults=["ok", "partial", "500-after-store", "ok", "throttle", "503", "slow",
                    "drop-after-store", "drop", "partial"], slow_seconds=1.5)
        count = 3000
        proc, report = run_against(self.endpoint, count, "--set",
                                   "sink_config.request_timeout_ms=500")
        stderr = proc.stderr.decode()
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertEqual(report["totals"]["delivered"], count)
        self.assertEqual(report["totals"]["failed"], 0)
        stored = collections.Counter(self.endpoint.stored)
        expected = collections.Counter(json_run(count))
        self.assertEqual(set(stored), set(expected), "records lost or made up")
        duplicates = sum(stored[line] - expected[line] for line in expected)
        resent = re.search(r"(\d+) records went out again after a request whose outcome is "
                           r"unknown", stderr)
        self.assertIsNotNone(resent, stderr)
        self.assertGreater(duplicates, 0, "the faults should have stored some records twice")
        self.assertLessEqual(duplicates, int(resent.group(1)))

    def test_entries_that_keep_failing_count_failed_and_the_run_exits_1(self):
        self.endpoint = FaultEndpoint(faults=["fail-all"])
        proc, report = run_against(self.endpoint, 200, "--set", "sink_config.max_retries=2")
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], 0)
        self.assertEqual(report["totals"]["failed"], 200)
        self.assertEqual(self.endpoint.stored, [])
        # The first try and two retries, each in as many requests as the batches took.
        self.assertEqual(self.endpoint.requests % 3, 0)

    def test_refused_credentials_end_the_run_naming_stream_and_endpoint(self):
        self.endpoint = FaultEndpoint(describe="UnrecognizedClientException")
        proc, report = run_against(self.endpoint, 100)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn(f"kinesis stream `faults` at {self.endpoint.endpoint}: "
                      "UnrecognizedClientException", proc.stderr.decode())
        self.assertEqual(self.endpoint.stored, [])
        if report is not None:
            self.assertEqual(report["totals"]["delivered"], 0)


if __name__ == "__main__":
    unittest.main()


class Options(unittest.TestCase):
    """Credentials from a profile, records over 1 MiB, dblstreamgen's shard plan."""

    def setUp(self):
        self.endpoint = FaultEndpoint()
        self.addCleanup(self.endpoint.close)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_credentials_come_from_a_profile_of_the_shared_file(self):
        path = os.path.join(self.tmp.name, "credentials")
        with open(path, "w") as f:
            f.write("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = x\n"
                    "[bench]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = y\n")
        env = {"AWS_SHARED_CREDENTIALS_FILE": path, "AWS_ACCESS_KEY_ID": ""}
        proc, report = run_report(
            example("quickstart.yaml"), "--count", 50, "--rate", 0,
            "--set", f"sink_config.endpoint_url={self.endpoint.endpoint}",
            "--set", "sink_config.aws_access_key_id=null",
            "--set", "sink_config.aws_secret_access_key=null",
            "--set", "sink_config.profile=bench", env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], 50)
        self.assertIn("Credential=AKIDBENCH/", self.endpoint.authorizations[-1])

    def test_a_record_over_one_mib_counts_failed_with_a_warning(self):
        config = os.path.join(self.tmp.name, "big.yaml")
        with open(config, "w") as f:
            # Two texts of the longest lorem (20 paragraphs of 50 sentences of 100 words).
            lorem = "{type: lorem, paragraphs: [20, 20], sentences: [50, 50], words: [100, 100]}"
            f.write("event_types:\n  - event_type_id: big\n    fields:\n"
                    f"      first: {lorem}\n      second: {lorem}\n"
                    "sink_config: {type: kinesis, stream_name: big}\n")
        proc, report = run_report(config, "--count", 3, "--rate", 0, "--set",
                                  f"sink_config.endpoint_url={self.endpoint.endpoint}",
                                  env={"AWS_ACCESS_KEY_ID": "AKIDTEST",
                                       "AWS_SECRET_ACCESS_KEY": "test-secret"})
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn("a record over 1 MiB cannot be put", proc.stderr.decode())
        self.assertEqual(report["totals"]["failed"], 3)
        self.assertEqual(self.endpoint.stored, [])

    def test_the_shard_plan_is_printed_and_warns_of_too_few_shards(self):
        proc, _ = run_report(example("quickstart.yaml"), "--count", 200, "--rate", 5000, "--set",
                             f"sink_config.endpoint_url={self.endpoint.endpoint}", "--set",
                             "sink_config.auto_shard_calculation=true", env=CREDENTIALS)
        stderr = proc.stderr.decode()
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertRegex(stderr, r"shard plan: 5000 events/s of ~\d+ bytes need 5 shard\(s\) at "
                                 r"1,000 records/s and 1 MiB/s each; the stream has 2: expect "
                                 r"throttling")
