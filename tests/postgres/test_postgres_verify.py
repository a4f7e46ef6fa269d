"""`streamgen verify --from postgres` against a real PostgreSQL server on loopback: a run into the
jsonb layout verifies clean although PostgreSQL re-formats every payload; rows deleted,
duplicated and altered with psql are found with exactly those counts; the table_per_type layout
is refused with a clear message."""
import json
import os
import tempfile

from postgres_fixture import PASSWORD, ServerTestCase
from streamgen_cli import run

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = os.path.join(HERE, "..", "cli", "data", "formats.yaml")
ENV = {"PG_TEST_PASSWORD": PASSWORD}
COUNT = 3000


class Verify(ServerTestCase):
    def setUp(self):
        super().setUp()
        self.tmp = tempfile.TemporaryDirectory()
        self.run_report = os.path.join(self.tmp.name, "run.json")

    def tearDown(self):
        self.tmp.cleanup()

    def run_into_table(self, *options):
        proc = run("run", FORMATS, "--count", COUNT, "--rate", 0, "--threads", 2,
                   *self.sink_args(*options), "--report", self.run_report, env=ENV,
                   timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())

    def verify(self, *options):
        """(exit code, output, verify report or None)."""
        out = os.path.join(self.tmp.name, "verify.json")
        if os.path.exists(out):
            os.remove(out)
        proc = run("verify", FORMATS, "--from", "postgres", *self.sink_args(*options),
                   "--run-report", self.run_report, "--report", out, env=ENV, timeout=300)
        report = None
        if os.path.exists(out) and os.path.getsize(out) > 0:
            with open(out) as f:
                report = json.load(f)
        return proc.returncode, proc.stdout.decode() + proc.stderr.decode(), report

    def assertCounts(self, report, **expected):
        self.assertIsNotNone(report)
        self.assertEqual({name: report[name] for name in expected}, expected, report)

    def test_jsonb_run_verifies_clean_then_finds_the_edits(self):
        self.run_into_table("layout=jsonb")
        code, output, report = self.verify("layout=jsonb")
        self.assertEqual(code, 0, output)
        self.assertCounts(report, expected=COUNT, received=COUNT, matched=COUNT, missing=0,
                          duplicated=0, altered=0, unexpected=0)

        # Two rows gone, one row copied, one payload value changed.
        self.pg.psql("DELETE FROM events WHERE sequence IN (10, 20)")
        self.pg.psql("INSERT INTO events SELECT * FROM events WHERE sequence = 30")
        self.pg.psql("UPDATE events SET payload = jsonb_set(payload, '{user_id}', '7') "
                     "WHERE sequence = 40")
        code, output, report = self.verify("layout=jsonb")
        self.assertEqual(code, 1, output)
        self.assertCounts(report, expected=COUNT, received=COUNT - 1, matched=COUNT - 3, missing=2,
                          duplicated=1, altered=1, unexpected=0)
        self.assertIn("events#40", output)

    def test_table_per_type_is_refused_with_a_message(self):
        self.run_into_table()
        code, output, _ = self.verify()
        self.assertEqual(code, 2, output)
        self.assertIn("layout: jsonb", output)


if __name__ == "__main__":
    import unittest
    unittest.main()
