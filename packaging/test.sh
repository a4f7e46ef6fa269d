#!/usr/bin/env bash
# Installs what is missing, builds StreamGen with its tests and runs every test through ctest.
# Before that, a second build under AddressSanitizer/UBSan runs the unit tests and the
# broken-config corpus, so that no input crashes or corrupts memory unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
jobs=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTREAMGEN_SANITIZE=address,undefined \
      -DSTREAMGEN_BUILD_BENCHMARKS=OFF -DSTREAMGEN_BUILD_STUDIO=OFF >/dev/null
cmake --build build-asan -j"$jobs"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The delta unit tests (Avro decoding, Parquet encoding, the log) run here too; the end-to-end
# delta.* tests with their npm readers run once, in the release build.
STREAMGEN_CORPUS_TIME_LIMIT=10 ctest --test-dir build-asan -L "model|corpus|sinks|engine|delta" \
      -E "^delta\." --output-on-failure -j"$jobs"

ctest --test-dir build --output-on-failure -j"$jobs"
