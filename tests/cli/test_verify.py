"""`streamgen verify` on landing folders: a clean run verifies with nothing missing, duplicated or
altered; a removed file, a file copied twice and an edited line are counted exactly, with the
identity field and by content alone; a pipeline's renamed and trimmed output verifies through
--map; shards and stopped runs are expected as their reports say; bad requests exit 2."""
import csv
import io
import json
import os
import shutil
import tempfile
import unittest

from streamgen_cli import SOURCE_DIR, run, run_report

FORMATS = os.path.join(SOURCE_DIR, "tests", "cli", "data", "formats.yaml")
IDENTITY = ["--set", "identity_field=_sg_seq"]
COUNT = 20000


class VerifyTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="streamgen-verify-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.landing = os.path.join(self.dir, "landing")
        self.run_report = os.path.join(self.dir, "run.json")

    def generate(self, *args, count=COUNT, fmt="json"):
        proc, report = run_report(FORMATS, "--sink", "file", "--out", self.landing, "--count",
                                  count, "--rate", 0, "--threads", 2, "--format", fmt,
                                  "--set", "sink_config.max_records=2500", *args)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        with open(self.run_report, "w") as f:
            json.dump(report, f)
        return report

    def verify(self, *args, fmt="json"):
        out = os.path.join(self.dir, "verify.json")
        proc = run("verify", FORMATS, "--from", "file", "--out", self.landing, "--format", fmt,
                   "--run-report", self.run_report, "--report", out, *args)
        report = None
        if os.path.exists(out):
            with open(out) as f:
                report = json.load(f)
        return proc, report

    def files(self):
        return sorted(name for name in os.listdir(self.landing) if not name.startswith("."))

    def lines_of(self, name):
        with open(os.path.join(self.landing, name), encoding="utf-8", newline="") as f:
            return f.read().rstrip("\n").split("\n")

    def assert_counts(self, report, **counts):
        for key, value in counts.items():
            self.assertEqual(report[key], value, f"{key}: {report}")


