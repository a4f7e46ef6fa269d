"""The format tests' readers (format_decoders.py) on hand-made inputs: a CSV, an Avro container
and a Protobuf stream written here from known events must read back as those events, and a
changed value must show up as a difference. This proves the harness independently of streamgen.

The small encoders below follow the format specs and exist only to make those inputs."""
import json
import os
import struct
import tempfile
import unittest
import zlib

import format_decoders as fd

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "formats.yaml")
TYPES = fd.load_event_types(FIXTURE)
BY_ID = {t.id: t for t in TYPES}

# Hand-made events of the fixture's types: nulls, negative numbers, values beyond 32 bits, a
# date before 1970, and strings a CSV writer must quote.
JSON_LINES = [
    '{"event_type_id":"user.signup","event_id":"0f8fad5b-d9cb-469f-a165-70867728950e",'
    '"user_id":4999999999,"event_time":"2024-01-01T00:00:00.000Z","region":"us,east",'
    '"session_id":null,"age":13,"platform":"ios","referral_code":null,"marketing_opt_in":false,'
    '"birth_date":"1930-01-01"}',
    '{"event_type_id":"user.purchase","event_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7",'
    '"user_id":1,"event_time":"2024-01-01T00:00:00.250Z","region":"say \\"hi\\"",'
    '"session_id":"16fd2706-8baf-433b-82eb-8c7fada847da","order_id":null,"amount":12.34,'
    '"score":0.1,"total_cents":8999999999,"fx_rate":1.234567,"ratio":-0.5,'
    '"paid_at":"2023-06-01T00:00:00.001Z","delivery_date":"2024-12-31","express":true}',
    '{"event_type_id":"user.purchase","event_id":"a8098c1a-f86e-11da-bd1a-00112444be1e",'
    '"user_id":42,"event_time":"2024-01-01T00:00:00.500Z","region":"two\\nlines",'
    '"session_id":null,"order_id":"e902893a-9d22-3c7e-a7b8-d6e313b71d9f","amount":999.99,'
    '"score":0,"total_cents":-100,"fx_rate":0.5,"ratio":null,"paid_at":null,'
    '"delivery_date":null,"express":false}',
    '{"event_type_id":"device.ping","event_id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8",'
    '"user_id":5000000000,"event_time":"2024-01-01T00:00:00.750Z","region":"cr\\rhere",'
    '"session_id":null,"temperature_c":-40,"uptime_ms":1000000000000,"platform":"web",'
    '"online":true,"last_sync":"2024-03-01T12:00:00.001Z"}',
    '{"event_type_id":"device.ping","event_id":"6ba7b811-9dad-11d1-80b4-00c04fd430c8",'
    '"user_id":7,"event_time":"2024-01-01T00:00:01.000Z","region":"caf\\u00e9",'
    '"session_id":"16fd2706-8baf-433b-82eb-8c7fada847db","temperature_c":null,"uptime_ms":0,'
    '"platform":"android","online":false,"last_sync":"2024-03-01T12:00:01.002Z"}',
    '{"event_type_id":"user.signup","event_id":"0f8fad5b-d9cb-469f-a165-70867728950f",'
    '"user_id":3,"event_time":"2024-01-01T00:00:01.250Z","region":"ap;south",'
    '"session_id":"16fd2706-8baf-433b-82eb-8c7fada847dc","age":99,"platform":"web",'
    '"referral_code":"FRIEND10","marketing_opt_in":true,"birth_date":"1969-12-31"}',
]
EXPECTED = fd.canonical_json_events(TYPES, JSON_LINES)


def with_changed_value(events, index, name, value):
    changed = [(t, dict(fields)) for t, fields in events]
    changed[index][1][name] = value
    return changed


# --- an Avro encoder following the spec's schema -------------------------------------------------

def avro_value(field, value):
    """A canonical value as its Avro type encodes it (logical types are their base type)."""
    kind = field.type
    if kind in ("uuid", "string"):
        return fd.avro_bytes(value.encode())
    if kind in ("int", "long", "timestamp", "date"):
        return fd.zigzag(value)
    if kind == "float":
        return struct.pack("<f", value)
    if kind == "double":
        return struct.pack("<d", value)
    return b"\x01" if value else b"\x00"


