#!/usr/bin/env bash
# Builds the real test images (Debian bookworm + real Debian and npm packages) and their truth
# files into OUT, outside the repo. Quiet unless it fails (the full log is OUT/build.log).
# Idempotent: when OUT/READY holds this script's stamp nothing is done. The debootstrap rootfs is
# cached in OUT/cache, so a rebuild after a script change does not run debootstrap again.
#   tests/images/build-images.sh OUT
# Needs root, and `installer/install-deps.sh --test` (debootstrap umoci skopeo jq zstd npm python3,
# and for the `eco` layer golang-go + Debian's Go module sources, Debian's Java library jars and
# Python wheels, rpm/rpmbuild). See tests/images/README.md for the images and the truth files.
#
# Extending: add the content in one of the layer functions (layer2_install / layer3_remove /
# layer4_eco) or in a new layerN_* function, then add its truth in write_truth.
set -euo pipefail

IMAGES_VERSION=2          # bump when the images change in a way the script text does not show
BASE_VERSION=1            # bump to force a new debootstrap (the cached rootfs tar is keyed on it)
SUITE=bookworm
EPOCH=1700000000          # mtime of every entry in the base layer tar (reproducible tar)
CREATED=2023-11-14T22:13:20Z

# Layer 2 adds these Debian packages (openssl/libssl3, curl/libcurl4, CA store, Python with
# dpkg-owned requests/urllib3, a Java library with real jars) ...
LAYER2_DEBS=(openssl libssl3 curl libcurl4 ca-certificates python3-minimal python3-requests
             libcommons-lang3-java)
# Base packages upgraded from bookworm-updates/-security in layer 2, so some packages change
# version between layers (a targeted upgrade: a full `apt-get upgrade` adds ~20 MB).
LAYER2_UPGRADE=(liblzma5 libpcre2-8-0 tzdata)
# ... and these npm packages: real old releases with published advisories.
LAYER2_NPM_APP=(lodash@4.17.15 minimist@1.2.5)           # into /app
LAYER2_NPM_LEGACY=(minimist@0.0.8 ms@2.0.0)              # into /srv/legacy (hidden by layer 3)
# Layer 3 purges one package from layer 2 and one from the base, and deletes a few paths.
LAYER3_PURGE=(curl)
LAYER3_PURGE_BASE=(tzdata)
# Layer 4 (tag `eco` only: `app` plus this layer) adds language-ecosystem content that no dpkg
# package owns, each made by the ecosystem's own tool from Debian's packaged artifacts:
# Go modules (Debian package -> module path) served by a file:// GOPROXY to `go build`,
ECO_GO_MODULES=(golang-github-google-uuid-dev=github.com/google/uuid
                golang-github-pkg-errors-dev=github.com/pkg/errors
                golang-golang-x-text-dev=golang.org/x/text)
