#!/usr/bin/env bash
# Installs what is missing, builds StreamGen with its tests and runs every test through ctest;
# then rebuilds the config loader, sinks and CLI under AddressSanitizer/UBSan and runs the
# config tests and the broken-config corpus again there.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
jobs=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTREAMGEN_SANITIZE=address,undefined \
      -DSTREAMGEN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j"$jobs" --target streamgen model_tests sinks_tests
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
STREAMGEN_CORPUS_TIME_LIMIT=10 ctest --test-dir build-asan -L "model|corpus|sinks" \
      --output-on-failure -j"$jobs"

ctest --test-dir build --output-on-failure -j"$jobs"