def avro_record(event_type, fields):
    out = fd.avro_bytes(event_type.id.encode())
    for field in event_type.fields:
        value = fields[field.name]
        if field.nullable:  # ["null", T]: branch 0 is null, 1 the value
            out += fd.zigzag(0) if value is None else fd.zigzag(1) + avro_value(field, value)
        else:
            out += avro_value(field, value)
    return out


def avro_union_datum(type_id, fields):
    index = [t.id for t in TYPES].index(type_id)
    return fd.zigzag(index) + avro_record(BY_ID[type_id], fields)


def deflate_container(schema, datums, per_block):
    sync = bytes(range(16))
    out = fd.AVRO_MAGIC + fd.zigzag(2)
    out += fd.avro_bytes(b"avro.schema") + fd.avro_bytes(json.dumps(schema).encode())
    out += fd.avro_bytes(b"avro.codec") + fd.avro_bytes(b"deflate") + fd.zigzag(0) + sync
    for start in range(0, len(datums), per_block):
        block = datums[start:start + per_block]
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate, as Avro specifies
        body = packer.compress(b"".join(block)) + packer.flush()
        out += fd.zigzag(len(block)) + fd.zigzag(len(body)) + body + sync
    return out


# --- a Protobuf encoder and .proto writer following the spec -------------------------------------

PROTO_SCALARS = {"TYPE_STRING": "string", "TYPE_INT32": "int32", "TYPE_INT64": "int64",
                 "TYPE_FLOAT": "float", "TYPE_DOUBLE": "double", "TYPE_BOOL": "bool",
                 "TYPE_MESSAGE": "google.protobuf.Timestamp"}


def spec_proto(types):
    lines = ['syntax = "proto3";', "package streamgen;",
             'import "google/protobuf/timestamp.proto";', ""]
    for event_type in types:
        lines.append(f"message {fd.pascal_case(event_type.id)} {{")
        lines.append("  string event_type_id = 1;")
        for number, field in enumerate(event_type.fields, 2):
            proto_type = PROTO_SCALARS[fd.expected_proto_type(field)[0]]
            lines.append(f"  optional {proto_type} {field.name} = {number};")
        lines.append("}")
    lines.append("message Event {\n  oneof event {")
    for number, event_type in enumerate(types, 1):
        lines.append(f"    {fd.pascal_case(event_type.id)} {fd.snake_case(event_type.id)} = "
                     f"{number};")
    lines.append("  }\n}")
    return "\n".join(lines) + "\n"


def tag(number, wire_type):
    return fd.varint(number << 3 | wire_type)


def length_delimited(number, data):
    return tag(number, 2) + fd.varint(len(data)) + data


def proto_field(number, field, value):
    kind = field.type
    if kind in ("uuid", "string"):
        return length_delimited(number, value.encode())
    if kind == "timestamp":
        seconds, millis = divmod(value, 1000)
        body = b""
        if seconds:
            body += tag(1, 0) + fd.varint(seconds)
        if millis:
            body += tag(2, 0) + fd.varint(millis * 1_000_000)
        return length_delimited(number, body)
    if kind == "float":
        return tag(number, 5) + struct.pack("<f", value)
    if kind == "double":
        return tag(number, 1) + struct.pack("<d", value)
    if kind == "boolean":
        return tag(number, 0) + fd.varint(int(value))
    return tag(number, 0) + fd.varint(value)  # int32, int64 and dates


def proto_message(event_type, fields):
    out = length_delimited(1, event_type.id.encode())
    for number, field in enumerate(event_type.fields, 2):
        if fields[field.name] is not None:  # null: the field is absent
            out += proto_field(number, field, fields[field.name])
    return out


def proto_event(type_id, fields):
    member = [t.id for t in TYPES].index(type_id) + 1
    return length_delimited(member, proto_message(BY_ID[type_id], fields))


