#!/usr/bin/env python3
"""Kafka sink throughput against kcat's, on the same loopback mock broker.

    STREAMGEN_BIN=build/app/streamgen MOCK_BROKER_BIN=build/tests/kafka/mock_broker \\
        python3 tests/bench/kafka_vs_kcat.py [--count 500000] [--rounds 3]

Each round times `streamgen run quickstart --sink kafka --rate 0 --count N` and `kcat -P`
replaying the same N payloads, pre-rendered by `streamgen run --sink stdout`, with the same keys
(the quickstart's partition_key_field, user_id) and one header per message, each into a fresh
topic with enough partitions for the mock's per-partition limit (~5 MB / 100k batches). Both
use the sink's producer defaults: enable.idempotence=true, acks=all, linger.ms=5,
compression.type=lz4. Times are wall clock from process start to exit, so both include
connecting and the final flush; the broker's log-end offsets confirm that all N arrived.
Target: streamgen >= 0.8x kcat.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kafka"))

import kafka_fixture as kf  # noqa: E402
import streamgen_cli  # noqa: E402

PRODUCER_SETTINGS = {
    "enable.idempotence": "true",
    "acks": "all",
    "linger.ms": "5",
    "compression.type": "lz4",
}
SEED = "424242"


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args, **kwargs):
    """Runs a command; returns (wall seconds, CPU seconds of all its threads)."""
    cpu = children_cpu()
    start = time.monotonic()
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600,
                          **kwargs)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return seconds, children_cpu() - cpu


def render_payloads(count, path):
    """The run's payloads as `KEY<TAB>PAYLOAD` lines for `kcat -P -K '\\t'`."""
    payloads = kf.stdout_payloads("--count", count, "--rate", 0, "--seed", SEED)
    with open(path, "w") as f:
        for payload in payloads:
            f.write(f"{json.loads(payload)['user_id']}\t{payload}\n")
    return len(payloads)


def check_arrived(broker, topic, partitions, count):
    arrived = kf.total_messages(broker.bootstrap, topic, partitions)
    if arrived != count:
        raise SystemExit(f"{topic}: {arrived} messages in the broker, expected {count}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--partitions", type=int, default=16)
    options = parser.parse_args()

    broker = kf.MockBroker({})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lines = os.path.join(tmp, "payloads.txt")
            if render_payloads(options.count, lines) != options.count:
                raise SystemExit("streamgen --sink stdout printed fewer payloads than --count")
            kcat_settings = [arg for name, value in PRODUCER_SETTINGS.items()
                             for arg in ("-X", f"{name}={value}")]
            results = {"streamgen": [], "kcat": []}
            # CPU microseconds per message: less sensitive than wall time to a busy machine.
            cpu = {"streamgen": [], "kcat": []}
            for round_ in range(options.rounds):
                sg_topic, kc_topic = f"sg{round_}", f"kc{round_}"
                broker.command(f"create {sg_topic} {options.partitions}")
                broker.command(f"create {kc_topic} {options.partitions}")
                seconds, cpu_seconds = timed([streamgen_cli.BIN, "run", *kf.kafka_args(
                    broker.bootstrap, sg_topic, "--count", str(options.count), "--rate", "0",
                    "--seed", SEED)])
                check_arrived(broker, sg_topic, options.partitions, options.count)
                results["streamgen"].append(options.count / seconds)
                cpu["streamgen"].append(cpu_seconds * 1e6 / options.count)
                seconds, cpu_seconds = timed([kf.KCAT, "-P", "-b", broker.bootstrap, "-t", kc_topic,
                                 "-K", "\t", "-H", "event_type_id=bench", *kcat_settings,
                                 "-l", lines])
                check_arrived(broker, kc_topic, options.partitions, options.count)
                results["kcat"].append(options.count / seconds)
                cpu["kcat"].append(cpu_seconds * 1e6 / options.count)
                print(f"round {round_ + 1}: streamgen {results['streamgen'][-1]:,.0f} msg/s "
                      f"({cpu['streamgen'][-1]:.2f} CPU us/msg), kcat "
                      f"{results['kcat'][-1]:,.0f} msg/s ({cpu['kcat'][-1]:.2f} CPU us/msg)",
                      flush=True)
    finally:
        broker.close()

    streamgen = statistics.median(results["streamgen"])
    kcat = statistics.median(results["kcat"])
    settings = ", ".join(f"{k}={v}" for k, v in PRODUCER_SETTINGS.items())
    print(f"{options.count:,} messages, {options.partitions} partitions, {settings}")
    print(f"streamgen --sink kafka: {streamgen:,.0f} msg/s, "
          f"{statistics.median(cpu['streamgen']):.2f} CPU us/msg (median of {options.rounds})")
    print(f"kcat -P:                {kcat:,.0f} msg/s, "
          f"{statistics.median(cpu['kcat']):.2f} CPU us/msg (median of {options.rounds})")
    print(f"ratio: {streamgen / kcat:.2f}x kcat (target >= 0.80x)")


if __name__ == "__main__":
    main()
