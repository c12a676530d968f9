/// Reads the JSON Concrete ML writes (`json.dumps(obj, cls=ConcreteEncoder)`) into
/// ``ConcreteValue`` trees, as Python's `json.loads(s, cls=ConcreteDecoder)` reads it.
///
/// ```swift
/// let model = try ConcreteJSONDecoder().decode(from: jsonText)
/// if case .array(let weights)? = model["weights"] { print(weights.shape, weights.dtype) }
/// ```
///
/// Every problem is a ``ConcreteJSONError`` with the byte offset, line and column.
public struct ConcreteJSONDecoder: Sendable {
    /// The deepest nesting of arrays and objects accepted (Python's `json` stops near its
    /// recursion limit of 1000).
    public var maxDepth: Int = 512
    /// Whether an object with the same key twice is an error (the default) rather than the
    /// last value winning, as in Python.
    public var rejectsDuplicateKeys = true
    /// Whether a float literal beyond the range of a double (`1e400`) reads as an infinity, as
    /// Python's `json` reads it, rather than as an error (the default).
    public var readsOverflowingFloatsAsInfinity = false
    /// Whether objects with `type_name` and `serialized_value` become their types, as
    /// `ConcreteDecoder`'s object hook makes them (the default), or stay plain dictionaries, as
    /// Python's plain `json.loads` leaves them.
    public var decodesTaggedObjects = true
    /// Whether a `type_name` outside the built-in types and ``knownTypeNames`` is an error.
    /// By default such objects are kept as ``ConcreteValue/object(typeName:value:)``.
    public var rejectsUnknownTypeNames = false
    /// The `dump_dict` class names accepted when ``rejectsUnknownTypeNames`` is set: by default
    /// the quantization classes Concrete ML's decoder knows. Add your own, or use
    /// ``register(_:)``.
    public var knownTypeNames: Set<String> = [
        "UniformQuantizer", "QuantizedArray", "QuantizedModule", "QuantizationOptions",
        "UniformQuantizationParameters", "MinMaxQuantizationStats",
    ]

    /// Creates a decoder with default options.
    public init() {}

    /// Adds a ``ConcreteSerializable`` type's name to ``knownTypeNames``.
    public mutating func register(_ type: any ConcreteSerializable.Type) {
        knownTypeNames.insert(type.typeName)
    }

    /// Reads one JSON value from UTF-8 bytes.
    ///
    /// - Throws: ``ConcreteJSONError`` with the offset, line and column of the problem.
    public func decode(from bytes: some Collection<UInt8>) throws -> ConcreteValue {
        let result = try bytes.withContiguousStorageIfAvailable { try decode(buffer: $0) }
        if let result { return result }
        return try Array(bytes).withUnsafeBufferPointer { try decode(buffer: $0) }
    }

    /// Reads one JSON value from text.
    ///
    /// - Throws: ``ConcreteJSONError`` with the offset, line and column of the problem.
    public func decode(from text: String) throws -> ConcreteValue {
        var text = text
        return try text.withUTF8 { try decode(buffer: $0) }
    }

    /// Reads a ``ConcreteSerializable`` value from its JSON.
    ///
    /// - Throws: ``ConcreteJSONError``, or what the type's `init(loadDict:)` throws.
    public func decode<T: ConcreteSerializable>(_ type: T.Type, from text: String) throws -> T {
        try T(try decode(from: text))
    }

    private func decode(buffer: UnsafeBufferPointer<UInt8>) throws -> ConcreteValue {
        var reader = JSONReader(bytes: buffer, options: self)
        return try reader.readDocument()
    }
}
