#!/usr/bin/env python3
"""Validate JSON documents against the schemas stored beside this script, offline.

Usage:
  validate_offline.py SCHEMA.json DOC.json [DOC.json ...]   validate documents
  validate_offline.py --selftest                             run every document under
        examples/ against its schema; files named *INVALID* or invalid-* must fail
  add --formats to also check "format" keywords (date-time, uri, ...); without it,
        formats are annotations only, as the JSON Schema drafts allow.

Every *schema*.json file outside examples/ is loaded into a local store keyed by its
"$id" (or draft-04 "id"), so cross-file $refs (CycloneDX bom -> spdx.schema.json,
jsf-0.82.schema.json, cryptography-defs.schema.json) resolve from disk. Any $ref that
would need the network is refused, never fetched.

Works with Debian's python3-jsonschema 4.10 (RefResolver) and with jsonschema >= 4.18
(referencing.Registry). Written for this folder; not an upstream file.
"""
import json
import pathlib
import sys

import jsonschema

# Local change (not in the fixture copy): Debian bookworm's jsonschema 4.10 words an
# "additionalItems" error by sorting the extra items, which raises TypeError when they are
# objects (a CycloneDX component with two licences trips it inside licenseChoice's oneOf).
# Word the message without sorting; newer jsonschema versions do not sort either.
try:
    from jsonschema import _utils as _js_utils, _validators as _js_validators

    def _extras_msg(extras):
        extras = list(extras)
        return ", ".join(repr(e) for e in extras), ("was" if len(extras) == 1 else "were")

    if hasattr(_js_validators, "extras_msg"):
        _js_utils.extras_msg = _extras_msg
        _js_validators.extras_msg = _extras_msg
except ImportError:
    pass

HERE = pathlib.Path(__file__).resolve().parent


def load_store(root=HERE):
    store = {}
    for p in sorted(root.rglob("*schema*.json")):
        if "examples" in p.relative_to(root).parts:
            continue
        s = json.loads(p.read_text(encoding="utf-8"))
        sid = s.get("$id") or s.get("id")
        if sid:
            store[sid.rstrip("#")] = s
    return store


def make_validator(schema, store, formats=False):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    kwargs = {}
    if formats:
        kwargs["format_checker"] = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    try:
        from referencing import Registry, Resource  # jsonschema >= 4.18
    except ImportError:
        Registry = None
    if Registry is not None:
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in store.items()
        )
        return cls(schema, registry=registry, **kwargs)

    def refuse(uri):
        raise jsonschema.RefResolutionError(f"offline: refusing to fetch {uri}")

    id_of = getattr(cls, "ID_OF", None)
    extra = {"id_of": id_of} if id_of else {}
    resolver = jsonschema.RefResolver.from_schema(
        schema, store=dict(store), handlers={"http": refuse, "https": refuse}, **extra
    )
    return cls(schema, resolver=resolver, **kwargs)


def errors_for(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def describe(err):
    where = "/".join(str(x) for x in err.absolute_path) or "(root)"
    return f"  at {where}: {err.message[:200]}"


# which schema each example family uses (relative to HERE)
SELFTEST = [
    ("examples/**/cyclonedx-1.4*.json", "cyclonedx/bom-1.4.schema.json"),
    ("examples/**/*-1.4.json", "cyclonedx/bom-1.4.schema.json"),
    ("examples/**/cyclonedx-1.5*.json", "cyclonedx/bom-1.5.schema.json"),
    ("examples/**/*-1.5.json", "cyclonedx/bom-1.5.schema.json"),
    ("examples/**/cyclonedx-1.6*.json", "cyclonedx/bom-1.6.schema.json"),
    ("examples/**/*-1.6.json", "cyclonedx/bom-1.6.schema.json"),
    ("examples/**/*-1.7.json", "cyclonedx/bom-1.7.schema.json"),
    ("examples/**/*spdx*2.3*.json", "spdx-2.3/spdx-schema.json"),
    ("examples/spdx-2.3/*.json", "spdx-2.3/spdx-schema.json"),
    ("examples/**/*sarif*.json", "sarif-2.1.0/sarif-schema-2.1.0.json"),
    ("examples/**/*openvex*.json", "openvex/openvex_json_schema.json"),
]


def uri_format_checked():
    return "uri" in jsonschema.FormatChecker().checkers


def selftest(store, formats):
    seen, bad, skipped = set(), 0, 0
    for pattern, schema_rel in SELFTEST:
        schema = json.loads((HERE / schema_rel).read_text(encoding="utf-8"))
        plain = make_validator(schema, store, formats)
        with_formats = make_validator(schema, store, True)
        for doc_path in sorted(HERE.glob(pattern)):
            if doc_path in seen:
                continue
            seen.add(doc_path)
            rel = doc_path.relative_to(HERE)
            v = plain
            if "needs-formats" in doc_path.name:
                # JSF "algorithm" is oneOf[enum, {type: string, format: uri}]: with formats
                # unchecked, "ES256" matches both branches and oneOf fails.
                if not uri_format_checked():
                    skipped += 1
                    print(f"skip         {rel}  (no 'uri' format checker: install python3-rfc3987)")
                    continue
                v = with_formats
            doc = json.loads(doc_path.read_text(encoding="utf-8"))
            errs = errors_for(v, doc)
            expect_invalid = "INVALID" in doc_path.name or doc_path.name.startswith("invalid-")
            ok = bool(errs) == expect_invalid
            bad += not ok
            state = "invalid" if errs else "valid"
            print(f"{'ok  ' if ok else 'FAIL'} {state:7} {rel}  [{schema_rel}]")
            if errs and (not ok or expect_invalid):
                for e in errs[:3]:
                    print(describe(e))
    print(f"{len(seen) - bad - skipped} passed, {bad} failed, {skipped} skipped")
    return 1 if bad else 0


def main(argv):
    formats = "--formats" in argv
    argv = [a for a in argv if a != "--formats"]
    store = load_store()
    if argv[:1] == ["--selftest"]:
        return selftest(store, formats)
    if len(argv) < 2:
        print(__doc__)
        return 2
    schema = json.loads(pathlib.Path(argv[0]).read_text(encoding="utf-8"))
    v = make_validator(schema, store, formats)
    rc = 0
    for d in argv[1:]:
        errs = errors_for(v, json.loads(pathlib.Path(d).read_text(encoding="utf-8")))
        print(f"{'INVALID' if errs else 'valid'}  {d}")
        for e in errs[:10]:
            print(describe(e))
        rc |= bool(errs)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
