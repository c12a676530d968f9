"""Generates Tests/Conformance/suite.json: conformance cases for `concise-conformance`, every
expectation produced by running the real cbor2 6.3.0 (shared/conformance/CONTRACT.md).
Usage: generate.py [output-file]"""
import datetime as dt
import fractions
import json
import struct
import sys
from decimal import Decimal

import cbor2

import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cbor2_model as m  # noqa: E402

RESOURCES = "Tests/ConciseTests/Resources"
cases = []

# Behaviours where Concise differs from cbor2 on purpose (DifferencesFromCbor2.md). Cases whose
# input hits them are kept, and reported as documented differences rather than failures.
DIFFERENCES = {
    "number-keys": "true and 1 (and 1.0) are different map keys in Concise (Python merges them)",
    "empty-tuple": "CPython keeps a single empty tuple, so its empty frozen arrays all share one id",
    "set-order": "Swift sets have no stable order, so Concise writes their members in canonical order; cbor2 uses Python's hash order",
    "equivalent-keys": "Swift's String holds canonically equivalent keys equal, so the later value replaces the earlier (Python keeps both)",
    "bytes-tuple-keys": "Swift's AnyHashable holds a byte string equal to a frozen array of the same integers, so the later value replaces the earlier (Python keeps both)",
    "hook-inner-reference": "a reference from inside a tag or map to the tag 28 around it, when a tag hook or object hook replaces that tag or map, is refused (cbor2 resolves it to the object before the hook)",
    "python-equal-keys": "Python holds numbers of different types equal (1, Decimal 1, Fraction 1, complex 1, an integer beyond 64 bits and the float of its value, and datetimes at one instant), so a dict merges them; Concise keeps them apart",
    "second-offsets": "cbor2 writes an offset under a minute (+00:00:30) as 'Z:30' (it replaces '+00:00' with 'Z'), which it cannot read back; Concise writes the offset",
    "fraction-long-decimal": "tag 30 over null refuses a Decimal whose mantissa is over 4096 bytes under a negative exponent, which Concise does not reduce (Python's exact Fraction can be short: 10**10000 / 10**10000 is 1)",
    "set-unpack-order": "a decoded set keeps no insertion order, so when members collide in CPython's table a hook that unpacks the set (Point(*s)) meets them in the order of their hashes; CPython's order depends on the order they were added",
    "tag-identity": "a CBORTag is a Swift value without identity: under value_sharing a tag met twice is written twice, where cbor2 refers back to the same CBORTag object",
    "tag-depth": "cbor2 refuses to encode more than 400 nested tags (its encode depth counts tags, its own semantic tags included, and nothing else); Concise encodes values nested up to 2048 levels of any kind",
    "tag-content-tuple": "a CBORTag's value is AnyHashable, so a list inside it is a tuple: under value_sharing an empty one is a reference to the first empty tuple",
}


def decode_case(name, data, options=None, mode="semantic", difference=None):
    options = options or {}
    case = {"id": name, "suite": "raw" if mode == "raw" else ("hooks" if any(k in options for k in ("tag_hook", "object_hook", "semantic_decoders")) else "decode"),
            "op": "decode", "mode": mode, "options": options, "input_hex": data.hex()}
    try:
        if mode == "raw":
            value = cbor2.loads(data, semantic_decoders=m.RawTags(), **m.decode_options(options))
        else:
            value = cbor2.loads(data, **m.decode_options(options))
        case["expect"] = m.describe(value)
    except (cbor2.CBORDecodeError, ValueError, TypeError, RecursionError, OverflowError) as error:
        case["expect_error"] = True
        case["cbor2_error"] = f"{type(error).__name__}: {error}"[:200]
    if difference:
        case["difference"] = DIFFERENCES[difference]
    cases.append(case)


def has_unordered_set(value, seen=None):
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, (set, frozenset)):
        return len(value) > 1 or any(has_unordered_set(item, seen) for item in value)
    return any(has_unordered_set(child, seen) for child in m.children(value))


def encode_case(name, value, options=None, difference=None):
    options = options or {}
    if difference is None and not options.get("canonical") and has_unordered_set(value):
        difference = "set-order"
    case = {"id": name, "suite": "encode", "op": "encode", "options": options, "input": m.describe(value)}
    try:
        case["expect_hex"] = cbor2.dumps(value, **m.encode_options(options)).hex()
    except (cbor2.CBOREncodeError, ValueError, TypeError, RecursionError) as error:
        case["expect_error"] = True
        case["cbor2_error"] = f"{type(error).__name__}: {error}"[:200]
    if difference:
        case["difference"] = DIFFERENCES[difference]
    cases.append(case)


def malformed_case(name, data):
    try:
        cbor2.loads(data)
        outcome = "ok"
    except Exception:  # noqa: BLE001 - any refusal is a clean error for cbor2
        outcome = "clean_error"
    cases.append({"id": name, "suite": "malformed", "op": "decode", "mode": "semantic", "options": {},
                  "input_hex": data.hex(), "expect_outcome": outcome})


def vectors():
    for vector in json.load(open(f"{RESOURCES}/appendix-a.json")):
        data = bytes.fromhex(vector["hex"])
        decode_case(f"appendix A {vector['hex']}", data)
        decode_case(f"appendix A {vector['hex']} raw", data, mode="raw")
    for case in json.load(open(f"{RESOURCES}/cbor2-interop.json"))["cases"]:
        if len(case["hex"]) < 3000:
            data = bytes.fromhex(case["hex"])
            decode_case(f"interop {case['name']}", data)
            decode_case(f"interop {case['name']} raw", data, mode="raw")
            value = cbor2.loads(data, semantic_decoders=m.RawTags())
            encode_case(f"interop {case['name']}", value)
            encode_case(f"interop {case['name']} canonical", value, {"canonical": True})
    semantic = json.load(open(f"{RESOURCES}/cbor2-semantic.json"))
    for case in semantic["cases"] + semantic["decode_only"]:
        data = bytes.fromhex(case["hex"])
        decode_case(f"tag {case['name']}", data)
        decode_case(f"tag {case['name']} raw", data, mode="raw")
        decode_case(f"tag {case['name']} immutable", data, {"immutable": True})
    for case in semantic["errors"]:
        decode_case(f"tag {case['name']}", bytes.fromhex(case["hex"]))


def decode_options():
    nested = cbor2.dumps({"a": [1, {"b": (2, 3)}], (1, 2): {"c": None}, "s": cbor2.CBORTag(6, [7])})
    for immutable in (False, True):
        decode_case(f"immutable={immutable} nested", nested, {"immutable": immutable})
        decode_case(f"immutable={immutable} set", cbor2.dumps({1, "a", (2, 3)}), {"immutable": immutable})
        decode_case(f"immutable={immutable} map keys", bytes.fromhex("a2 8201 02 03 a1 01 02 04".replace(" ", "")), {"immutable": immutable})
    bad = [bytes.fromhex("6361ff62"), bytes.fromhex("a1 6361ff62 01".replace(" ", "")), bytes.fromhex("7f 6161 62c328 ff".replace(" ", "")),
           bytes.fromhex("62c0af"), bytes.fromhex("63eda080"), bytes.fromhex("64f4908080")]
    for errors in ("strict", "replace", "ignore", "backslashreplace", "surrogateescape"):
        for index, data in enumerate(bad):
            decode_case(f"str_errors={errors} #{index}", data, {"str_errors": errors})
    for depth in range(0, 4):
        for data in (b"\x81" * 3 + b"\x01", b"\x81\x80", b"\xc1\xc1\x01", bytes.fromhex("a101a0"), b"\x80", b"\xa1\x01\x81\x01"):
            decode_case(f"max_depth={depth} {data.hex()}", data, {"max_depth": depth})
        if depth == 0:
            # cbor2 takes max_depth as an unsigned C integer: a negative one fails every input.
            for hex_ in ("01", "8101"):
                decode_case(f"max_depth=-1 {hex_}", bytes.fromhex(hex_), {"max_depth": -1})
        # An empty container is not counted only when it is definite.
        for hex_ in ("9fff", "bfff", "819fff", "9f9fffff", "a1019fff", "c69fff", "9f80ff"):
            for mode in ("semantic", "raw"):
                decode_case(f"max_depth={depth} empty indefinite {hex_} {mode}", bytes.fromhex(hex_), {"max_depth": depth}, mode=mode)
    # cbor2 takes its options' types strictly, not by Python's truthiness: a flag that is not
    # a bool or a max_depth that is not an integer is a TypeError, an unknown str_errors a
    # ValueError.
    for key, value in (("immutable", 1), ("immutable", None), ("allow_indefinite", 0), ("allow_duplicate_keys", "no"),
                       ("strict_hashable_types", 1), ("max_depth", "5"), ("max_depth", 1.5), ("str_errors", "nope"),
                       ("str_errors", None)):
        decode_case(f"option {key}={json.dumps(value)}", bytes.fromhex("8101"), {key: value})
    decode_case("deep nesting 200 (allowed)", b"\x81" * 200 + b"\x00")
    decode_case("deep nesting 400 (allowed)", b"\x81" * 400 + b"\x00")
    decode_case("deep nesting 401 (refused)", b"\x81" * 401 + b"\x00")
    decode_case("deep maps 300", b"\xa1\x00" * 300 + b"\x00")
    for allow in (True, False):
        for data in (bytes.fromhex("9f0102ff"), bytes.fromhex("5f4101ff"), bytes.fromhex("bf6161 01ff".replace(" ", "")), bytes.fromhex("83019f02ff03")):
            decode_case(f"allow_indefinite={allow} {data.hex()}", data, {"allow_indefinite": allow})
    for allow in (True, False):
        decode_case(f"allow_duplicate_keys={allow} ints", bytes.fromhex("a3 01 02 01 03 02 04".replace(" ", "")), {"allow_duplicate_keys": allow})
        decode_case(f"allow_duplicate_keys={allow} texts", bytes.fromhex("a2 6161 01 6161 02".replace(" ", "")), {"allow_duplicate_keys": allow})
        decode_case(f"allow_duplicate_keys={allow} 1 and 1.0", bytes.fromhex("a2 01 01 f93c00 02".replace(" ", "")), {"allow_duplicate_keys": allow}, difference="number-keys")
        decode_case(f"allow_duplicate_keys={allow} 1 and true", bytes.fromhex("a2 01 01 f5 02".replace(" ", "")), {"allow_duplicate_keys": allow}, difference="number-keys")
    for strict in (False, True):
        decode_case(f"strict_hashable_types={strict} int key", bytes.fromhex("a10102"), {"strict_hashable_types": strict})
        decode_case(f"strict_hashable_types={strict} text key", bytes.fromhex("a1616102"), {"strict_hashable_types": strict})
        decode_case(f"strict_hashable_types={strict} bytes key", bytes.fromhex("a1416102"), {"strict_hashable_types": strict})
        decode_case(f"strict_hashable_types={strict} empty array key", bytes.fromhex("a1800001"), {"strict_hashable_types": strict})
        for name, members in (("int", "00"), ("text", "6161"), ("bytes", "4161"), ("empty array", "80"), ("true", "f5"),
                              ("float", "f93c00"), ("datetime", "c11a00000001"), ("text and int", "6161" + "00")):
            count = "82" if name == "text and int" else "81"
            decode_case(f"strict_hashable_types={strict} set of {name}", bytes.fromhex("d90102" + count + members),
                        {"strict_hashable_types": strict})


