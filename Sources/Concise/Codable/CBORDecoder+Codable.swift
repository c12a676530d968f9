extension CBORDecoder {
    /// Decodes a `Decodable` type from exactly one data item, as Foundation's `JSONDecoder`
    /// does from JSON, reading the validated tape directly (no intermediate tree).
    ///
    /// Keyed containers accept text keys and integer keys (matched by `CodingKey.intValue`);
    /// a repeated key gives its last value, unless ``allowsDuplicateKeys`` is off, which makes
    /// it an error. `Date` follows ``dateStrategy``; `Data` reads a byte string, `[UInt8]` a
    /// byte string or an array of integers; `URL`, `UUID` and `Decimal` read tags 32, 37 and 4
    /// (or their plain forms; `Decimal` also bigfloats, integers, bignums and floats, each only
    /// when it holds the value exactly). A tag with a registered semantic decoder is decoded by
    /// it, wherever it stands. Integers must fit their type exactly, and so must integers read
    /// as floating-point numbers; `Int128` and `UInt128` also read bignums (tags 2 and 3).
    /// `null` (or `undefined`), also under tags such as 55799, is `nil` for an `Optional`, and a
    /// `valueNotFound` error where a value is required, as in `JSONDecoder`; an outermost tag
    /// with a semantic decoder is decoded by it instead.
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
                    if !allowsDuplicateKeys {
                        // The containers look keys up without comparing them to each other:
                        // the value path finds a repeated key, with its offset.
                        _ = try TapeValueBuilder(bytes: buffer, tape: tape, allowsDuplicateKeys: false).build()
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
