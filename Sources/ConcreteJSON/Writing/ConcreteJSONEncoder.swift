/// Writes ``ConcreteValue`` trees as the exact text Python's
/// `json.dumps(obj, cls=ConcreteEncoder)` gives for the same object.
///
/// The text uses `", "` and `": "` separators, keeps insertion order, escapes as
/// `ensure_ascii=True` does, prints floats with Python's `repr` (`1e-05`, `100.0`, `NaN`),
/// writes integers of any size, sorts sets as Python's `sorted` does, and has no trailing
/// newline. Tagged objects are written `type_name`, `serialized_value`, then `dtype`.
///
/// ```swift
/// let text = try ConcreteJSONEncoder().encode(.tuple([.int(1), .float(0.5)]))
/// // {"type_name": "tuple", "serialized_value": [1, 0.5]}
/// ```
public struct ConcreteJSONEncoder: Sendable {
    /// The deepest nesting written before ``ConcreteJSONError/Code/depthLimitExceeded`` is
    /// thrown (Python's own limit is its recursion limit, about 1000 frames).
    public var maxDepth: Int = 512

    /// Creates an encoder with default options.
    public init() {}

    /// The JSON text of `value`.
    ///
    /// - Throws: ``ConcreteJSONError`` when a set cannot be sorted, nesting is too deep, or an
    ///   object carries a key its type forbids.
    public func encode(_ value: ConcreteValue) throws -> String {
        String(decoding: try encodedBytes(value), as: UTF8.self)
    }

    /// The JSON text of `value` as UTF-8 bytes (ASCII only, as `ensure_ascii` makes it).
    ///
    /// - Throws: as ``encode(_:)-(ConcreteValue)``.
    public func encodedBytes(_ value: ConcreteValue) throws -> [UInt8] {
        var writer = ConcreteJSONWriter(maxDepth: maxDepth)
        try writer.write(value, depth: 0)
        return writer.output
    }

    /// The JSON text of a ``ConcreteSerializable`` value.
    ///
    /// - Throws: as ``encode(_:)``.
    public func encode(_ value: some ConcreteSerializable) throws -> String {
        try encode(value.concreteValue)
    }
}
