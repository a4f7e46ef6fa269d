"""Nested values (struct, array, map) in every format: CSV, Avro and Protobuf hold exactly the
events of the JSON run with the same seed, as read back by Python's csv and json modules,
avro-c's avrocat and protoc; threads and shards split them exactly; shapes the formats cannot
hold are refused with exit 2 and a location."""
import csv
import datetime
import io
import json
import math
import os
import re
import struct
import tempfile
import unittest

import format_decoders as fd
from streamgen_cli import SOURCE_DIR, run

FIXTURE = os.path.join(SOURCE_DIR, "tests", "cli", "data", "nested.yaml")
COUNT = 400
SEED = 24680

# The fixture's shape: scalars by name, ("struct", {...}), ("array", item), ("map", value),
# ("nullable", shape) for fields with a null_ratio (Avro unions).
ADDRESS = ("struct", {"city": "str", "zip": ("nullable", "str")})
CUSTOMER = ("nullable", ("struct", {"id": "str", "name": "str", "email": "str", "vip": "bool",
                                    "phones": ("array", "str"), "address": ADDRESS}))
LINE = ("struct", {"sku": "str", "qty": "int", "price": "double",
                   "discount": ("nullable", "float")})
SENSOR = ("struct", {"reading": "double", "unit": "str", "taken": "date"})
SHAPES = {
    "order.placed": {
        "order_id": "int", "customer": CUSTOMER, "lines": ("array", LINE),
        "tags": ("array", "str"), "scores": ("array", "double"), "flags": ("array", "bool"),
        "attributes": ("map", "int"), "seen_at": ("array", "timestamp"),
    },
    "sensor.batch": {"device": "str", "sensors": ("map", SENSOR)},
}


def run_format(fmt, *args):
    """The payload bytes of a run to stdout in format `fmt`."""
    proc = run("run", FIXTURE, "--sink", "stdout", "--count", COUNT, "--rate", 0,
               "--seed", SEED, "--format", fmt, *args)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen run --format {fmt} exited {proc.returncode}: "
                             f"{proc.stderr.decode()}")
    return proc.stdout


def run_file(fmt, folder):
    proc = run("run", FIXTURE, "--sink", "file", "--out", folder, "--count", COUNT,
               "--rate", 0, "--seed", SEED, "--threads", 1, "--format", fmt)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen run --format {fmt} exited {proc.returncode}: "
                             f"{proc.stderr.decode()}")
    names = sorted(os.listdir(folder))
    if len(names) != 1:
        raise AssertionError(f"expected one file, got {names}")
    return os.path.join(folder, names[0])