ECO_WHEELS=(pip setuptools)               # /usr/share/python-wheels/<name>-*.whl, pip --target
ECO_BOOT_JARS=(commons-lang3 commons-text slf4j-api)   # /usr/share/java/<name>.jar -> BOOT-INF/lib
ECO_WAR_JARS=(commons-compress commons-lang3)          # ... -> WEB-INF/lib

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
mkdir -p "$1"
OUT="$(cd "$1" && pwd -P)"
case "$OUT/" in
  "$repo"/*) echo "build-images.sh: OUT ($OUT) must be outside the repository" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then
  # Not an error for a developer's test run: the tests that need the images skip (no READY).
  echo "build-images.sh: needs root (debootstrap, chroot); test images not built, their tests will skip" >&2
  exit 0
fi

stamp="v$IMAGES_VERSION-$(cat "$0" "$here/truth.py" | sha256sum | cut -c1-16)"
if [ -f "$OUT/READY" ] && [ "$(cat "$OUT/READY")" = "$stamp" ] &&
   [ -f "$OUT/oci/index.json" ] && [ -f "$OUT/truth/digests.json" ] && [ -f "$OUT/app-docker.tar" ]; then
  exit 0
fi

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
for tool in debootstrap umoci skopeo jq zstd npm gzip tar dpkg-query unshare chroot go rpm rpmbuild; do
  command -v "$tool" >/dev/null || { echo "build-images.sh: $tool missing (run installer/install-deps.sh --test)" >&2; exit 2; }
done

# --- logging: everything to OUT/build.log; on failure show the tail -------------------------------
LOG="$OUT/build.log"
exec 3>&2
exec >"$LOG" 2>&1
PS4='+ ${SECONDS}s '
set -x
STAGE="$OUT/.staging"
on_exit() {
  local rc=$?
  set +x
  cleanup_mounts
  # BULKHEAD_IMAGES_KEEP=1 keeps the staging dir of a failed build for debugging.
  if [ $rc -eq 0 ] || [ "${BULKHEAD_IMAGES_KEEP:-0}" != 1 ]; then rm -rf --one-file-system "$STAGE"; fi
  if [ $rc -ne 0 ]; then
    {
      echo "build-images.sh: failed (exit $rc); last lines of $LOG:"
      tail -n 40 "$LOG"
    } >&3
  fi
  exit $rc
}
cleanup_mounts() {
  # Chroot mounts live in a private mount namespace and vanish with it; this is a safety net.
  local m
  for m in $(awk -v s="$STAGE/" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r); do
    umount -l "$m" || true
  done
}
trap on_exit EXIT

# --- mirrors ---------------------------------------------------------------------------------------
mirror_urls() {  # prints "MAIN_URL SECURITY_URL" (security may be "-")
  local f=/etc/apt/sources.list.d/debian.sources main="" sec=""
  if [ -n "${BULKHEAD_DEBIAN_MIRROR:-}" ]; then main="$BULKHEAD_DEBIAN_MIRROR"; fi
  if [ -f "$f" ]; then
    [ -n "$main" ] || main="$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$f")"
    sec="$(awk '/^URIs:/ && $2 ~ /security/ {print $2; exit}' "$f")"
  fi
  if [ -f /etc/apt/sources.list ]; then
    [ -n "$main" ] || main="$(awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^(https?|ftp|file):/ && $i !~ /security/) {print $i; exit}}' /etc/apt/sources.list)"
    [ -n "$sec" ] || sec="$(awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^(https?|ftp|file):/ && $i ~ /security/) {print $i; exit}}' /etc/apt/sources.list)"
  fi
  [ -n "$main" ] || main=http://deb.debian.org/debian
  echo "$main ${sec:--}"
}
read -r MIRROR SECURITY_MIRROR < <(mirror_urls)

# --- helpers --------------------------------------------------------------------------------------
# Runs a shell command inside ROOT with /proc mounted and OUT/cache/apt{,-lists} as the apt
# archive cache and package lists (so a rebuild downloads little), in a private mount namespace (so nothing stays mounted if we die), with policy-rc.d (no daemons)
# and the host's resolv.conf.
in_chroot() {
  local root="$1" cmd="$2"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  local rc=0
  mkdir -p "$OUT/cache/apt/partial" "$OUT/cache/apt-lists/partial"
  unshare --mount --propagation private -- /bin/sh -c '
    mount -t proc proc "$1/proc" && mount --bind "$3" "$1/var/cache/apt/archives" &&
    mount --bind "$3-lists" "$1/var/lib/apt/lists" && exec chroot "$1" /usr/bin/env -i \
      PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
      /bin/sh -ec "$2"' sh "$root" "$cmd" "$OUT/cache/apt" || rc=$?
  rm -f "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf"
  return $rc
}

# What `docker build` leaves out: apt caches and lists, logs, backup files.
clean_rootfs() {
  local r="$1"
  rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/partial/*
  find "$r/var/lib/apt/lists" -mindepth 1 -maxdepth 1 ! -name partial ! -name lock -exec rm -rf {} +
  find "$r/var/log" -type f -delete
  rm -f "$r"/var/cache/debconf/*-old "$r"/var/lib/dpkg/*-old "$r/etc/resolv.conf" "$r/etc/hostname"
}

dpkg_truth() {  # ROOTFS -> installed packages, sorted
  dpkg-query --admindir="$1/var/lib/dpkg" -W \
    -f='${db:Status-Status}\t${binary:Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\t${db:Status-Abbrev}\n' |
    awk -F'\t' -v OFS='\t' '$1 == "installed" {$1 = ""; sub(/^\t/, ""); print}' | LC_ALL=C sort
}

unpack() {  # TAG DIR
  umoci unpack --image "$STAGE/oci:$1" "$2" >/dev/null
}

# --- layer 1: debootstrap (cached) ----------------------------------------------------------------
base_tar() {
  local key tar
  key="$(printf '%s %s %s %s' "$BASE_VERSION" "$SUITE" "$MIRROR" "$EPOCH" | sha256sum | cut -c1-12)"
  tar="$OUT/cache/$SUITE-minbase-$key.tar"
  if [ ! -s "$tar" ]; then
    mkdir -p "$OUT/cache"
    rm -f "$OUT/cache/$SUITE-minbase-"*.tar
    local r="$STAGE/debootstrap"
    debootstrap --variant=minbase "$SUITE" "$r" "$MIRROR" >/dev/null
    clean_rootfs "$r"
    tar --numeric-owner --sort=name --mtime=@$EPOCH -C "$r" -cf "$tar.tmp" .
    mv "$tar.tmp" "$tar"
    rm -rf --one-file-system "$r"
  fi
  echo "$tar"
}

layer1_base() {
  local tar
  tar="$(base_tar)"
  umoci init --layout "$STAGE/oci"
  umoci new --image "$STAGE/oci:empty"
  umoci config --image "$STAGE/oci:empty" --no-history --os linux --architecture amd64 \
    --created "$CREATED" \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.env LANG=C.UTF-8
  umoci raw add-layer --image "$STAGE/oci:empty" --tag "$SUITE" \
    --history.created "$CREATED" \
    --history.created_by "debootstrap --variant=minbase $SUITE" "$tar"
  umoci config --image "$STAGE/oci:$SUITE" --config.cmd /bin/bash \
    --history.created "$CREATED" --history.created_by '/bin/sh -c #(nop)  CMD ["bash"]'
  umoci rm --image "$STAGE/oci:empty"
}

# --- layer 2: RUN apt-get install ... + npm packages ----------------------------------------------
npm_install() {  # DIR PKG...
  local dir="$1"; shift
  mkdir -p "$dir"
  printf '{\n  "name": "%s",\n  "version": "1.0.0",\n  "private": true\n}\n' "$(basename "$dir")" >"$dir/package.json"
  (cd "$dir" && npm_config_cache="$OUT/cache/npm" npm install --no-audit --no-fund --ignore-scripts \
    --save-exact --omit-lockfile-registry-resolved=false --loglevel=error "$@")
}

layer2_install() {
  local b="$STAGE/bundle" r="$STAGE/bundle/rootfs" sources
  unpack "$SUITE" "$b"
  dpkg_truth "$r" >"$STAGE/truth/app.layer0.dpkg.tsv"
  $PY "$here/truth.py" files "$r" >"$STAGE/files.0"
  $PY "$here/truth.py" npm "$r" >"$STAGE/truth/app.layer0.npm.tsv"

  sources="deb $MIRROR $SUITE-updates main"
  if [ "$SECURITY_MIRROR" != - ]; then sources+=$'\n'"deb $SECURITY_MIRROR $SUITE-security main"; fi
  printf '%s\n' "$sources" >>"$r/etc/apt/sources.list"
  # --force-unsafe-io: no fsync per file (as Docker's Debian images configure dpkg).
  local get="apt-get -y -qq -o Dpkg::Options::=--force-unsafe-io"
  in_chroot "$r" "apt-get update -qq; $get install --only-upgrade ${LAYER2_UPGRADE[*]}; \
    $get install --no-install-recommends ${LAYER2_DEBS[*]}; apt-get autoclean -qq"
  clean_rootfs "$r"

  npm_install "$STAGE/npm/app" "${LAYER2_NPM_APP[@]}"
  npm_install "$STAGE/npm/legacy" "${LAYER2_NPM_LEGACY[@]}"
  mkdir -p "$r/app" "$r/srv"
  cp -a "$STAGE/npm/app/." "$r/app/"
  cp -a "$STAGE/npm/legacy" "$r/srv/legacy"
  printf 'console.log(require("lodash").VERSION);\n' >"$r/app/index.js"

  umoci repack --refresh-bundle --image "$STAGE/oci:app-layer1" \
    --history.created "$CREATED" \
    --history.created_by "/bin/sh -c apt-get update && apt-get install -y --only-upgrade ${LAYER2_UPGRADE[*]} && apt-get install -y --no-install-recommends ${LAYER2_DEBS[*]} && npm install ${LAYER2_NPM_APP[*]} (in /app) && npm install ${LAYER2_NPM_LEGACY[*]} (in /srv/legacy)" \
    "$b"
  dpkg_truth "$r" >"$STAGE/truth/app.layer1.dpkg.tsv"
  $PY "$here/truth.py" files "$r" >"$STAGE/files.1"
  $PY "$here/truth.py" npm "$r" >"$STAGE/truth/app.layer1.npm.tsv"
}

# --- layer 3: RUN apt-get purge ... && rm ...; plus an opaque directory ---------------------------
layer3_remove() {
  local b="$STAGE/bundle" r="$STAGE/bundle/rootfs"
  in_chroot "$r" "apt-get purge -y -qq -o Dpkg::Options::=--force-unsafe-io ${LAYER3_PURGE[*]} ${LAYER3_PURGE_BASE[*]}"
  rm -f "$r/etc/motd"
  rm -rf "$r/usr/share/doc/bash"
  clean_rootfs "$r"
  umoci repack --image "$STAGE/oci:app-layer2-tmp" --history.created "$CREATED" --history.created_by x "$b"

  # umoci writes only plain whiteouts. `RUN rm -rf /srv/legacy && mkdir /srv/legacy && ...` on
  # overlayfs gives an opaque directory, so the same layer gets srv/legacy/.wh..wh..opq and a new
  # file there: the layer blob umoci made, re-written with those entries added (python tarfile).
  local blob
  blob="$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "app-layer2-tmp") | .digest' "$STAGE/oci/index.json")"
  local manifest="$STAGE/oci/blobs/sha256/${blob#sha256:}"
  local layer
  layer="$(jq -r '.layers[-1].digest' "$manifest")"
  $PY "$here/truth.py" add-opaque "$STAGE/oci/blobs/sha256/${layer#sha256:}" srv/legacy \
    "$STAGE/layer2.tar"
  umoci raw add-layer --image "$STAGE/oci:app-layer1" --tag app \
    --history.created "$CREATED" \
    --history.created_by "/bin/sh -c apt-get purge -y ${LAYER3_PURGE[*]} ${LAYER3_PURGE_BASE[*]} && rm -rf /etc/motd /usr/share/doc/bash /srv/legacy && mkdir /srv/legacy && echo replaced >/srv/legacy/README" \
    "$STAGE/layer2.tar"
  umoci rm --image "$STAGE/oci:app-layer2-tmp"
  rm -rf --one-file-system "$b" "$STAGE/layer2.tar"
}

# --- layer 4 (tag eco): Go binaries, pip dist-infos, fat jar + war, an rpm database --------------
# Built on the host into a directory holding only the new files, tarred reproducibly and added
# on top of `app` with `umoci raw add-layer` (no whiteouts: the layer only adds files).
deb_upstream() {  # DEBIAN-PACKAGE -> upstream version of the installed host package (no epoch, revision, +dfsg)
  dpkg-query -W -f='${Version}' "$1" | sed -e 's/^[0-9]*://' -e 's/-[^-]*$//' -e 's/[+~]dfsg.*$//'
}

eco_go() {  # LAYER-ROOT: two Go programs in module mode, deps from a file:// GOPROXY
  local l="$1" w="$STAGE/go" proxy="$STAGE/go/proxy" entry pkg mod ver requires=""
  for entry in "${ECO_GO_MODULES[@]}"; do
    pkg="${entry%%=*}" mod="${entry#*=}"
    ver="v$(deb_upstream "$pkg")"
    # The module proxy protocol (`go help goproxy`): $mod/@v/list, $ver.info, $ver.mod, $ver.zip.
    mkdir -p "$proxy/$mod/@v"
    echo "$ver" >"$proxy/$mod/@v/list"
    printf '{"Version":"%s","Time":"%s"}\n' "$ver" "$CREATED" >"$proxy/$mod/@v/$ver.info"
    if [ -f "/usr/share/gocode/src/$mod/go.mod" ]; then
      cp "/usr/share/gocode/src/$mod/go.mod" "$proxy/$mod/@v/$ver.mod"
    else  # a module without go.mod: the proxy serves a synthesised one (as proxy.golang.org does)
      echo "module $mod" >"$proxy/$mod/@v/$ver.mod"
    fi
    $PY "$here/truth.py" make-zip "$proxy/$mod/@v/$ver.zip" deflate "$mod@$ver/=/usr/share/gocode/src/$mod/"
    requires+=$'\t'"$mod $ver"$'\n'
  done
  local text_ver
  text_ver="$(cat "$proxy/golang.org/x/text/@v/list")"

  # ecoapp: plain `go build`; every dependency a proxy module with its version and h1: sum.
  mkdir -p "$w/ecoapp"
  printf 'module example.org/bulkhead/ecoapp\n\ngo 1.19\n\nrequire (\n%s)\n' "$requires" >"$w/ecoapp/go.mod"
  cat >"$w/ecoapp/main.go" <<'GO'
package main

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/pkg/errors"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

func main() {
	err := errors.Wrap(errors.New("no work"), uuid.NewString())
	fmt.Println(cases.Title(language.English).String("bulkhead eco"), err)
}
GO
  # ecotool: -trimpath and stripped (-s -w); an old golang.org/x/text pinned forward by a
  # module replacement, and a module replaced by a local directory.
  mkdir -p "$w/ecotool/greet"
  cat >"$w/ecotool/go.mod" <<GOMOD
module example.org/bulkhead/ecotool

go 1.19

require (
	example.org/bulkhead/greet v0.0.0
	golang.org/x/text v0.3.0
)

replace golang.org/x/text => golang.org/x/text $text_ver

replace example.org/bulkhead/greet => ./greet
GOMOD
  printf 'module example.org/bulkhead/greet\n\ngo 1.19\n' >"$w/ecotool/greet/go.mod"
  printf 'package greet\n\nfunc Hello() string { return "hello" }\n' >"$w/ecotool/greet/greet.go"
  cat >"$w/ecotool/main.go" <<'GO'
package main

import (
	"fmt"

	"example.org/bulkhead/greet"
	"golang.org/x/text/language"
)

func main() {
	fmt.Println(greet.Hello(), language.English)
}
GO
  mkdir -p "$l/usr/local/bin" "$l/opt/app"
  local goenv=(env GOPATH="$w/gopath" GOCACHE="$OUT/cache/go-build" GOFLAGS=-mod=mod
               GOPROXY="file://$proxy" GOSUMDB=off GONOSUMDB='*' GOTOOLCHAIN=local CGO_ENABLED=0
               GOOS=linux GOARCH=amd64)
  (cd "$w/ecoapp" && "${goenv[@]}" go build -o "$l/usr/local/bin/ecoapp" .)
  (cd "$w/ecotool" && "${goenv[@]}" go build -trimpath -ldflags='-s -w' -o "$l/opt/app/ecotool" .)
}

eco_pip() {  # LAYER-ROOT: `pip install --target` of Debian's wheels, by the pip of Debian's wheel
  local l="$1" whl=() name
  for name in "${ECO_WHEELS[@]}"; do whl+=(/usr/share/python-wheels/"$name"-*.whl); done
  local site="$l/usr/local/lib/python3.11/dist-packages"
  $PY "$(ls /usr/share/python-wheels/pip-*.whl)/pip" install -q --no-index --no-deps --no-compile \
    --disable-pip-version-check --no-warn-script-location --root-user-action=ignore \
    --target "$site" "${whl[@]}"
  rm -rf "$site/bin"  # --target puts console scripts there; they would not be on PATH
}

eco_java() {  # LAYER-ROOT: a Spring-Boot-style fat jar and a war holding Debian's library jars
  local l="$1" w="$STAGE/java" name jar args
  mkdir -p "$w/meta" "$l/opt/app"
  printf 'Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.JarLauncher\r\nStart-Class: org.example.bulkhead.EcoApp\r\nSpring-Boot-Classes: BOOT-INF/classes/\r\nSpring-Boot-Lib: BOOT-INF/lib/\r\n\r\n' >"$w/meta/boot.mf"
  printf 'groupId=org.example.bulkhead\nartifactId=eco-app\nversion=1.0.0\n' >"$w/meta/pom.properties"
  printf 'spring.application.name=eco-app\n' >"$w/meta/application.properties"
  # A library jar without Maven metadata: known by its file name only.
  printf 'Manifest-Version: 1.0\r\n\r\n' >"$w/meta/plain.mf"
  $PY "$here/truth.py" make-zip "$w/eco-util-0.3.1.jar" deflate "META-INF/MANIFEST.MF=$w/meta/plain.mf"
  # Spring Boot stores nested jars uncompressed.
  args=("META-INF/MANIFEST.MF=$w/meta/boot.mf"
        "META-INF/maven/org.example.bulkhead/eco-app/pom.properties=$w/meta/pom.properties"
        "BOOT-INF/classes/application.properties=$w/meta/application.properties"
        "BOOT-INF/lib/eco-util-0.3.1.jar=$w/eco-util-0.3.1.jar")
  for name in "${ECO_BOOT_JARS[@]}"; do
    jar="$(readlink -f "/usr/share/java/$name.jar")"
    args+=("BOOT-INF/lib/$(basename "$(ls /usr/share/java/"$name"-[0-9]*.jar | head -n1)")=$jar")
  done
  $PY "$here/truth.py" make-zip "$l/opt/app/eco-app.jar" store "${args[@]}"
  # A war identified by its manifest (no pom.properties), libraries in WEB-INF/lib.
  printf 'Manifest-Version: 1.0\r\nImplementation-Title: eco-legacy\r\nImplementation-Version: 2.1.0\r\nImplementation-Vendor-Id: org.example.bulkhead\r\n\r\n' >"$w/meta/war.mf"
  printf '<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="5.0"/>\n' >"$w/meta/web.xml"
  args=("META-INF/MANIFEST.MF=$w/meta/war.mf" "WEB-INF/web.xml=$w/meta/web.xml")
  for name in "${ECO_WAR_JARS[@]}"; do
    jar="$(readlink -f "/usr/share/java/$name.jar")"
    args+=("WEB-INF/lib/$(basename "$(ls /usr/share/java/"$name"-[0-9]*.jar | head -n1)")=$jar")
  done
  $PY "$here/truth.py" make-zip "$l/opt/app/eco-legacy.war" deflate "${args[@]}"
}

eco_rpm() {  # LAYER-ROOT: noarch packages built by rpmbuild, recorded in an rpm (sqlite) database
  local l="$1" top="$STAGE/rpmbuild"
  mkdir -p "$top"/{SPECS,RPMS,BUILD,BUILDROOT,SOURCES,SRPMS}
  cat >"$top/SPECS/eco.spec" <<'SPEC'
Name:           %{pkgname}
Version:        %{pkgversion}
Release:        %{pkgrelease}
%if 0%{?pkgepoch:1}
Epoch:          %{pkgepoch}
%endif
Summary:        Bulkhead eco test package %{pkgname}
License:        MIT
BuildArch:      noarch

%description
A payload-light package for Bulkhead's image tests.

%install
mkdir -p %{buildroot}/usr/share/%{pkgname}
echo %{pkgname} > %{buildroot}/usr/share/%{pkgname}/README

%files
/usr/share/%{pkgname}/README
SPEC
  local spec
  for spec in "eco-hello 1.2.3 1 -" "eco-data 2023.10 4.fc39 2"; do
    set -- $spec
    local defs=(--define "_topdir $top" --define "pkgname $1" --define "pkgversion $2"
                --define "pkgrelease $3" --define "_build_id_links none" --define "__os_install_post %{nil}")
    if [ "$4" != - ]; then defs+=(--define "pkgepoch $4"); fi
    rpmbuild -bb --quiet "${defs[@]}" "$top/SPECS/eco.spec"
  done
  rpm --root "$l" --dbpath /var/lib/rpm --initdb
  # --justdb: only the database (the payload files stay out of the image, as in a package list
  # copied into a distroless image); Debian's rpm warns that it is not the system's manager.
  rpm --root "$l" --dbpath /var/lib/rpm -i --nodeps --nosignature --noscripts --justdb \
    "$top"/RPMS/noarch/*.rpm
  rm -f "$l"/var/lib/rpm/.rpm.lock "$l"/var/lib/rpm/rpmdb.sqlite-shm "$l"/var/lib/rpm/rpmdb.sqlite-wal
}

layer4_eco() {
  local l="$STAGE/eco-layer"
  mkdir -p "$l"
  eco_go "$l"
  eco_pip "$l"
  eco_java "$l"
  eco_rpm "$l"
  # New directories get the usual 0755; existing ones (usr, opt, var/lib) keep their mode, as
  # tar entries for them carry the same 0755 root:root.
  find "$l" -type d -exec chmod 0755 {} +
  tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@$EPOCH -C "$l" -cf "$STAGE/layer3.tar" .
  umoci raw add-layer --image "$STAGE/oci:app" --tag eco \
    --history.created "$CREATED" \
    --history.created_by "/bin/sh -c go build ecoapp ecotool && pip install --target /usr/local/lib/python3.11/dist-packages ${ECO_WHEELS[*]} && cp eco-app.jar eco-legacy.war /opt/app && rpm -i --justdb eco-hello eco-data" \
    "$STAGE/layer3.tar"
}

# --- variants -------------------------------------------------------------------------------------
write_variants() {
  local oci="$STAGE/oci"
  umoci config --image "$oci:app" --tag app-arm64 --architecture arm64 --no-history
  umoci rm --image "$oci:app-layer1"
  umoci gc --layout "$oci"
  # Neither skopeo 1.9 nor umoci 0.4.7 create an image index: write it (after the last umoci gc).
  $PY "$here/truth.py" make-index "$oci" multi app:linux/amd64 app-arm64:linux/arm64/v8

  skopeo copy -q "oci:$oci:app" "docker-archive:$STAGE/app-docker.tar:fixture/app:1.0"
  gzip -1 -n -c "$STAGE/app-docker.tar" >"$STAGE/app-docker.tar.gz"
  skopeo copy -q "oci:$oci:app" "oci-archive:$STAGE/app-oci.tar:fixture/app:1.0"
  skopeo copy -q --dest-compress --dest-compress-format zstd "oci:$oci:app" "oci:$STAGE/oci-zstd:app"
}

# --- truth ----------------------------------------------------------------------------------------
write_truth() {
  local t="$STAGE/truth" v="$STAGE/verify/final"
  # bookworm: the base rootfs as the image gives it.
  unpack "$SUITE" "$STAGE/verify/base"
  dpkg_truth "$STAGE/verify/base/rootfs" >"$t/$SUITE.dpkg.tsv"
  $PY "$here/truth.py" files "$STAGE/verify/base/rootfs" >"$t/$SUITE.files.tsv"
  cut -f1 "$t/$SUITE.dpkg.tsv" | awk -v OFS='\t' '{print $1, 0}' >"$t/$SUITE.layers.tsv"
  rm -rf --one-file-system "$STAGE/verify/base"

  # app: the final state from a fresh unpack (umoci applies whiteouts and the opaque dir).
  unpack app "$v"
  dpkg_truth "$v/rootfs" >"$t/app.dpkg.tsv"
  cp "$t/app.dpkg.tsv" "$t/app.layer2.dpkg.tsv"
  $PY "$here/truth.py" files "$v/rootfs" >"$STAGE/files.2"
  cp "$STAGE/files.2" "$t/app.files.tsv"
  $PY "$here/truth.py" npm "$v/rootfs" >"$t/app.npm.tsv"
  cp "$t/app.npm.tsv" "$t/app.layer2.npm.tsv"
  $PY "$here/truth.py" layers "$t/app.layer0.dpkg.tsv" "$t/app.layer1.dpkg.tsv" "$t/app.layer2.dpkg.tsv" \
    >"$t/app.layers.tsv"
  $PY "$here/truth.py" deleted "$STAGE/files.0" "$STAGE/files.1" "$STAGE/files.2" >"$t/app.deleted.tsv"
  $PY "$here/truth.py" whiteouts "$STAGE/oci" app >"$t/app.whiteouts.tsv"
  local k
  for k in go pypi maven rpm; do $PY "$here/truth.py" $k "$v/rootfs" >"$t/app.$k.tsv"; done

  # eco: app's final rootfs plus layer 3, which only adds files (no whiteouts: checked), so
  # extracting its tar over that rootfs gives the final state.
  if tar -tf "$STAGE/layer3.tar" | grep -q '\.wh\.'; then echo "eco layer has whiteouts"; return 1; fi
  tar --numeric-owner -xpf "$STAGE/layer3.tar" -C "$v/rootfs"
  dpkg_truth "$v/rootfs" >"$t/eco.dpkg.tsv"
  $PY "$here/truth.py" layers "$t/app.layer0.dpkg.tsv" "$t/app.layer1.dpkg.tsv" "$t/app.layer2.dpkg.tsv" \
    "$t/eco.dpkg.tsv" >"$t/eco.layers.tsv"
  $PY "$here/truth.py" npm "$v/rootfs" >"$t/eco.npm.tsv"
  # Last column: 3 for what layer 3 brought, `-` for what app already had (all dpkg-owned).
  for k in go pypi maven rpm; do
    $PY "$here/truth.py" $k "$v/rootfs" |
      awk -F'\t' -v OFS='\t' 'FILENAME == ARGV[1] {seen[$0] = 1; next} {print $0, ($0 in seen) ? "-" : 3}' \
        "$t/app.$k.tsv" - >"$t/eco.$k.tsv"
  done
  rm -rf --one-file-system "$STAGE/verify" "$STAGE/layer3.tar"

  # Same content, other variants.
  local f
  for f in dpkg layers npm files deleted whiteouts; do
    cp "$t/app.$f.tsv" "$t/app-arm64.$f.tsv"
    cp "$t/app.$f.tsv" "$t/multi.$f.tsv"
  done
  $PY "$here/truth.py" digests "$STAGE" >"$t/digests.json"

  # Sanity checks on the truth itself: the things the tests will rely on must be there.
  # (`! grep` would not stop the script under set -e, hence the helpers.)
  has() { grep -q -e "$1" "$2" || { echo "truth check failed: '$1' not in $2"; return 1; }; }
  lacks() { ! grep -q -e "$1" "$2" || { echo "truth check failed: '$1' in $2"; return 1; }; }
  has $'^libssl3:amd64\t' "$t/app.dpkg.tsv"
  lacks $'^curl\t' "$t/app.dpkg.tsv"
  lacks $'^tzdata\t' "$t/app.dpkg.tsv"
  has $'^curl\t' "$t/app.layer1.dpkg.tsv"
  has $'^tzdata\t' "$t/app.layer0.dpkg.tsv"
  has $'^lodash\t4.17.15\t' "$t/app.npm.tsv"
  lacks 'srv/legacy' "$t/app.npm.tsv"
  has 'srv/legacy' "$t/app.layer1.npm.tsv"
  has $'\tetc/motd$' "$t/app.deleted.tsv"
  lacks $'^etc/motd\t' "$t/app.files.tsv"
  has $'^2\topaque\tsrv/legacy$' "$t/app.whiteouts.tsv"
  # eco: each ecosystem present, only from layer 3, and app's language packages all dpkg-owned.
  cmp -s "$t/app.dpkg.tsv" "$t/eco.dpkg.tsv" || { echo "truth check failed: eco changed dpkg"; return 1; }
  cmp -s "$t/app.npm.tsv" "$t/eco.npm.tsv" || { echo "truth check failed: eco changed npm"; return 1; }
  has $'^usr/local/bin/ecoapp\tstdlib\tstdlib\tgo1\.' "$t/eco.go.tsv"
  has $'^opt/app/ecotool\tdep\tgolang.org/x/text\tv0.3.0\tgolang.org/x/text\tv' "$t/eco.go.tsv"
  has $'^setuptools\t.*\t-\t3$' "$t/eco.pypi.tsv"
  has $'^python3-requests\|^requests\t' "$t/app.pypi.tsv"
  lacks $'\t-$' "$t/app.pypi.tsv"
  has $'^org.apache.commons:commons-compress\t.*eco-legacy.war!/WEB-INF/lib/' "$t/eco.maven.tsv"
  has $'^org.apache.commons:commons-lang3\t.*\tlibcommons-lang3-java\t-$' "$t/eco.maven.tsv"
  has $'^eco-util\t0.3.1\t.*\tfilename\t-\t3$' "$t/eco.maven.tsv"
  has $'^org.example.bulkhead:eco-legacy\t2.1.0\t.*\tmanifest\t-\t3$' "$t/eco.maven.tsv"
  lacks $'\t-$' "$t/app.maven.tsv"
  has $'^eco-data\t2:2023.10-4.fc39\tnoarch\t3$' "$t/eco.rpm.tsv"
  [ ! -s "$t/app.go.tsv" ] && [ ! -s "$t/app.rpm.tsv" ] || { echo "truth check failed: Go or rpm in app"; return 1; }
  # Some base package should change version in layer 1 (from -updates/-security); not fatal, as
  # a point release can fold the updates into the base suite, but tests relying on it skip then.
  if ! awk -F'\t' '$3 == 1 {print $1}' "$t/app.layers.tsv" | grep -qxFf <(cut -f1 "$t/app.layer0.dpkg.tsv"); then
    echo "warning: no base package changed version in layer 1" >&3
  fi
}

# --- main -----------------------------------------------------------------------------------------
rm -rf --one-file-system "$STAGE"
mkdir -p "$STAGE/truth" "$OUT/cache"
layer1_base
layer2_install
layer3_remove
layer4_eco
write_variants
write_truth

rm -f "$OUT/READY"
for x in oci oci-zstd truth app-docker.tar app-docker.tar.gz app-oci.tar; do
  rm -rf --one-file-system "${OUT:?}/$x"
  mv "$STAGE/$x" "$OUT/$x"
done
du -sh "$OUT"/oci "$OUT"/oci-zstd "$OUT"/*.tar* "$OUT"/cache
echo "$stamp" >"$OUT/READY"
