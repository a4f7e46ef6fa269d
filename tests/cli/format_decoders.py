"""Independent readers of streamgen's output formats for the format tests: Python's csv module,
avro-c's `avrocat` and `protoc`. Nothing here shares code with the engine: each format is read
by a tool that knows the format, and its values are brought to one canonical form per field type
so that every format can be compared with the JSON run of the same seed.

Canonical values: strings and uuids as str, int/long as int, float rounded to 32 bits, double as
float, boolean as bool, timestamp as milliseconds since 1970-01-01 UTC, date as days since then,
null as None.
"""
import calendar
import csv
import io
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile

import yaml

AVROCAT = os.environ.get("AVROCAT_BIN") or shutil.which("avrocat") or "avrocat"
PROTOC = os.environ.get("PROTOC_BIN") or shutil.which("protoc") or "protoc"

INT32_MIN, INT32_MAX = -2**31, 2**31 - 1
MS_PER_DAY = 86_400_000


# --- the config's fields -------------------------------------------------------------------------

class Field:
    def __init__(self, name, spec):
        self.name = name
        self.type = spec["type"]
        self.nullable = float(spec.get("null_ratio", 0)) > 0
        low, high = spec.get("range", [0, 0]) if self.type == "int" else (0, 0)
        # An int whose range leaves 32 bits is written as a 64-bit integer.
        self.wide = self.type == "long" or (self.type == "int" and
                                            not INT32_MIN <= int(low) <= int(high) <= INT32_MAX)


class EventType:
    def __init__(self, type_id, fields):
        self.id = type_id
        self.fields = fields  # common fields first, then the type's own, in config order

    def field(self, name):
        return next(f for f in self.fields if f.name == name)


def load_event_types(config_path):
    """The config's event types (enabled ones, in config order) with their full field lists."""
    with open(config_path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    common = [Field(name, spec) for name, spec in (config.get("common_fields") or {}).items()]
    types = []
    for entry in config["event_types"]:
        if entry.get("enabled", True) is False:
            continue
        own = [Field(name, spec) for name, spec in (entry.get("fields") or {}).items()]
        types.append(EventType(entry["event_type_id"], common + own))
    return types


def csv_columns(event_types):
    """event_type_id, then every field name once, in the order it first appears."""
    columns = ["event_type_id"]
    for event_type in event_types:
        for field in event_type.fields:
            if field.name not in columns:
                columns.append(field.name)
    return columns


def pascal_case(type_id):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", type_id)
                   if part)


def snake_case(type_id):
    return re.sub(r"[^a-z0-9]+", "_", type_id.lower()).strip("_")


def avro_name(type_id):
    name = re.sub(r"[^A-Za-z0-9_]", "_", type_id)
    return "_" + name if name[:1].isdigit() else name


# --- canonical values ----------------------------------------------------------------------------

TIMESTAMP_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def float32(value):
    return struct.unpack("<f", struct.pack("<f", float(value)))[0]


def timestamp_millis(text):
    match = TIMESTAMP_RE.match(text)
    if not match:
        raise ValueError(f"not a YYYY-MM-DDTHH:MM:SS.mmmZ timestamp: {text!r}")
    y, mo, d, h, mi, s, ms = map(int, match.groups())
    return calendar.timegm((y, mo, d, h, mi, s)) * 1000 + ms


def date_days(text):
    match = DATE_RE.match(text)
    if not match:
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    y, mo, d = map(int, match.groups())
    return calendar.timegm((y, mo, d, 0, 0, 0)) // 86400


def canonical_from_json(field, value):
    """A value as the JSON run wrote it (json.loads) -> canonical."""
    if value is None:
        return None
    kind = field.type
    if kind in ("uuid", "string"):
        return _expect(str, value, field)
    if kind in ("int", "long"):
        return _expect(int, value, field)
    if kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{field.name}: expected a JSON number, got {value!r}")
        return float32(value) if kind == "float" else float(value)
    if kind == "boolean":
        return _expect(bool, value, field)
    if kind == "timestamp":
        return timestamp_millis(_expect(str, value, field))
    if kind == "date":
        return date_days(_expect(str, value, field))
    raise ValueError(f"unknown field type {kind}")


def _expect(kind, value, field):
    # bool is an int in Python: an int field holding true must not pass.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{field.name}: expected {kind.__name__}, got {value!r}")
    return value


