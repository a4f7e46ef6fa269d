"""A plain Python generator of the dblstreamgen quick-start schema, written the way a Python user
would: random, uuid and json from the standard library. Prints COUNT JSON lines."""
import json
import random
import sys
import uuid

TYPES = ["user.session.start", "user.purchase", "user.session.end"]
TYPE_WEIGHTS = [0.5, 0.3, 0.2]
DEVICES = ["iOS", "Android", "Web"]
DEVICE_WEIGHTS = [0.4, 0.4, 0.2]


def event():
    kind = random.choices(TYPES, TYPE_WEIGHTS)[0]
    e = {"event_type_id": kind, "user_id": random.randint(1, 1000000)}
    if kind == "user.session.start":
        e["session_id"] = str(uuid.uuid4())
        e["device_type"] = random.choices(DEVICES, DEVICE_WEIGHTS)[0]
    elif kind == "user.purchase":
        e["transaction_id"] = str(uuid.uuid4())
        e["amount"] = random.uniform(0.99, 999.99)
    else:
        e["session_duration_sec"] = random.randint(60, 7200)
    return e


def main():
    count = int(sys.argv[1])
    out = sys.stdout
    buffer = []
    for i in range(count):
        buffer.append(json.dumps(event(), separators=(",", ":")))
        if len(buffer) == 4096:
            out.write("\n".join(buffer) + "\n")
            buffer.clear()
    if buffer:
        out.write("\n".join(buffer) + "\n")


if __name__ == "__main__":
    main()
