"""`concise to-json` against the real `python -m cbor2.tool` (cbor2 from PyPI), byte for byte.

The tool's own functions run in-process (cbor2.tool.tag_hook, key_to_str, DefaultEncoder with
json.dump exactly as its main() calls them), and `concise to-json` runs as a subprocess with the
same flags. Inputs: every RFC 8949 Appendix A vector, every cbor2 interop vector, and values
made here for the tool's fallbacks (dates, decimals, bigfloats, fractions, UUIDs, unknown tags,
tags in keys, tuple keys, undefined, simple values, invalid UTF-8 in byte strings). Cases where the
tool itself fails must fail here too; sets of text (Python's set order is per-process) are not
compared byte for byte, sets of numbers, tuples and frozensets (ordered by hashes that are the
same in every process) are.

Usage: test_to_json.py path/to/concise
"""
import base64
import datetime
import decimal
import fractions
import io
import json
import random
import subprocess
import sys
import uuid
from functools import partial
from pathlib import Path

import cbor2
from cbor2 import tool

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "Tests/ConciseTests/Resources"


def reference(data: bytes, pretty=False, sort_keys=False, sequence=False, ignore=()):
    """What `python -m cbor2.tool` prints for `data`, or None when it fails."""
    hook = partial(tool.tag_hook, ignore_tags=set(ignore))
    out = io.StringIO()
    try:
        infile = io.BytesIO(data)
        objs = tool.iterdecode(infile, tag_hook=hook) if sequence else (cbor2.load(infile, tag_hook=hook),)
        for obj in objs:
            json.dump(tool.key_to_str(obj), out, sort_keys=sort_keys, indent=(None, 4)[pretty],
                      cls=tool.DefaultEncoder, ensure_ascii=False)
            out.write("\n")
    except Exception:  # pylint: disable=broad-except
        return None
    return out.getvalue().encode("utf-8", errors="backslashreplace")


