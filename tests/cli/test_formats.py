"""Output formats (`serialization_format`, `--format`): CSV, Avro and Protobuf hold exactly the
events of the JSON run with the same seed, as read back by independent decoders (Python's csv
module, avro-c's avrocat, protoc; see format_decoders.py), and bad format settings are refused
with exit 2 and a location."""
import json
import os
import re
import tempfile
import unittest
import uuid

import format_decoders as fd
from streamgen_cli import SOURCE_DIR, run

FIXTURE = os.path.join(SOURCE_DIR, "tests", "cli", "data", "formats.yaml")
TYPES = fd.load_event_types(FIXTURE)
COUNT = 3000
SEED = 97531
EXTENSIONS = {"json": "jsonl", "csv": "csv", "avro": "avro", "protobuf": "pb"}
CHOICES = ("json", "csv", "avro", "protobuf")

_runs = {}


def run_into_folder(config, *args):
    """{file name: bytes} that `streamgen run CONFIG --sink file` leaves in a fresh folder, for
    COUNT events with SEED on one thread (so in generation order). Cached per arguments."""
    key = (config, args)
    if key not in _runs:
        with tempfile.TemporaryDirectory() as out:
            proc = run("run", config, "--sink", "file", "--out", out, "--count", COUNT,
                       "--rate", 0, "--seed", SEED, "--threads", 1, *args)
            if proc.returncode != 0:
                raise AssertionError(f"streamgen run {' '.join(map(str, args))} exited "
                                     f"{proc.returncode}: {proc.stderr.decode()}")
            files = {}
            for name in sorted(os.listdir(out)):
                with open(os.path.join(out, name), "rb") as f:
                    files[name] = f.read()
        _runs[key] = files
    return _runs[key]


def run_to_stdout(config, *args):
    proc = run("run", config, "--sink", "stdout", "--count", COUNT, "--rate", 0,
               "--seed", SEED, "--threads", 1, *args)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen run --sink stdout {' '.join(map(str, args))} exited "
                             f"{proc.returncode}: {proc.stderr.decode()}")
    return proc.stdout


def only_file(files, extension):
    """The one file of a run (COUNT events stay far below the rotation limits), checking its
    name is events-<run>-w<worker>-<n>.<ext>."""
    names = list(files)
    if len(names) != 1 or not re.fullmatch(r"events-.+-w0-\d+\." + re.escape(extension),
                                           names[0]):
        raise AssertionError(f"expected one events-<run>-w0-<n>.{extension} file, got {names}")
    return files[names[0]]


def reference_lines():
    """The JSON run: the events every other format must hold."""
    return only_file(run_into_folder(FIXTURE), "jsonl").decode().splitlines()


def reference_events():
    return fd.canonical_json_events(TYPES, reference_lines())


def schema_text(config, fmt):
    proc = run("schema", config, "--format", fmt)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen schema --format {fmt} exited {proc.returncode}: "
                             f"{proc.stderr.decode()}")
    return proc.stdout.decode()


def fixture_variant(folder, name, old=None, new=None, append=""):
    """A copy of the fixture with one text replacement and/or lines appended."""
    with open(FIXTURE, encoding="utf-8") as f:
        text = f.read()
    if old is not None:
        if old not in text:
            raise AssertionError(f"{old!r} is not in the fixture")
        text = text.replace(old, new)
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + append)
    return path


class FormatTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)
        self.tmp = self._tmp.name

    def assertSameEvents(self, decoded, what):
        expected = reference_events()
        self.assertEqual(len(decoded), COUNT, what)
        self.assertTrue(decoded == expected,
                        f"{what} differs from the JSON run:\n"
                        f"{fd.first_differences(expected, decoded)}")


class JsonReference(FormatTestCase):
    """The JSON run the other formats are compared with, and what the comparison relies on."""

    def test_json_run_writes_one_jsonl_file_with_every_event(self):
        self.assertEqual(len(reference_lines()), COUNT)

    def test_events_hold_the_type_then_common_then_own_fields_in_config_order(self):
        # canonical_json_events checks the key order of every event.
        self.assertEqual(len(reference_events()), COUNT)

    def test_values_have_their_documented_json_forms(self):
        for line in reference_lines():
            event = json.loads(line)
            for field in next(t for t in TYPES if t.id == event["event_type_id"]).fields:
                value = event[field.name]
                if value is None:
                    continue
                if field.type == "uuid":
                    self.assertEqual(str(uuid.UUID(value)), value)
                elif field.type == "timestamp":
                    self.assertRegex(value, fd.TIMESTAMP_RE)
                elif field.type == "date":
                    self.assertRegex(value, fd.DATE_RE)

    def test_fixture_reaches_every_case_the_formats_must_handle(self):
        # A seed or weight change that no longer produces these would make the comparisons weak.
        events = reference_events()
        self.assertEqual({t for t, _ in events}, {t.id for t in TYPES})
        for event_type in TYPES:
            rows = [fields for t, fields in events if t == event_type.id]
            for field in event_type.fields:
                values = [row[field.name] for row in rows]
                self.assertTrue(any(v is not None for v in values), field.name)
                self.assertEqual(any(v is None for v in values), field.nullable,
                                 f"{event_type.id}.{field.name} nulls")
        regions = {fields["region"] for _, fields in events}
        self.assertEqual(regions, {"eu-west", "us,east", "ap;south", 'say "hi"', "two\nlines",
                                   "cr\rhere", "café"})
        self.assertTrue(any(f["birth_date"] < 0 for t, f in events if t == "user.signup"))
        self.assertTrue(any(f["total_cents"] > 2**31 for t, f in events
                            if t == "user.purchase"))
        self.assertTrue(any((f["temperature_c"] or 0) < 0 for t, f in events
                            if t == "device.ping"))

    def test_format_json_gives_the_default_bytes_in_files_and_on_stdout(self):
        default = only_file(run_into_folder(FIXTURE), "jsonl")
        self.assertEqual(only_file(run_into_folder(FIXTURE, "--format", "json"), "jsonl"),
                         default)
        self.assertEqual(run_to_stdout(FIXTURE, "--format", "json"), default)


