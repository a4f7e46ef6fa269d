"""Sinks come from one registry and configs pass one preflight: `streamgen sinks`, the README's
sink table, located sink and format problems, and every bundled example either runs or is
rejected by `validate` (never accepted by `validate` and then refused at start)."""
import os
import re
import tempfile
import unittest

from streamgen_cli import EXAMPLES, SOURCE_DIR, example, run, run_report

README = os.path.join(SOURCE_DIR, "README.md")
TABLE_BEGIN = "<!-- sinks: the output of `streamgen sinks --markdown` -->\n"
TABLE_END = "<!-- /sinks -->"
SINKS = ["null", "stdout", "file", "kafka", "eventhubs", "kinesis", "postgres", "delta"]
LOCATED_ERROR = re.compile(r"^(.+):(\d+):(\d+): error: ", re.M)
# Secret references in a config: `${NAME}` and `{{secrets/scope/key}}`.
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
SECRET_REFERENCE = re.compile(r"\{\{secrets/([^/}]+)/([^/}]+)\}\}")

EVENTS = """event_types:
  - event_type_id: a
    fields:
      user_id: {type: int, range: [1, 10]}
"""


def registered_sinks():
    """{name or alias: canonical name}, read from `streamgen sinks`."""
    out = run("sinks").stdout.decode()
    names = {}
    for line in out.splitlines():
        match = re.match(r"^(\w+)(?: \(also ([^)]*)\))?: ", line)
        if match:
            names[match.group(1)] = match.group(1)
            for alias in (match.group(2) or "").split(", "):
                if alias:
                    names[alias] = match.group(1)
    return names


def write_config(folder, text):
    path = os.path.join(folder, "config.yaml")
    with open(path, "w") as f:
        f.write(EVENTS + text)
    return path


def dummy_secrets(path):
    """Values for the secret references of a config: the test's stand-ins for real credentials."""
    with open(path) as f:
        text = f.read()
    env = {name: "test-value" for name in ENV_REFERENCE.findall(text)}
    for scope, key in SECRET_REFERENCE.findall(text):
        env["STREAMGEN_SECRET_" + re.sub(r"\W", "_", f"{scope}_{key}")] = "test-value"
    return env


class Examples(unittest.TestCase):
    """Each bundled example runs 1000 events into its own sink, or `validate` rejects it with a
    located message. Test substitutes: a file sink writes into a temporary folder; a Kafka or
    Event Hubs sink is pointed at a closed port, where only a network failure (exit 1) is
    allowed, never a config one (exit 2); secret references get stand-in values."""

    def test_every_example_runs_or_is_rejected_by_validate_with_its_location(self):
        sinks = registered_sinks()
        names = sorted(n for n in os.listdir(EXAMPLES) if n.endswith(".yaml"))
        self.assertGreater(len(names), 5)
        for name in names:
            with self.subTest(example=name):
                self.check_example(example(name), sinks)

    def check_example(self, path, sinks):
        validate = run("validate", path)
        if validate.returncode != 0:
            self.assertEqual(validate.returncode, 2, validate.stderr)
            errors = LOCATED_ERROR.findall(validate.stderr.decode())
            self.assertTrue(errors, validate.stderr)
            self.assertTrue(all(file == path for file, _, _ in errors), validate.stderr)
            return
        sink = re.search(rb"sink (\S+)$", validate.stdout.strip()).group(1).decode()
        self.assertIn(sink, sinks, validate.stdout)
        with tempfile.TemporaryDirectory() as tmp:
            args = [path, "--count", 1000, "--rate", 0, "--sink", sinks[sink]]
            if sinks[sink] in ("file", "delta"):
                args += ["--out", tmp]
            elif sinks[sink] in ("kafka", "eventhubs"):
                args += ["--set", "sink_config.bootstrap_servers=127.0.0.1:1",
                         "--set", "sink_config.namespace=127.0.0.1:1",
                         "--set", "sink_config.properties.message.timeout.ms=2000"]
            elif sinks[sink] == "kinesis":
                # tests/kinesis runs them against kinesalite; here: nothing listens.
                args += ["--set", "sink_config.endpoint_url=http://127.0.0.1:1"]
            env = dict(dummy_secrets(path), AWS_ACCESS_KEY_ID="AKIDTEST",
                       AWS_SECRET_ACCESS_KEY="test-secret")
            proc, report = run_report(*args, env=env)
            if sinks[sink] in ("kafka", "eventhubs", "kinesis") and proc.returncode == 1:
                self.assertIn(b"127.0.0.1:1", proc.stderr)
                return
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(report["totals"]["delivered"], 1000)


