"""`concise from-json` against `python -m cbor2.tool --format json`, which is
`cbor2.dump(json.load(infile), outfile)`: the same bytes for the same JSON text, or both refuse.

Inputs: number literals at every integer width boundary (64-bit heads up to 2^64 - 1 and down
to -2^64, bignums beyond), floats that overflow to an infinity or underflow to zero, `NaN` and
`Infinity`, escapes and surrogate pairs, repeated keys (the last value in the first key's place),
malformed text; then JSON documents made from a fixed seed.

Usage: test_from_json.py path/to/concise
"""
import json
import random
import subprocess
import sys

import cbor2

NUMBERS = [
    "0", "-0", "1", "-1", "23", "24", "255", "256", "65535", "65536", "4294967296", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "-18446744073709551616", "-18446744073709551617", "1" + "0" * 40, "-" + "9" * 30,
    "1.0", "-0.0", "0.0", "1.5", "1e3", "1E3", "1e+3", "1e-3", "1.5e308", "1e309", "-1e400", "1e-400", "5e-324",
    "2.5e-324", "0.1", "123456789012345678901234567890.5", "NaN", "Infinity", "-Infinity",
    "1.7976931348623157e308", "1.7976931348623159e308", "0e0", "-0e0", "3.14159",
]
STRINGS = ["", "a", "é", "e\u0301", "\\u00e9", "\\ud83d\\ude00", "\\n\\t\\\"\\\\\\/", "\\b\\f\\r", "ab\\u0000c",
           "\U0001F600", "k", "key", "name"]
MALFORMED = ["01", "1.", ".5", "+1", "-", "1e", "0x10", "[1,]", "{\"a\":1,}", "True", "nul", "\"\\x41\"", "\"\t\"",
             "[1] x", "", "\"\\ud800\"", "{\"\\udc00\": 1}", "\u00a01"]


def document(rng, depth=0):
    kind = rng.random()
    if depth > 3 or kind < 0.4:
        return rng.choice(NUMBERS + [str(rng.uniform(-1e6, 1e6)), str(rng.randint(-10**20, 10**20))])
    if kind < 0.55:
        return '"' + rng.choice(STRINGS) + '"'
    if kind < 0.62:
        return rng.choice(["true", "false", "null"])
    space = lambda: rng.choice(["", "", " ", "\n", "\t", "\r\n "])
    if kind < 0.8:
        return "[" + space() + ("," + space()).join(document(rng, depth + 1) for _ in range(rng.randint(0, 4))) + "]"
    keys = ['"' + rng.choice(STRINGS) + '"' for _ in range(rng.randint(0, 4))]
    if keys and rng.random() < 0.3:
        keys.append(keys[0])
    return "{" + ",".join(key + space() + ":" + space() + document(rng, depth + 1) for key in keys) + space() + "}"


def reference(data):
    try:
        return cbor2.dumps(json.loads(data))
    except (ValueError, cbor2.CBOREncodeError):
        return None


def main():
    concise = sys.argv[1]
    rng = random.Random(8259)
    texts = NUMBERS + ['"' + s + '"' for s in STRINGS] + MALFORMED + [
        '{"a": 1, "b": 2, "a": 3}', '[1e400, -1e400, 1e-400]', '{"k": [18446744073709551615, -18446744073709551616]}',
    ] + [document(rng) for _ in range(400)]
    identical = refused = 0
    failures = []
    for text in texts:
        data = text.encode()
        expected = reference(data)
        result = subprocess.run([concise, "from-json"], input=data, capture_output=True, timeout=60)
        if expected is None:
            if result.returncode == 1:
                refused += 1
            else:
                failures.append(f"{text[:80]!r}: cbor2 refuses, concise exit {result.returncode} {result.stdout.hex()[:60]}")
        elif result.returncode == 0 and result.stdout == expected:
            identical += 1
        else:
            failures.append(f"{text[:80]!r}:\n  cbor2:   {expected.hex()[:120]}\n  concise: {result.stdout.hex()[:120]} "
                            f"{result.stderr.decode(errors='replace').strip()[:120]}")
    for failure in failures:
        print("FAIL", failure)
    print(f"from-json: {identical} byte-identical to cbor2.dumps(json.loads(text)), {refused} refused by both, "
          f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
