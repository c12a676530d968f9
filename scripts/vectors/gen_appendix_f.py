#!/usr/bin/env python3
"""Generate Tests/ConciseTests/Resources/appendix-f.json: RFC 8949 Appendix F.1.

TRANSCRIPTION below is every example of a "CBOR data item that is not well-formed" listed
in RFC 8949 Appendix F.1 (https://www.rfc-editor.org/rfc/rfc8949#appendix-F.1), in the
RFC's order, grouped under the RFC's own list headings ("category").  Each group is given
the error code the Concise decoder is expected to report:

  truncated               premature end of input (kind 2 in the RFC)
  reservedAdditionalInfo  additional information 28, 29, 30 (subkind 1)
  invalidSimpleValue      two-byte simple values below 32 (subkind 2)
  invalidChunk            indefinite-length string chunks of the wrong type or not
                          definite length (subkind 3)
  unexpectedBreak         misplaced break stop code (subkind 4)
  invalidIndefiniteLength major type 0, 1, 6 with additional information 31 (subkind 5)

Every example is checked to be rejected by cbor2.loads(), by cbor_diag.cbor2diag() (except
two that cbor-diag 1.1.0 wrongly accepts, see CBOR_DIAG_ACCEPTS) and by the independent
reader in gen_cbor2_interop.py.  An example that cbor2 accepts is kept
and marked with "cbor2_accepts": true (none in cbor2 6.3.0).

Run from the repository root:
    .venv/bin/python scripts/vectors/gen_appendix_f.py [--out DIR]
"""
import sys

sys.dont_write_bytecode = True  # importing the sibling script must not leave __pycache__ behind

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402

import cbor2  # noqa: E402
import cbor_diag  # noqa: E402

import gen_cbor2_interop as common  # noqa: E402

# (RFC list heading, code, [examples as written in the RFC, bytes separated by spaces])
TRANSCRIPTION = [
    # Kind 2: too much data is missing
    ("End of input in a head", "truncated", [
        "18", "19", "1a", "1b", "19 01", "1a 01 02", "1b 01 02 03 04 05 06 07", "38", "58", "78",
        "98", "9a 01 ff 00", "b8", "d8", "f8", "f9 00", "fa 00 00", "fb 00 00 00"]),
    ("Definite-length strings with short data", "truncated", [
        "41", "61", "5a ff ff ff ff 00", "5b ff ff ff ff ff ff ff ff 01 02 03", "7a ff ff ff ff 00",
        "7b 7f ff ff ff ff ff ff ff 01 02 03"]),
    ("Definite-length maps and arrays not closed with enough items", "truncated", [
        "81", "81 81 81 81 81 81 81 81 81", "82 00", "a1", "a2 01 02", "a1 00", "a2 00 00 00"]),
    ("Tag number not followed by tag content", "truncated", [
        "c0"]),
    ("Indefinite-length strings not closed by a \"break\" stop code", "truncated", [
        "5f 41 00", "7f 61 00"]),
    ("Indefinite-length maps and arrays not closed by a \"break\" stop code", "truncated", [
        "9f", "9f 01 02", "bf", "bf 01 02 01 02", "81 9f", "9f 80 00", "9f 9f 9f 9f 9f ff ff ff ff",
        "9f 81 9f 81 9f 9f ff ff ff"]),
    # Kind 3, subkind 1
    ("Reserved additional information values", "reservedAdditionalInfo", [
        "1c", "1d", "1e", "3c", "3d", "3e", "5c", "5d", "5e", "7c", "7d", "7e", "9c", "9d", "9e",
        "bc", "bd", "be", "dc", "dd", "de", "fc", "fd", "fe"]),
    # Kind 3, subkind 2
    ("Reserved two-byte encodings of simple values", "invalidSimpleValue", [
        "f8 00", "f8 01", "f8 18", "f8 1f"]),
    # Kind 3, subkind 3
    ("Indefinite-length string chunks not of the correct type", "invalidChunk", [
        "5f 00 ff", "5f 21 ff", "5f 61 00 ff", "5f 80 ff", "5f a0 ff", "5f c0 00 ff", "5f e0 ff",
        "7f 41 00 ff"]),
    ("Indefinite-length string chunks not definite length", "invalidChunk", [
        "5f 5f 41 00 ff ff", "7f 7f 61 00 ff ff"]),
    # Kind 3, subkind 4
    ("Break occurring on its own outside of an indefinite-length item", "unexpectedBreak", [
        "ff"]),
    ("Break occurring in a definite-length array or map or a tag", "unexpectedBreak", [
        "81 ff", "82 00 ff", "a1 ff", "a1 ff 00", "a1 00 ff", "a2 00 00 ff", "9f 81 ff",
        "9f 82 9f 81 9f 9f ff ff ff ff"]),
    ("Break in an indefinite-length map that would lead to an odd number of items "
     "(break in a value position)", "unexpectedBreak", [
        "bf 00 ff", "bf 00 00 00 ff"]),
    # Kind 3, subkind 5
    ("Major type 0, 1, 6 with additional information 31", "invalidIndefiniteLength", [
        "1f", "3f", "df"]),
]

# cbor-diag 1.1.0 itself accepts these two (a break inside a definite-length array nested in
# an indefinite-length one closes the outer array); asserted exactly so any change is noticed.
CBOR_DIAG_ACCEPTS = {"9f81ff", "9f829f819f9fffffffff"}

EXPECTED_COUNT = 94  # 42 kind-2 examples + 24 + 4 + 10 + 11 + 3


def rejected_by_cbor2(data):
    try:
        cbor2.loads(data)
    except cbor2.CBORDecodeError:
        return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=common.DEFAULT_OUT)
    args = ap.parse_args()

    out = []
    seen = set()
    for category, code, examples in TRANSCRIPTION:
        for ex in examples:
            h = ex.replace(" ", "")
            if h in seen:
                raise AssertionError("duplicate example %s" % h)
            seen.add(h)
            data = bytes.fromhex(h)
            try:
                common.wire_describe(data)
            except (common.WireError, UnicodeDecodeError):
                pass
            else:
                raise AssertionError("independent reader accepts %s" % h)
            try:
                cbor_diag.cbor2diag(data)
            except Exception:
                diag_ok = False
            else:
                diag_ok = True
            if diag_ok != (h in CBOR_DIAG_ACCEPTS):
                raise AssertionError("cbor_diag %s %s" % ("accepts" if diag_ok else "rejects", h))
            entry = {"hex": h, "category": category, "code": code}
            if not rejected_by_cbor2(data):
                entry["cbor2_accepts"] = True
            out.append(entry)
    if len(out) != EXPECTED_COUNT:
        raise AssertionError("transcribed %d examples, RFC 8949 F.1 has %d" % (len(out), EXPECTED_COUNT))

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "appendix-f.json")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(json.dumps(out, indent=1, ensure_ascii=True) + "\n")
    accepted = [e["hex"] for e in out if e.get("cbor2_accepts")]
    print("wrote %s (%d examples; cbor2 accepts: %s)" % (path, len(out), accepted or "none"), file=sys.stderr)


if __name__ == "__main__":
    main()
