import OrderedCollections

/// Decodes CBOR (RFC 8949) into ``CBOR`` values, Swift values (cbor2's `loads`) or Codable types, with limits for untrusted input.
///
/// Decoding is two-phase: a scanner validates the whole item and writes a flat tape, then the
/// value is built from the tape. Malformed or hostile input always ends in a ``CBORError`` that
/// names the byte offset: never a trap, a stack overflow, or an allocation larger than the input
/// can back.
///
/// ```swift
/// var decoder = CBORDecoder()
/// decoder.maxDepth = 64
/// let value = try decoder.decodeValue(from: bytes)
/// ```
public struct CBORDecoder: Sendable {
    /// How deep items may nest, counted as cbor2 counts its `max_depth`: an item inside more
    /// than `maxDepth` levels is a ``CBORError/Code/depthLimitExceeded`` error. Every tag and
    /// every array or map is a level, but a definite-length empty one. An array, map or tag
    /// right inside a tag 28 takes the tag's level, as cbor2 puts a container it makes before
    /// its content in the tag's place; the dynamic decoder counts two levels where cbor2 makes
    /// the container only after its content (a tuple or frozen map, in a map key, in a tag's
    /// content or under ``immutable``; a value a semantic decoder makes). Where the dynamic
    /// decoder resolves a shared-value reference (tag 29), the reference takes the levels its
    /// value took, as in cbor2. Defaults to 400, as in cbor2. Values above ``maxDepthCeiling``
    /// act as the ceiling.
    public var maxDepth: Int = 400
    /// The deepest nesting any decoder accepts, whatever its ``maxDepth``: 2 048 arrays, maps
    /// and tags, each one counted (a tag 28 and the array inside it are two).
    ///
    /// Scanning and ``decodeValue(from:)`` never recurse on input, but Swift compares, hashes
    /// and destroys nested values recursively, and ``decode(from:)`` (the `Any` model, which
    /// runs cbor2's hooks) recurses once per array, map and tag. In a release build that is
    /// about half a kilobyte of stack a level: 2 048 nested arrays decode to `Any` within
    /// 1 MiB, 1 024 arrays each inside a tag 28 within 2 MiB, and anything the default
    /// ``maxDepth`` admits (800 such items at most) within 512 KiB. Debug builds take several
    /// times as much. The ceiling bounds the stack a decode can take; a thread that decodes
    /// untrusted input to `Any` with a raised ``maxDepth`` needs a stack to match.
    public static let maxDepthCeiling = 2_048
    /// Whether indefinite-length strings, arrays and maps are accepted. Defaults to `true`.
    public var allowsIndefiniteLength = true
    /// Whether a map may repeat a key (the last value then wins in lookups). Defaults to `true`,
    /// as in cbor2; RFC 8949 §5.6 calls such maps invalid.
    public var allowsDuplicateKeys = true
    /// The raw codec that reads heads. Defaults to ``CBORBackend/libcbor``.
    public var backend: CBORBackend = .libcbor

    // MARK: Options of the dynamic decoder (cbor2's `loads` options)

    /// Decoders for the content of tags, by tag number, looked up before the built-in ones;
    /// cbor2's `semantic_decoders`.
    public var semanticDecoders: [UInt64: CBORSemanticDecoder] = [:]
    /// Called for tags that neither a semantic decoder nor a built-in handles, with the tag
    /// (content decoded immutable) and the immutable flag; its result replaces the tag.
    /// cbor2's `tag_hook`.
    public var tagHook: (@Sendable (CBORTag, Bool) throws -> Any)?
    /// Called for every decoded map, with the map and the immutable flag; its result replaces
    /// the map. cbor2's `object_hook`.
    public var objectHook: (@Sendable (OrderedDictionary<AnyHashable, Any>, Bool) throws -> Any)?
    /// Whether the top-level item decodes to immutable (hashable) values: arrays as
    /// `[AnyHashable]`, maps as `OrderedDictionary<AnyHashable, AnyHashable>`. Map keys and set
    /// members are always decoded immutable. Defaults to `false`; cbor2's `immutable`.
    public var immutable = false
    /// Whether a shared-value reference (tag 29) may point at a value that is still being
    /// decoded, making a cycle. Defaults to `true`, as in cbor2. A decoded cycle is a reference
    /// cycle between ``CBORSharedValue`` boxes, which ARC never frees until the program breaks
    /// it; turn this off for untrusted input, and such a reference is a
    /// ``CBORError/Code/cyclicStructure`` error at its offset.
    public var allowsCycles = true
    /// What to do with text that is not valid UTF-8, in ``decode(from:)`` and in
    /// ``decodeValue(from:)`` (Codable always validates). Defaults to
    /// ``CBORStringErrors/strict``; cbor2's `str_errors`. An indefinite-length string is
    /// repaired chunk by chunk, as cbor2 repairs it.
    public var stringErrors: CBORStringErrors = .strict
    /// Whether only text and byte strings may be map keys and set members; cbor2's
    /// `strict_hashable_types`. Defaults to `false`.
    public var strictHashableTypes = false

    // MARK: Codable options

    /// How Codable reads `Date`. Defaults to ``CBORDateDecodingStrategy/flexible``.
    public var dateStrategy: CBORDateDecodingStrategy = .flexible
    /// Values handed to `Decodable` implementations as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder with the default options.
    public init() {}

