import Testing
@testable import Concise
@testable import ConciseCLI

/// RFC 8746 typed arrays: the tag of each element type, little-endian bytes, round trips.
struct TypedArrayTests {
    @Test("Double arrays are tag 86 over little-endian bytes, and read back")
    func doubles() throws {
        let item = CBOR(typedArray: [1.5, -0.0, .infinity] as [Double])
        #expect(try item.encoded() == [0xd8, 0x56, 0x58, 0x18] + [0, 0, 0, 0, 0, 0, 0xf8, 0x3f] + [0, 0, 0, 0, 0, 0, 0, 0x80] + [0, 0, 0, 0, 0, 0, 0xf0, 0x7f])
        let back = try CBOR(decoding: try item.encoded())
        #expect(back.typedArray(of: Double.self)?.map(\.bitPattern) == [1.5, -0.0, Double.infinity].map(\.bitPattern))
        #expect(back.typedArray(of: Float.self) == nil)
    }

    @Test("every element type has its RFC 8746 little-endian tag")
    func tags() {
        #expect(CBOR(typedArray: [UInt8(1)]) == .tagged(64, .byteString([1])))
        #expect(CBOR(typedArray: [UInt16(0x0102)]) == .tagged(69, .byteString([2, 1])))
        #expect(CBOR(typedArray: [UInt32(1)]) == .tagged(70, .byteString([1, 0, 0, 0])))
        #expect(CBOR(typedArray: [UInt64(1)]) == .tagged(71, .byteString([1, 0, 0, 0, 0, 0, 0, 0])))
        #expect(CBOR(typedArray: [Int8(-1)]) == .tagged(72, .byteString([0xff])))
        #expect(CBOR(typedArray: [Int16(-2)]) == .tagged(77, .byteString([0xfe, 0xff])))
        #expect(CBOR(typedArray: [Int32(-2)]) == .tagged(78, .byteString([0xfe, 0xff, 0xff, 0xff])))
        #expect(CBOR(typedArray: [Int64(-2)]) == .tagged(79, .byteString([0xfe] + Array(repeating: 0xff, count: 7))))
        #expect(CBOR(typedArray: [Float16(1)]) == .tagged(84, .byteString([0x00, 0x3c])))
        #expect(CBOR(typedArray: [Float(1)]) == .tagged(85, .byteString([0, 0, 0x80, 0x3f])))
    }

    @Test("a byte string that is not whole elements is not a typed array")
    func partialElements() {
        #expect(CBOR.tagged(78, .byteString([1, 2, 3])).typedArray(of: Int32.self) == nil)
        #expect(CBOR.tagged(78, .textString("abcd")).typedArray(of: Int32.self) == nil)
        #expect(CBOR.tagged(78, .byteString([])).typedArray(of: Int32.self) == [])
    }

    /// `elements` through the one-copy encoder and decoder, on `backend`: the bytes must be
    /// those of the `CBOR` value's encoding, and read back bit for bit.
    private static func roundTrip<Element: CBORTypedArrayElement>(_ elements: [Element], _ backend: CBORBackend) throws {
        var encoder = CBOREncoder()
        encoder.backend = backend
        var decoder = CBORDecoder()
        decoder.backend = backend
        let bytes = encoder.encode(typedArray: elements)
        #expect(bytes == (try encoder.encode(CBOR(typedArray: elements))), "\(Element.self), \(backend)")
        let back = try decoder.decodeTypedArray(of: Element.self, from: bytes)
        #expect(back.count == elements.count, "\(Element.self), \(backend)")
        #expect(back.withUnsafeBytes { Array($0) } == elements.withUnsafeBytes { Array($0) }, "\(Element.self), \(backend)")
    }