class CsvReader(unittest.TestCase):
    def check_round_trip(self, delimiter):
        text = fd.expected_csv_text(TYPES, JSON_LINES, delimiter)
        header, rows = fd.read_csv(text, delimiter)
        self.assertEqual(header, fd.csv_columns(TYPES))
        self.assertEqual(len(rows), len(JSON_LINES))
        decoded = fd.canonical_csv_events(TYPES, header, rows)
        self.assertEqual(decoded, EXPECTED, fd.first_differences(EXPECTED, decoded))
        return text

    def test_hand_made_comma_csv_reads_back_as_its_events(self):
        text = self.check_round_trip(",")
        self.assertIn('"us,east"', text)
        self.assertIn(",ap;south,", text)

    def test_hand_made_semicolon_csv_reads_back_as_its_events(self):
        text = self.check_round_trip(";")
        self.assertIn(";us,east;", text)
        self.assertIn(';"ap;south";', text)

    def test_minimal_quoting_doubles_quotes_and_quotes_line_breaks(self):
        self.assertEqual(fd.csv_cell('say "hi"', ","), '"say ""hi"""')
        self.assertEqual(fd.csv_cell("two\nlines", ","), '"two\nlines"')
        self.assertEqual(fd.csv_cell("cr\rhere", ";"), '"cr\rhere"')
        self.assertEqual(fd.csv_cell("café", ","), "café")

    def test_numbers_keep_their_json_spelling(self):
        cells = fd.json_cell_texts('{"a":1.50,"b":-0.0,"c":1e-7,"d":true,"e":null}')
        self.assertEqual(cells, {"a": "1.50", "b": "-0.0", "c": "1e-7", "d": "true", "e": ""})

    def test_a_changed_value_and_a_stray_cell_are_reported(self):
        text = fd.expected_csv_text(TYPES, JSON_LINES, ",")
        header, rows = fd.read_csv(text, ",")
        decoded = fd.canonical_csv_events(TYPES, header, rows)
        changed = with_changed_value(EXPECTED, 1, "amount", fd.float32(12.35))
        self.assertIn("event 1 (user.purchase).amount", fd.first_differences(changed, decoded))
        rows[0][header.index("uptime_ms")] = "5"
        with self.assertRaisesRegex(ValueError, "outside user.signup"):
            fd.canonical_csv_events(TYPES, header, rows)


