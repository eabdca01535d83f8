#!/usr/bin/env python3
"""Helpers of build-images.sh: truth files computed from real root filesystems and image blobs,
plus the two image edits no packaged tool does (an opaque whiteout, an OCI image index).

  truth.py files ROOT                   every path: path type mode uid gid size sha256|target
  truth.py npm ROOT                     installed npm packages: name version dir
  truth.py layers S0.tsv S1.tsv ...     per final dpkg package: name version introducing-layer
  truth.py deleted F0 F1 ...            per layer k>0: paths present in state k-1, absent in k
  truth.py whiteouts LAYOUT TAG         whiteout entries of each layer blob: layer kind path
  truth.py add-opaque BLOB DIR OUT.tar  copy a gzip layer, adding DIR/.wh..wh..opq and DIR/README
  truth.py make-index LAYOUT TAG ref:os/arch[/variant]...   write an OCI image index, tag it
  truth.py digests STAGE                manifest/config/layer digests and diff_ids of every variant
                                        (JSON), each verified against the bytes
  truth.py make-zip OUT store|deflate NAME=FILE|PREFIX/=DIR/...   a zip (jar, Go module zip), fixed mtimes
  truth.py go ROOT                      Go binaries (`go version -m`): path kind module version repl-path repl-version
  truth.py pypi ROOT                    Python distributions: name version metadata-path dpkg-owner|-
  truth.py maven ROOT                   Java archives (nested too): name version location source dpkg-owner|-
  truth.py rpm ROOT                     `rpm -qa` of ROOT/var/lib/rpm: name [epoch:]version-release arch
Only the Python standard library (and the zstd, go and rpm binaries for zstd layers, Go and rpm truth)."""

import gzip
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import time
import zipfile

EPOCH = 1700000000
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
REF = "org.opencontainers.image.ref.name"


