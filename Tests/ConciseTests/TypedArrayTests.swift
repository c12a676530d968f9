import Testing
@testable import Concise

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
}