def canonical_json_events(event_types, lines):
    """[(event_type_id, {field: canonical value})] of JSON lines, checking the key order."""
    by_id = {t.id: t for t in event_types}
    events = []
    for line in lines:
        obj = json.loads(line)
        event_type = by_id[obj["event_type_id"]]
        names = [f.name for f in event_type.fields]
        if list(obj) != ["event_type_id", *names]:
            raise ValueError(f"keys {list(obj)} are not event_type_id then {names}")
        events.append((event_type.id, {f.name: canonical_from_json(f, obj[f.name])
                                       for f in event_type.fields}))
    return events


def first_differences(expected, actual, limit=5):
    """Readable lines naming the first events (and fields) that differ, for assertion messages."""
    out = []
    if len(expected) != len(actual):
        out.append(f"{len(actual)} events decoded, {len(expected)} expected")
    for index, (want, got) in enumerate(zip(expected, actual)):
        if want == got:
            continue
        if want[0] != got[0]:
            out.append(f"event {index}: type {got[0]!r}, expected {want[0]!r}")
        else:
            for name in sorted(set(want[1]) | set(got[1])):
                if want[1].get(name, "<absent>") != got[1].get(name, "<absent>"):
                    out.append(f"event {index} ({want[0]}).{name}: "
                               f"{got[1].get(name, '<absent>')!r}, expected "
                               f"{want[1].get(name, '<absent>')!r}")
        if len(out) >= limit:
            break
    return "\n".join(out)


# --- CSV -----------------------------------------------------------------------------------------

def csv_cell(text, delimiter):
    """A cell as RFC 4180 with minimal quoting writes it."""
    if any(c in text for c in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells, delimiter):
    return delimiter.join(csv_cell(c, delimiter) for c in cells) + "\n"


def json_cell_texts(line):
    """{key: cell text} for one JSON line, numbers kept exactly as the JSON writer spelled them."""
    raw = json.loads(line, parse_int=str, parse_float=str)
    cells = {}
    for key, value in raw.items():
        if value is None:
            cells[key] = ""
        elif value is True or value is False:
            cells[key] = "true" if value else "false"
        else:
            cells[key] = value  # strings as they are, numbers as their JSON text
    return cells


def expected_csv_text(event_types, json_lines, delimiter):
    """The CSV file the spec derives from the JSON run's lines."""
    columns = csv_columns(event_types)
    out = [csv_line(columns, delimiter)]
    for line in json_lines:
        cells = json_cell_texts(line)
        out.append(csv_line([cells.get(c, "") for c in columns], delimiter))
    return "".join(out)


