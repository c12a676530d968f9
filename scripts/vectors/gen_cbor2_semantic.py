"""Generates Tests/ConciseTests/Resources/cbor2-semantic.json: Python values of every cbor2
built-in tag type, the bytes cbor2 6.3.0 writes for them (with the encode options given), and
the typed description (shared/conformance/CONTRACT.md) of the value cbor2 decodes back.
Usage: gen_cbor2_semantic.py [output-folder]"""
import datetime as dt
import email.mime.text
import fractions
import ipaddress
import json
import re
import sys
import uuid
from decimal import Decimal

import os

import cbor2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))
from cbor2_model import UTC, describe  # noqa: E402


def tz(seconds):
    return dt.timezone(dt.timedelta(seconds=seconds))


CASES = [
    # (name, python value, encode options)
    ("datetime utc", dt.datetime(2013, 3, 21, 20, 4, 0, tzinfo=UTC), {}),
    ("datetime +02:00", dt.datetime(2013, 3, 21, 22, 4, 0, tzinfo=tz(7200)), {}),
    ("datetime -05:30 microseconds", dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=tz(-19800)), {}),
    ("datetime microseconds utc", dt.datetime(2013, 3, 21, 20, 4, 0, 123456, tzinfo=UTC), {}),
    ("datetime before 1970", dt.datetime(1901, 1, 1, 0, 0, 1, 5, tzinfo=UTC), {}),
    ("datetime as timestamp", dt.datetime(2013, 3, 21, 20, 4, 0, tzinfo=UTC), {"datetime_as_timestamp": True}),
    ("datetime as fractional timestamp", dt.datetime(2013, 3, 21, 20, 4, 0, 500000, tzinfo=UTC), {"datetime_as_timestamp": True}),
    ("datetime +02:00 as timestamp", dt.datetime(2013, 3, 21, 22, 4, 0, 250000, tzinfo=tz(7200)), {"datetime_as_timestamp": True}),
    ("naive datetime with timezone", dt.datetime(2013, 3, 21, 22, 4, 0), {"timezone": 7200}),
    ("naive datetime with utc", dt.datetime(2000, 2, 29, 12, 0, 0, 1), {"timezone": 0}),
    ("date", dt.date(2013, 3, 21), {}),
    ("date 0001-01-01", dt.date(1, 1, 1), {}),
    ("date as timestamp", dt.date(2013, 3, 21), {"datetime_as_timestamp": True}),
    ("date before 1970 as timestamp", dt.date(1969, 12, 31), {"datetime_as_timestamp": True}),
    ("date as datetime", dt.date(2013, 3, 21), {"date_as_datetime": True, "timezone": 7200}),
    ("decimal 273.15", Decimal("273.15"), {}),
    ("decimal -0.001", Decimal("-0.001"), {}),
    ("decimal 1E+30", Decimal("1E+30"), {}),
    ("decimal 5", Decimal("5"), {}),
    ("decimal big mantissa", Decimal("123456789012345678901234567890.5"), {}),
    ("decimal negative big mantissa", Decimal("-98765432109876543210987654321"), {}),
    ("decimal NaN", Decimal("NaN"), {}),
    ("decimal Infinity", Decimal("Infinity"), {}),
    ("decimal -Infinity", Decimal("-Infinity"), {}),
    ("fraction 1/3", fractions.Fraction(1, 3), {}),
    ("fraction -7/2", fractions.Fraction(-7, 2), {}),
    ("fraction big", fractions.Fraction(2**70 + 1, 3), {}),
    ("regex", re.compile("a+b[0-9]*"), {}),
    ("regex bytes", re.compile(b"x+"), {}),
    ("mime", email.mime.text.MIMEText("Hello"), {}),
    ("uuid", uuid.UUID("5eaffac8-b51e-4805-8127-7fdcc7842faf"), {}),
    ("ipv4 address", ipaddress.IPv4Address("192.10.10.1"), {}),
    ("ipv6 address", ipaddress.IPv6Address("2001:db8::1"), {}),
    ("ipv6 address with scope", ipaddress.IPv6Address("fe80::1%eth0"), {}),
    ("ipv4 network", ipaddress.IPv4Network("192.168.0.0/24"), {}),
    ("ipv4 network /0", ipaddress.IPv4Network("0.0.0.0/0"), {}),
    ("ipv6 network", ipaddress.IPv6Network("2001:db8::/32"), {}),
    ("ipv4 interface", ipaddress.IPv4Interface("192.168.0.100/24"), {}),
    ("ipv6 interface", ipaddress.IPv6Interface("2001:db8::5/64"), {}),
    ("complex", complex(1.5, -2.0), {}),
    ("complex nan", complex(float("nan"), 0.25), {}),
    ("list of semantic values", [dt.date(2020, 1, 1), Decimal("1.5"), uuid.UUID(int=1)], {}),
]

