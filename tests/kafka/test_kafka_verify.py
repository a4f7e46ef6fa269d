"""`streamgen verify --from kafka` against the loopback broker: a clean run verifies clean, the
faults topic_copier injects (dropped, duplicated, altered messages) are found with exactly the
injected counts, a run through a broker outage verifies clean, and brokers that cannot be reached
end the verify with exit 1 and a message naming them."""
import json
import os
import random
import subprocess
import time

import kafka_fixture as kf
import registry_fixture
import streamgen_cli
from test_kafka_sink import KafkaTestCase, sleep_while_running

SEED = "20240611"
TOPIC_COPIER = os.environ.get("TOPIC_COPIER_BIN", "topic_copier")
COUNTS = ("expected", "received", "matched", "missing", "duplicated", "altered", "unexpected",
          "out_of_order")


class VerifyTestCase(KafkaTestCase):
    def run_into(self, broker, topic, count, *extra):
        """`streamgen run` of `count` quickstart events into `topic`, all delivered; returns the
        path of its report."""
        code, err, report = self.run_to_end(
            kf.kafka_args(broker.bootstrap, topic, "--count", count, "--rate", 0, "--seed", SEED,
                          *extra))
        self.assertAllDelivered(code, err, report, count)
        return self.run_report_path()

    def verify(self, bootstrap, topic, *extra, timeout=120):
        """`streamgen verify --from kafka` of `topic`: (exit code, output, report or None)."""
        path = os.path.join(self.tmp, "verify.json")
        if os.path.exists(path):
            os.remove(path)
        proc = streamgen_cli.run(
            "verify", kf.QUICKSTART, "--from", "kafka", "--set",
            f"sink_config.bootstrap_servers={bootstrap}", "--set", f"sink_config.topic={topic}",
            "--report", path, *extra, timeout=timeout)
        report = None
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path) as f:
                report = json.load(f)
        return proc.returncode, proc.stdout.decode() + proc.stderr.decode(), report

    def run_report_path(self):
        """The last run's --report, moved aside for verify (each run writes the same path)."""
        path = os.path.join(self.tmp, "run.json")
        os.replace(self.report_path, path)
        return path

    def assertCounts(self, report, **expected):
        self.assertIsNotNone(report)
        for name in COUNTS:
            self.assertIsInstance(report.get(name), int, name)
        self.assertEqual({name: report[name] for name in expected}, expected, report)


class CleanRun(VerifyTestCase):
    def test_a_clean_two_thread_run_verifies_with_nothing_missing_duplicated_or_altered(self):
        count = 20000
        broker = self.broker({"events": 4})
        run_report = self.run_into(broker, "events", count, "--threads", 2)

        clock = kf.Stopwatch()
        code, output, report = self.verify(broker.bootstrap, "events", "--run-report", run_report)
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=count, received=count, matched=count, missing=0,
                          duplicated=0, altered=0, unexpected=0)
        self.assertEqual(report["identity"], "header", report)
        # The same through --count and --seed instead of the run's report.
        code, output, report = self.verify(broker.bootstrap, "events", "--count", count,
                                           "--seed", SEED)
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=count, matched=count, missing=0, duplicated=0,
                          altered=0)
        print(f"\n{count} events verified twice in {clock.elapsed():.2f} s")

    def test_without_the_sequence_header_messages_verify_by_content_or_by_field(self):
        count = 2000
        broker = self.broker({"plain": 2})
        run_report = self.run_into(broker, "plain", count, "--set",
                                   "sink_config.sequence_header=false")
        code, output, report = self.verify(broker.bootstrap, "plain", "--run-report", run_report)
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=count, matched=count, missing=0)
        self.assertEqual(report["identity"], "content")
        # With the field, the same messages verify by it.
        broker2 = self.broker({"field": 2})
        run_report = self.run_into(broker2, "field", count, "--set",
                                   "sink_config.sequence_header=false", "--set",
                                   "identity_field=_sg_seq")
        code, output, report = self.verify(broker2.bootstrap, "field", "--run-report", run_report,
                                           "--set", "identity_field=_sg_seq")
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=count, matched=count, missing=0)
        self.assertEqual(report["identity"], "field `_sg_seq`")

    def test_one_topic_per_event_type_is_read_back_whole(self):
        count = 6000
        topics = {f"ev.{t}": 2 for t in ("user.session.start", "user.purchase",
                                          "user.session.end")}
        broker = self.broker(topics)
        run_report = self.run_into(broker, "ev.{event_type_id}", count)
        code, output, report = self.verify(broker.bootstrap, "ev.{event_type_id}",
                                           "--run-report", run_report)
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=count, received=count, matched=count, missing=0)


