"""A loopback Kafka broker (tests/kafka/mock_broker) and kcat, the independent client that reads
back what streamgen produced. Shared by the Kafka sink's tests and the kcat benchmark."""
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))

import streamgen_cli  # noqa: E402  (found through the path above)

MOCK_BROKER = os.environ.get("MOCK_BROKER_BIN", "mock_broker")
KCAT = os.environ.get("KCAT_BIN") or shutil.which("kcat") or "kcat"
QUICKSTART = streamgen_cli.example("quickstart.yaml")


class MockBroker:
    """One mock_broker process: started with its topics, driven by commands on its stdin."""

    def __init__(self, topics, brokers=1, missing=()):
        args = [MOCK_BROKER, "--brokers", str(brokers)]
        for name, partitions in topics.items():
            args += ["--topic", f"{name}:{partitions}"]
        for name in missing:
            args += ["--missing", name]
        self.topics = dict(topics)
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        # A reader thread, so that every wait for an answer has a deadline.
        self._lines = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.bootstrap = self._next_line(10)
        if not self.bootstrap:
            self.close()
            raise RuntimeError("mock_broker did not start: " + self.proc.stderr.read())

    def _read(self):
        for line in self.proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _next_line(self, timeout):
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def command(self, text, timeout=10):
        """Sends one command; returns the answer ("ok" or "ok VALUE"), fails on "error ..."."""
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        answer = self._next_line(timeout)
        if answer is None or answer.split(" ")[0] != "ok":
            raise AssertionError(f"mock_broker `{text}` answered {answer!r}")
        return answer

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # end of stdin: the broker exits
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(timeout=5)
        for stream in (self.proc.stdout, self.proc.stderr):
            stream.close()


def closed_port():
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_end_offsets(bootstrap, topic, partitions, timeout=20):
    """{partition: log-end offset} of a topic, asked with `kcat -Q`."""
    args = [KCAT, "-b", bootstrap, "-Q"]
    for p in range(partitions):
        args += ["-t", f"{topic}:{p}:-1"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"kcat -Q failed: {proc.stderr}")
    offsets = {}
    for line in proc.stdout.splitlines():
        # "TOPIC [PARTITION] offset N"
        name, partition, _, offset = line.rsplit(" ", 3)
        if name == topic:
            offsets[int(partition.strip("[]"))] = int(offset)
    if len(offsets) != partitions:
        raise AssertionError(f"kcat -Q answered for {sorted(offsets)}: {proc.stdout}")
    return offsets


def total_messages(bootstrap, topic, partitions):
    return sum(log_end_offsets(bootstrap, topic, partitions).values())


class Consumer:
    """`kcat -C -J` reading a topic from the beginning, started before or after a run.

    With `count` it reads until that many messages arrived (so it can run while producing);
    without, until the end of every partition as they are when it gets there."""

    def __init__(self, bootstrap, topic, count=None):
        args = [KCAT, "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-J", "-q"]
        args += ["-c", str(count)] if count is not None else ["-e"]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def messages(self, timeout=60):
        """The messages as dicts (key, payload, headers as a dict, partition, offset)."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise AssertionError("kcat did not get all the messages in time")
        if self.proc.returncode != 0:
            raise AssertionError(f"kcat -C failed ({self.proc.returncode}): {err.decode()}")
        messages = []
        for line in out.decode().splitlines():
            message = json.loads(line)
            # kcat 1.7 writes headers as a flat [name, value, ...] list.
            headers = message.get("headers") or []
            if isinstance(headers, list):
                headers = dict(zip(headers[0::2], headers[1::2]))
            message["headers"] = headers
            messages.append(message)
        return messages

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate(timeout=10)


def kafka_args(bootstrap, topic, *extra):
    """`streamgen run` arguments for the quickstart, sent to Kafka."""
    return [QUICKSTART, "--sink", "kafka", "--set", f"sink_config.bootstrap_servers={bootstrap}",
            "--set", f"sink_config.topic={topic}", *extra]


def stdout_payloads(*extra):
    """The payloads `streamgen run quickstart --sink stdout` prints, one per line."""
    proc = streamgen_cli.run("run", QUICKSTART, "--sink", "stdout", *extra, timeout=300)
    if proc.returncode != 0:
        raise AssertionError(f"streamgen --sink stdout failed: {proc.stderr.decode()}")
    return proc.stdout.decode().splitlines()


class Stopwatch:
    def __init__(self):
        self.start = time.monotonic()

    def elapsed(self):
        return time.monotonic() - self.start
