"""The Studio's postgres panel (tests/postgres/postgres_panel_tests.cpp, QtTest, offscreen)
against a real server: this starts the server, prepares one table that fits and one that does
not, and runs the QtTest binary with the server's port."""
import os
import subprocess

from postgres_fixture import PASSWORD, ServerTestCase


class Studio(ServerTestCase):
    def test_the_panel_tests_connections_and_tables(self):
        self.pg.psql("CREATE TABLE user_session_end (user_id integer, "
                     "session_duration_sec integer)")
        self.pg.psql("CREATE TABLE user_purchase (user_id integer, transaction_id uuid, "
                     "amount text)")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STREAMGEN_PG_PORT=str(self.pg.port),
                   PG_TEST_PASSWORD=PASSWORD)
        proc = subprocess.run([os.environ["POSTGRES_PANEL_TESTS"]], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env=env, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout.decode())
        self.assertNotIn("SKIP", proc.stdout.decode())
