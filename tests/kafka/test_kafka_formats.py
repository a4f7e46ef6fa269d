"""Avro and Protobuf on Kafka: with a Schema Registry (tests/kafka/schema_registry.py) every Avro
message is framed with the id the registry handed out and decodes, with that id's schema, to the
event of the JSON run; subjects follow subject_name_strategy (the topic strategy only where each
topic carries one event type: a compatibility-checking registry refuses different records under one
subject, so the preflight does too); a registry that refuses or cannot be
reached fails the run with exit 1 before anything is delivered. Without a registry, Protobuf
messages are the type's own message. Messages are read back with kcat, decoded with avrocat and
protoc (tests/cli/format_decoders.py)."""
import json
import os
import re
import struct
import subprocess
import unittest
from unittest import mock

import kafka_fixture as kf  # puts tests/cli on the import path
import format_decoders as fd
import streamgen_cli
import test_kafka_sink
from registry_fixture import SchemaRegistry

FIXTURE = os.path.join(streamgen_cli.SOURCE_DIR, "tests", "cli", "data", "formats.yaml")
TYPES = fd.load_event_types(FIXTURE)
BY_ID = {t.id: t for t in TYPES}
COUNT = 3000
SEED = "97531"


def reference_events(count):
    """The JSON run of the fixture on one thread: the events in generation order."""
    proc = streamgen_cli.run("run", FIXTURE, "--sink", "stdout", "--count", count,
                             "--rate", 0, "--seed", SEED, "--threads", 1)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen --sink stdout failed: {proc.stderr.decode()}")
    return fd.canonical_json_events(TYPES, proc.stdout.decode().splitlines())


def printed_schema(fmt):
    proc = streamgen_cli.run("schema", FIXTURE, "--format", fmt)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen schema --format {fmt} failed: {proc.stderr.decode()}")
    return proc.stdout.decode()


def read_binary_messages(bootstrap, topic):
    """[(headers dict, value bytes)] of a topic from the beginning, read with kcat. Each message
    is printed as `<value size> TAB <headers> TAB <value>`, so binary values need no escaping."""
    proc = subprocess.run([kf.KCAT, "-b", bootstrap, "-C", "-t", topic, "-o", "beginning",
                           "-e", "-q", "-f", "%S\t%h\t%s"], capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"kcat -C failed ({proc.returncode}): {proc.stderr.decode()}")
    data, pos, messages = proc.stdout, 0, []
    while pos < len(data):
        tab = data.index(b"\t", pos)
        size = int(data[pos:tab])
        end_headers = data.index(b"\t", tab + 1)
        headers = dict(item.split("=", 1) for item in
                       data[tab + 1:end_headers].decode().split(",") if item)
        start = end_headers + 1
        messages.append((headers, data[start:start + size]))
        pos = start + size
    return messages


def unframe(value):
    """(schema id, Avro binary) of a Confluent wire-format value."""
    if len(value) < 5 or value[0] != 0:
        raise AssertionError(f"not Confluent framing (magic byte 0): {value[:8].hex()}")
    return struct.unpack(">I", value[1:5])[0], value[5:]


