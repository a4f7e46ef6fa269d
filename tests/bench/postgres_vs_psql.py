#!/usr/bin/env python3
"""The postgres sink's loading speed against `psql \\copy` of the same rows, on one server.

    STREAMGEN_BIN=build/app/streamgen python3 tests/bench/postgres_vs_psql.py \\
        [--count 1000000] [--rounds 5] [--threads 1] [--config resources/examples/quickstart.yaml]
        [--set batch_rows=50000]

A PostgreSQL server (Debian's postgresql) starts in a temporary folder on loopback, with its
default durability (fsync on). Each round, in alternating order:
- streamgen: `streamgen run CONFIG --count N --rate 0 --sink postgres` into fresh tables (a table
  per event type, which the sink creates and fills with COPY in transactions);
- psql: `psql -c '\\copy TABLE FROM FILE (FORMAT csv)'` per table, one session, into fresh
  tables of the same columns, from CSV files of the same rows (rendered beforehand by
  `streamgen run --sink stdout --format csv` and split by event type).
Times are wall clock from process start to exit (connecting and committing included); a
CHECKPOINT before each load keeps one side's writes from slowing the other. Both sides end with
the same row counts. Target: streamgen >= 0.8x psql.
"""
import argparse
import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "postgres"))

from postgres_fixture import PASSWORD, PostgresServer, table_name  # noqa: E402
import streamgen_cli  # noqa: E402

SEED = "20240601"


def timed(args, env=None):
    start = time.monotonic()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1800,
                          env=env)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return seconds


def render_csv(config, count, folder, columns):
    """The run's rows as one CSV file per table, with that table's `columns` (a table's columns
    stand in the order of the CSV header): {table: path}."""
    proc = subprocess.run([streamgen_cli.BIN, "run", config, "--count", str(count), "--rate", "0",
                           "--seed", SEED, "--sink", "stdout", "--format", "csv"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr.decode())
    reader = csv.reader(io.StringIO(proc.stdout.decode(), newline=""))
    header = next(reader)
    cells = {table: [header.index(c) for c in names] for table, names in columns.items()}
    paths = {table: os.path.join(folder, table + ".csv") for table in columns}
    files = {table: open(path, "w", newline="") for table, path in paths.items()}
    writers = {table: csv.writer(f, lineterminator="\n") for table, f in files.items()}
    for row in reader:
        table = table_name(row[0])
        writers[table].writerow([row[i] for i in cells[table]])
    for f in files.values():
        f.close()
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--config", default=streamgen_cli.example("quickstart.yaml"))
    parser.add_argument("--set", action="append", default=[], metavar="OPTION=VALUE",
                        help="a sink option for streamgen, e.g. batch_rows=50000")
    args = parser.parse_args()

    pg = PostgresServer(settings={"fsync": "on", "max_wal_size": "4GB"})
    try:
        env = dict(os.environ, PG_TEST_PASSWORD=PASSWORD)
        connection = (f"host=127.0.0.1 port={pg.port} dbname=streamgen user=gen "
                      "password=${PG_TEST_PASSWORD}")
        streamgen = [streamgen_cli.BIN, "run", args.config, "--count", str(args.count), "--rate",
                     "0", "--seed", SEED, "--threads", str(args.threads), "--set",
                     "sink_config.type=postgres", "--set",
                     f"sink_config.connection_string={connection}"]
        for option in args.set:
            streamgen += ["--set", "sink_config." + option]
        # A first run creates the tables whose columns psql's tables copy.
        timed(streamgen, env)
        tables = [t for t in pg.tables() if t != "streamgen_commits"]
        with tempfile.TemporaryDirectory() as folder:
            columns = {t: [name for name, _ in pg.columns(t)] for t in tables}
            files = render_csv(args.config, args.count, folder, columns)
            for table in tables:
                pg.psql(f'DROP TABLE IF EXISTS "copy_{table}"; '
                        f'CREATE TABLE "copy_{table}" (LIKE "{table}")')
            copy = ["psql", pg.url(), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
            for table in tables:
                quoted = ", ".join(f'"{c}"' for c in columns[table])
                copy += ["-c", f'\\copy "copy_{table}" ({quoted}) FROM \'{files[table]}\' '
                               "WITH (FORMAT csv)"]
            results = {"streamgen": [], "psql": []}
            for round_index in range(args.rounds):
                order = ["streamgen", "psql"] if round_index % 2 == 0 else ["psql", "streamgen"]
                for side in order:
                    if side == "streamgen":
                        for table in tables:
                            pg.psql(f'DROP TABLE "{table}"')
                    else:
                        for table in tables:
                            pg.psql(f'TRUNCATE "copy_{table}"')
                    pg.superuser("CHECKPOINT")
                    seconds = timed(streamgen if side == "streamgen" else copy, env)
                    results[side].append(seconds)
                    print(f"round {round_index + 1} {side:9s} {seconds:7.2f} s "
                          f"{args.count / seconds:12,.0f} rows/s", flush=True)
            for table in tables:
                a = pg.scalar(f'SELECT count(*) FROM "{table}"')
                b = pg.scalar(f'SELECT count(*) FROM "copy_{table}"')
                if a != b:
                    raise SystemExit(f"row counts differ in {table}: {a} vs {b}")
        mine = args.count / statistics.median(results["streamgen"])
        theirs = args.count / statistics.median(results["psql"])
        print(f"\n{args.count:,} rows of {os.path.basename(args.config)} into {len(tables)} "
              f"tables, median of {args.rounds} rounds:")
        print(f"  streamgen --sink postgres (--threads {args.threads}): {mine:12,.0f} rows/s")
        print(f"  psql \\copy:                               {theirs:12,.0f} rows/s")
        print(f"  ratio: {mine / theirs:.2f}x (target >= 0.8x)")
    finally:
        pg.close()


if __name__ == "__main__":
    main()
