#!/usr/bin/env bash
# Builds real rpm databases with Debian's rpm tools (rpm 4.18, db5.3-util), as in
# docs/test-components.md section 5.6, and writes rpm's own answers next to them.
#   make-rpmdb.sh OUT
# OUT/sqlite/var/lib/rpm/rpmdb.sqlite   the database rpm itself wrote
# OUT/bdb/var/lib/rpm/Packages          the same headers in a Berkeley DB hash (default page size)
# OUT/bdb512/var/lib/rpm/Packages       ... with 512-byte pages, so every header spans overflow pages
# OUT/<db>.expected.tsv                 rpm -qa: name, [epoch:]version-release, arch, sourcerpm, license, vendor
# OUT/<db>.files.tsv                    rpm -qa: name, file mode (octal), path, one line per file
# OUT/sqlite.labels.tsv                 rpm -qa: name, modularity label ("(none)" when absent)
set -euo pipefail
out=${1:?usage: make-rpmdb.sh OUT}
mkdir -p "$out"
out=$(cd "$out" && pwd)
top="$out/rpmbuild"
mkdir -p "$top"/{SPECS,RPMS,BUILD,BUILDROOT,SOURCES,SRPMS}

# One template spec; name, version, release, epoch, licence and vendor come in as --defines.
# Every package ships a couple of files and a directory of its own so file lists are non-empty;
# "with_libs" adds a subpackage whose source RPM is named after the main package.
cat > "$top/SPECS/template.spec" <<'SPEC'
Name:           %{pkgname}
Version:        %{pkgversion}
Release:        %{pkgrelease}
%if 0%{?pkgepoch:1}
Epoch:          %{pkgepoch}
%endif
Summary:        Bulkhead test package %{pkgname}
License:        %{pkglicense}
Vendor:         %{pkgvendor}
BuildArch:      %{pkgarch}

%description
A payload-light package built for Bulkhead's rpm database tests.

%if 0%{?with_libs:1}
%package libs
Summary:        Libraries of %{pkgname}
License:        %{pkglicense}
%description libs
Libraries of %{pkgname}.
%endif

%install
mkdir -p %{buildroot}/usr/share/%{pkgname} %{buildroot}/etc/%{pkgname} %{buildroot}/usr/lib
echo %{pkgname} > %{buildroot}/usr/share/%{pkgname}/README
echo "version=%{pkgversion}" > %{buildroot}/etc/%{pkgname}/%{pkgname}.conf
ln -s README %{buildroot}/usr/share/%{pkgname}/README.link
%if 0%{?with_libs:1}
echo lib > %{buildroot}/usr/lib/lib%{pkgname}.so.1
%endif

%files
%dir /usr/share/%{pkgname}
/usr/share/%{pkgname}/README
/usr/share/%{pkgname}/README.link
%config /etc/%{pkgname}/%{pkgname}.conf

%if 0%{?with_libs:1}
%files libs
/usr/lib/lib%{pkgname}.so.1
%endif
SPEC

build() { # name version release epoch(or -) arch licence vendor [with_libs]
  local defs=(--define "_topdir $top" --define "pkgname $1" --define "pkgversion $2"
    --define "pkgrelease $3" --define "pkgarch $5" --define "pkglicense $6" --define "pkgvendor $7"
    --define "_build_id_links none" --define "__os_install_post %{nil}")
  if [ "$4" != - ]; then defs+=(--define "pkgepoch $4"); fi
  if [ "${8:-}" = libs ]; then defs+=(--define "with_libs 1"); fi
  # rpmbuild stores %{modularitylabel} in RPMTAG_MODULARITYLABEL (as RHEL module builds do).
  if [ -n "${9:-}" ]; then defs+=(--define "modularitylabel $9"); fi
  rpmbuild -bb --quiet --target "$5" "${defs[@]}" "$top/SPECS/template.spec" >/dev/null 2>&1 \
    || rpmbuild -bb --target "$5" "${defs[@]}" "$top/SPECS/template.spec"
}
build alpha 1.0 1 - noarch MIT "Bulkhead Test"
build bravo 3.4.5 6.el9 2 noarch "GPL-2.0-or-later" "Bulkhead Test" libs
build charlie 2023.1 0.1.rc1 0 noarch "BSD-3-Clause AND MIT" "Example Vendor" "" \
  "charlie:2023:9030020231120123456:abcdef12"
build delta-tools 10.2.3 1.fc39 - noarch "Apache-2.0" "Example Vendor"
build echo 0.9 3 12 noarch "LGPL-2.1-or-later" "Bulkhead Test" libs

query='%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\t%{LICENSE}\t%{VENDOR}\n'
files='[%{=NAME}\t%{FILEMODES:octal}\t%{FILENAMES}\n]'
labels='%{NAME}\t%{MODULARITYLABEL}\n'

root="$out/sqlite"
rm -rf "$root"
rpm --root "$root" --dbpath /var/lib/rpm --initdb
# Debian's rpm warns on stderr that it is not the system package manager; show it only on failure.
rpm --root "$root" --dbpath /var/lib/rpm -i --nodeps --nosignature --noscripts --justdb \
  "$top"/RPMS/noarch/*.rpm 2>"$out/install.log" || { cat "$out/install.log" >&2; exit 1; }
rpm --root "$root" --dbpath /var/lib/rpm -qa --qf "$query" | sort > "$out/sqlite.expected.tsv"
rpm --root "$root" --dbpath /var/lib/rpm -qa --qf "$files" | sort > "$out/sqlite.files.tsv"
rpm --root "$root" --dbpath /var/lib/rpm -qa --qf "$labels" | sort > "$out/sqlite.labels.tsv"

# Berkeley DB: rpm 4.18 only reads BDB (bdb_ro), so the header blobs go through db5.3_load, keyed
# by header number in host byte order as rpm's bdb backend stored them.
to_bdb() { # pagesize dir
  python3 - "$root/var/lib/rpm/rpmdb.sqlite" "$1" > "$out/dump.txt" <<'PY'
import sqlite3, struct, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=%s\nHEADER=END" % sys.argv[2])
for hnum, blob in db.execute("SELECT hnum, blob FROM Packages ORDER BY hnum"):
    print(" " + struct.pack("=I", hnum).hex())
    print(" " + bytes(blob).hex())
print("DATA=END")
PY
  rm -rf "$out/$2"
  mkdir -p "$out/$2/var/lib/rpm"
  db5.3_load -f "$out/dump.txt" "$out/$2/var/lib/rpm/Packages"
  rm -f "$out/dump.txt"
  rpm --root "$out/$2" --dbpath /var/lib/rpm --define '_db_backend bdb_ro' -qa --qf "$query" 2>/dev/null \
    | sort > "$out/$2.expected.tsv"
  rpm --root "$out/$2" --dbpath /var/lib/rpm --define '_db_backend bdb_ro' -qa --qf "$files" 2>/dev/null \
    | sort > "$out/$2.files.tsv"
}
to_bdb 4096 bdb
to_bdb 512 bdb512
