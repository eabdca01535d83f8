#!/usr/bin/env python3
"""Debian advisories derived from real Debian changelogs, for the end-to-end scan test of the
images built by build-images.sh.

  debian-advisories.py OUT [IMAGES]

IMAGES is the image directory (default $BULKHEAD_TEST_IMAGES or ~/.cache/bulkhead-test-images;
needs IMAGES/READY). For every source package installed in the tags `bookworm` and `app`:
  - the changelog of the installed version, from the installed binary .deb
    (usr/share/doc/<pkg>/changelog.Debian.gz, changelog.gz for native packages);
  - the changelog of the newest version the apt mirror has, when newer than the installed one.
The .debs come from the apt mirror with `apt-get download pkg=version` and are cached in
IMAGES/cache/debian-advisories/ (never in the repo).

Every CVE id named in a changelog entry becomes an OSV record shaped as osv.dev publishes Debian's
("DEBIAN-CVE-…", ecosystem "Debian:12", package = source package, ECOSYSTEM range introduced 0,
fixed = the lowest version whose entry names the CVE), marked database_specific
DERIVED_FROM_CHANGELOG. The fix versions are real; only the framing as advisories is derived.

Writes OUT/osv/*.json, OUT/expectations.tsv and, last, OUT/READY (a stamp of this script, the
images' READY and the mirror's lists; with the same stamp nothing is done). expectations.tsv,
no header, sorted, one row per (tag, source, CVE):
  tag  source  installed-source-version  CVE  found|not-found  fixed-version  layer  created_by
`found` = the CVE is fixed in a version newer than the installed one (the scan must report it
with that fixed version, on the binary packages of the source, introduced by layer `layer` whose
history created_by is given); `not-found` = fixed in the installed version or earlier ("-" for
the layer columns). Only the Python standard library, dpkg-deb and apt."""

import datetime
import glob
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from email.utils import parsedate_to_datetime

TAGS = ("bookworm", "app")
ECOSYSTEM = "Debian:12"
REF = "org.opencontainers.image.ref.name"
CVE_RE = re.compile(r"\bCVE-\d{4}-\d{4,}\b")
# Debian Policy 4.4: "package (version) distribution(s); urgency=urgency"
HEADER_RE = re.compile(r"^(\S+) \(([^()\s]+)\) [^;]+;")
TRAILER_RE = re.compile(r"^ -- .+?  (.+)$")


def note(msg):
    sys.stderr.write("debian-advisories: " + msg + "\n")


# --- Debian version comparison (Debian Policy 5.6.12) -------------------------------------------

def _order(c):
    if c == "~":
        return -1
    if c.isdigit():
        return 0
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def _cmp_part(a, b):
    i = j = 0
    while i < len(a) or j < len(b):
        first_diff = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = _order(a[i]) if i < len(a) else 0
            bc = _order(b[j]) if j < len(b) else 0
            if ac != bc:
                return ac - bc
            i += 1
            j += 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and a[i].isdigit() and j < len(b) and b[j].isdigit():
            if not first_diff:
                first_diff = ord(a[i]) - ord(b[j])
            i += 1
            j += 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if first_diff:
            return first_diff
    return 0


def _split(v):
    epoch, _, rest = v.rpartition(":") if ":" in v else ("0", "", v)
    upstream, _, revision = rest.rpartition("-") if "-" in rest else (rest, "", "")
    return int(epoch or 0), upstream, revision


def vercmp(a, b):
    ea, ua, ra = _split(a)
    eb, ub, rb = _split(b)
    if ea != eb:
        return ea - eb
    return _cmp_part(ua, ub) or _cmp_part(ra, rb)


class Version:
    def __init__(self, s):
        self.s = s

    def __lt__(self, other):
        return vercmp(self.s, other.s) < 0


# --- inputs -------------------------------------------------------------------------------------

def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def layer_created_by(images, tag):
    """created_by of each non-empty history entry of `tag`, i.e. one per layer, in order."""
    blobs = os.path.join(images, "oci", "blobs")

    def blob(digest):
        algo, hexd = digest.split(":", 1)
        with open(os.path.join(blobs, algo, hexd), "rb") as f:
            return json.load(f)

    with open(os.path.join(images, "oci", "index.json"), "rb") as f:
        index = json.load(f)
    for m in index.get("manifests", []):
        if m.get("annotations", {}).get(REF) == tag:
            config = blob(blob(m["digest"])["config"]["digest"])
            return [h.get("created_by", "") for h in config.get("history", []) if not h.get("empty_layer")]
    raise SystemExit("debian-advisories: tag %s is not in %s/oci" % (tag, images))


def mirror_versions(binaries):
    """{binary: [versions the apt mirror offers]} from one apt-cache madison call."""
    out = {}
    res = subprocess.run(["apt-cache", "madison"] + sorted(binaries), capture_output=True, text=True)
    for line in res.stdout.splitlines():
        cols = [c.strip() for c in line.split("|")]
        if len(cols) >= 3 and cols[0] in binaries:
            out.setdefault(cols[0], set()).add(cols[1])
    return out


