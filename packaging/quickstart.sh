#!/usr/bin/env bash
# Installs what is missing, builds StreamGen and runs the main job: with a display, the Studio on
# the bundled quick-start example; without one, a ten-second headless run of that example with
# live per-type progress, landing JSON Lines files in build/landing.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTREAMGEN_BUILD_TESTS=OFF \
      -DSTREAMGEN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build --target streamgen streamgen-studio

config=resources/examples/quickstart.yaml
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "== opening the Studio on $config"
    exec build/app/streamgen-studio "$config"
fi

echo "== no display: a headless run. Sample events (streamgen preview $config -n 5):"
build/app/streamgen preview "$config" -n 5
echo "== 10 s at the configured rate into build/landing, a new file every 2 s"
build/app/streamgen run "$config" --sink file --out build/landing --duration 10 --progress \
                        --set sink_config.max_seconds=2 --report build/landing-report.json
echo "== files in build/landing: $(ls build/landing | wc -l), report: build/landing-report.json"
