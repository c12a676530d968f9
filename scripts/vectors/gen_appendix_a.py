#!/usr/bin/env python3
"""Generate the RFC 8949 Appendix A resources from cbor/test-vectors' appendix_a.json.

Writes, into Tests/ConciseTests/Resources (or --out DIR):
  appendix-a.json           verbatim byte copy of the input file
  appendix-a-expected.json  one entry per vector, same order:
      {"hex", "roundtrip", "expect": <typed raw node, floats with "width">}
   or {"hex": "f818", "expect_error": "invalidSimpleValue"}   (RFC 8949: not well-formed)

`expect` comes from the vector's exact "decoded" JSON (big integers kept exact by Python's
json; JSON numbers on a float head -> binary64 bits, width from the initial byte f9/fa/fb;
integers beyond 64 bits -> tag 2/3 + magnitude bytes) or, for vectors that only carry
"diagnostic", from the hand-written DIAGNOSTIC table below.  Every entry is asserted
against cbor2.loads() in raw mode (all tags kept as CBORTag) and against the independent
reader in gen_cbor2_interop.py; f818 must be rejected by cbor2.

Run from the repository root:
    .venv/bin/python scripts/vectors/gen_appendix_a.py [--input FILE] [--out DIR]
"""
import sys

sys.dont_write_bytecode = True  # importing the sibling script must not leave __pycache__ behind

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402

import cbor2  # noqa: E402

import gen_cbor2_interop as common  # noqa: E402

DEFAULT_INPUT = "/work/shared/cbor-test-vectors/appendix_a.json"
DEFAULT_OUT = common.DEFAULT_OUT

WIDTH_BY_INITIAL_BYTE = {0xF9: 16, 0xFA: 32, 0xFB: 64}

NOT_WELL_FORMED = {"f818": "invalidSimpleValue"}  # simple(24) in two-byte form (RFC 8949 3.3)


def fnode(hexbits64, width, rep):
    return {"t": "float", "bits": hexbits64, "repr": rep, "width": width}


def text(s):
    return {"t": "text", "v": s}


def bytes_node(h):
    return {"t": "bytes", "hex": h}


def intn(n):
    return {"t": "int", "v": str(n)}


# Vectors without a "decoded" member, keyed by hex (the diagnostic is checked too).
DIAGNOSTIC = {
    "f97c00": ("Infinity", fnode("7ff0000000000000", 16, "inf")),
    "f97e00": ("NaN", fnode("7ff8000000000000", 16, "nan")),
    "f9fc00": ("-Infinity", fnode("fff0000000000000", 16, "-inf")),
    "fa7f800000": ("Infinity", fnode("7ff0000000000000", 32, "inf")),
    "fa7fc00000": ("NaN", fnode("7ff8000000000000", 32, "nan")),
    "faff800000": ("-Infinity", fnode("fff0000000000000", 32, "-inf")),
    "fb7ff0000000000000": ("Infinity", fnode("7ff0000000000000", 64, "inf")),
    "fb7ff8000000000000": ("NaN", fnode("7ff8000000000000", 64, "nan")),
    "fbfff0000000000000": ("-Infinity", fnode("fff0000000000000", 64, "-inf")),
    "f7": ("undefined", {"t": "undefined"}),
    "f0": ("simple(16)", {"t": "simple", "v": 16}),
    "f8ff": ("simple(255)", {"t": "simple", "v": 255}),
    "c074323031332d30332d32315432303a30343a30305a":
        ('0("2013-03-21T20:04:00Z")', {"t": "tag", "tag": 0, "v": text("2013-03-21T20:04:00Z")}),
    "c11a514b67b0": ("1(1363896240)", {"t": "tag", "tag": 1, "v": intn(1363896240)}),
    "c1fb41d452d9ec200000":
        ("1(1363896240.5)", {"t": "tag", "tag": 1, "v": fnode("41d452d9ec200000", 64, "1363896240.5")}),
    "d74401020304": ("23(h'01020304')", {"t": "tag", "tag": 23, "v": bytes_node("01020304")}),
    "d818456449455446": ("24(h'6449455446')", {"t": "tag", "tag": 24, "v": bytes_node("6449455446")}),
    "d82076687474703a2f2f7777772e6578616d706c652e636f6d":
        ('32("http://www.example.com")', {"t": "tag", "tag": 32, "v": text("http://www.example.com")}),
    "40": ("h''", bytes_node("")),
    "4401020304": ("h'01020304'", bytes_node("01020304")),
    "a201020304": ("{1: 2, 3: 4}", {"t": "map", "v": [[intn(1), intn(2)], [intn(3), intn(4)]]}),
    "5f42010243030405ff": ("(_ h'0102', h'030405')", bytes_node("0102030405")),
}


def no_nested_float(x):
    raise AssertionError("nested float %r in a decoded vector: its wire width is unknown" % (x,))


def from_decoded(decoded, width):
    """Typed node for a vector's "decoded" JSON value; `width` is the top-level float width."""
    if width is not None and isinstance(decoded, (int, float)) and not isinstance(decoded, bool):
        return common.float_node(float(decoded), width)
    return common.describe(decoded, width_of=no_nested_float)


def pairs_hook(pairs):
    # keep wire order (and duplicates, if any) of JSON objects
    return PairMap(pairs)


class PairMap(dict):
    """dict built from JSON pairs; describe() walks .items(), which keeps JSON order."""

    def __init__(self, pairs):
        super().__init__(pairs)
        if len(self) != len(pairs):
            raise AssertionError("duplicate keys in a decoded JSON object")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=DEFAULT_INPUT)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    with open(args.input, "rb") as f:
        raw = f.read()
    vectors = json.loads(raw.decode("utf-8"), object_pairs_hook=pairs_hook)

    out = []
    used_diag = set()
    for vec in vectors:
        h = vec["hex"]
        data = bytes.fromhex(h)
        if h in NOT_WELL_FORMED:
            try:
                cbor2.loads(data)
            except cbor2.CBORDecodeError:
                pass
            else:
                raise AssertionError("cbor2 accepted %s" % h)
            out.append({"hex": h, "expect_error": NOT_WELL_FORMED[h]})
            continue
        if "decoded" in vec:
            expect = from_decoded(vec["decoded"], WIDTH_BY_INITIAL_BYTE.get(data[0]))
        else:
            diag, expect = DIAGNOSTIC[h]
            if vec.get("diagnostic") != diag:
                raise AssertionError("%s: diagnostic %r != table %r" % (h, vec.get("diagnostic"), diag))
            used_diag.add(h)
        # independent reader: exact, widths included
        got = common.wire_describe(data)
        if got != expect:
            raise AssertionError("%s: reader gives %s, expected %s" % (h, json.dumps(got), json.dumps(expect)))
        # cbor2 in raw mode: no widths; NaN bits normalised by describe()
        dec = common.describe(common.cbor2_raw_loads(data), width_of=None)
        if dec != common.strip_width(expect):
            raise AssertionError("%s: cbor2 gives %s, expected %s" % (h, json.dumps(dec), json.dumps(expect)))
        out.append({"hex": h, "roundtrip": vec["roundtrip"], "expect": expect})

    missing = set(DIAGNOSTIC) - used_diag
    if missing:
        raise AssertionError("unused diagnostic table entries: %s" % sorted(missing))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "appendix-a.json"), "wb") as f:
        f.write(raw)
    path = os.path.join(args.out, "appendix-a-expected.json")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(json.dumps(out, indent=1, ensure_ascii=True) + "\n")
    print("wrote %s (%d entries)" % (path, len(out)), file=sys.stderr)


if __name__ == "__main__":
    main()
