"""The kinesis sink against a test-owned endpoint that fails on purpose (fault_endpoint.py):
nothing reported delivered is lost, records stored twice stay within the count of records the
run says it sent again after an unanswered request, and exit codes and reports are honest."""
import collections
import re
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
        resent = re.search(r"(\d+) records were sent again after a request got no answer", stderr)
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
