"""`concise canonical` against `cbor2.dumps(cbor2.loads(data), canonical=True)`: the same bytes.

Inputs: maps written in a random order of keys, with keys of every kind cbor2 holds apart
(integers of every head width, both signs; text of every length class, ASCII and not, sharing
long prefixes; byte strings; arrays, which cbor2 reads as tuples), nested maps, floats of
every width (canonical writes the shortest exact one), and now and then a key written twice
(the last value kept, once). Keys Python holds equal across types (1 and 1.0, 1 and true) are
left out: `DifferencesFromCbor2.md`. One array of every item, canonicalized by one process;
on a difference, each item alone, to name it.

Usage: test_canonical.py path/to/concise
"""
import random
import struct
import subprocess
import sys

import cbor2

WORDS = ["", "a", "b", "z", "é", "ü", "😀", "ab", "abcdefgh", "abcdefgi", "abcdefghij", "abcdefghik",
         "abcdefghijklmnop", "abcdefghijklmnoq", "k" * 23, "k" * 24, "j" * 24, "x" * 300]


def head(major, argument, width=None):
    """A head, in the shortest form or with an argument `width` bytes wide (0: in the byte)."""
    if width is None:
        width = 0 if argument < 24 else 1 if argument < 256 else 2 if argument < 65536 else 4 if argument < 2**32 else 8
    if width == 0:
        return bytes([major << 5 | argument])
    info = {1: 24, 2: 25, 4: 26, 8: 27}[width]
    return bytes([major << 5 | info]) + argument.to_bytes(width, "big")


def integer(rng):
    value = rng.choice([0, 1, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**64 - 1, rng.randint(0, 2**64 - 1)])
    return head(0, value) if rng.random() < 0.5 else head(1, value)


def key(rng, depth):
    kind = rng.random()
    if kind < 0.35:
        return integer(rng)
    if kind < 0.75:
        text = rng.choice(WORDS).encode()
        return head(3, len(text)) + text
    if kind < 0.9:
        data = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 5, 9, 30])))
        return head(2, len(data)) + data
    items = [integer(rng) for _ in range(rng.randint(0, 3))]
    return head(4, len(items)) + b"".join(items)


def value(rng, depth):
    kind = rng.random()
    if depth < 3 and kind < 0.2:
        return mapping(rng, depth + 1)
    if depth < 3 and kind < 0.3:
        items = [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        return head(4, len(items)) + b"".join(items)
    if kind < 0.6:
        number = rng.choice([0.0, -0.0, 1.5, 0.1, 65504.0, 1e300, float("inf"), 3.4028234663852886e38, 5e-324,
                             rng.uniform(-1e6, 1e6), float(rng.randint(-2**20, 2**20))])
        form = rng.choice(["e", "f", "d"])
        try:
            return {"e": b"\xf9", "f": b"\xfa", "d": b"\xfb"}[form] + struct.pack(">" + form, number)
        except (OverflowError, struct.error):
            return b"\xfb" + struct.pack(">d", number)
    if kind < 0.66:
        return bignum(rng)
    if kind < 0.8:
        return integer(rng)
    text = rng.choice(WORDS).encode()
    return head(3, len(text)) + text


def bignum(rng):
    """Tag 2 or 3 over up to 12 bytes, some with leading zero bytes: canonical form writes one
    that fits 64 bits as a plain integer and drops the zeros of the others (RFC 8949 §3.4.3)."""
    payload = bytes(rng.randint(0, 2)) + rng.randbytes(rng.randint(0, 12))
    return rng.choice([b"\xc2", b"\xc3"]) + head(2, len(payload)) + payload


def mapping(rng, depth=0):
    pairs = []
    keys = set()
    for _ in range(rng.choice([0, 1, 2, 5, 8, 17, 24, 25, 30])):
        item = key(rng, depth)
        if item in keys and rng.random() < 0.7:
            continue
        keys.add(item)
        pairs.append((item, value(rng, depth)))
    if pairs and rng.random() < 0.15:
        pairs.append((rng.choice(pairs)[0], value(rng, depth)))
    rng.shuffle(pairs)
    return head(5, len(pairs)) + b"".join(k + v for k, v in pairs)


def declared(item):
    """The number of pairs a map's head declares."""
    info = item[0] & 31
    return info if info < 24 else item[1]


def run(concise, data, *flags):
    done = subprocess.run([concise, "canonical", *flags], input=data, capture_output=True)
    if done.returncode != 0:
        raise AssertionError(f"concise canonical failed on {data.hex()}: {done.stderr.decode()}")
    return done.stdout


def main():
    concise = sys.argv[1]
    rng = random.Random(4921)
    items = [mapping(rng) for _ in range(1500)]
    whole = head(4, len(items)) + b"".join(items)
    expected = cbor2.dumps(cbor2.loads(whole), canonical=True)
    if run(concise, whole) != expected:
        for item in items:
            mine, theirs = run(concise, item), cbor2.dumps(cbor2.loads(item), canonical=True)
            if mine != theirs:
                raise AssertionError(f"{item.hex()}: concise {mine.hex()}, cbor2 {theirs.hex()}")
        raise AssertionError("the array differs, no item alone does")
    repeated = sum(1 for item in items if len(cbor2.loads(item)) < declared(item))
    # Dropping the earlier entries of repeated keys takes the count below 24: a shorter head.
    shorter = sum(1 for item in items if declared(item) >= 24 > len(cbor2.loads(item)))
    print(f"test_canonical: {len(items)} maps ({len(whole)} bytes, {repeated} with a key written twice, "
          f"{shorter} of them with a shorter head) byte-identical with cbor2's canonical=True")


if __name__ == "__main__":
    main()
