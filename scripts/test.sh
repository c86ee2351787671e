#!/usr/bin/env bash
# Set-up, Release build of everything in build/, then every test (ctest).
#   scripts/test.sh        (tests run in parallel on every core; CTEST_PARALLEL_LEVEL=N overrides)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${SPIKECORE_BUILD_DIR:-build}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

bash scripts/setup.sh
echo "test: configuring $BUILD_DIR/ (Release)"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
echo "test: building with $(nproc) jobs"
cmake --build "$BUILD_DIR" -j"$(nproc)"
echo "test: running ctest on $(nproc) cores"
cd "$BUILD_DIR"
ctest --output-on-failure -j"${CTEST_PARALLEL_LEVEL:-$(nproc)}"
