"""Random inputs for the conformance suite, from fixed seeds: CBOR items built from every head
kind and every tag cbor2 knows, some cut short or with a byte changed (to decode), and Python
values of every kind cbor2 encodes, with random encoder options (to encode). generate.py turns
them into cases whose expectations the real cbor2 produces."""
import datetime as dt
import ipaddress
import random
import re
import struct
import uuid
from decimal import Decimal
from fractions import Fraction

import cbor2

TAGS = [0, 1, 2, 3, 4, 5, 25, 256, 28, 29, 30, 35, 36, 37, 100, 1004, 258, 260, 261, 55799, 262, 263, 264, 265,
        266, 267, 268, 269, 270, 271, 272, 43000, 24, 21, 32, 33, 34, 6, 7, 64, 86, 65, 72, 52, 54]
TEXTS = ["", "a", "abc", "ü", "日本", "2013-03-21T20:04:00Z", "2013-03-21T20:04:00.5+01:00", "2013-03-21", "a.b*", "(",
         "[", "Content-Type: text/plain\n\nhi", "1.2.3.4", "\U0001F600", "fe80::1%eth0"]


def _head(major, number):
    if number < 24:
        return bytes([major << 5 | number])
    for info, size, code in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if number < 1 << (8 * size):
            return bytes([major << 5 | info]) + struct.pack(code, number)
    raise ValueError(number)


class _Items:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def uint(self):
        return self.rng.choice([0, 1, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1,
                                self.rng.randrange(2**64), self.rng.randrange(1000)])

    def text(self):
        return self.rng.choice(TEXTS + ["x" * self.rng.randrange(40)]).encode()

    def item(self, depth=0):
        rng = self.rng
        r = rng.random()
        if depth > 3 or r < 0.35:
            kind = rng.randrange(9)
            if kind == 0:
                return _head(0, self.uint())
            if kind == 1:
                return _head(1, self.uint())
            if kind == 2:
                data = bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 4, 5, 8, 16, 17])))
                return _head(2, len(data)) + data
            if kind == 3:
                data = self.text()
                return _head(3, len(data)) + data
            if kind == 4:
                return bytes([rng.choice([0xf4, 0xf5, 0xf6, 0xf7, 0xe0, 0xf0, 0xf3])])
            if kind == 5:
                return b"\xf8" + bytes([rng.choice([0, 19, 24, 31, 32, 100, 255])])
            if kind == 6:
                return b"\xf9" + struct.pack(">e", rng.choice([0.0, -0.0, 1.5, 65504.0, float("inf"), float("nan")]))
            if kind == 7:
                return b"\xfa" + struct.pack(">f", rng.choice([0.1, 1e30, -2.5, float("nan")]))
            return b"\xfb" + struct.pack(">d", rng.choice([0.1, 1e300, -0.0, 2.0**70, 1.5, float("-inf")]))
        if r < 0.5:
            count = rng.randrange(4)
            return _head(4, count) + b"".join(self.item(depth + 1) for _ in range(count))
        if r < 0.62:
            count = rng.randrange(4)
            return _head(5, count) + b"".join(self.item(depth + 1) + self.item(depth + 1) for _ in range(count))
        tag = rng.choice(TAGS)
        return _head(6, tag) + rng.choice([self.item(depth + 1), self.item(depth + 1), self.content(tag, depth)])

    def content(self, tag, depth):
        """Content of the shape the tag expects, more or less."""
        rng = self.rng
        if tag == 0:
            data = self.text()
            return _head(3, len(data)) + data
        if tag in (1, 100, 1004):
            return rng.choice([_head(0, rng.randrange(2**40)), _head(1, rng.randrange(2**40)),
                               b"\xfb" + struct.pack(">d", rng.uniform(-1e12, 1e12))])
        if tag in (2, 3):
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(12)))
            return _head(2, len(data)) + data
        if tag in (4, 5):
            return b"\x82" + self.item(5) + self.item(5)
        if tag == 30:
            return b"\x82" + _head(rng.randrange(2), self.uint()) + _head(0, self.uint())
        if tag in (37, 52, 54, 260, 261):
            data = bytes(rng.randrange(256) for _ in range(rng.choice([4, 6, 15, 16])))
            string = _head(2, len(data)) + data
            return rng.choice([string, b"\xa1" + string + _head(0, rng.randrange(140)),
                               b"\x82" + string + _head(0, rng.randrange(140)), b"\x82" + _head(0, rng.randrange(140)) + string])
        if tag == 258:
            count = rng.randrange(4)
            return _head(4, count) + b"".join(self.item(5) for _ in range(count))
        if tag in (25, 28, 29, 256):
            return _head(0, rng.randrange(3))
        if 64 <= tag <= 87:
            data = bytes(rng.randrange(256) for _ in range(rng.choice([0, 2, 3, 4, 8])))
            return _head(2, len(data)) + data
        return self.item(depth + 1)

    def mutated(self):
        data = self.item()
        r = self.rng.random()
        if r < 0.7 or not data:
            return data
        if r < 0.85:
            return data[:self.rng.randrange(len(data))]
        index = self.rng.randrange(len(data))
        return data[:index] + bytes([self.rng.randrange(256)]) + data[index + 1:]


