extension CBORDecoder {
    /// Decodes exactly one data item into Swift values, the way cbor2's `loads` does: hooks and
    /// semantic decoders, built-in tags, value sharing and string references. Bytes after the
    /// item are a ``CBORError/Code/trailingData`` error; use ``decodeFirst(from:)`` to ignore
    /// them as cbor2 does.
    /// - Parameter bytes: The encoded item.
    /// - Returns: The value; the documentation's type table says which Swift type each CBOR
    ///   item becomes.
    /// - Throws: ``CBORError`` with the byte offset, or whatever a hook throws, unchanged.
    public func decode<Bytes: Sequence<UInt8>>(from bytes: Bytes) throws -> Any {
        let (value, byteCount, total) = try decodeDynamic(bytes)
        guard byteCount == total else {
            throw Self.trailingData(at: byteCount, count: total)
        }
        return value
    }

    /// Decodes the first data item into Swift values and reports how many bytes it took; what
    /// follows is ignored, as cbor2's `loads` does.
    /// - Parameter bytes: Input that starts with an encoded item.
    /// - Returns: The value and the number of bytes it occupies.
    /// - Throws: ``CBORError`` with the byte offset, or whatever a hook throws, unchanged.
    public func decodeFirst<Bytes: Sequence<UInt8>>(from bytes: Bytes) throws -> (value: Any, byteCount: Int) {
        let (value, byteCount, _) = try decodeDynamic(bytes)
        return (value, byteCount)
    }

    private func decodeDynamic<Bytes: Sequence<UInt8>>(_ bytes: Bytes) throws -> (Any, Int, Int) {
        let result: Result<(Any, Int, Int), any Error> = withContiguousBytes(bytes) { buffer in
            Result {
                let (value, end) = try decodeInOnePass(buffer) ?? decodeThroughTape(buffer)
                return (value, end, buffer.count)
            }
        }
        return try result.get()
    }

    /// The item at the start of `buffer` and the offset past it, through the scanner and
    /// ``DynamicDecoder``: everything the one-pass decoder leaves, and every error.
    func decodeThroughTape(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (Any, Int) {
        try withTape(of: buffer, at: 0, validatingUTF8: stringErrors == .strict) { tape, end in
            let decoder = DynamicDecoder(bytes: buffer, tape: tape, options: self)
            return (try decoder.decode(), end)
        }
    }

    /// The item at the start of `buffer` and the offset past it, decoded by the one-pass
    /// decoder; `nil` when the scanner and ``DynamicDecoder`` must decode it.
    func decodeInOnePass(_ buffer: UnsafeBufferPointer<UInt8>) -> (Any, Int)? {
        switch backend {
        case .libcbor:
            var decoder = OnePassAnyDecoder<LibCBORHeadReader>(bytes: buffer, options: self)
            return decoder?.decode(at: 0)
        case .native:
            var decoder = OnePassAnyDecoder<NativeHeadReader>(bytes: buffer, options: self)
            return decoder?.decode(at: 0)
        }
    }
}