def hooks():
    tagged = cbor2.dumps([cbor2.CBORTag(6, [1, 2]), cbor2.CBORTag(4000, {"a": 1}), {cbor2.CBORTag(99, "k"): 1}])
    for immutable in (False, True):
        decode_case(f"tag_hook tag_to_array immutable={immutable}", tagged, {"tag_hook": "tag_to_array", "immutable": immutable})
        decode_case(f"object_hook map_to_array immutable={immutable}", cbor2.dumps({"a": {"b": 1}, "c": [{}]}), {"object_hook": "map_to_array", "immutable": immutable})
        decode_case(f"object_hook map_to_array key immutable={immutable}", bytes.fromhex("a1 a1 01 02 03".replace(" ", "")), {"object_hook": "map_to_array", "immutable": immutable})
        decode_case(f"semantic 1 epoch_to_array immutable={immutable}", cbor2.dumps([cbor2.CBORTag(1, 1363896240), cbor2.CBORTag(1, 1.5)]), {"semantic_decoders": {"1": "epoch_to_array"}, "immutable": immutable})
        decode_case(f"semantic 258 set_immutable_aware immutable={immutable}", cbor2.dumps([{1, 2}, {frozenset([3]): 4}]), {"semantic_decoders": {"258": "set_immutable_aware"}, "immutable": immutable})
    points = cbor2.dumps([{"typename": "Point", "x": 1, "y": 2}, {"typename": "Other"}, {"x": 1}])
    decode_case("object_hook point_object", points, {"object_hook": "point_object"})
    decode_case("object_hook point_object nested", cbor2.dumps({"p": {"typename": "Point", "x": [1], "y": {"z": 2}}}), {"object_hook": "point_object"})
    decode_case("semantic 4000 point_4000", cbor2.dumps([cbor2.CBORTag(4000, [4, 5]), cbor2.CBORTag(4000, ["a", None])]), {"semantic_decoders": {"4000": "point_4000"}})
    decode_case("tag_hook not called for built-in tags", cbor2.dumps([dt.datetime(2020, 1, 1, tzinfo=m.UTC), Decimal("1.5"), cbor2.CBORTag(77, 1)]), {"tag_hook": "tag_to_array"})
    parent = m.Node("parent", None, [])
    child1 = m.Node("child1", parent, [])
    child2 = m.Node("child2", parent, [])
    parent.children = [child1, child2]
    graph = cbor2.dumps(parent, value_sharing=True, encoders={m.Node: m.encode_node_shareable})
    decode_case("semantic 80000 node_80000 cyclic graph", graph, {"semantic_decoders": {"80000": "node_80000"}})
    decode_case("node graph without the semantic decoder", graph, difference="empty-tuple")
    encode_case("encoders Node node_80000_shareable cyclic", parent, {"value_sharing": True, "encoders": {"Node": "node_80000_shareable"}})
    encode_case("encoders Node node_80000_shareable without sharing", parent, {"encoders": {"Node": "node_80000_shareable"}})
    encode_case("encoders Node node_80000_plain cyclic", parent, {"encoders": {"Node": "node_80000_plain"}})
    tree = m.Node("root", None, [m.Node("leaf", None, [])])
    encode_case("encoders Node node_80000_plain tree", tree, {"encoders": {"Node": "node_80000_plain"}})
    encode_case("encoders Node node_80000_shareable tree", tree, {"encoders": {"Node": "node_80000_shareable"}, "value_sharing": True})
    encode_case("encoders Point point_4000", [m.Point(4, 5), m.Point("a", [1])], {"encoders": {"Point": "point_4000"}})
    encode_case("encoders Point point_as_map", {"p": m.Point(1.5, None)}, {"encoders": {"Point": "point_as_map"}})
    encode_case("encoders text text_upper", ["abc", {"key": "value"}, "ß"], {"encoders": {"text": "text_upper"}})
    encode_case("default opaque_50000", [m.Opaque("x"), 1], {"default": "opaque_50000"})
    encode_case("default opaque_50000 refuses others", [m.Point(1, 2)], {"default": "opaque_50000"})
    encode_case("no encoder for Point", m.Point(1, 2))


NODE = "da00013880 a3 646e616d65 616e 66706172656e74 f6 686368696c6472656e 80"


def node_state():
    """node_80000 reads name, parent and children from a dict or a frozendict (a KeyError for a
    missing one, a TypeError for content that is no mapping), found by a differential hunt."""
    node = {"semantic_decoders": {"80000": "node_80000"}}
    for name, text in (("node", NODE), ("node in tag 55799", "d9d9f7" + NODE), ("node in an unknown tag", "c6" + NODE),
                       ("node as a map key", "a1" + NODE + "01"), ("node in an array", "81" + NODE),
                       ("node with an extra key", NODE.replace("a3", "a4", 1) + "617801"),
                       ("node over a shared map", NODE.replace("a3", "d81ca3", 1)),
                       ("node whose parent is itself", "d81c" + NODE.replace("f6", "d81d00", 1)),
                       ("node without keys", "da00013880a0"), ("node with name only", "da00013880a1646e616d656161"),
                       ("node without children", "da00013880a2646e616d65616166706172656e74f6"),
                       ("node over an array", "da0001388080"), ("node over text", "da000138806161"),
                       ("node over an integer", "da0001388001")):
        for immutable in (False, True):
            decode_case(f"node_80000 state: {name} immutable={immutable}", bytes.fromhex(text.replace(" ", "")),
                        {**node, "immutable": immutable})
    decode_case("node_80000 state: node after map_to_array", bytes.fromhex(NODE.replace(" ", "")),
                {**node, "object_hook": "map_to_array"})


def hook_set_members():
    """set_immutable_aware makes a mutable set unless immutable: Python cannot hash one, as a
    member of the hook's own set (decoded with the caller's flag) or as a map key."""
    hook = {"semantic_decoders": {"258": "set_immutable_aware"}}
    for name, text in (("set in a set", "d9010281d9010280"), ("set beside an integer", "d901028201d9010280"),
                       ("set in a set in a set", "d9010281d9010281d9010280"), ("set of a set of an integer", "d9010281d901028101"),
                       ("set in a tag in a set", "d9010281c6d9010280"), ("map in a set", "d9010281a1d901028001"),
                       ("array in a set", "d901028181d9010280"), ("set as a map key", "a1d901028001"),
                       ("set as a key in a set", "a1d9010281d901028001"),
                       ("shared set as a map key", "82d81cd9010280a1d81d0001"),
                       ("shared set as a member", "82d81cd9010280d9010281d81d00")):
        for immutable in (False, True):
            decode_case(f"set_immutable_aware members: {name} immutable={immutable}", bytes.fromhex(text),
                        {**hook, "immutable": immutable})


def set_unpack_order():
    """point_4000 unpacks a set as Python iterates it: for numbers, the order of CPython's
    hash table, which is fixed in every process."""
    point = {"semantic_decoders": {"4000": "point_4000"}}
    for name, members in (("1, 2", "0102"), ("2, 1", "0201"), ("-1, 1", "2001"), ("0, true", "00f5"), ("true, 0", "f500"),
                          ("100, 3", "186403"), ("1.5, 2.0", "fb3ff8000000000000f94000"), ("7, 0.5", "07f93800"),
                          ("2**64, 5", "c24901000000000000000005"), ("-2**64-1, 3", "c34901000000000000000003"),
                          ("tuples", "81018102"), ("frozensets", "d901028101d901028102"), ("1e300, -inf", "fb7e37e43c8800759cf9fc00")):
        data = bytes.fromhex("d90fa0d9010282" + members)
        for immutable in (False, True):
            decode_case(f"point_4000 over a set: {name} immutable={immutable}", data, {**point, "immutable": immutable})
            decode_case(f"point_4000 over a hook set: {name} immutable={immutable}", data,
                        {"semantic_decoders": {"4000": "point_4000", "258": "set_immutable_aware"}, "immutable": immutable})
    # Members that collide: CPython's order follows the input's, which a Swift set loses.
    for name, members in (("9, 1", "0901"), ("1.5, 1.0", "f93e00f93c00")):
        decode_case(f"point_4000 over a set: {name}", bytes.fromhex("d90fa0d9010282" + members), point, difference="set-unpack-order")


def shared_empty_tuples():
    """CPython has one empty tuple, also where tags 28 and 29 share an empty frozen array."""
    for name, text in (("plain, shared, reference", "8380d81c80d81d00"), ("shared, reference, plain", "83d81c80d81d0080"),
                       ("shared and reference", "82d81c80d81d00"), ("plain and a shared tag 28", "8280d81cd81c80"),
                       ("reference as a map key", "82d81c80a1d81d0001"), ("map values", "a301d81c800280 03d81d00"),
                       ("in a tuple and shared", "8381d81c8080d81d00"), ("shared empty map", "8380d81ca0d81d00")):
        for immutable in (False, True):
            decode_case(f"shared empty tuple: {name} immutable={immutable}", bytes.fromhex(text.replace(" ", "")), {"immutable": immutable})


def unfinished_tag_keys():
    """A key that refers, through shared tuples, to a tag still being decoded hashes what stands
    for the tag's value (None) while it is unfinished; once the tag is complete and holds the
    tuple that holds it, the same key is refused (its hash would recurse). Many keys over one
    such box walk it once while the tag is unfinished, and the verdict must not outlive it."""
    inner = "d81cd9010683 d81c81d81d00 d81c81d81d01 a1d81d0200"  # 28(262([28([29(0)]), 28([29(1)]), {29(2): 0}]))
    for name, text in (("inside the tag only", inner), ("inside the tag and after it", "82" + inner + "a1d81d0200"),
                       ("twice inside the tag", "d81cd9010684 d81c81d81d00 d81c81d81d01 a1d81d0200 a1d81d0201")):
        for immutable in (False, True):
            decode_case(f"key over a tag being decoded, {name}, immutable={immutable}", bytes.fromhex(text.replace(" ", "")),
                        {"immutable": immutable})


