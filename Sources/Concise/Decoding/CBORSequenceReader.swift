/// Reads an RFC 8742 CBOR sequence one data item at a time.
///
/// ```swift
/// var reader = CBORSequenceReader(bytes: log)
/// while let record = try reader.next() { … }
/// ```
public struct CBORSequenceReader: Sendable {
    private let bytes: [UInt8]
    private let decoder: CBORDecoder
    /// The byte offset of the next item.
    public private(set) var offset = 0

    /// Creates a reader over a sequence.
    /// - Parameters:
    ///   - bytes: The encoded sequence.
    ///   - decoder: The decoder whose limits and backend apply to each item.
    public init(bytes: [UInt8], decoder: CBORDecoder = CBORDecoder()) {
        self.bytes = bytes
        self.decoder = decoder
    }

    /// Decodes the next item, or returns `nil` at the end of the input.
    /// - Throws: ``CBORError`` when the next item is not well-formed; the offset stays at it.
    public mutating func next() throws(CBORError) -> CBOR? {
        guard offset < bytes.count else { return nil }
        let start = offset
        let (value, end) = try bytes.withUnsafeBufferPointer { decoder.decodeItem(in: $0, at: start) }.get()
        offset = end
        return value
    }
}
