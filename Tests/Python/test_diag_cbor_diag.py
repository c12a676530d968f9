"""`concise diag` output parsed back by an independent EDN parser (PyPI cbor-diag's diag2cbor)
must give the same data item: every RFC 8949 Appendix A vector, every cbor2 interop vector, and
100 generated values. `concise diag --encoding-indicators` must give back the very bytes: the
same inputs, and 1 000 items made from a fixed seed with every argument width, indefinite
containers and strings, and floats of each width. Usage: test_diag_cbor_diag.py path/to/concise"""
import json
import math
import random
import struct
import subprocess
import sys

import os

import cbor2
from cbor_diag import diag2cbor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "conformance"))
from cbor2_model import RawTags  # noqa: E402

RESOURCES = "Tests/ConciseTests/Resources"


def raw(data):
    return cbor2.loads(data, semantic_decoders=RawTags())


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return len(a) == len(b) and all(same(ka, kb) and same(va, vb) for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if isinstance(a, cbor2.CBORTag):
        return a.tag == b.tag and same(a.value, b.value)
    return a == b


def generated(count, seed=8949):
    rng = random.Random(seed)

    def value(depth):
        kind = rng.randrange(12 if depth < 4 else 8)
        if kind == 0: return rng.randrange(-2**64, 2**64)
        if kind == 1: return rng.choice([0.0, -0.0, 1.5, 1e300, -4.1, 5e-324, float("inf"), rng.random() * 10**rng.randrange(-30, 30)])
        if kind == 2: return "".join(rng.choice("aé\"\\\n\x01水😀 z") for _ in range(rng.randrange(8)))
        if kind == 3: return bytes(rng.randrange(256) for _ in range(rng.randrange(6)))
        if kind == 4: return rng.choice([True, False, None, cbor2.undefined])
        if kind == 5: return cbor2.CBORSimpleValue(rng.choice([0, 16, 19, 32, 255]))
        if kind == 6: return rng.randrange(24)
        if kind == 7: return -rng.randrange(1, 25)
        if kind in (8, 9): return [value(depth + 1) for _ in range(rng.randrange(4))]
        if kind == 10: return {rng.randrange(100): value(depth + 1) for _ in range(rng.randrange(4))}
        return cbor2.CBORTag(rng.choice([6, 24, 99, 4000, 2**40]), value(depth + 1))

    return [cbor2.dumps(value(0)) for _ in range(count)]


def encoded(count, seed=81):
    """Items in any serialization: arguments wider than needed, indefinite lengths, every float
    width (NaN only as the quiet NaN without payload, which the notation can name)."""
    rng = random.Random(seed)

    def head(major, n):
        needed = 0 if n < 24 else 1 if n < 2**8 else 2 if n < 2**16 else 4 if n < 2**32 else 8
        width = needed if rng.random() < 0.6 else rng.choice([w for w in (0, 1, 2, 4, 8) if w >= needed])
        if width == 0:
            return bytes([major << 5 | n])
        return bytes([major << 5 | {1: 24, 2: 25, 4: 26, 8: 27}[width]]) + n.to_bytes(width, "big")

    def text():
        return "".join(rng.choice("aé\"\\\n\x01水😀 \x7f\u2028") for _ in range(rng.randrange(6))).encode()

    def item(depth):
        kind = rng.random()
        if depth > 4 or kind < 0.45:
            scalar = rng.randrange(10)
            if scalar == 0: return head(0, rng.choice([0, 23, 24, 255, 256, 65536, 2**32, 2**64 - 1, rng.randrange(2**64)]))
            if scalar == 1: return head(1, rng.choice([0, 23, 24, 2**64 - 1, rng.randrange(2**64)]))
            if scalar == 2: payload = bytes(rng.randrange(256) for _ in range(rng.randrange(5))); return head(2, len(payload)) + payload
            if scalar == 3: payload = text(); return head(3, len(payload)) + payload
            if scalar == 4:
                major = rng.choice([2, 3])
                chunks = [bytes(rng.randrange(256) for _ in range(rng.randrange(4))) if major == 2 else text()
                          for _ in range(rng.randrange(4))]
                return bytes([major << 5 | 31]) + b"".join(head(major, len(chunk)) + chunk for chunk in chunks) + b"\xff"
            if scalar == 5: return b"\xf9" + struct.pack(">e", rng.choice([0.0, -0.0, 1.5, 65504.0, 2**-24, math.inf, math.nan]))
            if scalar == 6: return b"\xfa" + struct.pack(">f", rng.choice([0.0, 1.5, 0.1, 3.4028234663852886e38, math.nan, 1e-45]))
            if scalar == 7: return b"\xfb" + struct.pack(">d", rng.choice([-0.0, 1.1, 1e300, 5e-324, math.nan, -math.inf, rng.uniform(-1e9, 1e9)]))
            if scalar == 8: return bytes([rng.choice([0xf4, 0xf5, 0xf6, 0xf7, 0xe0 + rng.randrange(20)])])
            return bytes([0xf8, rng.randrange(32, 256)])
        if kind < 0.65:
            count = rng.randrange(4)
            items = b"".join(item(depth + 1) for _ in range(count))
            return b"\x9f" + items + b"\xff" if rng.random() < 0.3 else head(4, count) + items
        if kind < 0.85:
            count = rng.randrange(3)
            items = b"".join(item(depth + 1) + item(depth + 1) for _ in range(count))
            return b"\xbf" + items + b"\xff" if rng.random() < 0.3 else head(5, count) + items
        return head(6, rng.choice([0, 2, 24, 100, 55799, 2**32, rng.randrange(2**64)])) + item(depth + 1)

    return [item(0) for _ in range(count)]


def byte_exact(tool, items):
    """`diag --encoding-indicators --sequence` read back by diag2cbor: the failures."""
    result = subprocess.run([tool, "diag", "--encoding-indicators", "--sequence"], input=b"".join(data for _, data in items),
                            capture_output=True, check=False)
    if result.returncode != 0:
        return [f"concise diag --encoding-indicators failed: {result.stderr.decode()}"]
    lines = result.stdout.decode().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    failures = [] if len(lines) == len(items) else [f"{len(lines)} lines for {len(items)} items"]
    for (name, data), line in zip(items, lines):
        try:
            back = diag2cbor(line)
        except BaseException as error:  # noqa: B036 (the parser panics on some input)
            back = f"rejected: {error}"
        if back != data:
            failures.append(f"{name}: {data.hex()} -> {line[:160]} -> {back.hex() if isinstance(back, bytes) else back}")
    return failures


def main():
    tool = sys.argv[1]
    items = []
    for vector in json.load(open(f"{RESOURCES}/appendix-a.json")):
        if vector["hex"] != "f818":
            items.append(("appendix A " + vector["hex"], bytes.fromhex(vector["hex"])))
    for case in json.load(open(f"{RESOURCES}/cbor2-interop.json"))["cases"]:
        if len(case["hex"]) < 20000:
            items.append(("interop " + case["name"], bytes.fromhex(case["hex"])))
    for index, data in enumerate(generated(100)):
        items.append((f"generated {index}", data))

    stream = b"".join(data for _, data in items)
    result = subprocess.run([tool, "diag", "--sequence"], input=stream, capture_output=True, check=False)
    if result.returncode != 0:
        print("concise diag failed:", result.stderr.decode())
        print(f"0 passed, {len(items)} failed")
        sys.exit(1)
    lines = result.stdout.decode().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    passed = failed = 0
    for (name, data), line in zip(items, lines):
        try:
            ok = same(raw(diag2cbor(line)), raw(data))
        except Exception as error:  # the parser rejected the text
            ok = False
            line += f"  ({error})"
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: {data.hex()} -> {line[:200]}")
    if len(lines) != len(items):
        failed += 1
        print(f"FAIL: {len(lines)} lines for {len(items)} items")
    # Encoding indicators: the same bytes back. Appendix A's and cbor2's NaNs have no payload;
    # the vector f818 (simple(24), not well-formed) is left out above.
    exact_items = items + [(f"encoded {index}", data) for index, data in enumerate(encoded(1000))]
    exact_failures = byte_exact(tool, exact_items)
    for failure in exact_failures:
        print(f"FAIL --encoding-indicators {failure}")
    passed += len(exact_items) - len(exact_failures)
    failed += len(exact_failures)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