class Landing(VerifyTestCase):
    def test_a_clean_run_verifies_with_nothing_missing_duplicated_or_altered(self):
        self.generate(*IDENTITY)
        proc, report = self.verify(*IDENTITY)
        self.assertEqual(proc.returncode, 0, proc.stdout.decode() + proc.stderr.decode())
        self.assert_counts(report, expected=COUNT, received=COUNT, matched=COUNT, missing=0,
                           duplicated=0, altered=0, unexpected=0)
        self.assertEqual(report["identity"], "field `_sg_seq`")

    def break_folder(self, header_lines=0):
        """Removes the first file, copies the second, edits line 3 of the third: returns the
        counts of the removed and copied records."""
        names = self.files()
        removed = len(self.lines_of(names[0])) - header_lines
        os.remove(os.path.join(self.landing, names[0]))
        copied = len(self.lines_of(names[1])) - header_lines
        shutil.copy(os.path.join(self.landing, names[1]),
                    os.path.join(self.landing, "zz-again-" + names[1]))
        lines = self.lines_of(names[2])
        return removed, copied, names[2], lines

    def test_a_removed_file_a_copied_file_and_an_edited_line_are_counted_exactly(self):
        self.generate(*IDENTITY)
        removed, copied, edited, lines = self.break_folder()
        event = json.loads(lines[2])
        event["age" if "age" in event else "user_id"] = 987654321
        lines[2] = json.dumps(event, separators=(",", ":"))
        with open(os.path.join(self.landing, edited), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        proc, report = self.verify(*IDENTITY)
        self.assertEqual(proc.returncode, 1)
        self.assert_counts(report, missing=removed, duplicated=copied, altered=1, unexpected=0,
                           matched=COUNT - removed - 1)
        self.assertEqual(report["first_altered"][0]["sequence"], event["_sg_seq"])
        self.assertIn(report["first_altered"][0]["fields"][0]["field"], ("age", "user_id"))

    def test_without_an_identity_records_are_matched_by_content(self):
        self.generate()
        removed, copied, edited, lines = self.break_folder()
        lines[2] = lines[2].replace('"event_type_id":"', '"event_type_id":"x', 1)
        with open(os.path.join(self.landing, edited), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        proc, report = self.verify()
        self.assertEqual(proc.returncode, 1)
        # Without identity an edited record is no expected event: its own goes missing.
        self.assert_counts(report, missing=removed + 1, duplicated=copied, altered=0,
                           unexpected=1)
        self.assertEqual(report["identity"], "content")

    def test_csv_landing_files_are_compared_cell_by_cell(self):
        self.generate(*IDENTITY, fmt="csv")
        path = os.path.join(self.landing, self.files()[0])
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        column = rows[0].index("user_id")
        rows[5][column] = "1" + rows[5][column]
        # Rewritten by Python's csv module: other quoting, the same cells.
        out = io.StringIO()
        csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(out.getvalue())
        proc, report = self.verify(*IDENTITY, fmt="csv")
        self.assertEqual(proc.returncode, 1, proc.stdout.decode())
        self.assert_counts(report, missing=0, duplicated=0, altered=1, unexpected=0)


class Downstream(VerifyTestCase):
    def transform(self, alter=None):
        """A pipeline's output: `user_id` renamed `uid`, `event_id` dropped, one file per input."""
        for name in self.files():
            out = []
            for number, line in enumerate(self.lines_of(name)):
                event = json.loads(line)
                event["uid"] = event.pop("user_id")
                event.pop("event_id")
                if alter is not None and alter == (name, number):
                    event["uid"] += 1
                out.append(json.dumps(event))
            with open(os.path.join(self.landing, name), "w", encoding="utf-8") as f:
                f.write("\n".join(out) + "\n")

    def test_renamed_and_trimmed_output_verifies_through_map(self):
        self.generate(*IDENTITY)
        self.transform()
        proc, report = self.verify(*IDENTITY, "--map", "uid=user_id")
        self.assertEqual(proc.returncode, 0, proc.stdout.decode())
        self.assert_counts(report, matched=COUNT, altered=0, missing=0)

    def test_a_changed_value_in_renamed_output_is_altered(self):
        self.generate(*IDENTITY)
        self.transform(alter=(self.files()[1], 7))
        proc, report = self.verify(*IDENTITY, "--map", "uid=user_id")
        self.assertEqual(proc.returncode, 1)
        self.assert_counts(report, matched=COUNT - 1, altered=1)
        self.assertEqual(report["first_altered"][0]["fields"][0]["field"], "user_id")


class Expectations(VerifyTestCase):
    def test_a_shard_verifies_from_its_report_and_from_count(self):
        self.generate(*IDENTITY, "--shard", "1/3", count=9000)
        proc, report = self.verify(*IDENTITY)
        self.assertEqual(proc.returncode, 0, proc.stdout.decode())
        self.assert_counts(report, expected=3000, matched=3000)
        proc = run("verify", FORMATS, "--from", "file", "--out", self.landing, "--format",
                   "json", "--count", 9000, "--shard", "1/3", *IDENTITY)
        self.assertEqual(proc.returncode, 0, proc.stdout.decode())

    def test_a_run_stopped_by_its_duration_expects_what_it_generated(self):
        proc, report = run_report(FORMATS, "--sink", "file", "--out", self.landing, "--duration",
                                  1, "--rate", 30000, "--threads", 2, "--format", "json",
                                  *IDENTITY)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        with open(self.run_report, "w") as f:
            json.dump(report, f)
        proc, verified = self.verify(*IDENTITY)
        self.assertEqual(proc.returncode, 0, proc.stdout.decode())
        self.assertEqual(verified["expected"], report["totals"]["generated"])


class BadRequests(VerifyTestCase):
    def test_without_an_expectation_verify_exits_2(self):
        proc = run("verify", FORMATS, "--from", "file", "--out", self.dir)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"--run-report", proc.stderr)

    def test_a_sink_that_cannot_be_read_back_exits_2(self):
        proc = run("verify", FORMATS, "--from", "delta", "--out", self.dir, "--count", 10)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"cannot be read back", proc.stderr)

    def test_now_timestamps_need_an_identity_and_give_latencies(self):
        config = os.path.join(self.dir, "now.yaml")
        with open(config, "w") as f:
            f.write("event_types:\n  - event_type_id: a\n    fields:\n"
                    "      at: {type: timestamp}\n      n: {type: int, range: [1, 9]}\n")
        proc, _ = run_report(config, "--sink", "file", "--out", self.landing, "--count", 100,
                             "--rate", 0)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        proc = run("verify", config, "--from", "file", "--out", self.landing, "--count", 100)
        self.assertEqual(proc.returncode, 2, proc.stdout.decode())
        self.assertIn(b"set identity_field", proc.stderr)
        # With the field the same config verifies: `at` is left out of the comparison.
        shutil.rmtree(self.landing)
        # Paced over 0.1 s: a file's time comes from the kernel's coarse clock (a few ms), so
        # events generated in the same instant as the file can read as landing before it.
        proc, _ = run_report(config, "--sink", "file", "--out", self.landing, "--count", 100,
                             "--rate", 1000, *IDENTITY)
        out = os.path.join(self.dir, "verify.json")
        proc = run("verify", config, "--from", "file", "--out", self.landing, "--count", 100,
                   "--report", out, *IDENTITY)
        self.assertEqual(proc.returncode, 0, proc.stdout.decode() + proc.stderr.decode())
        # `at` is when each event was generated, the file's time when it landed.
        with open(out) as f:
            latency = json.load(f)["latency_ms"]
        self.assertEqual((latency["field"], latency["events"]), ("at", 100))
        self.assertTrue(0 <= latency["p50"] <= latency["p99"] <= latency["max"] < 60000, latency)

    def test_a_malformed_map_exits_2(self):
        proc = run("verify", FORMATS, "--from", "file", "--out", self.dir, "--count", 10,
                   "--map", "uid")
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"NEW=OLD", proc.stderr)

    def test_an_identity_field_that_a_field_has_is_a_located_error(self):
        proc = run("validate", FORMATS, "--set", "identity_field=user_id")
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"a field is already called `user_id`", proc.stderr)


if __name__ == "__main__":
    unittest.main()
