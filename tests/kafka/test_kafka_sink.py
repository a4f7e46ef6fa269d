"""The Kafka sink against a real Kafka-protocol broker (librdkafka's mock cluster), read back
with kcat: every event counted as delivered is in the broker exactly once, keys, headers and
topics are right, outages and retriable errors lose and duplicate nothing, and a broker or topic
that is not there fails the run clearly and in bounded time."""
import collections
import json
import os
import subprocess
import tempfile
import time
import unittest

import kafka_fixture as kf
import streamgen_cli

SEED = "20240611"
TYPES = ("user.session.start", "user.purchase", "user.session.end")


class KafkaTestCase(unittest.TestCase):
    """Starts brokers and runs, and stops whatever is left of them afterwards."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name
        self._brokers = []
        self._procs = []

    def tearDown(self):
        for proc in self._procs:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=10)
        for broker in self._brokers:
            broker.close()
        self._tmp.cleanup()

    def broker(self, topics, **kwargs):
        broker = kf.MockBroker(topics, **kwargs)
        self._brokers.append(broker)
        return broker

    def consumer(self, *args, **kwargs):
        consumer = kf.Consumer(*args, **kwargs)
        self._procs.append(consumer.proc)
        return consumer

    def start_run(self, args):
        """Starts `streamgen run ARGS --report FILE` in the background."""
        self.report_path = os.path.join(self.tmp, "report.json")
        proc = subprocess.Popen([streamgen_cli.BIN, "run", *map(str, args), "--report",
                                 self.report_path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._procs.append(proc)
        return proc

    def finish_run(self, proc, timeout):
        """Waits for a run; returns (exit code, stderr text, report or None)."""
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)
            self.fail(f"streamgen did not finish within {timeout} s")
        report = None
        # A run that fails before it starts leaves the report empty (its path is checked first).
        if os.path.exists(self.report_path) and os.path.getsize(self.report_path) > 0:
            with open(self.report_path) as f:
                report = json.load(f)
        return proc.returncode, err.decode(), report

    def run_to_end(self, args, timeout=120):
        return self.finish_run(self.start_run(args), timeout)

    def kafka_config(self, bootstrap, topic, properties):
        """The quickstart with a `kafka` sink_config carrying `properties` (names with dots)."""
        with open(kf.QUICKSTART) as f:
            text = f.read()
        text = text[:text.index("\nsink_config:")]
        lines = ["", "sink_config:", "  type: kafka", f'  bootstrap_servers: "{bootstrap}"',
                 f'  topic: "{topic}"', "  partition_key_field: user_id", "  properties:"]
        lines += [f'    {name}: "{value}"' for name, value in properties.items()]
        path = os.path.join(self.tmp, "kafka.yaml")
        with open(path, "w") as f:
            f.write(text + "\n".join(lines) + "\n")
        return path

    def assertAllDelivered(self, code, err, report, count):
        self.assertEqual(code, 0, err)
        self.assertIsNotNone(report)
        self.assertEqual(report["status"], "ok", report["errors"])
        self.assertEqual(report["totals"]["generated"], count)
        self.assertEqual(report["totals"]["delivered"], count)
        self.assertEqual(report["totals"]["failed"], 0)
        self.assertEqual(report["undelivered"], 0)


class Delivery(KafkaTestCase):
    def test_every_counted_event_is_in_the_broker_exactly_once(self):
        count = 20000
        broker = self.broker({"events": 4})
        consumer = self.consumer(broker.bootstrap, "events", count=count)
        clock = kf.Stopwatch()
        code, err, report = self.run_to_end(
            kf.kafka_args(broker.bootstrap, "events", "--count", count, "--rate", 0,
                          "--seed", SEED))
        run_seconds = clock.elapsed()
        self.assertAllDelivered(code, err, report, count)

        messages = consumer.messages(timeout=60)
        self.assertEqual(len(messages), count)
        self.assertEqual(kf.total_messages(broker.bootstrap, "events", 4), count)
        expected = kf.stdout_payloads("--count", count, "--rate", 0, "--seed", SEED)
        self.assertEqual(len(expected), count)
        self.assertEqual(collections.Counter(m["payload"] for m in messages),
                         collections.Counter(expected))
        print(f"\n{count} events delivered and read back in {run_seconds:.2f} s (run) / "
              f"{clock.elapsed():.2f} s (with the comparison)")


class KeysAndHeaders(KafkaTestCase):
    def test_key_is_the_partition_key_field_and_headers_carry_the_type(self):
        count = 5000
        broker = self.broker({"events": 4})
        code, err, report = self.run_to_end(
            kf.kafka_args(broker.bootstrap, "events", "--count", count, "--rate", 0,
                          "--seed", SEED, "--set", "sink_config.partition_key_field=user_id",
                          "--set", "sink_config.headers.source=streamgen-test"))
        self.assertAllDelivered(code, err, report, count)

        messages = self.consumer(broker.bootstrap, "events").messages(timeout=60)
        self.assertEqual(len(messages), count)
        partitions_of_key = collections.defaultdict(set)
        for message in messages:
            event = json.loads(message["payload"])
            self.assertEqual(message["key"], str(event["user_id"]), message)
            self.assertEqual(message["headers"].get("event_type_id"), event["event_type_id"])
            self.assertEqual(message["headers"].get("source"), "streamgen-test")
            partitions_of_key[message["key"]].add(message["partition"])
        # The key decides the partition: one user's events stay in order on one partition.
        self.assertTrue(all(len(p) == 1 for p in partitions_of_key.values()))
        self.assertEqual(len({m["partition"] for m in messages}), 4)


class TopicRouting(KafkaTestCase):
    def test_each_event_type_goes_to_its_own_topic(self):
        count = 20000
        topics = {f"ev.{t}": 3 for t in TYPES}
        broker = self.broker(topics)
        code, err, report = self.run_to_end(
            kf.kafka_args(broker.bootstrap, "ev.{event_type_id}", "--count", count,
                          "--rate", 0, "--seed", SEED))
        self.assertAllDelivered(code, err, report, count)

        for type_id in TYPES:
            topic = f"ev.{type_id}"
            delivered = report["event_types"][type_id]["delivered"]
            self.assertGreater(delivered, 0)
            self.assertEqual(kf.total_messages(broker.bootstrap, topic, 3), delivered, topic)
            messages = self.consumer(broker.bootstrap, topic).messages(timeout=60)
            self.assertEqual(len(messages), delivered, topic)
            for message in messages:
                self.assertEqual(json.loads(message["payload"])["event_type_id"], type_id)
                self.assertEqual(message["headers"].get("event_type_id"), type_id)


class FaultTestCase(KafkaTestCase):
    """A paced run (20,000 events/s for 8 s) with a fault injected while it runs."""

    COUNT = 160000
    RATE = 20000
    PARTITIONS = 6

    def run_with_fault(self, inject):
        broker = self.broker({"events": self.PARTITIONS})
        before = kf.total_messages(broker.bootstrap, "events", self.PARTITIONS)
        clock = kf.Stopwatch()
        proc = self.start_run(kf.kafka_args(broker.bootstrap, "events", "--count", self.COUNT,
                                            "--rate", self.RATE, "--seed", SEED))
        inject(broker, proc)
        code, err, report = self.finish_run(proc, timeout=90)
        seconds = clock.elapsed()
        self.assertAllDelivered(code, err, report, self.COUNT)
        after = kf.total_messages(broker.bootstrap, "events", self.PARTITIONS)
        # Every retried batch was appended once: the logs grew by exactly the count.
        self.assertEqual(after - before, self.COUNT)
        return seconds, broker


def sleep_while_running(proc, seconds):
    """Sleeps, but not past the end of the run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)


