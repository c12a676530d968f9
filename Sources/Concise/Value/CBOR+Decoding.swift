extension CBOR {
    /// Decodes exactly one data item with the default ``CBORDecoder`` options.
    /// - Parameter bytes: The encoded item; trailing bytes are an error.
    /// - Throws: ``CBORError`` with the byte offset of the first problem.
    public init<Bytes: Sequence<UInt8>>(decoding bytes: Bytes) throws(CBORError) {
        self = try CBORDecoder().decodeValue(from: bytes)
    }
}