def decode_inputs(seed, count):
    items = _Items(seed)
    return [items.mutated() for _ in range(count)]


def decode_options(seed, count):
    """Random decoder options: immutable, duplicates, depth, string errors, indefinite lengths,
    strict hashable types."""
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        options = {}
        for name, chance, values in (("immutable", 0.4, [True]), ("allow_duplicate_keys", 0.3, [False]),
                                     ("max_depth", 0.3, [0, 1, 2, 3]),
                                     ("str_errors", 0.3, ["strict", "replace", "ignore", "backslashreplace"]),
                                     ("allow_indefinite", 0.2, [False]), ("strict_hashable_types", 0.2, [True])):
            if rng.random() < chance:
                options[name] = rng.choice(values)
        result.append(options)
    return result


class _SharedItems(_Items):
    """Items with shared values (tags 28 and 29 around containers, references in key and member
    positions) and the tags and maps the contract's named hooks take."""

    def item(self, depth=0):
        rng = self.rng
        r = rng.random()
        if depth < 4 and r < 0.12:
            return b"\xd8\x1c" + rng.choice([self.container(depth + 1), self.item(depth + 1)])
        if r < 0.2:
            return b"\xd8\x1d" + _head(0, rng.randrange(3))
        if depth < 4 and r < 0.27:
            tag = rng.choice([4000, 80000, 77, 1, 258, 0, 2])
            return _head(6, tag) + self.hooked(tag, depth + 1)
        if depth < 4 and r < 0.32:
            fields = b"".join(_head(3, 1) + name + self.item(depth + 1) for name in (b"x", b"y"))
            return b"\xa3\x68typename" + _head(3, 5) + rng.choice([b"Point", b"Point", b"Other"]) + fields
        return super().item(depth)

    def container(self, depth):
        count = self.rng.randrange(3)
        if self.rng.random() < 0.5:
            return _head(4, count) + b"".join(self.item(depth + 1) for _ in range(count))
        return _head(5, count) + b"".join(self.item(depth + 1) + self.item(depth + 1) for _ in range(count))

    def hooked(self, tag, depth):
        rng = self.rng
        if tag == 4000:
            return rng.choice([b"\x82" + self.item(depth) + self.item(depth), self.item(depth)])
        if tag == 80000:
            parent = rng.choice([b"\xf6", b"\xd8\x1d\x00", b"\xd8\x1d\x01", self.item(depth)])
            children = rng.choice([b"\x80", b"\x81" + self.item(depth), b"\x81\xd8\x1d\x00"])
            return rng.choice([b"\xa3\x64name" + self.item(depth) + b"\x66parent" + parent + b"\x68children" + children,
                               self.item(depth)])
        if tag == 258:
            count = rng.randrange(3)
            return _head(4, count) + b"".join(self.item(5) for _ in range(count))
        return self.content(tag, depth)


