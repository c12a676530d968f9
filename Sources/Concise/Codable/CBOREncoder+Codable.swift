extension CBOREncoder {
    /// Encodes an `Encodable` value, as Foundation's `JSONEncoder` does for JSON.
    ///
    /// Keyed containers become maps (text keys, or integer keys with
    /// ``CBORKeyStrategy/useIntegerKeys``), unkeyed containers arrays. `Date` follows
    /// ``dateStrategy``; `Data` is a byte string (`[UInt8]` an array of integers, as Swift's
    /// Codable writes it); `URL` is tag 32, `UUID` tag 37, `Decimal` tag 4.
    /// `Int128` and `UInt128` are integers within 64 bits and bignums (tags 2 and 3) beyond.
    /// A type with a registered encoder (``register(_:sharing:_:)``) is written by it.
    /// ``canonical`` and ``indefiniteContainers`` apply as for ``CBOR`` values. A nested value
    /// that encodes nothing is an empty map, as JSONEncoder writes `{}`; a top-level one is an
    /// error, as in JSONEncoder.
    /// - Parameter value: The value to encode.
    /// - Returns: The encoded bytes.
    /// - Throws: `EncodingError.invalidValue` with the failing value and its coding path for a
    ///   date ``dateStrategy`` cannot write, and for a registered encoder that throws a
    ///   ``CBORError`` (the underlying error) or writes other than one data item. A top-level
    ///   value that encodes nothing (asks for no container, or for a single-value container
    ///   and writes nothing) is `EncodingError.invalidValue` with `value`, an empty path and
    ///   JSONEncoder's message, "Top-level T did not encode any values.". An error found
    ///   only while writing the finished value, after every `encode(to:)` has returned (under
    ///   ``canonical``, map entries reordered around tag-25 or tag-29 references that a
    ///   registered encoder wrote), is `EncodingError.invalidValue` with the top-level `value`
    ///   and an empty path, the ``CBORError`` underlying. Errors
    ///   thrown by a value's own `encode(to:)`, a ``CBORDateStrategy/custom(_:)`` closure, or a
    ///   registered encoder (but its ``CBORError``s) come out unchanged, not wrapped, as
    ///   JSONEncoder lets them through.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = try encodeStreaming(value) { return bytes }
        return try encodeThroughTree(value)
    }

    /// Encodes `value` through the node tree, which handles every use of Codable: containers
    /// filled in any order, repeated keys (the last value wins), super encoders.
    func encodeThroughTree<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = CodableEncoder(context: CodableEncodingContext(options: self))
        guard let node = try encoder.boxIfEncoded(value, key: nil) else {
            let context = EncodingError.Context(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values.")
            throw EncodingError.invalidValue(value, context)
        }
        var writer = ByteWriter(backend: backend)
        do {
            let values = ValueWriter(options: self)
            if canonical || indefiniteContainers {
                try values.write(node.resolved(), to: &writer)
            } else {
                try node.write(to: &writer, values: values)  // no intermediate CBOR tree
            }
        } catch {
            // The failing value's path is gone by now: every `encode(to:)` has returned.
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
        return writer.finish()
    }

    /// The bytes of `value` written in one pass, or `nil` when the options or the value's use of
    /// Codable need the node tree: sorted keys, indefinite containers, registered type
    /// encoders, containers filled out of order, repeated keys, super encoders, a top-level
    /// value that encodes nothing (the tree throws the error).
    func encodeStreaming<T: Encodable>(_ value: T) throws -> [UInt8]? {
        guard !canonical, !indefiniteContainers, typeEncoders.isEmpty else { return nil }
        let encoder = CodableStreamEncoder(options: self)
        do {
            try encoder.encode(value, key: nil)
        } catch is StreamingUnsupported {
            return nil
        }
        return encoder.failed ? nil : encoder.finish()
    }
}
