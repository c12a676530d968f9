import Concise

/// A value of Concrete ML's JSON format: what `json.loads(s, cls=ConcreteDecoder)` gives in
/// Python, with nothing lost on the way back to text.
///
/// Plain JSON values map to the first cases. Objects of the form
/// `{"type_name": …, "serialized_value": …}` that Concrete ML's `ConcreteEncoder` writes for
/// non-JSON Python types map to the others: tuples, sets, numpy scalars and arrays, `RandomState`,
/// `inspect._empty`, `Exactness`, opaque pickled or ONNX payloads, torch devices, skorch's
/// `ValidSplit`, and classes serialized through their `dump_dict` method.
///
/// ```swift
/// let value = try ConcreteJSONDecoder().decode(from: text)
/// let same = try ConcreteJSONEncoder().encode(value)   // byte-identical to `text`
/// ```
public indirect enum ConcreteValue: Sendable, Equatable {
    /// JSON `null`, Python's `None`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// An integer outside the 64-bit range (Python integers have no size limit); values that
    /// fit `Int64` are always ``int(_:)``.
    case bigInt(CBORBigInt)
    /// A Python `float`, written with Python's `repr` (bare `NaN`, `Infinity`, `-Infinity`).
    case float(Double)
    /// A text string.
    case string(String)
    /// A JSON array, Python's `list`.
    case list([ConcreteValue])
    /// A JSON object, Python's `dict`, in insertion order.
    case dict(ConcreteObject)
    /// A Python `tuple`: `{"type_name": "tuple", "serialized_value": [...]}`.
    case tuple([ConcreteValue])
    /// A Python `set`: `{"type_name": "set", "serialized_value": [...]}`, written sorted as
    /// Python's `sorted` orders the elements.
    case set([ConcreteValue])
    /// A numpy scalar (`numpy_integer` or `numpy_float`), held as a 0-d array of its dtype.
    case numpyScalar(NDArray)
    /// A numpy array (`numpy_array`) with its dtype and shape.
    case array(NDArray)
    /// A `numpy.random.RandomState` (`RandomState`), stored as its `get_state()` tuple.
    case randomState(RandomState)
    /// `inspect._empty` (`inspect_empty`), the marker for "no default" in signatures.
    case inspectEmpty
    /// A `concrete.fhe.Exactness` value (`Exactness`), kept as its serialized text.
    case exactness(String)
    /// A payload Concrete ML stores as hex text: `sklearn_model`, `onnx_model` or `type`
    /// (pickled or skops bytes, a serialized ONNX model). The hex is kept verbatim.
    case opaque(typeName: String, hex: String)
    /// A `torch.device` (`torch_device`), such as `"cpu"`.
    case torchDevice(String)
    /// skorch's `ValidSplit` (`valid_split`), as its attribute dictionary.
    case validSplit(ConcreteObject)
    /// An object serialized through its `dump_dict` method: the class name and the dictionary
    /// (or other value) it dumped. Names no built-in case claims land here.
    case object(typeName: String, value: ConcreteValue)
}

extension ConcreteValue {
    /// An integer of any size, as ``int(_:)`` when it fits `Int64` and ``bigInt(_:)`` otherwise.
    public static func integer(_ value: CBORBigInt) -> ConcreteValue {
        if let small = value.exactly(Int64.self) { return .int(small) }
        return .bigInt(value)
    }

    /// An integer of any fixed-width type, as ``int(_:)`` or ``bigInt(_:)``.
    public static func integer<T: BinaryInteger>(_ value: T) -> ConcreteValue {
        if let small = Int64(exactly: value) { return .int(small) }
        return .bigInt(CBORBigInt(value))
    }

    /// The value stored under `key` when this is a ``dict(_:)``, otherwise `nil`.
    public subscript(key: String) -> ConcreteValue? {
        guard case .dict(let object) = self else { return nil }
        return object[key]
    }

    /// The name `ConcreteEncoder` writes as `type_name` for this value, or `nil` for plain JSON.
    public var typeName: String? {
        switch self {
        case .null, .bool, .int, .bigInt, .float, .string, .list, .dict: nil
        case .tuple: "tuple"
        case .set: "set"
        case .numpyScalar(let scalar): scalar.dtype.isFloatingPoint ? "numpy_float" : "numpy_integer"
        case .array: "numpy_array"
        case .randomState: "RandomState"
        case .inspectEmpty: "inspect_empty"
        case .exactness: "Exactness"
        case .opaque(let name, _): name
        case .torchDevice: "torch_device"
        case .validSplit: "valid_split"
        case .object(let name, _): name
        }
    }
}
