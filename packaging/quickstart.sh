#!/usr/bin/env bash
# Installs what is missing, builds StreamGen and runs the main job: the bundled quick-start
# example for ten seconds, with live per-type progress, landing JSON Lines files in build/landing.
# (The Studio will open here instead when a display is present, once it exists.)
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTREAMGEN_BUILD_TESTS=OFF \
      -DSTREAMGEN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build --target streamgen

config=resources/examples/quickstart.yaml
echo "== sample events (streamgen preview $config -n 5)"
build/app/streamgen preview "$config" -n 5
echo "== 10 s at the configured rate into build/landing, a new file every 2 s"
build/app/streamgen run "$config" --sink file --out build/landing --duration 10 --progress \
                        --set sink_config.max_seconds=2 --report build/landing-report.json
echo "== files in build/landing: $(ls build/landing | wc -l), report: build/landing-report.json"
