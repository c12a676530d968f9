"""Tests of the C interface from Python ctypes: every function, error paths, NULL and empty
inputs, and many threads at once. Usage: test_ctypes.py path/to/libconcise.so"""
import array
import ctypes
import pathlib
import random
import re
import sys
import threading

import cbor2
from cbor_diag import diag2cbor

lib = ctypes.CDLL(sys.argv[1])


class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("offset", ctypes.c_size_t), ("message", ctypes.c_char * 256)]


class Limits(ctypes.Structure):
    _fields_ = [("max_depth", ctypes.c_size_t), ("allow_indefinite", ctypes.c_int), ("allow_duplicate_keys", ctypes.c_int)]


u8p = ctypes.POINTER(ctypes.c_uint8)
lib.concise_version.restype = ctypes.c_char_p
lib.concise_validate.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(Limits), ctypes.POINTER(Error)]
lib.concise_to_diagnostic.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error)]
lib.concise_to_diagnostic_encoded.argtypes = lib.concise_to_diagnostic.argtypes
lib.concise_canonicalize.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error)]
lib.concise_cbor_to_json.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error)]
lib.concise_json_to_cbor.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error)]
lib.concise_typed_array_encode.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error)]
lib.concise_typed_array_decode.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(Error)]
lib.concise_free.argtypes = [ctypes.c_void_p]
lib.concise_free.restype = None

passed = failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def validate(data, limits=None):
    err = Error()
    rc = lib.concise_validate(data, len(data) if data is not None else 0, ctypes.byref(limits) if limits else None, ctypes.byref(err))
    return rc, err


