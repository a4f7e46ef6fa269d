"""The postgres sink end to end against a real PostgreSQL server on loopback: the rows in the
tables equal the JSON run of the same seed, field by field (one table per event type, or one
jsonb table), with one or two workers; existing tables are used when their columns fit and
refused with a clear message when not; a wrong password or a row the server refuses ends the
run with exit 1 and nothing reported delivered that is not in the tables; `validate` refuses a
password written in clear, at its line and column."""
import collections
import os
import re
import unittest

from postgres_fixture import (DATABASE, PASSWORD, USER, ServerTestCase, loads, table_name)
from streamgen_cli import example, run, run_report

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_TYPES = os.path.join(HERE, "data", "all_types.yaml")
ENV = {"PG_TEST_PASSWORD": PASSWORD}
COUNT = 3000


def json_run(config, count, *extra):
    """The events of the same config and seed as JSON lines, in sequence order."""
    proc = run("run", config, "--count", count, "--rate", 0, "--sink", "stdout", "--format",
               "json", *extra, env=ENV)
    assert proc.returncode == 0, proc.stderr.decode()
    return [loads(line) for line in proc.stdout.decode().splitlines()]


def by_table(events, prefix=""):
    tables = collections.defaultdict(list)
    for event in events:
        event = dict(event)
        tables[table_name(event.pop("event_type_id"), prefix)].append(event)
    return tables


class Delivery(ServerTestCase):
    def check_tables_equal_json_run(self, config, count, *extra, prefix=""):
        proc, report = run_report(config, "--count", count, "--rate", 0, *self.sink_args(),
                                  *extra, env=ENV, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], count)
        expected = by_table(json_run(config, count), prefix)
        for table, events in expected.items():
            # Columns the table has besides the config's (an existing table's) are left out.
            names = set(events[0])
            rows = [{k: v for k, v in row.items() if k in names}
                    for row in self.pg.rows_as_json(table)]
            self.assertSameRows(rows, events, table)
        return report

    def test_table_per_type_rows_equal_the_json_run(self):
        report = self.check_tables_equal_json_run(ALL_TYPES, COUNT)
        for type_id, entry in report["event_types"].items():
            self.assertEqual(int(self.pg.scalar(f"SELECT count(*) FROM {table_name(type_id)}")),
                             entry["delivered"])
        columns = dict(self.pg.columns("order_created"))
        self.assertEqual(columns, {
            "event_id": "uuid", "user_id": "bigint", "event_time": "timestamp with time zone",
            "item_count": "integer", "total": "double precision", "discount": "real",
            "price": "numeric", "is_gift": "boolean", "delivery_date": "date", "note": "text",
            "comment": "text"})
        shipped = dict(self.pg.columns("order_shipped"))
        self.assertEqual((shipped["package"], shipped["scans"], shipped["Carrier"]),
                         ("jsonb", "jsonb", "text"))
        # A string that is never null keeps its empty value; a nullable one's nulls stay null.
        self.assertGreater(int(self.pg.scalar(
            "SELECT count(*) FROM order_created WHERE note = ''")), 0)
        self.assertGreater(int(self.pg.scalar(
            "SELECT count(*) FROM order_created WHERE discount IS NULL")), 0)
        # The progress records served the run only.
        self.assertEqual(self.pg.scalar("SELECT count(*) FROM streamgen_commits"), "0")

    def test_two_workers_write_the_same_rows_in_small_transactions(self):
        self.check_tables_equal_json_run(ALL_TYPES, 6000, "--threads", 2, "--set",
                                         "sink_config.batch_rows=250")

    def test_the_quickstart_example_loads_with_a_table_prefix(self):
        self.check_tables_equal_json_run(example("quickstart.yaml"), 2000, "--set",
                                         "sink_config.table_prefix=qs_", prefix="qs_")
        self.assertEqual(sorted(t for t in self.pg.tables() if t.startswith("qs_")),
                         ["qs_user_purchase", "qs_user_session_end", "qs_user_session_start"])

    def test_jsonb_layout_holds_each_event_once_by_its_sequence_number(self):
        proc, report = run_report(ALL_TYPES, "--count", COUNT, "--rate", 0, "--threads", 2,
                                  *self.sink_args("layout=jsonb", "table=raw_events"), env=ENV,
                                  timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(report["totals"]["delivered"], COUNT)
        self.assertEqual(self.pg.columns("raw_events"), [
            ("event_type", "text"), ("sequence", "bigint"), ("payload", "jsonb")])
        rows = self.pg.rows_as_json("raw_events")
        self.assertEqual(sorted(row["sequence"] for row in rows), list(range(COUNT)))
        expected = json_run(ALL_TYPES, COUNT)
        actual = sorted(rows, key=lambda row: row["sequence"])
        for row, event in zip(actual, expected):
            self.assertEqual(row["event_type"], event["event_type_id"])
        self.assertSameRows([row["payload"] for row in actual], expected, "raw_events")

    def test_an_existing_table_with_wider_columns_and_extra_ones_gets_the_rows(self):
        self.pg.psql("CREATE TABLE user_session_end (id bigserial PRIMARY KEY, "
                     "session_duration_sec numeric, user_id bigint, "
                     "loaded_at timestamptz NOT NULL DEFAULT now(), note text)")
        self.check_tables_equal_json_run(example("quickstart.yaml"), 1000)
        self.assertEqual(self.pg.scalar("SELECT count(*) = max(id) FROM user_session_end"), "t")

    def test_the_dblstreamgen_name_postgresql_is_the_same_sink(self):
        proc = run("run", example("quickstart.yaml"), "--count", 100, "--rate", 0,
                   *self.sink_args(), "--set", "sink_config.type=postgresql", env=ENV)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode())
        self.assertEqual(int(self.pg.scalar(
            "SELECT (SELECT count(*) FROM user_purchase) + (SELECT count(*) FROM "
            "user_session_start) + (SELECT count(*) FROM user_session_end)")), 100)


