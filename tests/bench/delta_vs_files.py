#!/usr/bin/env python3
"""Side-by-side speed of the delta sink against the file sink, one thread, same rows.

    delta_vs_files.py [--config FILE] [--count N] [--rounds N]

Each round writes the same N events of the config (quickstart by default) as fast as the sinks
accept, once into a Delta table (Parquet + log, committed) and once as JSON Lines files, into
fresh folders on the same disk, in interleaved rounds so that a noisy machine slows both alike.
Prints each sink's median rows/s over the whole run (commits and file syncs included) and the
ratio.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def rows_per_second(binary, config, count, sink, folder):
    shutil.rmtree(folder, ignore_errors=True)
    proc = subprocess.run([binary, "run", config, "--sink", sink, "--out", folder, "--count",
                           str(count), "--rate", "0", "--threads", "1", "--seed", "7",
                           "--format", "json"], check=True, capture_output=True, text=True)
    match = re.search(r"\((\d+) ev/s", proc.stderr)
    if not match:
        raise RuntimeError(proc.stderr)
    return float(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streamgen", default=os.path.join(ROOT, "build", "app", "streamgen"))
    parser.add_argument("--config",
                        default=os.path.join(ROOT, "resources", "examples", "quickstart.yaml"))
    parser.add_argument("--count", type=int, default=3_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="streamgen-delta-bench-")
    runs = {"delta": [], "file": []}
    try:
        for _ in range(args.rounds):
            for sink in runs:
                runs[sink].append(rows_per_second(args.streamgen, args.config, args.count, sink,
                                                  os.path.join(work, sink)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    file_median = statistics.median(runs["file"])
    print(f"{'sink':<8} {'median rows/s':>14} {'vs file':>8}")
    for sink, values in runs.items():
        median = statistics.median(values)
        print(f"{sink:<8} {median:>14,.0f} {median / file_median:>7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
