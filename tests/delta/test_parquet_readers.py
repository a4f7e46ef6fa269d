"""StreamGen's Parquet files read back by two independent readers, DuckDB (@duckdb/node-api) and
hyparquet, both from npm: parquet_fixture_writer writes files covering every column type,
nullable and required columns, dictionary and plain strings, several row groups and pages and each
compression, with the rows and statistics they must hold; parquet_readers.mjs compares what each
reader sees with that."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from delta_fixture import install

HERE = os.path.dirname(os.path.abspath(__file__))
READERS = os.path.join(HERE, "parquet_readers.mjs")


class ParquetReaders(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        install()
        cls.dir = tempfile.mkdtemp(prefix="streamgen-parquet-")
        writer = os.environ.get("PARQUET_FIXTURE_WRITER")
        if not writer:
            raise unittest.SkipTest("PARQUET_FIXTURE_WRITER is not set (run through ctest)")
        subprocess.run([writer, cls.dir], check=True, timeout=120)
        with open(os.path.join(cls.dir, "expected.json"), encoding="utf-8") as f:
            cls.file_count = len(json.load(f)["files"])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def check(self, name):
        result = subprocess.run(["node", READERS, name, self.dir], cwd=HERE, capture_output=True,
                                text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual(report["files"], self.file_count)
        self.assertEqual(report["mismatches"], [], "\n".join(report["mismatches"]))

    def test_duckdb_reads_back_every_row_exactly(self):
        self.check("duckdb-rows")

    def test_hyparquet_reads_back_every_row_exactly(self):
        self.check("hyparquet-rows")

    def test_duckdb_sees_the_declared_schema_codec_and_dictionaries(self):
        self.check("duckdb-schema")

    def test_hyparquet_sees_the_declared_physical_converted_and_logical_types(self):
        self.check("hyparquet-schema")

    def test_duckdb_footer_statistics_match_the_writer_statistics(self):
        self.check("duckdb-statistics")

    def test_hyparquet_footer_statistics_match_the_writer_statistics(self):
        self.check("hyparquet-statistics")


if __name__ == "__main__":
    unittest.main()
