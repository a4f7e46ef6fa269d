#!/usr/bin/env python3
"""How fast `streamgen verify` reads a landing folder back, one thread, beside the run that wrote it.

    verify_speed.py [--config FILE] [--count N] [--rounds N]

Writes N events of the config as JSON Lines into a landing folder (one thread, as fast as the disk
takes them), then verifies the folder from the run's report, identity field on (`_sg_seq`) and
off (events matched by their bytes). Rounds interleave the three so that a noisy machine slows
them alike; prints medians of events/s (wall clock of each command) and verify's ratio to the
run.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streamgen", default=os.path.join(ROOT, "build", "app", "streamgen"))
    parser.add_argument("--config",
                        default=os.path.join(ROOT, "tests", "cli", "data", "formats.yaml"))
    parser.add_argument("--count", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="streamgen-verify-bench-")
    times = {"run (write)": [], "verify, identity field": [], "verify, by content": []}
    try:
        for _ in range(args.rounds):
            for identity in (True, False):
                folder = os.path.join(work, "landing")
                report = os.path.join(work, "run.json")
                shutil.rmtree(folder, ignore_errors=True)
                extra = ["--set", "identity_field=_sg_seq"] if identity else []
                seconds = timed([args.streamgen, "run", args.config, "--sink", "file", "--out",
                                 folder, "--count", str(args.count), "--rate", "0", "--format",
                                 "json", "--report", report, *extra])
                if identity:
                    times["run (write)"].append(seconds)
                name = "verify, identity field" if identity else "verify, by content"
                times[name].append(timed([args.streamgen, "verify", args.config, "--from",
                                          "file", "--out", folder, "--format", "json",
                                          "--run-report", report, *extra]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    run_rate = args.count / statistics.median(times["run (write)"])
    print(f"{'command':<24} {'median events/s':>16} {'vs run':>7}")
    for name, values in times.items():
        rate = args.count / statistics.median(values)
        print(f"{name:<24} {rate:>16,.0f} {rate / run_rate:>6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
