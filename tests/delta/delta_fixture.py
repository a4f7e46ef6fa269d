"""What the delta tests share: the readers from npm, a Delta table read back through its log by
DuckDB or hyparquet, the rules of the Delta protocol the log must follow, and the JSON run of a
config in the form the table's rows take."""
import json
import os
import struct
import subprocess
import sys
from datetime import date, datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))

from streamgen_cli import run  # noqa: E402  (found through the path above)

READER = os.path.join(HERE, "delta_table_reader.mjs")
MODULES = [os.path.join(HERE, "node_modules", name, "package.json")
           for name in ("@duckdb/node-api", "hyparquet", "hyparquet-compressors")]


def install():
    """Installs the readers from the committed lock file when they are missing."""
    if not all(os.path.exists(module) for module in MODULES):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True,
                       timeout=600)


def read_table(reader, folder):
    """The rows of the Delta table at `folder`, as `reader` (duckdb or hyparquet) reads them."""
    proc = subprocess.run(["node", READER, reader, folder], capture_output=True, text=True,
                          timeout=600, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"{reader} could not read {folder}: {proc.stderr}")
    return [json.loads(line) for line in proc.stdout.splitlines()]


def commits(folder):
    """The commits of a table's log in version order: (version, [actions])."""
    log = os.path.join(folder, "_delta_log")
    names = sorted(n for n in os.listdir(log) if n.endswith(".json") and len(n) == 25)
    out = []
    for name in names:
        with open(os.path.join(log, name), encoding="utf-8") as f:
            out.append((int(name[:20]), [json.loads(line) for line in f if line.strip()]))
    return out


def schema_of(folder):
    schema = None
    for _, actions in commits(folder):
        for action in actions:
            if "metaData" in action:
                schema = json.loads(action["metaData"]["schemaString"])
    return schema


def log_problems(folder):
    """Where the log of `folder` breaks the Delta protocol's rules, as messages ([] = none)."""
    problems = []
    history = commits(folder)
    versions = [version for version, _ in history]
    if versions != list(range(len(versions))):
        problems.append(f"versions are not contiguous from 0: {versions}")
    active = {}
    txn = {}
    for version, actions in history:
        kinds = [next(iter(action)) for action in actions]
        if version == 0 and ("protocol" not in kinds or "metaData" not in kinds):
            problems.append("version 0 lacks protocol or metaData")
        for action in actions:
            if "protocol" in action:
                p = action["protocol"]
                if p["minReaderVersion"] != 1 or p["minWriterVersion"] != 2:
                    problems.append(f"unexpected protocol {p}")
            if "metaData" in action:
                schema = json.loads(action["metaData"]["schemaString"])
                if schema.get("type") != "struct" or not all(
                        {"name", "type", "nullable", "metadata"} <= set(f) for f in schema["fields"]):
                    problems.append(f"version {version}: the schema string is not a StructType")
            if "txn" in action:
                app, value = action["txn"]["appId"], action["txn"]["version"]
                if value < txn.get(app, -1):
                    problems.append(f"version {version}: txn of {app} went back to {value}")
                txn[app] = value
            if "remove" in action:
                if action["remove"]["path"] not in active:
                    problems.append(f"version {version}: removes a file that is not in the table")
                active.pop(action["remove"]["path"], None)
            if "add" in action:
                add = action["add"]
                if add["path"] in active:
                    problems.append(f"version {version}: adds {add['path']} twice")
                path = os.path.join(folder, add["path"])
                if not os.path.exists(path):
                    problems.append(f"version {version}: {add['path']} does not exist")
                elif os.path.getsize(path) != add["size"]:
                    problems.append(f"version {version}: {add['path']} size differs from the log")
                stats = json.loads(add["stats"])
                for column, low in stats["minValues"].items():
                    if low > stats["maxValues"][column]:
                        problems.append(f"{add['path']}: min of {column} above its max")
                active[add["path"]] = stats["numRecords"]
    return problems


def active_record_count(folder):
    active = {}
    for _, actions in commits(folder):
        for action in actions:
            if "add" in action:
                active[action["add"]["path"]] = json.loads(action["add"]["stats"])["numRecords"]
            if "remove" in action:
                active.pop(action["remove"]["path"], None)
    return sum(active.values())


def json_run(config, count, seed, *extra):
    """The events of `config` as the JSON run writes them."""
    proc = run("run", config, "--count", count, "--rate", 0, "--seed", seed, "--sink", "stdout",
               "--format", "json", *extra, timeout=300)
    if proc.returncode != 0:
        raise AssertionError(proc.stderr.decode())
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def _float32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


def _nested_key(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_nested_key(item) for item in value]
    if isinstance(value, dict):
        return {key: _nested_key(item) for key, item in value.items()}
    return value


def canonical(value, spark_type, nested):
    """One comparable form of a value, from the JSON run or from a table."""
    if value is None:
        return None
    if nested:
        parsed = json.loads(value) if isinstance(value, str) else value
        return json.dumps(_nested_key(parsed), sort_keys=True)
    if spark_type == "timestamp" and isinstance(value, str):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return round(moment.timestamp() * 1000)
    if spark_type == "date" and isinstance(value, str):
        return (date.fromisoformat(value) - date(1970, 1, 1)).days
    if spark_type == "float":
        return f"{_float32(float(value)):.7g}"
    if spark_type == "double":
        return f"{float(value):.15g}"
    return value


def rows_key(rows, schema, nested_columns):
    """Rows as sorted canonical JSON texts: the multiset a table must hold."""
    fields = [(f["name"], f["type"]) for f in schema["fields"]]
    out = []
    for row in rows:
        out.append(json.dumps([canonical(row.get(name), kind, name in nested_columns)
                               for name, kind in fields]))
    return sorted(out)