def shared_equal_keys():
    """A shared tuple, frozendict, frozenset or CBORTag is a key or member that Python compares by
    value: equal to a plain one of the same content, also inside tuples, tags and frozensets. A
    dict keeps the first key object and the last value, a set its first member."""
    shared = "c6 d81c8100"  # 6(28([0])): a shared tuple (0,), frozen as a tag's content, index 0
    hexes = {
        "shared tuple key, then an equal plain one": f"82 {shared} a2 d81d00 01 8100 02",
        "plain tuple key, then an equal shared one": f"82 {shared} a2 8100 01 d81d00 02",
        "shared tuple key, text key, equal plain key": f"82 {shared} a3 d81d00 01 6178 02 8100 03",
        "plain tuple key, text key, equal shared key": f"82 {shared} a3 8100 01 6178 02 d81d00 03",
        "two shared tuples as one key": f"83 {shared} {shared} a2 d81d00 01 d81d01 02",
        "tuple holding a shared tuple, then a plain one": f"82 {shared} a2 81d81d00 01 818100 02",
        "plain tuple of a tuple, then one holding a shared tuple": f"82 {shared} a2 818100 01 81d81d00 02",
        "tag holding a shared tuple, then a plain one": f"82 {shared} a2 d903e8d81d00 01 d903e88100 02",
        "shared tag key, then an equal plain tag": "82 d81cd903e88100 a2 d81d00 01 d903e88100 02",
        "plain tag key, then an equal shared tag": "82 d81cd903e88100 a2 d903e88100 01 d81d00 02",
        "shared tag holding a shared tuple, then a plain tag": f"83 {shared} d81cd903e8d81d00 a2 d81d01 01 d903e88100 02",
        "frozenset holding a shared tuple, then a plain one": f"82 {shared} a2 d9010281d81d00 01 d90102818100 02",
        "shared frozendict key, then an equal plain one": "82 d81ca10102 a2 d81d00 01 a10102 02",
        "shared frozenset key, then an equal plain one": "82 d81cd9010281 01 a2 d81d00 01 d901028101 02",
        "shared list key, then an equal plain tuple": "82 d81c8100 a2 d81d00 01 8100 02",
        "shared tuple key, then a byte string of its items": "82 c6d81c820102 a2 d81d00 01 420102 02",
        "byte string key, then a shared tuple of its items": "82 c6d81c820102 a2 420102 01 d81d00 02",
        "shared tuple key, equal plain tuple, byte string": "82 c6d81c820102 a3 d81d00 01 820102 02 420102 03",
        "tag being decoded as a key, then an equal plain tag": "d81c d90106 a2 d81d00 01 d90106f6 02",
        "shared tuple key in a map in a key, then an equal plain one":
            "a2 1864 f6 1865 a2 d81c8100 bfff 8100 d81ca11864d9d9f7d81d00",
        "shared tuple, then a plain one, in a set": f"82 {shared} d90102 82 d81d00 8100",
        "plain tuple, then a shared one, in a set": f"82 {shared} d90102 82 8100 d81d00",
        "two shared tuples in a set": f"83 {shared} {shared} d90102 82 d81d00 d81d01",
        "tuples holding a shared tuple and a plain one in a set": f"82 {shared} d90102 82 81d81d00 818100",
        "shared tag and a plain one in a set": "82 d81cd903e88100 d90102 82 d81d00 d903e88100",
    }
    for name, text in hexes.items():
        data = bytes.fromhex(text.replace(" ", ""))
        for options in ({"immutable": False}, {"immutable": True}, {"allow_duplicate_keys": False}):
            decode_case(f"shared equal keys: {name} {options}", data, options)
    # A hook's set() compares its members as Python does too.
    hook = {"semantic_decoders": {"258": "set_immutable_aware"}}
    for name, text in (("shared tuple, then a plain one", f"82 {shared} d90102 82 d81d00 8100"),
                       ("plain tuple, then a shared one", f"82 {shared} d90102 82 8100 d81d00")):
        for immutable in (False, True):
            decode_case(f"shared equal keys: set_immutable_aware set of a {name} immutable={immutable}",
                        bytes.fromhex(text.replace(" ", "")), {**hook, "immutable": immutable})
    # Two shared tags 1000([0]) as members of a set that a node's parent holds.
    node = ("da00013880a3646e616d65d901028066706172656e74da00013880a3646e616d65d81c8066706172656e74d9010282"
            "d81cd903e88100d81cd903e88100686368696c6472656e81d81d00686368696c6472656e81d81cd81d02")
    for immutable in (False, True):
        decode_case(f"shared equal keys: shared tags in a node's set immutable={immutable}", bytes.fromhex(node),
                    {"immutable": immutable, "semantic_decoders": {"80000": "node_80000"}})


def sharing():
    shared = [1, 2]
    encode_case("value_sharing repeated list", [shared, shared], {"value_sharing": True})
    encode_case("repeated list without sharing", [shared, shared])
    cyclic = []
    cyclic.append(cyclic)
    encode_case("value_sharing cyclic list", cyclic, {"value_sharing": True})
    encode_case("cyclic list without sharing", cyclic)
    mapping = {"a": 1}
    encode_case("value_sharing repeated dict", {"x": mapping, "y": [mapping]}, {"value_sharing": True})
    encode_case("value_sharing everything marked", {"a": [1, (2,)], "s": {1}}, {"value_sharing": True})
    for data, name in ((cbor2.dumps([shared, shared], value_sharing=True), "repeated list"),
                       (cbor2.dumps(cyclic, value_sharing=True), "cyclic list"),
                       (cbor2.dumps({"x": mapping, "y": [mapping]}, value_sharing=True), "repeated dict"),
                       (bytes.fromhex("d81d00"), "unknown reference"),
                       (bytes.fromhex("d81c81d81d01"), "reference past the end"),
                       (bytes.fromhex("d81cd81d00"), "reference to itself")):
        decode_case(f"shared {name}", data)
        decode_case(f"shared {name} immutable", data, {"immutable": True})
    laughs = bytearray(b"\x9f\xd8\x1c\x81\x01")
    for level in range(40):
        laughs += b"\xd8\x1c\x82\xd8\x1d\x18" + bytes([level]) + b"\xd8\x1d\x18" + bytes([level])
    decode_case("billion laughs through tag 29", bytes(laughs + b"\xff"))
    for value in (["aaa", "aaa", "bb", "bb"], "aaa", {"aaa": "aaa"}, [b"abc", b"abc", "abc"], ["x" * 3] * 30,
                  [["aaa", "aaa"]], cbor2.CBORTag(6, ["aaa", "aaa"]), {"aaa"}, ["abcdef" * 10] * 300):
        encode_case(f"string_referencing {repr(value)[:40]}", value, {"string_referencing": True})
        decode_case(f"string references {repr(value)[:40]}", cbor2.dumps(value, string_referencing=True))
    encode_case("string_referencing and value_sharing", [["aaa", "aaa"]], {"string_referencing": True, "value_sharing": True})
    decode_case("string reference outside a namespace", bytes.fromhex("d81900"))
    decode_case("string reference past the end", bytes.fromhex("d90100 82 d81901 00".replace(" ", "")))
    shared_keys()


def shared_keys():
    """A reference (tag 29) in a map key or set member: cbor2 puts keys in a dict and members in
    a set, and Python cannot hash a list, dict or set, nor a tag whose value holds one or itself."""
    hexes = {
        "list as a map key": "82 d81c80 a1d81d0001",
        "dict as a map key": "82 d81ca0 a1d81d0001",
        "set as a map key": "82 d81cd9010280 a1d81d0001",
        "list in a tuple key": "82 d81c80 a181d81d0001",
        "list as a frozendict key's value": "82 d81c80 a1a100d81d0001",
        "list as a frozendict key's key": "82 d81c80 a1a1d81d000001",
        "list in a tag key": "82 d81c80 a1d9010681d81d0001",
        "list as a tag key's value": "82 d81c80 a1d90106d81d0001",
        "list as a set member": "82 d81c80 d9010281d81d00",
        "dict in a tuple set member": "82 d81ca0 d9010281 81d81d00",
        "set as a set member": "82 d81cd9010280 d9010281d81d00",
        "list in a tag set member": "82 d81c80 d9010281d9010681d81d00",
        "list key of a map being decoded": "d81c a1d81d0001",
        "list value of a map being decoded": "d81c a100d81d00",
        "tag holding itself as a map key": "a1 d81cd9010681d81d0001",
        "tag being decoded as a map key": "d81c d90106a1d81d0001",
        "tag being decoded in a tuple key": "d81c d90106a181d81d0001",
        "finished tag as a map key": "82 d81cd90106820102 a1d81d0003",
        "finished tag holding a dict as a map key": "82 d81cd9010681a0 a1d81d0001",
        "tuple as a map key": "82 d81c8180 a1d81d0001",
        "same list twice": "82 d81c80 d81d00",
        "same set twice": "82 d81cd9010280 d81d00",
    }
    for name, text in hexes.items():
        data = bytes.fromhex(text.replace(" ", ""))
        decode_case(f"shared {name}", data)
        decode_case(f"shared {name} immutable", data, {"immutable": True})
    hook_cases = [
        ("tag hook result referenced", "82 d81cd9010680 d81d00", {"tag_hook": "tag_to_array"}),
        ("tag hook result as a map key", "82 d81cd9010680 a1d81d0001", {"tag_hook": "tag_to_array"}),
        ("object hook result referenced", "82 d81ca100f6 d81d00", {"object_hook": "map_to_array"}),
        ("object hook result as a map key", "82 d81ca0 a1d81d0001", {"object_hook": "map_to_array"}),
        ("epoch_to_array result referenced", "82 d81cc1820102 d81d00", {"semantic_decoders": {"1": "epoch_to_array"}}),
        ("epoch_to_array content referring to it", "82 d81cc1d81d00 d81d00", {"semantic_decoders": {"1": "epoch_to_array"}}),
        ("set_immutable_aware result referenced", "82 d81cd9010280 d81d00", {"semantic_decoders": {"258": "set_immutable_aware"}}),
        ("set_immutable_aware set as a member", "82 d81cd9010280 d9010281d81d00", {"semantic_decoders": {"258": "set_immutable_aware"}}),
        ("set_immutable_aware over a map", "d90102 a20102f6f5", {"semantic_decoders": {"258": "set_immutable_aware"}}),
        ("set_immutable_aware over text", "d90102 63616261", {"semantic_decoders": {"258": "set_immutable_aware"}}),
        ("point_4000 over text", "d90fa0 66e697a5e69cac", {"semantic_decoders": {"4000": "point_4000"}}),
        ("point_4000 over bytes", "d90fa0 420102", {"semantic_decoders": {"4000": "point_4000"}}),
        ("point_4000 over a map", "d90fa0 a2617801617902", {"semantic_decoders": {"4000": "point_4000"}}),
        ("point_4000 over an integer", "d90fa0 01", {"semantic_decoders": {"4000": "point_4000"}}),
    ]
    for name, text, options in hook_cases:
        data = bytes.fromhex(text.replace(" ", ""))
        for immutable in (False, True):
            decode_case(f"shared {name} immutable={immutable}", data, {**options, "immutable": immutable})
    shared_depth()
    for name, text, options in [
            ("tag hook over a tag that refers to itself", "d81cd9010681d81d00", {"tag_hook": "tag_to_array"}),
            ("tag hook result referenced after a tag cycle", "82d81cd9010681d81d00d81d00", {"tag_hook": "tag_to_array"}),
            ("object hook over a map that refers to itself", "d81ca100d81d00", {"object_hook": "map_to_array"})]:
        decode_case(f"shared {name}", bytes.fromhex(text), options, difference="hook-inner-reference")


