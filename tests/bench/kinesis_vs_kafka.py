#!/usr/bin/env python3
"""The kinesis sink's cost per record beside the Kafka sink's, for the same events.

    STREAMGEN_BIN=build/app/streamgen MOCK_BROKER_BIN=build/tests/kafka/mock_broker \\
    FAST_KINESIS_BIN=build/tests/kinesis/fast_kinesis \\
        python3 tests/bench/kinesis_vs_kafka.py [--count 1000000] [--rounds 3] [--threads 2]

Each round runs `streamgen run quickstart --rate 0` three times with the same seed: into the null
sink (generation alone), into Kafka on the loopback mock broker, and into Kinesis on
tests/kinesis/fast_kinesis, an endpoint that answers every PutRecords at once. A sink's cost is
the CPU time of its run minus the null run's, per record. Targets: the kinesis sink costs at
most 2x the Kafka sink, and puts at least 200,000 records/s on 2 threads.
"""
import argparse
import os
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "kafka"))

import kafka_fixture as kf  # noqa: E402
import streamgen_cli  # noqa: E402
from kafka_vs_kcat import timed  # noqa: E402

FAST_KINESIS = os.environ.get("FAST_KINESIS_BIN",
                              os.path.join(HERE, "..", "..", "build", "tests", "kinesis",
                                           "fast_kinesis"))
SEED = "5151"
CREDENTIALS = {"STREAMGEN_SECRET_my_scope_aws_key": "AKIDBENCH",
               "STREAMGEN_SECRET_my_scope_aws_secret": "bench-secret"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    kinesis = subprocess.Popen([FAST_KINESIS], stdout=subprocess.PIPE, text=True)
    port = kinesis.stdout.readline().split()[1]
    broker = kf.MockBroker({})
    env = dict(os.environ, **CREDENTIALS)
    common = ["--count", str(options.count), "--rate", "0", "--seed", SEED,
              "--threads", str(options.threads)]
    rates = {"kinesis": [], "kafka": []}
    costs = {"kinesis": [], "kafka": []}
    try:
        for round_ in range(options.rounds):
            topic = f"bench{round_}"
            broker.command(f"create {topic} 16")
            _, null_cpu = timed([streamgen_cli.BIN, "run", streamgen_cli.example("quickstart.yaml"),
                                 "--sink", "null", *common], env=env)
            seconds, cpu = timed([streamgen_cli.BIN, "run", *kf.kafka_args(
                broker.bootstrap, topic, *common)], env=env)
            rates["kafka"].append(options.count / seconds)
            costs["kafka"].append((cpu - null_cpu) * 1e6 / options.count)
            seconds, cpu = timed([streamgen_cli.BIN, "run",
                                  streamgen_cli.example("quickstart.yaml"), *common, "--set",
                                  f"sink_config.endpoint_url=http://127.0.0.1:{port}"], env=env)
            rates["kinesis"].append(options.count / seconds)
            costs["kinesis"].append((cpu - null_cpu) * 1e6 / options.count)
            print(f"round {round_ + 1}: kinesis {rates['kinesis'][-1]:,.0f} rec/s "
                  f"({costs['kinesis'][-1]:.2f} sink CPU us/rec), kafka "
                  f"{rates['kafka'][-1]:,.0f} msg/s ({costs['kafka'][-1]:.2f} sink CPU us/msg)",
                  flush=True)
    finally:
        broker.close()
        kinesis.terminate()
    kinesis_cost = statistics.median(costs["kinesis"])
    kafka_cost = statistics.median(costs["kafka"])
    print(f"{options.count:,} quickstart events, {options.threads} threads, medians of "
          f"{options.rounds}")
    print(f"kinesis sink: {statistics.median(rates['kinesis']):,.0f} records/s, "
          f"{kinesis_cost:.2f} CPU us/record beyond generation (target >= 200,000 records/s)")
    print(f"kafka sink:   {statistics.median(rates['kafka']):,.0f} messages/s, "
          f"{kafka_cost:.2f} CPU us/message beyond generation")
    print(f"ratio: kinesis costs {kinesis_cost / kafka_cost:.2f}x kafka per record "
          f"(target <= 2.00x)")


if __name__ == "__main__":
    main()
