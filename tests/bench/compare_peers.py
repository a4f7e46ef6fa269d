#!/usr/bin/env python3
"""Times streamgen against two peers generating the dblstreamgen quick-start schema as JSON lines
to /dev/null, in one run on one machine: a plain Python generator and a Node one using
@faker-js/faker (installed from npm into tests/bench/peers). Prints events/s and the ratios.
With --schema realistic12, times streamgen on one thread against the faker-js peer alone on the
12-field schema tests/bench/schemas/realistic12.yaml.

    tests/bench/compare_peers.py [--schema {quickstart,realistic12}] [--streamgen BIN] [BUILD_DIR]

node_modules is not committed: the first run installs it from peers/package-lock.json with `npm ci`.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEERS = os.path.join(HERE, "peers")
# Per schema: streamgen's config, the Node peer writing the same fields, and the table's title.
SCHEMAS = {
    "quickstart": (os.path.join(ROOT, "resources", "examples", "quickstart.yaml"),
                   "faker_peer.mjs", "quick-start schema"),
    "realistic12": (os.path.join(HERE, "schemas", "realistic12.yaml"),
                    "faker_realistic12.mjs", "realistic12 schema"),
}
SG_COUNT = int(os.environ.get("SG_COUNT", "20000000"))
PEER_COUNT = int(os.environ.get("PEER_COUNT", "1000000"))


def events_per_second(command, count):
    with open(os.devnull, "wb") as devnull:
        start = time.monotonic()
        subprocess.run(command, stdout=devnull, stderr=devnull, check=True)
        return count / (time.monotonic() - start)


def install_node_peer():
    """Installs the Node peer's dependencies, pinned by the committed lock file, if missing."""
    if os.path.isdir(os.path.join(PEERS, "node_modules", "@faker-js", "faker")):
        return
    # `npm ci` installs exactly the locked versions; without a lock file fall back to install.
    has_lock = os.path.exists(os.path.join(PEERS, "package-lock.json"))
    command = ["npm", "ci" if has_lock else "install", "--no-audit", "--no-fund", "--silent"]
    print(f"installing the Node peer: {' '.join(command)} in {PEERS}", file=sys.stderr)
    subprocess.run(command, cwd=PEERS, check=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_dir", nargs="?", default=os.path.join(ROOT, "build"),
                        help="the CMake build folder holding app/streamgen (default: build/)")
    parser.add_argument("--schema", choices=sorted(SCHEMAS), default="quickstart",
                        help="quickstart: streamgen on 1 and 2 threads against both peers; "
                             "realistic12: streamgen on 1 thread against faker-js "
                             "(default: quickstart)")
    parser.add_argument("--streamgen", metavar="BIN",
                        help="the streamgen binary to time (default: BUILD_DIR/app/streamgen)")
    parser.epilog = "Event counts: SG_COUNT (streamgen) and PEER_COUNT (peers) in the environment."
    return parser.parse_args()


def main():
    args = parse_args()
    streamgen_bin = args.streamgen or os.path.join(args.build_dir, "app", "streamgen")
    config, faker_peer, title = SCHEMAS[args.schema]
    quickstart = args.schema == "quickstart"
    if not os.access(streamgen_bin, os.X_OK):
        sys.exit(f"build streamgen first ({streamgen_bin} not found)")
    install_node_peer()

    def streamgen(threads):
        return [streamgen_bin, "run", config, "--sink", "stdout", "--rate", "0", "--count",
                str(SG_COUNT), "--threads", str(threads)]

    def peer(interpreter, script):
        return events_per_second([interpreter, os.path.join(PEERS, script), str(PEER_COUNT)],
                                 PEER_COUNT)

    # Measured in this order, so the quick-start table stays comparable with earlier runs.
    sg1 = events_per_second(streamgen(1), SG_COUNT)
    rows = [("streamgen, 1 thread", sg1)]
    if quickstart:
        sg2 = events_per_second(streamgen(2), SG_COUNT)
        py = peer(sys.executable, "python_peer.py")
        rows += [("streamgen, 2 threads", sg2), ("python3 (random, uuid, json)", py)]
    js = peer("node", faker_peer)
    rows.append(("node + @faker-js/faker", js))
    print(f"{f'generator ({title}, JSON to /dev/null)':52} {'events/s':>12}")
    for name, rate in rows:
        print(f"{name:52} {rate:12,.0f}")
    print(f"\nstreamgen 1 thread / faker-js : {sg1 / js:6.1f}x")
    if quickstart:
        print(f"streamgen 1 thread / python   : {sg1 / py:6.1f}x")
        print(f"streamgen 2 threads / 1 thread: {sg2 / sg1:6.2f}x")


if __name__ == "__main__":
    main()
