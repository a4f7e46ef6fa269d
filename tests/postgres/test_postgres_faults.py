"""The postgres sink when the connection breaks: the server stopped with `pg_ctl stop -m
immediate` in the middle of a paced run and started again, and a proxy that cuts connections at
COMMIT (after the server committed, or before). Every event the report says delivered is in the
tables, and none twice; without a progress table, the rows sent again after a lost COMMIT answer
are exactly the duplicates the sink counted."""
import collections
import json
import os
import re
import subprocess
import tempfile
import time

from commit_dropping_proxy import CommitDroppingProxy
from postgres_fixture import PASSWORD, ServerTestCase, canonical, loads, table_name
from streamgen_cli import BIN, run

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_TYPES = os.path.join(HERE, "data", "all_types.yaml")
ENV = {"PG_TEST_PASSWORD": PASSWORD}
TABLES = ("order_created", "order_shipped", "order_cancelled")


def json_run(count):
    proc = run("run", ALL_TYPES, "--count", count, "--rate", 0, "--sink", "stdout", "--format",
               "json", env=ENV)
    assert proc.returncode == 0, proc.stderr.decode()
    events = [loads(line) for line in proc.stdout.decode().splitlines()]
    for event in events:
        event["table"] = table_name(event.pop("event_type_id"))
    return events


class FaultTestCase(ServerTestCase):
    def start_run(self, count, rate, *options, port=None):
        """Starts `streamgen run` in the background; returns (process, report path)."""
        self.tmp = tempfile.mkdtemp()
        report = os.path.join(self.tmp, "report.json")
        env = dict(os.environ, **ENV)
        proc = subprocess.Popen(
            [BIN, "run", ALL_TYPES, "--count", str(count), "--rate", str(rate), "--threads", "2",
             "--report", report, *self.sink_args(*options, port=port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        return proc, report

    def finish(self, proc, report):
        _, stderr = proc.communicate(timeout=300)
        with open(report) as f:
            return stderr.decode(), json.load(f)

    def rows(self):
        out = []
        for table in TABLES:
            for row in self.pg.rows_as_json(table):
                row["table"] = table
                out.append(row)
        return out

    def check_nothing_lost(self, count, report, duplicates=0):
        """Every delivered event is in the tables, every row is an event of the run, and rows
        appear twice exactly `duplicates` times."""
        self.assertEqual(report["totals"]["delivered"], count)
        self.assertEqual(report["totals"]["failed"], 0)
        rows = collections.Counter(canonical(row) for row in self.rows())
        expected = collections.Counter(canonical(event) for event in json_run(count))
        self.assertEqual(sum(rows.values()), count + duplicates)
        self.assertEqual(sum(rows.values()) - len(rows), duplicates)
        self.assertEqual(set(rows), set(expected))
        for type_id, entry in report["event_types"].items():
            self.assertEqual(
                int(self.pg.scalar(f"SELECT count(DISTINCT event_id) FROM {table_name(type_id)}")),
                entry["delivered"])

    def wait_for_rows(self, proc, rows):
        """Waits until the tables hold at least `rows` rows (committed) while the run goes on."""
        query = " + ".join(f"(SELECT count(*) FROM {t})" for t in TABLES)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if set(TABLES) <= set(self.pg.tables()) and int(self.pg.scalar(
                    "SELECT " + query)) >= rows:
                return
            time.sleep(0.05)
        self.fail("the run committed no rows")


class Restart(FaultTestCase):
    def test_a_server_killed_mid_run_loses_and_duplicates_nothing(self):
        count = 24000
        proc, report = self.start_run(count, 3000, "commit_interval_ms=200")
        try:
            self.wait_for_rows(proc, 3000)
            self.pg.stop("immediate")
            self.pg.start()
        finally:
            stderr, report = self.finish(proc, report)
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertIn("connection lost", stderr)
        self.assertIn("reconnected after", stderr)
        self.check_nothing_lost(count, report)

    def test_a_server_that_stays_away_fails_the_run_and_counts_nothing_it_did_not_commit(self):
        proc, report = self.start_run(100000, 5000, "reconnect_timeout_ms=1500")
        try:
            self.wait_for_rows(proc, 2000)
            self.pg.stop("immediate")
            stderr, report = self.finish(proc, report)
        finally:
            if self.pg_stopped():
                self.pg.start()
        self.assertEqual(proc.returncode, 1, stderr)
        self.assertIn("connection lost and not back within 1.5 s", stderr)
        in_tables = int(self.pg.scalar(
            "SELECT " + " + ".join(f"(SELECT count(*) FROM {t})" for t in TABLES)))
        self.assertEqual(report["totals"]["delivered"], in_tables)
        self.assertLess(in_tables, 100000)

    def pg_stopped(self):
        return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", str(self.pg.port)],
                              stdout=subprocess.DEVNULL).returncode != 0


class LostCommits(FaultTestCase):
    def run_through_proxy(self, mode, *options):
        proxy = CommitDroppingProxy(self.pg.port, every=4, mode=mode, most=10)
        try:
            count = 12000
            proc, report = self.start_run(count, 0, "batch_rows=500", *options, port=proxy.port)
            stderr, report = self.finish(proc, report)
        finally:
            proxy.close()
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertGreater(proxy.dropped, 0)
        self.assertIn("reconnected after", stderr)
        return count, stderr, report

    def test_commits_whose_answer_was_lost_are_found_in_the_progress_table(self):
        count, stderr, report = self.run_through_proxy("after")
        self.assertIn("the COMMIT whose answer was lost had gone through", stderr)
        self.check_nothing_lost(count, report)

    def test_commits_cut_before_the_server_saw_them_are_sent_again(self):
        count, _, report = self.run_through_proxy("before")
        self.check_nothing_lost(count, report)

    def test_a_transaction_a_broken_connection_left_open_is_ended_and_sent_again(self):
        # Without ending the old server process, the batch's progress row it holds would block
        # the new attempt for as long as the server does not notice the connection is gone.
        count, _, report = self.run_through_proxy("stall")
        self.check_nothing_lost(count, report)

    def test_without_a_progress_table_the_rows_sent_twice_are_counted(self):
        count, stderr, report = self.run_through_proxy("after", "progress_table=")
        counted = re.search(r"(\d+) rows were sent again after a COMMIT whose answer was lost",
                            stderr)
        self.assertIsNotNone(counted, stderr)
        self.assertGreater(int(counted.group(1)), 0)
        self.check_nothing_lost(count, report, duplicates=int(counted.group(1)))
        self.assertNotIn("streamgen_commits", self.pg.tables())
