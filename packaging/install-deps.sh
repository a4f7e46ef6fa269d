#!/usr/bin/env bash
# Installs the Debian 12 packages StreamGen needs to build, test and benchmark.
# Idempotent: packages already installed are skipped, and apt is not touched at all when
# nothing is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    libyaml-cpp-dev libcli11-dev nlohmann-json3-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    python3 ca-certificates
    qt6-base-dev qt6-base-dev-tools libqt6svg6 libgl-dev libqcustomplot-dev
    xvfb xauth fonts-dejavu-core
    librdkafka-dev kcat
    # zlib deflates Avro container blocks; libcurl registers schemas with a Schema Registry.
    zlib1g-dev libcurl4-openssl-dev
    # OpenSSL signs Kinesis requests (SigV4); cpp-httplib serves the Kinesis sink's benchmark.
    libssl-dev libcpp-httplib-dev
    # Boost.Math's quantile functions shape numeric fields (normal, gamma, beta).
    libboost-dev
    # ccache keeps rebuilds (the sanitizer build, CI reruns) short.
    ccache
    # The output-format tests decode with avrocat and protoc; protoc needs the well-known
    # .proto files (timestamp, descriptor) from libprotobuf-dev; the tests read configs with PyYAML.
    avro-bin protobuf-compiler libprotobuf-dev python3-yaml
    # The delta sink compresses Parquet pages with snappy or zstd; the postgres sink speaks
    # libpq, and its tests start a real PostgreSQL server (initdb, pg_ctl) in a temporary folder.
    libsnappy-dev libzstd-dev libpq-dev postgresql
)

# The benchmark peers need Node.js and npm; a machine that already has a node of its own keeps it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
    sudo_cmd=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
