#!/usr/bin/env bash
# Benchmark of `bulkhead sbom` on the real `app` and `eco` test images (tests/images/build-images.sh;
# `eco` = `app` + a layer of Go binaries, pip packages, jars and an rpm db), with baselines measured
# in the same run on the same layer blobs: cat, zcat, igzip -dc.
#   tests/bench/bench-sbom.sh BUILD_DIR IMAGES_DIR
# Goals (docs in tests/bench/README.md): cold <= 1.3 x one zcat pass, warm <= 150 ms,
# peak RSS <= 100 MB. Reports only; the exit status is 0 unless the setup is unusable.
# BENCH_RUNS (default 5) runs per measurement, the median is shown. BENCH_OCI_REF and
# BENCH_ARCHIVE_REF / BENCH_ECO_REF override how the image forms are named on the bulkhead command line.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR IMAGES_DIR" >&2
  exit 2
fi
build="$(cd "$1" && pwd)"
images="$(cd "$2" && pwd)"
runs="${BENCH_RUNS:-5}"
bulkhead="${BULKHEAD_BIN:-$build/bin/bulkhead}"
oci="$images/oci"
archive="$images/app-docker.tar"
oci_ref="${BENCH_OCI_REF:-oci:$oci:app}"
archive_ref="${BENCH_ARCHIVE_REF:-docker-archive:$archive}"

for tool in jq zcat igzip /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-sbom.sh: $tool missing (installer/install-deps.sh --test)" >&2; exit 2; }
done
[ -f "$images/READY" ] || { echo "bench-sbom.sh: $images has no READY (run tests/images/build-images.sh)" >&2; exit 2; }

tmp="$(mktemp -d /tmp/bulkhead-bench.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

# layer_blobs TAG: sets `blobs` (the layer blobs of oci:TAG, in manifest order), `compressed`
# and `uncompressed`; returns 1 when the layout has no such tag.
layer_blobs() {
  local manifest_digest d
  manifest_digest="$(jq -r --arg t "$1" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$oci/index.json")"
  [ -n "$manifest_digest" ] || return 1
  blobs=()
  while read -r d; do blobs+=("$oci/blobs/sha256/${d#sha256:}"); done \
    < <(jq -r '.layers[].digest' "$oci/blobs/sha256/${manifest_digest#sha256:}")
  compressed=$(cat "${blobs[@]}" | wc -c)
  uncompressed=$(zcat "${blobs[@]}" | wc -c)
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# measure LABEL CMD... : runs CMD $runs times (stdout discarded); prints one row with the median
# wall time (ms) and the median peak RSS (MB). If PREP names a function, it runs before each
# run, untimed. Sets LAST_MS. Returns 1 (row says why) when CMD fails.
LAST_MS=""
LAST_MB=""
measure() {
  local label="$1"; shift
  local walls=() rss=() i t0 t1
  for ((i = 0; i < runs; i++)); do
    if [ -n "${PREP:-}" ]; then "$PREP"; fi
    t0=$(date +%s%N)
    if ! /usr/bin/time -f '%M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"; then
      printf '  %-28s failed: %s\n' "$label" "$(grep -v '^Command exited' "$tmp/err" | head -c 300 | tr '\n' ' ')"
      LAST_MS=""
      return 1
    fi
    t1=$(date +%s%N)
    walls+=($(((t1 - t0) / 1000000)))
    rss+=("$(tail -n 1 "$tmp/time")")
  done
  LAST_MS=$(median "${walls[@]}")
  LAST_MB=$(awk -v k="$(median "${rss[@]}")" 'BEGIN {printf "%.1f", k / 1024}')
  printf '  %-28s %9s ms %9s MB\n' "$label" "$LAST_MS" "$LAST_MB"
}

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "meets goal" : "MISSES goal"}'; }

sbom_available=0
sbom_reason=""
if [ ! -x "$bulkhead" ]; then
  sbom_reason="no binary at $bulkhead"
