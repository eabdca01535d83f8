#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, prepares the real test images
# (cached outside the repo), then runs every test under a private D-Bus session with an unlocked
# gnome-keyring (for QtKeychain). Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

installer/install-deps.sh --test
installer/build.sh

# Real images built from Debian's packages; cached in ~/.cache/bulkhead-test-images.
export BULKHEAD_TEST_IMAGES="${BULKHEAD_TEST_IMAGES:-$HOME/.cache/bulkhead-test-images}"
if [ -x tests/images/build-images.sh ]; then
  tests/images/build-images.sh "$BULKHEAD_TEST_IMAGES"
  python3 tests/images/debian-advisories.py "$BULKHEAD_TEST_IMAGES/debian-advisories" "$BULKHEAD_TEST_IMAGES"
fi

# Everything a test writes (keyring, caches, config) goes to a throw-away home.
scratch="$(mktemp -d /tmp/bulkhead-tests.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/run" && chmod 700 "$scratch/run"

export BULKHEAD_TEST_SCRATCH="$scratch"
export QT_QPA_PLATFORM=offscreen
HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config" \
XDG_CACHE_HOME="$scratch/home/.cache" XDG_RUNTIME_DIR="$scratch/run" \
  dbus-run-session -- sh -c '
    eval "$(printf %s bulkhead-ci | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    ctest --test-dir "'"$root"'/build" --output-on-failure -j 2 --timeout 900
  '
