/// Encodes ``CBOR`` values (RFC 8949).
///
/// By default every item is written as it is held: heads in their shortest form (preferred
/// serialization, RFC 8949 §4.1), floats at the width they carry, map entries in their order.
/// With ``canonical`` the output is deterministic: map keys sorted (see ``keyOrder``), and every
/// float at the shortest width that holds it exactly, NaN as `f97e00`.
///
/// ```swift
/// var encoder = CBOREncoder()
/// encoder.canonical = true
/// let bytes = try encoder.encode(["b": 1, "a": 2.5])
/// ```
public struct CBOREncoder: Sendable {
    /// Whether to write deterministic output: sorted map keys and shortest exact floats.
    /// Defaults to `false`.
    public var canonical = false
    /// The order of map keys when ``canonical`` is on. Defaults to ``CBORKeyOrder/lengthFirst``,
    /// cbor2's order.
    public var keyOrder: CBORKeyOrder = .lengthFirst
    /// Whether arrays and maps are written with indefinite length (also in canonical mode, as
    /// cbor2 does). Defaults to `false`.
    public var indefiniteContainers = false
    /// The raw codec that writes heads. Defaults to ``CBORBackend/libcbor``.
    public var backend: CBORBackend = .libcbor

    /// Creates an encoder with the default options.
    public init() {}

    /// Encodes a value.
    /// - Parameter value: The value to encode.
    /// - Returns: The encoded bytes.
    /// - Throws: ``CBORError/Code/unsupportedValue`` for `.simple(24...31)`, which has no
    ///   well-formed encoding.
    public func encode(_ value: CBOR) throws(CBORError) -> [UInt8] {
        var writer = ByteWriter(backend: backend)
        try ValueWriter(options: self).write(value, to: &writer)
        return writer.finish()
    }
}

extension CBOR {
    /// Encodes this value with the default ``CBOREncoder`` options.
    /// - Throws: ``CBORError/Code/unsupportedValue`` for `.simple(24...31)`.
    public func encoded() throws(CBORError) -> [UInt8] {
        try CBOREncoder().encode(self)
    }
}
