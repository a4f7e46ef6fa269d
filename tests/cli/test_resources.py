"""Memory of a full-speed run: small, and flat once warmed up."""
import os
import subprocess
import time
import unittest

from streamgen_cli import BIN, example

SOAK_SECONDS = int(os.environ.get("STREAMGEN_SOAK_SECONDS", "15"))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Memory(unittest.TestCase):
    def test_full_speed_run_stays_under_50_mb_and_flat(self):
        with open(os.devnull, "wb") as devnull:
            proc = subprocess.Popen([BIN, "run", example("quickstart.yaml"), "--sink", "stdout",
                                     "--rate", "0", "--threads", "2",
                                     "--duration", str(SOAK_SECONDS + 1)],
                                    stdout=devnull, stderr=subprocess.PIPE)
            samples = []
            for _ in range(SOAK_SECONDS):
                time.sleep(1)
                self.assertIsNone(proc.poll(), "the run ended early")
                samples.append(rss_kib(proc.pid))
            _, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        peak = max(samples)
        print(f"RSS KiB per second: {samples}")
        self.assertLess(peak, 50 * 1024)
        # After a few seconds of warm-up, no growth beyond allocator noise.
        self.assertLess(samples[-1] - samples[2], 2 * 1024, samples)


if __name__ == "__main__":
    unittest.main()
