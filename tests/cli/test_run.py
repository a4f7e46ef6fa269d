"""`streamgen run`: determinism, threads, shares, value ranges, pacing, reports, sinks."""
import collections
import json
import os
import re
import subprocess
import tempfile
import time
import unittest
import uuid

from streamgen_cli import example, events, run, run_report

QUICKSTART = example("quickstart.yaml")
FEATURES = example("streamgen-features.yaml")


class Determinism(unittest.TestCase):
    def test_same_seed_gives_byte_identical_output(self):
        args = ("run", QUICKSTART, "--sink", "stdout", "--count", 50000, "--rate", 0,
                "--seed", 42)
        first, second = run(*args), run(*args)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertEqual(len(first.stdout.splitlines()), 50000)
        self.assertEqual(first.stdout, second.stdout)

    def test_different_seed_gives_different_output(self):
        base = ("run", QUICKSTART, "--sink", "stdout", "--count", 1000, "--rate", 0)
        first, second = run(*base, "--seed", 1), run(*base, "--seed", 2)
        self.assertEqual((first.returncode, second.returncode), (0, 0))
        self.assertEqual(len(first.stdout.splitlines()), 1000)
        self.assertNotEqual(first.stdout, second.stdout)

    def test_two_threads_give_the_same_events_as_one(self):
        base = ("run", QUICKSTART, "--sink", "stdout", "--count", 100000, "--rate", 0,
                "--seed", 9)
        one, two = run(*base, "--threads", 1), run(*base, "--threads", 2)
        self.assertEqual((one.returncode, two.returncode), (0, 0), two.stderr)
        self.assertEqual(len(one.stdout.splitlines()), 100000)
        self.assertEqual(sorted(one.stdout.splitlines()), sorted(two.stdout.splitlines()))

    def test_shards_together_give_the_single_process_stream(self):
        base = ("run", QUICKSTART, "--sink", "stdout", "--count", 30000, "--rate", 0,
                "--seed", 5)
        whole = run(*base).stdout.splitlines()
        parts = []
        for shard in ("0/3", "1/3", "2/3"):
            proc = run(*base, "--shard", shard)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            parts += proc.stdout.splitlines()
        self.assertEqual(sorted(whole), sorted(parts))


class ValueOptions(unittest.TestCase):
    """Values made from shapes, permutations, templates and expressions are functions of the
    event: threads and shards see the same events."""

    CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "value-options.yaml")

    def test_two_threads_and_three_shards_give_the_events_of_one_thread(self):
        base = ("run", self.CONFIG, "--sink", "stdout", "--count", 60000, "--rate", 0)
        one = run(*base, "--threads", 1)
        two = run(*base, "--threads", 2)
        self.assertEqual((one.returncode, two.returncode), (0, 0), one.stderr + two.stderr)
        lines = one.stdout.splitlines()
        self.assertEqual(len(lines), 60000)
        self.assertEqual(sorted(lines), sorted(two.stdout.splitlines()))
        parts = []
        for shard in ("0/3", "1/3", "2/3"):
            proc = run(*base, "--shard", shard)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            parts += proc.stdout.splitlines()
        self.assertEqual(sorted(lines), sorted(parts))
        self.assertTrue(any(b'"label":"PAID-' in line for line in lines))
        self.assertFalse(any(b'"base":' in line for line in lines))