def download(cache, wanted):
    """Downloads the (binary, version) pairs not yet in `cache`; returns {(binary, version): path}."""
    def cached(b, v):
        # apt names files pkg_version-with-colon-as-%3a_arch.deb
        hits = glob.glob(os.path.join(cache, "%s_%s_*.deb" % (b, v.replace(":", "%3a"))))
        return hits[0] if hits else None

    missing = sorted(p for p in wanted if not cached(*p))
    if missing:
        note("downloading %d .deb files into %s" % (len(missing), cache))
        # One apt call for all (fast); when one version is gone from the mirror apt fetches
        # nothing, so then retry one by one and name the missing ones.
        args = ["apt-get", "download", "-q"]
        res = subprocess.run(args + ["%s=%s" % p for p in missing], cwd=cache, capture_output=True, text=True)
        if res.returncode != 0:
            for pair in missing:
                res = subprocess.run(args + ["%s=%s" % pair], cwd=cache, capture_output=True, text=True)
                if res.returncode != 0:
                    note("cannot download %s=%s: %s" % (pair[0], pair[1], res.stderr.strip().splitlines()[-1:]))
    return {p: cached(*p) for p in wanted if cached(*p)}


def changelog_of(deb, source):
    """Text of the Debian changelog shipped in `deb` (None when it ships none of `source`)."""
    res = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], capture_output=True)
    if res.returncode != 0:
        return None
    found = {}
    with tarfile.open(fileobj=io.BytesIO(res.stdout)) as tar:
        for m in tar:
            name = m.name.lstrip("./")
            if m.isfile() and re.fullmatch(r"usr/share/doc/[^/]+/changelog(\.Debian)?\.gz", name):
                found[name.endswith(".Debian.gz")] = gzip.decompress(tar.extractfile(m).read())
    # Non-native packages ship upstream's changelog.gz next to changelog.Debian.gz.
    text = found.get(True) or found.get(False)
    if not text:
        return None
    text = text.decode("utf-8", "replace")
    m = HEADER_RE.match(text)
    return text if m and m.group(1) == source else None