def read_csv(text, delimiter):
    """(header, rows) as Python's csv module reads them."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    return rows[0], rows[1:]


def canonical_from_cell(field, cell):
    if cell == "":
        return None
    kind = field.type
    if kind in ("uuid", "string"):
        return cell
    if kind in ("int", "long"):
        return int(cell)
    if kind == "float":
        return float32(cell)
    if kind == "double":
        return float(cell)
    if kind == "boolean":
        if cell not in ("true", "false"):
            raise ValueError(f"{field.name}: boolean cell {cell!r}")
        return cell == "true"
    if kind == "timestamp":
        return timestamp_millis(cell)
    if kind == "date":
        return date_days(cell)
    raise ValueError(f"unknown field type {kind}")


def canonical_csv_events(event_types, header, rows):
    """[(event_type_id, {field: value})] of CSV rows; a cell outside the row's type must be
    empty."""
    by_id = {t.id: t for t in event_types}
    events = []
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ValueError(f"line {number}: {len(row)} cells, header has {len(header)}")
        cells = dict(zip(header, row))
        event_type = by_id[cells["event_type_id"]]
        own = {f.name for f in event_type.fields}
        stray = [c for c in header[1:] if c not in own and cells[c] != ""]
        if stray:
            raise ValueError(f"line {number}: cells outside {event_type.id} are set: {stray}")
        events.append((event_type.id, {f.name: canonical_from_cell(f, cells[f.name])
                                       for f in event_type.fields}))
    return events


# --- Avro ----------------------------------------------------------------------------------------

AVRO_MAGIC = b"Obj\x01"


def avro_long(data, pos):
    """Reads one zigzag varint; returns (value, next position)."""
    shift = result = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return (result >> 1) ^ -(result & 1), pos


def zigzag(value):
    value = (value << 1) ^ (value >> 63)
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def avro_bytes(data):
    return zigzag(len(data)) + data


def read_avro_header(data):
    """(metadata {key: bytes}, sync marker) of an Avro Object Container File."""
    if data[:4] != AVRO_MAGIC:
        raise ValueError(f"not an Avro container file: starts with {data[:4]!r}")
    pos = 4
    meta = {}
    while True:
        count, pos = avro_long(data, pos)
        if count == 0:
            break
        if count < 0:  # a block with its size in bytes first
            count = -count
            _, pos = avro_long(data, pos)
        for _ in range(count):
            size, pos = avro_long(data, pos)
            key = data[pos:pos + size].decode()
            pos += size
            size, pos = avro_long(data, pos)
            meta[key] = data[pos:pos + size]
            pos += size
    return meta, data[pos:pos + 16]


def write_avro_container(path, schema_text, datums, codec=b"null", sync=b"streamgen-tests!"):
    """An Object Container File holding already encoded datums in one block (null codec), so
    avrocat can read datums that came without a container (Kafka messages)."""
    if codec != b"null":
        raise ValueError("only the null codec is written here")
    header = AVRO_MAGIC + zigzag(2)
    header += avro_bytes(b"avro.schema") + avro_bytes(schema_text.encode())
    header += avro_bytes(b"avro.codec") + avro_bytes(codec) + zigzag(0) + sync
    body = b"".join(datums)
    with open(path, "wb") as f:
        f.write(header + zigzag(len(datums)) + zigzag(len(body)) + body + sync)


def avrocat_records(path):
    """The datums of a container file as avrocat prints them: [(record name or None, dict)].
    With a union schema avrocat wraps each record as {name: record}; the name loses its
    namespace in avro-c, so both spellings are accepted by the callers."""
    proc = subprocess.run([AVROCAT, path], capture_output=True, timeout=300)
    if proc.returncode != 0 or proc.stderr.strip():
        raise AssertionError(f"avrocat {path} failed ({proc.returncode}): "
                             f"{proc.stderr.decode(errors='replace')}")
    with open(path, "rb") as f:
        schema = json.loads(read_avro_header(f.read())[0]["avro.schema"])
    records = []
    for line in proc.stdout.decode().splitlines():
        datum = json.loads(line)
        if isinstance(schema, list):
            (name, datum), = datum.items()
            records.append((name.rsplit(".", 1)[-1], datum))
        else:
            records.append((None, datum))
    return records


def canonical_from_avro(field, value):
    if value is None:
        return None
    if field.nullable:
        if not isinstance(value, dict) or len(value) != 1:
            raise ValueError(f"{field.name}: expected a union branch, got {value!r}")
        (value,) = value.values()
    if field.type == "float":
        return float32(value)
    if field.type == "double":
        return float(value)
    if field.type in ("int", "long", "timestamp", "date"):
        return _expect(int, value, field)  # millis and days are the values themselves
    if field.type == "boolean":
        return _expect(bool, value, field)
    return _expect(str, value, field)


def canonical_avro_events(event_types, records):
    """[(event_type_id, {...})] of avrocat's records, checking the record name when it has one."""
    by_id = {t.id: t for t in event_types}
    events = []
    for index, (name, datum) in enumerate(records):
        event_type = by_id[datum["event_type_id"]]
        if name is not None and name != avro_name(event_type.id):
            raise ValueError(f"datum {index}: record {name} holds a {event_type.id} event")
        names = [f.name for f in event_type.fields]
        if list(datum) != ["event_type_id", *names]:
            raise ValueError(f"datum {index}: fields {list(datum)}, expected {names}")
        events.append((event_type.id, {f.name: canonical_from_avro(f, datum[f.name])
                                       for f in event_type.fields}))
    return events


def expected_avro_type(field):
    if field.type == "int":
        base = "long" if field.wide else "int"
    else:
        base = {"uuid": {"type": "string", "logicalType": "uuid"}, "long": "long",
                "float": "float", "double": "double", "string": "string",
                "boolean": "boolean",
                "timestamp": {"type": "long", "logicalType": "timestamp-millis"},
                "date": {"type": "int", "logicalType": "date"}}[field.type]
    return ["null", base] if field.nullable else base


def expected_avro_schema(event_types):
    """The union of records the spec derives from the config (names and types only)."""
    return [{"type": "record", "name": avro_name(t.id), "namespace": "streamgen",
             "fields": [{"name": "event_type_id", "type": "string"}] +
                       [{"name": f.name, "type": expected_avro_type(f)} for f in t.fields]}
            for t in event_types]