def diagnostic(data, function=lib.concise_to_diagnostic):
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    err = Error()
    rc = function(data, len(data), ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    text = ctypes.string_at(out, length.value).decode() if rc == 0 else None
    lib.concise_free(out)
    return rc, text, err


def canonical(data):
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    err = Error()
    rc = lib.concise_canonicalize(data, len(data), ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    result = ctypes.string_at(out, length.value) if rc == 0 else None
    lib.concise_free(out)
    return rc, result, err




def header_prototypes():
    """Every prototype of concise.h: name -> (return type, [parameter types])."""
    header = (pathlib.Path(__file__).resolve().parents[2] / "Sources/CConcise/include/concise.h").read_text()
    header = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
    prototypes = {}
    for returns, name, parameters in re.findall(r"([A-Za-z_][\w ]*?\s*\*?)\s*(concise_\w+)\s*\(([^)]*)\)\s*;", header):
        prototypes[name] = (returns.strip(), [] if parameters.strip() == "void" else [p.strip() for p in parameters.split(",")])
    return prototypes


def ctypes_kind(c_type):
    """The ctypes class a C parameter or return type needs on LP64 Linux."""
    if "*" in c_type:
        return "pointer"
    return {"int": "int", "size_t": "size_t", "void": "void"}[c_type.replace("const ", "").split()[0]]


def declared_kind(ctype):
    if ctype is None:
        return "void"
    if ctype in (ctypes.c_char_p, ctypes.c_void_p) or issubclass(ctype, ctypes._Pointer):
        return "pointer"
    return {ctypes.c_int: "int", ctypes.c_size_t: "size_t"}.get(ctype, repr(ctype))


# The declarations above match concise.h, parameter by parameter (a c_int where the header has
# size_t, or a missing argtypes, truncates on 64-bit without a word), and every function is declared.
prototypes = header_prototypes()
check(len(prototypes) == 10, f"prototypes in concise.h: {sorted(prototypes)}")
for name, (returns, parameters) in prototypes.items():
    function = getattr(lib, name)
    check(declared_kind(function.restype) == ctypes_kind(returns), f"{name} returns {returns}, declared {function.restype}")
    declared = function.argtypes or []
    check([declared_kind(t) for t in declared] == [ctypes_kind(p) for p in parameters],
          f"{name}({', '.join(parameters)}) declared as {declared}")

check(lib.concise_version().decode().count(".") == 2, "version")
check(validate(bytes.fromhex("8201616161"))[0] == 10, "trailing data is code 10")
check(validate(bytes.fromhex("82016161"))[0] == 0, "valid")
rc, err = validate(bytes.fromhex("9b8000000000000000"))
check(rc == 1 and err.offset == 0 and b"declares" in err.message, f"huge array {rc} {err.message}")
rc, err = validate(None)
check(rc == 1, f"NULL, 0 is a truncation {rc}")
rc, err = validate(b"\x62\xc3\x28")
check(rc == 8 and err.offset == 1, "invalid UTF-8 at byte 1")
rc, err = validate(b"\x81" * 1000 + b"\x00", Limits(10, 1, 1))
check(rc == 9 and err.offset == 11, f"depth {rc} {err.offset}")
rc, err = validate(b"\xa2\x01\x02\x01\x03", Limits(0, 1, 0))
check(rc == 12 and err.offset == 3, "duplicate key")
rc, text, err = diagnostic(bytes.fromhex("a26161016162820203"))
check(rc == 0 and text == '{"a": 1, "b": [2, 3]}', f"diag {text}")
rc, text, err = diagnostic(b"")
check(rc == 1 and text is None, "empty diag")
# Encoding indicators: cbor-diag's EDN parser gives back the very bytes.
for hex_ in ["9f1817fa3fc00000ff", "b8016161fb3ff8000000000000", "5f41014102ff", "d8006161", "7fff"]:
    rc, text, err = diagnostic(bytes.fromhex(hex_), lib.concise_to_diagnostic_encoded)
    check(rc == 0 and diag2cbor(text) == bytes.fromhex(hex_), f"encoded diag {hex_}: {text}")
rc, text, err = diagnostic(bytes.fromhex("9f01"), lib.concise_to_diagnostic_encoded)
check(rc == 1 and err.offset == 2 and text is None, f"encoded diag of a truncated item {rc} {err.offset}")
rc, result, err = canonical(bytes.fromhex("a21864fb3ff80000000000002002"))
check(rc == 0 and result == bytes.fromhex("a220021864f93e00"), f"canonical {result}")
rc, result, err = canonical(bytes.fromhex("a21864fb3ff8000000000000200203"))
check(rc == 10 and err.offset == 14, f"canonical with trailing data {rc} {err.offset}")
out = ctypes.c_void_p()
length = ctypes.c_size_t()
check(lib.concise_cbor_to_json(b"\x01", 1, 5, ctypes.byref(out), ctypes.byref(length), None) == 100, "bad flavor")


def typed_array_encode(items, element_type):
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    err = Error()
    data = items.tobytes()
    rc = lib.concise_typed_array_encode(data, len(items), element_type, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    result = ctypes.string_at(out, length.value) if rc == 0 else None
    lib.concise_free(out)
    return rc, result, err


def typed_array_decode(data, element_type, itemsize):
    out = ctypes.c_void_p()
    count = ctypes.c_size_t()
    err = Error()
    rc = lib.concise_typed_array_decode(data, len(data), element_type, ctypes.byref(out), ctypes.byref(count), ctypes.byref(err))
    result = ctypes.string_at(out, count.value * itemsize) if rc == 0 else None
    lib.concise_free(out)
    return rc, result, err


# Typed arrays against cbor2 writing and reading the RFC 8746 tag over the elements' bytes:
# (array typecode, CONCISE_* element type, little-endian tag).
rng = random.Random(8746)
for typecode, element_type, tag in [("B", 1, 64), ("H", 2, 69), ("I", 3, 70), ("Q", 4, 71), ("b", 5, 72), ("h", 6, 77),
                                    ("i", 7, 78), ("q", 8, 79), ("f", 10, 85), ("d", 11, 86)]:
    for count in [0, 1, 23, 24, 1000, 70000]:
        items = array.array(typecode, rng.randbytes(count * array.array(typecode).itemsize))
        rc, result, err = typed_array_encode(items, element_type)
        check(rc == 0 and result == cbor2.dumps(cbor2.CBORTag(tag, items.tobytes())), f"typed array {typecode} x {count}: {rc}")
        rc, result, err = typed_array_decode(cbor2.dumps(cbor2.CBORTag(tag, items.tobytes())), element_type, items.itemsize)
        check(rc == 0 and result == items.tobytes(), f"typed array {typecode} x {count} decoded: {rc} {err.message}")
rc, result, err = typed_array_decode(cbor2.dumps(cbor2.CBORTag(86, bytes(12))), 11, 8)
check(rc == 13 and err.offset == 0, f"12 bytes are not float64 elements: {rc} {err.message}")
rc, result, err = typed_array_decode(cbor2.dumps([1.5]), 11, 8)
check(rc == 13 and err.offset == 0, f"an array is not a typed array: {rc} {err.message}")



def cbor_to_json(data, flavor):
    out, length, err = ctypes.c_void_p(), ctypes.c_size_t(), Error()
    rc = lib.concise_cbor_to_json(data, len(data), flavor, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    text = ctypes.string_at(out, length.value).decode() if rc == 0 else None
    lib.concise_free(out)
    return rc, text, err


def json_to_cbor(text, flavor):
    out, length, err = ctypes.c_void_p(), ctypes.c_size_t(), Error()
    data = text.encode()
    rc = lib.concise_json_to_cbor(data, len(data), flavor, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    result = ctypes.string_at(out, length.value) if rc == 0 else None
    lib.concise_free(out)
    return rc, result, err


# The cbor2 tool flavour agrees with cbor2 itself both ways.
try:
    import cbor2

    value = {"k": [1, 2.5, None, True, "\u00e9\U0001f600"], "n": -(2**70)}
    rc, text, _ = json_to_cbor('{"k": [1, 2.5, null, true, "\\u00e9\\ud83d\\ude00"], "n": -1180591620717411303424}', 0)
    check(rc == 0 and text == cbor2.dumps(value), f"json_to_cbor cbor2 flavour {text!r}")
    rc, text, _ = cbor_to_json(cbor2.dumps(value), 0)
    check(rc == 0 and text == '{"k": [1, 2.5, null, true, "\u00e9\U0001f600"], "n": -1180591620717411303424}', f"cbor_to_json {text!r}")
except ImportError:
    check(False, "cbor2 is not installed in the venv")
# The Concrete flavour is lossless both ways.
concrete = '{"a": {"type_name": "numpy_array", "serialized_value": [[1, 2], [3, 4]], "dtype": "uint16"}, "s": {"type_name": "set", "serialized_value": [-1, 0.5, 2]}}'
rc, cbor, _ = json_to_cbor(concrete, 1)
check(rc == 0 and cbor is not None, "concrete json_to_cbor")
rc, text, _ = cbor_to_json(cbor or b"", 1)
check(rc == 0 and text == concrete, f"concrete round trip {text!r}")
# Messages that quote the input stay on one line: its newlines and NULs are escaped.
rc, _, err = json_to_cbor('{"type_name": "numpy_array", "serialized_value": [1], "dtype": "int8\\nX\\u0000Y"}', 1)
check(rc == 101 and b"int8\\nX\\u{0}Y" in err.message and b"\n" not in err.message, f"one-line message {err.message!r}")
rc, _, err = json_to_cbor('{"type_name": "numpy_float", "serialized_value": 1.5, "dtype": "a\\u2028b"}', 1)
check(rc == 101 and b"a\\u{2028}b" in err.message, f"one-line line separator {err.message!r}")
# A repeated key is read as json.loads reads it (Concrete ML writes {1: 'a', '1': 'b'} so).
rc, cbor, _ = json_to_cbor('{"1": "a", "2": 0, "1": "b"}', 1)
check(rc == 0 and cbor == cbor2.dumps({"1": "b", "2": 0}), f"repeated key {cbor!r}")
rc, _, err = json_to_cbor('{"a": [1, 2', 1)
check(rc == 101 and err.offset == 11 and b"line 1, column 12" in err.message, f"truncated json {rc} {err.offset} {err.message}")
rc, _, err = json_to_cbor('{"type_name": "numpy_array", "serialized_value": [300], "dtype": "uint8"}', 1)
check(rc == 101 and err.offset == 50, f"300 in uint8 {rc} {err.offset} {err.message}")

# A length past PTRDIFF_MAX is an invalid argument, not a crash (diagnostic, JSON) or a
# truncation (validate, canonicalize, typed arrays).
SIZE_MAX = 2**64 - 1
err = Error()
out = ctypes.c_void_p(12345)
length = ctypes.c_size_t(9)
check(lib.concise_validate(b"\x01", SIZE_MAX, None, ctypes.byref(err)) == 100 and b"PTRDIFF_MAX" in err.message,
      f"validate, SIZE_MAX: {err.code} {err.message}")
for name in ["concise_to_diagnostic", "concise_to_diagnostic_encoded", "concise_canonicalize"]:
    out, length = ctypes.c_void_p(12345), ctypes.c_size_t(9)
    rc = getattr(lib, name)(b"\x01", SIZE_MAX, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    check(rc == 100 and out.value is None and length.value == 0, f"{name}, SIZE_MAX: {rc} {out} {length}")
for flavor in [0, 1]:
    out, length = ctypes.c_void_p(12345), ctypes.c_size_t(9)
    rc = lib.concise_cbor_to_json(b"\x01", 2**63, flavor, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    check(rc == 100 and out.value is None and length.value == 0, f"cbor_to_json, 2**63: {rc}")
    out, length = ctypes.c_void_p(12345), ctypes.c_size_t(9)
    rc = lib.concise_json_to_cbor(b"1", SIZE_MAX, flavor, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
    check(rc == 100 and out.value is None and length.value == 0, f"json_to_cbor, SIZE_MAX: {rc}")
out, length = ctypes.c_void_p(12345), ctypes.c_size_t(9)
rc = lib.concise_typed_array_decode(b"\x01", SIZE_MAX, 1, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
check(rc == 100 and out.value is None and length.value == 0, f"typed_array_decode, SIZE_MAX: {rc}")
# On failure the output is NULL and its length 0, so that concise_free may always follow.
out, length = ctypes.c_void_p(12345), ctypes.c_size_t(9)
rc = lib.concise_canonicalize(b"\x82\x01", 2, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err))
check(rc == 1 and out.value is None and length.value == 0, f"canonicalize failure clears the output: {out} {length}")
lib.concise_free(out)
# max_depth SIZE_MAX is the decoder's ceiling (2048), not the default 400.
rc, err = validate(b"\x81" * 1000 + b"\x00", Limits(SIZE_MAX, 1, 1))
check(rc == 0, f"max_depth SIZE_MAX, 1000 levels: {rc} {err.message}")
rc, err = validate(b"\x81" * 3000 + b"\x00", Limits(SIZE_MAX, 1, 1))
check(rc == 9 and err.offset == 2049, f"max_depth SIZE_MAX, 3000 levels: {rc} {err.offset}")

errors = []


def worker(n):
    data = bytes([0x82, 0x01, 0x18, n])
    for _ in range(300):
        rc, text, _ = diagnostic(data)
        if rc != 0 or text != f"[1, {n}]":
            errors.append((n, rc, text))


threads = [threading.Thread(target=worker, args=(i + 24,)) for i in range(32)]
for t in threads:
    t.start()
for t in threads:
    t.join()
check(not errors, f"threads: {errors[:3]}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
