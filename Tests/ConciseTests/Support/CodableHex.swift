import ConformanceKit
import Testing
@testable import Concise

/// Hex into and out of the Codable coders, for the Codable tests; spaces in hex are ignored.
enum CodableHex {
    /// The bytes `hex` spells.
    static func bytes(_ hex: String) throws -> [UInt8] {
        try TypedDescription.bytes(hex: hex.replacingOccurrences(of: " ", with: ""))
    }

    /// `type` decoded from `hex` by `decoder`.
    static func decode<T: Decodable>(_ type: T.Type, _ hex: String, _ decoder: CBORDecoder = CBORDecoder()) throws -> T {
        try decoder.decode(type, from: try bytes(hex))
    }

    /// The `DecodingError` that decoding `hex` as `type` throws; `nil` when it decodes.
    static func error<T: Decodable>(_ type: T.Type, _ hex: String, _ decoder: CBORDecoder = CBORDecoder()) throws -> DecodingError? {
        do {
            _ = try decode(type, hex, decoder)
            return nil
        } catch let error as DecodingError {
            return error
        }
    }

    /// The bytes of `value` as hex, requiring the one-pass encoder (where the options allow
    /// it, or always with `requiringOnePass`), the tree and `encode(_:)` to agree.
    static func encoded<T: Encodable>(
        _ value: T, requiringOnePass: Bool = false, _ configure: (inout CBOREncoder) -> Void = { _ in }
    ) throws -> String {
        var encoder = CBOREncoder()
        configure(&encoder)
        let tree = try encoder.encodeThroughTree(value)
        let streamed = try encoder.encodeStreaming(value)
        if requiringOnePass {
            #expect(streamed != nil, "no one-pass encoding of \(value)")
        }
        if let streamed {
            #expect(streamed == tree, "one pass and tree differ for \(value)")
        }
        #expect(try encoder.encode(value) == tree)
        return TypedDescription.hex(tree)
    }
}