def essential_avro_schema(schema):
    """A schema reduced to what the spec fixes: record type, name, namespace, field names and
    types; `{"type": "int"}` and "int" are the same type."""
    def type_of(t):
        if isinstance(t, list):
            return [type_of(x) for x in t]
        if isinstance(t, dict):
            if t.get("type") == "record":
                return essential_avro_schema(t)
            if set(t) == {"type"}:
                return t["type"]
        return t

    if isinstance(schema, list):
        return [essential_avro_schema(s) for s in schema]
    return {"type": schema.get("type"), "name": schema.get("name"),
            "namespace": schema.get("namespace"),
            "fields": [{"name": f.get("name"), "type": type_of(f.get("type"))}
                       for f in schema.get("fields", [])]}


# --- Protobuf ------------------------------------------------------------------------------------

def varint(value):
    out = bytearray()
    value &= (1 << 64) - 1  # negative int32/int64 take ten bytes, as two's complement
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def read_varint(data, pos):
    shift = result = 0
    while True:
        if pos >= len(data):
            raise ValueError(f"truncated varint at byte {pos}")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def split_length_delimited(data):
    """The messages of a stream of (varint length, message) records."""
    messages, pos = [], 0
    while pos < len(data):
        size, pos = read_varint(data, pos)
        if pos + size > len(data):
            raise ValueError(f"message of {size} bytes at byte {pos} runs past the end "
                             f"({len(data)} bytes)")
        messages.append(data[pos:pos + size])
        pos += size
    return messages


class Quoted(str):
    """A string literal of the text format (as opposed to a number or an identifier)."""


_TOKEN_RE = re.compile(r'\s*(?:(#[^\n]*)|("(?:[^"\\\n]|\\.)*")|(\'(?:[^\'\\\n]|\\.)*\')'
                       r'|([{}<>:\[\],;])|([^\s{}<>:\[\],;"\']+))', re.S)
_ESCAPES = {"n": 10, "r": 13, "t": 9, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, "'": 39,
            '"': 34, "?": 63}


def _unescape(literal):
    body, out, i = literal[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in "01234567":
            digits = re.match(r"[0-7]{1,3}", body[i + 1:]).group()
            out.append(int(digits, 8))
            i += 1 + len(digits)
        elif nxt == "x":
            digits = re.match(r"[0-9A-Fa-f]{1,2}", body[i + 2:]).group()
            out.append(int(digits, 16))
            i += 2 + len(digits)
        else:
            out.append(_ESCAPES[nxt])
            i += 2
    return Quoted(out.decode("utf-8"))


def parse_text_format(text):
    """protoc's text format -> a list of (name, value) pairs per message; a value is a nested
    list (message), a Quoted string or a bare token (number, enum, true/false)."""
    tokens = []
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"text format: cannot read {text[pos:pos + 40]!r}")
        pos = match.end()
        comment, dq, sq, punct, word = match.groups()
        if comment:
            continue
        if dq or sq:
            tokens.append(("str", _unescape(dq or sq)))
        elif punct:
            tokens.append(("punct", punct))
        elif word:
            tokens.append(("word", word))

    def message(i, closer):
        pairs = []
        while i < len(tokens):
            kind, value = tokens[i]
            if kind == "punct" and value == closer:
                return pairs, i + 1
            if kind != "word":
                raise ValueError(f"text format: field name expected, got {value!r}")
            name = value
            i += 1
            if tokens[i] == ("punct", ":"):
                i += 1
            if tokens[i][0] == "punct" and tokens[i][1] in "{<":
                inner, i = message(i + 1, "}" if tokens[i][1] == "{" else ">")
                pairs.append((name, inner))
                continue
            kind, value = tokens[i]
            i += 1
            if kind == "str":
                while i < len(tokens) and tokens[i][0] == "str":  # "a" "b" is one string
                    value = Quoted(value + tokens[i][1])
                    i += 1
            pairs.append((name, value))
        if closer is not None:
            raise ValueError("text format: unclosed message")
        return pairs, i

    pairs, _ = message(0, None)
    return pairs


def single_fields(pairs):
    """{name: value} of a message whose fields are not repeated."""
    out = {}
    for name, value in pairs:
        if name in out:
            raise ValueError(f"field {name} appears twice")
        out[name] = value
    return out


