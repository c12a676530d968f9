"""The contract's side of cbor2 (shared/conformance/CONTRACT.md): the typed description of
Python values (with shared ids), the inverse for encode inputs, and the named hooks with their
user classes, implemented with cbor2 6.3.0 exactly as the contract words them."""
import datetime as dt
import email.message
import fractions
import ipaddress
import re
import struct
import uuid
from collections.abc import Mapping
from decimal import Decimal

import cbor2

try:
    from cbor2 import FrozenDict as frozendict  # noqa: N813
except ImportError:  # pragma: no cover
    from cbor2._cbor2 import frozendict  # type: ignore

UTC = dt.timezone.utc


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Node:
    def __init__(self, name=None, parent=None, children=None):
        self.name = name
        self.parent = parent
        self.children = [] if children is None else children


class Opaque:
    def __init__(self, label=None):
        self.label = label


FIELDS = {Point: ("x", "y"), Node: ("name", "parent", "children"), Opaque: ("label",)}
CONTAINERS = (list, tuple, dict, frozendict, set, frozenset, cbor2.CBORTag, Point, Node, Opaque)


# --------------------------------------------------------------------------- describe

def float_node(value):
    return {"t": "float", "bits": struct.pack(">d", value).hex(), "repr": repr(value)}


class Describer:
    """Typed description with ids for containers that occur more than once (pre-order)."""

    def __init__(self, root):
        self.counts = {}
        self.ids = {}
        self._count(root)

    def _count(self, value):
        if isinstance(value, CONTAINERS):
            self.counts[id(value)] = self.counts.get(id(value), 0) + 1
            if self.counts[id(value)] > 1:
                return
        for child in children(value):
            self._count(child)

    def describe(self, value):
        if isinstance(value, CONTAINERS) and self.counts.get(id(value), 0) > 1:
            if id(value) in self.ids:
                return {"t": "shared", "id": self.ids[id(value)]}
            self.ids[id(value)] = len(self.ids)
            node = self._describe(value)
            return {"t": node.pop("t"), "id": self.ids[id(value)], **node}
        return self._describe(value)

    def _describe(self, value):
        if value is None:
            return {"t": "null"}
        if value is cbor2.undefined:
            return {"t": "undefined"}
        if isinstance(value, bool):
            return {"t": "bool", "v": value}
        if isinstance(value, int):
            return {"t": "int", "v": str(value)}
        if isinstance(value, float):
            return float_node(value)
        if isinstance(value, str):
            return {"t": "text", "v": value}
        if isinstance(value, (bytes, bytearray)):
            return {"t": "bytes", "hex": bytes(value).hex()}
        if isinstance(value, cbor2.CBORSimpleValue):
            return {"t": "simple", "v": value.value}
        if isinstance(value, cbor2.CBORTag):
            return {"t": "tag", "tag": value.tag, "v": self.describe(value.value)}
        if isinstance(value, (list, tuple)):
            node = {"t": "array", "v": [self.describe(item) for item in value]}
            if isinstance(value, tuple):
                node["frozen"] = True
            return node
        if isinstance(value, (dict, frozendict)):
            node = {"t": "map", "v": [[self.describe(k), self.describe(v)] for k, v in value.items()]}
            if isinstance(value, frozendict):
                node["frozen"] = True
            return node
        if isinstance(value, (set, frozenset)):
            import json
            members = sorted((self.describe(item) for item in value), key=lambda n: json.dumps(n, sort_keys=False))
            node = {"t": "set", "v": members}
            if isinstance(value, frozenset):
                node["frozen"] = True
            return node
        if isinstance(value, (Point, Node, Opaque)):
            return {"t": "object", "class": type(value).__name__,
                    "fields": {f: self.describe(getattr(value, f)) for f in FIELDS[type(value)]}}
        if isinstance(value, dt.datetime):
            offset = value.utcoffset()
            aware = value if value.tzinfo else value.replace(tzinfo=UTC)
            delta = aware - dt.datetime(1970, 1, 1, tzinfo=UTC)
            return {"t": "datetime", "iso": value.isoformat(),
                    "epoch_us": str((delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds),
                    "offset_s": None if offset is None else int(offset.total_seconds())}
        if isinstance(value, dt.date):
            return {"t": "date", "v": value.isoformat()}
        if isinstance(value, Decimal):
            if not value.is_finite():
                special = "NaN" if value.is_nan() else ("-Infinity" if value < 0 else "Infinity")
                return {"t": "decimal", "v": special, "special": special}
            sign, digits, exp = value.as_tuple()
            return {"t": "decimal", "v": str(value), "sign": sign, "digits": "".join(map(str, digits)), "exp": exp}
        if isinstance(value, fractions.Fraction):
            return {"t": "fraction", "num": str(value.numerator), "den": str(value.denominator)}
        if isinstance(value, re.Pattern):
            if isinstance(value.pattern, bytes):
                return {"t": "regex", "pattern_hex": value.pattern.hex()}
            return {"t": "regex", "pattern": value.pattern}
        if isinstance(value, email.message.Message):
            return {"t": "mime", "v": value.as_string()}
        if isinstance(value, uuid.UUID):
            return {"t": "uuid", "v": str(value)}
        if isinstance(value, (ipaddress.IPv4Interface, ipaddress.IPv6Interface)):
            node = {"t": f"ipv{value.version}interface", "v": str(value), "packed_hex": value.ip.packed.hex(),
                    "prefix": value.network.prefixlen}
            # An interface keeps its zone itself (its .ip drops it).
            if getattr(value, "scope_id", None):
                node["scope"] = value.scope_id
            return node
        if isinstance(value, (ipaddress.IPv4Network, ipaddress.IPv6Network)):
            node = {"t": f"ipv{value.version}network", "v": str(value),
                    "packed_hex": value.network_address.packed.hex(), "prefix": value.prefixlen}
            if getattr(value.network_address, "scope_id", None):
                node["scope"] = value.network_address.scope_id
            return node
        if isinstance(value, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
            node = {"t": f"ipv{value.version}address", "v": str(value), "packed_hex": value.packed.hex()}
            if getattr(value, "scope_id", None):
                node["scope"] = value.scope_id
            return node
        if isinstance(value, complex):
            return {"t": "complex", "real": float_node(value.real), "imag": float_node(value.imag)}
        return {"t": "python", "type": type(value).__name__, "repr": repr(value)}


def children(value):
    if isinstance(value, cbor2.CBORTag):
        return [value.value]
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    if isinstance(value, (dict, frozendict)):
        return [x for pair in value.items() for x in pair]
    if isinstance(value, (Point, Node, Opaque)):
        return [getattr(value, f) for f in FIELDS[type(value)]]
    return []


def describe(value):
    return Describer(value).describe(value)


# --------------------------------------------------------------------------- hooks

def frozen(items, immutable):
    return tuple(items) if immutable else list(items)


def tag_to_array(tag, immutable):
    return frozen(["tag", tag.tag, tag.value, immutable], immutable)


def map_to_array(mapping, immutable):
    return frozen(["map", immutable, mapping], immutable)


def point_object(mapping, immutable):
    if mapping.get("typename") == "Point":
        return Point(mapping["x"], mapping["y"])
    return mapping


def epoch_to_array(value, immutable):
    return frozen(["epoch", value, immutable], immutable)


def set_immutable_aware(items, immutable):
    return frozenset(items) if immutable else set(items)


def point_4000(value, immutable):
    return Point(*value)


@cbor2.shareable_decoder
def node_80000(immutable):
    node = Node.__new__(Node)

    def complete(state):
        node.name = state["name"]
        node.parent = state["parent"]
        node.children = state["children"]
        return node

    return node, complete


def encode_point_4000(encoder, point):
    encoder.encode_semantic(4000, [point.x, point.y])


def encode_point_as_map(encoder, point):
    encoder.encode({"typename": "Point", "x": point.x, "y": point.y})


def _node_state(node):
    return {"name": node.name, "parent": node.parent, "children": node.children}


@cbor2.shareable_encoder
def encode_node_shareable(encoder, node):
    encoder.encode_semantic(80000, _node_state(node))


def encode_node_plain(encoder, node):
    encoder.encode_semantic(80000, _node_state(node))


def encode_text_upper(encoder, text):
    encoder.encode_string(text.upper())


def default_opaque(encoder, value):
    if isinstance(value, Opaque):
        encoder.encode_semantic(50000, ["Opaque", value.label])
    else:
        raise ValueError(f"cannot serialize {type(value)}")


DECODE_HOOKS = {"tag_to_array": tag_to_array, "map_to_array": map_to_array, "point_object": point_object,
                "epoch_to_array": epoch_to_array, "set_immutable_aware": set_immutable_aware,
                "point_4000": point_4000, "node_80000": node_80000}
ENCODERS = {"point_4000": encode_point_4000, "point_as_map": encode_point_as_map,
            "node_80000_shareable": encode_node_shareable, "node_80000_plain": encode_node_plain,
            "text_upper": encode_text_upper}
TYPES = {"Point": Point, "Node": Node, "Opaque": Opaque, "text": str}


def decode_options(options):
    """cbor2.loads keyword arguments for a case's options object."""
    result = {}
    for key, value in options.items():
        if key in ("tag_hook", "object_hook"):
            result[key] = DECODE_HOOKS[value]
        elif key == "semantic_decoders":
            result[key] = {int(tag): DECODE_HOOKS[name] for tag, name in value.items()}
        else:
            result[key] = value
    return result


def encode_options(options):
    result = {}
    for key, value in options.items():
        if key == "encoders":
            result[key] = {TYPES[name]: ENCODERS[hook] for name, hook in value.items()}
        elif key == "default":
            result[key] = default_opaque
        elif key == "timezone":
            result[key] = None if value is None else dt.timezone(dt.timedelta(seconds=value))
        else:
            result[key] = value
    return result


class RawTags(Mapping):
    """semantic_decoders answering every tag number with CBORTag(tag, value): raw mode."""

    def __getitem__(self, tag):
        return lambda value, immutable, tag=tag: cbor2.CBORTag(tag, value)

    def __contains__(self, tag):
        return True

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0
