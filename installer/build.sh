#!/usr/bin/env bash
# Configures and builds Bulkhead into ./build (Ninja, ccache when present). Quiet unless it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${BULKHEAD_JOBS:-$(nproc)}"
mkdir -p build
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=${BULKHEAD_BUILD_TYPE:-Release} >build/configure.log 2>&1 \
    || { cat build/configure.log; exit 1; }
fi
if ! cmake --build build -j "$jobs" >build/build.log 2>&1; then
  grep -E -B2 -A12 'error|FAILED' build/build.log | head -150
  exit 1
fi
test -x build/bin/bulkhead && test -x build/bin/bulkhead-gui
