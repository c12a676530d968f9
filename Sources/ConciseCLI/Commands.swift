import Concise

/// What the `concise` subcommands do, apart from argument parsing, so tests can call it.
public enum Commands {
    /// RFC 8949 §8 diagnostic notation of every item in `bytes` (one per line; a sequence
    /// when `sequence` is set), with §8.1 encoding indicators when `encodingIndicators` is set
    /// (``CBORDecoder/diagnosticNotation(of:)``).
    /// - Throws: ``CBORError`` with the byte offset of the first problem.
    public static func diagnose(
        _ bytes: [UInt8], sequence: Bool = false, encodingIndicators: Bool = false
    ) throws -> String {
        if encodingIndicators {
            let decoder = CBORDecoder()
            if sequence { return try decoder.diagnosticNotation(ofSequence: bytes).joined(separator: "\n") }
            return try decoder.diagnosticNotation(of: bytes)
        }
        if sequence {
            return try CBORDecoder().decodeSequence(from: bytes).map(\.diagnosticDescription).joined(separator: "\n")
        }
        return try CBOR(decoding: bytes).diagnosticDescription
    }

    /// Checks well-formedness and limits; returns a one-line summary.
    /// - Throws: ``CBORError`` with the byte offset of the first problem.
    public static func validate(_ bytes: [UInt8], maxDepth: Int?, allowsIndefinite: Bool = true, allowsDuplicateKeys: Bool = true) throws -> String {
        var decoder = CBORDecoder()
        if let maxDepth { decoder.maxDepth = maxDepth }
        decoder.allowsIndefiniteLength = allowsIndefinite
        decoder.allowsDuplicateKeys = allowsDuplicateKeys
        _ = try decoder.decodeValue(from: bytes)
        return "valid: one well-formed data item, \(bytes.count) bytes"
    }

    /// The canonical form of the item (cbor2's length-first key order, or bytewise).
    /// - Throws: ``CBORError`` with the byte offset of the first problem.
    public static func canonicalize(_ bytes: [UInt8], bytewise: Bool = false) throws -> [UInt8] {
        var encoder = CBOREncoder()
        encoder.canonical = true
        encoder.keyOrder = bytewise ? .bytewise : .lengthFirst
        return try encoder.encode(try CBOR(decoding: bytes))
    }
}