def encode_options():
    # As for decoding: a flag that is not a bool, or a timezone that is not seconds, is a
    # TypeError in cbor2.
    for key, value in (("canonical", 1), ("value_sharing", "yes"), ("string_referencing", None), ("datetime_as_timestamp", 0),
                       ("date_as_datetime", 1), ("indefinite_containers", 1), ("timezone", "x")):
        encode_case(f"option {key}={json.dumps(value)}", [1, "a"], {key: value})
    values = [{100: 1, -1: 2, "a": 3, b"": 4, (1, 2): 5}, {3, 1, "a"}, [1.5, 100000.0, 1.1, float("nan"), float("-inf"), 5e-324, -0.0],
              {"z": {"b": 1, "a": 2}}, frozenset([b"x", "x"])]
    for index, value in enumerate(values):
        for canonical in (False, True):
            encode_case(f"canonical={canonical} #{index}", value, {"canonical": canonical})
        encode_case(f"indefinite_containers #{index}", value, {"indefinite_containers": True})
        encode_case(f"indefinite_containers canonical #{index}", value, {"indefinite_containers": True, "canonical": True})
    moments = [dt.datetime(2013, 3, 21, 20, 4, tzinfo=m.UTC), dt.datetime(2013, 3, 21, 22, 4, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=2))),
               dt.datetime(2013, 3, 21, 22, 4), dt.date(2013, 3, 21)]
    for index, value in enumerate(moments):
        for options in ({}, {"datetime_as_timestamp": True}, {"timezone": 3600}, {"timezone": 0, "datetime_as_timestamp": True},
                        {"date_as_datetime": True, "timezone": -7200}, {"date_as_datetime": True}):
            encode_case(f"dates #{index} {json.dumps(options)}", value, options)


def malformed():
    for text in ("", "18", "1a0102", "62", "6261", "8301", "a101", "c6", "9f01", "5f41", "1c", "3d", "fe", "1f", "3f", "df",
                 "ff", "81ff", "c1ff", "bf01ff", "5f01ff", "5f6161ff", "7f4161ff", "f800", "f818", "f81f", "61ff",
                 "9b0000000100000000", "9b8000000000000000", "9bffffffffffffffff", "bb8000000000000000",
                 "5b4000000000000000", "7bffffffffffffffff", "5f5bffffffffffffffff", "c29a7fffffff",
                 "c280", "d90102 6161".replace(" ", ""), "d81d05", "d81900", "c16161", "c1f97e00", "d8254101"):
        malformed_case(f"malformed {text or 'empty'}", bytes.fromhex(text))
    for prefix in (b"\x81", b"\xa1", b"\xc6", b"\xd8\x1c", b"\xd9\xd9\xf7", b"\x9f"):
        malformed_case(f"malformed 100000 nested {prefix.hex()}", prefix * 100_000 + b"\x00")
    item = cbor2.dumps({"a": [1.5, 2**70, "text"], "b": cbor2.CBORTag(6, b"xy")})
    for cut in range(len(item)):
        malformed_case(f"malformed truncated at {cut}", item[:cut])


def limits():
    """Values at the edges of what Python can hold or print: Decimal's exponent range (tag 4),
    the default context's range for tag 5, str(int)'s 4 300 digits (which the description
    needs), and text keys that only Python keeps apart."""
    emax, etiny = 999_999_999_999_999_999, -1_999_999_999_999_999_997
    for exponent, mantissa in [(emax, 0), (emax, 1), (emax + 1, 0), (emax - 4, 12345), (emax - 3, 12345), (emax - 1, -10),
                               (emax, 10), (etiny, 1), (etiny - 1, 1), (etiny, 10**30), (2**63 - 1, 1), (-2**63, 1)]:
        decode_case(f"limits decimal exponent {exponent} mantissa {mantissa}", cbor2.dumps(cbor2.CBORTag(4, [exponent, mantissa])))
    for exponent, mantissa in [(3321929, 0), (3321929, 1), (3321928, 3), (3321900, 2**29), (3321910, 2**20),
                               (2**63 - 1, 1), (10**18, -1)]:
        decode_case(f"limits bigfloat exponent {exponent} mantissa {mantissa}", cbor2.dumps(cbor2.CBORTag(5, [exponent, mantissa])))
    big = 10**4300
    for name, value in [("4300 digits", big - 1), ("-4300 digits", -big + 1), ("4301 digits", big), ("-4301 digits", -big - 1),
                        ("4301 digits in a list", [1, big]), ("fraction of 4301 digits", cbor2.CBORTag(30, [big, 3]))]:
        decode_case(f"limits integer {name}", cbor2.dumps(value))
    decode_case("limits decimal of 4302 digits", cbor2.dumps(Decimal((0, (1,) + (0,) * 4300 + (5,), -1))))
    # Tags 0 and 1004 go through Python's fromisoformat, which reads far more than RFC 3339.
    for text in ["2013-03-21 20:04:00+02", "20130321T2004Z", "2013-W12-4T20:04:00,5-0130", "2013-03-21T20:04:00",
                 "2013-03-21T20:04:00z", "2013-03-21T20:04:00+00:00:00.5", "0000-03-21T20:04:00Z"]:
        decode_case(f"limits datetime text {text}", cbor2.dumps(cbor2.CBORTag(0, text)))
    for text in ["20130321", "2013-W12-4", "2013W12", "20200101xx", "0000-01-01", "+123-01-01", "2013-03-21x"]:
        decode_case(f"limits date text {text}", cbor2.dumps(cbor2.CBORTag(1004, text)))
    # Python's bool is an int wherever cbor2 hands the content to Python without a type check.
    for tag, content in [(1, True), (100, True), (30, [True, 2]), (30, [3, False]), (43000, [1, True]), (43000, [2**70, 1.5]),
                         (43000, [2**1100, 1.0]), (52, [b"\xc0\xa8\x00\x01", True]), (54, [b"\x20\x01" + bytes(14), True]),
                         (4, [True, 5]), (261, {b"\xc0\xa8\x00\x00": True})]:
        decode_case(f"limits python int tag {tag} {content!r}", cbor2.dumps(cbor2.CBORTag(tag, content)))
    decode_case("limits tag 36 null", cbor2.dumps(cbor2.CBORTag(36, None)))
    for content in [b"", b"\x01\x02\x03", b"\x00" * 5, b"\x00" * 6, b"\x00" * 8, b"\x00" * 17, 5, "abc"]:
        decode_case(f"limits tag 260 {content!r}", cbor2.dumps(cbor2.CBORTag(260, content)))
    equivalent = bytes.fromhex("a262c3a9016365cc8102")  # {"\u00e9": 1, "e\u0301": 2}
    decode_case("limits canonically equivalent keys", equivalent, difference="equivalent-keys")
    decode_case("byte string and tuple keys of the same integers", bytes.fromhex("a2 420102 01 820102 02".replace(" ", "")),
                difference="bytes-tuple-keys")
    decode_case("limits canonically equivalent keys raw", equivalent, mode="raw")


def python_objects():
    """Where cbor2's Python objects differ from the CBOR data model: a dict merges keys equal in
    Python (in raw mode too), CPython's empty tuple is one object, a bigfloat is a Decimal
    rounded to 28 digits, and the content of a semantic tag is decoded immutable."""
    for name, hex_ in [("repeated key", "a2 01 01 01 02"), ("half and double 1.5", "a2 f93e00 01 fb3ff8000000000000 02"),
                       ("0.0 and -0.0", "a2 f90000 01 f98000 02"), ("repeated tuple", "a2 81 01 00 81 01 01"),
                       ("repeated key inside a key", "a1 a2 01 01 01 02 00")]:
        for mode in ("semantic", "raw"):
            decode_case(f"python dict {name} {mode}", bytes.fromhex(hex_.replace(" ", "")), mode=mode)
    for name, hex_ in [("two", "82 a1 80 01 a1 80 02"), ("three", "a2 80 80 81 80 d9 0102 81 80"), ("one", "a1 80 01")]:
        for mode in ("semantic", "raw"):
            decode_case(f"python empty tuple {name} {mode}", bytes.fromhex(hex_.replace(" ", "")), mode=mode)
    for exponent, mantissa in [(253, 65535), (-311, -6002536112814439431), (-1, 3), (0, 2**100 + 1), (93, 3), (94, 3),
                               (-1000000, 7), (-3322016, 1), (-3322100, -3), (-2**63, 3)]:
        decode_case(f"python bigfloat exponent {exponent} mantissa {mantissa}", cbor2.dumps(cbor2.CBORTag(5, [exponent, mantissa])))
    for hex_ in ["d90102 81 d7 6178", "d9d9f7 81 d7 00", "d81c 81 d7 00"]:
        decode_case(f"python semantic content immutable {hex_}", bytes.fromhex(hex_.replace(" ", "")), {"tag_hook": "tag_to_array"})
    # cbor2 writes the arrays inside its semantic tags as lists: shareable (but a Fraction's),
    # indefinite, in a string-reference namespace.
    import fractions
    import ipaddress
    semantic = [Decimal("1.5"), fractions.Fraction(1, 3), complex(1.5, -2.0), ipaddress.ip_network("10.0.0.0/8"),
                ipaddress.ip_interface("2001:db8::1/64"), ipaddress.ip_address("fe80::1%eth0")]
    for index, value in enumerate(semantic):
        for options in ({"value_sharing": True}, {"indefinite_containers": True}, {"string_referencing": True},
                        {"value_sharing": True, "canonical": True}):
            encode_case(f"python semantic array #{index} {json.dumps(options)}", [value, value], options)
    # Semantic values inside a tuple key: the encoder unwraps the tuple's members.
    encode_case("python tuple key of semantic values", {(Decimal("1.5"), dt.date(2020, 2, 29), ipaddress.ip_address("192.168.0.1")): 1})


