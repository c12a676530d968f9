/// Encodes ``CBOR`` values (RFC 8949).
///
/// By default every item is written as it is held: heads in their shortest form (preferred
/// serialization, RFC 8949 §4.1), floats at the width they carry, map entries in their order.
/// With ``canonical`` the output is deterministic: map keys sorted (see ``keyOrder``), a key a
/// ``CBORMap`` holds twice written once with its last value, and every float at the shortest
/// width that holds it exactly, NaN as `f97e00`.
///
/// ```swift
/// var encoder = CBOREncoder()
/// encoder.canonical = true
/// let bytes = try encoder.encode(["b": 1, "a": 2.5])
/// ```
public struct CBOREncoder: Sendable {
    /// Whether to write deterministic output: sorted map keys (each once, with its last value)
    /// and shortest exact floats. Defaults to `false`.
    public var canonical = false
    /// The order of map keys when ``canonical`` is on. Defaults to ``CBORKeyOrder/lengthFirst``,
    /// cbor2's order.
    public var keyOrder: CBORKeyOrder = .lengthFirst
    /// Whether arrays and maps are written with indefinite length (also in canonical mode, as
    /// cbor2 does). Defaults to `false`.
    public var indefiniteContainers = false
    /// The raw codec that writes heads. Defaults to ``CBORBackend/libcbor``.
    public var backend: CBORBackend = .libcbor

    // MARK: Options of the dynamic encoder (cbor2's `dumps` options)

    /// Whether containers carry tag 28 (shareable) and repeated class instances are written as
    /// tag-29 references, as cbor2's `value_sharing`. Defaults to `false`.
    public var valueSharing = false
    /// Whether repeated strings are written as tag-25 references inside a tag-256 namespace
    /// around the outermost container, as cbor2's `string_referencing`. Defaults to `false`.
    public var stringReferencing = false
    /// Whether dates are written as tag 1 epoch timestamps instead of tag 0 strings (and
    /// date-only values as tag 100 day counts instead of tag 1004 strings), as cbor2's
    /// `datetime_as_timestamp`. Defaults to `false`.
    public var datetimeAsTimestamp = false
    /// The UTC offset, in seconds east of UTC, given to date-times that have none (naive
    /// date-times); cbor2's `timezone`. `nil` makes a naive date-time an error.
    public var timeZoneOffset: Int?
    /// Whether date-only values are written as the date-time of their midnight in
    /// ``timeZoneOffset``; cbor2's `date_as_datetime`. Defaults to `false`.
    public var dateAsDatetime = false
    /// The encoder of last resort, for values no registered or built-in encoder handles;
    /// cbor2's `default`. It must write exactly one data item through the writer.
    public var defaultEncoder: (@Sendable (CBORWriter, Any) throws -> Void)?
    /// The type-keyed encoders, by exact type.
    var typeEncoders: [ObjectIdentifier: CBORTypeEncoder] = [:]

    // MARK: Codable options

    /// How Codable writes `Date`. Defaults to ``CBORDateStrategy/epochTime`` (tag 1).
    public var dateStrategy: CBORDateStrategy = .epochTime
    /// How Codable writes keys. Defaults to ``CBORKeyStrategy/useStringKeys``.
    public var keyStrategy: CBORKeyStrategy = .useStringKeys
    /// Values handed to `Encodable` implementations as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder with the default options.
    public init() {}

    /// Registers an encoder for values whose dynamic type is exactly `type`; cbor2's `encoders`.
    ///
    /// Registered encoders are consulted before anything else, so they can override how
    /// built-in types such as `String` are written. Subclasses do not match.
    /// - Parameters:
    ///   - type: The exact type to handle.
    ///   - sharing: ``CBORSharing/shareable`` to take part in value sharing, like cbor2's
    ///     `@shareable_encoder`.
    ///   - encode: Writes exactly one data item for the value, through the writer.
    public mutating func register<T>(
        _ type: T.Type, sharing: CBORSharing = .none,
        _ encode: @escaping @Sendable (CBORWriter, T) throws -> Void
    ) {
        typeEncoders[ObjectIdentifier(type)] = CBORTypeEncoder(sharing: sharing) { writer, value in
            guard let typed = value as? T else {
                throw CBORError(.noEncoderForType, "the encoder for \(T.self) was given a \(Swift.type(of: value))")
            }
            try encode(writer, typed)
        }
    }

    /// Removes the encoder registered for `type`.
    public mutating func unregister<T>(_ type: T.Type) {
        typeEncoders[ObjectIdentifier(type)] = nil
    }

    /// Encodes any value the way cbor2's `dumps` does: registered encoders first, then the
    /// built-in types (listed in the documentation's type table), then ``defaultEncoder``.
    /// - Parameter value: The value to encode.
    /// - Returns: The encoded bytes.
    /// - Throws: ``CBORError`` (`noEncoderForType`, `cyclicStructure`, …), or whatever a
    ///   registered or default encoder throws, unchanged.
    public func encode(any value: Any) throws -> [UInt8] {
        let writer = CBORWriter(options: self)
        try writer.encode(value)
        return writer.finish()
    }

    /// Encodes a value.
    /// - Parameter value: The value to encode.
    /// - Returns: The encoded bytes.
    /// - Throws: ``CBORError/Code/unsupportedValue`` for `.simple(24...31)`, which has no
    ///   well-formed encoding.
    public func encode(_ value: CBOR) throws(CBORError) -> [UInt8] {
        var writer = ByteWriter(backend: backend)
        try ValueWriter(options: self).write(value, to: &writer)
        // Consumed, so the writer's storage is not shared when `finish` trims it, which would
        // copy it (8 MiB for a typed array of a million doubles).
        return (consume writer).finish()
    }
}

extension CBOR {
    /// Encodes this value with the default ``CBOREncoder`` options.
    /// - Throws: ``CBORError/Code/unsupportedValue`` for `.simple(24...31)`.
    public func encoded() throws(CBORError) -> [UInt8] {
        try CBOREncoder().encode(self)
    }
}