class Distribution(unittest.TestCase):
    """One million events: shares, ranges and value weights as configured."""

    @classmethod
    def setUpClass(cls):
        proc = run("run", QUICKSTART, "--sink", "stdout", "--count", 1000000, "--rate", 0,
                   "--threads", 2, timeout=300)
        assert proc.returncode == 0, proc.stderr
        cls.types = collections.Counter()
        cls.devices = collections.Counter()
        cls.out_of_range = []
        cls.key_orders = {}
        for line in proc.stdout.splitlines():
            e = json.loads(line)
            kind = e["event_type_id"]
            cls.types[kind] += 1
            cls.key_orders.setdefault(kind, list(e))
            if not cls.in_range(e):
                cls.out_of_range.append(line)

    @classmethod
    def in_range(cls, e):
        if not 1 <= e["user_id"] <= 1000000:
            return False
        kind = e["event_type_id"]
        if kind == "user.session.start":
            cls.devices[e["device_type"]] += 1
            return (e["device_type"] in ("iOS", "Android", "Web")
                    and uuid.UUID(e["session_id"]).version == 4)
        if kind == "user.purchase":
            return 0.99 <= e["amount"] <= 999.99 and uuid.UUID(e["transaction_id"]).version == 4
        duration = e["session_duration_sec"]
        return isinstance(duration, int) and 60 <= duration <= 7200

    def test_every_type_count_is_within_one_percent_of_its_share(self):
        shares = {"user.session.start": 0.5, "user.purchase": 0.3, "user.session.end": 0.2}
        self.assertEqual(sum(self.types.values()), 1000000)
        for type_id, share in shares.items():
            expected = 1000000 * share
            self.assertLess(abs(self.types[type_id] - expected) / expected, 0.01, type_id)

    def test_every_value_lies_in_its_range_or_set(self):
        self.assertEqual(self.out_of_range[:5], [])

    def test_weighted_values_follow_their_weights_within_two_percent(self):
        total = sum(self.devices.values())
        self.assertEqual(total, self.types["user.session.start"])
        for value, weight in (("iOS", 0.4), ("Android", 0.4), ("Web", 0.2)):
            self.assertLess(abs(self.devices[value] / total - weight) / weight, 0.02, value)

    def test_payload_starts_with_the_type_then_common_then_own_fields(self):
        self.assertEqual(self.key_orders["user.purchase"],
                         ["event_type_id", "user_id", "transaction_id", "amount"])


class Pacing(unittest.TestCase):
    def test_rate_20000_for_10_seconds_gives_200000_events_steadily(self):
        proc, report = run_report(QUICKSTART, "--sink", "null", "--rate", 20000,
                                  "--duration", 10)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        total = report["totals"]["generated"]
        self.assertLess(abs(total - 200000) / 200000, 0.01, total)
        seconds = report["per_second"]["generated"]
        # The first second includes start-up; the last entry is the partial remainder.
        for i, count in enumerate(seconds[1:10], start=1):
            self.assertLess(abs(count - 20000) / 20000, 0.05, (i, seconds))


class Reports(unittest.TestCase):
    def test_report_has_totals_and_per_type_counters(self):
        proc, report = run_report(QUICKSTART, "--sink", "null", "--count", 10000, "--rate", 0)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for key in ("elapsed_s", "events_per_s", "totals", "event_types"):
            self.assertIn(key, report)
        self.assertEqual(report["totals"]["generated"], 10000)
        self.assertEqual(report["totals"]["delivered"], 10000)
        self.assertEqual(report["totals"]["failed"], 0)
        self.assertGreater(report["totals"]["bytes"], 10000 * 20)
        per_type = report["event_types"]
        self.assertEqual(set(per_type), {"user.session.start", "user.purchase",
                                         "user.session.end"})
        self.assertEqual(sum(t["generated"] for t in per_type.values()), 10000)
        self.assertEqual(sum(t["bytes"] for t in per_type.values()), report["totals"]["bytes"])
        self.assertEqual(sum(report["per_second"]["generated"]), 10000)

    def test_batch_mode_without_count_generates_total_rows(self):
        proc, report = run_report(example("batch.yaml"), "--sink", "null")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(report["totals"]["generated"], 1000000)


