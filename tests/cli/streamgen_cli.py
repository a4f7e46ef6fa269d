"""Helpers shared by the command-line tests: locate the binary and the examples, run commands."""
import json
import os
import subprocess
import tempfile

BIN = os.environ.get("STREAMGEN_BIN", "streamgen")
SOURCE_DIR = os.environ.get("STREAMGEN_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(SOURCE_DIR, "resources", "examples")


def example(name):
    return os.path.join(EXAMPLES, name)


def run(*args, timeout=120, env=None, stdout=subprocess.PIPE):
    """Runs streamgen with args; returns the CompletedProcess (stdout as bytes)."""
    merged = dict(os.environ)
    if env:
        merged.update(env)
    return subprocess.run([BIN, *map(str, args)], stdout=stdout, stderr=subprocess.PIPE,
                          timeout=timeout, env=merged)


def run_report(*args, timeout=120, env=None):
    """Runs `streamgen run ... --report FILE` and returns (process, report dict)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        proc = run("run", *args, "--report", path, timeout=timeout, env=env)
        report = None
        if os.path.exists(path):
            with open(path) as f:
                report = json.load(f)
        return proc, report


def events(stdout_bytes):
    return [json.loads(line) for line in stdout_bytes.decode().splitlines()]