class BadInput(ServerTestCase):
    def assertNothingDelivered(self, report):
        # A sink that cannot open fails the start: then there is no report at all.
        if report is not None:
            self.assertEqual(report["totals"]["delivered"], 0)

    def test_a_wrong_password_fails_clearly_and_delivers_nothing(self):
        proc, report = run_report(example("quickstart.yaml"), "--count", 100, "--rate", 0,
                                  *self.sink_args(), env={"PG_TEST_PASSWORD": "wrong"})
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        message = proc.stderr.decode()
        self.assertIn(f"postgres {USER}@127.0.0.1:{self.pg.port}/{DATABASE}", message)
        self.assertIn(f'password authentication failed for user "{USER}"', message)
        self.assertNotIn("wrong", message)
        self.assertNothingDelivered(report)
        self.assertEqual(self.pg.tables(), [])

    def test_an_incompatible_table_fails_clearly_and_delivers_nothing(self):
        self.pg.psql("CREATE TABLE user_purchase (user_id integer, transaction_id uuid, "
                     "amount text)")
        proc, report = run_report(example("quickstart.yaml"), "--count", 100, "--rate", 0,
                                  *self.sink_args(), env=ENV)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn("table public.user_purchase has column amount of type text; the config "
                      "writes real (event_types[1].fields.amount)", proc.stderr.decode())
        self.assertNothingDelivered(report)
        self.assertEqual(self.pg.scalar("SELECT count(*) FROM user_purchase"), "0")

    def test_a_missing_column_is_named_with_the_columns_there_are(self):
        self.pg.psql("CREATE TABLE user_session_end (user_id integer, duration integer)")
        proc = run("run", example("quickstart.yaml"), "--count", 10, "--rate", 0,
                   *self.sink_args(), env=ENV)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn("table public.user_session_end has no column session_duration_sec, which "
                      "the config writes (event_types[2].fields.session_duration_sec); its "
                      "columns are user_id, duration", proc.stderr.decode())

    def test_a_missing_table_without_create_table_is_named(self):
        proc = run("run", example("quickstart.yaml"), "--count", 10, "--rate", 0,
                   *self.sink_args("create_table=false"), env=ENV)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn("table public.user_session_start does not exist; create it, or set "
                      "create_table: true", proc.stderr.decode())

    def test_a_row_the_server_refuses_ends_the_run_and_only_committed_rows_count(self):
        self.pg.psql("CREATE TABLE user_session_end (user_id integer, "
                     "session_duration_sec integer CHECK (session_duration_sec < 7000))")
        proc, report = run_report(example("quickstart.yaml"), "--count", 20000, "--rate", 0,
                                  *self.sink_args("batch_rows=1000"), env=ENV, timeout=300)
        self.assertEqual(proc.returncode, 1, proc.stderr.decode())
        self.assertIn('violates check constraint "user_session_end_session_duration_sec_check"',
                      proc.stderr.decode())
        in_tables = int(self.pg.scalar(
            "SELECT (SELECT count(*) FROM user_purchase) + (SELECT count(*) FROM "
            "user_session_start) + (SELECT count(*) FROM user_session_end)"))
        self.assertEqual(report["totals"]["delivered"], in_tables)
        self.assertLess(in_tables, 20000)
        self.assertGreater(report["totals"]["failed"], 0)