class _LevelItems:
    """Items whose depth, as cbor2 counts it, turns on tag 28: shareable containers, scalars
    and tags in mutable and frozen places (map keys, set members, tag content), references
    that carry a value's depth elsewhere (cycles among them), string namespaces, and the
    shareable semantic decoder of tag 80000."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.shares = 0

    def item(self, depth):
        rng = self.rng
        if depth > 7 or rng.random() < 0.25:
            return rng.choice([b"\x00", b"\x40", b"\x61a", b"\xf6", b"\x80", b"\xa0", b"\x9f\xff", b"\xbf\xff"])
        kind = rng.randrange(15)
        if kind <= 2:
            count = rng.randrange(4)
            items = b"".join(self.item(depth + 1) for _ in range(count))
            return b"\x9f" + items + b"\xff" if rng.random() < 0.2 else _head(4, count) + items
        if kind <= 4:
            count = rng.randrange(3)
            pairs = b"".join((_head(0, 100 + index) if rng.random() < 0.5 else self.key()) + self.item(depth + 1)
                             for index in range(count))
            return b"\xbf" + pairs + b"\xff" if rng.random() < 0.2 else _head(5, count) + pairs
        if kind <= 7:
            self.shares += 1
            return b"\xd8\x1c" + self.item(depth + 1)
        if kind == 8 and self.shares:
            return b"\xd8\x1d" + _head(0, rng.randrange(self.shares))
        if kind == 9:
            return _head(6, 1000) + self.item(depth + 1)
        if kind == 10:
            count = rng.randrange(3)
            return _head(6, 258) + _head(4, count) + b"".join(
                self.key() if rng.random() < 0.5 else _head(0, 50 + index) for index in range(count))
        if kind == 11:
            return _head(6, rng.choice([55799, 256])) + self.item(depth + 1)
        if kind == 12:
            return _head(6, 80000) + b"\xa3\x64name" + self.item(depth + 1) + b"\x66parent" + self.item(depth + 1) \
                + b"\x68children" + _head(4, 1) + self.item(depth + 1)
        return rng.choice([b"\xc4\x82\x01\x02", b"\xd8\x1e\x82\x01\x02", b"\xc1\x00"])

    def key(self):
        rng = self.rng
        kind = rng.randrange(4)
        if kind == 0:
            return b"\x81" + rng.choice([b"\x81\x00", b"\x00"])
        if kind == 1:
            self.shares += 1
            return b"\xd8\x1c" + rng.choice([b"\x81\x00", _head(6, 1000) + b"\x81\x00"])
        if kind == 2:
            return _head(6, 1000) + b"\x81\x00"
        return _head(3, 1) + bytes([97 + rng.randrange(26)])


def level_items(seed, count):
    """Items for the depth cases (``_LevelItems``), each with the options it is decoded with:
    `immutable` four times in ten, tag 80000's shareable decoder half the time."""
    result = []
    for index in range(count):
        items = _LevelItems(seed * 100_000 + index)
        data = items.item(0)
        options = {"immutable": items.rng.random() < 0.4}
        if items.rng.random() < 0.5:
            options["semantic_decoders"] = {"80000": "node_80000"}
        result.append((data, options))
    return result


HOOKS = [{"tag_hook": "tag_to_array"}, {"object_hook": "map_to_array"}, {"object_hook": "point_object"},
         {"semantic_decoders": {"1": "epoch_to_array"}}, {"semantic_decoders": {"258": "set_immutable_aware"}},
         {"semantic_decoders": {"4000": "point_4000"}}, {"semantic_decoders": {"80000": "node_80000"}}]


def shared_inputs(seed, count):
    """Items with shared values and the named hooks' tags (``_SharedItems``), some cut short or
    with one byte changed."""
    items = _SharedItems(seed)
    return [items.mutated() for _ in range(count)]


def hook_options(seed, count):
    """One to three of the contract's named hooks, and `immutable` four times in ten."""
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        options = {}
        for hook in rng.sample(HOOKS, rng.choice([1, 1, 2, 3])):
            for key, value in hook.items():
                if key == "semantic_decoders":
                    options.setdefault(key, {}).update(value)
                else:
                    options[key] = value
        if rng.random() < 0.4:
            options["immutable"] = True
        result.append(options)
    return result