def generated():
    tz = datetime.timezone(datetime.timedelta(hours=2))
    values = [
        datetime.datetime(2013, 3, 21, 20, 4, 0, tzinfo=datetime.timezone.utc),
        datetime.datetime(2013, 3, 21, 20, 4, 0, 500000, tzinfo=tz),
        datetime.date(2020, 2, 29), decimal.Decimal("273.15"), decimal.Decimal("-1.5E+10"),
        fractions.Fraction(1, 3), uuid.UUID("5eaffac8-b51e-4805-8127-7fdcc7842faf"),
        cbor2.CBORTag(4711, [1, "x"]), {cbor2.CBORTag(99, "k"): 1}, {(1, "a"): 2, b"\xff\x00key": 3},
        cbor2.undefined, cbor2.CBORSimpleValue(99), b"\xe2\x82\xac euro \xff\xfe \xe2\x82", {1: 2, 3.5: 4, None: 5, True: 6},
        [float("nan"), float("inf"), -0.0, 1e-7, 1e16, 2**64, -(2**64) - 1, 2**100],
        {"nested": {"deep": [[[[{"x": "\u0001\u007f\u2028"}]]]]}}, "ünïcödé 漢字 😀",
        {2, 1, 3}, [], {}, "", b"",
    ]
    return [cbor2.dumps(value, datetime_as_timestamp=(i == 1)) for i, value in enumerate(values)] + [
        bytes.fromhex("d818456449455446"),  # tag 24 embedded CBOR
        bytes.fromhex("d9d9f7a16161f5"),  # self-described
        bytes.fromhex("c11a514b67b0"),  # epoch date-time
        bytes.fromhex("a1f6f6"),  # null key
        # Fractions with parts beyond 64 bits, not in lowest terms: Fraction reduces them.
        cbor2.dumps(cbor2.CBORTag(30, [2**70, 2**69 * 3])), cbor2.dumps(cbor2.CBORTag(30, [-(3**60), 3**58 * 2**65])),
        # Tags inside keys print their value's str(), and tuples and frozendicts their items'
        # repr(): of every type cbor2 decodes to.
        bytes.fromhex("a1d863") + cbor2.dumps([
            decimal.Decimal("-1.5E+10"), cbor2.CBORTag(5, [-1, 3]), datetime.date(2020, 2, 29),
            datetime.datetime(2013, 3, 21, 20, 4, 0, 500000, tzinfo=tz),
            datetime.datetime(2013, 3, 21, 20, 4, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
            datetime.datetime(2013, 3, 21, 20, 4, 0, tzinfo=datetime.timezone.utc), fractions.Fraction(-1, 3),
            uuid.UUID("5eaffac8-b51e-4805-8127-7fdcc7842faf"), cbor2.CBORSimpleValue(100), cbor2.undefined,
            cbor2.CBORTag(52, b"\xc0\xa8\x00\x01"), cbor2.CBORTag(54, [48, b"\x20\x01\x0d\xb8\x12\x34"]),
            cbor2.CBORTag(52, [b"\x0a\x00\x00\x01", 24]), cbor2.CBORTag(43000, [0.0, 2.0]),
            cbor2.CBORTag(43000, [-1.5, -0.0]), cbor2.CBORTag(43000, [1e16, float("inf")]), cbor2.CBORTag(35, "a+"),
        ]) + bytes.fromhex("01"),
        # The content of a semantic tag is immutable: the tool's hook makes a tag inside it text.
        bytes.fromhex("d823d78163612b2b"),
        # Refused by both: tag 24 holding no bytes, an interface, a complex number, a frozenset.
        bytes.fromhex("d81801"), bytes.fromhex("d83482440a0000011818"), bytes.fromhex("d9a7f882f93c00f94000"),
        bytes.fromhex("d91267d9010282f93e00f2"),
        # Found by a differential hunt against the tool: `repr` escapes what Python cannot print
        # (in a key's and a frozen tag's text); keys that `key_to_str` makes the same text are
        # one key, at the first one's place with the last value; `--sort-keys` orders numbers
        # exactly, also past 2^53 and 2^64; tag 24 inside another tag is a frozen value.
        bytes.fromhex("d863a162c28001"), bytes.fromhex("a18163e280a801"), bytes.fromhex("a2416101616102"),
        bytes.fromhex("a5416101e5026d63626f725f73696d706c653a35036161044261ff05"),
        bytes.fromhex("a2e5016d63626f725f73696d706c653a3502"), bytes.fromhex("a21b0020000000000001011b002000000000000002"),
        cbor2.dumps({2**64 + 1: 1, 2**64: 2, 2.0**64: 3, -(2**70): 4}), bytes.fromhex("c6d81843820102"),
        cbor2.dumps({tuple(chr(c) for c in (0x80, 0x9f, 0xa0, 0xad, 0x600, 0x2000, 0x200b, 0x2028, 0x2029, 0x3000,
                                          0xd7ff, 0xe000, 0xfeff, 0xfffe, 0x10ffff, 0x378, 0xe9, 0x1f600)): 1}),
        # Characters assigned after Unicode 14 (Python 3.11's tables) are unassigned to repr.
        cbor2.dumps({tuple(chr(c) for c in (0x1fae8, 0x11f00, 0x31350, 0x1e030, 0x0cf3, 0x1faf8)): 1}),
    ] + [
        # Bigfloats, `Decimal(m) * 2 ** Decimal(e)`: exact, rounded in the power or the product,
        # subnormal, vanishing to (negative) zero, overflowing (both refuse).
        cbor2.dumps(cbor2.CBORTag(5, [e, m])) for e, m in [
            (-1, 3), (0, 2**64 + 1), (-41, 7), (-42, -3), (93, 3), (94, 3), (100, 10**28 - 1), (1000, -5),
            (-1000, 999999999999999999999999999950), (0, 123456789012345678901234567890123), (3321928, 1),
            (3321928, 2), (-3321928, 3), (-3321950, 10**20 + 7), (-3322015, 1), (-3322016, 1), (-3322100, -3),
            (-(2**63), 3), (2**40, 1), (12345, 0), (-12345, 0),
            # Exponents beyond 64 bits: below -2**63 the product vanishes, above it overflows.
            (-(2**63) - 1, 1), (-(2**64), -5), (-(2**80), 0), (2**64 - 1, 1), (2**70, 1),
        ]
    ]


def numeric_sets(count=120, seed=258):
    """Sets of numbers, tuples and frozensets, whose order Python takes from their hashes (the
    same in every process): collisions, probing and growth up to 300 members; as values, map
    keys (`str(frozenset)`) and inside a tag in a key."""
    rng = random.Random(seed)

    def member(depth):
        kind = rng.random()
        if kind < 0.6:
            return cbor2.dumps(rng.choice([
                rng.randint(-20, 40), rng.randint(-300, 300), rng.randint(0, 1000) * rng.choice([8, 32, 1024, 2**16]),
                rng.randint(-2**63, 2**64), rng.choice([-1, -2, 2**61 - 1, -(2**61), 2**64, -(2**64) - 1, 2**70, 10**30]),
            ]))
        if kind < 0.75:
            return cbor2.dumps(rng.choice([0.5, -0.5, 1.5, 0.1, 1e300, 5e-324, float("inf"), -0.0, 1.0, 2.0**70,
                                           rng.uniform(-1000, 1000), float(rng.randint(-50, 50))]), canonical=rng.random() < 0.3)
        if kind < 0.82:
            return cbor2.dumps(rng.random() < 0.5)
        if kind < 0.92 and depth < 2:
            items = [member(depth + 1) for _ in range(rng.randint(0, 3))]
            return bytes([0x80 + len(items)]) + b"".join(items)
        return encoded_set(depth + 1, rng.randint(0, 6)) if depth < 2 else cbor2.dumps(rng.randint(-9, 9))

    def encoded_set(depth, size):
        items = [member(depth) for _ in range(size)]
        head = cbor2.dumps([None] * size)  # the array's head, then the members
        return bytes.fromhex("d90102") + head[:len(head) - size] + b"".join(items)

    cases = []
    for _ in range(count):
        size = rng.choice([0, 1, 2, 3, 5, 8, 10, 20, 40, 100, 300])
        shape = rng.random()
        if shape < 0.7:
            cases.append(encoded_set(0, size))
        elif shape < 0.85:
            cases.append(bytes.fromhex("a1") + encoded_set(0, size) + b"\x01")
        else:
            cases.append(bytes.fromhex("a1d91267") + encoded_set(0, size) + b"\x02")
    return cases


def inputs():
    cases = [("appendix-a " + v["hex"], bytes.fromhex(v["hex"])) for v in json.loads((RESOURCES / "appendix-a.json").read_text())]
    interop = json.loads((RESOURCES / "cbor2-interop.json").read_text())["cases"]
    cases += [("interop " + c["name"], bytes.fromhex(c["hex"])) for c in interop]
    cases += [(f"generated {i}", data) for i, data in enumerate(generated())]
    cases += [(f"numeric set {i}", data) for i, data in enumerate(numeric_sets())]
    return cases


def run(concise, data, flags=()):
    result = subprocess.run([concise, "to-json", *flags], input=data, capture_output=True, timeout=60)
    return result.returncode, result.stdout, result.stderr.decode(errors="replace")


def main():
    concise = sys.argv[1]
    compared = agreed_failures = mismatches = 0
    failures = []
    variants = [((), {}), (("--pretty", "--sort-keys"), {"pretty": True, "sort_keys": True})]
    for name, data in inputs():
        for flags, kwargs in variants:
            expected = reference(data, **kwargs)
            code, output, error = run(concise, data, flags)
            if expected is None:
                if code != 0:
                    agreed_failures += 1
                else:
                    failures.append(f"{name} {flags}: cbor2.tool fails, concise printed {output[:200]!r}")
                    mismatches += 1
                continue
            if b'"type_name"' in expected:
                pass
            try:
                plain = cbor2.loads(data)  # without the tool's hook, which some inputs need
            except cbor2.CBORDecodeError:
                plain = None
            nondeterministic = isinstance(plain, (set, frozenset)) and any(isinstance(x, str) for x in plain)
            if code != 0:
                failures.append(f"{name} {flags}: concise failed: {error.strip()}")
                mismatches += 1
            elif output != expected and not nondeterministic:
                failures.append(f"{name} {flags}:\n  cbor2.tool: {expected[:300]!r}\n  concise:    {output[:300]!r}")
                mismatches += 1
            else:
                compared += 1
    # Flags: --sequence, --tag-ignore, --decode.
    sequence = cbor2.dumps(1) + cbor2.dumps("two") + cbor2.dumps([3.5])
    for flags, data, kwargs in [
        (("--sequence",), sequence, {"sequence": True}),
        (("--tag-ignore", "4711,99"), cbor2.dumps([cbor2.CBORTag(4711, "a"), cbor2.CBORTag(99, 2)]), {"ignore": (4711, 99)}),
    ]:
        expected = reference(data, **kwargs)
        code, output, error = run(concise, data, flags)
        if code != 0 or output != expected:
            failures.append(f"{flags}: {expected!r} != {output!r} {error}")
            mismatches += 1
        else:
            compared += 1
    # Python prints an int of at most 4 300 digits (sys.get_int_max_str_digits()) and refuses a
    # longer one, in a value, a key, a fraction or a tag inside a key; a Decimal has no limit.
    big = 10**4300
    for data, refused in [
        (cbor2.dumps(big - 1), False), (cbor2.dumps(-big + 1), False), (cbor2.dumps(big), True),
        (cbor2.dumps(-big - 1), True), (cbor2.dumps({big: 1}), True), (cbor2.dumps(fractions.Fraction(big, 3)), True),
        (cbor2.dumps({cbor2.CBORTag(9, big): 1}), True), (cbor2.dumps(decimal.Decimal((0, (1,) + (0,) * 4300 + (5,), -1))), False),
    ]:
        expected = reference(data)
        code, output, error = run(concise, data)
        if (expected is None) != refused or (code != 0) != refused or (not refused and output != expected):
            failures.append(f"long integer {data[:4].hex()}… ({len(data)} bytes): cbor2.tool "
                            f"{'refused' if expected is None else 'printed'}, concise exit {code} {error.strip()[:100]}")
            mismatches += 1
        else:
            compared += 1
    code, output, _ = run(concise, base64.b64encode(cbor2.dumps({"a": b"b"})) + b"\n", ("--decode",))
    if code != 0 or output != reference(cbor2.dumps({"a": b"b"})):
        failures.append(f"--decode: {output!r}")
        mismatches += 1
    else:
        compared += 1
    code, _, error = run(concise, bytes.fromhex("a2616101"))
    if code != 1 or "offset" not in error and "byte" not in error:
        failures.append(f"truncated input: exit {code}, {error!r}")
        mismatches += 1
    for failure in failures[:25]:
        print("FAIL", failure)
    print(f"to-json: {compared} byte-identical to cbor2.tool, {agreed_failures} inputs both refuse, {mismatches} failed")
    if compared < 50:
        print("to-json: fewer than 50 inputs compared")
        return 1
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