def out(*cols):
    sys.stdout.write("\t".join(str(c) for c in cols) + "\n")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def walk(root):
    """Yields (relative path, lstat) for everything under root, in byte order of the path."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            entries.append((os.path.relpath(full, root), full))
    entries.sort(key=lambda e: os.fsencode(e[0]))
    for rel, full in entries:
        yield rel, full, os.lstat(full)


def cmd_files(root):
    for rel, full, st in walk(root):
        mode = stat.S_IMODE(st.st_mode)
        if stat.S_ISREG(st.st_mode):
            kind, size, extra = "f", st.st_size, sha256_file(full)
        elif stat.S_ISDIR(st.st_mode):
            kind, size, extra = "d", 0, ""
        elif stat.S_ISLNK(st.st_mode):
            kind, size, extra = "l", 0, os.readlink(full)
        else:
            kind, size, extra = "o", 0, ""
        out(rel, kind, "%04o" % mode, st.st_uid, st.st_gid, size, extra)


def cmd_npm(root):
    rows = []
    for dirpath, dirnames, filenames in os.walk(root):
        if "package.json" not in filenames:
            continue
        rel = os.path.relpath(dirpath, root)
        parts = rel.split(os.sep)
        # node_modules/<name> or node_modules/@scope/<name>
        if len(parts) >= 2 and parts[-2] == "node_modules":
            pass
        elif len(parts) >= 3 and parts[-3] == "node_modules" and parts[-2].startswith("@"):
            pass
        else:
            continue
        with open(os.path.join(dirpath, "package.json"), encoding="utf-8") as f:
            meta = json.load(f)
        rows.append((meta.get("name", ""), meta.get("version", ""), rel))
    for row in sorted(rows, key=lambda r: r[2]):
        out(*row)


def read_dpkg(path):
    pkgs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            pkgs[cols[0]] = cols[1]
    return pkgs


def cmd_layers(states):
    states = [read_dpkg(s) for s in states]
    final = states[-1]
    for name in sorted(final):
        version = final[name]
        layer = len(states) - 1
        while layer > 0 and states[layer - 1].get(name) == version:
            layer -= 1
        out(name, version, layer)


def read_paths(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return {line.split("\t", 1)[0] for line in f}


def cmd_deleted(lists):
    prev = read_paths(lists[0])
    for k, path in enumerate(lists[1:], start=1):
        cur = read_paths(path)
        for p in sorted(prev - cur, key=os.fsencode):
            out(k, p)
        prev = cur


def blob_path(layout, digest):
    algo, hexd = digest.split(":", 1)
    return os.path.join(layout, "blobs", algo, hexd)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def tag_descriptor(layout, tag):
    for d in load_json(os.path.join(layout, "index.json"))["manifests"]:
        if d.get("annotations", {}).get(REF) == tag:
            return d
    raise SystemExit("tag %s not in %s" % (tag, layout))


def norm(name):
    while name.startswith("./"):
        name = name[2:]
    return name.strip("/")


def cmd_whiteouts(layout, tag):
    manifest = load_json(blob_path(layout, tag_descriptor(layout, tag)["digest"]))
    for i, layer in enumerate(manifest["layers"]):
        with tarfile.open(blob_path(layout, layer["digest"]), "r:*") as tf:
            for m in tf:
                name = norm(m.name)
                base = os.path.basename(name)
                parent = os.path.dirname(name)
                if base == ".wh..wh..opq":
                    out(i, "opaque", parent)
                elif base.startswith(".wh."):
                    out(i, "whiteout", os.path.join(parent, base[4:]))


def cmd_add_opaque(blob, directory, target):
    with tarfile.open(blob, "r:gz") as src, tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as dst:
        for m in src:
            dst.addfile(m, src.extractfile(m) if m.isreg() else None)
        d = tarfile.TarInfo(directory + "/")
        d.type, d.mode, d.mtime = tarfile.DIRTYPE, 0o755, EPOCH
        dst.addfile(d)
        o = tarfile.TarInfo(directory + "/.wh..wh..opq")
        o.mode, o.mtime = 0o644, EPOCH
        dst.addfile(o, io.BytesIO(b""))
        data = b"replaced\n"
        r = tarfile.TarInfo(directory + "/README")
        r.mode, r.mtime, r.size = 0o644, EPOCH, len(data)
        dst.addfile(r, io.BytesIO(data))


def cmd_make_index(layout, newtag, entries):
    manifests = []
    for entry in entries:
        tag, platform = entry.split(":", 1)
        parts = platform.split("/")
        d = dict(tag_descriptor(layout, tag))
        d.pop("annotations", None)
        d["platform"] = {"architecture": parts[1], "os": parts[0]}
        if len(parts) > 2:
            d["platform"]["variant"] = parts[2]
        manifests.append(d)
    blob = json.dumps({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests},
                      separators=(",", ":")).encode()
    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    with open(blob_path(layout, digest), "wb") as f:
        f.write(blob)
    index_path = os.path.join(layout, "index.json")
    index = load_json(index_path)
    index["manifests"] = [d for d in index["manifests"] if d.get("annotations", {}).get(REF) != newtag]
    index["manifests"].append({"mediaType": OCI_INDEX, "digest": digest, "size": len(blob),
                               "annotations": {REF: newtag}})
    with open(index_path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(index, f, separators=(",", ":"))
    os.replace(index_path + ".tmp", index_path)


# --- digests ---------------------------------------------------------------------------------------

def uncompressed_sha256(reader_bytes, media_type):
    """sha256 of the uncompressed layer, from an open binary file."""
    h = hashlib.sha256()
    if media_type.endswith("+zstd") or media_type.endswith(".zstd"):
        p = subprocess.Popen(["zstd", "-dc"], stdin=reader_bytes, stdout=subprocess.PIPE)
        for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
            h.update(chunk)
        if p.wait() != 0:
            raise SystemExit("zstd failed")
    else:
        stream = gzip.GzipFile(fileobj=reader_bytes) if "gzip" in media_type else reader_bytes
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def check(cond, what):
    if not cond:
        raise SystemExit("digest check failed: " + what)


class Blobs:
    """Blob access for an OCI layout directory or an OCI archive (tar of a layout)."""

    def __init__(self, path):
        self.tar = tarfile.open(path) if os.path.isfile(path) else None
        self.path = path

    def open(self, name):
        if self.tar:
            return self.tar.extractfile(self.tar.getmember(name))
        return open(os.path.join(self.path, name), "rb")

    def read(self, name):
        with self.open(name) as f:
            return f.read()

    def blob(self, digest):
        algo, hexd = digest.split(":", 1)
        return "blobs/%s/%s" % (algo, hexd)


def describe_manifest(blobs, desc):
    raw = blobs.read(blobs.blob(desc["digest"]))
    check("sha256:" + hashlib.sha256(raw).hexdigest() == desc["digest"], desc["digest"])
    manifest = json.loads(raw)
    config_raw = blobs.read(blobs.blob(manifest["config"]["digest"]))
    check("sha256:" + hashlib.sha256(config_raw).hexdigest() == manifest["config"]["digest"], "config")
    config = json.loads(config_raw)
    diff_ids = config["rootfs"]["diff_ids"]
    check(len(diff_ids) == len(manifest["layers"]), "layer count")
    layers = []
    for layer, diff_id in zip(manifest["layers"], diff_ids):
        name = blobs.blob(layer["digest"])
        with blobs.open(name) as f:
            check(uncompressed_sha256(f, layer["mediaType"]) == diff_id, "diff_id of " + layer["digest"])
        with blobs.open(name) as f:
            h = hashlib.sha256()
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
            check("sha256:" + h.hexdigest() == layer["digest"], "blob " + layer["digest"])
        layers.append({"digest": layer["digest"], "mediaType": layer["mediaType"],
                       "size": layer["size"], "diff_id": diff_id})
    return {"manifest": {"digest": desc["digest"], "mediaType": manifest.get("mediaType", desc.get("mediaType")),
                         "size": len(raw)},
            "config": {"digest": manifest["config"]["digest"], "size": len(config_raw)},
            "os": config.get("os"), "architecture": config.get("architecture"),
            "layers": layers}


def describe_layout(path):
    blobs = Blobs(path)
    index = json.loads(blobs.read("index.json"))
    result = {}
    for desc in index["manifests"]:
        tag = desc.get("annotations", {}).get(REF, desc["digest"])
        if desc["mediaType"] == OCI_INDEX:
            raw = blobs.read(blobs.blob(desc["digest"]))
            check("sha256:" + hashlib.sha256(raw).hexdigest() == desc["digest"], "index")
            result[tag] = {"index": {"digest": desc["digest"], "mediaType": OCI_INDEX, "size": len(raw)},
                           "manifests": [dict(describe_manifest(blobs, d), platform=d.get("platform"))
                                         for d in json.loads(raw)["manifests"]]}
        else:
            result[tag] = describe_manifest(blobs, desc)
    return result


def describe_docker_archive(path):
    with tarfile.open(path) as tf:
        manifest = json.load(tf.extractfile("manifest.json"))
        result = []
        for image in manifest:
            config_raw = tf.extractfile(image["Config"]).read()
            config = json.loads(config_raw)
            diff_ids = config["rootfs"]["diff_ids"]
            check(len(diff_ids) == len(image["Layers"]), "docker layer count")
            layers = []
            for name, diff_id in zip(image["Layers"], diff_ids):
                member = tf.getmember(name)
                while member.issym():  # skopeo writes <diffid>.tar plus symlinks in some versions
                    member = tf.getmember(os.path.normpath(os.path.join(os.path.dirname(member.name),
                                                                        member.linkname)))
                with tf.extractfile(member) as f:
                    check(uncompressed_sha256(f, "tar") == diff_id, "docker layer " + name)
                layers.append({"path": name, "size": member.size, "diff_id": diff_id})
            result.append({"repo_tags": image.get("RepoTags") or [],
                           "config": {"path": image["Config"],
                                      "digest": "sha256:" + hashlib.sha256(config_raw).hexdigest(),
                                      "size": len(config_raw)},
                           "os": config.get("os"), "architecture": config.get("architecture"),
                           "layers": layers})
        return result


def cmd_digests(stage):
    result = {
        "oci": describe_layout(os.path.join(stage, "oci")),
        "oci-zstd": describe_layout(os.path.join(stage, "oci-zstd")),
        "app-oci.tar": describe_layout(os.path.join(stage, "app-oci.tar")),
        "app-docker.tar": describe_docker_archive(os.path.join(stage, "app-docker.tar")),
    }
    # All variants of app are the same filesystem: same diff_ids (zstd included).
    app_diff_ids = [l["diff_id"] for l in result["oci"]["app"]["layers"]]
    check([l["diff_id"] for l in result["oci-zstd"]["app"]["layers"]] == app_diff_ids, "zstd diff_ids")
    check([l["diff_id"] for l in result["app-docker.tar"][0]["layers"]] == app_diff_ids,
          "docker diff_ids")
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


# --- zips (proxy module zips, jars) ----------------------------------------------------------------

def cmd_make_zip(target, method, entries):
    """entries: NAME=FILE, or PREFIX/=DIR/ for every file under DIR (sorted) below PREFIX/."""
    compress = zipfile.ZIP_STORED if method == "store" else zipfile.ZIP_DEFLATED
    stamp = time.gmtime(EPOCH)[:6]
    files = []
    for entry in entries:
        name, source = entry.split("=", 1)
        if name.endswith("/"):
            for rel, full, st in walk(source):
                if stat.S_ISREG(st.st_mode):
                    files.append((name + rel, full))
        else:
            files.append((name, source))
    with zipfile.ZipFile(target, "w", compress) as z:
        for name, source in files:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = compress
            info.external_attr = 0o644 << 16
            with open(source, "rb") as f:
                z.writestr(info, f.read())


# --- language ecosystems and rpm: what the real files of a rootfs say ------------------------------

def dpkg_owners(root):
    """Path (with leading '/') -> dpkg package, from every /var/lib/dpkg/info/*.list."""
    owners = {}
    info = os.path.join(root, "var/lib/dpkg/info")
    if not os.path.isdir(info):
        return owners
    for name in sorted(os.listdir(info)):
        if name.endswith(".list"):
            with open(os.path.join(info, name), encoding="utf-8", errors="surrogateescape") as f:
                for line in f:
                    owners.setdefault(line.rstrip("\n"), name[:-5].split(":")[0])
    return owners


def owner_of(owners, root, rel):
    """The dpkg owner of a rootfs path, also through the /usr-merge directory symlinks (/lib)."""
    path = "/" + rel
    if path in owners:
        return owners[path]
    real = "/" + os.path.relpath(os.path.realpath(os.path.join(root, rel)), os.path.realpath(root))
    return owners.get(real, "-")


def cmd_go(root):
    """Every Go binary `go version -m` finds in the rootfs: path kind module version repl-path repl-version.
    kind: mod (main module), dep, stdlib (the toolchain's standard library, as go1.x.y)."""
    text = subprocess.run(["go", "version", "-m", root], check=True, capture_output=True,
                          text=True, errors="surrogateescape").stdout
    rows = []
    binary = None
    for line in text.split("\n"):
        if not line:
            continue
        if not line.startswith("\t"):
            path, toolchain = line.rsplit(": ", 1)
            binary = os.path.relpath(path, root)
            rows.append([binary, "stdlib", "stdlib", toolchain.split(" ")[0], "-", "-"])
            continue
        f = line[1:].split("\t")
        if f[0] in ("mod", "dep"):
            rows.append([binary, f[0], f[1], f[2], "-", "-"])
        elif f[0] == "=>":
            rows[-1][4] = f[1]
            rows[-1][5] = f[2] if len(f) > 2 else ""
    for row in sorted(rows):
        out(*row)


def core_metadata(data):
    """Name and Version of core metadata (RFC 822 headers, up to the first empty line)."""
    fields = {}
    for line in data.decode("utf-8", "replace").split("\n"):
        line = line.rstrip("\r")
        if not line:
            break
        if line[0] in " \t" or ":" not in line:
            continue
        key, value = line.split(":", 1)
        fields.setdefault(key.strip().lower(), value.strip())
    return fields.get("name", ""), fields.get("version", "")


def cmd_pypi(root):
    """Installed Python distributions: name version metadata-path dpkg-owner|-"""
    owners = dpkg_owners(root)
    rows = []
    for rel, full, st in walk(root):
        parent = os.path.basename(os.path.dirname(rel))
        base = os.path.basename(rel)
        if not stat.S_ISREG(st.st_mode):
            continue
        if (parent.endswith(".dist-info") and base == "METADATA") or \
           (parent.endswith(".egg-info") and base == "PKG-INFO"):
            meta = os.path.dirname(rel)
        elif base.endswith(".egg-info"):
            meta = rel
        else:
            continue
        with open(full, "rb") as f:
            name, version = core_metadata(f.read())
        rows.append((name, version, meta, owner_of(owners, root, rel)))
    for row in sorted(rows, key=lambda r: r[2]):
        out(*row)


JAVA_ARCHIVES = (".jar", ".war", ".ear")


def split_file_name(name):
    stem = name[:-4] if name.lower().endswith(JAVA_ARCHIVES) else name
    for i in range(1, len(stem) - 1):
        if stem[i] == "-" and stem[i + 1].isdigit():
            return stem[:i], stem[i + 1:]
    return stem, ""


def jar_identities(data, location, rows):
    """Maven identities of one archive and, recursively, of the archives inside it: every
    META-INF/maven/**/pom.properties; else the manifest (Implementation-Title without spaces or
    Bundle-SymbolicName, Implementation-Version or Bundle-Version); else the file name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        found = []
        manifest = {}
        for name in z.namelist():
            if name.endswith("/"):
                continue
            if name.startswith("META-INF/maven/") and name.endswith("/pom.properties"):
                props = {}
                for line in z.read(name).decode("utf-8", "replace").splitlines():
                    if "=" in line and not line.lstrip().startswith("#"):
                        k, v = line.split("=", 1)
                        props[k.strip()] = v.strip()
                if props.get("artifactId") and props.get("version"):
                    group = props.get("groupId", "")
                    found.append(((group + ":" if group else "") + props["artifactId"],
                                  props["version"], "pom.properties"))
            elif name.upper() == "META-INF/MANIFEST.MF":
                for line in z.read(name).decode("utf-8", "replace").replace("\r", "").split("\n"):
                    if not line:
                        break
                    if ": " in line and not line.startswith(" "):
                        k, v = line.split(": ", 1)
                        manifest[k] = v.strip()
            elif name.lower().endswith(JAVA_ARCHIVES):
                jar_identities(z.read(name), location + "!/" + name, rows)
        if not found:
            artifact, version = split_file_name(os.path.basename(location.split("!/")[-1]))
            title = manifest.get("Implementation-Title", "")
            symbolic = manifest.get("Bundle-SymbolicName", "").split(";")[0].strip()
            mversion = manifest.get("Implementation-Version") or manifest.get("Bundle-Version", "")
            from_manifest = (title and " " not in title) or symbolic or mversion
            if title and " " not in title:
                artifact = title
            elif symbolic:
                artifact = symbolic
            version = mversion or version
            group = manifest.get("Implementation-Vendor-Id", "") if from_manifest else ""
            if artifact and version:
                found.append(((group + ":" if group else "") + artifact, version,
                              "manifest" if from_manifest else "filename"))
        for name, version, source in found:
            rows.append([name, version, location, source])


