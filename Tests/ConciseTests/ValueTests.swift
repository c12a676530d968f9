import Testing
@testable import Concise

struct ValueTests {
    @Test("literals build the data model")
    func literals() {
        let value: CBOR = ["a": 1, "b": [true, nil, -2, 1.5]]
        #expect(value == .map(CBORMap([
            (.textString("a"), .unsigned(1)),
            (.textString("b"), .array([.boolean(true), .null, .negative(1), .double(1.5)])),
        ])))
        #expect(CBOR(Int64.min) == .negative(UInt64(Int64.max)))
        #expect(CBOR(exactly: UInt64.max) == .unsigned(.max))
        #expect(CBOR(exactly: -1 as Int8) == .negative(0))
    }

    @Test("accessors answer only for their kind")
    func accessors() {
        let value: CBOR = ["n": -5, "list": ["x", .byteString([1])], "f": .half(0.5)]
        #expect(value["n"]?.int64Value == -5)
        #expect(value["n"]?.uint64Value == nil)
        #expect(value["list"]?[0]?.stringValue == "x")
        #expect(value["list"]?[1]?.bytesValue == [1])
        #expect(value["list"]?[2] == nil)
        #expect(value["f"]?.doubleValue == 0.5)
        #expect(CBOR.negative(.max).int64Value == nil)
        #expect(CBOR.negative(UInt64(Int64.max)).int64Value == .min)
        #expect(CBOR.tagged(1, 0).taggedValue?.tag == 1)
    }

    @Test("floats are equal by bit pattern and width")
    func floatEquality() {
        #expect(CBOR.double(.nan) == CBOR.double(.nan))
        #expect(CBOR.double(0.0) != CBOR.double(-0.0))
        #expect(CBOR.half(1) != CBOR.double(1))
        #expect(CBOR.float(Float(bitPattern: 0x7fc0_0000)) != CBOR.float(Float(bitPattern: 0x7fc0_0001)))
        let set: Set<CBOR> = [.double(.nan), .double(.nan), .double(0), .double(-0.0)]
        #expect(set.count == 3)
    }

    @Test("text compares by scalars, not canonical equivalence")
    func textEquality() {
        #expect(CBOR.textString("\u{e9}") != CBOR.textString("e\u{301}"))
        #expect(Set<CBOR>([.textString("\u{e9}"), .textString("e\u{301}")]).count == 2)
    }

    @Test("maps keep order and duplicates; lookups see the last value")
    func maps() {
        var map: CBORMap = ["b": 1, "a": 2, "b": 3]
        #expect(map.count == 3)
        #expect(map["b"] == 3)
        #expect(map.hasDuplicateKeys)
        map["c"] = 4
        map["a"] = 5
        #expect(map.keys == ["b", "a", "b", "c"])
        #expect(map.values == [1, 5, 3, 4])
        map["b"] = nil
        #expect(map.keys == ["a", "c"])
        #expect(CBOR.map(["x": 1, "y": 2]) != CBOR.map(["y": 2, "x": 1]))
    }

    static let diagnosticCases: [(CBOR, String)] = [
        (CBOR.unsigned(.max), "18446744073709551615"), (.negative(.max), "-18446744073709551616"),
        (.negative(0), "-1"), (.byteString([0x01, 0xab]), "h'01ab'"), (.textString("a\"\\\n\u{1}é"), "\"a\\\"\\\\\\n\\u0001é\""),
        (.double(1e300), "1.0e+300"), (.half(Float16(bitPattern: 1)), "5.960464477539063e-8"),
        (.double(-4.1), "-4.1"), (.double(100), "100.0"), (.float(.infinity), "Infinity"),
        (.half(-.infinity), "-Infinity"), (.double(.nan), "NaN"), (.double(-0.0), "-0.0"),
        (.simple(16), "simple(16)"), (.undefined, "undefined"), (.tagged(1, 1363896240), "1(1363896240)"),
        (["a": [1, .tagged(2, .byteString([1]))], 1: [:]], "{\"a\": [1, 2(h'01')], 1: {}}"),
        ([[], [[]]], "[[], [[]]]"),
    ]

    @Test("diagnostic notation (RFC 8949 §8)", arguments: diagnosticCases)
    func diagnostics(value: CBOR, text: String) {
        #expect(value.diagnosticDescription == text)
        #expect(value.description == text)
    }

    @Test("sequences are read item by item (RFC 8742)")
    func sequences() throws {
        let bytes = [UInt8](hex: "01 8102 a0 f6")
        #expect(try CBORDecoder().decodeSequence(from: bytes) == [1, [2], [:], nil])
        var reader = CBORSequenceReader(bytes: bytes + [0x18])
        #expect(try reader.next() == 1)
        #expect(reader.offset == 1)
        _ = try reader.next(); _ = try reader.next(); _ = try reader.next()
        #expect(throws: CBORError(.truncated, offset: 5, "")) { try reader.next() }
        #expect(try CBORDecoder().decodeSequence(from: []) == [])
        let first = try CBORDecoder().decodeFirstValue(from: bytes)
        #expect(first.value == 1 && first.byteCount == 1)
    }
}