    /// Decodes exactly one data item; bytes after it are a ``CBORError/Code/trailingData`` error.
    /// - Parameter bytes: The encoded item.
    /// - Returns: The item.
    /// - Throws: ``CBORError`` with the byte offset of the first problem.
    public func decodeValue<Bytes: Sequence<UInt8>>(from bytes: Bytes) throws(CBORError) -> CBOR {
        try withContiguousBytes(bytes) { buffer in
            decodeItem(in: buffer, at: 0).flatMap { value, end in
                guard end == buffer.count else {
                    return .failure(Self.trailingData(at: end, count: buffer.count))
                }
                return .success(value)
            }
        }.get()
    }

    /// Decodes the first data item and reports how many bytes it took; what follows is ignored,
    /// as cbor2's `loads` does.
    /// - Parameter bytes: Input that starts with an encoded item.
    /// - Returns: The item and the number of bytes it occupies.
    /// - Throws: ``CBORError`` with the byte offset of the first problem.
    public func decodeFirstValue<Bytes: Sequence<UInt8>>(from bytes: Bytes) throws(CBORError) -> (value: CBOR, byteCount: Int) {
        try withContiguousBytes(bytes) { buffer in
            decodeItem(in: buffer, at: 0).map { (value: $0.0, byteCount: $0.1) }
        }.get()
    }

    /// Decodes an RFC 8742 CBOR sequence: zero or more data items back to back.
    /// - Parameter bytes: The sequence.
    /// - Returns: Every item, in order.
    /// - Throws: ``CBORError`` for the first item that is not well-formed.
    public func decodeSequence<Bytes: Sequence<UInt8>>(from bytes: Bytes) throws(CBORError) -> [CBOR] {
        var reader = CBORSequenceReader(bytes: Array(bytes), decoder: self)
        var items: [CBOR] = []
        while let item = try reader.next() {
            items.append(item)
        }
        return items
    }

    /// The error for the bytes that follow, from `end` to `count`, the one item an input of
    /// `count` bytes should hold.
    static func trailingData(at end: Int, count: Int) -> CBORError {
        CBORError(.trailingData, offset: end, "\(count - end) bytes follow the data item")
    }

    /// Scans and builds the item at `offset` of `buffer`; returns it with the offset past it.
    func decodeItem(in buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Result<(CBOR, Int), CBORError> {
        switch backend {
        case .libcbor: return decodeItem(LibCBORHeadReader.self, in: buffer, at: offset)
        case .native: return decodeItem(NativeHeadReader.self, in: buffer, at: offset)
        }
    }

    /// Tries the one-pass decoder, then the scanner and the tape, which report any error.
    private func decodeItem<Reader: HeadReader>(
        _: Reader.Type, in buffer: UnsafeBufferPointer<UInt8>, at offset: Int
    ) -> Result<(CBOR, Int), CBORError> {
        var limits = scanLimits
        // Text to be repaired is left to the builder (and the one-pass decoder declines it).
        limits.validatesUTF8 = stringErrors == .strict
        if var onePass = OnePassValueDecoder<Reader>(bytes: buffer, limits: limits, allowsDuplicateKeys: allowsDuplicateKeys),
           let decoded = onePass.decode(at: offset) {
            return .success(decoded)
        }
        return Result { () throws(CBORError) -> (CBOR, Int) in
            var scanner = Scanner<Reader>(bytes: buffer, limits: limits)
            let end = try scanner.scanItem(at: offset)
            var builder = TapeValueBuilder(bytes: buffer, tape: scanner.tape, allowsDuplicateKeys: allowsDuplicateKeys)
            builder.stringErrors = stringErrors
            return (try builder.build(), end)
        }
    }

    var scanLimits: ScanLimits {
        .init(maxDepth: min(max(maxDepth, 0), Self.maxDepthCeiling), allowsIndefiniteLength: allowsIndefiniteLength)
    }

    /// Scans the item at `offset` with the chosen backend and hands the tape to `body`.
    func withTape<Result>(
        of buffer: UnsafeBufferPointer<UInt8>, at offset: Int, validatingUTF8: Bool = true,
        _ body: ([TapeEntry], Int) throws -> Result
    ) throws -> Result {
        var limits = scanLimits
        limits.validatesUTF8 = validatingUTF8
        let (tape, end): ([TapeEntry], Int)
        switch backend {
        case .libcbor: (tape, end) = try scan(LibCBORHeadReader.self, buffer, offset, limits)
        case .native: (tape, end) = try scan(NativeHeadReader.self, buffer, offset, limits)
        }
        return try body(tape, end)
    }

    private func scan<Reader: HeadReader>(
        _: Reader.Type, _ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int, _ limits: ScanLimits
    ) throws(CBORError) -> ([TapeEntry], Int) {
        var scanner = Scanner<Reader>(bytes: buffer, limits: limits)
        let end = try scanner.scanItem(at: offset)
        return (scanner.tape, end)
    }
}

/// Calls `body` with the bytes in contiguous memory, copying only when the sequence has none.
func withContiguousBytes<Bytes: Sequence<UInt8>, Result>(
    _ bytes: Bytes, _ body: (UnsafeBufferPointer<UInt8>) -> Result
) -> Result {
    if let result = bytes.withContiguousStorageIfAvailable(body) {
        return result
    }
    return Array(bytes).withUnsafeBufferPointer(body)
}
