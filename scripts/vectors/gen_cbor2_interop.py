#!/usr/bin/env python3
"""Generate Tests/ConciseTests/Resources/cbor2-interop.json from the real cbor2 (PyPI).

For every Python value in CASES the file records
  hex            cbor2.dumps(value).hex()
  canonical_hex  cbor2.dumps(value, canonical=True).hex()
  expect         a typed description (CONTRACT.md "Typed description format", raw mode,
                 plus "width" on floats) of what `hex` holds.

`expect` is built by describe() from the Python value that was constructed, not from
cbor2's decoder.  It is then cross-checked three ways (any disagreement aborts):
  1. an independent minimal CBOR reader in this file (raw generic data model, float widths);
  2. cbor2.loads() with a semantic_decoders mapping that answers every tag with CBORTag
     (the contract's raw mode);
  3. cbor_diag.cbor2diag() must accept both `hex` and `canonical_hex` as well-formed.
canonical_hex must also decode (cbor2, raw mode) to a value equal to the original.

Run from the repository root:
    .venv/bin/python scripts/vectors/gen_cbor2_interop.py [--out DIR]
Deterministic: fixed seeds, insertion-ordered case list, stable JSON.
"""
import argparse
import importlib.metadata
import json
import math
import os
import random
import struct
import sys
from collections.abc import Mapping

import cbor2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))
from cbor2_model import RawTags  # noqa: E402
import cbor_diag

CBOR2_VERSION = "6.3.0"
GENERATOR = "scripts/vectors/gen_cbor2_interop.py"
OUT_NAME = "cbor2-interop.json"
DEFAULT_OUT = os.path.join("Tests", "ConciseTests", "Resources")

U64 = 2**64
CANONICAL_NAN_BITS = "7ff8000000000000"  # cbor2 writes every NaN as f97e00


# --------------------------------------------------------------------------- typed nodes

def float_bits(x):
    return struct.pack(">d", x).hex()


def float_node(x, width):
    bits = CANONICAL_NAN_BITS if math.isnan(x) else float_bits(x)
    node = {"t": "float", "bits": bits, "repr": repr(x)}
    if width is not None:
        node["width"] = width
    return node


