extension CBORDecoder {
    /// Decodes a `Decodable` type from exactly one data item, as Foundation's `JSONDecoder`
    /// does from JSON, reading the validated tape directly (no intermediate tree).
    ///
    /// Keyed containers accept text keys and integer keys (matched by `CodingKey.intValue`).
    /// `Date` follows ``dateStrategy``; `Data` reads a byte string; `URL`, `UUID` and `Decimal`
    /// read tags 32, 37 and 4 (or their plain forms). A tag with a registered semantic decoder
    /// is decoded by it. Integers must fit their type exactly.
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - bytes: The encoded item.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` with the coding path; the underlying error is a ``CBORError``
    ///   with the byte offset.
    public func decode<T: Decodable, Bytes: Sequence<UInt8>>(_ type: T.Type, from bytes: Bytes) throws -> T {
        let result: Result<T, any Error> = withContiguousBytes(bytes) { buffer in
            Result {
                let tape: [TapeEntry]
                do {
                    tape = try withTape(of: buffer, at: 0) { tape, end in
                        guard end == buffer.count else {
                            throw Self.trailingData(at: end, count: buffer.count)
                        }
                        return tape
                    }
                } catch let error as CBORError {
                    throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: error.description, underlyingError: error))
                }
                let state = CodableDecodingState(bytes: buffer, tape: tape, options: self)
                return try CodableDecoder(state: state, index: 0, path: nil).decode(type)
            }
        }
        return try result.get()
    }
}