DECODE_ONLY = [
    # (name, hex, typed description of what cbor2 decodes) — forms cbor2 reads but does not write
    ("tag 1 float", "c1fb41d452d9ec200000"),
    ("tag 1 negative", "c13a0001869f"),
    ("tag 100 date", "d864193dd6"),
    ("tag 5 bigfloat", "c5822003"),
    ("tag 260 IPv4", "d9010444c00a0a01"),
    ("tag 260 MAC stays a tag", "d9010446010203040506"),
    ("tag 261 network", "d90105a144c0a800001818"),
    ("tag 43000 integers", "d9a7f8820102"),
    ("tag 30 unreduced", "d81e820204"),
]

ERRORS = [
    # (name, hex) cbor2 refuses
    ("tag 0 with an integer", "c001"),
    ("tag 0 with a bad string", "c06474657374"),
    ("tag 1 with a string", "c16161"),
    ("tag 1 with NaN", "c1f97e00"),
    ("tag 4 with a string", "c46161"),
    ("tag 4 with one item", "c48101"),
    ("tag 30 with zero denominator", "d81e820100"),
    ("tag 37 with 5 bytes", "d8254501020304 05".replace(" ", "")),
    ("tag 52 with 5 bytes", "d8344501020304 05".replace(" ", "")),
    ("tag 1004 with a bad date", "d903ec6a323031332d31332d3332"),
    ("tag 43000 with strings", "d9a7f8826161 6162".replace(" ", "")),
    # Beyond Python's Decimal: an exponent of 2^63 - 1, an adjusted exponent one past MAX_EMAX,
    # an exponent below MIN_ETINY; for tag 5, 2 ** e past the default context's Emax.
    ("tag 4 with exponent 2^63-1", "c4821b7fffffffffffffff01"),
    ("tag 4 with 10 at exponent 999999999999999999", "c4821b0de0b6b3a763ffff0a"),
    ("tag 4 with exponent -1999999999999999998", "c4823b1bc16d674ec7fffd01"),
    ("tag 5 with exponent 3321929", "c5821a0032b04901"),
]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Tests/ConciseTests/Resources"
    cases = []
    for name, value, options in CASES:
        cbor2_options = dict(options)
        if "timezone" in cbor2_options:
            cbor2_options["timezone"] = tz(cbor2_options["timezone"])
        data = cbor2.dumps(value, **cbor2_options)
        expect = describe(cbor2.loads(data))
        source = describe(value)
        cases.append({"name": name, "options": options, "input": source, "hex": data.hex(), "expect": expect})
    decode_only = []
    for name, text in DECODE_ONLY:
        decode_only.append({"name": name, "hex": text, "expect": describe(cbor2.loads(bytes.fromhex(text)))})
    errors = []
    for name, text in ERRORS:
        try:
            cbor2.loads(bytes.fromhex(text))
        except (cbor2.CBORDecodeError, ValueError):
            errors.append({"name": name, "hex": text})
        else:
            raise SystemExit(f"cbor2 accepts {name}")
    document = {"generator": "scripts/vectors/gen_cbor2_semantic.py", "cbor2": "6.3.0",
                "cases": cases, "decode_only": decode_only, "errors": errors}
    with open(f"{folder}/cbor2-semantic.json", "w") as out:
        json.dump(document, out, indent=1, ensure_ascii=True)
        out.write("\n")
    print(f"wrote {folder}/cbor2-semantic.json ({len(cases)} cases, {len(decode_only)} decode-only, {len(errors)} errors)")


if __name__ == "__main__":
    main()
