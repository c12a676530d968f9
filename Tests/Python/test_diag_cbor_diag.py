"""`concise diag` output parsed back by an independent EDN parser (PyPI cbor-diag's diag2cbor)
must give the same data item: every RFC 8949 Appendix A vector, every cbor2 interop vector, and
100 generated values. Usage: test_diag_cbor_diag.py path/to/concise"""
import json
import math
import random
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
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