def python_conversions():
    """Where cbor2 hands content to Python's own conversions, found by a random differential
    hunt against cbor2: text chunks repaired one by one, float epochs split as
    datetime.fromtimestamp splits them, timestamps written as integers when the float is whole,
    Python list indices, and the contract's Point(x, y)."""
    import random
    rng = random.Random(3002)
    pieces = [b"\xe2", b"\x82\xac", b"\xf0\x9f", b"\x98\x80", b"\xc3", b"\xa9", b"a", b"\xff", b"\\", b""]
    chunked = [bytes.fromhex("7f61e26282acff"), bytes.fromhex("7f61f0619fff"), bytes.fromhex("a17f61c361a9ff01")]
    for _ in range(12):
        chunks = [b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 4))]
        chunked.append(b"\x7f" + b"".join(bytes([0x60 + len(chunk)]) + chunk for chunk in chunks) + b"\xff")
    for index, data in enumerate(chunked):
        for errors in ("strict", "replace", "ignore", "backslashreplace"):
            decode_case(f"python text chunks #{index} str_errors={errors}", data, {"str_errors": errors})
    # Raw mode repairs text as the semantic mode does: in keys, tags and chunks, and keys that
    # the repair makes equal are one key.
    raw_text = [bytes.fromhex(h) for h in ("62c328", "a162c32801", "d82062c328", "d9010082626162c3ff", "a262c3280162c3290103")] + chunked[:6]
    for index, data in enumerate(raw_text):
        for errors in ("replace", "ignore", "backslashreplace"):
            decode_case(f"raw text repaired #{index} str_errors={errors}", data, {"str_errors": errors}, mode="raw")
    epochs = [253402300799.5, 253402300799.9999995, 253402300800.0, -1.0000015, -1.9999985, -62135596800.0, -62135596800.5,
              -1.5e-6, -5e-7, 5e-7, 2.5e-6, -0.0, -0.5, -2.4999995]
    epochs += [rng.uniform(-62135596800, 253402300800) for _ in range(20)] + [-rng.random() * 10 for _ in range(10)]
    for seconds in epochs:
        decode_case(f"python epoch {seconds!r}", cbor2.dumps(cbor2.CBORTag(1, seconds)))
    moments = [dt.datetime(5000, 1, 1, 0, 0, 0, 1, tzinfo=m.UTC), dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=m.UTC),
               dt.datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=m.UTC), dt.datetime(2255, 6, 5, 23, 47, 34, 740992, tzinfo=m.UTC),
               dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=m.UTC)]
    moments += [dt.datetime.fromtimestamp(rng.uniform(-62135596800, 253402300799), m.UTC).replace(microsecond=rng.randrange(1, 10**6))
                for _ in range(20)]
    for moment in moments:
        encode_case(f"python timestamp {moment.isoformat()}", moment, {"datetime_as_timestamp": True})
    for hex_ in ["82d81c8101d81df4", "82d81c8101d81df5", "82d81c8101d81dc240", "82d81c8101d81dc2420000", "82d81c8101d81dc3420000",
                 "82d81c8101d81d20", "83d81c8101d81c8102d81dc24101", "82d81c8101d81dc249010000000000000000",
                 "d9010082656162636465d819f4", "d9010082656162636465d819c240", "d9010082656162636465d81920"]:
        decode_case(f"python list index {hex_}", bytes.fromhex(hex_))
    # An IPv6 zone: UTF-8 bytes or an integer (a bool too) as str() writes it, never text;
    # ipaddress refuses an empty zone and one with '%' or '/'.
    link_local = bytes.fromhex("fe800000000000000000000000000001")
    for zone in [2, -1, 2**64, True, b"eth0", b"\xff", b"", 1.5, "eth0", b"a%b", b"a/b", b"\xc3\xa9", None]:
        for prefix in (None, 64, 129):
            decode_case(f"python zone {zone!r} prefix {prefix}", cbor2.dumps(cbor2.CBORTag(54, [link_local, prefix, zone])))
    for hex_ in ["d90fa080", "d90fa08101", "d90fa0820102", "d90fa083010203", "d90fa04101", "d90fa0a0"]:
        decode_case(f"python Point(x, y) {hex_}", bytes.fromhex(hex_), {"semantic_decoders": {"4000": "point_4000"}})
    # Tag 30 as Fraction(numerator, denominator) reads it: Rational operands (ints, bools,
    # fractions), or None for the denominator under an int, a fraction or a float.
    fraction = fractions.Fraction
    for parts in ([1, None], [True, None], [1.5, None], [float("nan"), None], [float("inf"), None], [-0.0, None],
                  [5e-324, None], [-2.5e-300, None], [1e300, None], [2**70, None], [fraction(-7, 3), None],
                  [fraction(1, 2), 1], [1, fraction(1, 2)], [fraction(1, 2), fraction(3, 4)], [fraction(2**70, 3), fraction(5, 2**80)],
                  [2**64, fraction(1, 3)], [fraction(1, 2), 0], [1.5, 2], [1, 2.0], [None, None], [3], [1, 2, 3], [False, True]):
        decode_case(f"python Fraction {parts!r}", cbor2.dumps(cbor2.CBORTag(30, parts)))
    # Tags 52 and 54 in every array form cbor2 reads, and tag 35 over a compiled pattern.
    v4, v6 = bytes.fromhex("c0a80001"), bytes.fromhex("fe800000000000000000000000000001")
    for tag, address in ((52, v4), (54, v6)):
        for parts in ([True, b""], [False, b"\x0a"], [address, None], [address, True], [address, False], [address, 24, b"eth0"],
                      [address, None, b"eth0"], [address, None, None], [address, None, True], [24, address[:2], b"x"],
                      [16, address[:2], 7], [16, address[:2], b""], [address], [address, 1, 2, 3], [0, b""]):
            decode_case(f"python tag {tag} {parts!r}", cbor2.dumps(cbor2.CBORTag(tag, parts)))
    for hex_ in ("d823d8236161", "d823d8234161", "d823d823d8236162"):
        decode_case(f"python regex of a regex {hex_}", bytes.fromhex(hex_))
    # Tag 5 with an exponent beyond 64 bits: below -2**63 Python's Decimal underflows to
    # 0E-1000026 (signed by the mantissa); above 2**63 - 1 it overflows.
    for hex_ in ("c5823b800000000000000001", "c5823b800000000000000020", "c582c34901000000000000000001",
                 "c5823bffffffffffffffff00", "c5823bffffffffffffffff21", "c5823bffffffffffffffffc249010000000000000000",
                 "c5823b7fffffffffffffff01", "c5821bffffffffffffffff01", "c582c24901000000000000000001",
                 "c4823bffffffffffffffff01", "c4821bffffffffffffffff01", "c482c34901000000000000000001"):
        decode_case(f"python bigfloat exponent {hex_}", bytes.fromhex(hex_))
    # Documented differences.
    for hex_ in ["a20101c482000102", "a20101d81e82010102", "a20101d9a7f88201f9000002", "a2c482000101c582000102",
                 "a2c10001c07819313937302d30312d30315430313a30303a30302b30313a303002",
                 "a23bffffffffffffffff6161fbc3f00000000000006162", "a2c2490100000000000000006161fb43f00000000000006162"]:
        decode_case(f"python equal keys {hex_}", bytes.fromhex(hex_), difference="python-equal-keys")
    # Raw mode: a dict merges numbers of one value whatever their type and width, as the
    # semantic mode's AnyHashable does (integers to -2**64 and 2**64 - 1, floats of every
    # width, and tuples and tags of them), and counts them as duplicates.
    def float_key(value, width):
        return {16: b"\xf9", 32: b"\xfa", 64: b"\xfb"}[width] + struct.pack({16: ">e", 32: ">f", 64: ">d"}[width], value)
    number_pairs = [
        (cbor2.dumps(1), float_key(1.0, 16)), (cbor2.dumps(1), float_key(1.0, 64)), (float_key(1.5, 16), float_key(1.5, 64)),
        (cbor2.dumps(0), float_key(-0.0, 32)), (float_key(0.0, 64), float_key(-0.0, 16)),
        (cbor2.dumps(-(2**64)), float_key(-(2.0**64), 64)), (cbor2.dumps(2**63), float_key(2.0**63, 32)),
        (cbor2.dumps(2**53 + 1), float_key(2.0**53, 64)), (cbor2.dumps(2**64 - 1), float_key(2.0**64, 64)),
        (float_key(float("nan"), 16), float_key(float("nan"), 16)), (float_key(float("inf"), 16), float_key(float("inf"), 64)),
        (b"\x82\x01\x02" , b"\x82" + float_key(1.0, 32) + float_key(2.0, 16)),
        (b"\xd8\x63\x01", b"\xd8\x63" + float_key(1.0, 64)),
    ]
    for first, second in number_pairs:
        data = b"\xa2" + first + b"\x61a" + second + b"\x61b"
        decode_case(f"raw python equal number keys {data.hex()}", data, mode="raw")
        decode_case(f"raw python equal number keys {data.hex()} no duplicates", data, {"allow_duplicate_keys": False}, mode="raw")
    encode_case("python offset of 30 seconds", dt.datetime(1970, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=30))),
                difference="second-offsets")
    encode_case("python list in a tag", [cbor2.CBORTag(6, []), cbor2.CBORTag(7, [])], {"value_sharing": True},
                difference="tag-content-tuple")


def sorted_keys():
    """cbor2 sorts a canonical map's keys (and a set's members) by their bytes encoded with value
    sharing and string references off, then encodes each again where it is written: the keys'
    containers take shared-value indices in the written order, and their strings define and
    use string references. And the empty tuple, of which CPython has one."""
    import re
    shared = []
    for name, value, options in [
        ("text keys", [{"name": 1}, {"name": 2}], {"canonical": True, "string_referencing": True}),
        ("set members", [frozenset({"abc", "defg"}), "abc", "defg"], {"canonical": True, "string_referencing": True}),
        ("tuple key", {(Decimal("1.5"), "abc"): re.compile("x"), 32: dt.date(1009, 5, 5), 666.25: "abc"},
         {"canonical": True, "string_referencing": True}),
        ("tuple key before a shared value", {(1,): "a", "abc": [shared, shared]}, {"canonical": True, "value_sharing": True}),
        ("tuple key sorted without its mark", {(1,): "a", 1000: "b"}, {"canonical": True, "value_sharing": True}),
        ("set of tuples sorted without marks", [frozenset({(1,), 1000})], {"canonical": True, "value_sharing": True}),
        ("both", [{("abc",): "abc", "abcd": [shared, shared]}, "abcd"],
         {"canonical": True, "value_sharing": True, "string_referencing": True}),
    ]:
        encode_case(f"sorted keys: {name} {json.dumps(options)}", value, options)
    # An outermost set's members are sorted before its array opens the namespace: a container
    # member's sort bytes begin with tag 256.
    for value in [{(1, 2), "abc3"}, cbor2.CBORTag(4711, frozenset({(1, 2), "abc3"}))]:
        encode_case(f"sorted keys: outermost set {value!r}", value, {"canonical": True, "string_referencing": True})
    # CPython has one empty tuple, and cbor2 writes a set (not canonical) as a tuple of its members.
    for name, value in [("empty sets", [set(), set()]), ("empty tuples and a set", [(), set(), ()]),
                        ("empty tuple key", {(): set(), "a": frozenset()})]:
        for options in ({"value_sharing": True}, {"value_sharing": True, "canonical": True}):
            encode_case(f"empty tuple: {name} {json.dumps(options)}", value, options)


# Python 3.11's decimal digits (\d, int()): the zero of each of its 66 blocks of ten (Unicode 14).
PYTHON_DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50,
                      0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
                      0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066,
                      0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950,
                      0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
                      0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0]