elif ! "$bulkhead" sbom --help >/dev/null 2>&1; then
  sbom_reason="$bulkhead has no working 'sbom' command"
else
  sbom_available=1
fi

fresh_cache() { rm -rf "$tmp/cache"; mkdir "$tmp/cache"; }
export BULKHEAD_CACHE_DIR="$tmp/cache"

# bench_sbom LABEL REF BASELINE_ZCAT_MS BASELINE_IGZIP_MS
bench_sbom() {
  local ref="$2" zcat_ms="$3" igzip_ms="$4" cold_ms warm_ms cold_mb warm_mb
  if [ $sbom_available = 0 ]; then
    echo "  bulkhead sbom not available ($sbom_reason)"
    return 0
  fi
  PREP=fresh_cache measure "bulkhead sbom (cold)" "$bulkhead" sbom "$ref" --format json || return 0
  cold_ms=$LAST_MS
  cold_mb=$LAST_MB
  if ! jq -e . "$tmp/out" >/dev/null 2>&1; then
    echo "  warning: bulkhead sbom output is not valid JSON"
  fi
  "$bulkhead" sbom "$ref" --format json >/dev/null 2>&1 || true   # prime the cache for warm runs
  PREP="" measure "bulkhead sbom (warm)" "$bulkhead" sbom "$ref" --format json || return 0
  warm_ms=$LAST_MS
  warm_mb=$LAST_MB
  if [ -n "$zcat_ms" ]; then
    echo "  cold / zcat  = $(ratio "$cold_ms" "$zcat_ms")  (goal <= 1.30: $(verdict "$(ratio "$cold_ms" "$zcat_ms")" 1.30))"
    echo "  cold / igzip = $(ratio "$cold_ms" "$igzip_ms")"
  fi
  echo "  warm = $warm_ms ms  (goal <= 150 ms: $(verdict "$warm_ms" 150))"
  echo "  peak RSS cold $cold_mb MB, warm $warm_mb MB  (goal <= 100 MB: $(verdict "$cold_mb" 100), $(verdict "$warm_mb" 100))"
}

echo "bulkhead sbom benchmark: $(date -u +%FT%TZ), $(nproc) cores, $runs runs each, median shown"
echo "images: $images ($(cat "$images/READY"))"
echo
# oci_section TAG REF: the baselines over TAG's layer blobs, then bulkhead sbom on REF. Sets
# zcat_ms / igzip_ms.
oci_section() {
  layer_blobs "$1"
  echo "$1 as OCI layout ($2): ${#blobs[@]} gzip layers, $(mb "$compressed") compressed, $(mb "$uncompressed") uncompressed"
  printf '  %-28s %12s %12s\n' "" "wall" "peak RSS"
  PREP="" measure "cat (layer blobs)" cat "${blobs[@]}"
  PREP="" measure "zcat (layer blobs)" zcat "${blobs[@]}"
  zcat_ms=$LAST_MS
  PREP="" measure "igzip -dc (layer blobs)" igzip -dc "${blobs[@]}"
  igzip_ms=$LAST_MS
  bench_sbom oci "$2" "$zcat_ms" "$igzip_ms"
}
oci_section app "$oci_ref"
app_zcat_ms=$zcat_ms
app_igzip_ms=$igzip_ms
echo
echo "app as docker-archive ($archive_ref): uncompressed layers, $(mb "$(wc -c <"$archive")")"
printf '  %-28s %12s %12s\n' "" "wall" "peak RSS"
PREP="" measure "cat (archive)" cat "$archive"
echo "  (ratios below use the zcat / igzip passes over the same layers, gzip, of the OCI form)"
bench_sbom archive "$archive_ref" "$app_zcat_ms" "$app_igzip_ms"
echo
if layer_blobs eco; then
  oci_section eco "${BENCH_ECO_REF:-oci:$oci:eco}"
else
  echo "eco: not in $oci (images built by an older build-images.sh)"
fi
exit 0
