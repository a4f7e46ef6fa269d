"""A real PostgreSQL server for the postgres sink's tests and benchmark: Debian's postgresql
(initdb, pg_ctl) in a temporary folder, listening on a free loopback port, with password (SCRAM)
authentication for a test user who owns a test database. initdb refuses to run as root, so as root
the server runs as the `postgres` system user. Tables are read back with psql."""
import collections
import datetime
import decimal
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))

import streamgen_cli  # noqa: E402,F401  (the tests import it once this path is set)

USER = "gen"
PASSWORD = "gen-test-password"
DATABASE = "streamgen"
SUPERUSER_PASSWORD = "superuser-test-password"


def server_bin(name):
    """A PostgreSQL server program: Debian keeps them under /usr/lib/postgresql/<version>/bin."""
    for version in ("15", "16", "17", "14", "13"):
        path = f"/usr/lib/postgresql/{version}/bin/{name}"
        if os.path.exists(path):
            return path
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: install Debian's postgresql package")
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One server in a temporary folder; `close()` stops it and removes the folder."""

    def __init__(self, settings=()):
        self.folder = tempfile.mkdtemp(prefix="streamgen-pg-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "server.log")
        self.port = free_port()
        self.settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": self.folder,
            # Tests do not survive power loss; an immediate stop still keeps what was committed.
            "fsync": "off",
            "max_connections": "50",
            "TimeZone": "UTC",
            **dict(settings),
        }
        self._as_server_user = os.geteuid() == 0
        if self._as_server_user:
            shutil.chown(self.folder, "postgres", "postgres")
        pwfile = os.path.join(self.folder, "superuser-password")
        with open(pwfile, "w") as f:
            f.write(SUPERUSER_PASSWORD + "\n")
        if self._as_server_user:
            shutil.chown(pwfile, "postgres", "postgres")
        self._server([server_bin("initdb"), "-D", self.data, "-U", "postgres",
                      "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                      "--locale=C.UTF-8" if self._has_c_utf8() else "--no-locale"])
        self.start()
        self.superuser(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'")
        self.superuser(f"CREATE DATABASE {DATABASE} OWNER {USER}")

    @staticmethod
    def _has_c_utf8():
        return os.path.exists("/usr/lib/locale/C.utf8") or os.path.exists("/usr/lib/locale/C.UTF-8")

    def _server(self, args, check=True):
        if self._as_server_user:
            args = ["runuser", "-u", "postgres", "--", *args]
        proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=120)
        if check and proc.returncode != 0:
            log = open(self.log).read()[-3000:] if os.path.exists(self.log) else ""
            raise RuntimeError(f"{' '.join(args)} failed: {proc.stdout}\n{log}")
        return proc

    def start(self):
        """Starts the server and returns once it accepts connections (pg_ctl -w)."""
        options = " ".join(f"-c {key}={value}" for key, value in self.settings.items())
        self._server([server_bin("pg_ctl"), "-D", self.data, "-l", self.log, "-w", "-t", "60",
                      "-o", options, "start"])

    def stop(self, mode="fast"):
        """`immediate` kills the server as a crash would: recovery runs at the next start."""
        self._server([server_bin("pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"])

    def close(self):
        self._server([server_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop"],
                     check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, user=USER, password=PASSWORD, database=DATABASE):
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql, url=None, check=True):
        proc = subprocess.run(["psql", url or self.url(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                               "-A", "-t", "-c", sql],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"psql {sql!r}: {proc.stderr}")
        return proc.stdout

    def superuser(self, sql):
        return self.psql(sql, url=self.url("postgres", SUPERUSER_PASSWORD, "postgres"))

    def scalar(self, sql):
        return self.psql(sql).strip()

    def rows_as_json(self, table, schema="public"):
        """Every row of a table as a dict (row_to_json: numbers, booleans and jsonb as JSON)."""
        out = self.psql(f'SELECT row_to_json(t) FROM "{schema}"."{table}" t')
        return [loads(line) for line in out.splitlines() if line]

    def tables(self, schema="public"):
        out = self.psql("SELECT table_name FROM information_schema.tables "
                        f"WHERE table_schema = '{schema}' ORDER BY 1")
        return [line for line in out.splitlines() if line]

    def columns(self, table, schema="public"):
        out = self.psql("SELECT column_name, data_type FROM information_schema.columns "
                        f"WHERE table_schema = '{schema}' AND table_name = '{table}' "
                        "ORDER BY ordinal_position")
        return [tuple(line.split("|")) for line in out.splitlines() if line]

    def drop_all(self, schema="public"):
        for table in self.tables(schema):
            self.psql(f'DROP TABLE "{schema}"."{table}"')



def table_name(event_type_id, prefix=""):
    """The sink's table of an event type: lower case, other characters than letters and digits
    as `_`."""
    name = prefix + "".join(c.lower() if c.isascii() and c.isalnum() else "_"
                            for c in event_type_id)
    return "_" + name if not name or name[0].isdigit() else name


ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def normalized(value):
    """A value as both sides can be compared: numbers as normalized Decimals (a real column
    and the JSON run both print the shortest text; numeric keeps trailing zeros), times as
    aware datetimes, nested values recursively."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, decimal.Decimal)):
        return decimal.Decimal(value).normalize()
    if isinstance(value, str) and ISO_TIME.match(value):
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    return value


def canonical(record):
    """One record as a sortable text, for comparing multisets of rows."""
    return json.dumps(normalized(record), sort_keys=True, default=str, ensure_ascii=False)


def loads(text):
    return json.loads(text, parse_float=decimal.Decimal)


class ServerTestCase(unittest.TestCase):
    """One server per test class; every test starts from an empty database."""

    @classmethod
    def setUpClass(cls):
        cls.pg = PostgresServer()

    @classmethod
    def tearDownClass(cls):
        cls.pg.close()

    def setUp(self):
        self.pg.drop_all()

    def sink_args(self, *options, port=None):
        """--set arguments pointing a config's postgres sink at the test server."""
        port = port or self.pg.port
        args = ["--set", "sink_config.type=postgres", "--set",
                "sink_config.connection_string=host=127.0.0.1 port=" + str(port) +
                f" dbname={DATABASE} user={USER} password=${{PG_TEST_PASSWORD}}"]
        for option in options:
            args += ["--set", "sink_config." + option]
        return args

    def assertSameRows(self, actual, expected, what):
        actual_keys = collections.Counter(canonical(r) for r in actual)
        expected_keys = collections.Counter(canonical(r) for r in expected)
        missing = list((expected_keys - actual_keys).elements())[:3]
        extra = list((actual_keys - expected_keys).elements())[:3]
        self.assertEqual(len(actual), len(expected), f"{what}: row count")
        self.assertFalse(missing or extra, f"{what}: missing {missing}, unexpected {extra}")
