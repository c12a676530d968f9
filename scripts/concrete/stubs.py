"""Stand-in modules and a loader for running Concrete ML's *real* serialization code.

Concrete ML's JSON format is produced by ``json.dumps(obj, cls=ConcreteEncoder)`` and read back
by ``json.loads(s, cls=ConcreteDecoder)``. Those classes live in the ``concrete-ml`` wheel, which
depends on torch, onnx, scikit-learn, skorch and concrete-python (hundreds of MB, and no wheels for
every Python). Only a handful of names from those packages are touched when the serialization and
quantizer modules are imported or run, so this file provides small stand-ins for exactly those
names, registers them in ``sys.modules``, and then imports Concrete ML's own
``common/serialization/{encoder,decoder}.py`` and ``quantization/quantizers.py`` straight from the
wheel (extracted into a cache directory). numpy is the real numpy.

Nothing from Concrete ML is copied into this repository: the wheel is downloaded with pip (or taken
from the cache) and its sources are imported at run time.

Usage::

    import stubs
    cml = stubs.load_concrete_ml("1.9.0")
    text = json.dumps(obj, cls=cml.ConcreteEncoder)
    back = json.loads(text, cls=cml.ConcreteDecoder)
    q = cml.quantizers.UniformQuantizer(...)
"""

from __future__ import annotations

import enum
import hashlib
import importlib
import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("CONCRETE_CACHE_DIR", REPO_ROOT / ".build-concrete"))

SUPPORTED_VERSIONS = ("1.1.0", "1.9.0")

# sha256 of the wheels as published on PyPI (checked after every download / cache hit).
WHEEL_SHA256 = {
    "1.1.0": "ce86f6e25f6b39cbbf639af78ede85a47bcce975ff19b6ba017d3d8e75b0272b",
    "1.9.0": "4a3f3b633f9e217adbb29247fc5a2a2e97556adffc7a61b4a2fe1db8792b9942",
}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _module(name: str, package: bool = False, **attrs) -> types.ModuleType:
    """Create a module, register it in sys.modules and attach it to its parent."""
    mod = types.ModuleType(name)
    mod.__dict__["__stub__"] = True
    if package:
        mod.__path__ = []  # type: ignore[attr-defined]
    for key, value in attrs.items():
        setattr(mod, key, value)
    sys.modules[name] = mod
    parent_name, _, child = name.rpartition(".")
    if parent_name and parent_name in sys.modules:
        setattr(sys.modules[parent_name], child, mod)
    return mod


def _cls(module: str, name: str, bases: tuple = (object,), **namespace) -> type:
    """Create a class whose __module__/__qualname__ look like the real one (pickle-able)."""
    namespace.setdefault("__module__", module)
    namespace.setdefault("__qualname__", name)
    return type(name, bases, namespace)


# ---------------------------------------------------------------------------------------------
# torch
# ---------------------------------------------------------------------------------------------


class _TorchDtype:
    __module__ = "torch"

    def __init__(self, name: str):
        self._name = name

    def __repr__(self) -> str:
        return f"torch.{self._name}"


class _TorchDevice:
    """Mimics torch.device for what the encoder/decoder use: str(device) and equality."""

    __module__ = "torch"

    def __init__(self, type_or_str, index=None):
        text = str(type_or_str)
        if ":" in text:
            if index is not None:
                raise ValueError("type (string) must not include an index when index is given")
            text, idx = text.split(":", 1)
            index = int(idx)
        self.type = text
        self.index = index

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __repr__(self) -> str:
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __eq__(self, other) -> bool:
        return isinstance(other, _TorchDevice) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


_TorchDevice.__name__ = _TorchDevice.__qualname__ = "device"
_TorchDtype.__name__ = _TorchDtype.__qualname__ = "dtype"

TORCH_ACTIVATIONS = [
    "CELU", "ELU", "GELU", "GLU", "Hardshrink", "Hardsigmoid", "Hardswish", "Hardtanh",
    "LeakyReLU", "LogSigmoid", "LogSoftmax", "Mish", "MultiheadAttention", "PReLU", "RReLU",
    "ReLU", "ReLU6", "SELU", "SiLU", "Sigmoid", "Softmax", "Softmax2d", "Softmin", "Softplus",
    "Softshrink", "Softsign", "Tanh", "Tanhshrink", "Threshold",
]  # fmt: skip


def _unavailable(name):
    def fn(*_args, **_kwargs):
        raise NotImplementedError(f"{name} is a stub (no real torch/concrete in this environment)")

    fn.__name__ = name.rsplit(".", 1)[-1]
    return fn