def millis(text):
    moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")
    return round(moment.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def days(text):
    return (datetime.date.fromisoformat(text) - datetime.date(1970, 1, 1)).days


def float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def canonical(shape, value, source):
    """One value in a form every format agrees on: timestamps as epoch ms, dates as days,
    floats rounded to their width, maps as sorted (key, value) pairs."""
    if value is None:
        return None
    if isinstance(shape, tuple):
        kind, inner = shape
        if kind == "nullable":
            return canonical(inner, value, source)
        if kind == "struct":
            return tuple((name, canonical(s, value.get(name), source))
                         for name, s in inner.items())
        if kind == "array":
            return tuple(canonical(inner, item, source) for item in value)
        return tuple(sorted((k, canonical(inner, v, source)) for k, v in value.items()))
    if shape == "timestamp":
        return millis(value) if source == "json" else int(value)
    if shape == "date":
        return days(value) if source == "json" else int(value)
    if shape == "float":
        return round(float32(float(value)), 5)
    if shape == "double":
        return round(float(value), 9)
    if shape == "int":
        return int(value)
    if shape == "bool":
        return value if isinstance(value, bool) else value == "true"
    return str(value)


def canonical_event(type_id, fields, source):
    shape = SHAPES[type_id]
    return (type_id, tuple((name, canonical(s, fields.get(name), source))
                           for name, s in shape.items()))


def json_events(lines):
    events = []
    for line in lines:
        event = json.loads(line)
        type_id = event.pop("event_type_id")
        if list(event) != list(SHAPES[type_id]):
            raise AssertionError(f"fields out of order: {list(event)}")
        events.append(canonical_event(type_id, event, "json"))
    return events


def unwrap_avro(shape, value):
    """avrocat writes the non-null branch of a union as {branch name: value}."""
    if value is None or not isinstance(shape, tuple):
        return value
    kind, inner = shape
    if kind == "nullable":
        (_, branch), = value.items()
        return unwrap_avro(inner, branch)
    if kind == "struct":
        return {name: unwrap_avro(s, value.get(name)) for name, s in inner.items()}
    if kind == "array":
        return [unwrap_avro(inner, item) for item in value]
    return {k: unwrap_avro(inner, v) for k, v in value.items()}


def proto_value(shape, pairs):
    """A message's (name, value) pairs from protoc's text format, as a dict by the shape."""
    out = {}
    if shape[0] == "nullable":
        shape = shape[1]
    for name, spec in shape[1].items():
        values = [v for n, v in pairs if n == name]
        if isinstance(spec, tuple) and spec[0] == "array":
            out[name] = [proto_scalar(spec[1], v) for v in values]
        elif isinstance(spec, tuple) and spec[0] == "map":
            entries = [dict(v) for v in values]
            out[name] = {e["key"]: proto_scalar(spec[1], e.get("value")) for e in entries}
        else:
            out[name] = proto_scalar(spec, values[0]) if values else None
    return out


def proto_scalar(shape, value):
    if isinstance(shape, tuple) and shape[0] == "nullable":
        return proto_scalar(shape[1], value)
    if isinstance(shape, tuple):
        return proto_value(shape, value if value is not None else [])
    if shape == "timestamp":
        fields = dict(value)
        return int(fields.get("seconds", 0)) * 1000 + int(fields.get("nanos", 0)) // 1_000_000
    return value


class NestedTestCase(unittest.TestCase):
    _reference = None

    @classmethod
    def reference(cls):
        if NestedTestCase._reference is None:
            lines = run_format("json", "--threads", 1).decode().splitlines()
            NestedTestCase._reference = json_events(lines)
        return NestedTestCase._reference

    def assertSameEvents(self, decoded, what):
        expected = self.reference()
        self.assertEqual(len(decoded), COUNT, what)
        self.assertTrue(decoded == expected,
                        f"{what} differs from the JSON run:\n"
                        f"{fd.first_differences(expected, decoded)}")


class Json(NestedTestCase):
    def test_fixture_reaches_nulls_empty_arrays_and_maps_and_every_length(self):
        lines = [json.loads(line) for line in run_format("json").decode().splitlines()]
        orders = [e for e in lines if e["event_type_id"] == "order.placed"]
        self.assertTrue(any(e["customer"] is None for e in orders))
        self.assertTrue(any(e["tags"] == [] for e in orders))
        self.assertTrue(any(e["attributes"] == {} for e in orders))
        self.assertEqual({len(e["lines"]) for e in orders}, {1, 2, 3, 4})
        zips = [e["customer"]["address"]["zip"] for e in orders if e["customer"]]
        self.assertIn(None, zips)
        self.assertTrue(any(z is not None for z in zips))

    def test_map_keys_are_distinct_and_drawn_from_the_key_spec(self):
        for line in run_format("json").decode().splitlines():
            # Duplicate keys would collapse in a dict: read them as pairs.
            pairs = json.loads(line, object_pairs_hook=lambda p: p)
            event = dict(pairs)
            if event["event_type_id"] != "order.placed":
                for key, _ in event["sensors"]:
                    self.assertRegex(key, r"^s-\d\d$")
                self.assertEqual(len({k for k, _ in event["sensors"]}), len(event["sensors"]))
                continue
            keys = [k for k, _ in event["attributes"]]
            self.assertEqual(len(keys), len(set(keys)))
            self.assertLessEqual(set(keys), {"color", "size", "weight", "material"})

    def test_array_lengths_stay_in_their_range(self):
        for line in run_format("json").decode().splitlines():
            event = json.loads(line)
            if event["event_type_id"] == "order.placed":
                self.assertEqual(len(event["scores"]), 4)
                self.assertTrue(1 <= len(event["lines"]) <= 4)
                self.assertTrue(0 <= len(event["flags"]) <= 3)
                for line_item in event["lines"]:
                    self.assertRegex(line_item["sku"], r"^S[A-Z0-9]U-\d{4}$")
                    self.assertTrue(1 <= line_item["qty"] <= 5)


class Csv(NestedTestCase):
    def test_nested_cells_hold_the_json_text_of_the_values(self):
        text = run_format("csv").decode()
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        decoded = []
        for row in rows[1:]:
            cells = dict(zip(header, row))
            type_id = cells["event_type_id"]
            fields = {}
            for name, shape in SHAPES[type_id].items():
                cell = cells[name]
                if isinstance(shape, tuple):
                    fields[name] = None if cell == "" else json.loads(cell)
                else:
                    fields[name] = cell
            decoded.append(canonical_event(type_id, fields, "json"))
        self.assertSameEvents(decoded, "CSV")


class Avro(NestedTestCase):
    def test_avrocat_reads_records_arrays_and_maps_as_written(self):
        with tempfile.TemporaryDirectory() as folder:
            records = fd.avrocat_records(run_file("avro", folder))
        decoded = []
        for _, record in records:
            type_id = record.pop("event_type_id")
            fields = {name: unwrap_avro(shape, record.get(name))
                      for name, shape in SHAPES[type_id].items()}
            decoded.append(canonical_event(type_id, fields, "avro"))
        self.assertSameEvents(decoded, "Avro")

    def test_schema_names_nested_records_after_their_path(self):
        schema = json.loads(run("schema", FIXTURE, "--format", "avro").stdout)
        order = next(r for r in schema if r["name"] == "order_placed")
        fields = {f["name"]: f["type"] for f in order["fields"]}
        self.assertEqual(fields["customer"][0], "null")
        self.assertEqual(fields["customer"][1]["name"], "order_placed_customer")
        self.assertEqual(fields["lines"]["type"], "array")
        self.assertEqual(fields["attributes"], {"type": "map", "values": "int"})


class Protobuf(NestedTestCase):
    def test_protoc_decodes_messages_repeated_fields_and_maps_as_written(self):
        with tempfile.TemporaryDirectory() as folder:
            proto = run("schema", FIXTURE, "--format", "protobuf").stdout
            with open(os.path.join(folder, "events.proto"), "wb") as f:
                f.write(proto)
            out = os.path.join(folder, "out")
            os.mkdir(out)
            with open(run_file("protobuf", out), "rb") as f:
                envelopes = fd.split_length_delimited(f.read())
            messages = fd.protoc_decode(folder, "events.proto", "streamgen.Event", envelopes)
        decoded = []
        for message in messages:
            (wrapper, pairs), = message
            type_id = "order.placed" if wrapper == "order_placed" else "sensor.batch"
            fields = proto_value(("struct", SHAPES[type_id]), pairs)
            decoded.append(canonical_event(type_id, fields, "protobuf"))
        self.assertSameEvents(decoded, "Protobuf")

    def test_numeric_arrays_are_packed(self):
        proto = run("schema", FIXTURE, "--format", "protobuf").stdout.decode()
        self.assertIn("repeated double scores = 6;", proto)
        self.assertIn("map<string, int32> attributes = 8;", proto)
        self.assertIn("repeated LinesItem lines = 4;", proto)


class Splitting(NestedTestCase):
    def test_same_seed_gives_the_same_bytes(self):
        self.assertEqual(run_format("avro", "--threads", 1), run_format("avro", "--threads", 1))

    def test_two_threads_and_two_shards_give_the_events_of_one_thread(self):
        one = sorted(run_format("json", "--threads", 1).splitlines())
        self.assertEqual(sorted(run_format("json", "--threads", 2).splitlines()), one)
        shards = []
        for shard in ("0/2", "1/2"):
            proc = run("run", FIXTURE, "--sink", "stdout", "--count", COUNT, "--rate", 0,
                       "--seed", SEED, "--shard", shard)
            self.assertEqual(proc.returncode, 0, proc.stderr.decode())
            shards += proc.stdout.splitlines()
        self.assertEqual(sorted(shards), one)


class BadInput(unittest.TestCase):
    def check_refused(self, text, fmt, pattern):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "bad.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            proc = run("run", path, "--count", 1, "--sink", "null", "--format", fmt)
        self.assertEqual(proc.returncode, 2, proc.stderr.decode())
        self.assertRegex(proc.stderr.decode(), pattern)

    def test_protobuf_refuses_an_array_of_arrays_at_the_items(self):
        self.check_refused(
            "event_types:\n  - event_type_id: a\n    fields:\n      grid:\n        type: array\n"
            "        items: {type: array, items: int}\n", "protobuf",
            r"bad\.yaml:6:16: .*protobuf cannot hold an array or map as an array's items")

    def test_protobuf_refuses_null_items(self):
        self.check_refused(
            "event_types:\n  - event_type_id: a\n    fields:\n      xs:\n        type: array\n"
            "        items: {type: int, null_ratio: 0.5}\n", "protobuf",
            r"bad\.yaml:6:16: .*protobuf cannot write null as an array's items")

    def test_avro_refuses_a_struct_field_name_that_is_no_identifier(self):
        self.check_refused(
            "event_types:\n  - event_type_id: a\n    fields:\n      s:\n        type: struct\n"
            "        fields:\n          \"bad name\": {type: int}\n", "avro",
            r"bad\.yaml:7:11: .*field `bad name`: avro field names")


if __name__ == "__main__":
    unittest.main()