class Csv(FormatTestCase):
    def csv_text(self, config=FIXTURE, *args):
        return only_file(run_into_folder(config, "--format", "csv", *args), "csv").decode()

    def test_header_is_the_type_then_every_column_once_in_config_order(self):
        header, rows = fd.read_csv(self.csv_text(), ",")
        self.assertEqual(header, fd.csv_columns(TYPES))
        self.assertEqual(len(rows), COUNT)

    def test_every_row_holds_the_json_run_values(self):
        header, rows = fd.read_csv(self.csv_text(), ",")
        self.assertSameEvents(fd.canonical_csv_events(TYPES, header, rows), "CSV (csv module)")

    def test_file_is_the_rfc4180_rendering_of_the_json_run(self):
        # Minimal quoting, "\n" line ends, numbers spelled as in JSON, nulls as empty cells.
        expected = fd.expected_csv_text(TYPES, reference_lines(), ",")
        self.assertMultiLineEqual(self.csv_text(), expected)

    def test_delimiter_comes_from_format_options(self):
        config = fixture_variant(self.tmp, "semicolon.yaml",
                                 append='\nformat_options:\n  delimiter: ";"\n')
        text = self.csv_text(config)
        self.assertMultiLineEqual(text, fd.expected_csv_text(TYPES, reference_lines(), ";"))
        header, rows = fd.read_csv(text, ";")
        self.assertSameEvents(fd.canonical_csv_events(TYPES, header, rows), "CSV with ;")

    def test_stdout_sink_writes_the_bytes_of_the_file(self):
        self.assertEqual(run_to_stdout(FIXTURE, "--format", "csv"),
                         self.csv_text().encode())

    def test_serialization_format_in_the_config_selects_csv(self):
        config = fixture_variant(self.tmp, "csv.yaml", 'serialization_format: "json"',
                                 'serialization_format: "csv"')
        self.assertEqual(only_file(run_into_folder(config), "csv").decode(), self.csv_text())

    def test_format_option_overrides_the_config(self):
        config = fixture_variant(self.tmp, "csv.yaml", 'serialization_format: "json"',
                                 'serialization_format: "csv"')
        self.assertEqual(only_file(run_into_folder(config, "--format", "json"), "jsonl"),
                         only_file(run_into_folder(FIXTURE), "jsonl"))

    def test_preview_prints_the_rows_the_run_prints(self):
        # The spec leaves open whether a preview repeats the header; its rows must be the run's.
        preview = run("preview", FIXTURE, "-n", 20, "--seed", SEED, "--format", "csv")
        stream = run("run", FIXTURE, "--sink", "stdout", "--count", 20, "--rate", 0,
                     "--seed", SEED, "--format", "csv")
        self.assertEqual((preview.returncode, stream.returncode), (0, 0), preview.stderr)
        header, rows = fd.read_csv(stream.stdout.decode(), ",")
        first, rest = fd.read_csv(preview.stdout.decode(), ",")
        shown = rest if first == header else [first] + rest
        self.assertEqual(shown, rows)


