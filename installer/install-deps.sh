#!/usr/bin/env bash
# Installs the Debian 12 packages Bulkhead needs. Idempotent and quiet; never starts daemons.
#   installer/install-deps.sh           build + run dependencies
#   installer/install-deps.sh --test    also what the test suite needs (image tools, registry,
#                                       dockerd, podman, keyring, Xvfb, schema validator)
set -euo pipefail

want_test=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

build_pkgs=(
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite qt6-qpa-plugins
  qtkeychain-qt6-dev libsecret-1-0
  libarchive-dev libisal-dev libzstd-dev libssl-dev libcurl4-openssl-dev libexpected-dev libsqlite3-dev
)
test_pkgs=(
  debootstrap umoci skopeo jq python3 python3-jsonschema isal zstd gzip xz-utils
  xvfb xauth fonts-dejavu-core dbus gnome-keyring libsecret-tools
  docker.io podman docker-registry apache2-utils openssl ca-certificates curl
  rpm db5.3-util busybox-static time
  golang-go golang-github-google-uuid-dev golang-github-pkg-errors-dev golang-golang-x-text-dev
  python3-pip-whl python3-setuptools-whl
  libcommons-lang3-java libcommons-text-java libslf4j-java libcommons-compress-java
)

pkgs=("${build_pkgs[@]}")
if [ "$want_test" = 1 ]; then pkgs+=("${test_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "$want_test" = 1 ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

# Installing docker.io, podman or docker-registry must not start system daemons: the tests start
# their own on loopback. policy-rc.d (exit 101) tells invoke-rc.d to start nothing.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi

echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

if [ "$created_policy" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