class _Values:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def scalar(self):
        rng = self.rng
        kind = rng.randrange(20)
        choices = [
            lambda: rng.choice([0, 1, -1, 23, 24, 255, 256, -257, 2**32, 2**63, -2**63 - 1, 2**64 - 1, -2**64, 2**64,
                                -2**64 - 1, 2**200, -2**130, rng.randrange(-2**64, 2**64), rng.randrange(-1000, 1000)]),
            lambda: rng.choice([0.0, -0.0, 1.5, 0.1, 65504.0, 65505.0, 1e300, 5.960464477539063e-08, float("inf"),
                                float("nan"), 3.4028234663852886e38, 1e-320, 1e-7, 3.0e38, 1.401298464324817e-45,
                                rng.uniform(-1e6, 1e6)]),
            lambda: rng.choice(["", "a", "ü", "日本語", "\U0001F600", "x" * 30]),
            lambda: bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 5, 30]))),
            lambda: rng.choice([True, False, None, cbor2.undefined]),
            lambda: Decimal(rng.choice(["1.5", "-0", "0E+3", "123456789012345678901234567890.5", "1E-30", "NaN",
                                        "Infinity", "-Infinity", "1e100"])),
            lambda: Fraction(rng.randrange(-100, 100), rng.randrange(1, 50)),
            lambda: dt.datetime(2020, 1, 2, 3, 4, 5, rng.choice([0, 123456]), tzinfo=rng.choice(
                [dt.timezone.utc, dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=-5, minutes=-30))])),
            lambda: dt.date(rng.choice([1, 1970, 2024, 9999]), 2, 28),
            lambda: uuid.UUID(int=rng.randrange(2**128)),
            lambda: rng.choice([ipaddress.ip_address("192.168.0.1"), ipaddress.ip_address("2001:db8::1"),
                                ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_interface("10.1.2.3/24"),
                                ipaddress.ip_network("2001:db8::/32"), ipaddress.ip_interface("fe80::1/64")]),
            lambda: complex(rng.choice([0.0, 1.5, -2.0]), rng.choice([0.0, 3.25])),
            lambda: cbor2.CBORSimpleValue(rng.choice([0, 19, 32, 255])),
            lambda: cbor2.CBORTag(rng.choice([6, 1000, 2**32, 2**64 - 1, 99]), rng.choice([1, "x", [1, 2]])),
            lambda: re.compile(rng.choice(["a.b", "x*"])),
        ]
        return choices[kind]() if kind < len(choices) else rng.randrange(-1000, 1000)

    def value(self, depth=0):
        rng = self.rng
        r = rng.random()
        if depth > 3 or r < 0.45:
            return self.scalar()
        count = rng.randrange(4)
        if r < 0.6:
            return [self.value(depth + 1) for _ in range(count)]
        if r < 0.65:
            return tuple(self.value(depth + 1) for _ in range(count))
        if r < 0.8:
            keys = [rng.choice(["a", "b", "aa", "B", "", 1, -1, 2**40, b"k", 1.5, (1, 2), None, True, "ü"]) for _ in range(count)]
            return {key: self.value(depth + 1) for key in keys}
        if r < 0.85:
            return {rng.choice([1, 2, 3, "x", "yy", b"z"]) for _ in range(count)}
        if r < 0.9:
            return frozenset(rng.choice([1, 2, "x"]) for _ in range(count))
        return cbor2.CBORTag(rng.choice([6, 4000, 300]), self.value(depth + 1))

    def options(self):
        rng = self.rng
        options = {}
        for name, chance in (("canonical", 0.3), ("datetime_as_timestamp", 0.15), ("date_as_datetime", 0.15),
                             ("value_sharing", 0.1), ("string_referencing", 0.1)):
            if rng.random() < chance:
                options[name] = True
        if rng.random() < 0.1:
            options["timezone"] = rng.choice([0, 3600, None])
        return options


def encode_inputs(seed, count):
    values = _Values(seed)
    return [(values.value(), values.options()) for _ in range(count)]


