#!/usr/bin/env bash
# Builds tests/data/catalog-bin/rust/auditable-bin with cargo-auditable, offline:
#   - crates itoa 1.0.1 and fnv 1.0.7 (runtime) and adler 1.0.2 (build dependency) come from
#     Debian's librust-*-dev packages through Debian's directory source that replaces crates.io
#     (/usr/share/cargo/registry), so cargo records them as crates.io crates;
#   - "helper" is a local path crate.
# cargo-auditable was Debian trixie's cargo-auditable 0.6.6-1+b1 binary. It needs glibc 2.39, so on
# Debian 12 it ran through trixie's libc6 loader (see SOURCES.md): CARGO_AUDITABLE names the
# command to run, and CARGO a cargo that re-points RUSTC_WORKSPACE_WRAPPER at that command.
# Also writes auditable-bin.dep-v0.json: the section, decompressed (the truth for the test).
# Needs: cargo + rustc, librust-itoa-dev librust-fnv-dev librust-adler-dev, binutils, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
auditable="${CARGO_AUDITABLE:-cargo-auditable}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app/src" "$work/app/helper/src" "$work/app/.cargo"
cd "$work/app"
cat > .cargo/config.toml <<'TOML'
[source.crates-io]
replace-with = "debian-packages"
[source.debian-packages]
directory = "/usr/share/cargo/registry"
[net]
offline = true
TOML
cat > Cargo.toml <<'TOML'
[package]
name = "bulkhead-rust-fixture"
version = "0.1.0"
edition = "2021"

[dependencies]
itoa = "1.0"
fnv = "1.0"
helper = { path = "helper" }

[build-dependencies]
adler = "1.0"

[profile.release]
strip = true
opt-level = "s"
TOML
cat > build.rs <<'RS'
fn main() {
    println!("cargo:rustc-env=FIXTURE_ADLER={}", adler::adler32_slice(b"bulkhead"));
}
RS
cat > src/main.rs <<'RS'
use std::hash::{Hash, Hasher};
fn main() {
    let mut h = fnv::FnvHasher::default();
    "bulkhead".hash(&mut h);
    let mut buf = itoa::Buffer::new();
    println!("{} {} {} {}", buf.format(h.finish()), helper::answer(), env!("FIXTURE_ADLER"), 1);
}
RS
cat > helper/Cargo.toml <<'TOML'
[package]
name = "helper"
version = "0.2.0"
edition = "2021"
TOML
echo 'pub fn answer() -> u32 { 42 }' > helper/src/lib.rs
# `cargo auditable build` runs cargo with cargo-auditable as RUSTC_WORKSPACE_WRAPPER.
CARGO_TARGET_DIR="$work/target" "$auditable" auditable build --release
cp "$work/target/release/bulkhead-rust-fixture" "$here/auditable-bin"
objcopy --dump-section .dep-v0="$work/dep-v0.z" "$here/auditable-bin" /dev/null 2>/dev/null \
  || objcopy -O binary --only-section=.dep-v0 "$here/auditable-bin" "$work/dep-v0.z"
python3 -c 'import sys,zlib,json; print(json.dumps(json.loads(zlib.decompress(open(sys.argv[1],"rb").read())), indent=1))' \
  "$work/dep-v0.z" > "$here/auditable-bin.dep-v0.json"
cat "$here/auditable-bin.dep-v0.json"