class Sinks(unittest.TestCase):
    def test_an_unknown_sink_fails_with_exit_2_at_its_type(self):
        with tempfile.TemporaryDirectory() as tmp:
            config = os.path.join(tmp, "hdfs.yaml")
            with open(example("delta-sink.yaml"), encoding="utf-8") as f:
                text = f.read().replace('type: "delta"', 'type: "hdfs"')
            with open(config, "w", encoding="utf-8") as f:
                f.write(text)
            proc = run("run", config, "--count", 10)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(config.encode() + b":33:9: error: unknown sink type `hdfs`", proc.stderr)

    def test_validate_and_run_agree_on_secret_references_that_do_not_resolve(self):
        for name in ("STREAMGEN_SECRET_my_scope_aws_key", "STREAMGEN_SECRET_my_scope_aws_secret"):
            self.assertNotIn(name, os.environ, "the test needs the variable unset")
        expected = (QUICKSTART.encode() + b":50:22: error: sink_config.aws_access_key_id: "
                    b"environment variable STREAMGEN_SECRET_my_scope_aws_key is not set")
        for command in (("validate", QUICKSTART), ("run", QUICKSTART, "--count", 10)):
            proc = run(*command)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(expected, proc.stderr)

    def test_sink_option_overrides_the_config(self):
        proc = run("run", QUICKSTART, "--count", 10, "--sink", "stdout")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(len(proc.stdout.splitlines()), 10)

    def test_file_sink_writes_complete_files_only(self):
        with tempfile.TemporaryDirectory() as out:
            proc = run("run", QUICKSTART, "--sink", "file", "--out", out, "--count", 25000,
                       "--rate", 0, "--threads", 2, "--set", "sink_config.max_records=10000")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            names = sorted(os.listdir(out))
            self.assertFalse([n for n in names if n.startswith(".")], names)
            lines = 0
            for name in names:
                self.assertTrue(name.endswith(".jsonl"), name)
                with open(os.path.join(out, name)) as f:
                    content = f.read().splitlines()
                self.assertLessEqual(len(content), 10000)
                for line in content:
                    json.loads(line)
                lines += len(content)
            self.assertEqual(lines, 25000)

    def test_reader_polling_the_folder_never_sees_a_partial_file(self):
        import signal
        from streamgen_cli import BIN
        max_records = 2000
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "landing")
            report_path = os.path.join(tmp, "report.json")
            # No count or duration: the run lasts until the reader has seen enough files, so the
            # outcome does not depend on how fast this machine is. No age limit either: only the
            # record limit and the end of the run complete a file.
            proc = subprocess.Popen([BIN, "run", QUICKSTART, "--sink", "file", "--out", out,
                                     "--rate", "50000", "--threads", "2", "--report", report_path,
                                     "--set", f"sink_config.max_records={max_records}",
                                     "--set", "sink_config.max_seconds=0"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                seen = self.poll_until_files_seen(proc, out, wanted=10)
                proc.send_signal(signal.SIGINT)  # a clean stop: flushes and renames the rest
                _, err = proc.communicate(timeout=60)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            self.assertEqual(proc.returncode, 0, err)
            self.assertGreaterEqual(len(seen), 10)
            final = self.read_folder(out)
            # A file visible under its final name never changes afterwards.
            for name, content in seen.items():
                self.assertEqual(content, final.get(name), name)
            self.assert_only_last_file_of_each_worker_is_short(final, max_records)
            with open(report_path) as f:
                report = json.load(f)
            self.assert_files_hold_what_the_report_delivered(final, report)

    def poll_until_files_seen(self, proc, out, wanted):
        """Reads every file that appears under its final name while the run goes on and checks it
        is whole; returns {name: content} once `wanted` files were seen."""
        seen = {}
        deadline = time.monotonic() + 120
        while len(seen) < wanted:
            self.assertIsNone(proc.poll(), "the run ended before the reader saw enough files")
            self.assertLess(time.monotonic(), deadline, f"only {len(seen)} files after 120 s")
            names = os.listdir(out) if os.path.isdir(out) else []
            for name in names:
                if name.startswith(".") or name in seen:
                    continue
                with open(os.path.join(out, name), "rb") as f:
                    content = f.read()
                self.assert_whole_jsonl(name, content)
                seen[name] = content
            try:
                proc.wait(timeout=0.01)  # returns at once if the run ends meanwhile
            except subprocess.TimeoutExpired:
                pass
        return seen

    def read_folder(self, out):
        final = {}
        for name in os.listdir(out):
            self.assertFalse(name.startswith("."), f"temporary file left behind: {name}")
            with open(os.path.join(out, name), "rb") as f:
                final[name] = f.read()
            self.assert_whole_jsonl(name, final[name])
        return final

    def assert_whole_jsonl(self, name, content):
        self.assertTrue(name.endswith(".jsonl"), name)
        self.assertTrue(content.endswith(b"\n"), name)
        for line in content.splitlines():
            json.loads(line)

    def assert_only_last_file_of_each_worker_is_short(self, files, max_records):
        by_worker = collections.defaultdict(list)
        for name in files:
            match = re.search(r"-w(\d+)-(\d+)\.jsonl$", name)
            self.assertIsNotNone(match, name)
            by_worker[int(match.group(1))].append((int(match.group(2)), name))
        for worker, numbered in by_worker.items():
            numbered.sort()
            self.assertEqual([n for n, _ in numbered], list(range(1, len(numbered) + 1)), worker)
            for _, name in numbered[:-1]:
                self.assertEqual(len(files[name].splitlines()), max_records, name)
            last = numbered[-1][1]
            self.assertLessEqual(len(files[last].splitlines()), max_records, last)

    def assert_files_hold_what_the_report_delivered(self, files, report):
        per_type = collections.Counter()
        for content in files.values():
            for line in content.splitlines():
                per_type[json.loads(line)["event_type_id"]] += 1
        self.assertEqual(report["totals"]["failed"], 0)
        self.assertEqual(sum(per_type.values()), report["totals"]["delivered"])
        self.assertEqual(report["totals"]["delivered"], report["totals"]["generated"])
        delivered = {t: c["delivered"] for t, c in report["event_types"].items() if c["delivered"]}
        self.assertEqual(dict(per_type), delivered)

    def test_closed_stdout_ends_the_run_with_exit_1(self):
        import subprocess
        from streamgen_cli import BIN
        proc = subprocess.Popen([BIN, "run", QUICKSTART, "--sink", "stdout", "--rate", "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.read(4096)
        proc.stdout.close()
        _, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn(b"stdout", err)


class Preview(unittest.TestCase):
    def test_preview_prints_the_first_events_of_the_run(self):
        preview = run("preview", QUICKSTART, "-n", 20, "--seed", 3)
        stream = run("run", QUICKSTART, "--sink", "stdout", "--count", 20, "--rate", 0,
                     "--seed", 3)
        self.assertEqual((preview.returncode, stream.returncode), (0, 0), preview.stderr)
        self.assertEqual(len(preview.stdout.splitlines()), 20)
        self.assertEqual(preview.stdout, stream.stdout)

    def test_preview_of_one_type_shows_only_that_type(self):
        proc = run("preview", QUICKSTART, "-n", 7, "--type", "user.purchase")
        rows = events(proc.stdout)
        self.assertEqual(len(rows), 7)
        self.assertTrue(all(r["event_type_id"] == "user.purchase" for r in rows))

    def test_preview_of_an_unknown_type_is_an_argument_error(self):
        self.assertEqual(run("preview", QUICKSTART, "--type", "nope").returncode, 2)


class Arguments(unittest.TestCase):
    def test_unknown_option_exits_2(self):
        self.assertEqual(run("run", QUICKSTART, "--bogus").returncode, 2)

    def test_missing_config_file_exits_2_with_its_name(self):
        proc = run("validate", "/nonexistent/config.yaml")
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"/nonexistent/config.yaml", proc.stderr)

    def test_set_overrides_a_config_key(self):
        proc = run("run", QUICKSTART, "--sink", "stdout", "--count", 5, "--set",
                   "common_fields.user_id.range=[7, 7]")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(all(e["user_id"] == 7 for e in events(proc.stdout)))

    def test_bench_prints_rates_per_thread_count(self):
        proc = run("bench", QUICKSTART, "--seconds", 0.5, "--threads", 2)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = [l for l in proc.stdout.decode().splitlines() if re.match(r"^\d+\s", l)]
        self.assertEqual([r.split()[0] for r in rows], ["1", "2"])
        self.assertTrue(all(float(r.split()[1]) > 0 for r in rows))


if __name__ == "__main__":
    unittest.main()
