#!/usr/bin/env bash
# Builds tests/data/catalog-bin/go/modbin (+ modbin.version-m.txt, the truth) with Debian's Go
# toolchain (golang-go) from Debian's packaged module sources, offline:
#   - github.com/google/uuid v1.3.0 (golang-github-google-uuid-dev) is served from a local
#     file:// GOPROXY built from /usr/share/gocode/src, so the binary records a "dep" line with
#     a version and an h1: sum as a normally downloaded module would;
#   - golang.org/x/text (golang-golang-x-text-dev 0.7.0) is required at v0.7.0 and replaced by
#     its directory, so the binary records a "=>" replacement line.
# Needs: apt-get install -y --no-install-recommends git golang-go golang-github-google-uuid-dev \
#        golang-golang-x-text-dev python3
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src=/usr/share/gocode/src

# A module proxy directory (go help goproxy: $module/@v/list, $version.info/.mod/.zip).
proxy="$work/proxy"
mod=github.com/google/uuid
ver=v1.3.0
mkdir -p "$proxy/$mod/@v"
echo "$ver" > "$proxy/$mod/@v/list"
echo "{\"Version\":\"$ver\",\"Time\":\"2021-07-12T22:33:52Z\"}" > "$proxy/$mod/@v/$ver.info"
cp "$src/$mod/go.mod" "$proxy/$mod/@v/$ver.mod"
python3 - "$src/$mod" "$mod@$ver" "$proxy/$mod/@v/$ver.zip" <<'PY'
import os, sys, zipfile
root, prefix, out = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, prefix + "/" + os.path.relpath(p, root))
PY

mkdir -p "$work/app"
cd "$work/app"
cat > go.mod <<GOMOD
module example.org/bulkhead/modbin

go 1.19

require (
	github.com/google/uuid v1.3.0
	golang.org/x/text v0.7.0
)

replace golang.org/x/text v0.7.0 => $src/golang.org/x/text
GOMOD
cat > main.go <<'GO'
package main

import (
	"fmt"

	"github.com/google/uuid"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

func main() {
	fmt.Println(cases.Title(language.English).String("bulkhead"), uuid.NewString())
}
GO
# A git checkout, so the build records the vcs.* settings.
git init -q . && git add -A
GIT_AUTHOR_DATE=2026-01-02T03:04:05Z GIT_COMMITTER_DATE=2026-01-02T03:04:05Z \
  git -c user.name=bulkhead -c user.email=bulkhead@example.org commit -q -m modbin
export GOPATH="$work/gopath" GOCACHE="$work/cache" GOFLAGS=-mod=mod GOPROXY="file://$proxy" \
       GOSUMDB=off GONOSUMDB='*' GOTOOLCHAIN=local CGO_ENABLED=0
go build -buildvcs=true -ldflags='-s -w' -o "$here/modbin" .
go version -m "$here/modbin" > "$here/modbin.version-m.txt"
cat "$here/modbin.version-m.txt"