def int_node(n):
    if -U64 <= n < U64:
        return {"t": "int", "v": str(n)}
    # cbor2 writes bignums as tag 2 / tag 3 around the minimal big-endian magnitude
    if n >= 0:
        tag, m = 2, n
    else:
        tag, m = 3, -1 - n
    return {"t": "tag", "tag": tag,
            "v": {"t": "bytes", "hex": m.to_bytes((m.bit_length() + 7) // 8, "big").hex()}}


def cbor2_float_width(x):
    """Width cbor2 6.3.0 puts on the wire for a float when canonical=False."""
    if math.isnan(x) or math.isinf(x):
        return 16
    return 64


SIMPLE_SPECIAL = {20: {"t": "bool", "v": False}, 21: {"t": "bool", "v": True},
                  22: {"t": "null"}, 23: {"t": "undefined"}}


def describe(v, width_of=cbor2_float_width):
    """Typed raw-mode node for a Python value as cbor2 encodes it (canonical=False).

    width_of(float) -> 16/32/64, or None to omit "width" (used for comparisons
    against decoded values, where the wire width is not visible)."""
    if v is None:
        return {"t": "null"}
    if v is cbor2.undefined:
        return {"t": "undefined"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return int_node(v)
    if isinstance(v, float):
        return float_node(v, width_of(v) if width_of else None)
    if isinstance(v, str):
        return {"t": "text", "v": v}
    if isinstance(v, (bytes, bytearray)):
        return {"t": "bytes", "hex": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return {"t": "array", "v": [describe(x, width_of) for x in v]}
    if isinstance(v, Mapping):
        return {"t": "map", "v": [[describe(k, width_of), describe(x, width_of)] for k, x in v.items()]}
    if isinstance(v, cbor2.CBORTag):
        return {"t": "tag", "tag": v.tag, "v": describe(v.value, width_of)}
    if isinstance(v, cbor2.CBORSimpleValue):
        if v.value in SIMPLE_SPECIAL:
            return dict(SIMPLE_SPECIAL[v.value])
        return {"t": "simple", "v": v.value}
    raise TypeError("cannot describe %r" % (type(v),))


def strip_width(node):
    """Copy of a node without float "width" (decoded Python values do not carry it)."""
    if isinstance(node, dict):
        return {k: strip_width(x) for k, x in node.items() if k != "width"}
    if isinstance(node, list):
        return [strip_width(x) for x in node]
    return node


def unordered(node):
    """Copy of a node with map pairs sorted by their JSON text (for order-free comparison)."""
    if isinstance(node, list):
        return [unordered(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: unordered(x) for k, x in node.items()}
    if node.get("t") == "map":
        out["v"] = sorted(out["v"], key=lambda p: json.dumps(p, sort_keys=True))
    return out


# --------------------------------------------------------------------------- independent reader

class WireError(Exception):
    pass


def wire_parse(data):
    """Minimal raw-mode CBOR reader (generic data model) -> (typed node with widths, end)."""

    def need(pos, n):
        if pos + n > len(data):
            raise WireError("truncated at %d" % pos)

    def head(pos):
        need(pos, 1)
        ib = data[pos]
        mt, ai = ib >> 5, ib & 31
        pos += 1
        if ai < 24:
            return mt, ai, ai, pos
        if ai in (24, 25, 26, 27):
            n = 1 << (ai - 24)
            need(pos, n)
            return mt, ai, int.from_bytes(data[pos:pos + n], "big"), pos + n
        if ai == 31:
            return mt, ai, None, pos
        raise WireError("reserved additional information %d" % ai)

    def item(pos, depth=0):
        mt, ai, arg, pos = head(pos)
        if mt == 0:
            if arg is None:
                raise WireError("ai 31 on major 0")
            return {"t": "int", "v": str(arg)}, pos
        if mt == 1:
            if arg is None:
                raise WireError("ai 31 on major 1")
            return {"t": "int", "v": str(-1 - arg)}, pos
        if mt in (2, 3):
            if arg is None:
                chunks = []
                while True:
                    need(pos, 1)
                    if data[pos] == 0xFF:
                        pos += 1
                        break
                    cmt, _, clen, pos = head(pos)
                    if cmt != mt or clen is None:
                        raise WireError("bad chunk")
                    need(pos, clen)
                    chunks.append(data[pos:pos + clen])
                    pos += clen
                raw = b"".join(chunks)
            else:
                need(pos, arg)
                raw = data[pos:pos + arg]
                pos += arg
            if mt == 2:
                return {"t": "bytes", "hex": raw.hex()}, pos
            return {"t": "text", "v": raw.decode("utf-8")}, pos
        if mt in (4, 5):
            out = []
            count = arg if mt == 4 else (None if arg is None else 2 * arg)
            i = 0
            while True:
                if count is None:
                    need(pos, 1)
                    if data[pos] == 0xFF:
                        pos += 1
                        break
                elif i == count:
                    break
                x, pos = item(pos, depth + 1)
                out.append(x)
                i += 1
            if mt == 4:
                return {"t": "array", "v": out}, pos
            if len(out) % 2:
                raise WireError("odd map")
            return {"t": "map", "v": [[out[j], out[j + 1]] for j in range(0, len(out), 2)]}, pos
        if mt == 6:
            if arg is None:
                raise WireError("ai 31 on major 6")
            x, pos = item(pos, depth + 1)
            return {"t": "tag", "tag": arg, "v": x}, pos
        # major 7
        if ai < 24 or ai == 24:
            if ai == 24 and arg < 32:
                raise WireError("two-byte simple below 32")
            if arg in SIMPLE_SPECIAL:
                return dict(SIMPLE_SPECIAL[arg]), pos
            return {"t": "simple", "v": arg}, pos
        if ai == 25:
            x = struct.unpack(">e", arg.to_bytes(2, "big"))[0]
            return float_node(x, 16), pos
        if ai == 26:
            x = struct.unpack(">f", arg.to_bytes(4, "big"))[0]
            return float_node(x, 32), pos
        if ai == 27:
            x = struct.unpack(">d", arg.to_bytes(8, "big"))[0]
            return float_node(x, 64), pos
        raise WireError("unexpected break")

    return item(0)


def wire_describe(data):
    node, end = wire_parse(data)
    if end != len(data):
        raise WireError("trailing bytes")
    return node


# --------------------------------------------------------------------------- cbor2 raw mode

def cbor2_raw_loads(data):
    return cbor2.loads(data, semantic_decoders=RawTags())


# --------------------------------------------------------------------------- cases

CASES = []


def case(name, value):
    CASES.append((name, value))


def f32(x):
    return struct.unpack(">f", struct.pack(">f", x))[0]


def bits_to_float(h):
    return struct.unpack(">d", bytes.fromhex(h))[0]


def build_cases():
    # ---- integers at every head-size boundary
    for n in [0, 1, 10, 23, 24, 25, 100, 255, 256, 1000, 65535, 65536,
              2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1]:
        case("uint %d" % n, n)
    for n in [-1, -10, -24, -25, -100, -256, -257, -1000, -65536, -65537,
              -2**32, -2**32 - 1, -2**63, -2**63 - 1, -2**64 + 1, -2**64]:
        case("nint %d" % n, n)
    # ---- bignums just beyond the 64-bit range
    for n in [2**64, 2**64 + 1, 2**65, 2**72 - 1, 2**72, 2**100, 2**128 - 1, 2**128, 2**200 + 12345,
              -2**64 - 1, -2**64 - 2, -2**65, -2**72 - 1, -2**100, -(2**128), -(2**128) - 1, -(2**200)]:
        case("bignum %d" % n, n)
    rng = random.Random(8949)
    for i in range(12):
        bits = rng.choice([5, 8, 13, 16, 24, 31, 32, 40, 53, 63, 64])
        n = rng.getrandbits(bits)
        if rng.random() < 0.5:
            n = -1 - n
        case("random int %d" % n, n)

    # ---- floats
    floats = [
        ("0.0", 0.0), ("-0.0", -0.0), ("1.0", 1.0), ("-1.0", -1.0), ("1.5", 1.5), ("1.1", 1.1),
        ("-4.0", -4.0), ("-4.1", -4.1), ("0.5", 0.5), ("0.333251953125 (half)", 0.333251953125),
        ("1/3 (double only)", 1.0 / 3.0), ("65504.0 (half max)", 65504.0),
        ("65505.0 (single, not half)", 65505.0), ("65520.0 (rounds to inf in half)", 65520.0),
        ("100000.0", 100000.0), ("3.4028234663852886e+38 (single max)", 3.4028234663852886e+38),
        ("3.4028235677973366e+38 (above single max)", 3.4028235677973366e+38),
        ("1e300", 1e300), ("-1e300", -1e300), ("1.7976931348623157e+308 (double max)", 1.7976931348623157e+308),
        ("5e-324 (smallest double subnormal)", 5e-324),
        ("1.5e-323 (double subnormal)", 1.5e-323),
        ("2.225073858507201e-308 (largest double subnormal)", 2.225073858507201e-308),
        ("2.2250738585072014e-308 (smallest double normal)", 2.2250738585072014e-308),
        ("5.960464477539063e-08 (smallest half subnormal)", 2.0**-24),
        ("-5.960464477539063e-08", -(2.0**-24)),
        ("3.0517578125e-05 (half subnormal)", 2.0**-15),
        ("6.097555160522461e-05 (largest half subnormal)", 2.0**-14 - 2.0**-24),
        ("6.103515625e-05 (smallest half normal)", 2.0**-14),
        ("2.9802322387695312e-08 (half underflow, single normal)", 2.0**-25),
        ("1.401298464324817e-45 (smallest single subnormal)", 2.0**-149),
        ("1.1754942106924411e-38 (largest single subnormal)", 2.0**-126 - 2.0**-149),
        ("1.1754943508222875e-38 (smallest single normal)", 2.0**-126),
        ("7.006492321624085e-46 (below single subnormal)", 2.0**-150),
        ("pi (double)", math.pi), ("pi as float32", f32(math.pi)), ("3.140625 (half)", 3.140625),
        ("1e-07", 1e-07), ("0.1", 0.1), ("0.1 as float32", f32(0.1)), ("123456789.0", 123456789.0),
        ("16777216.0 (2^24)", 16777216.0), ("16777217.0 (not single)", 16777217.0),
        ("2048.0", 2048.0), ("2049.0 (not half)", 2049.0), ("9007199254740993-ish", 9007199254740992.0),
        ("NaN", float("nan")), ("-NaN", -float("nan")),
        ("NaN payload (fff8000000000001)", bits_to_float("fff8000000000001")),
        ("NaN payload (7ff0000000000001, signalling)", bits_to_float("7ff0000000000001")),
        ("Infinity", float("inf")), ("-Infinity", float("-inf")),
    ]
    for name, x in floats:
        case("float " + name, x)
    for i in range(8):
        x = rng.uniform(-1e6, 1e6)
        case("random float %r" % x, x)
    for i in range(4):
        x = f32(rng.uniform(-1000.0, 1000.0))
        case("random float32-exact %r" % x, x)

    # ---- text
    texts = [
        ("empty", ""), ("a", "a"), ("IETF", "IETF"), ("quote and backslash", "\"\\"),
        ("escapes", "tab\there\nnew\rline\b\f/"), ("C0 controls", "".join(chr(c) for c in range(32))),
        ("NUL inside", "a\x00b"), ("DEL", "\x7f"), ("C1 control U+0085", "\x85"),
        ("e acute", "\u00e9"), ("u umlaut", "\u00fc"), ("CJK water", "\u6c34"),
        ("CJK sentence", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"),
        ("emoji", "\U0001f600"), ("U+10151", "\U00010151"), ("max code point", "\U0010ffff"),
        ("BOM", "\ufeff"), ("U+FFFD", "\ufffd"), ("mixed", "a\u00e9\u6c34\U0001f600z"),
        ("23 bytes", "x" * 23), ("24 bytes", "y" * 24), ("255 bytes", "z" * 255),
        ("256 bytes", "w" * 256), ("65535 bytes", "".join(chr(97 + i % 26) for i in range(65535))),
        ("65536 bytes", "".join(chr(65 + i % 26) for i in range(65536))),
        ("24 bytes of 2-byte chars", "\u00e9" * 12), ("25 bytes multibyte", "\u00e9" * 11 + "\u6c34"),
    ]
    for name, s in texts:
        case("text " + name, s)

    # ---- bytes
    blobs = [
        ("empty", b""), ("01020304", b"\x01\x02\x03\x04"), ("00", b"\x00"), ("ff", b"\xff"),
        ("not utf-8", b"\xc3\x28\xff\xfe"), ("23 bytes", bytes(range(23))), ("24 bytes", bytes(range(24))),
        ("255 bytes", bytes(range(255))), ("256 bytes", bytes(range(256))),
        ("65535 bytes", bytes((i * 7) & 0xFF for i in range(65535))),
        ("65536 bytes", bytes(rng.getrandbits(8) for _ in range(65536))),
        ("bytearray", bytearray(b"\xde\xad\xbe\xef")),
    ]
    for name, b in blobs:
        case("bytes " + name, b)

    # ---- arrays
    nested = 0
    for _ in range(50):
        nested = [nested]
    case("array empty", [])
    case("array [1, 2, 3]", [1, 2, 3])
    case("array nested [1, [2, 3], [4, 5]]", [1, [2, 3], [4, 5]])
    case("array mixed", [0, -1, 1.5, "a", b"b", None, True, False, cbor2.undefined, [], {}])
    case("array 23 items", list(range(23)))
    case("array 24 items", list(range(24)))
    case("array 25 items (RFC A)", list(range(1, 26)))
    case("array 255 items", [i % 3 for i in range(255)])
    case("array 256 items", [None] * 256)
    case("array 1000 items", list(range(1000)))
    case("array nesting depth 50", nested)
    case("array of empties", [[], [[]], [[], []], {}, "", b""])
    case("tuple", (1, "two", 3.0))

    # ---- maps
    case("map empty", {})
    case("map {1: 2, 3: 4}", {1: 2, 3: 4})
    case("map RFC {a: 1, b: [2, 3]}", {"a": 1, "b": [2, 3]})
    case("map RFC a..e", {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"})
    case("map canonical order differs",
         {100: "hundred", -1: "minus one", "a": "text a", 1: "one", b"": "empty bytes", "aa": "text aa"})
    case("map reverse canonical order",
         {"aaa": 6, "aa": 5, b"\x01\x02": 4, 1000: 3, "z": 2, 24: 1, 10: 0})
    case("map int keys descending", {i: i * i for i in range(30, -30, -7)})
    case("map negative int keys", {-1: 1, -24: 2, -25: 3, -256: 4, -257: 5, -(2**64): 6})
    case("map bignum keys", {2**64: "big", -(2**64) - 1: "negbig", 0: "zero"})
    case("map text keys", {"b": 1, "a": 2, "": 3, "\u00e9": 4, "ab": 5, "B": 6})
    case("map bytes keys", {b"\xff": 1, b"\x00": 2, b"": 3, b"\x00\x00": 4})
    case("map tuple keys", {(1, 2): "a", (): "b", (1,): "c", ("x", (2, 3)): "d"})
    case("map float keys", {1.5: "a", -0.0: "b", 100000.0: "c", 1.1: "d", float("inf"): "e"})
    case("map bool/null/undefined keys", {True: 1, False: 0, None: -1, cbor2.undefined: -2})
    case("map frozendict key", {cbor2.frozendict({1: 2}): "fd", cbor2.frozendict(): "empty fd"})
    case("map simple value keys", {cbor2.CBORSimpleValue(0): 0, cbor2.CBORSimpleValue(255): 255,
                                   cbor2.CBORSimpleValue(32): 32})
    case("map tag keys", {cbor2.CBORTag(6, 1): "six", cbor2.CBORTag(256, "x"): "256", cbor2.CBORTag(24, b""): "24"})
    case("map every key kind",
         {100: 1, -1: 2, "a": 3, 1: 4, b"": 5, "aa": 6, (1,): 7, 2.5: 8, None: 9, False: 10,
          2**64: 11, cbor2.CBORTag(1000, 0): 12, cbor2.CBORSimpleValue(99): 13, cbor2.frozendict({"k": "v"}): 14})
    case("map 23 pairs", {"k%02d" % i: i for i in range(23)})
    case("map 24 pairs", {i: str(i) for i in range(24)})
    case("map 256 pairs", {i * 37 % 1000 - 500: i for i in range(256)})
    case("map nested", {"outer": {"inner": {"deep": [1, {"x": None}]}}})
    case("frozendict value", cbor2.frozendict({"b": 1, "a": 2}))

    # ---- tags
    tag_numbers = [6, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63, 2**64 - 1]
    contents = [0, "text", b"\x01\x02", [1, 2], {"a": 1}, 1.5, None, cbor2.CBORTag(7, -1)]
    for i, t in enumerate(tag_numbers):
        case("tag %d(int)" % t, cbor2.CBORTag(t, i))
        c = contents[i % len(contents)]
        case("tag %d around %s" % (t, type(c).__name__), cbor2.CBORTag(t, c))
    for t in [0, 1, 2, 3, 25, 28, 29, 30, 55799]:
        # CBORTag objects with numbers that have built-in meanings, encoded verbatim
        case("tag %d as CBORTag" % t, cbor2.CBORTag(t, [t] if t in (28, 30) else t))
    case("tag 2 around bytes", cbor2.CBORTag(2, b"\x01" + b"\x00" * 8))
    case("tag 0 around text", cbor2.CBORTag(0, "2013-03-21T20:04:00Z"))
    case("tag nested 3 deep", cbor2.CBORTag(6, cbor2.CBORTag(24, cbor2.CBORTag(65536, "in"))))
    case("tag 1000 around map with canonical reordering", cbor2.CBORTag(1000, {"bb": 1, "a": 2, 3: 3}))

    # ---- simple values
    for n in list(range(0, 24)) + [32, 33, 59, 99, 100, 127, 128, 200, 254, 255]:
        case("simple(%d)" % n, cbor2.CBORSimpleValue(n))

    # ---- specials
    case("true", True)
    case("false", False)
    case("null", None)
    case("undefined", cbor2.undefined)

    # ---- combinations
    case("combo document", {
        "id": 2**64 + 5, "neg": -(2**64), "ratio": 0.25, "name": "Concise \u2713",
        "blob": b"\x00\xff", "tags": [cbor2.CBORTag(6, "x"), cbor2.CBORTag(2**64 - 1, None)],
        "flags": [True, False, None, cbor2.undefined, cbor2.CBORSimpleValue(32)],
        "nested": {(1, 2): {b"k": [1.1, float("inf"), float("nan")]}},
    })
    case("combo array of every kind",
         [0, -1, 2**64, -(2**64) - 1, 0.0, -0.0, float("nan"), "s", b"b", [], {}, True, None,
          cbor2.undefined, cbor2.CBORSimpleValue(0), cbor2.CBORTag(23, b"")])
    case("combo canonical reorder inside array", [{"bb": 1, "a": 2}, {2: 0, 1: 0}, {(): 1, 0: 2}])
    case("combo map of floats needing all widths", {"h": 1.5, "s": 100000.0, "d": 1.1, "n": float("nan")})

    # ---- seeded random nested structures
    def rnd(depth):
        k = rng.randrange(12 if depth < 4 else 8)
        if k == 0:
            return rng.randrange(-(2**66), 2**66) >> rng.randrange(70)
        if k == 1:
            return rng.choice([0.0, -0.0, 1.5, 1.1, 65504.0, 100000.0, 2.0**-24, rng.uniform(-10, 10), float("inf")])
        if k == 2:
            return "".join(rng.choice("ab\u00e9\u6c34\U0001f600\n\"") for _ in range(rng.randrange(30)))
        if k == 3:
            return bytes(rng.getrandbits(8) for _ in range(rng.randrange(30)))
        if k == 4:
            return rng.choice([True, False, None, cbor2.undefined])
        if k == 5:
            return cbor2.CBORSimpleValue(rng.choice([0, 5, 19, 32, 64, 255]))
        if k == 6:
            return rng.randrange(-300, 300)
        if k == 7:
            return rng.choice(["", "a", "key", "\u00e9"])
        if k in (8, 9):
            return [rnd(depth + 1) for _ in range(rng.randrange(6))]
        if k == 10:
            d = {}
            for _ in range(rng.randrange(6)):
                key = rng.choice([rng.randrange(-1000, 1000), "k%d" % rng.randrange(100),
                                  bytes([rng.randrange(256)]) * rng.randrange(3), (rng.randrange(5),)])
                if key not in d:
                    d[key] = rnd(depth + 1)
            return d
        return cbor2.CBORTag(rng.choice([6, 24, 255, 256, 70000, 2**40]), rnd(depth + 1))

    for i in range(30):
        case("random structure %02d" % i, rnd(0))


# --------------------------------------------------------------------------- checks & output

def check_case(name, value, data, cdata, expect):
    # 1. independent wire reader (includes float widths)
    got = wire_describe(data)
    if got != expect:
        raise AssertionError("%s: wire reader disagrees\n%s\n%s" % (name, json.dumps(got)[:400], json.dumps(expect)[:400]))
    # 2. cbor2 raw-mode decoder (no widths visible)
    dec = describe(cbor2_raw_loads(data), width_of=None)
    if dec != strip_width(expect):
        raise AssertionError("%s: cbor2 raw decode disagrees" % name)
    # 3. cbor_diag well-formedness of both encodings
    cbor_diag.cbor2diag(data)
    cbor_diag.cbor2diag(cdata)
    # canonical form decodes back to the original value (map order and float width aside)
    cdec = describe(cbor2_raw_loads(cdata), width_of=None)
    if unordered(cdec) != unordered(describe(value, width_of=None)):
        raise AssertionError("%s: canonical_hex does not decode to the original" % name)
    wire_describe(cdata)  # and is well-formed for the independent reader too


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    args = ap.parse_args()
    installed = importlib.metadata.version("cbor2")
    if installed != CBOR2_VERSION:
        raise SystemExit("need cbor2 %s, found %s (see scripts/requirements.txt)" % (CBOR2_VERSION, installed))
    build_cases()
    names = [n for n, _ in CASES]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit("duplicate case names: %s" % sorted(dup))
    out_cases = []
    for name, value in CASES:
        data = cbor2.dumps(value)
        cdata = cbor2.dumps(value, canonical=True)
        expect = describe(value)
        check_case(name, value, data, cdata, expect)
        out_cases.append({"name": name, "hex": data.hex(), "canonical_hex": cdata.hex(), "expect": expect})
    doc = {"generator": GENERATOR, "cbor2": CBOR2_VERSION, "cases": out_cases}
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, OUT_NAME)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(json.dumps(doc, indent=1, ensure_ascii=True) + "\n")
    print("wrote %s (%d cases)" % (path, len(out_cases)), file=sys.stderr)


if __name__ == "__main__":
    main()