def protoc_decode(proto_dir, proto_file, message_type, payloads):
    """Decodes each payload as `message_type` with protoc (one protoc call for all of them:
    they are wrapped as the repeated field 1 of a test-owned message); returns one list of
    (name, value) pairs per payload."""
    if not payloads:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "streamgen_test_batch.proto"), "w") as f:
            f.write(f'syntax = "proto3";\npackage streamgen_test;\nimport "{proto_file}";\n'
                    f"message Batch {{ repeated {message_type} items = 1; }}\n")
        batch = b"".join(b"\x0a" + varint(len(p)) + p for p in payloads)
        proc = _protoc(["-I", proto_dir, "-I", tmp, "--decode=streamgen_test.Batch",
                        "streamgen_test_batch.proto"], batch)
        if proc.returncode != 0:
            raise AssertionError(_first_undecodable(proto_dir, proto_file, message_type,
                                                    payloads, proc.stderr))
    pairs = parse_text_format(proc.stdout.decode())
    if len(pairs) != len(payloads) or any(name != "items" for name, _ in pairs):
        raise AssertionError(f"protoc decoded {len(pairs)} messages of {len(payloads)}")
    return [value for _, value in pairs]


def _protoc(args, stdin):
    return subprocess.run([PROTOC, *args], input=stdin, capture_output=True, timeout=300)


def _first_undecodable(proto_dir, proto_file, message_type, payloads, batch_error):
    """Names the first payload protoc cannot decode on its own, for a useful failure."""
    for index, payload in enumerate(payloads):
        proc = _protoc(["-I", proto_dir, f"--decode={message_type}", proto_file], payload)
        if proc.returncode != 0:
            return (f"protoc cannot decode message {index} as {message_type}: "
                    f"{proc.stderr.decode(errors='replace')} (bytes {payload[:64].hex()})")
    return f"protoc --decode failed: {batch_error.decode(errors='replace')}"


def proto_descriptor(proto_dir, proto_file):
    """The FileDescriptorProto of a .proto file as protoc parses it, as text-format pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "set.bin")
        proc = _protoc(["-I", proto_dir, f"--descriptor_set_out={out}", proto_file], b"")
        if proc.returncode != 0:
            raise AssertionError(f"protoc rejects {proto_file}: "
                                 f"{proc.stderr.decode(errors='replace')}")
        with open(out, "rb") as f:
            data = f.read()
    proc = _protoc(["--decode=google.protobuf.FileDescriptorSet",
                    "google/protobuf/descriptor.proto"], data)
    if proc.returncode != 0:
        raise AssertionError(f"protoc cannot read its own descriptor set: {proc.stderr}")
    (name, file_pairs), = parse_text_format(proc.stdout.decode())
    return file_pairs


def canonical_from_proto(field, value):
    if value is None:
        return None  # an absent field is a null value
    kind = field.type
    if kind in ("uuid", "string"):
        if not isinstance(value, Quoted):
            raise ValueError(f"{field.name}: expected a string, got {value!r}")
        return str(value)
    if kind == "timestamp":
        parts = single_fields(value)
        seconds, nanos = int(parts.get("seconds", 0)), int(parts.get("nanos", 0))
        if nanos % 1_000_000:
            raise ValueError(f"{field.name}: {nanos} nanos is not whole milliseconds")
        return seconds * 1000 + nanos // 1_000_000
    if isinstance(value, (list, Quoted)):
        raise ValueError(f"{field.name}: expected a scalar, got {value!r}")
    if kind in ("int", "long", "date"):
        return int(value)
    if kind == "float":
        return float32(value)
    if kind == "double":
        return float(value)
    if kind == "boolean":
        if value not in ("true", "false"):
            raise ValueError(f"{field.name}: boolean {value!r}")
        return value == "true"
    raise ValueError(f"unknown field type {kind}")


def canonical_proto_message(event_type, pairs):
    """(event_type_id, {...}) of one decoded message of the type's own message."""
    fields = single_fields(pairs)
    known = {"event_type_id", *(f.name for f in event_type.fields)}
    unknown = [name for name in fields if name not in known]
    if unknown:
        raise ValueError(f"{event_type.id}: fields not in the schema: {unknown}")
    if fields.get("event_type_id") != event_type.id:
        raise ValueError(f"event_type_id {fields.get('event_type_id')!r} in a "
                         f"{event_type.id} message")
    return (event_type.id, {f.name: canonical_from_proto(f, fields.get(f.name))
                            for f in event_type.fields})