class FormatKafkaTestCase(test_kafka_sink.KafkaTestCase):
    def setUp(self):
        super().setUp()
        fd.require_tool(fd.AVROCAT, "avro-bin")
        fd.require_tool(fd.PROTOC, "protobuf-compiler")

    def registry(self, *args, **kwargs):
        registry = SchemaRegistry(*args, **kwargs)
        self.addCleanup(registry.close)
        return registry

    def format_config(self, fmt, bootstrap, topic="events", **sink_options):
        """The fixture with serialization_format FMT and a kafka sink_config with sink_options."""
        with open(FIXTURE, encoding="utf-8") as f:
            text = f.read()
        text = text[:text.index("\nsink_config:")]
        text = text.replace('serialization_format: "json"', f'serialization_format: "{fmt}"')
        lines = ["", "sink_config:", "  type: kafka", f'  bootstrap_servers: "{bootstrap}"',
                 f'  topic: "{topic}"']
        lines += [f'  {name}: "{value}"' for name, value in sink_options.items()]
        path = os.path.join(self.tmp, f"{fmt}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "\n".join(lines) + "\n")
        return path

    def run_config(self, config, count=COUNT):
        return self.run_to_end([config, "--count", count, "--rate", 0, "--seed", SEED,
                                "--threads", 1], timeout=120)

    def decode_avro_messages(self, registry, values):
        """Decodes each framed value with the schema its id names in the registry; returns the
        canonical events in message order and the ids seen."""
        by_id = {}
        for index, value in enumerate(values):
            schema_id, datum = unframe(value)
            by_id.setdefault(schema_id, []).append((index, datum))
        decoded = [None] * len(values)
        for schema_id, items in by_id.items():
            schema = registry.schema(schema_id)
            path = os.path.join(self.tmp, f"id-{schema_id}.avro")
            fd.write_avro_container(path, schema, [datum for _, datum in items])
            records = fd.avrocat_records(path)
            self.assertEqual(len(records), len(items), f"schema id {schema_id}")
            for (index, _), event in zip(items, fd.canonical_avro_events(TYPES, records)):
                decoded[index] = event
        return decoded, set(by_id)

    def assertNothingDelivered(self, code, err, report, broker):
        self.assertEqual(code, 1, err)
        # A run refused at start leaves no report; one that started reports nothing delivered.
        if report is not None:
            self.assertEqual(report["totals"]["delivered"], 0)
        self.assertEqual(kf.total_messages(broker.bootstrap, "events", 1), 0)


def topic_name(template, type_id):
    """The topic streamgen derives from a topic template for an event type."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", template.replace("{event_type_id}", type_id))


def topic_record_subjects():
    return sorted(f"events-streamgen.{fd.avro_name(t.id)}" for t in TYPES)


class AvroWithRegistry(FormatKafkaTestCase):
    def test_every_message_is_framed_with_a_registry_id_and_holds_the_json_event(self):
        registry = self.registry()
        broker = self.broker({"events": 1})  # one partition: the messages keep the run's order
        code, err, report = self.run_config(
            self.format_config("avro", broker.bootstrap, schema_registry_url=registry.url,
                               subject_name_strategy="topic_record"))
        self.assertAllDelivered(code, err, report, COUNT)

        messages = read_binary_messages(broker.bootstrap, "events")
        self.assertEqual(len(messages), COUNT)
        decoded, ids = self.decode_avro_messages(registry, [value for _, value in messages])
        expected = reference_events(COUNT)
        self.assertTrue(decoded == expected, fd.first_differences(expected, decoded))
        self.assertEqual(sorted(registry.subjects()), topic_record_subjects())
        self.assertEqual(len(ids), len(TYPES), "one schema per event type")

    def test_registered_schemas_are_the_records_of_the_schema_command(self):
        registry = self.registry()
        broker = self.broker({"events": 1})
        code, err, report = self.run_config(
            self.format_config("avro", broker.bootstrap, schema_registry_url=registry.url,
                               subject_name_strategy="record"), 300)
        self.assertAllDelivered(code, err, report, 300)
        records = {r["name"]: r for r in json.loads(printed_schema("avro"))}
        for headers, value in read_binary_messages(broker.bootstrap, "events"):
            schema_id, _ = unframe(value)
            registered = json.loads(registry.schema(schema_id))
            self.assertEqual(registered, records[fd.avro_name(headers["event_type_id"])])


class SubjectNames(FormatKafkaTestCase):
    def subjects_for(self, strategy, topic="events"):
        registry = self.registry()
        topics = {topic_name(topic, t.id): 1 for t in TYPES}
        broker = self.broker(topics)
        options = {"schema_registry_url": registry.url}
        if strategy is not None:
            options["subject_name_strategy"] = strategy
        code, err, report = self.run_config(
            self.format_config("avro", broker.bootstrap, topic=topic, **options), 300)
        self.assertAllDelivered(code, err, report, 300)
        return sorted(registry.subjects())

    def test_topic_strategy_is_the_default_and_names_each_types_topic(self):
        expected = sorted(f"{topic_name('ev.{event_type_id}', t.id)}-value" for t in TYPES)
        self.assertEqual(self.subjects_for(None, "ev.{event_type_id}"), expected)
        self.assertEqual(self.subjects_for("topic", "ev.{event_type_id}"), expected)

    def test_topic_strategy_on_a_topic_of_several_types_is_refused_before_the_run(self):
        config = self.format_config("avro", "127.0.0.1:9", schema_registry_url="http://127.0.0.1:9")
        proc = streamgen_cli.run("validate", config)
        self.assertEqual(proc.returncode, 2)
        self.assertRegex(proc.stderr.decode(), r"avro\.yaml:\d+:\d+: error: .*subject_name_strategy")

    def test_record_strategy_uses_the_record_name(self):
        self.assertEqual(self.subjects_for("record"),
                         sorted(f"streamgen.{fd.avro_name(t.id)}" for t in TYPES))

    def test_topic_record_strategy_prefixes_the_topic(self):
        self.assertEqual(self.subjects_for("topic_record"), topic_record_subjects())


class RegistryAuth(FormatKafkaTestCase):
    # Secrets are written as references in configs; the password comes from the environment.
    PASSWORD_REFERENCE = "${STREAMGEN_TEST_REGISTRY_PASSWORD}"

    def run_with_password(self, password):
        registry = self.registry("--require-auth", "alice:s3cret", auth=("alice", "s3cret"))
        broker = self.broker({"events": 1})
        config = self.format_config("avro", broker.bootstrap, schema_registry_url=registry.url,
                                    subject_name_strategy="topic_record",
                                    schema_registry_username="alice",
                                    schema_registry_password=self.PASSWORD_REFERENCE)
        with mock.patch.dict(os.environ, {"STREAMGEN_TEST_REGISTRY_PASSWORD": password}):
            return registry, broker, self.run_config(config, 300)

    def test_credentials_are_sent_as_basic_auth(self):
        registry, _, (code, err, report) = self.run_with_password("s3cret")
        self.assertAllDelivered(code, err, report, 300)
        self.assertEqual(sorted(registry.subjects()), topic_record_subjects())

    def test_wrong_credentials_fail_the_run_before_delivery(self):
        registry, broker, (code, err, report) = self.run_with_password("wrong")
        self.assertNothingDelivered(code, err, report, broker)
        self.assertRegex(err, r"401|[Uu]nauthori[sz]ed")
        self.assertEqual(registry.subjects(), [])


class RefusingRegistry(FormatKafkaTestCase):
    def test_refused_registration_fails_the_run_with_the_registry_message(self):
        registry = self.registry("--refuse")
        broker = self.broker({"events": 1})
        code, err, report = self.run_config(
            self.format_config("avro", broker.bootstrap, schema_registry_url=registry.url,
                               subject_name_strategy="topic_record"))
        self.assertNothingDelivered(code, err, report, broker)
        self.assertIn("incompatible with an earlier schema", err)
        self.assertIn("events-streamgen.", err)


class UnreachableRegistry(FormatKafkaTestCase):
    def test_unreachable_registry_fails_the_run_naming_its_url(self):
        url = f"http://127.0.0.1:{kf.closed_port()}"
        broker = self.broker({"events": 1})
        clock = kf.Stopwatch()
        code, err, report = self.run_config(
            self.format_config("avro", broker.bootstrap, schema_registry_url=url,
                               subject_name_strategy="record"))
        self.assertNothingDelivered(code, err, report, broker)
        self.assertIn(url.split("//")[1], err)
        print(f"\nunreachable registry: exit 1 after {clock.elapsed():.1f} s")


class ProtobufWithoutRegistry(FormatKafkaTestCase):
    def test_each_message_is_the_types_own_message_holding_the_json_event(self):
        broker = self.broker({"events": 1})
        code, err, report = self.run_config(self.format_config("protobuf", broker.bootstrap))
        self.assertAllDelivered(code, err, report, COUNT)
        with open(os.path.join(self.tmp, "streamgen.proto"), "w") as f:
            f.write(printed_schema("protobuf"))

        messages = read_binary_messages(broker.bootstrap, "events")
        self.assertEqual(len(messages), COUNT)
        by_type = {}
        for index, (headers, value) in enumerate(messages):
            by_type.setdefault(headers["event_type_id"], []).append((index, value))
        decoded = [None] * len(messages)
        for type_id, items in by_type.items():
            event_type = BY_ID[type_id]
            pairs = fd.protoc_decode(self.tmp, "streamgen.proto",
                                     f"streamgen.{fd.pascal_case(type_id)}",
                                     [value for _, value in items])
            for (index, _), message in zip(items, pairs):
                decoded[index] = fd.canonical_proto_message(event_type, message)
        expected = reference_events(COUNT)
        self.assertTrue(decoded == expected, fd.first_differences(expected, decoded))


def unframe_protobuf(value):
    """(schema id, message index, message bytes) of a Confluent Protobuf wire-format value: magic
    byte, id, then the message's path in the .proto as zigzag varints (a lone 0 for the first)."""
    schema_id, rest = unframe(value)
    count, pos = fd.avro_long(rest, 0)
    if count == 0:
        return schema_id, 0, rest[pos:]
    path = []
    for _ in range(count):
        index, pos = fd.avro_long(rest, pos)
        path.append(index)
    if len(path) != 1:
        raise AssertionError(f"expected a top-level message, got path {path}")
    return schema_id, path[0], rest[pos:]


class ProtobufWithRegistry(FormatKafkaTestCase):
    def test_messages_carry_the_registered_proto_and_the_message_index(self):
        registry = self.registry()
        broker = self.broker({"events": 1})
        code, err, report = self.run_config(
            self.format_config("protobuf", broker.bootstrap, schema_registry_url=registry.url))
        self.assertAllDelivered(code, err, report, COUNT)
        # One .proto holds every type's message, so the topic strategy registers it once.
        self.assertEqual(registry.subjects(), ["events-value"])

        messages = read_binary_messages(broker.bootstrap, "events")
        self.assertEqual(len(messages), COUNT)
        names = [fd.pascal_case(t.id) for t in TYPES]
        by_message = {}
        for index, (headers, value) in enumerate(messages):
            schema_id, message_index, body = unframe_protobuf(value)
            self.assertEqual(names[message_index], fd.pascal_case(headers["event_type_id"]))
            by_message.setdefault((schema_id, message_index), []).append((index, body))
        decoded = [None] * len(messages)
        for (schema_id, message_index), items in by_message.items():
            proto = os.path.join(self.tmp, f"id-{schema_id}.proto")
            with open(proto, "w", encoding="utf-8") as f:
                f.write(registry.schema(schema_id))
            event_type = TYPES[message_index]
            pairs = fd.protoc_decode(self.tmp, os.path.basename(proto),
                                     f"streamgen.{names[message_index]}",
                                     [body for _, body in items])
            for (index, _), message in zip(items, pairs):
                decoded[index] = fd.canonical_proto_message(event_type, message)
        expected = reference_events(COUNT)
        self.assertTrue(decoded == expected, fd.first_differences(expected, decoded))


if __name__ == "__main__":
    unittest.main()