class BrokerOutage(FaultTestCase):
    def test_a_three_second_outage_loses_and_duplicates_nothing(self):
        timeline = {}

        def outage(broker, proc):
            sleep_while_running(proc, 2.5)
            self.assertIsNone(proc.poll(), "the run ended before the outage")
            broker.command("down 1")
            timeline["down"] = time.monotonic()
            time.sleep(3)
            broker.command("up 1")
            timeline["up"] = time.monotonic()

        seconds, _ = self.run_with_fault(outage)
        print(f"\n{self.COUNT} events at {self.RATE}/s with a "
              f"{timeline['up'] - timeline['down']:.1f} s outage: all delivered once, "
              f"run took {seconds:.1f} s")


class RetriableErrors(FaultTestCase):
    def test_retriable_produce_errors_lose_and_duplicate_nothing(self):
        def errors(broker, proc):
            sleep_while_running(proc, 1.5)
            # REQUEST_TIMED_OUT and NOT_LEADER_FOR_PARTITION on any broker, then on broker 1's
            # own stack, which tells whether all its errors were served.
            for command in ("errors 50 7", "errors 50 6", "errors 50 7 1"):
                self.assertIsNone(proc.poll(), "the run ended before the errors")
                broker.command(command)
                sleep_while_running(proc, 1.5)

        seconds, broker = self.run_with_fault(errors)
        self.assertEqual(broker.command("pending 1"), "ok 0", "errors left unserved")
        print(f"\n{self.COUNT} events at {self.RATE}/s with 150 failed Produce requests: "
              f"all delivered once, run took {seconds:.1f} s")