def _install_torch() -> None:
    torch = _module("torch", package=True)
    torch.dtype = _TorchDtype
    for name in ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
                 "bool"]:  # fmt: skip
        setattr(torch, name, _TorchDtype(name))
    torch.float = torch.float32
    torch.double = torch.float64
    torch.int = torch.int32
    torch.long = torch.int64
    torch.device = _TorchDevice
    torch.Tensor = _cls("torch", "Tensor")
    for fn in ["tensor", "round", "clip", "from_numpy", "zeros", "ones"]:
        setattr(torch, fn, _unavailable(f"torch.{fn}"))

    _module("torch.nn", package=True)
    _module("torch.nn.modules", package=True)
    module_cls = _cls("torch.nn.modules.module", "Module")
    _module("torch.nn.modules.module", Module=module_cls)
    torch.nn.Module = module_cls
    activation = _module("torch.nn.modules.activation")
    for name in TORCH_ACTIVATIONS:
        act = _cls("torch.nn.modules.activation", name, (module_cls,))
        setattr(activation, name, act)
        setattr(torch.nn, name, act)

    _module("torch.utils", package=True)
    _module("torch.utils.data", package=True)
    _module(
        "torch.utils.data.dataset",
        Dataset=_cls("torch.utils.data.dataset", "Dataset"),
        Subset=_cls("torch.utils.data.dataset", "Subset"),
    )
    _module("torch.utils.data.dataloader", DataLoader=_cls("torch.utils.data.dataloader",
                                                            "DataLoader"))


# ---------------------------------------------------------------------------------------------
# onnx
# ---------------------------------------------------------------------------------------------


class _ModelProto:
    """Holds the raw protobuf bytes; SerializeToString gives them back unchanged."""

    __module__ = "onnx.onnx_ml_pb2"

    def __init__(self, payload: bytes = b""):
        self._payload = bytes(payload)

    def SerializeToString(self) -> bytes:  # noqa: N802 (protobuf API name)
        return self._payload

    def ParseFromString(self, data: bytes) -> None:  # noqa: N802
        self._payload = bytes(data)

    def __eq__(self, other) -> bool:
        return isinstance(other, _ModelProto) and other._payload == self._payload

    def __repr__(self) -> str:
        return f"ModelProto(<{len(self._payload)} bytes>)"


_ModelProto.__name__ = _ModelProto.__qualname__ = "ModelProto"


def _install_onnx() -> None:
    onnx = _module("onnx", package=True)
    onnx.ModelProto = _ModelProto
    _module("onnx.onnx_ml_pb2", ModelProto=_ModelProto)
    onnx.load_model_from_string = lambda s, *a, **k: _ModelProto(s)
    onnx.load_from_string = onnx.load_model_from_string


# ---------------------------------------------------------------------------------------------
# scikit-learn
# ---------------------------------------------------------------------------------------------


class BaseEstimator:
    """Like sklearn.base.BaseEstimator for pickling: __getstate__ adds _sklearn_version."""

    __module__ = "sklearn.base"

    def __init__(self, **params):
        for key, value in params.items():
            setattr(self, key, value)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_sklearn_version"] = "1.5.0"
        return state

    def __setstate__(self, state):
        state = dict(state)
        state.pop("_sklearn_version", None)
        self.__dict__.update(state)

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({args})"


def _is_classifier(estimator) -> bool:
    return getattr(estimator, "_estimator_type", None) == "classifier"


def _is_regressor(estimator) -> bool:
    return getattr(estimator, "_estimator_type", None) == "regressor"


def _install_sklearn() -> None:
    sklearn = _module("sklearn", package=True)
    _module(
        "sklearn.base",
        BaseEstimator=BaseEstimator,
        is_classifier=_is_classifier,
        is_regressor=_is_regressor,
    )
    _module(
        "sklearn.utils",
        package=True,
        check_array=_unavailable("sklearn.utils.check_array"),
        check_X_y=_unavailable("sklearn.utils.check_X_y"),
    )
    _module("sklearn.linear_model", package=True)
    lin = _cls(
        "sklearn.linear_model._base",
        "LinearRegression",
        (BaseEstimator,),
        _estimator_type="regressor",
    )
    _module("sklearn.linear_model._base", LinearRegression=lin)
    sklearn.linear_model.LinearRegression = lin


# ---------------------------------------------------------------------------------------------
# skorch
# ---------------------------------------------------------------------------------------------


class ValidSplit:
    """skorch.dataset.ValidSplit (skorch 0.11.0): same __init__, same attribute order."""

    __module__ = "skorch.dataset"

    def __init__(self, cv=5, stratified=False, random_state=None):
        # Same order as the real skorch 0.11.0 __init__: stratified, random_state, cv
        self.stratified = stratified
        self.random_state = random_state

        from numbers import Number

        if isinstance(cv, Number) and (cv <= 0):
            raise ValueError(
                "Numbers less than 0 are not allowed for cv but ValidSplit got {}".format(cv)
            )

        if not self._is_float(cv) and random_state is not None:
            raise ValueError(
                "Setting a random_state has no effect since cv is not a float. "
                "You should leave random_state to its default (None), or set cv "
                "to a float value.",
            )

        self.cv = cv

    @staticmethod
    def _is_float(x):
        if not isinstance(x, float):
            return False
        return not float(x).is_integer()

    def __repr__(self) -> str:
        return f"ValidSplit({vars(self)!r})"