# Zeros of digit blocks added after Unicode 14, which Python 3.11 does not read as digits (Kawi,
# Nag Mundari; Garay, Sunuwar, Gurung Khema, Kirat Rai, Ol Onal and outlined digits of Unicode 16).
LATER_DIGIT_ZEROS = [0x11f50, 0x1e4f0, 0x10d40, 0x11bf0, 0x16130, 0x16d70, 0x1e5f1, 0x1ccf0]


def fraction_numerators():
    """Tag 30 [x, null] is Python's Fraction(x): besides ints, fractions and floats it reads a
    Decimal exactly (tag 4, and the Decimal cbor2 makes of tag 5) and text by its grammar
    (fractions._RATIONAL_FORMAT: white space, a sign, digits of any script with single
    underscores, /denominator or .fraction and an exponent; int() refuses parts over 4 300
    digits). A fraction with a part over 4 300 digits is made but cannot be described (str()
    refuses it), nor is it made by Concise. Each under both immutable settings."""
    texts = ["1/3", " 1.5e3 ", "-0", "+0", "0", "1_000/3", "1__0", "_1", "1_", "1_/2", "1/_2", "1/2_", "1/2_0", "\u0663/\u0664",
             "1e-5", ".5", "5.", ".", "-.5", "+.5e+2_0", "5.e3", ".e3", "1/0", "0/0", "-0/5", "1/-3", "-1/3", "--1", "+-1",
             "- 1", "1 /3", "1/ 3", "1/3 ", " \t1/3\n", "1/2e3", "1.5/2", "1/2/3", "1e", "1e+", "1e-", "1e_5", "1e5_", "1e5_0",
             "1E5", "1e+05", "1e-0", "1.e5", "1.d", "1.dd", "1.D", "1.de5", "1.d5", "d", "", " ", "nan", "NaN", "inf", "-inf",
             "Infinity", "1.5.5", "1e5e5", "1e5.5", "0x10", "0b1", "1,5", "1 000", "\u0661\u0662\u0663.\u0664\u0665",
             "\u0e51e\u0e52", "1e\u0663", "\u0661_\u0662", "\u00a01\u2003", "\x1c1\x1f", "1\u200b", "\u200b1", "1\u2028",
             "1\x85", "\uff11/\uff13", "\u00b2", "\u2460", "\u00bd", "1\u0301", "\u22121", "\uff0b1", "1\x00", "\U0001d7cf.\U0001d7d7",
             "12345678901234567890/98765432109876543210", "-123456789012345678901234567890.0987654321e-15",
             "00012.500e-1", "3.14159", "-47e-2", "2.5e-1_0", "1e18", "1e19", "9223372036854775807e1", "1e-20", "0.1",
             "0.30000000000000004", "6/4", "-6/4", "10/4", "0e5", "0.000e-5", "1e0", "1/1", "1.0/2", "1_0.0_5e-0_1",
             "+1_2_3.4_5_6E+7_8", "7e-0000000000000000000000000000005", "1.25E-3", "-0.0e-0", "8/" + "0" * 5 + "2",
             # Where Python's int() stops (4 300 digits, underscores aside), and fractions just
             # within and past what str() prints, also after reducing.
             "1" * 4300, "1" * 4301, "0" * 4301, "0" * 4300 + "1", "1_" * 4300 + "1", "1" + "_1" * 4299, "1/" + "1" * 4301,
             "1" * 4300 + "/" + "1" * 4300, "1" * 4300 + "/" + "3" * 4300, "1." + "1" * 4300, "1." + "1" * 4301,
             "0" * 4300 + "." + "0" * 4299 + "1", "0." + "0" * 4299 + "1", "0." + "0" * 4298 + "1", "1" + "0" * 4299,
             "1" + "0" * 4299 + "e0", "1" + "0" * 4299 + "e1", "1e4299", "1e4300", "-9e4299", "1e-4299", "1e-4300", "5e-4300",
             "2e-4300", "3e-4300", "25e-4301", "125e-4302", "0.5e-4299", "1" + "0" * 4299 + "e-4299",
             "1" * 4300 + "." + "0" * 4300 + "e-4300", "1e-" + "0" * 4300, "1e-" + "0" * 4301, "1e" + "0" * 4299 + "1",
             "1e1000000", "1e-1000000", "-7e123456", "0e1000000", "0e-1000000", "0.0e999999", "-0e-1000000"]
    texts += [f"{chr(space)}1{chr(space)}" for space in (0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0,
                                                        0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000)]
    texts += [f"{chr(space)}1" for space in (0x180e, 0xad, 0xfeff, 0x2060, 0x1)]
    texts += [f"{chr(zero)}_{chr(zero + 7)}.{chr(zero + 9)}e-{chr(zero + 1)}" for zero in PYTHON_DIGIT_ZEROS[::3]]
    texts += [f"-{chr(zero + 1)}{chr(zero + 2)}/{chr(zero + 9)}" for zero in PYTHON_DIGIT_ZEROS]
    texts += [f"{chr(zero + 5)}.{chr(zero)}{chr(zero + 5)}e{chr(zero + 2)}" for zero in PYTHON_DIGIT_ZEROS[::5]]
    texts += [f"{chr(zero + 1)}/{chr(zero + 2)}" for zero in LATER_DIGIT_ZEROS] + [f"1{chr(zero)}" for zero in LATER_DIGIT_ZEROS]
    for text in texts:
        for immutable in (False, True):
            name = repr(text) if len(text) <= 40 else f"{text[:20]!r}...{text[-16:]!r} ({len(text)} characters)"
            decode_case(f"Fraction of text {name} immutable={immutable}", cbor2.dumps(cbor2.CBORTag(30, [text, None])),
                        {"immutable": immutable})
    tag, big = cbor2.CBORTag, 10**4300
    numbers = [tag(4, [-1, 15]), tag(4, [-3, 0]), tag(4, [0, 0]), tag(4, [5, 1]), tag(4, [-2, -25]), tag(4, [-3, 125]),
               tag(4, [-30, 123456789012345678901234567890]), tag(4, [-2, 2**70]), tag(4, [3, -2**64 - 1]), tag(4, [-100, 2**300]),
               tag(4, [-5000, 10**5000]), tag(4, [-8000, 10**8000 * 7]), tag(4, [-9000, 10**9000 + 1]), tag(4, [4299, 1]),
               tag(4, [4300, 1]), tag(4, [-4299, 1]), tag(4, [-4300, 1]), tag(4, [-4300, 5]), tag(4, [-4300, -2]),
               tag(4, [-4300, 3]), tag(4, [4298, 99]), tag(4, [4298, 100]), tag(4, [0, big // 10]), tag(4, [0, big]),
               tag(4, [-1, big * 3]), tag(4, [-4300, big - 1]), tag(4, [-4300, big]), tag(4, [100000, 1]), tag(4, [-100000, -1]),
               tag(4, [-14110, 5**14110]), tag(4, [-14109, 5**14110]), tag(4, [-6150, 2**6150]), tag(4, [-6151, 2**6150]),
               tag(4, [999999999999999999, 0]), tag(4, [-1999999999999999997, 0]), tag(4, [-2**63, 0]), tag(4, [2**63 - 1, 0]),
               tag(5, [-1, 3]), tag(5, [10, 1]), tag(5, [-1, -1]), tag(5, [-2000, 1]), tag(5, [-200, 3]), tag(5, [100, -7]),
               tag(5, [-1074, 1]), tag(5, [0, 0]), tag(5, [-5, 0]), tag(5, [-100, 2**200]), tag(5, [14000, 1]),
               tag(5, [14300, 1]), tag(5, [-14000, 1]), tag(5, [-3322016, 1]), tag(5, [-3322016, -1]), tag(5, [-3322015, 1]),
               tag(5, [3321928, 1]), tag(5, [0, 2**200 + 1])]
    for number in numbers:
        short = lambda n: str(n) if abs(n) < 10**30 else f"{'-' if n < 0 else ''}{n.bit_length()}-bit ...{abs(n) % 10**6}"  # noqa: E731
        name = f"{number.tag}([{short(number.value[0])}, {short(number.value[1])}])"
        for immutable in (False, True):
            options = {"immutable": immutable}
            decode_case(f"Fraction of {name} immutable={immutable}", cbor2.dumps(tag(30, [number, None])), options)
        if number.value[0] in (-1, 10):  # Python's TypeError beside a denominator, either way round.
            decode_case(f"Fraction of {name} and 2", cbor2.dumps(tag(30, [number, 2])))
            decode_case(f"Fraction of 2 and {name}", cbor2.dumps(tag(30, [2, number])))
    for immutable in (False, True):
        decode_case(f"Fraction of a 4153-byte decimal mantissa under exponent -10000 immutable={immutable}",
                    cbor2.dumps(tag(30, [tag(4, [-10000, 10**10000]), None])), {"immutable": immutable},
                    difference="fraction-long-decimal")
    # Text and decimals beside a denominator (Python's TypeError), nested, and in keys.
    for parts in (["1/3", 2], ["1/3", "2"], [1, "2"], ["1/3", 1.0], [2.5, "1"], ["1/3", tag(4, [-1, 5])],
                  [tag(4, [-1, 5]), tag(4, [-1, 5])], [tag(5, [-1, 1]), tag(30, [1, 2])], ["1/3"], ["1/3", None, None],
                  [tag(30, ["1/3", None]), tag(30, ["0.25", None])], [tag(30, [tag(4, [-1, 5]), None]), 3],
                  [tag(30, ["1/3", None]), None], [tag(30, ["x", None]), None], [b"1/3", None], [["1/3"], None]):
        for immutable in (False, True):
            decode_case(f"Fraction parts {parts!r} immutable={immutable}", cbor2.dumps(tag(30, parts)), {"immutable": immutable})
    keyed = {tag(30, ("1/2", None)): 1, tag(30, (tag(4, (-1, 5)), None)): 2, tag(30, ("2/4", None)): 3}
    for options in ({}, {"immutable": True}, {"allow_duplicate_keys": False}):
        decode_case(f"Fraction of text and a decimal as map keys {options}", cbor2.dumps(keyed), options)
        decode_case(f"Fraction of text and a decimal as set members {options}",
                    cbor2.dumps(tag(258, [tag(30, ["1/2", None]), tag(30, [tag(4, [-1, 5]), None])])), options)


def complex_parts():
    """cbor2 takes each part of a complex number (tag 43000) as a Python float: a float, an int
    or bool, a Decimal (a bigfloat is one) or a Fraction; not a complex number, and not an int
    too large for a float."""
    for hex_ in ["d9a7f882 c482 21 196ab3 f93c00", "d9a7f882 19016a c582 3838 18ff", "d9a7f882 d81e82 01 03 0a",
                 "d9a7f882 c482 190190 01 0a", "d9a7f882 c482 1b00000000ffffffff 01 0a", "d9a7f882 c582 20 01 f5",
                 "d9a7f882 d9a7f882 01 02 0a", "d9a7f882 0a d9a7f882 01 02", "d9a7f882 c2490100000000000000000a",
                 "d9a7f882 390116 d81e82 381a 1b8000000000000000", "d9a7f882 d81e82 c249010000000000000000 03 0a"]:
        data = bytes.fromhex(hex_.replace(" ", ""))
        for options in ({}, {"immutable": True}):
            decode_case(f"complex parts {hex_} {json.dumps(options)}", data, options)


def network_prefixes():
    """Tag 261: a network, or an interface where the address has bits set past the prefix."""
    v4, v6 = bytes.fromhex("c0a80101"), bytes.fromhex("20010db8000000000000000000000001")
    for name, content in [("v4 host bits /24", {v4: 24}), ("v4 network /24", {v4[:3] + b"\0": 24}), ("v4 /32", {v4: 32}),
                          ("v4 /0", {v4: 0}), ("v4 /33", {v4: 33}), ("v4 /-1", {v4: -1}), ("v4 /true", {v4: True}),
                          ("v6 host bits /64", {v6: 64}), ("v6 network /64", {v6[:15] + b"\0": 64}), ("v6 /128", {v6: 128}),
                          ("v6 /129", {v6: 129}), ("5 bytes", {v4 + b"\0": 24}), ("two entries", {v4: 24, v6: 64}),
                          ("empty map", {}), ("prefix text", {v4: "24"}), ("prefix float", {v4: 1.0}),
                          ("prefix 2**70", {v4: 2**70}), ("prefix null", {v4: None})]:
        decode_case(f"tag 261 {name}", cbor2.dumps(cbor2.CBORTag(261, content)))
        decode_case(f"tag 261 {name} immutable", cbor2.dumps(cbor2.CBORTag(261, content)), {"immutable": True})
    # Python's ipaddress also reads integers (IPv4 first) and address text.
    for address, prefix in [(4, 8), (4, 64), (0, 64), (True, 8), (-1, 8), (2**32, 8), (2**128 - 1, 128), (2**128, 8),
                            ("1.2.3.4", 8), ("1.2.3.0", 24), ("1.2.3.4", 33), ("01.2.3.4", 8), ("1.2.3.4 ", 8),
                            ("1.2.3", 8), ("1.2.3.256", 8), ("\u0661.2.3.4", 8), ("1.2.3.4/8", 8), ("::1", 128), ("::", 0),
                            ("ABCD::", 16), ("1::", 16), ("1:2:3:4:5:6:7::", 112), ("::2:3:4:5:6:7:8", 16),
                            ("1:2:3:4:5:6:7:8", 16), ("1:2:3:4:5:6:7:8:9", 16), ("1::2::3", 8), (":1:2:3:4:5:6:7", 8),
                            ("1:2:3:4:5:6:7:", 8), ("12345::", 8), ("g::", 8), ("::ffff:1.2.3.4", 96), ("::1.2.3", 96),
                            ("1:2:3:4:5:6:1.2.3.4", 96), ("1:2:3:4:5:6:7:1.2.3.4", 96), ("fe80::1%eth0", 64),
                            ("fe80::%eth0", 64), ("fe80::1%\u0301eth0", 64), ("fe80::1%", 64), ("fe80::1%a%b", 64), ("1.2.3.4%x", 8), ("", 0), (":", 0),
                            ("::", 129)]:
        content = {address: prefix}
        decode_case(f"tag 261 {address!r}: {prefix}", cbor2.dumps(cbor2.CBORTag(261, content)))


def regular_expressions():
    """Tag 35: cbor2 compiles the pattern with Python's re, and a pattern re refuses is an error.
    (How deep re lets groups nest depends on Python's recursion limit, which main() raises.)"""
    import random
    import warnings
    warnings.simplefilter("ignore")  # re's FutureWarning and DeprecationWarning on odd patterns
    patterns = ["ok.*", "(", "[", "*", "a**", "a{2,1}", "\\q", "\\", "(?P<a>x)(?P<a>y)", "\\1", "[z-a]", "(?<=a+)b", "a)",
                "(?i)x", "x(?i)", "\\p{L}", "[[:alpha:]]", "(?#c", "a{,3}", "a{99999999999}", "\\x4", "\\u00e9",
                "\\N{DIGIT ONE}", "\\N{digit one}", "\\N{DIGIT ONEX}", "\\N{LATIN CAPITAL LETTER GHA}", "\\N{BYTE ORDER MARK}",
                "\\N{CJK UNIFIED IDEOGRAPH-4E00}", "\\N{HANGUL SYLLABLE GA}", "\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}",
                "(?P<1>x)", "(?P=zz)", "a|*", "(?t)a", "(?t)a*", "(?a)(?u)x", "(?x) a | (?i)b", "(?i)(?x) a *",
                "(?<=a|bc)", "(?<=a|b)", "(?<=(a))\\1", "(a)(?<=\\1)", "(?<=(?(1)a|b))", "(a)(?<=(?(1)a|b))", "(a)(?<=(?(1)a))",
                "(?<=a{3})", "(?<=a{2,3})", "(?( 1)a)(b)", "(?(+1)a)(b)", "(?(1_0)a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)",
                "(?(\u0663)a)(b)(c)(d)", "(a)(?(\U0001e4f1)b|c)", "(a)(?(\U0001d7cf)b|c)", "(?P<a\u200c>x)", "(?P<a\u30fb>x)", "(?P<\U0001e4d0>x)",
                "(?P<a\u0345>x)", "(?i\u0345)", "(?i\u00e9)", "(?(1\xa0)a)(b)", "(?(1__0)a)", "(?(_1)a)", "(?(3)a)(b)", "(?(0)a)", "(?(-1)a)",
                "(?(a)b)", "(?P<a>x)(?(a)b|c|d)", "(?P<\u00e9>x)", "(?P<1a>x)", "[\\d-z]", "[a-\\d]", "[\\w-]", "[]]", "[^]]",
                "[]", "[^]", "\\b*", "^*", "(?=a)*", "(?:^)*", "a{,}", "a{4294967295}", "a{4294967294}",
                "(?<=a{4294967294}a{4294967294})", "x{2}{3}", "x*?+", "x*+", "x*++", "\\x4g", "\\U00110000", "\\U0010FFFF",
                "\\400", "\\377", "[\\400]", "[\\8]", "\\8", "(a)\\1", "(a\\1)", "\\08", "\\11",
                "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\\11", "[\\B]", "[\\A]", "\\A*", "(?i", "(?", "(?P", "(?P<", "(?P<a",
                "(?P<a>", "(?#", "(?<", "(?<x", "(?-i:a)", "(?-i)", "(?i-i:a)", "(?a-a:a)", "(?u)x", "(?L)x", "(?aL)x", "(?>a)*",
                "(?<=(?>ab))", "(?<=\\d)", "(?<=.)", "(?<=[ab])", "(?<=a|\\d)", "(?<=(?P<n>a))(?P=n)", "(?<=(?P<n>a)(?P=n))",
                "(?P<n>a)(?<=(?P=n))", "(" * 400 + ")" * 400]
    byte_patterns = [b"(", b"ok", b"\\u00e9", b"(?u)x", b"(?L)x", b"(?a)(?L)x", b"(?P<\xe9>x)", b"(?(1\xa0)a)(b)", b"(?(1\x85)a)(b)",
                     b"\\N{EM DASH}", b"[\\x00-\\xff]"]
    atoms = ["a", "b", "\\d", "\\w", "\\b", "\\B", "\\A", "\\Z", ".", "^", "$", "\\1", "\\2", "\\10", "\\01", "\\8", "\\x4",
             "\\x41", "\\u00e9", "\\N{EM DASH}", "\\N{FOO}", "\\q", "\\\\", "\\(", "[a-z]", "[^]]", "[z-a]", "[\\d-z]", "[", "]",
             "{", "}", "{2}", "{,3}", "{2,1}", "{3,}", "*", "+", "?", "*?", "+?", "*+", "(", ")", "(?:", "(?P<n>", "(?P<m>",
             "(?P=n)", "(?P=m)", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?#x)", "(?i)", "(?x)", "(?a)", "(?u)", "(?L)", "(?t)",
             "(?i:", "(?-i:", "(?i-s:", "(?(1)", "(?(n)", "(?(2)", "|", " ", "#", "\n", "\u00e9", "\\", "(?", "(?P", "(?<",
             "-", "\\0", "\\377", "\\400", "[\\b]", "[\\B]", "[a-]", "[-a]", "[\\w-]"]
    generator = random.Random(35)
    for _ in range(300):
        patterns.append("".join(generator.choice(atoms) for _ in range(generator.randrange(1, 9))))
    for pattern in patterns + byte_patterns:
        decode_case(f"tag 35 {pattern[:60]!r}", cbor2.dumps(cbor2.CBORTag(35, pattern)))


def shared_depth():
    """A reference counts at the depth its value reaches where it stands: cbor2 refuses a chain
    of references whose values nest deeper than max_depth."""
    from random_items import _head

    def chain(count, step):
        data = b"\x9f" + b"\xd8\x1c\x80" * step
        for number in range(count - step):
            data += b"\xd8\x1c\x81\xd8\x1d" + _head(0, number)
        return data + b"\xff"
    for count, step in ((399, 1), (400, 1), (500, 2)):
        decode_case(f"shared chain of {count} references {step} back", chain(count, step))
    for limit in (3, 5):
        for height in range(1, limit + 1):
            for around in range(1, limit + 1):
                data = b"\x82\xd8\x1c" + b"\x81" * (height - 1) + b"\x80" + b"\x81" * (around - 1) + b"\xd8\x1d\x00"
                for immutable in (False, True):
                    decode_case(f"shared {height} arrays deep referred to {around} deep, max_depth={limit}, "
                                f"immutable={immutable}", data, {"max_depth": limit, "immutable": immutable})
    shareable_levels()


def least_depth(data, options):
    """The least max_depth at which cbor2 decodes `data`, or None when it fails for another reason."""
    for limit in range(1, 40):
        try:
            cbor2.loads(data, **m.decode_options({**options, "max_depth": limit}))
            return limit
        except cbor2.CBORDecodeError as error:
            if "nesting depth" not in str(error):
                return None
        except Exception:
            return None
    return None


def shareable_levels():
    """cbor2 counts a tag 28 and the container right inside it as one level when it registers
    that container before its content (a mutable list, dict or set, a CBORTag, a shareable
    decoder's instance), and as two otherwise (a tuple, a frozen dict, a scalar, a semantic
    tag); a reference takes the levels of its value. Each item (45 written here, 400 random
    ones from random_items.level_items) at the least max_depth cbor2 decodes it with, and one
    below."""
    structures = {
        "28 [0]": "d81c8100", "[28 [0]]": "81d81c8100", "28 {0: 0}": "d81ca10000", "28 {0: [0]}": "d81ca1008100",
        "28 1000(0)": "d81cd903e800", "28 1000([0])": "d81cd903e88100", "28 258([0])": "d81cd901028100",
        "28 258([])": "d81cd9010280", "28 [_]": "d81c9fff", "28 [_ 0]": "d81c9f00ff", "28 {_ 0: 0}": "d81cbf0000ff",
        "28 28 [0]": "d81cd81c8100", "28 28 28 [0]": "d81cd81cd81c8100", "28 28 0": "d81cd81c00", "28 1(0)": "d81cc100",
        "28 2(h'01')": "d81cc24101", "28 4([1, 2])": "d81cc4820102", "28 30([1, 2])": "d81cd81e820102",
        "28 55799([0])": "d81cd9d9f78100", "28 256([0])": "d81cd901008100", "256(28 [0])": "d90100d81c8100",
        "28 []": "d81c80", "28 {}": "d81ca0", "28 h''": "d81c40", "28 [[[0]]]": "d81c81818100",
        "28 [28 [0]]": "d81c81d81c8100", "{28 [0]: 0}": "a1d81c810000", "{[28 [0]]: 0}": "a181d81c810000",
        "{0: 28 [0]}": "a100d81c8100", "{28 1000(0): 0}": "a1d81cd903e80000", "{28 1000([0]): 0}": "a1d81cd903e8810000",
        "1000(28 [0])": "d903e8d81c8100", "1000([28 [0]])": "d903e881d81c8100", "1000(28 1000([0]))": "d903e8d81cd903e88100",
        "28 1000(28 [0])": "d81cd903e8d81c8100", "258([28 [0]])": "d9010281d81c8100", "258([28 1000(0)])": "d9010281d81cd903e800",
        "[28 [0], [[[29(0)]]]]": "82d81c8100818181d81d00", "[28 0, [[29(0)]]]": "82d81c008181d81d00",
        "[28 [[0]], [29(0)]]": "82d81c81810081d81d00", "[28 1000([0]), [29(0)]]": "82d81cd903e8810081d81d00",
        "28 [29(0)]": "d81c81d81d00", "28 1000(29(0))": "d81cd903e8d81d00", "[28 [_ [29(0)]], 29(0)]": "82d81c9f81d81d00ffd81d00",
        "[28 [28 [0]], [29(1)], [29(0)]]": "83d81c81d81c810081d81d0181d81d00",
    }
    for name, text in structures.items():
        for immutable in (False, True):
            options = {"immutable": immutable}
            least = least_depth(bytes.fromhex(text), options)
            if least is None:  # a cycle through an immutable container: refused at any depth
                decode_case(f"levels of {name}, immutable={immutable}", bytes.fromhex(text), options)
                continue
            for limit in (least - 1, least) if least > 1 else (least,):
                decode_case(f"levels of {name}, immutable={immutable}, max_depth={limit}", bytes.fromhex(text),
                            {**options, "max_depth": limit})
    import random_items as r
    for index, (data, options) in enumerate(r.level_items(2828, 400)):
        least = least_depth(data, options)
        if least is None:
            continue
        for limit in (least - 1, least) if least > 1 else (least,):
            decode_case(f"levels of random shared item #{index}, max_depth={limit}", data, {**options, "max_depth": limit})


def random_items():
    """Random items and values (random_items.py, fixed seeds), decoded and encoded by cbor2."""
    import random_items as r
    for index, data in enumerate(r.decode_inputs(8949, 500)):
        decode_case(f"random item #{index}", data)
    for index, (data, options) in enumerate(zip(r.decode_inputs(8742, 300), r.decode_options(8742, 300))):
        decode_case(f"random item with options #{index}", data, options)
    for index, (data, options) in enumerate(zip(r.decode_inputs(7049, 200), r.decode_options(7049, 200))):
        decode_case(f"random raw item with options #{index}", data, options, mode="raw")
    for index, (value, options) in enumerate(r.encode_inputs(8949, 500)):
        encode_case(f"random value #{index}", value, options)
    for index, (data, options) in enumerate(zip(r.shared_inputs(2829, 300), r.hook_options(2829, 300))):
        decode_case(f"random shared item with hooks #{index}", data, options)
    for index, data in enumerate(r.shared_inputs(2830, 200)):
        decode_case(f"random shared item #{index}", data, {"immutable": True} if index % 2 else {})


def mime_messages():
    """Tag 36: cbor2 parses the text with Python's email parser; the model is as_string()."""
    import random_items as r
    samples = ["hi", "", "Subject: x\n\nbody", "Subject: x\r\n\r\nbody\r\n", "From nobody\nSubject: a\n\nb", "Subject:\n\n",
               "X: a\n b\n\nbody", "Subject: caf\u00e9\n\nbody", "no colon line\n\nbody", ":x\n\ny", "Subject: x",
               "  leading: space\n\nb", "Subject: x\n\nline\rmore", "Subject: hello w\u00f6rld\n\nb", "To: a\n \n\nb",
               "To: a\n\t\n\nb", "To: caf\u00e9\n\tx\n\nb", "Subject: x\nFrom y\n\nb",
               "Content-Type: message/rfc822\n\nSubject: caf\u00e9\r\n\r\nx\r\n",
               "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\n\r\nx\r\n--B--\r\n",
               "Content-Type: multipart/mixed; boundary=B\n\nraw\r\nno parts\r\n"]
    multipart = ["Content-Type: multipart/mixed; boundary=\"XX\"\n\n" + body for body in (
        "--XX\n\nhello\n--XX--", "--XX\n\nhello\n--XX-- trailing\nepi\n", "--XX\n\nunterminated\n",
        "--XX\nContent-Type: multipart/alternative; boundary=YY\n\n--YY\n\na\n--YY\n\nb\n--YY--\n--XX--\n",
        "--XX\n--XX--\n", "--XX\n\n--XX--\n", "--XX\nhello\n--XX--\n", "--XX--\n", "pre --XX inline\n--XX\n\nx\n--XX--\n",
        "--XX\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner body\n--XX--\n", "--XX\n\na\n--XX--\n--XX--\n",
        "text\n--XX--\nafter\n", "\n--XX\n\nx\n--XX--\n\n")] + [
        "Content-Type: multipart/digest; boundary=XX\n\n--XX\n\nSubject: s\n\nbody\n--XX--\n",
        "Content-Type: multipart/mixed; boundary=\"XX \"\n\n--XX\n\nx\n--XX--\n",
        "Content-Type: multipart/mixed; charset=\"a;b\"; boundary=XX\n\n--XX\n\nx\n--XX--\n",
        "Content-Type: multipart/mixed; boundary=XX\nFrom x\n\nFrom y\n--XX\n\nx\n--XX--\n",
        "Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: multipart/mixed\n\nraw\r\n--XX--\n"]
    for index, text in enumerate(samples + r.mime_messages(3600, 150) + multipart + r.multipart_messages(2046, 150)):
        decode_case(f"tag 36 #{index} {text[:40]!r}", cbor2.dumps(cbor2.CBORTag(36, text)))


def encoder_semantics():
    """Found by an encode differential hunt: a tag 256 given as a CBORTag opens its own string
    namespace (string referencing on or off); text inside built-in tags goes through a str
    encoder; repeated tags, sets and opaque objects; lists and dicts in the fields of objects
    that an unshared encoder writes again are the same objects under value_sharing."""
    import re
    from email.mime.text import MIMEText
    s = b"abcdefgh"
    for options in ({}, {"string_referencing": True}, {"value_sharing": True}, {"canonical": True}):
        encode_case(f"tag 256 given {options}", [s, cbor2.CBORTag(256, s)], options)
        encode_case(f"tag 256 given, references inside {options}", [s, cbor2.CBORTag(256, [s, s]), s], options)
        encode_case(f"tag 256 given, map inside {options}", [s, cbor2.CBORTag(256, {"kkkkkkkk": s, "aaaaaaaa": s, "k2": "kkkkkkkk"})], options)
        encode_case(f"tag 256 given twice nested {options}", cbor2.CBORTag(256, [s, cbor2.CBORTag(256, [s, s]), s]), options)
        encode_case(f"tag 256 given at the top {options}", cbor2.CBORTag(256, s), options)
        encode_case(f"tag 256 given around tag 256 {options}", cbor2.CBORTag(256, [cbor2.CBORTag(256, [s, s])]), options)
        encode_case(f"tag 6 around references {options}", cbor2.CBORTag(6, [s, s]), options)
    upper = {"encoders": {"text": "text_upper"}}
    for value in (re.compile("ab+c"), re.compile(b"ab"), MIMEText("hello world"), dt.date(2013, 3, 21),
                  dt.datetime(2013, 3, 21, 20, 4, tzinfo=dt.timezone.utc), [re.compile("abcd"), "abcd"]):
        encode_case(f"text_upper inside {type(value).__name__}", value, upper)
        encode_case(f"text_upper inside {type(value).__name__} with references", value, dict(upper, string_referencing=True))
    tag, members, opaque = cbor2.CBORTag(6, "x"), frozenset([1]), m.Opaque("x")
    for options in ({}, {"value_sharing": True}):
        encode_case(f"a tag twice {options}", [tag, tag], options, difference="tag-identity" if options else None)
        encode_case(f"a frozenset twice {options}", [members, members], options)
        encode_case(f"an opaque object twice {options}", [opaque, opaque], dict(options, default="opaque_50000"))
    node = m.Node("a", None, [])
    cyclic = m.Node("b", None, [])
    cyclic.children.append(cyclic)
    point = m.Point([1, 2], {"k": [3]})
    for options in ({}, {"value_sharing": True}):
        for encoder in ("node_80000_plain", "node_80000_shareable"):
            hooked = dict(options, encoders={"Node": encoder})
            encode_case(f"a node twice {hooked}", [node, node], hooked)
            encode_case(f"a node in its children {hooked}", cyclic, hooked)
        for encoder in ("point_4000", "point_as_map"):
            hooked = dict(options, encoders={"Point": encoder})
            encode_case(f"a point twice {hooked}", [point, point, point.x], hooked)
    lone = cbor2.CBORTag(6, 0)
    for _ in range(400):
        lone = cbor2.CBORTag(6, lone)
    encode_case("401 nested tags", lone, difference="tag-depth")


def main():
    vectors()
    decode_options()
    hooks()
    node_state()
    hook_set_members()
    set_unpack_order()
    shared_empty_tuples()
    shared_equal_keys()
    unfinished_tag_keys()
    sharing()
    encode_options()
    malformed()
    limits()
    python_objects()
    python_conversions()
    sorted_keys()
    fraction_numerators()
    complex_parts()
    network_prefixes()
    regular_expressions()
    random_items()
    mime_messages()
    encoder_semantics()
    out = sys.argv[1] if len(sys.argv) > 1 else "Tests/Conformance/suite.json"
    with open(out, "w") as handle:
        json.dump({"generator": "scripts/conformance/generate.py", "cbor2": "6.3.0", "cases": cases}, handle, indent=0, ensure_ascii=True)
        handle.write("\n")
    suites = {}
    for case in cases:
        suites[case["suite"]] = suites.get(case["suite"], 0) + 1
    print(f"wrote {out}: {len(cases)} cases {suites}")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Python's set order depends on the hash seed; pin it so the suite is reproducible.
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    sys.setrecursionlimit(5000)
    main()
