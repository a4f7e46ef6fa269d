#!/usr/bin/env python3
"""Writes the hostile configs that are too big to keep in the repository.

Usage: make_hostile.py OUTDIR

Each file is listed in OUTDIR/expected.tsv (appended) as
NAME<TAB>LINE:COLUMN<TAB>message substring, the same format as the committed corpus.
"""
import os
import random
import sys

DEPTH = 20000
# 20,000 levels of one-space indentation take 200 MB, beyond LoadOptions::maxFileBytes, so the
# indentation forms also come in a 5,000-level size (12.5 MB) that reaches the nesting guard.
INDENT_DEPTH = 5000
LIMIT = 64  # LoadOptions::maxDepth


def write(outdir, name, data, where, message, expectations):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(outdir, name), mode) as out:
        out.write(data)
    expectations.append(f"{name}\t{where}\t{message}\n")


def huge_file(outdir, expectations):
    name = "h01-huge-100mb.yaml"
    line = "# " + "x" * 1021 + "\n"
    with open(os.path.join(outdir, name), "w") as out:
        for _ in range(100 * 1024):
            out.write(line)
    expectations.append(f"{name}\t1:1\tconfig is too large: 104857600 bytes\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_hostile.py OUTDIR")
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    deep = f"nesting deeper than {LIMIT} levels"
    expectations = []
    huge_file(outdir, expectations)
    write(outdir, "h02-deep-flow.yaml", "[" * DEPTH + "]" * DEPTH + "\n",
          f"1:{LIMIT}", deep, expectations)
    for depth, size, where, message in [
            (DEPTH, "20k", "1:1", "config is too large"),
            (INDENT_DEPTH, "5k", f"{LIMIT + 1}:{LIMIT + 1}", deep)]:
        write(outdir, f"h03-deep-sequence-indent-{size}.yaml",
              "".join(" " * i + "-\n" for i in range(depth)), where, message, expectations)
        write(outdir, f"h04-deep-map-indent-{size}.yaml",
              "".join(" " * i + "a:\n" for i in range(depth)), where, message, expectations)
    write(outdir, "h05-deep-inline-sequence.yaml", "- " * DEPTH + "x\n",
          f"1:{2 * LIMIT + 1}", deep, expectations)
    bomb = ['event_types:', '  - event_type_id: "a"', "sink_config:", '  type: "stdout"',
            "  a0: &a0 [" + ", ".join(['"lol"'] * 12) + "]"]
    for level in range(1, 12):
        bomb.append(f"  a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 12) + "]")
    write(outdir, "h06-alias-bomb.yaml", "\n".join(bomb) + "\n", "4:3",
          "sink_config expands to more than", expectations)
    junk = bytes([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])
    rng = random.Random(7)
    junk += bytes(rng.randrange(256) for _ in range(1 << 20))
    write(outdir, "h07-binary-junk.yaml", junk, "1:8", "not a text file: binary data at 1:8",
          expectations)
    write(outdir, "h08-empty.yaml", "", "1:1", "config is empty", expectations)
    struct_depth = 10000
    nested = ('event_types:\n  - event_type_id: "a"\n    fields:\n      s: ' +
              "{type: struct, fields: {s: " * struct_depth + "{type: int}" +
              "}}" * struct_depth + "\n")
    # Levels 1-4 are the document, event_types, its item and `fields`; each struct adds two.
    write(outdir, "h09-struct-nested-10000-deep.yaml", nested,
          f"4:{10 + 27 * ((LIMIT - 4) // 2)}", deep, expectations)
    with open(os.path.join(outdir, "expected.tsv"), "a") as out:
        out.writelines(expectations)


if __name__ == "__main__":
    main()
