#!/usr/bin/env bash
# Builds tests/data/catalog-bin/go/hello-s390x (+ hello-s390x.version-m.txt): a module-mode Go
# program cross-compiled by Debian's golang-go for linux/s390x, i.e. a big-endian 64-bit ELF
# file with 1.18+ build information. Needs: golang-go (offline: no dependencies).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'package main\n\nfunc main() { println("bulkhead") }\n' > main.go
printf 'module example.org/bulkhead/bigendian\n\ngo 1.19\n' > go.mod
GOCACHE="$work/cache" GOPATH="$work/gopath" GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 \
  GOOS=linux GOARCH=s390x go build -trimpath -ldflags='-s -w' -o "$here/hello-s390x" .
go version -m "$here/hello-s390x" > "$here/hello-s390x.version-m.txt"
cat "$here/hello-s390x.version-m.txt"
