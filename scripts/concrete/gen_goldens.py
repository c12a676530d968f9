#!/usr/bin/env python3
"""Generate Tests/ConciseTests/Resources/concrete-goldens.json with Concrete ML's real encoder.

Every case object is built deterministically (fixed seeds) by `build_cases`, encoded with
``json.dumps(obj, cls=ConcreteEncoder)`` of each Concrete ML version (loaded from the wheel by
stubs.py), described with a small typed "model" that the Swift tests rebuild natively, and decoded
again with ``json.loads(text, cls=ConcreteDecoder)`` to record whether the round trip is lossless.

Usage: .venv/bin/python scripts/concrete/gen_goldens.py [--output PATH]
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import pickle
import re
import struct
import sys
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, List, Optional

import numpy

sys.dont_write_bytecode = True  # keep scripts/concrete free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import stubs  # noqa: E402  (must come before anything that imports the stubbed packages)

REPO_ROOT = stubs.REPO_ROOT
DEFAULT_OUTPUT = REPO_ROOT / "Tests" / "ConciseTests" / "Resources" / "concrete-goldens.json"
VERSIONS = ("1.1.0", "1.9.0")

INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOAT_DTYPES = ["float16", "float32", "float64"]
ALL_DTYPES = ["bool"] + INT_DTYPES + FLOAT_DTYPES
SHAPES = {"0d": (), "1d": (5,), "2d": (3, 4), "3d": (2, 3, 2), "empty": (0,), "empty_0x3": (0, 3)}

LOSSY_SHAPE = "numpy.asarray([]) has shape (0,): an empty array of shape (0, n) loads as (0,)"
LOSSY_KEYS = "JSON object keys are strings: non-str dict keys load back as str"
LOSSY_DUP_KEYS = "keys 1 and '1' both serialize to \"1\": the loaded dict keeps the last one"
LOSSY_U64_ARRAY = (
    "numpy.asarray(list) of Python ints mixing values < 2**63 and >= 2**63 gives float64, so "
    "the uint64 array loads with rounded (or, for 2**64-1, wrapped) values"
)
LOAD_ERROR_U64 = (
    "numpy_integer is loaded with numpy.int64(value).astype(dtype): uint64 values above "
    "2**63-1 raise OverflowError"
)


@dataclass
class Case:
    name: str
    obj: Any
    lossy: Optional[str] = None  # why json.loads(json.dumps(obj)) != obj (None = lossless)
    load_error: Optional[str] = None  # why json.loads raises (None = it does not)
    only: Optional[tuple] = None  # versions that can express the case (None = all)
    expect_error: Optional[str] = None  # encoding is expected to fail in every version
    notes: List[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Typed model
# ---------------------------------------------------------------------------------------------


def f64_bits(x: float) -> str:
    return struct.pack(">d", float(x)).hex()


def le_bytes(a: numpy.ndarray) -> str:
    a = numpy.asarray(a)
    return numpy.ascontiguousarray(a.astype(a.dtype.newbyteorder("<"), copy=False)).tobytes().hex()


def model_of(o: Any) -> dict:
    """Typed description of a value, following the order of checks of ConcreteEncoder."""
    if o is None:
        return {"t": "none"}
    if o is True or o is False:
        return {"t": "bool", "v": o}
    if type(o) is int:
        return {"t": "int", "v": str(o)}
    if type(o) is float:
        return {"t": "float", "v": f64_bits(o)}
    if type(o) is str:
        return {"t": "str", "v": o}
    if isinstance(o, numpy.ndarray):
        return {"t": "ndarray", "dtype": o.dtype.name, "shape": list(o.shape), "data": le_bytes(o)}
    if isinstance(o, numpy.generic):
        return {"t": "npscalar", "dtype": o.dtype.name, "data": le_bytes(numpy.asarray(o))}
    if type(o) is list:
        return {"t": "list", "v": [model_of(x) for x in o]}
    if type(o) is tuple:
        return {"t": "tuple", "v": [model_of(x) for x in o]}
    if type(o) is set:
        return {"t": "set", "v": [model_of(x) for x in o]}  # iteration order, not sorted
    if type(o) is dict:
        return {"t": "dict", "v": [[model_of(k), model_of(v)] for k, v in o.items()]}
    if isinstance(o, numpy.random.RandomState):
        algorithm, keys, pos, has_gauss, cached = o.get_state()
        return {
            "t": "random_state",
            "algorithm": algorithm,
            "keys": le_bytes(numpy.asarray(keys, dtype=numpy.uint32)),
            "pos": int(pos),
            "has_gauss": int(has_gauss),
            "cached_gaussian": f64_bits(cached),
        }
    if o is inspect._empty:  # pylint: disable=protected-access
        return {"t": "inspect_empty"}
    if isinstance(o, stubs.Exactness):
        return {"t": "exactness", "v": o.value}
    if isinstance(o, stubs.BaseEstimator):
        return {"t": "opaque", "type_name": "sklearn_model", "v": pickle.dumps(o).hex()}
    if isinstance(o, sys.modules["onnx"].ModelProto):
        return {"t": "opaque", "type_name": "onnx_model", "v": o.SerializeToString().hex()}
    if isinstance(o, type):
        return {"t": "opaque", "type_name": "type", "v": pickle.dumps(o).hex()}
    if isinstance(o, sys.modules["torch"].device):
        return {"t": "torch_device", "v": str(o)}
    if isinstance(o, stubs.ValidSplit):
        return {"t": "valid_split", "v": model_of(dict(vars(o)))}
    if hasattr(o, "dump_dict"):
        return {"t": "object", "type_name": type(o).__name__, "v": model_of(o.dump_dict())}
    raise TypeError(f"no model for {type(o)!r}")


def value_from_model(m: dict) -> Any:
    """Rebuild a value from its model, the way the Swift tests do (self-check of the models).

    Types that the encoder handles in ``default`` are rebuilt as objects whose ``dump_dict`` gives
    the serialized value, under a class named like the ``type_name`` the encoder writes.
    """

    def named(type_name: str, payload: Any) -> Any:
        return type(type_name, (), {"dump_dict": lambda self: payload})()

    def f64(hex_bits: str) -> float:
        return struct.unpack(">d", bytes.fromhex(hex_bits))[0]

    def array(dtype: str, data: str) -> numpy.ndarray:
        little = numpy.dtype(dtype).newbyteorder("<")
        return numpy.frombuffer(bytes.fromhex(data), dtype=little).astype(dtype)

    t = m["t"]
    simple = {
        "none": lambda: None,
        "bool": lambda: m["v"],
        "int": lambda: int(m["v"]),
        "float": lambda: f64(m["v"]),
        "str": lambda: m["v"],
        "list": lambda: [value_from_model(x) for x in m["v"]],
        "tuple": lambda: tuple(value_from_model(x) for x in m["v"]),
        "set": lambda: {value_from_model(x) for x in m["v"]},
        "dict": lambda: {value_from_model(k): value_from_model(v) for k, v in m["v"]},
        "ndarray": lambda: array(m["dtype"], m["data"]).reshape(m["shape"]),
        "npscalar": lambda: array(m["dtype"], m["data"])[0],
        "inspect_empty": lambda: named("inspect_empty", "inspect._empty"),
        "exactness": lambda: named("Exactness", m["v"]),
        "opaque": lambda: named(m["type_name"], m["v"]),
        "torch_device": lambda: named("torch_device", m["v"]),
        "valid_split": lambda: named("valid_split", value_from_model(m["v"])),
        "object": lambda: named(m["type_name"], value_from_model(m["v"])),
    }
    if t in simple:
        return simple[t]()
    if t == "random_state":
        rs = numpy.random.RandomState()
        keys = numpy.frombuffer(bytes.fromhex(m["keys"]), dtype="<u4").astype(numpy.uint32)
        rs.set_state((m["algorithm"], keys, m["pos"], m["has_gauss"], f64(m["cached_gaussian"])))
        return rs
    raise ValueError(f"unknown model type {t!r}")


# ---------------------------------------------------------------------------------------------
# Equality (numpy-, NaN-, dtype-, shape- and key-order-aware)
# ---------------------------------------------------------------------------------------------


def _float_eq(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def diff(a: Any, b: Any, path: str = "$") -> Optional[str]:
    """None if `a` and `b` are equal, else a description of the first difference."""
    if isinstance(a, numpy.ndarray) or isinstance(b, numpy.ndarray):
        if type(a) is not type(b):
            return f"{path}: {type(a).__name__} != {type(b).__name__}"
        if a.dtype != b.dtype:
            return f"{path}: dtype {a.dtype} != {b.dtype}"
        if a.shape != b.shape:
            return f"{path}: shape {a.shape} != {b.shape}"
        if a.dtype.kind == "f":
            nan_a, nan_b = numpy.isnan(a), numpy.isnan(b)
            ok = numpy.array_equal(nan_a, nan_b)
            ok = ok and numpy.array_equal(a[~nan_a], b[~nan_b])
            ok = ok and numpy.array_equal(numpy.signbit(a[~nan_a]), numpy.signbit(b[~nan_b]))
        else:
            ok = numpy.array_equal(a, b)
        return None if ok else f"{path}: array values differ"
    if isinstance(a, numpy.generic) or isinstance(b, numpy.generic):
        if type(a) is not type(b):
            return f"{path}: {type(a).__name__} != {type(b).__name__}"
        if isinstance(a, numpy.floating):
            return None if _float_eq(float(a), float(b)) else f"{path}: {a!r} != {b!r}"
        return None if a == b else f"{path}: {a!r} != {b!r}"
    if type(a) is not type(b):
        if hasattr(a, "dump_dict") and hasattr(b, "dump_dict"):
            if type(a).__name__ != type(b).__name__:
                return f"{path}: {type(a).__name__} != {type(b).__name__}"
            return diff(a.dump_dict(), b.dump_dict(), f"{path}<{type(a).__name__}>")
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, float):
        return None if _float_eq(a, b) else f"{path}: {a!r} != {b!r}"
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(a, set):
        if len(a) != len(b):
            return f"{path}: set size {len(a)} != {len(b)}"
        rest = list(b)
        for x in a:
            for j, y in enumerate(rest):
                if diff(x, y) is None:
                    del rest[j]
                    break
            else:
                return f"{path}: set element {x!r} missing"
        return None
    if isinstance(a, dict):
        ka, kb = list(a), list(b)
        if len(ka) != len(kb):
            return f"{path}: keys {ka!r} != {kb!r}"
        for x, y in zip(ka, kb):
            if diff(x, y) is not None:
                return f"{path}: keys {ka!r} != {kb!r} (or different order)"
        for k in ka:
            d = diff(a[k], b[k], f"{path}[{k!r}]")
            if d:
                return d
        return None
    if isinstance(a, numpy.random.RandomState):
        return diff(a.get_state(), b.get_state(), f"{path}<RandomState>")
    if isinstance(a, stubs.ValidSplit):
        return diff(dict(vars(a)), dict(vars(b)), f"{path}<ValidSplit>")
    if isinstance(a, stubs.BaseEstimator):
        return diff(dict(vars(a)), dict(vars(b)), f"{path}<{type(a).__name__}>")
    if isinstance(a, type) or isinstance(a, stubs.Exactness):
        return None if a is b else f"{path}: {a!r} is not {b!r}"
    if hasattr(a, "dump_dict"):
        return diff(a.dump_dict(), b.dump_dict(), f"{path}<{type(a).__name__}>")
    return None if a == b else f"{path}: {a!r} != {b!r}"


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


def _powers_of_ten(exponents: numpy.ndarray) -> numpy.ndarray:
    """10.0 ** e for each e, correctly rounded (through Fraction). numpy's vectorized power
    differs in the last bit from one CPU to another (SVML where AVX-512 is), which made these
    goldens depend on the machine that generated them."""
    return numpy.array([float(Fraction(10) ** int(e)) for e in exponents], dtype=numpy.float64)


def _array_values(dtype: str, shape: tuple, seed: int) -> numpy.ndarray:
    rs = numpy.random.RandomState(seed)
    size = int(numpy.prod(shape, dtype=numpy.int64))
    if dtype == "bool":
        flat = rs.randint(0, 2, size=size).astype(bool)
    elif dtype in INT_DTYPES:
        info = numpy.iinfo(dtype)
        flat = rs.randint(int(info.min), int(info.max) + 1, size=size, dtype=dtype)
    else:
        mant = rs.standard_normal(size)
        exps = {"float16": 3, "float32": 20, "float64": 60}[dtype]
        flat = (mant * _powers_of_ten(rs.randint(-exps, exps + 1, size=size))).astype(dtype)
    return flat.reshape(shape)


def _u64_lossy(values: numpy.ndarray) -> Optional[str]:
    if values.dtype != numpy.uint64 or values.ndim == 0:
        return None
    high = values >= numpy.uint64(2**63)
    return LOSSY_U64_ARRAY if high.any() and not high.all() else None


def _float_specials(dtype: str) -> numpy.ndarray:
    info = numpy.finfo(dtype)
    tiny_sub = info.smallest_subnormal
    values = [
        numpy.nan, numpy.inf, -numpy.inf, -0.0, 0.0, 1.0, -1.0, 0.1, 1.0 / 3.0,
        tiny_sub, -tiny_sub, info.tiny - tiny_sub,  # smallest / largest subnormal
        info.tiny, info.eps, info.max, info.min, 1e-05, 100.0,
    ]  # fmt: skip
    return numpy.array(values, dtype=numpy.float64).astype(dtype)


def _int_limits(dtype: str) -> numpy.ndarray:
    info = numpy.iinfo(dtype)
    vals = [int(info.min), int(info.min) + 1, -1, 0, 1, int(info.max) - 1, int(info.max)]
    if info.min == 0:
        vals = [0, 1, 2, (int(info.max) >> 1), (int(info.max) >> 1) + 1, int(info.max) - 1,
                int(info.max)]  # fmt: skip
    return numpy.array(vals, dtype=dtype)


PY_FLOATS = {
    "0_0": 0.0,
    "neg_0_0": -0.0,
    "1_0": 1.0,
    "100_0": 100.0,
    "1_5": 1.5,
    "neg_2_5": -2.5,
    "0_1": 0.1,
    "0_1_plus_0_2": 0.1 + 0.2,
    "1_over_3": 1.0 / 3.0,
    "2_over_3": 2.0 / 3.0,
    "1e-4": 1e-4,
    "1e-5": 1e-5,
    "1e-7": 1e-7,
    "0_000123": 0.000123,
    "1e15": 1e15,
    "1e16": 1e16,
    "1e21": 1e21,
    "1e22": 1e22,
    "1e23": 1e23,
    "1e100": 1e100,
    "5e-324": 5e-324,
    "max_subnormal": 2.225073858507201e-308,
    "min_normal": 2.2250738585072014e-308,
    "max": 1.7976931348623157e308,
    "neg_max": -1.7976931348623157e308,
    "123456789_123": 123456789.123,
    "2p53": float(2**53),
    "2p53_plus_1": float(2**53 + 1),
    "2p63": float(2**63),
    "1_2345678901234567e19": 12345678901234567890.0,
    "4_35": 4.35,
    "9_999999999999999e22": 9.999999999999999e22,
    "nan": float("nan"),
    "inf": float("inf"),
    "neg_inf": float("-inf"),
}

PY_INTS = {
    "0": 0,
    "1": 1,
    "neg_1": -1,
    "2p31": 2**31,
    "2p53_plus_1": 2**53 + 1,
    "int64_max": 2**63 - 1,
    "int64_min": -(2**63),
    "2p63": 2**63,
    "uint64_max": 2**64 - 1,
    "2p64": 2**64,
    "neg_2p64_minus_1": -(2**64) - 1,
    "2p100": 2**100,
    "10p200": 10**200,
    "neg_10p200": -(10**200),
}

PY_STRINGS = {
    "empty": "",
    "ascii": "hello, world",
    "emoji": "smile \U0001F600 party \U0001F389 family \U0001F468\u200d\U0001F469\u200d\U0001F467",
    "cjk": "\u6f22\u5b57 \u304b\u306a \ud55c\uae00",
    "control_chars": "".join(chr(c) for c in range(0x20)),
    "del": "a\x7fb",
    "quotes_backslash_slash": 'say "hi" \\ back\\slash / slash </script>',
    "line_separators": "a\u2028b\u2029c\x85d",
    "astral": "\U0001D11E\U00010348\U0010FFFF",
    "latin1": "caf\u00e9 na\u00efve \u00ff",
    "bom_and_nbsp": "\ufeffx\u00a0y",
    "decomposed": "e\u0301 vs \u00e9",
    "private_use_bmp_top": "\ue000\uffff\ufffd",
}


def _uniform_quantizer(cml, seed: int, n_bits: int, shape, signed=False, symmetric=False):
    rs = numpy.random.RandomState(seed)
    values = rs.standard_normal(shape) * 3.0 + 0.5
    q = cml.quantizers
    opts = q.QuantizationOptions(n_bits, is_signed=signed, is_symmetric=symmetric)
    qa = q.QuantizedArray(n_bits, values, options=opts)
    return qa.quantizer


def build_deployment(cml, large: bool = False) -> dict:
    """A realistic 'deployment' object: quantizers + weights of a small quantized linear model."""
    n_in, n_out = (64, 32) if large else (6, 3)
    rs = numpy.random.RandomState(20240601)
    weights = (rs.standard_normal((n_in, n_out)) * 0.25).astype(numpy.float32)
    bias = (rs.standard_normal(n_out) * 0.1).astype(numpy.float32)
    q = cml.quantizers
    w_quant = q.QuantizedArray(8, weights.astype(numpy.float64),
                               options=q.QuantizationOptions(8, is_signed=True, is_symmetric=True))
    input_quantizers = [_uniform_quantizer(cml, 100 + i, 8, (256,)) for i in range(2)]
    output_quantizers = [_uniform_quantizer(cml, 200, 8, (256, n_out), signed=True)]
    return {
        "model_name": "LogisticRegression",
        "concrete_ml_version": cml.version,
        "n_bits": 8,
        "input_quantizers": input_quantizers,
        "output_quantizers": output_quantizers,
        "weights": weights,
        "q_weights": w_quant.qvalues.astype(numpy.int64),
        "weight_quantizer": w_quant.quantizer,
        "bias": bias,
        "classes_": numpy.arange(n_out, dtype=numpy.int64),
        "n_features_in_": n_in,
        "input_shape": (None, n_in),
        "feature_names": [f"feature_{i}" for i in range(min(n_in, 8))],
        "post_processing_params": {"threshold": 0.5, "use_sigmoid": True, "temperature": None},
        "random_state": None,
        "is_fitted": True,
    }


def build_cases(cml) -> List[Case]:
    """All golden cases for one Concrete ML version (deterministic)."""
    cases: List[Case] = []
    add = cases.append

    # numpy arrays: every dtype x every shape
    for di, dtype in enumerate(ALL_DTYPES):
        for si, (tag, shape) in enumerate(SHAPES.items()):
            values = _array_values(dtype, shape, 1000 + 10 * di + si)
            lossy = LOSSY_SHAPE if shape == (0, 3) else _u64_lossy(values)
            add(Case(f"array_{dtype}_{tag}", values, lossy=lossy))
    add(Case("array_float32_empty_2x0", numpy.zeros((2, 0), dtype=numpy.float32)))
    add(Case("array_int64_4d", numpy.arange(24, dtype=numpy.int64).reshape(1, 2, 3, 4) - 12))
    add(Case("array_float64_fortran_order",
             numpy.asfortranarray(numpy.arange(6, dtype=numpy.float64).reshape(2, 3) / 4)))
    for dtype in FLOAT_DTYPES:
        add(Case(f"array_{dtype}_specials", _float_specials(dtype)))
        add(Case(f"array_{dtype}_specials_2d", _float_specials(dtype)[:16].reshape(4, 4)))
    for dtype in INT_DTYPES:
        add(Case(f"array_{dtype}_limits", _int_limits(dtype), lossy=_u64_lossy(_int_limits(dtype))))
    add(Case("array_uint64_all_high", numpy.array([2**63, 2**64 - 1, 2**63 + 12345],
                                                  dtype=numpy.uint64)))
    add(Case("array_bool_all", numpy.array([[True, False], [False, True]])))

    # numpy scalars
    for dtype in INT_DTYPES:
        info = numpy.iinfo(dtype)
        add(Case(f"np_{dtype}_min", numpy.dtype(dtype).type(info.min)))
        load_error = LOAD_ERROR_U64 if dtype == "uint64" else None
        add(Case(f"np_{dtype}_max", numpy.dtype(dtype).type(info.max), load_error=load_error))
        add(Case(f"np_{dtype}_42", numpy.dtype(dtype).type(42)))
    add(Case("np_uint64_2p63", numpy.uint64(2**63), load_error=LOAD_ERROR_U64))
    add(Case("np_uint64_int64_max", numpy.uint64(2**63 - 1)))
    for dtype in FLOAT_DTYPES:
        info = numpy.finfo(dtype)
        t = numpy.dtype(dtype).type
        for tag, value in [("0_1", 0.1), ("nan", numpy.nan), ("inf", numpy.inf),
                           ("neg_inf", -numpy.inf), ("neg_0", -0.0),
                           ("min_subnormal", info.smallest_subnormal), ("max", info.max),
                           ("min", info.min), ("1e-5", 1e-5)]:  # fmt: skip
            add(Case(f"np_{dtype}_{tag}", t(value)))
    add(Case("np_bool", numpy.bool_(True), expect_error="TypeError"))

    # Python floats, ints, strings
    for tag, value in PY_FLOATS.items():
        add(Case(f"float_{tag}", value))
    add(Case("float_list_all", list(PY_FLOATS.values())))
    for tag, value in PY_INTS.items():
        add(Case(f"int_{tag}", value))
    add(Case("int_list_all", list(PY_INTS.values())))
    for tag, value in PY_STRINGS.items():
        add(Case(f"str_{tag}", value))
    add(Case("str_list_all", list(PY_STRINGS.values())))
    add(Case("none", None))
    add(Case("bool_true", True))
    add(Case("bool_false", False))

    # containers
    add(Case("list_empty", []))
    add(Case("list_mixed", [1, 2.5, "x", None, True, False, [], {}, [[1], [2, [3]]]]))
    add(Case("tuple_empty", ()))
    add(Case("tuple_single", (1,)))
    add(Case("tuple_nested", (1, (2.5, "a", ()), [3, (None, (True,))], {"k": (4, 5)})))
    add(Case("tuple_of_numpy", (numpy.int32(7), numpy.float32(0.5), numpy.arange(3))))
    add(Case("set_empty", set()))
    add(Case("set_ints", {1000, 3, -7, 42, 17, 2**70, -(2**65)}))
    add(Case("set_mixed_int_float", {3, 1.5, -2}))
    add(Case("set_bool_int_float", {True, 2, -1, 0.5}))
    add(Case("set_floats", {0.5, -0.0, 1e-05, 2.0, 1e300, -3.25}))
    add(Case("set_strings", {"b", "a", "Z", "", "\u00e9", "e\u0301", "\uff21", "\U0001F600",
                             "\u6f22", "ab", "a\x00", "\ufffd"}))  # fmt: skip
    add(Case("set_tuples", {(1, 2), (0, 5), (1, -1), (1,), ()}))
    add(Case("set_numpy_scalars", {numpy.int64(5), numpy.int64(-3), numpy.int64(10)}))
    add(Case("dict_empty", {}))
    add(Case("dict_str_keys", {"z": 1, "a": [1, 2, {"nested": (3, 4)}], "m": {"x": None},
                               "\u00e9": 1.5, "": "empty key"}))  # fmt: skip
    add(Case("dict_int_keys", {1: "a", -5: [1, 2], 2**70: None, 0: 0}, lossy=LOSSY_KEYS))
    add(Case("dict_float_keys", {1.5: 1, -0.0: 2, 1e-05: 3, float("nan"): 4, float("inf"): 5,
                                 float("-inf"): 6, 1e16: 7, 100.0: 8}, lossy=LOSSY_KEYS))
    add(Case("dict_bool_none_keys", {True: 1, False: 2, None: 3}, lossy=LOSSY_KEYS))
    add(Case("dict_mixed_keys",
             {"s": 1, 2: (3, 4), 2.5: {5, 6}, None: numpy.arange(2, dtype=numpy.uint8),
              False: numpy.float16(1.5)}, lossy=LOSSY_KEYS))  # fmt: skip
    add(Case("dict_duplicate_after_str", {1: "int key", "1": "str key"}, lossy=LOSSY_DUP_KEYS))
    add(Case("dict_nested_numpy", {"a": {"b": {"c": [numpy.eye(2), (numpy.uint16(3),)]}},
                                   "rs": None, "t": (1.0, -0.0)}))  # fmt: skip
    add(Case("dict_looks_like_custom", {"type_name": "tuple", "serialized_value": [1, 2]},
             lossy="a plain dict with type_name/serialized_value keys is decoded as that type"))
    add(Case("dict_numpy_key", {numpy.int64(1): "x"}, expect_error="TypeError"))
    add(Case("dict_tuple_key", {(1, 2): "x"}, expect_error="TypeError"))

    # special objects
    add(Case("random_state_seeded", numpy.random.RandomState(42)))
    rs = numpy.random.RandomState(2024)
    rs.standard_normal()  # legacy Box-Muller caches the second value: has_gauss = 1
    add(Case("random_state_gauss", rs))
    add(Case("inspect_empty", inspect._empty))  # pylint: disable=protected-access
    only_exactness = ("1.9.0",)
    add(Case("exactness_exact", stubs.Exactness.EXACT, only=only_exactness))
    add(Case("exactness_approximate", stubs.Exactness.APPROXIMATE, only=only_exactness))
    torch = sys.modules["torch"]
    add(Case("torch_device_cpu", torch.device("cpu")))
    add(Case("torch_device_cuda_1", torch.device("cuda:1")))
    add(Case("valid_split_default", stubs.ValidSplit()))
    add(Case("valid_split_float", stubs.ValidSplit(cv=0.2, stratified=True, random_state=0)))
    lin = sys.modules["sklearn.linear_model"].LinearRegression(
        fit_intercept=True, coef_=[0.5, -1.25], intercept_=0.1, n_features_in_=2
    )
    add(Case("sklearn_model", lin))
    # A minimal ModelProto: ir_version=8, producer_name="concise", opset_import {version 17}
    onnx_bytes = b"\x08\x08" + b"\x12\x07concise" + b"\x42\x02\x10\x11"
    add(Case("onnx_model", sys.modules["onnx"].ModelProto(onnx_bytes)))
    add(Case("type_builtin_int", int))
    add(Case("type_torch_relu", torch.nn.modules.activation.ReLU))
    add(Case("fhe_circuit", stubs.Circuit(), expect_error="NotImplementedError"))
    add(Case("lambda", lambda x: x, expect_error="NotImplementedError"))

    # Concrete ML objects (real quantizers code of this version)
    q = cml.quantizers
    add(Case("uniform_quantizer", _uniform_quantizer(cml, 7, 8, (100,))))
    add(Case("uniform_quantizer_signed_symmetric",
             _uniform_quantizer(cml, 8, 7, (10, 10), signed=True, symmetric=True)))
    add(Case("quantized_array",
             q.QuantizedArray(4, numpy.random.RandomState(9).uniform(-1, 1, (3, 4)))))
    add(Case("quantization_options", q.QuantizationOptions(6, is_signed=True)))
    add(Case("uniform_quantization_parameters",
             q.UniformQuantizationParameters(scale=numpy.float64(0.125),
                                             zero_point=numpy.array([1, 2, 3]), offset=128)))
    add(Case("minmax_stats", q.MinMaxQuantizationStats(rmax=numpy.float32(2.5), rmin=-1.0)))

    # bulk floats
    rs = numpy.random.RandomState(1234)
    wide = rs.standard_normal(1000) * _powers_of_ten(rs.randint(-40, 41, 1000))
    add(Case("floats_random_1000", wide.tolist()))
    bits = numpy.random.RandomState(4321).randint(0, 2**64, size=1300, dtype=numpy.uint64)
    as_float = bits.view(numpy.float64)
    add(Case("floats_random_bits_1000", as_float[numpy.isfinite(as_float)][:1000].tolist()))
    add(Case("array_float32_random_bits_256", numpy.random.RandomState(99)
             .randint(0, 2**32, size=256, dtype=numpy.uint32).view(numpy.float32)))

    # realistic deployment object
    add(Case("deployment", build_deployment(cml)))
    return cases


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def require_fixed_hash_seed() -> None:
    """Set iteration order (recorded in the models) depends on str hashing: pin PYTHONHASHSEED."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)