class FatalError(KafkaTestCase):
    def test_a_fatal_idempotence_error_ends_the_run_with_its_message(self):
        broker = self.broker({"events": 4})
        clock = kf.Stopwatch()
        proc = self.start_run(kf.kafka_args(broker.bootstrap, "events", "--rate", 5000,
                                            "--duration", 20, "--seed", SEED))
        sleep_while_running(proc, 1.5)
        self.assertIsNone(proc.poll(), "the run ended before the error")
        # OUT_OF_ORDER_SEQUENCE_NUMBER breaks the idempotent producer's sequence: fatal.
        broker.command("errors 3 45")
        code, err, report = self.finish_run(proc, timeout=60)
        self.assertEqual(code, 1, err)
        self.assertLess(clock.elapsed(), 15, "the run went on after the fatal error")
        self.assertIn("Kafka fatal error", err)
        totals = report["totals"]
        self.assertEqual(totals["delivered"] + totals["failed"] + report["undelivered"],
                         totals["generated"])


class UnreachableBroker(KafkaTestCase):
    COUNT = 1000

    def assertFailsInTime(self, args, bootstrap):
        clock = kf.Stopwatch()
        code, err, report = self.run_to_end(args, timeout=60)
        seconds = clock.elapsed()
        self.assertEqual(code, 1, err)
        self.assertLess(seconds, 10, "more than the message timeout and the flush")
        self.assertIsNotNone(report)
        self.assertEqual(report["status"], "failed")
        self.assertEqual(report["totals"]["delivered"], 0)
        self.assertEqual(report["totals"]["failed"] + report["undelivered"], self.COUNT)
        self.assertIn(bootstrap, err)
        self.assertIn(bootstrap, " ".join(report["errors"]))
        return seconds

    def test_unreachable_broker_fails_within_the_message_timeout(self):
        bootstrap = f"127.0.0.1:{kf.closed_port()}"
        config = self.kafka_config(bootstrap, "events", {"message.timeout.ms": 3000})
        seconds = self.assertFailsInTime([config, "--count", self.COUNT, "--rate", 0], bootstrap)
        print(f"\nunreachable broker: exit 1 after {seconds:.1f} s (message.timeout.ms=3000)")

    def test_message_timeout_set_on_the_command_line_reaches_librdkafka(self):
        bootstrap = f"127.0.0.1:{kf.closed_port()}"
        args = kf.kafka_args(bootstrap, "events", "--count", self.COUNT, "--rate", 0,
                             "--set", "sink_config.properties.message.timeout.ms=3000")
        self.assertFailsInTime(args, bootstrap)


class MissingTopic(KafkaTestCase):
    def test_missing_topic_fails_at_start_naming_topic_and_broker(self):
        # The mock creates any topic a producer asks about; `missing` makes it answer like a
        # broker without auto-creation.
        broker = self.broker({"events": 2}, missing=["absent"])
        clock = kf.Stopwatch()
        code, err, _ = self.run_to_end(
            kf.kafka_args(broker.bootstrap, "absent", "--count", 1000, "--rate", 0), timeout=60)
        seconds = clock.elapsed()
        self.assertEqual(code, 1, err)
        self.assertLess(seconds, 5)
        self.assertIn("absent", err)
        self.assertIn(broker.bootstrap, err)
        self.assertIn("does not exist", err)
        self.assertEqual(kf.total_messages(broker.bootstrap, "events", 2), 0)
        print(f"\nmissing topic: exit 1 after {seconds:.2f} s")


if __name__ == "__main__":
    unittest.main()
