"""Generates Tests/ConciseTests/Resources/codable-cbor2.json: cbor2 6.3.0's encoding of the
dictionaries that the Codable test models stand for (same key order as the Swift declarations),
so the Swift tests check both directions byte for byte.
Usage: gen_codable.py [output-folder]"""
import datetime as dt
import json
import sys
import uuid
from decimal import Decimal

import cbor2

UTC = dt.timezone.utc
CASES = {
    "record": {"id": 7, "name": "abcdefghijkl", "score": 98.25, "tags": ["red", "green", "blue"], "active": True},
    "nested": {"title": "outer", "inner": {"values": [1, -2, 300], "flag": False}, "list": [{"values": [], "flag": True}]},
    "optionals": {"present": 5, "array": [1, None, 3]},
    "string keyed dictionary": {"scores": {"a": 1, "b": 2}},
    "integer keyed dictionary (integer keys)": {"scores": {1: "one", 2: "two"}},
    "foundation types": {"date": cbor2.CBORTag(1, 1363896240), "data": b"\x01\x02", "url": cbor2.CBORTag(32, "https://example.com/a?b=c"),
                          "uuid": uuid.UUID("5eaffac8-b51e-4805-8127-7fdcc7842faf"), "amount": Decimal("273.15")},
    "cose header (integer keys)": {1: -7, 4: b"kid"},
    "empty": {"items": [], "map": {}},
}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Tests/ConciseTests/Resources"
    out = {name: cbor2.dumps(value).hex() for name, value in CASES.items()}
    with open(f"{folder}/codable-cbor2.json", "w") as handle:
        json.dump({"generator": "scripts/vectors/gen_codable.py", "cbor2": "6.3.0", "cases": out}, handle, indent=1)
        handle.write("\n")
    print(f"wrote {folder}/codable-cbor2.json ({len(out)} cases)")


if __name__ == "__main__":
    main()