def _describe(exc: BaseException) -> str:
    return re.sub(r" at 0x[0-9a-fA-F]+", " at 0x...", f"{type(exc).__name__}: {exc}")


def encode_case(cml, case: Case):
    """Returns (json_text, None) or (None, 'ExceptionType: message')."""
    try:
        return cml.dumps(case.obj), None
    except Exception as exc:  # pylint: disable=broad-except
        return None, _describe(exc)


def decode(cml, text: str):
    """json.loads(text, cls=ConcreteDecoder), silencing numpy's cast warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return cml.loads(text)


def roundtrip(cml, case: Case, text: str):
    """Returns (loads_equal, note)."""
    try:
        back = decode(cml, text)
    except Exception as exc:  # pylint: disable=broad-except
        return False, f"json.loads raised {_describe(exc)}"
    d = diff(case.obj, back)
    return d is None, d


def generate() -> dict:
    out_cases, skipped, problems = [], [], []
    for version in VERSIONS:
        cml = stubs.load_concrete_ml(version)
        for case in build_cases(cml):
            try:
                model = model_of(case.obj)
            except TypeError:
                model = None
            text, error = encode_case(cml, case)
            if error is not None:
                expected = case.expect_error or (
                    case.only is not None and version not in case.only
                )
                if not expected:
                    problems.append(f"{case.name}@{version}: unexpected encoding error {error}")
                if case.expect_error and not error.startswith(case.expect_error):
                    problems.append(f"{case.name}@{version}: expected {case.expect_error}, "
                                    f"got {error}")  # fmt: skip
                entry = {"name": case.name, "version": version, "reason": error}
                if case.only is not None and version not in case.only:
                    entry["reason"] = f"not expressible in Concrete ML {version}: {error}"
                if model is not None:
                    entry["model"] = model
                skipped.append(entry)
                continue
            if case.expect_error or (case.only is not None and version not in case.only):
                problems.append(f"{case.name}@{version}: expected an encoding error, got {text}")
            if cml.dumps(value_from_model(model)) != text:
                problems.append(f"{case.name}@{version}: the model does not re-encode to the JSON")
            loads_equal, note = roundtrip(cml, case, text)
            if loads_equal != (case.lossy is None and case.load_error is None):
                problems.append(f"{case.name}@{version}: loads_equal={loads_equal} ({note})")
            if case.load_error and not (note or "").startswith("json.loads raised"):
                problems.append(f"{case.name}@{version}: expected a load error, got {note}")
            entry = {"name": case.name, "version": version, "json": text, "model": model,
                     "loads_equal": loads_equal}  # fmt: skip
            if not loads_equal:
                entry["loads_note"] = case.lossy or case.load_error
                entry["loads_detail"] = note
            out_cases.append(entry)
    if problems:
        raise SystemExit("gen_goldens: unexpected results:\n  " + "\n  ".join(problems))
    return {
        "generator": "scripts/concrete/gen_goldens.py: json.dumps(obj, cls=ConcreteEncoder) with "
        "the real Concrete ML wheels (1.1.0, 1.9.0) and stand-ins for torch/onnx/sklearn/skorch/"
        f"concrete-python (scripts/concrete/stubs.py); numpy {numpy.__version__}; "
        "sklearn_model/type payloads are pickle (skops unavailable)",
        "versions": list(VERSIONS),
        "cases": out_cases,
        "skipped": skipped,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    require_fixed_hash_seed()
    goldens = generate()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="ascii", newline="\n") as fh:
        json.dump(goldens, fh, indent=1, ensure_ascii=True)
        fh.write("\n")
    per_version = {v: sum(1 for c in goldens["cases"] if c["version"] == v) for v in VERSIONS}
    lossy = sum(1 for c in goldens["cases"] if not c["loads_equal"])
    print(f"wrote {args.output.relative_to(REPO_ROOT) if args.output.is_relative_to(REPO_ROOT) else args.output}: "
          f"{per_version} cases ({lossy} documented lossy), {len(goldens['skipped'])} skipped")


if __name__ == "__main__":
    main()
