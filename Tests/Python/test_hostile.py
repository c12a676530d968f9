"""Hostile input through `concise-conformance decode` (semantic mode, and raw mode on each backend;
output discarded),
one process per case: each must end in its error code, without a crash or a hang, and with peak
memory under 4x the input size plus 1 MiB above the fixed cost of a failing run (ru_maxrss of
the child, measured with wait4). Inputs that are valid but built to amplify (reference bombs)
must decode with memory linear in the input, and inputs built to make some step take time that
grows with the square of their size must finish: a case still running after 60 s (a hundred
times what any case takes) is a failure. Prints the peak-memory table and "N passed, N failed".
Usage: test_hostile.py path/to/concise-conformance"""
import os
import resource
import subprocess
import sys
import time

TOOL = sys.argv[1]
MIB = 1 << 20
# A case that runs longer is taken for a hang (or for work out of proportion to its input).
HANG_SECONDS = 60


def peak(data, mode, describe=False, options=None):
    # "raw-native": raw mode with the native backend, whose value decoder has a one-pass path.
    options = options or ('{"backend": "native"}' if mode == "raw-native" else "{}")
    mode = "raw" if mode == "raw-native" else mode
    output = [] if describe else ["--output", "none"]
    process = subprocess.Popen([TOOL, "decode", "--mode", mode, "--options", options, *output], stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process.stdin.write(data)
    process.stdin.close()
    deadline = time.monotonic() + HANG_SECONDS
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            return None, f"still running after {HANG_SECONDS} s", 0
        time.sleep(0.005)
    err = process.stderr.read()
    code = os.waitstatus_to_exitcode(status)
    return code, err.decode(errors="replace"), usage.ru_maxrss * 1024


def nested(prefix, count=100_000, leaf=b"\x00"):
    return prefix * count + leaf


CASES = [
    # (name, bytes, expected error code name)
    ("array declaring 2^32 items", bytes.fromhex("9b0000000100000000"), "truncated"),
    ("array declaring 2^63 items", bytes.fromhex("9b8000000000000000"), "truncated"),
    ("array declaring 2^64-1 items", bytes.fromhex("9bffffffffffffffff"), "truncated"),
    ("map declaring 2^63 pairs", bytes.fromhex("bb8000000000000000"), "truncated"),
    ("byte string declaring 2^62 bytes", bytes.fromhex("5b4000000000000000"), "truncated"),
    ("text string declaring 2^64-1 bytes", bytes.fromhex("7bffffffffffffffff"), "truncated"),
    ("chunk declaring 2^63 bytes", bytes.fromhex("5f5b8000000000000000"), "truncated"),
    ("huge array as a map key", bytes.fromhex("a19b800000000000000000"), "truncated"),
    ("huge array in a tag", bytes.fromhex("c29b8000000000000000"), "truncated"),
    ("huge array inside tag 28", bytes.fromhex("d81c9b8000000000000000"), "truncated"),
    ("huge map inside tag 256", bytes.fromhex("d90100bb8000000000000000"), "truncated"),
    ("100k nested arrays", nested(b"\x81"), "depthLimitExceeded"),
    ("100k nested indefinite arrays", nested(b"\x9f"), "depthLimitExceeded"),
    ("100k nested maps (values)", nested(b"\xa1\x00"), "depthLimitExceeded"),
    ("100k nested maps (keys)", nested(b"\xa1"), "depthLimitExceeded"),
    ("100k nested tags", nested(b"\xc6"), "depthLimitExceeded"),
    ("100k nested tag 28", nested(b"\xd8\x1c"), "depthLimitExceeded"),
    # Each array or tag right inside a tag 28 takes the tag's level: 50 000 levels, 100 000 items.
    ("100k nested tag 28 and arrays", nested(b"\xd8\x1c\x81", count=50_000), "depthLimitExceeded"),
    ("100k nested tag 28 and tag 1000", nested(b"\xd8\x1c\xd9\x03\xe8", count=50_000), "depthLimitExceeded"),
    ("100k nested tag 55799", nested(b"\xd9\xd9\xf7"), "depthLimitExceeded"),
    ("100k nested tag 256", nested(b"\xd9\x01\x00"), "depthLimitExceeded"),
    ("invalid UTF-8 in a text string", bytes.fromhex("62c328"), "invalidUTF8"),
    ("invalid UTF-8 in a chunk", bytes.fromhex("7f616162c328ff"), "invalidUTF8"),
    ("invalid UTF-8 in a map key", bytes.fromhex("a162c32801"), "invalidUTF8"),
    ("surrogate in UTF-8", bytes.fromhex("63eda080"), "invalidUTF8"),
    ("break outside", bytes.fromhex("ff"), "unexpectedBreak"),
    ("break in a definite array", bytes.fromhex("8201ff"), "unexpectedBreak"),
    ("break in a map value position", bytes.fromhex("bf01ff"), "unexpectedBreak"),
    ("reserved additional information 28", bytes.fromhex("1c"), "reservedAdditionalInfo"),
    ("reserved additional information 30 in a map", bytes.fromhex("a11e"), "reservedAdditionalInfo"),
    ("indefinite major type 0", bytes.fromhex("1f"), "invalidIndefiniteLength"),
    ("reference to an unknown shared value", bytes.fromhex("d81d05"), "unknownSharedReference"),
    ("reference to itself before it is known", bytes.fromhex("d81cd81d00"), "unknownSharedReference"),
    ("string reference outside a namespace", bytes.fromhex("d81900"), "unknownStringReference"),
    ("bignum over an array", bytes.fromhex("c280"), "invalidTagContent"),
    # The exponent plus the digits overflowed Int when the decimal was printed.
    ("decimal fraction with exponent 2^63-1", bytes.fromhex("c4821b7fffffffffffffff01"), "invalidTagContent"),
]


def reference_chain(count):
    """28([]) and then `count` shared arrays, each holding a reference to the one before: the
    last nests `count` arrays deep. Freed recursively, such a chain overflowed the stack."""
    data = bytearray(b"\x9f\xd8\x1c\x80")
    for index in range(count):
        data += b"\xd8\x1c\x81\xd8\x1d\x1a" + index.to_bytes(4, "big")
    return bytes(data + b"\xff")


def byte_string_keys(size, count):
    """256({h'…': 0, 25(0): 0, …}): `count` map keys, each a string reference to one byte string
    of `size` bytes. Swift hashes a byte string in a key byte by byte: 2 500 references to 16 KiB
    took 10 s, and 105 KB of input did not finish in a minute."""
    return (b"\xd9\x01\x00\xba" + (count + 1).to_bytes(4, "big") + b"\x5a" + size.to_bytes(4, "big") + b"a" * size + b"\x00"
            + b"\xd8\x19\x00\x00" * count)


# Refused while the values are built from the tape, which holds 32 bytes an item of the input
# (semantic mode only: raw mode keeps tags 28 and 29 as tags): the bound is that of ACCEPTED.
REFUSED_LATE = [
    ("chain of 100 000 references, each to the one before", reference_chain(100_000), "depthLimitExceeded"),
    ("10 000 map keys referring to one 64 KiB byte string", byte_string_keys(1 << 16, 10_000), "unsupportedValue"),
    # 30(["1e1000000000", null]): Python computes 10 ** 1000000000 (minutes) for a fraction it
    # cannot print; refused from the exponent's size.
    ("a fraction of text with exponent 10^9", b"\xd8\x1e\x82\x6c1e1000000000\xf6", "unsupportedValue"),
    # 30([4([-2 500 000, 1 MB bignum]), null]): refused before the mantissa is reduced.
    ("a fraction of a decimal with a 1 MB mantissa under exponent -2 500 000",
     b"\xd8\x1e\x82\xc4\x82\x3a" + (2_500_000 - 1).to_bytes(4, "big") + b"\xc2\x5a\x00\x10\x00\x00" + b"\xab" * (1 << 20) + b"\xf6",
     "unsupportedValue"),
]


def laughs(levels):
    """28([1]) and then `levels` shared arrays each holding two references to the previous."""
    data = bytearray(b"\x9f\xd8\x1c\x81\x01")
    for level in range(levels):
        data += b"\xd8\x1c\x82\xd8\x1d\x18" + bytes([level]) + b"\xd8\x1d\x18" + bytes([level])
    return bytes(data + b"\xff")


def string_amplification(count):
    """A namespace with one 255-byte string referenced `count` times."""
    return b"\xd9\x01\x00\x9a" + (count + 1).to_bytes(4, "big") + b"\x78\xff" + b"a" * 255 + b"\xd8\x19\x00" * count


def long_string_amplification(size, count):
    """A namespace with one `size`-byte string referenced `count` times: `count` copies would
    take `count * size` bytes; shared, the result is about the input's size."""
    return (b"\xd9\x01\x00\x9a" + (count + 1).to_bytes(4, "big") + b"\x7a" + size.to_bytes(4, "big") + b"a" * size
            + b"\xd8\x19\x00" * count)


def shared_key(items, count):
    """A map whose first key is 28(a tuple of `items` zeros) and whose `count` other keys all
    refer to it: Python's hashability was checked through the whole tuple for every key, which
    took time growing with items x count (56 KB: 22 s)."""
    shared = b"\xd8\x1c\x9a" + items.to_bytes(4, "big") + b"\x00" * items
    return b"\xba" + (count + 1).to_bytes(4, "big") + shared + b"\x00" + b"\xd8\x1d\x00\x00" * count


def keys_over_unfinished(count, keys):
    """28(262([L1 … Ln, B, {29(B): 0, …}])), immutable: each L a tuple holding the tag, which
    is still being decoded, B a tuple of every L, and `keys` map keys that refer to B. What
    hashing B finds holds only while the tag is unfinished, and it was walked again for every
    key, time growing with count × keys (56 KB: 22 s in a debug build)."""
    def head(major, number):
        return bytes([major << 5 | 26]) + number.to_bytes(4, "big")
    data = bytearray(b"\xd8\x1c\xd9\x01\x06" + head(4, count + 2))
    for index in range(1, count + 1):
        data += b"\xd8\x1c\x81\xd8\x1d\x00"
    data += b"\xd8\x1c" + head(4, count) + b"".join(b"\xd8\x1d" + head(0, index) for index in range(1, count + 1))
    data += head(5, keys) + b"".join(b"\xd8\x1d" + head(0, count + 1) + head(0, index) for index in range(keys))
    return bytes(data)


def nested_multipart(depth, body_lines=1):
    """Tag 36 over multipart bodies nested `depth` deep: its text was gathered a line at a time
    into new storage for each line, time growing with the square of the lines (2.8 MB: 25 s).
    Each level's parts are split by looking at its lines again, as Python's parser does: a
    line budget keeps the whole linear (`body_lines` lines inside the innermost part)."""
    text = "body\n" * (body_lines - 1) + "body"
    for level in range(depth):
        text = f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n{text}\n--b{level}--\n'
    data = text.encode()
    return b"\xd8\x24\x7a" + len(data).to_bytes(4, "big") + data


def fives_fractions(count):
    """`count` items 30([4([-14110, 5^14110]), null]): each mantissa (4 096 bytes) is divided by
    all of its 14 110 fives to reach 1 / 2^14110."""
    mantissa = 5**14110
    item = (b"\xd8\x1e\x82\xc4\x82\x39" + (14110 - 1).to_bytes(2, "big") + b"\xc2\x59"
            + ((mantissa.bit_length() + 7) // 8).to_bytes(2, "big") + mantissa.to_bytes((mantissa.bit_length() + 7) // 8, "big") + b"\xf6")
    return b"\x99" + count.to_bytes(2, "big") + item * count


# Valid inputs that decode in time linear in their size only when no step repeats work: each
# took minutes, growing with the square of the input, before it was mended.
LINEAR = [
    ("a shared tuple of 100 000 items referred to by 10 000 map keys", shared_key(100_000, 10_000), "{}"),
    ("multipart bodies nested 80 000 deep", nested_multipart(80_000), "{}"),
    ("30 000 map keys over a tuple of 30 000 tuples that refer to a tag being decoded",
     keys_over_unfinished(30_000, 30_000), '{"immutable": true}'),
    ("multipart bodies nested 100 deep around 400 000 lines", nested_multipart(100, 400_000), "{}"),
    ("250 fractions of decimals with 4 096-byte mantissas of fives", fives_fractions(250), "{}"),
    ("'a' and an ill-formed byte 400 000 times, backslashreplace", b"\x7a" + (800_000).to_bytes(4, "big") + b"a\xff" * 400_000,
     '{"str_errors": "backslashreplace"}'),
]

# Valid inputs whose references must share one copy: held to 4x the input plus 1 MiB.
SHARED = [
    ("a 64 KiB string referenced 1 000 times", long_string_amplification(1 << 16, 1_000)),
    ("a 1 MiB string referenced 100 times", long_string_amplification(1 << 20, 100)),
]

ACCEPTED = [
    ("billion laughs through tag 29, 200 levels", laughs(200)),
    ("one string referenced 100 000 times", string_amplification(100_000)),
    # Each level doubled the work of hashing before sets that must be hashable got their own
    # type with a stored hash (FuzzDecodeAny): 150 levels would never finish.
    ("sets nested 150 deep", b"\xd9\x01\x02\x81" * 150 + b"\x00"),

    # {"\u00e9": 1, "e\u0301": 2}: Swift's String holds the two keys equal and Python does not;
    # handed to OrderedDictionary as distinct, they trapped a debug build.
    ("canonically equivalent map keys", bytes.fromhex("a262c3a9016365cc8102")),
    # ["K" and KELVIN SIGN as keys of one map, 34 bytes of padding]: ASCII "K" is canonically
    # equivalent to U+212A, so comparing short ASCII keys by their bytes must stop at the first
    # key that is not ASCII. The padding gives every key the 16 bytes the short-key path reads.
    ("an ASCII key and its canonical equivalent", bytes.fromhex("82a2614b0163e284aa025820" + "00" * 32)),
]

# Valid numbers whose decimal text would take time that grows with the square of their length
# (a minute for 1 MB): the testee decodes them, then refuses to describe them, as Python's
# str() refuses an int of more than 4 300 digits.
UNDESCRIBED = [
    ("a 1 MB bignum", b"\xc2\x5a\x00\x10\x00\x00" + b"\xab" * (1 << 20), "Exceeds the limit"),
    ("a decimal fraction with a 1 MB mantissa", b"\xc4\x82\x21\xc2\x5a\x00\x10\x00\x00" + b"\xab" * (1 << 20),
     "a decimal fraction of more than"),
]


def main():
    passed = failed = 0
    # The fixed cost of a run that reports an error: the most of a few tiny failing inputs.
    baseline = max(peak(data, mode)[2] for data in (b"", b"\xff", b"\x1c", b"\x62\xc3\x28") for mode in ("semantic", "raw", "raw-native"))
    rows = []
    for mode in ("semantic", "raw", "raw-native"):
        for name, data, code in CASES:
            if mode.startswith("raw") and code in ("unknownSharedReference", "unknownStringReference", "invalidTagContent"):
                continue
            status, err, rss = peak(data, mode)
            extra = max(0, rss - baseline)
            limit = 4 * len(data) + MIB
            ok = status == 1 and err.startswith(code) and extra <= limit
            rows.append((mode, name, len(data), extra, status, err.strip()[:60]))
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL [{mode}] {name}: status {status}, extra memory {extra} (limit {limit}), stderr {err.strip()[:120]!r}")
    for name, data in SHARED:
        status, err, rss = peak(data, "semantic")
        extra = max(0, rss - baseline)
        limit = 4 * len(data) + MIB
        ok = status == 0 and extra <= limit
        rows.append(("semantic", name, len(data), extra, status, "ok" if status == 0 else err.strip()[:60]))
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: status {status}, extra memory {extra} (limit {limit}), stderr {err.strip()[:120]!r}")
    for name, data, options in [(name, data, "{}") for name, data in ACCEPTED] + LINEAR:
        status, err, rss = peak(data, "semantic", options=options)
        extra = max(0, rss - baseline)
        # A value that decodes takes memory for its tape (32 bytes an item) and result, so the
        # bound here is linear, not 4x: what matters is that nothing expands exponentially.
        ok = status == 0 and extra <= 64 * len(data) + MIB
        rows.append(("semantic", name, len(data), extra, status, "ok" if status == 0 else err.strip()[:60]))
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: status {status}, extra memory {extra}, stderr {err.strip()[:120]!r}")
    # Refused after the tape is built: held to the linear bound of ACCEPTED.
    late = [(name, data, message, True) for name, data, message in UNDESCRIBED]
    late += [(name, data, code, False) for name, data, code in REFUSED_LATE]
    for name, data, message, describe in late:
        status, err, rss = peak(data, "semantic", describe=describe)
        extra = max(0, rss - baseline)
        ok = status == 1 and err.startswith(message) and extra <= 64 * len(data) + MIB
        rows.append(("semantic", name, len(data), extra, status, err.strip()[:60]))
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: status {status}, extra memory {extra}, stderr {err.strip()[:120]!r}")
    # Truncation at every offset of a nested item.
    item = bytes.fromhex("a3616182f93e00c24901000000000000000061629f7f616161" "62ff5f4101ff81d81c80ff6163d9d9f7a1c0781432303133")
    for cut in range(len(item)):
        status, err, _ = peak(item[:cut], "semantic")
        if status == 1 and err.startswith("truncated"):
            passed += 1
        else:
            failed += 1
            print(f"FAIL truncation at {cut}: status {status} {err.strip()[:100]!r}")
    print(f"baseline peak RSS of the testee: {baseline // 1024} KiB")
    print(f"{'mode':9} {'case':48} {'input':>8} {'extra peak':>11}  outcome")
    for mode, name, size, extra, status, note in rows:
        print(f"{mode:9} {name:48} {size:8d} {extra // 1024:8d} KiB  {status} {note}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
