"""The delta sink end to end: every row of the tables, read back through the log by DuckDB and
by hyparquet, equals the JSON run of the same seed; the log follows the Delta protocol; a rerun
of the same stream continues the table, after a clean stop and after SIGKILL alike; overwrite
replaces; bad tables and paths end the run with exit 1 and nothing delivered."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from delta_fixture import (active_record_count, commits, install, json_run, log_problems,
                           read_table, rows_key, schema_of)
from streamgen_cli import BIN, SOURCE_DIR, example, run, run_report

FORMATS = os.path.join(SOURCE_DIR, "tests", "cli", "data", "formats.yaml")
NESTED = os.path.join(SOURCE_DIR, "tests", "cli", "data", "nested.yaml")
SEED = 4242


def nested_columns(events):
    return {name for event in events for name, value in event.items()
            if isinstance(value, (dict, list))}


class DeltaTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        install()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="streamgen-delta-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def table(self, name="events"):
        return os.path.join(self.dir, name)

    def run_delta(self, config, table, *args, timeout=300):
        proc, report = run_report(config, "--sink", "delta", "--out", table, "--rate", 0,
                                  *args, timeout=timeout)
        return proc, report

    def assert_table_equals(self, table, events):
        self.assertEqual(log_problems(table), [])
        schema = schema_of(table)
        nested = nested_columns(events)
        expected = rows_key(events, schema, nested)
        for reader in ("duckdb", "hyparquet"):
            with self.subTest(reader=reader):
                rows = read_table(reader, table)
                self.assertEqual(len(rows), len(events))
                self.assertEqual(rows_key(rows, schema, nested), expected)
        self.assertEqual(active_record_count(table), len(events))


class Rows(DeltaTestCase):
    def test_every_row_equals_the_json_run_with_two_threads(self):
        proc, report = self.run_delta(FORMATS, self.table(), "--count", 30000, "--seed", SEED,
                                      "--threads", 2, "--set", "sink_config.max_records=7000")
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], 30000)
        self.assert_table_equals(self.table(), json_run(FORMATS, 30000, SEED))

    def test_two_shards_writing_one_table_at_once_give_the_whole_stream(self):
        # Two processes commit to one log: each takes the versions the other left free.
        procs = [subprocess.Popen(
            [BIN, "run", FORMATS, "--sink", "delta", "--out", self.table(), "--seed", str(SEED),
             "--count", "40000", "--rate", "0", "--shard", f"{shard}/2",
             "--set", "sink_config.max_records=2000"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for shard in (0, 1)]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 0, err.decode())
        final = {}
        for _, actions in commits(self.table()):
            final.update({a["txn"]["appId"]: a["txn"]["version"] for a in actions if "txn" in a})
        self.assertEqual(final, {f"streamgen-seed-{SEED}-shard-{i}-of-2": 20000 for i in (0, 1)})
        self.assert_table_equals(self.table(), json_run(FORMATS, 40000, SEED))

    def test_nested_values_are_stored_as_their_json_text(self):
        proc, _ = self.run_delta(NESTED, self.table(), "--count", 3000, "--seed", SEED)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assert_table_equals(self.table(), json_run(NESTED, 3000, SEED))

    def test_a_table_per_event_type_holds_that_types_rows(self):
        proc, _ = self.run_delta(FORMATS, self.dir, "--count", 12000, "--seed", SEED,
                                 "--set", "sink_config.table_per=event_type",
                                 "--set", "sink_config.table_prefix=t_",
                                 "--set", "sink_config.compression=zstd")
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        events = json_run(FORMATS, 12000, SEED)
        types = sorted({e["event_type_id"] for e in events})
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted("t_" + t.replace(".", "_") for t in types))
        for type_id in types:
            with self.subTest(type=type_id):
                table = os.path.join(self.dir, "t_" + type_id.replace(".", "_"))
                own = [{k: v for k, v in e.items() if k != "event_type_id"}
                       for e in events if e["event_type_id"] == type_id]
                self.assert_table_equals(table, own)

    def test_the_bundled_delta_example_runs_unchanged(self):
        proc, report = run_report(example("delta-sink.yaml"), "--out", self.table(),
                                  "--count", 5000, "--rate", 0, "--seed", SEED)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], 5000)
        self.assert_table_equals(self.table(), json_run(example("delta-sink.yaml"), 5000, SEED))


class Restart(DeltaTestCase):
    def test_a_rerun_of_the_same_stream_continues_the_table(self):
        first, _ = self.run_delta(FORMATS, self.table(), "--count", 5000, "--seed", SEED)
        self.assertEqual(first.returncode, 0, first.stderr.decode())
        second, report = self.run_delta(FORMATS, self.table(), "--count", 12000, "--seed", SEED,
                                        "--threads", 2)
        self.assertEqual(second.returncode, 0, second.stderr.decode())
        self.assertIn("first 5000 events", second.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], 7000)
        self.assert_table_equals(self.table(), json_run(FORMATS, 12000, SEED))

    def stop_midway(self, sig):
        """Starts a paced two-thread run and stops it with `sig` once a commit is in the log."""
        proc = subprocess.Popen(
            [BIN, "run", FORMATS, "--sink", "delta", "--out", self.table(), "--seed", str(SEED),
             "--threads", "2", "--rate", "20000", "--count", "400000",
             "--set", "sink_config.max_records=3000"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        log = os.path.join(self.table(), "_delta_log")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if os.path.isdir(log) and len([n for n in os.listdir(log) if n.endswith(".json")]) >= 3:
                break
            time.sleep(0.05)
        proc.send_signal(sig)
        proc.communicate(timeout=120)
        return proc

    def test_after_a_stop_with_gaps_a_rerun_writes_each_event_once(self):
        stopped = self.stop_midway(signal.SIGINT)
        self.assertIn(stopped.returncode, (0, 1))
        self.assertEqual(log_problems(self.table()), [])
        held = active_record_count(self.table())
        self.assertGreater(held, 0)
        total = 60000
        rerun, _ = self.run_delta(FORMATS, self.table(), "--count", total, "--seed", SEED,
                                  "--threads", 2)
        self.assertEqual(rerun.returncode, 0, rerun.stderr.decode())
        self.assert_table_equals(self.table(), json_run(FORMATS, total, SEED))

    def test_after_sigkill_a_rerun_writes_each_event_once(self):
        self.stop_midway(signal.SIGKILL)
        self.assertEqual(log_problems(self.table()), [])
        total = 60000
        rerun, _ = self.run_delta(FORMATS, self.table(), "--count", total, "--seed", SEED,
                                  "--threads", 2)
        self.assertEqual(rerun.returncode, 0, rerun.stderr.decode())
        self.assert_table_equals(self.table(), json_run(FORMATS, total, SEED))

    def test_overwrite_replaces_what_the_table_held(self):
        first, _ = self.run_delta(FORMATS, self.table(), "--count", 4000, "--seed", 1)
        self.assertEqual(first.returncode, 0, first.stderr.decode())
        second, _ = self.run_delta(FORMATS, self.table(), "--count", 3000, "--seed", 2,
                                   "--set", "sink_config.mode=overwrite")
        self.assertEqual(second.returncode, 0, second.stderr.decode())
        self.assert_table_equals(self.table(), json_run(FORMATS, 3000, 2))


class BadTables(DeltaTestCase):
    def assert_refused(self, table, needle):
        proc, report = self.run_delta(FORMATS, table, "--count", 100, "--seed", SEED)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn(needle, proc.stderr.decode())
        if report is not None:
            self.assertEqual(report["totals"]["delivered"], 0)

    def write_log(self, table, actions):
        os.makedirs(os.path.join(table, "_delta_log"))
        with open(os.path.join(table, "_delta_log", "0" * 20 + ".json"), "w") as f:
            f.write("".join(json.dumps(action) + "\n" for action in actions))

    def test_a_path_that_is_not_writable_is_refused(self):
        blocker = os.path.join(self.dir, "file")
        with open(blocker, "w") as f:
            f.write("not a folder")
        self.assert_refused(os.path.join(blocker, "table"), "cannot create the table folder")

    def test_a_log_of_a_newer_protocol_is_refused(self):
        table = self.table()
        self.write_log(table, [{"protocol": {"minReaderVersion": 3, "minWriterVersion": 7,
                                             "readerFeatures": ["deletionVectors"],
                                             "writerFeatures": ["deletionVectors"]}}])
        self.assert_refused(table, "needs protocol reader 3 / writer 7")

    def test_a_table_with_other_columns_is_refused(self):
        table = self.table()
        schema = {"type": "struct", "fields": [
            {"name": "event_type_id", "type": "integer", "nullable": True, "metadata": {}}]}
        self.write_log(table, [
            {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
            {"metaData": {"id": "x", "format": {"provider": "parquet", "options": {}},
                          "schemaString": json.dumps(schema), "partitionColumns": [],
                          "configuration": {}}}])
        self.assert_refused(table, "column `event_type_id` is of type")

    def test_one_table_for_types_that_disagree_on_a_column_is_a_config_error(self):
        config = os.path.join(self.dir, "clash.yaml")
        with open(config, "w") as f:
            f.write("event_types:\n"
                    "  - event_type_id: a\n"
                    "    fields:\n"
                    "      amount: {type: int, range: [1, 5]}\n"
                    "  - event_type_id: b\n"
                    "    fields:\n"
                    "      amount: {type: double, range: [1, 5]}\n"
                    "sink_config:\n"
                    "  type: delta\n"
                    "  path: /tmp/unused\n")
        proc = run("validate", config)
        self.assertEqual(proc.returncode, 2)
        self.assertRegex(proc.stderr.decode() + proc.stdout.decode(),
                         r"clash\.yaml:\d+:\d+: .*field `amount` is a double in `b`")


if __name__ == "__main__":
    unittest.main()