def mime_messages(seed, count):
    """Random MIME message text: envelope lines, headers good and bad (no name, names with a
    space, non-ASCII), continuation lines, every line end, bodies with boundaries."""
    rng = random.Random(seed)
    names = ["Subject", "From", "To", "X-A", "Content-Type", "bad name", "", "Ü", "From "]
    values = ["x", "", "  lead", "trail  ", "x ", "café", "hello wörld and more ascii", "a\tb", "日本",
              "=?utf-8?q?x?=", "text/plain", "multipart/mixed; boundary=B", "message/rfc822", "a: b", "a\x0bb", "a\x85b",
              " ", "\t"]
    ends = ["\n", "\r\n", "\r"]
    messages = []
    for _ in range(count):
        parts = []
        if rng.random() < 0.1:
            parts.append("From someone" + rng.choice(ends))
        for _ in range(rng.randrange(4)):
            name = rng.choice(names)
            parts.append(name + (":" if name != "From " else "") + (" " if rng.random() < 0.8 else "")
                         + rng.choice(values) + rng.choice(ends))
            while rng.random() < 0.25:
                parts.append(rng.choice([" ", "\t", "  "]) + rng.choice(values) + rng.choice(ends))
        if rng.random() < 0.8:
            parts.append(rng.choice(ends))
        for _ in range(rng.randrange(4)):
            parts.append(rng.choice(["body", "", "line é", "From x", "Subject: y", "X: café"]) + rng.choice(ends + [""]))
        messages.append("".join(parts))
    return messages


def multipart_messages(seed, count):
    """Random multipart MIME message text: nested multipart and message/rfc822 parts, digests,
    quoted and unquoted boundaries (some with parameters around them or spaces in them),
    preambles, epilogues, repeated and closing boundary lines, parts without headers or a
    separator, missing closing lines, envelope-like lines, every line end."""
    rng = random.Random(seed)

    def end():
        return rng.choice(["\n", "\r\n", "\r"]) if rng.random() < 0.3 else "\n"

    def header_block(content_type):
        headers = []
        if rng.random() < 0.3:
            headers.append("Subject: " + rng.choice(["x", "caf\u00e9", "a b ", ""]) + end())
        if content_type is not None:
            headers.append("Content-Type: " + content_type + end())
        if rng.random() < 0.2:
            headers.append("X-Fold: a" + end() + " b" + end())
        if rng.random() < 0.1:
            headers.append("Content-Transfer-Encoding: " + rng.choice(["7bit", "base64"]) + end())
        return "".join(headers)

    def boundary_parameter(boundary):
        return rng.choice([f"boundary={boundary}", f'boundary="{boundary}"', f'boundary="{boundary}" ',
                           f"Boundary={boundary}; charset=x", f'charset="a;b"; boundary={boundary}', f'boundary="{boundary} "'])

    def text_body():
        return "".join(rng.choice(["body", "", "line \u00e9", "--", "-- x", "From x", "Subject: y", "  "]) + end()
                       for _ in range(rng.randrange(4)))

    def message(depth, boundaries):
        roll = rng.random()
        if depth < 4 and roll < 0.45:
            boundary = rng.choice(["B", "XX", "b1", "==a", f"B{depth}"]) if rng.random() < 0.9 or not boundaries else boundaries[-1]
            subtype = rng.choice(["mixed", "alternative", "digest", "related"])
            types = [f"multipart/{subtype}; " + boundary_parameter(boundary), f"MULTIPART/{subtype}; " + boundary_parameter(boundary)]
            text = header_block(rng.choice(types + ([f"multipart/{subtype}"] if rng.random() < 0.05 else [])))
            if rng.random() < 0.9:
                text += end()
            if rng.random() < 0.3:
                text += text_body()
            for _ in range(rng.randrange(4)):
                text += "--" + boundary + rng.choice(["", "", " ", "\t", "--" if rng.random() < 0.1 else ""]) + end()
                if rng.random() < 0.1:
                    text += "--" + boundary + end()
                text += message(depth + 1, boundaries + [boundary])
                if rng.random() < 0.7 and not text.endswith(("\n", "\r")):
                    text += end()
            if rng.random() < 0.75:
                text += "--" + boundary + "--" + rng.choice(["", "", " ", " trailing"]) + (end() if rng.random() < 0.8 else "")
                if rng.random() < 0.4:
                    text += text_body()
            return text
        if depth < 4 and roll < 0.55:
            return header_block("message/rfc822") + end() + message(depth + 1, boundaries)
        headers = header_block(rng.choice([None, "text/plain", "text/html; charset=utf-8"]))
        return headers + (end() if rng.random() < 0.85 else "") + text_body()

    return [message(0, []) for _ in range(count)]
