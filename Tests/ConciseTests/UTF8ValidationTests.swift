import Testing
@testable import Concise

/// The validator's all-ASCII fast path reads short buffers in overlapping loads, and text up to
/// 15 bytes is built into a small string in place: every length and position around those
/// loads is checked.
@Suite("UTF-8 validation and short text")
struct UTF8ValidationTests {
    /// Bytes that are not ASCII: a lone continuation byte, an invalid byte, a lone lead byte,
    /// and the first byte of a well-formed two-byte sequence.
    static let nonASCII: [UInt8] = [0x80, 0xff, 0xc3, 0xe9]

    @Test("one non-ASCII byte anywhere in 1–40 ASCII bytes is found", arguments: 1...40)
    func singleByte(length: Int) {
        for position in 0..<length {
            for byte in Self.nonASCII {
                var bytes = [UInt8](repeating: 0x61, count: length)
                bytes[position] = byte
                let found = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidIndex(in: $0) }
                // Each of these bytes is ill-formed alone, followed by ASCII or by nothing.
                #expect(found == position, "length \(length), 0x\(String(byte, radix: 16)) at \(position)")
            }
        }
    }

    @Test("well-formed text of every length up to 40 passes, ASCII or not", arguments: 0...40)
    func wellFormed(length: Int) {
        let samples: [String] = [
            String(repeating: "a", count: length),
            String(String(repeating: "é", count: length).utf8.prefix(length & ~1))!,
            String(repeating: "z", count: max(0, length - 4)) + (length >= 4 ? "😀" : ""),
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let found = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidIndex(in: $0) }
            #expect(found == nil, "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { TapeValueBuilder.text($0) } == sample)
        }
    }

    @Test("decoding text of 0–20 bytes gives the same string on both backends and both paths",
          arguments: 0...20)
    func decodedText(length: Int) throws {
        for sample in [String(repeating: "k", count: length), String(repeating: "ü", count: length / 2)] {
            let bytes = try CBOR.textString(sample).encoded()
            for backend in [CBORBackend.native, .libcbor] {
                var decoder = CBORDecoder()
                decoder.backend = backend
                #expect(try decoder.decodeValue(from: bytes) == .textString(sample))
                // A one-item indefinite string takes the tape path.
                let chunked = [0x7f] + bytes + [0xff]
                #expect(try decoder.decodeValue(from: chunked) == .textString(sample))
                #expect(try decoder.decode(from: bytes) as? String == sample)
            }
        }
    }
}