def canonical_proto_events(event_types, decoded_events):
    """[(event_type_id, {...})] of decoded `Event` messages: exactly one oneof member each,
    the one named after the event's type."""
    by_member = {snake_case(t.id): t for t in event_types}
    events = []
    for index, pairs in enumerate(decoded_events):
        if len(pairs) != 1 or pairs[0][0] not in by_member:
            raise ValueError(f"Event {index}: expected one member of {sorted(by_member)}, got "
                             f"{[name for name, _ in pairs]}")
        member, inner = pairs[0]
        events.append(canonical_proto_message(by_member[member], inner))
    return events


def _all(pairs, name):
    return [value for key, value in pairs if key == name]


def _one(pairs, name):
    values = _all(pairs, name)
    return values[0] if values else None


def expected_proto_type(field):
    """(descriptor type, type_name) of a field as the spec maps it."""
    if field.type == "timestamp":
        return "TYPE_MESSAGE", ".google.protobuf.Timestamp"
    if field.type == "int":
        return ("TYPE_INT64" if field.wide else "TYPE_INT32"), None
    return {"uuid": "TYPE_STRING", "long": "TYPE_INT64", "float": "TYPE_FLOAT",
            "double": "TYPE_DOUBLE", "string": "TYPE_STRING", "boolean": "TYPE_BOOL",
            "date": "TYPE_INT32"}[field.type], None


def _field_layout(pairs):
    return (_one(pairs, "name"), int(_one(pairs, "number") or 0), _one(pairs, "type"),
            _one(pairs, "type_name"))


def proto_schema_problems(file_pairs, event_types):
    """What in a parsed .proto (proto_descriptor) differs from the layout the spec derives from
    the config; empty when it matches."""
    problems = []
    if _one(file_pairs, "package") != "streamgen":
        problems.append(f"package {_one(file_pairs, 'package')!r}, expected 'streamgen'")
    if _one(file_pairs, "syntax") != "proto3":
        problems.append(f"syntax {_one(file_pairs, 'syntax')!r}, expected 'proto3'")
    uses_timestamp = any(f.type == "timestamp" for t in event_types for f in t.fields)
    if uses_timestamp and "google/protobuf/timestamp.proto" not in _all(file_pairs, "dependency"):
        problems.append("google/protobuf/timestamp.proto is not imported")
    messages = {_one(m, "name"): m for m in _all(file_pairs, "message_type")}
    expected_names = [pascal_case(t.id) for t in event_types] + ["Event"]
    if sorted(messages) != sorted(expected_names):
        problems.append(f"messages {sorted(messages)}, expected {sorted(expected_names)}")
    for event_type in event_types:
        message = messages.get(pascal_case(event_type.id))
        if message is not None:
            problems += _type_message_problems(event_type, message)
    if "Event" in messages:
        problems += _event_message_problems(event_types, messages["Event"])
    return problems


def _type_message_problems(event_type, message):
    name = pascal_case(event_type.id)
    fields = _all(message, "field")
    want = [("event_type_id", 1, "TYPE_STRING", None)]
    want += [(f.name, n, *expected_proto_type(f)) for n, f in enumerate(event_type.fields, 2)]
    got = [_field_layout(f) for f in fields]
    problems = []
    if got != want:
        problems.append(f"{name}: fields {got}, expected {want}")
    for field in fields[1:]:
        if _one(field, "proto3_optional") != "true":
            problems.append(f"{name}.{_one(field, 'name')} is not `optional`")
    return problems


def _event_message_problems(event_types, message):
    want = [(snake_case(t.id), n, "TYPE_MESSAGE", f".streamgen.{pascal_case(t.id)}")
            for n, t in enumerate(event_types, 1)]
    fields = _all(message, "field")
    got = [_field_layout(f) for f in fields]
    problems = []
    if got != want:
        problems.append(f"Event: fields {got}, expected {want}")
    oneofs = [_one(o, "name") for o in _all(message, "oneof_decl")]
    if oneofs != ["event"] or any(_one(f, "oneof_index") != "0" for f in fields):
        problems.append(f"Event: the members are not all in `oneof event` (oneofs {oneofs})")
    return problems


def require_tool(path, package):
    """Fails with the package to install when a decoder tool is missing."""
    if shutil.which(path) is None:
        raise AssertionError(f"{path} not found: install the Debian package {package} "
                             "(packaging/install-deps.sh)")