def _install_skorch() -> None:
    _module("skorch", package=True)
    _module("skorch.dataset", ValidSplit=ValidSplit, Dataset=_cls("skorch.dataset", "Dataset"))


# ---------------------------------------------------------------------------------------------
# concrete-python (concrete.fhe, concrete.compiler)
# ---------------------------------------------------------------------------------------------


class Exactness(enum.Enum):
    """Exactly as concrete-python 2.10.0 defines it (concrete/fhe/compilation/configuration.py).

    A plain Enum with *string* values: not a str subclass, so ConcreteEncoder's isinstance(o, str)
    is False and the member reaches ``default`` (dumped as {"type_name": "Exactness", ...}).
    """

    APPROXIMATE = "approximate"
    EXACT = "exact"


Exactness.__module__ = "concrete.fhe.compilation.configuration"


class Circuit:
    """concrete.fhe.Circuit stand-in; ConcreteEncoder refuses to serialize it."""

    __module__ = "concrete.fhe.compilation.circuit"


class Integer:
    """concrete.fhe.dtypes.Integer stand-in (only bit-width bookkeeping)."""

    __module__ = "concrete.fhe.dtypes.integer"

    def __init__(self, is_signed: bool, bit_width: int):
        self.is_signed = is_signed
        self.bit_width = bit_width

    @staticmethod
    def that_can_represent(value, force_signed: bool = False) -> "Integer":
        import numpy

        values = numpy.asarray(value)
        lo, hi = int(values.min()), int(values.max())
        signed = force_signed or lo < 0
        width = 1
        while True:
            if signed and -(2 ** (width - 1)) <= lo and hi < 2 ** (width - 1):
                break
            if not signed and hi < 2**width:
                break
            width += 1
        return Integer(signed, width)


class Tracer:
    """concrete.fhe.tracing.tracer.Tracer stand-in (never instantiated here)."""

    __module__ = "concrete.fhe.tracing.tracer"


def _install_concrete_python() -> None:
    # `concrete` itself is registered by the loader (it must point at the wheel's sources for
    # `concrete.ml`); here only the concrete-python parts are created.
    _module("concrete.fhe", package=True, Exactness=Exactness, Circuit=Circuit, Integer=Integer)
    _module("concrete.fhe.compilation", package=True, Exactness=Exactness, Circuit=Circuit)
    _module("concrete.fhe.compilation.configuration", Exactness=Exactness)
    _module("concrete.fhe.compilation.circuit", Circuit=Circuit)
    _module("concrete.fhe.dtypes", package=True, Integer=Integer)
    _module("concrete.fhe.dtypes.integer", Integer=Integer)
    _module("concrete.fhe.tracing", package=True, Tracer=Tracer)
    _module("concrete.fhe.tracing.tracer", Tracer=Tracer)
    _module(
        "concrete.compiler",
        package=True,
        check_gpu_available=lambda: False,
        check_gpu_enabled=lambda: False,
    )


# ---------------------------------------------------------------------------------------------
# Concrete ML modules that the decoder imports but that would pull in everything
# ---------------------------------------------------------------------------------------------


class QuantizedModule:
    """Stand-in for concrete.ml.quantization.quantized_module.QuantizedModule."""

    __module__ = "concrete.ml.quantization.quantized_module"

    @staticmethod
    def load_dict(metadata):  # pragma: no cover - never reached by the goldens
        raise NotImplementedError("QuantizedModule is a stub")


class QuantizedOp:
    """Stand-in for concrete.ml.quantization.base_quantized_op.QuantizedOp."""

    __module__ = "concrete.ml.quantization.base_quantized_op"


def _install_cml_stubs() -> None:
    _module(
        "concrete.ml.quantization.base_quantized_op",
        ALL_QUANTIZED_OPS=set(),
        QuantizedOp=QuantizedOp,
    )
    _module("concrete.ml.quantization.quantized_module", QuantizedModule=QuantizedModule)
    # 1.9.0 uses _get_sklearn_all_models(); 1.1.0 uses get_sklearn_models()["all"].
    _module(
        "concrete.ml.sklearn",
        package=True,
        _get_sklearn_all_models=lambda *a, **k: [],
        get_sklearn_models=lambda *a, **k: {"all": [], "classifiers": [], "regressors": []},
    )


