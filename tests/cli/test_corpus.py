"""`streamgen validate` on every broken config: exit 2, a located message, fast, no crash."""
import os
import subprocess
import sys
import tempfile
import time
import unittest

from streamgen_cli import SOURCE_DIR, run

CORPUS = os.path.join(SOURCE_DIR, "tests", "model", "corpus")
# Wall-clock bound per config; sanitizer builds are slower and raise it through the environment.
TIME_LIMIT = float(os.environ.get("STREAMGEN_CORPUS_TIME_LIMIT", "1.0"))


def read_expectations(folder):
    cases = []
    with open(os.path.join(folder, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                name, position, message = line.split("\t", 2)
                cases.append((os.path.join(folder, name), position, message))
    return cases


class Corpus(unittest.TestCase):
    def check(self, cases):
        self.assertGreater(len(cases), 0)
        slowest = 0.0
        for path, position, message in cases:
            start = time.monotonic()
            proc = run("validate", path, timeout=30)
            elapsed = time.monotonic() - start
            slowest = max(slowest, elapsed)
            err = proc.stderr.decode("utf-8", "replace")
            with self.subTest(config=os.path.basename(path)):
                self.assertEqual(proc.returncode, 2, err)
                self.assertIn(f"{path}:{position}:", err)
                self.assertIn(message, err)
                self.assertLess(elapsed, TIME_LIMIT)
        print(f"{len(cases)} configs, slowest {slowest:.3f} s", file=sys.stderr)

    def test_every_committed_broken_config_is_rejected_with_its_location(self):
        self.check(read_expectations(CORPUS))

    def test_every_hostile_config_is_rejected_quickly(self):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, os.path.join(CORPUS, "make_hostile.py"), tmp],
                           check=True)
            self.check(read_expectations(tmp))


if __name__ == "__main__":
    unittest.main()