class Avro(FormatTestCase):
    def setUp(self):
        super().setUp()
        fd.require_tool(fd.AVROCAT, "avro-bin")

    def avro_file(self):
        data = only_file(run_into_folder(FIXTURE, "--format", "avro"), "avro")
        path = os.path.join(self.tmp, "events.avro")
        with open(path, "wb") as f:
            f.write(data)
        return path, data

    def test_schema_command_prints_one_record_per_type_as_the_spec_maps_fields(self):
        printed = json.loads(schema_text(FIXTURE, "avro"))
        self.assertEqual(fd.essential_avro_schema(printed), fd.expected_avro_schema(TYPES))

    def test_record_names_replace_characters_avro_does_not_allow(self):
        config = fixture_variant(self.tmp, "names.yaml", '"user.signup"', '"2fa.sign-up"')
        names = [record["name"] for record in json.loads(schema_text(config, "avro"))]
        self.assertEqual(names, ["_2fa_sign_up", "user_purchase", "device_ping"])

    def test_file_is_a_deflate_container_holding_the_printed_schema(self):
        _, data = self.avro_file()
        meta, _ = fd.read_avro_header(data)
        self.assertEqual(meta.get("avro.codec"), b"deflate")
        self.assertEqual(json.loads(meta["avro.schema"]),
                         json.loads(schema_text(FIXTURE, "avro")))

    def test_every_datum_holds_the_json_run_values(self):
        path, _ = self.avro_file()
        decoded = fd.canonical_avro_events(TYPES, fd.avrocat_records(path))
        self.assertSameEvents(decoded, "Avro (avrocat)")

    def test_stdout_sink_writes_a_container_with_the_same_events(self):
        # Sync markers may be random, so the events are compared rather than the bytes.
        path = os.path.join(self.tmp, "stdout.avro")
        with open(path, "wb") as f:
            f.write(run_to_stdout(FIXTURE, "--format", "avro"))
        with open(path, "rb") as f:
            self.assertEqual(fd.read_avro_header(f.read())[0].get("avro.codec"), b"deflate")
        decoded = fd.canonical_avro_events(TYPES, fd.avrocat_records(path))
        self.assertSameEvents(decoded, "Avro on stdout (avrocat)")


class Protobuf(FormatTestCase):
    def setUp(self):
        super().setUp()
        fd.require_tool(fd.PROTOC, "protobuf-compiler")

    def printed_proto(self):
        """Writes `streamgen schema --format protobuf` as streamgen.proto in the test folder."""
        with open(os.path.join(self.tmp, "streamgen.proto"), "w") as f:
            f.write(schema_text(FIXTURE, "protobuf"))
        return "streamgen.proto"

    def pb_data(self):
        return only_file(run_into_folder(FIXTURE, "--format", "protobuf"), "pb")

    def test_schema_command_prints_a_proto3_file_with_the_spec_layout(self):
        descriptor = fd.proto_descriptor(self.tmp, self.printed_proto())
        self.assertEqual(fd.proto_schema_problems(descriptor, TYPES), [])

    def test_file_is_length_delimited_events_holding_the_json_run_values(self):
        proto = self.printed_proto()
        messages = fd.split_length_delimited(self.pb_data())
        self.assertEqual(len(messages), COUNT)
        decoded = fd.protoc_decode(self.tmp, proto, "streamgen.Event", messages)
        self.assertSameEvents(fd.canonical_proto_events(TYPES, decoded), "Protobuf (protoc)")

    def test_stdout_sink_writes_the_bytes_of_the_file(self):
        self.assertEqual(run_to_stdout(FIXTURE, "--format", "protobuf"), self.pb_data())


class BadInput(FormatTestCase):
    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def position_of(self, path, needle):
        """LINE:COLUMN (1-based) of the first occurrence of needle in the file."""
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if needle in line:
                    return f"{number}:{line.index(needle) + 1}"
        raise AssertionError(f"{needle!r} not in {path}")

    def assertNamesTheChoices(self, stderr):
        text = stderr.decode()
        self.assertIn("xml", text)
        for choice in CHOICES:
            self.assertIn(choice, text)

    def test_unknown_format_option_exits_2_naming_the_choices(self):
        for command in (("run", FIXTURE, "--sink", "null", "--count", 1),
                        ("preview", FIXTURE, "-n", 1)):
            with self.subTest(command=command[0]):
                proc = run(*command, "--format", "xml")
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertNamesTheChoices(proc.stderr)

    def test_unknown_serialization_format_in_the_config_is_located(self):
        path = fixture_variant(self.tmp, "xml.yaml", 'serialization_format: "json"',
                               'serialization_format: "xml"')
        proc = run("validate", path)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(f"{path}:{self.position_of(path, chr(34) + 'xml')}:", proc.stderr.decode())
        self.assertNamesTheChoices(proc.stderr)

    AVRO_UNFRIENDLY = ('event_types:\n'
                       '  - event_type_id: "signup"\n'
                       '    weight: 1\n'
                       '    fields:\n'
                       '      user-id:\n'
                       '        type: "int"\n'
                       '        range: [1, 10]\n'
                       'serialization_format: "{format}"\n')

    def test_avro_field_name_avro_cannot_express_is_located(self):
        path = self.write("avro.yaml", self.AVRO_UNFRIENDLY.replace("{format}", "avro"))
        proc = run("validate", path)
        err = proc.stderr.decode()
        self.assertEqual(proc.returncode, 2, err)
        self.assertIn(f"{path}:{self.position_of(path, 'user-id')}:", err)
        self.assertIn("user-id", err)

    def test_the_same_field_name_is_fine_in_json(self):
        path = self.write("json.yaml", self.AVRO_UNFRIENDLY.replace("{format}", "json"))
        proc = run("validate", path)
        self.assertEqual(proc.returncode, 0, proc.stderr)


if __name__ == "__main__":
    unittest.main()