def parse_changelog(text):
    """[(version, date RFC 3339, [entry lines])], newest first."""
    entries = []
    for line in text.splitlines():
        m = HEADER_RE.match(line)
        if m:
            entries.append([m.group(2), "", []])
            continue
        if not entries:
            continue
        t = TRAILER_RE.match(line)
        if t and not entries[-1][1]:
            try:
                entries[-1][1] = parsedate_to_datetime(t.group(1)).astimezone(
                    datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            except (TypeError, ValueError):
                pass
        elif line.strip():
            entries[-1][2].append(line.strip())
    # A backport's changelog may list uploads to other suites whose versions sort above the
    # package's own (3.0.22-1 in the changelog of 3.0.22-1~deb12u2): not fixes of this branch.
    return [e for e in entries if vercmp(e[0], entries[0][0]) <= 0]


def cve_mentions(entries):
    """{CVE: (version, date, text)} for the lowest version whose entry names the CVE."""
    out = {}
    for version, date, lines in entries:
        for i, line in enumerate(lines):
            for cve in CVE_RE.findall(line):
                if cve not in out or vercmp(version, out[cve][0]) < 0:
                    # The bullet the id sits in: this line and its continuation lines.
                    bullet = [line]
                    for nxt in lines[i + 1:]:
                        if nxt.startswith(("*", "-", "+")):
                            break
                        bullet.append(nxt)
                    out[cve] = (version, date, " ".join(bullet))
    return out


# --- main ---------------------------------------------------------------------------------------

def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    out = os.path.abspath(sys.argv[1])
    images = sys.argv[2] if len(sys.argv) == 3 else os.environ.get(
        "BULKHEAD_TEST_IMAGES", os.path.expanduser("~/.cache/bulkhead-test-images"))
    if not os.path.isfile(os.path.join(images, "READY")):
        note("no images in %s (run build-images.sh first); nothing done" % images)
        return 0
    here = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.sha256()
    with open(__file__, "rb") as f:
        h.update(f.read())
    with open(os.path.join(images, "READY"), "rb") as f:
        h.update(f.read())
    for lst in sorted(glob.glob("/var/lib/apt/lists/*_Packages")):
        h.update(lst.encode() + str(os.path.getmtime(lst)).encode())
    stamp = h.hexdigest()[:16]
    ready = os.path.join(out, "READY")
    if os.path.isfile(ready) and open(ready).read().strip() == stamp:
        return 0

    cache = os.path.join(images, "cache", "debian-advisories")
    os.makedirs(cache, exist_ok=True)

    # Installed packages per tag: binary -> (version, source, source version, layer).
    installed = {}
    for tag in TAGS:
        layers = {r[0].split(":")[0]: int(r[-1]) for r in read_tsv(os.path.join(images, "truth", tag + ".layers.tsv"))} \
            if os.path.isfile(os.path.join(images, "truth", tag + ".layers.tsv")) else {}
        rows = {}
        for r in read_tsv(os.path.join(images, "truth", tag + ".dpkg.tsv")):
            binary = r[0].split(":")[0]
            rows[binary] = (r[1], r[3], r[4], layers.get(binary, 0))
        installed[tag] = rows

    # Which .debs: for each (source, installed source version) the smallest-named binary built
    # from it at that binary version; plus the newest mirror version of each binary when newer.
    by_source = {}  # (source, source version) -> [(binary, binary version)]
    for tag in TAGS:
        for binary, (bv, src, sv, _) in installed[tag].items():
            by_source.setdefault((src, sv), []).append((binary, bv))
    all_binaries = {b for tag in TAGS for b in installed[tag]}
    offered = mirror_versions(all_binaries)
    newer = {}  # source -> (binary, version) of the newest mirror version above every installed one
    for tag in TAGS:
        for binary, (bv, src, sv, _) in installed[tag].items():
            for v in offered.get(binary, ()):
                if vercmp(v, bv) > 0 and (src not in newer or vercmp(v, newer[src][1]) > 0):
                    newer[src] = (binary, v)
    wanted = {pair for pairs in by_source.values() for pair in pairs} | set(newer.values())
    debs = download(cache, wanted)

    # Changelog entries per source, from every .deb of it (installed and newer versions).
    entries = {}  # source -> {version: (date, lines)}
    have_installed = set()
    for (src, sv), pairs in sorted(by_source.items()):
        for pair in sorted(set(pairs)):
            text = debs.get(pair) and changelog_of(debs[pair], src)
            if text:
                for version, date, lines in parse_changelog(text):
                    entries.setdefault(src, {}).setdefault(version, (date, lines))
                have_installed.add((src, sv))
                break
        else:
            note("no changelog for %s %s; left out" % (src, sv))
    for src, pair in sorted(newer.items()):
        text = debs.get(pair) and changelog_of(debs[pair], src)
        if text:
            for version, date, lines in parse_changelog(text):
                entries.setdefault(src, {}).setdefault(version, (date, lines))
        else:
            note("no changelog in the newer %s %s; its fixes are left out" % pair)

    mentions = {src: cve_mentions([(v, d, l) for v, (d, l) in e.items()]) for src, e in entries.items()}
    created_by = {tag: layer_created_by(images, tag) for tag in TAGS}

    expectations = []
    records = {}  # CVE -> OSV record
    for tag in TAGS:
        sources = {}
        for binary, (bv, src, sv, layer) in installed[tag].items():
            sources.setdefault((src, sv), []).append(layer)
        for (src, sv), layers in sorted(sources.items()):
            if (src, sv) not in have_installed:
                continue
            for cve, (fixed, date, text) in sorted(mentions.get(src, {}).items()):
                found = vercmp(fixed, sv) > 0
                layer = min(layers)
                expectations.append((tag, src, sv, cve, "found" if found else "not-found", fixed,
                                     str(layer) if found else "-",
                                     created_by[tag][layer] if found else "-"))
                add_record(records, cve, src, fixed, date, text)

    shutil.rmtree(os.path.join(out, "osv"), ignore_errors=True)
    os.makedirs(os.path.join(out, "osv"))
    for cve, rec in records.items():
        with open(os.path.join(out, "osv", rec["id"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(rec, f, indent=2, sort_keys=False)
            f.write("\n")
    with open(os.path.join(out, "expectations.tsv"), "w", encoding="utf-8") as f:
        for row in sorted(expectations):
            f.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) + "\n")
    kinds = [r[4] for r in expectations]
    note("%d records; %d found and %d not-found expectations in %s"
         % (len(records), kinds.count("found"), kinds.count("not-found"), out))
    with open(ready, "w") as f:
        f.write(stamp + "\n")
    return 0


def add_record(records, cve, src, fixed, date, text):
    rec = records.get(cve)
    if rec is None:
        rec = {
            "id": "DEBIAN-" + cve,
            "modified": date or "1970-01-01T00:00:00Z",
            "published": date or "1970-01-01T00:00:00Z",
            "upstream": [cve],
            "details": "",
            "affected": [],
            "database_specific": {"DERIVED_FROM_CHANGELOG": True},
            "schema_version": "1.6.0",
        }
        records[cve] = rec
    if any(a["package"]["name"] == src for a in rec["affected"]):
        return
    rec["details"] = (rec["details"] + "\n" if rec["details"] else "") + "%s %s: %s" % (src, fixed, text)
    rec["affected"].append({
        "package": {"ecosystem": ECOSYSTEM, "name": src, "purl": "pkg:deb/debian/%s?arch=source" % src},
        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
        "database_specific": {"DERIVED_FROM_CHANGELOG": True, "source_package": src,
                              "changelog_version": fixed},
    })
    rec["affected"].sort(key=lambda a: a["package"]["name"])


if __name__ == "__main__":
    sys.exit(main())
