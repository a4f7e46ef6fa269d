#!/usr/bin/env python3
"""Times streamgen against two peers generating the dblstreamgen quick-start schema as JSON lines
to /dev/null, in one run on one machine: a plain Python generator and a Node one using
@faker-js/faker (installed from npm into tests/bench/peers). Prints events/s and the ratios.

    tests/bench/compare_peers.py [BUILD_DIR]
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build")
STREAMGEN = os.path.join(BUILD, "app", "streamgen")
CONFIG = os.path.join(ROOT, "resources", "examples", "quickstart.yaml")
SG_COUNT = int(os.environ.get("SG_COUNT", "20000000"))
PEER_COUNT = int(os.environ.get("PEER_COUNT", "1000000"))


def events_per_second(command, count):
    with open(os.devnull, "wb") as devnull:
        start = time.monotonic()
        subprocess.run(command, stdout=devnull, stderr=devnull, check=True)
        return count / (time.monotonic() - start)


def main():
    if not os.access(STREAMGEN, os.X_OK):
        sys.exit(f"build streamgen first ({STREAMGEN} not found)")
    peers = os.path.join(HERE, "peers")
    if not os.path.isdir(os.path.join(peers, "node_modules", "@faker-js", "faker")):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=peers,
                       check=True)

    def streamgen(threads):
        return [STREAMGEN, "run", CONFIG, "--sink", "stdout", "--rate", "0", "--count",
                str(SG_COUNT), "--threads", str(threads)]

    rows = [
        ("streamgen, 1 thread", events_per_second(streamgen(1), SG_COUNT)),
        ("streamgen, 2 threads", events_per_second(streamgen(2), SG_COUNT)),
        ("python3 (random, uuid, json)",
         events_per_second([sys.executable, os.path.join(peers, "python_peer.py"),
                            str(PEER_COUNT)], PEER_COUNT)),
        ("node + @faker-js/faker",
         events_per_second(["node", os.path.join(peers, "faker_peer.mjs"), str(PEER_COUNT)],
                           PEER_COUNT)),
    ]
    print(f"{'generator (quick-start schema, JSON to /dev/null)':52} {'events/s':>12}")
    for name, rate in rows:
        print(f"{name:52} {rate:12,.0f}")
    sg1, sg2, py, js = (rate for _, rate in rows)
    print(f"\nstreamgen 1 thread / faker-js : {sg1 / js:6.1f}x")
    print(f"streamgen 1 thread / python   : {sg1 / py:6.1f}x")
    print(f"streamgen 2 threads / 1 thread: {sg2 / sg1:6.2f}x")


if __name__ == "__main__":
    main()