def install_stubs() -> None:
    """Register the third-party stand-ins (idempotent)."""
    if "torch" in sys.modules and getattr(sys.modules["torch"], "__stub__", False):
        return
    for name in ["torch", "onnx", "sklearn", "skorch", "concrete"]:
        if name in sys.modules and not getattr(sys.modules[name], "__stub__", False):
            raise RuntimeError(f"real module {name!r} already imported; stubs would conflict")
    # Make Concrete ML fall back to pickle deterministically even if skops happens to be
    # installed (USE_SKOPS=0 does not work: bool("0") is True in Concrete ML's __init__).
    sys.modules["skops"] = None  # type: ignore[assignment]
    sys.modules["skops.io"] = None  # type: ignore[assignment]
    _install_torch()
    _install_onnx()
    _install_sklearn()
    _install_skorch()


# ---------------------------------------------------------------------------------------------
# Wheel cache
# ---------------------------------------------------------------------------------------------


def wheel_path(version: str) -> Path:
    return CACHE_DIR / "wheels" / f"concrete_ml-{version}-py3-none-any.whl"


def ensure_wheel(version: str) -> Path:
    """Return the cached wheel, downloading it with pip if missing."""
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"unsupported Concrete ML version {version!r}")
    path = wheel_path(version)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--python-version", "3.10", f"concrete-ml=={version}", "-d", str(path.parent),
        ]  # fmt: skip
        print("downloading:", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=sys.stderr)
        if not path.exists():
            raise RuntimeError(f"pip did not produce {path}")
    expected = WHEEL_SHA256.get(version)
    if expected:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
            raise RuntimeError(f"{path}: sha256 {digest} != expected {expected}")
    return path


def ensure_extracted(version: str) -> Path:
    """Extract the wheel once into the cache; returns the directory holding `concrete/`."""
    target = CACHE_DIR / "extracted" / version
    marker = target / ".complete"
    if not marker.exists():
        whl = ensure_wheel(version)
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(whl) as zf:
            zf.extractall(target)
        marker.write_text(version + "\n")
    return target


# ---------------------------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------------------------


class ConcreteML(types.SimpleNamespace):
    """What load_concrete_ml returns (attributes: version, ConcreteEncoder, ConcreteDecoder,
    encoder, decoder, quantizers, utils, Exactness (None for 1.1.0), dumps, loads)."""


_LOADED: dict = {}


def _purge_concrete_ml() -> None:
    for name in list(sys.modules):
        if name == "concrete.ml" or name.startswith("concrete.ml."):
            del sys.modules[name]


def load_concrete_ml(version: str) -> ConcreteML:
    """Import Concrete ML's own encoder/decoder/quantizers for `version`.

    Several versions can be used in one process: the `concrete.ml.*` entries of sys.modules are
    purged before each load, while the returned module objects stay alive and usable.
    """
    if version in _LOADED:
        return _LOADED[version]
    install_stubs()
    root = ensure_extracted(version)
    pkg = root / "concrete"

    _purge_concrete_ml()
    if "concrete" not in sys.modules:
        _module("concrete", package=True)
        _install_concrete_python()
    concrete = sys.modules["concrete"]
    concrete.__path__ = [str(pkg)]  # type: ignore[attr-defined]

    # Empty packages with the right __path__, so that their heavy __init__ files are skipped
    # while their submodules are found in the extracted wheel.
    for dotted in ["ml", "ml.common", "ml.quantization"]:
        name = "concrete." + dotted
        mod = _module(name, package=True)
        mod.__path__ = [str(pkg.joinpath(*dotted.split(".")))]
        mod.__package__ = name
    _install_cml_stubs()

    utils = importlib.import_module("concrete.ml.common.utils")
    encoder = importlib.import_module("concrete.ml.common.serialization.encoder")
    decoder = importlib.import_module("concrete.ml.common.serialization.decoder")
    quantizers = importlib.import_module("concrete.ml.quantization.quantizers")

    for mod in (utils, encoder, decoder, quantizers):
        assert Path(mod.__file__).resolve().is_relative_to(root.resolve()), mod.__file__

    import json

    cml = ConcreteML(
        version=version,
        root=root,
        ConcreteEncoder=encoder.ConcreteEncoder,
        ConcreteDecoder=decoder.ConcreteDecoder,
        encoder=encoder,
        decoder=decoder,
        quantizers=quantizers,
        utils=utils,
        Exactness=getattr(utils, "Exactness", None) if hasattr(encoder, "Exactness") else None,
    )
    cml.dumps = lambda obj: json.dumps(obj, cls=cml.ConcreteEncoder)
    cml.loads = lambda text: json.loads(text, cls=cml.ConcreteDecoder)
    _LOADED[version] = cml
    return cml


if __name__ == "__main__":
    for v in sys.argv[1:] or SUPPORTED_VERSIONS:
        c = load_concrete_ml(v)
        print(v, c.encoder.__file__, "USE_SKOPS =", c.decoder.USE_SKOPS)
