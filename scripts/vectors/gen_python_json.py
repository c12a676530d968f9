"""Python's own JSON text for floats and strings, the two places where Concrete ML's format
depends on CPython's details (float repr, ensure_ascii escaping).

Writes python-json.json: {"floats": [[<float64 bits hex>, <json.dumps text>], ...],
"strings": [[<string>, <json.dumps text>], ...]}.  Deterministic (fixed seed).

    python scripts/vectors/gen_python_json.py OUT_DIR
"""
import json
import math
import random
import struct
import sys


def bits(x):
    return struct.pack(">d", x).hex()


def from_bits(h):
    return struct.unpack(">d", bytes.fromhex(h))[0]


def widen(fmt, x):
    return struct.unpack(fmt, struct.pack(fmt, x))[0]


def floats():
    rng = random.Random(8949)
    values = [0.0, -0.0, 1.0, -1.0, 100.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e-4, 1e-5, 9.999e-5,
              0.00011, 1e15, 1e16, 9999999999999998.0, 1e17, 1e22, 1e23, 5e-324, 2.2250738585072014e-308,
              2.225073858507201e-308, 1.7976931348623157e308, float(2**53), float(2**53 + 2), 123456789.123,
              math.pi, math.e, 1.5e300, -1.5e-300, 0.5, 1e100, 12345678901234567890.0, 4.35, 0.000123]
    values += [float("nan"), float("inf"), float("-inf")]
    for exponent in range(-330, 310):
        values.append(float(f"1e{exponent}"))
        values.append(float(f"1.2345678912345678e{exponent}"))
    for _ in range(3000):
        values.append(from_bits("%016x" % rng.getrandbits(64)))
    for _ in range(1000):
        values.append(rng.uniform(-1000, 1000))
        values.append(rng.gauss(0, 1) * 10 ** rng.randint(-20, 20))
    for _ in range(1000):  # float32 and float16 values widened, as numpy's tolist() gives them
        values.append(widen("<f", rng.gauss(0, 1)))
        values.append(widen("<e", rng.uniform(-60000, 60000)))
        values.append(widen("<e", rng.uniform(-1e-4, 1e-4)))
    return [[bits(v), json.dumps(v)] for v in values]


def strings():
    rng = random.Random(8746)
    values = ["", "plain", "quote\" backslash\\ slash/", "tab\tnew\nline\rret\bback\fform",
              "".join(chr(c) for c in range(0x20)), "\x7f", "caf\u00e9", "\u65e5\u672c\u8a9e",
              "\U0001f600 emoji \U0001f469\u200d\U0001f4bb", "\u2028\u2029", "\ufeff", "\uffff",
              "\U0010ffff", "\u0080\u00ff\u0100", "<script>&'"]
    alphabet = [chr(c) for c in range(0x20, 0x7f)] + ["\u00e9", "\u4e2d", "\U0001f680", "\n", "\x01", "\x7f", "\u0300"]
    for _ in range(300):
        values.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))))
    return [[v, json.dumps(v)] for v in values]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "Tests/ConciseTests/Resources"
    data = {"floats": floats(), "strings": strings()}
    with open(f"{out_dir}/python-json.json", "w", encoding="ascii") as handle:
        json.dump(data, handle, indent=0, ensure_ascii=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