    @Test("encode(typedArray:) writes the CBOR value's bytes and decodeTypedArray reads them back, for every element type and length, on both backends")
    func oneCopyRoundTrips() throws {
        // A fixed seed, so that a failure comes back on every run.
        var generator = SplitMix64(state: 8746)
        // Lengths around every width of a byte string head.
        for count in [0, 1, 2, 23, 24, 255, 256, 8_191, 8_192, 70_000] {
            let words = (0..<count).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
            for backend in CBORBackend.allCases {
                try Self.roundTrip(words.map { UInt8(truncatingIfNeeded: $0) }, backend)
                try Self.roundTrip(words.map { UInt16(truncatingIfNeeded: $0) }, backend)
                try Self.roundTrip(words.map { UInt32(truncatingIfNeeded: $0) }, backend)
                try Self.roundTrip(words, backend)
                try Self.roundTrip(words.map { Int8(truncatingIfNeeded: $0) }, backend)
                try Self.roundTrip(words.map { Int16(truncatingIfNeeded: $0) }, backend)
                try Self.roundTrip(words.map { Int32(truncatingIfNeeded: $0) }, backend)
                try Self.roundTrip(words.map { Int64(bitPattern: $0) }, backend)
                // Every bit pattern, NaN payloads and negative zero included.
                try Self.roundTrip(words.map { Float16(bitPattern: UInt16(truncatingIfNeeded: $0)) }, backend)
                try Self.roundTrip(words.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }, backend)
                try Self.roundTrip(words.map { Double(bitPattern: $0) }, backend)
            }
        }
        #expect(CBOREncoder().encode(typedArray: [1.5] as [Double]) == [0xd8, 0x56, 0x48, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f])
        // From memory the caller holds: part of an array, and no memory at all.
        let part = [0.5, 1.5, 2.5].withUnsafeBufferPointer { CBOREncoder().encode(typedArray: UnsafeBufferPointer(rebasing: $0[1...])) }
        #expect(part == CBOREncoder().encode(typedArray: [1.5, 2.5] as [Double]))
        #expect(CBOREncoder().encode(typedArray: UnsafeBufferPointer<Int32>(start: nil, count: 0)) == [0xd8, 0x4e, 0x40])
        #expect(try CBORDecoder().decodeTypedArray(of: Int16.self, from: [0xd8, 0x4d, 0x44, 0xfe, 0xff, 0x01, 0x00]) == [-2, 1])
    }

    @Test("decodeTypedArray reads indefinite-length byte strings and refuses what is not one typed array of its type, with the offset")
    func decodeTypedArrayErrors() throws {
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            // Chunks of 3 and 1 bytes: whole elements only once joined.
            let chunked: [UInt8] = [0xd8, 0x4e, 0x5f, 0x43, 0x01, 0x00, 0x00, 0x41, 0x00, 0xff]
            #expect(try decoder.decodeTypedArray(of: Int32.self, from: chunked) == [1], "\(backend)")
            let cases: [([UInt8], CBORError.Code, Int)] = [
                (CBOREncoder().encode(typedArray: [1.5] as [Double]) + [0x00], .trailingData, 11),
                ([0xd8, 0x56, 0x48, 0, 0, 0], .truncated, 2),
                ([0xd8, 0x55, 0x48] + [UInt8](repeating: 0, count: 8), .invalidTagContent, 0),
                ([0xd8, 0x56, 0x43, 1, 2, 3], .invalidTagContent, 0),
                ([0xd8, 0x56, 0x80], .invalidTagContent, 0),
                ([0x48] + [UInt8](repeating: 0, count: 8), .invalidTagContent, 0),
                ([0xd8, 0x56, 0xd8, 0x56, 0x40], .invalidTagContent, 0),
                ([], .truncated, 0),
            ]
            for (bytes, code, offset) in cases {
                #expect(throws: CBORError(code, offset: offset, ""), "\(bytes), \(backend)") {
                    try decoder.decodeTypedArray(of: Double.self, from: bytes)
                }
            }
            decoder.allowsIndefiniteLength = false
            #expect(throws: CBORError(.indefiniteLengthNotAllowed, offset: 2, ""), "\(backend)") {
                try decoder.decodeTypedArray(of: Int32.self, from: chunked)
            }
        }
    }
}
