"""Generates Tests/ConciseTests/Resources/codable-numbers.json: seeded random decimal
fractions (tag 4) and bigfloats (tag 5) as cbor2 6.3.0 encodes CBORTag(4 or 5, [e, m]), each
with what Codable must read from it:
- "double": the binary64 bits (hex) of the value when a double holds it exactly (Python's
  Fraction of the value equals the Fraction of float(value)), else null;
- "decimal" (tag 4 only): the value as mantissa and exponent within Foundation's Decimal
  (a mantissa below 2^128, an exponent from -128 to 127), as "<mantissa>E<exponent>", when
  one exists, else null.
Usage: gen_codable_numbers.py [output-folder]"""
import json
import random
import struct
import sys
from fractions import Fraction
from importlib.metadata import version

import cbor2
from cbor2 import CBORTag

assert version("cbor2") == "6.3.0", version("cbor2")


def double_bits(value):
    try:
        f = float(value)
    except OverflowError:
        return None
    if Fraction(f) != value:
        return None
    return struct.pack(">d", f).hex()


def foundation_decimal(m, e):
    """The text of m × 10^e as Foundation's Decimal holds it, or None."""
    if m == 0:
        return "0E0"
    digits, exponent = abs(m), e
    while digits % 10 == 0:
        digits //= 10
        exponent += 1
    sign = "-" if m < 0 else ""
    if exponent < -128:
        return None
    if exponent > 127:
        digits *= 10 ** (exponent - 127)
        exponent = 127
    return f"{sign}{digits}E{exponent}" if digits < 2**128 else None


def cases(rng):
    out = []
    for _ in range(400):
        e = rng.choice([rng.randint(-30, 30), rng.randint(-400, 25), rng.randint(-1100, -300)])
        if e < 0 and rng.random() < 0.5:
            # m = q × 5^k × 2^s, which a double often holds exactly.
            m = rng.randint(1, 2 ** rng.randint(1, 54)) * 5 ** -e * 2 ** rng.randint(0, 30)
        else:
            m = rng.randint(0, 2 ** rng.randint(1, 80))
        m = -m if rng.random() < 0.3 else m
        out.append((4, e, m))
    for _ in range(300):
        e = rng.choice([rng.randint(-140, 140), rng.randint(120, 170), rng.randint(-170, -120)])
        m = rng.choice([rng.randint(0, 2 ** rng.randint(1, 140)), rng.randint(1, 99) * 10 ** rng.randint(0, 45)])
        out.append((4, e, -m if rng.random() < 0.3 else m))
    for _ in range(300):
        e = rng.randint(-1200, 1100)
        m = rng.randint(0, 2 ** rng.randint(1, 60)) * 2 ** rng.randint(0, 10)
        out.append((5, e, -m if rng.random() < 0.3 else m))
    return out


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Tests/ConciseTests/Resources"
    rng = random.Random(8949)
    out = []
    for tag, e, m in cases(rng):
        value = Fraction(m) * (Fraction(10) if tag == 4 else Fraction(2)) ** e
        case = {"hex": cbor2.dumps(CBORTag(tag, [e, m])).hex(), "double": double_bits(value)}
        if tag == 4:
            case["decimal"] = foundation_decimal(m, e)
            # The text must stand for the same value.
            if case["decimal"] is not None:
                digits, exponent = case["decimal"].split("E")
                assert Fraction(int(digits)) * Fraction(10) ** int(exponent) == value
        out.append(case)
    with open(f"{folder}/codable-numbers.json", "w") as handle:
        json.dump({"generator": "scripts/vectors/gen_codable_numbers.py", "cbor2": "6.3.0", "cases": out}, handle, indent=1)
        handle.write("\n")
    print(f"wrote {folder}/codable-numbers.json ({len(out)} cases)")


if __name__ == "__main__":
    main()