class Validate(unittest.TestCase):
    def write(self, text):
        path = os.path.join(self.tmp, "config.yaml")
        with open(path, "w") as f:
            f.write(text)
        return path

    def setUp(self):
        import tempfile
        self.tmp = tempfile.mkdtemp()

    def config(self, sink_lines):
        return self.write(
            "event_types:\n"
            "  - event_type_id: click\n"
            "    fields:\n"
            "      page: {type: string, values: [a, b]}\n"
            "sink_config:\n"
            "  type: postgres\n" + sink_lines)

    def test_a_password_in_clear_is_refused_at_its_line_and_column(self):
        for line in ('  connection_string: "host=db user=gen password=hunter2"\n',
                     "  connection_string: postgresql://gen:hunter2@db:5432/events\n",
                     "  connection_string: postgresql://gen@db/events?password=hunter2\n"):
            with self.subTest(line=line):
                path = self.config(line)
                proc = run("validate", path)
                self.assertEqual(proc.returncode, 2, proc.stderr.decode())
                output = proc.stdout.decode() + proc.stderr.decode()
                self.assertRegex(output, re.escape(path) + r":7:22: error: sink_config."
                                 r"connection_string holds a password in clear")
                self.assertNotIn("hunter2", output)

    def test_password_references_pass(self):
        for line in ('  connection_string: "host=db user=gen password=${PGPASS}"\n',
                     "  connection_string: postgresql://gen:{{secrets/pg/password}}@db/events\n",
                     '  connection_string: "host=db user=gen"\n  password: "${PGPASS}"\n'):
            with self.subTest(line=line):
                proc = run("validate", self.config(line),
                           env={"PGPASS": "x", "STREAMGEN_SECRET_pg_password": "x"})
                self.assertEqual(proc.returncode, 0, proc.stderr.decode())

    def test_names_layout_and_numbers_are_checked(self):
        path = self.config('  connection_string: "host=db"\n'
                           "  layout: wide\n"
                           "  schema: my-schema\n"
                           "  batch_rows: 0\n")
        proc = run("validate", path)
        self.assertEqual(proc.returncode, 2, proc.stderr.decode())
        output = proc.stdout.decode() + proc.stderr.decode()
        self.assertIn(":8:11: error: sink_config.layout: expected one of table_per_type, jsonb",
                      output)
        self.assertIn(":9:11: error: sink_config.schema: expected a PostgreSQL name", output)
        self.assertIn(":10:15: error: sink_config.batch_rows: expected at least 1", output)

    def test_event_types_that_make_the_same_table_are_refused(self):
        path = self.write(
            "event_types:\n"
            "  - event_type_id: user.click\n"
            "    fields: {page: {type: word}}\n"
            "  - event_type_id: user-click\n"
            "    fields: {page: {type: word}}\n"
            "sink_config:\n"
            "  type: postgres\n"
            '  connection_string: "host=db"\n')
        proc = run("validate", path)
        self.assertEqual(proc.returncode, 2, proc.stderr.decode())
        self.assertIn(":4:20: error: event types `user.click` and `user-click` would both write "
                      "postgres table `user_click`", proc.stdout.decode() + proc.stderr.decode())


if __name__ == "__main__":
    unittest.main()