class InjectedFaults(VerifyTestCase):
    def test_dropped_duplicated_and_altered_messages_are_found_exactly(self):
        count = 20000
        broker = self.broker({"events": 4, "copy": 4})
        run_report = self.run_into(broker, "events", count, "--threads", 2)

        # Distinct events for each fault, the same every time.
        chosen = random.Random(7).sample(range(count), 15)
        drop, duplicate, alter = chosen[:7], chosen[7:12], chosen[12:]
        proc = subprocess.run(
            [TOPIC_COPIER, broker.bootstrap, "events", "copy",
             "--drop", ",".join(map(str, drop)), "--duplicate", ",".join(map(str, duplicate)),
             "--alter", ",".join(map(str, alter))],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(kf.total_messages(broker.bootstrap, "copy", 4), count - 7 + 5)

        code, output, report = self.verify(broker.bootstrap, "copy", "--run-report", run_report,
                                           "--show", 20)
        self.assertEqual(code, 1, output)
        self.assertCounts(report, expected=count, received=count - 7 + 5, missing=7,
                          duplicated=5, altered=3, unexpected=0, matched=count - 7 - 3)
        self.assertEqual(sorted(report["first_missing"]), sorted(drop))
        self.assertEqual(sorted(e["sequence"] for e in report["first_duplicated"]),
                         sorted(duplicate))
        self.assertEqual(sorted(e["sequence"] for e in report["first_altered"]), sorted(alter))
        for event in report["first_altered"]:
            self.assertTrue(event["origin"].startswith("copy/"), event)
            self.assertEqual([f["field"] for f in event["fields"]], ["user_id"], event)

        # The original topic is untouched by the copy.
        code, output, report = self.verify(broker.bootstrap, "events", "--run-report",
                                           run_report)
        self.assertEqual(code, 0, output)


class ThroughOutage(VerifyTestCase):
    COUNT = 160000
    RATE = 20000

    def test_a_run_through_a_three_second_outage_verifies_clean(self):
        broker = self.broker({"events": 6})
        proc = self.start_run(kf.kafka_args(broker.bootstrap, "events", "--count", self.COUNT,
                                            "--rate", self.RATE, "--seed", SEED,
                                            "--threads", 2))
        sleep_while_running(proc, 2.5)
        self.assertIsNone(proc.poll(), "the run ended before the outage")
        broker.command("down 1")
        time.sleep(3)
        broker.command("up 1")
        code, err, report = self.finish_run(proc, timeout=90)
        self.assertAllDelivered(code, err, report, self.COUNT)

        code, output, report = self.verify(broker.bootstrap, "events", "--run-report",
                                           self.run_report_path())
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=self.COUNT, received=self.COUNT, matched=self.COUNT,
                          missing=0, duplicated=0, altered=0, unexpected=0)


class RegistryFraming(VerifyTestCase):
    def test_avro_and_protobuf_values_are_read_without_their_wire_format_framing(self):
        count = 3000
        registry = registry_fixture.SchemaRegistry()
        self.addCleanup(registry.close)
        broker = self.broker({"avro": 3, "protobuf": 3})
        for fmt in ("avro", "protobuf"):
            # Records are compared byte for byte: a framing byte left on fails every one.
            options = ["--format", fmt, "--set", f"sink_config.schema_registry_url={registry.url}",
                       "--set", "sink_config.subject_name_strategy=record"]
            run_report = self.run_into(broker, fmt, count, *options)
            code, output, report = self.verify(broker.bootstrap, fmt, "--run-report", run_report,
                                               *options)
            self.assertEqual(code, 0, output)
            self.assertCounts(report, expected=count, received=count, matched=count, missing=0,
                              altered=0, unexpected=0)


class UnreachableBroker(VerifyTestCase):
    def test_brokers_that_cannot_be_reached_fail_the_read_naming_them(self):
        servers = f"127.0.0.1:{kf.closed_port()}"
        clock = kf.Stopwatch()
        code, output, report = self.verify(servers, "events", "--count", 100, "--seed", SEED)
        # Exit 1: the read failed (2 is for bad arguments or config); no report is written.
        self.assertEqual(code, 1, output)
        self.assertLess(clock.elapsed(), 30)
        self.assertIn(servers, output)
        self.assertIn("`events`", output)
        self.assertIsNone(report)