class AvroReader(unittest.TestCase):
    def setUp(self):
        fd.require_tool(fd.AVROCAT, "avro-bin")
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)

    def write(self, name, data):
        path = os.path.join(self._tmp.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_hand_made_deflate_container_reads_back_as_its_events(self):
        schema = fd.expected_avro_schema(TYPES)
        datums = [avro_union_datum(t, fields) for t, fields in EXPECTED]
        path = self.write("events.avro", deflate_container(schema, datums, per_block=4))
        with open(path, "rb") as f:
            meta, _ = fd.read_avro_header(f.read())
        self.assertEqual(meta["avro.codec"], b"deflate")
        self.assertEqual(json.loads(meta["avro.schema"]), schema)
        decoded = fd.canonical_avro_events(TYPES, fd.avrocat_records(path))
        self.assertEqual(decoded, EXPECTED, fd.first_differences(EXPECTED, decoded))

    def test_framed_datums_read_back_through_a_wrapping_container(self):
        # The Kafka path: Confluent framing (magic 0, big-endian id), then one record.
        signup = BY_ID["user.signup"]
        record_schema = json.dumps(fd.expected_avro_schema([signup])[0])
        wanted = [e for e in EXPECTED if e[0] == "user.signup"]
        framed = [b"\x00" + struct.pack(">I", 7) + avro_record(signup, fields)
                  for _, fields in wanted]
        self.assertTrue(all(m[0] == 0 and struct.unpack(">I", m[1:5])[0] == 7 for m in framed))
        path = os.path.join(self._tmp.name, "framed.avro")
        fd.write_avro_container(path, record_schema, [m[5:] for m in framed])
        decoded = fd.canonical_avro_events([signup], fd.avrocat_records(path))
        self.assertEqual(decoded, wanted, fd.first_differences(wanted, decoded))

    def test_a_changed_value_is_reported(self):
        schema = fd.expected_avro_schema(TYPES)
        datums = [avro_union_datum(t, fields) for t, fields in EXPECTED]
        path = self.write("events.avro", deflate_container(schema, datums, per_block=10))
        decoded = fd.canonical_avro_events(TYPES, fd.avrocat_records(path))
        changed = with_changed_value(EXPECTED, 3, "temperature_c", -39)
        self.assertIn("event 3 (device.ping).temperature_c", fd.first_differences(changed, decoded))

    def test_reduced_schema_ignores_defaults_but_not_types(self):
        schema = fd.expected_avro_schema(TYPES)
        decorated = json.loads(json.dumps(schema))
        decorated[0]["fields"][4]["default"] = None
        decorated[0]["doc"] = "signups"
        decorated[0]["fields"][0]["type"] = {"type": "string"}
        self.assertEqual(fd.essential_avro_schema(decorated), schema)
        decorated[0]["fields"][5]["type"] = "long"
        self.assertNotEqual(fd.essential_avro_schema(decorated), schema)

    def test_avro_names_replace_characters_and_guard_leading_digits(self):
        self.assertEqual(fd.avro_name("user.purchase"), "user_purchase")
        self.assertEqual(fd.avro_name("2fa.challenge-sent"), "_2fa_challenge_sent")


class ProtobufReader(unittest.TestCase):
    def setUp(self):
        fd.require_tool(fd.PROTOC, "protobuf-compiler")
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)
        self.proto_dir = self._tmp.name
        with open(os.path.join(self.proto_dir, "streamgen.proto"), "w") as f:
            f.write(spec_proto(TYPES))

    def test_spec_layout_passes_the_schema_check(self):
        descriptor = fd.proto_descriptor(self.proto_dir, "streamgen.proto")
        self.assertEqual(fd.proto_schema_problems(descriptor, TYPES), [])

    def test_a_wrong_field_type_or_number_fails_the_schema_check(self):
        text = spec_proto(TYPES).replace("optional int64 total_cents = 10;",
                                         "optional int32 total_cents = 30;")
        with open(os.path.join(self.proto_dir, "wrong.proto"), "w") as f:
            f.write(text)
        problems = fd.proto_schema_problems(fd.proto_descriptor(self.proto_dir, "wrong.proto"),
                                            TYPES)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("UserPurchase", problems[0])

    def test_hand_made_length_delimited_events_read_back_as_their_events(self):
        stream = b"".join(fd.varint(len(m)) + m
                          for m in (proto_event(t, fields) for t, fields in EXPECTED))
        messages = fd.split_length_delimited(stream)
        self.assertEqual(len(messages), len(EXPECTED))
        decoded = fd.canonical_proto_events(
            TYPES, fd.protoc_decode(self.proto_dir, "streamgen.proto", "streamgen.Event",
                                    messages))
        self.assertEqual(decoded, EXPECTED, fd.first_differences(EXPECTED, decoded))

    def test_type_messages_decode_one_type_at_a_time(self):
        # The Kafka path: a message value is the type's own message, not an Event.
        ping = BY_ID["device.ping"]
        wanted = [e for e in EXPECTED if e[0] == "device.ping"]
        payloads = [proto_message(ping, fields) for _, fields in wanted]
        decoded = [fd.canonical_proto_message(ping, pairs) for pairs in
                   fd.protoc_decode(self.proto_dir, "streamgen.proto", "streamgen.DevicePing",
                                    payloads)]
        self.assertEqual(decoded, wanted, fd.first_differences(wanted, decoded))

    def test_a_changed_value_and_broken_input_are_reported(self):
        messages = [proto_event(t, fields) for t, fields in EXPECTED]
        decoded = fd.canonical_proto_events(
            TYPES, fd.protoc_decode(self.proto_dir, "streamgen.proto", "streamgen.Event",
                                    messages))
        changed = with_changed_value(EXPECTED, 5, "birth_date", 0)
        self.assertIn("event 5 (user.signup).birth_date", fd.first_differences(changed, decoded))
        with self.assertRaisesRegex(ValueError, "runs past the end"):
            fd.split_length_delimited(fd.varint(10) + b"short")
        with self.assertRaisesRegex(AssertionError, "message 1"):
            fd.protoc_decode(self.proto_dir, "streamgen.proto", "streamgen.Event",
                             [messages[0], b"\x0a\x05ab"])

    def test_text_format_strings_unescape_to_utf8(self):
        pairs = fd.parse_text_format('s: "caf\\303\\251 \\"q\\"\\n" n: -1.5e-07 m { x: 1 }')
        self.assertEqual(pairs, [("s", 'café "q"\n'), ("n", "-1.5e-07"), ("m", [("x", "1")])])
        self.assertIsInstance(pairs[0][1], fd.Quoted)


if __name__ == "__main__":
    unittest.main()
