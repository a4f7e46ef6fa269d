#!/usr/bin/env python3
"""Side-by-side generation speed of the serialization formats, with `streamgen bench`.

    compare_formats.py [--config FILE] [--rounds N] [--seconds S] [--baseline OTHER_STREAMGEN]

Runs one-thread `streamgen bench` (null sink: generation and encoding only) for JSON, CSV, Avro
and Protobuf in interleaved rounds, so that a noisy, shared machine slows them alike, and prints
each format's median events/s and its ratio to JSON. With --baseline, another build's JSON (e.g.
the previous release) runs in the same rounds.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FORMATS = ["json", "csv", "avro", "protobuf"]


def bench(binary, config, seconds, fmt=None):
    command = [binary, "bench", config, "--seconds", str(seconds), "--threads", "1"]
    if fmt is not None:
        command += ["--set", f"serialization_format={fmt}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1].split()[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streamgen", default=os.path.join(ROOT, "build", "app", "streamgen"))
    parser.add_argument("--config", default=os.path.join(ROOT, "resources", "examples", "quickstart.yaml"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--baseline", help="another streamgen binary whose JSON runs alongside")
    args = parser.parse_args()

    runs = {name: [] for name in (["baseline json"] if args.baseline else []) + FORMATS}
    for _ in range(args.rounds):
        if args.baseline:
            runs["baseline json"].append(bench(args.baseline, args.config, args.seconds))
        for fmt in FORMATS:
            runs[fmt].append(bench(args.streamgen, args.config, args.seconds, fmt))
    json_median = statistics.median(runs["json"])
    print(f"{'format':<15} {'median events/s':>16} {'vs json':>8}")
    for name, values in runs.items():
        median = statistics.median(values)
        print(f"{name:<15} {median:>16,.0f} {median / json_median:>7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