class SinksCommand(unittest.TestCase):
    def test_readme_sink_table_is_exactly_the_markdown_output(self):
        proc = run("sinks", "--markdown")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(README, encoding="utf-8") as f:
            readme = f.read()
        self.assertIn(TABLE_BEGIN, readme)
        begin = readme.index(TABLE_BEGIN) + len(TABLE_BEGIN)
        table = readme[begin:readme.index(TABLE_END, begin)]
        self.assertEqual(table, proc.stdout.decode(),
                         "README.md's sink table differs from `streamgen sinks --markdown`")

    def test_sinks_lists_every_sink(self):
        names = set(registered_sinks().values())
        self.assertEqual(names, set(SINKS))

    def test_sink_choices_of_run_and_validate_are_the_registered_sinks(self):
        choices = "{" + ",".join(SINKS) + "}"
        for command in ("run", "validate"):
            out = run(command, "--help").stdout.decode()
            self.assertIn("--sink TEXT:" + choices, out)
        self.assertEqual(run("run", example("batch.yaml"), "--sink", "hdfs").returncode, 2)

    def test_format_choices_are_the_engines_formats(self):
        for command in ("run", "preview", "validate"):
            out = run(command, "--help").stdout.decode()
            self.assertIn("--format TEXT:{json,csv,avro,protobuf}", out)


class Preflight(unittest.TestCase):
    def test_validate_prints_every_problem_located_and_exits_2(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(tmp, "serialization_format: jsno\n"
                                     "sink_config:\n"
                                     "  type: file\n"
                                     "  path: /tmp/x\n"
                                     "  max_records: lots\n"
                                     "  prefx: orders\n")
            proc = run("validate", path)
            err = proc.stderr.decode()
            self.assertEqual(proc.returncode, 2, err)
            self.assertIn(f"{path}:5:23: error: unknown serialization_format `jsno`", err)
            self.assertIn("did you mean `json`?", err)
            self.assertIn(f"{path}:9:16: error: sink_config.max_records: expected an integer, "
                          "got `lots`", err)
            self.assertIn(f"{path}:10:10: warning: unknown option `prefx` of the file sink is "
                          "ignored; did you mean `prefix`?", err)

    def test_unknown_option_alone_is_a_warning(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(tmp, "sink_config:\n  type: stdout\n  colour: blue\n")
            proc = run("validate", path)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn(b":7:11: warning: unknown option `colour`", proc.stderr)

    def test_unknown_sink_type_suggests_a_name_at_its_location(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(tmp, "sink_config:\n  type: kafak\n")
            proc = run("validate", path)
            self.assertEqual(proc.returncode, 2)
            self.assertIn(f"{path}:6:9: error: unknown sink type `kafak`; did you mean `kafka`?",
                          proc.stderr.decode())

    def test_secret_written_in_clear_is_an_error_that_does_not_repeat_it(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(tmp, "sink_config:\n  type: eventhubs\n"
                                     "  namespace: my-namespace\n  event_hub: clicks\n"
                                     "  connection_string: Endpoint=sb://x/;SharedAccessKey=s3cr3t\n")
            proc = run("validate", path)
            self.assertEqual(proc.returncode, 2)
            self.assertIn(b":9:22: error: sink_config.connection_string holds a secret",
                          proc.stderr)
            self.assertNotIn(b"s3cr3t", proc.stderr)

    def test_what_validate_accepts_run_starts(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(tmp, "sink_config:\n  type: landing\n  prefix: orders\n")
            out = os.path.join(tmp, "out")
            self.assertEqual(run("validate", path).returncode, 2)
            self.assertEqual(run("validate", path, "--out", out).returncode, 0)
            proc = run("run", path, "--out", out, "--count", 100, "--rate", 0)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertTrue(all(n.startswith("orders-") for n in os.listdir(out)))

    def test_format_option_replaces_serialization_format_before_the_checks(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(tmp, "serialization_format: xml\n")
            self.assertEqual(run("validate", path).returncode, 2)
            self.assertEqual(run("validate", path, "--format", "json").returncode, 0)
            proc = run("preview", path, "-n", 3, "--format", "csv")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            lines = proc.stdout.decode().splitlines()
            self.assertEqual(lines[0], "event_type_id,user_id")
            self.assertRegex(lines[1], r"^a,\d+$")

    def test_preview_ignores_the_sink(self):
        proc = run("preview", example("quickstart.yaml"), "-n", 2)
        self.assertEqual(proc.returncode, 0, proc.stderr)


if __name__ == "__main__":
    unittest.main()