def cmd_maven(root):
    """Maven identities of every Java archive (regular files, nested archives too):
    name version location source dpkg-owner|-   (location: path[!/entry...], no leading '/')"""
    owners = dpkg_owners(root)
    rows = []
    for rel, full, st in walk(root):
        if stat.S_ISREG(st.st_mode) and rel.lower().endswith(JAVA_ARCHIVES):
            found = []
            with open(full, "rb") as f:
                jar_identities(f.read(), rel, found)
            owner = owner_of(owners, root, rel)
            rows.extend(r + [owner] for r in found)
    for row in sorted(rows, key=lambda r: (r[2], r[0])):
        out(*row)


def cmd_rpm(root):
    """rpm's own answer for the database in ROOT/var/lib/rpm: name [epoch:]version-release arch"""
    if not os.path.isdir(os.path.join(root, "var/lib/rpm")):
        return
    qf = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\n"
    text = subprocess.run(["rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "--qf", qf],
                          check=True, capture_output=True, text=True).stdout
    for line in sorted(l for l in text.split("\n") if l):
        sys.stdout.write(line + "\n")


def main(argv):
    sys.stdout.reconfigure(errors="surrogateescape")
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "files":
        cmd_files(*args)
    elif cmd == "npm":
        cmd_npm(*args)
    elif cmd == "layers":
        cmd_layers(args)
    elif cmd == "deleted":
        cmd_deleted(args)
    elif cmd == "whiteouts":
        cmd_whiteouts(*args)
    elif cmd == "add-opaque":
        cmd_add_opaque(*args)
    elif cmd == "make-index":
        cmd_make_index(args[0], args[1], args[2:])
    elif cmd == "digests":
        cmd_digests(*args)
    elif cmd == "make-zip":
        cmd_make_zip(args[0], args[1], args[2:])
    elif cmd in ("go", "pypi", "maven", "rpm"):
        globals()["cmd_" + cmd](*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
