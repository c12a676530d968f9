import OrderedCollections
import Testing
@testable import Concise

struct EncodingTests {
    static func encode(_ value: CBOR, _ configure: (inout CBOREncoder) -> Void = { _ in }) throws -> [String] {
        try CBORBackend.allCases.map { backend in
            var encoder = CBOREncoder()
            encoder.backend = backend
            configure(&encoder)
            return try encoder.encode(value).hex
        }
    }

    static let headCases: [(CBOR, String)] = [
        (CBOR.unsigned(0), "00"), (.unsigned(23), "17"), (.unsigned(24), "1818"), (.unsigned(255), "18ff"),
        (.unsigned(256), "190100"), (.unsigned(65535), "19ffff"), (.unsigned(65536), "1a00010000"),
        (.unsigned(4_294_967_295), "1affffffff"), (.unsigned(4_294_967_296), "1b0000000100000000"),
        (.unsigned(.max), "1bffffffffffffffff"), (.negative(0), "20"), (.negative(23), "37"),
        (.negative(24), "3818"), (.negative(.max), "3bffffffffffffffff"),
        (.tagged(23, 0), "d700"), (.tagged(24, 0), "d81800"), (.tagged(.max, 0), "dbffffffffffffffff00"),
        (.simple(0), "e0"), (.simple(19), "f3"), (.simple(32), "f820"), (.simple(255), "f8ff"),
        (.boolean(false), "f4"), (.boolean(true), "f5"), (.null, "f6"), (.undefined, "f7"),
        (.byteString([]), "40"), (.byteString(Array(repeating: 7, count: 24)), "5818" + String(repeating: "07", count: 24)),
        (.textString("ü"), "62c3bc"), (.array([]), "80"), (.map([:]), "a0"),
    ]

    @Test("heads take their shortest form at every boundary (RFC 8949 §4.2.1)", arguments: headCases)
    func preferredHeads(value: CBOR, hex: String) throws {
        #expect(try Self.encode(value) == [hex, hex])
    }

    @Test("large strings under tags are their heads, then the payload",
          arguments: [4096, ByteWriter.largeWrite - 1, ByteWriter.largeWrite, ByteWriter.largeWrite + 70_000])
    func largeStrings(length: Int) throws {
        func head(major: UInt8, _ count: Int) -> [UInt8] {
            count < 0x10000
                ? [major << 5 | 25, UInt8(count >> 8), UInt8(count & 0xff)]
                : [major << 5 | 26, UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
        }
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let text = String(repeating: "é", count: length / 2)  // two UTF-8 bytes each
        let cases: [(CBOR, [UInt8])] = [
            (.byteString(payload), head(major: 2, length) + payload),
            (.tagged(86, .byteString(payload)), [0xd8, 86] + head(major: 2, length) + payload),
            (.tagged(1000, .tagged(55799, .byteString(payload))), [0xd9, 0x03, 0xe8, 0xd9, 0xd9, 0xf7] + head(major: 2, length) + payload),
            (.tagged(6, .textString(text)), [0xc6] + head(major: 3, text.utf8.count) + Array(text.utf8)),
        ]
        for (value, expected) in cases {
            for (label, encoded) in try encodingsWithEveryBackend(value) {
                #expect(encoded == expected, "\(label), \(Array(expected.prefix(8)).hex)")
            }
        }
    }

    @Test("strings of every short length are copied whole, in maps and arrays", arguments: 0...40)
    func shortStrings(length: Int) throws {
        let text = String((0..<length).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 200 &+ $0) }
        let head: (UInt8) -> [UInt8] = { major in length < 24 ? [major << 5 | UInt8(length)] : [major << 5 | 24, UInt8(length)] }
        let value: CBOR = .array([.textString(text), .map([.textString(text): .byteString(bytes)])])
        let expected = [0x82] + head(3) + Array(text.utf8) + [0xa1] + head(3) + Array(text.utf8) + head(2) + bytes
        #expect(try Self.encode(value) == [expected.hex, expected.hex])
    }

    @Test("writes of a megabyte and more, between small ones, keep every byte in order")
    func largeWritesAmongSmallOnes() throws {
        let first = (0..<(ByteWriter.largeWrite + 123)).map { UInt8(truncatingIfNeeded: $0 % 253) }
        let second = (0..<(2 * ByteWriter.largeWrite)).map { UInt8(truncatingIfNeeded: $0 % 241) }
        func head(major: UInt8, _ count: Int) -> [UInt8] {
            [major << 5 | 26, UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
        }
        let expected: [UInt8] = [0x85] + head(major: 2, first.count) + first + [0x01, 0x61, 0x78]
            + [0xa1, 0x61, 0x6b] + head(major: 2, second.count) + second + [0x18, 0x2a]
        let value: CBOR = [.byteString(first), 1, "x", ["k": .byteString(second)], 42]
        #expect(try Self.encode(value) == [expected.hex, expected.hex])
        let dynamic: [Any] = [first, 1, "x", OrderedDictionary<AnyHashable, Any>(uniqueKeysWithValues: [("k", second as Any)]), 42]
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            #expect(try encoder.encode(any: dynamic) == expected, "backend \(backend)")
        }
    }

    @Test("an output that grows past each capacity it takes keeps every byte, on every path and backend",
          arguments: [6, 7, 28, 29, 113, 114, 454, 455, 1819, 1820, 7281, 7282, 29_126, 29_127])
    func growingOutput(count: Int) throws {
        // 9 bytes a double after a 1-, 2- or 3-byte head: the storage starts at 64 bytes and
        // grows fourfold, so each pair of counts fills one capacity, then passes it.
        let doubles = (0..<count).map { Double($0) * 1.25 - 3 }
        let head: [UInt8] = count < 24 ? [0x80 | UInt8(count)]
            : count < 256 ? [0x98, UInt8(count)] : [0x99, UInt8(count >> 8), UInt8(count & 0xff)]
        let expected = head + doubles.flatMap { [0xfb] + withUnsafeBytes(of: $0.bitPattern.bigEndian, Array.init) }
        #expect(try Self.encode(.array(doubles.map(CBOR.double))) == [expected.hex, expected.hex])
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            #expect(try encoder.encode(any: doubles as [Any]) == expected, "backend \(backend)")
            #expect(try encoder.encode(doubles) == expected, "Codable, backend \(backend)")
        }
    }

    @Test("floats keep their width and bits unless canonical")
    func floatsKeepWidth() throws {
        #expect(try Self.encode(.double(1.5)) == ["fb3ff8000000000000", "fb3ff8000000000000"])
        #expect(try Self.encode(.float(1.5)) == ["fa3fc00000", "fa3fc00000"])
        #expect(try Self.encode(.half(1.5)) == ["f93e00", "f93e00"])
        let payloadNaN = CBOR.half(Float16(bitPattern: 0x7e01))
        #expect(try Self.encode(payloadNaN) == ["f97e01", "f97e01"])
        #expect(try Self.encode(.float(Float(bitPattern: 0x7fc0_0001))) == ["fa7fc00001", "fa7fc00001"])
        #expect(try Self.encode(.double(-0.0)) == ["fb8000000000000000", "fb8000000000000000"])
    }

    static let canonicalFloatCases: [(CBOR, String)] = [
        (CBOR.double(0.0), "f90000"), (.double(-0.0), "f98000"), (.double(1.5), "f93e00"),
        (.double(65504), "f97bff"), (.double(65505), "fa477fe100"), (.double(100_000), "fa47c35000"),
        (.double(1.1), "fb3ff199999999999a"), (.double(5.960464477539063e-8), "f90001"),
        (.double(.infinity), "f97c00"), (.double(-.infinity), "f9fc00"), (.double(.nan), "f97e00"),
        (.float(Float(bitPattern: 0x7fc0_0001)), "f97e00"), (.float(3.4028234663852886e+38), "fa7f7fffff"),
        (.double(1e300), "fb7e37e43c8800759c"), (.half(Float16(bitPattern: 0x7e01)), "f97e00"),
    ]

    @Test("canonical floats are the shortest exact width; every NaN is f97e00", arguments: canonicalFloatCases)
    func canonicalFloats(value: CBOR, hex: String) throws {
        #expect(try Self.encode(value) { $0.canonical = true } == [hex, hex])
    }

    @Test("canonical map order: length-first (cbor2) and bytewise (RFC 8949 §4.2.1)")
    func canonicalOrder() throws {
        let map: CBOR = [100: 1, -1: 2, "z": 3, "aa": 4, .byteString([]): 5, 10: 6]
        // length-first: the one-byte keys 0a 20 40, then 1864 617a, then 626161.
        #expect(try Self.encode(map) { $0.canonical = true } == Array(repeating: "a6 0a06 2002 4005 186401 617a03 62616104".filter { $0 != " " }, count: 2))
        // bytewise: 0a < 1864 < 20 < 40 < 617a < 626161.
        #expect(try Self.encode(map) {
            $0.canonical = true
            $0.keyOrder = .bytewise
        } == Array(repeating: "a6 0a06 186401 2002 4005 617a03 62616104".filter { $0 != " " }, count: 2))
        // Without canonical the insertion order stays.
        #expect(try Self.encode([2: 0, 1: 0]) == ["a2 0200 0100".filter { $0 != " " }, "a2 0200 0100".filter { $0 != " " }])
    }

    @Test("canonical maps never repeat a key: the last value, as lookups and cbor2's dict keep it")
    func canonicalRepeatedKeys() throws {
        // {1: "a", 2: "b", 1: "c"}: cbor2.dumps(cbor2.loads(...), canonical=True) is a2 01 6163 02 6162.
        let repeated = CBOR.map(CBORMap([(1, "a"), (2, "b"), (1, "c")]))
        #expect(try Self.encode(repeated) { $0.canonical = true } == ["a2016163026162", "a2016163026162"])
        #expect(try Self.encode(repeated) == ["a3016161026162016163", "a3016161026162016163"])
        // Also deep enough for the iterative writer, and under indefinite lengths.
        var deep = repeated
        for _ in 0..<600 { deep = [deep] }
        let expected = String(repeating: "81", count: 600) + "a2016163026162"
        #expect(try Self.encode(deep) { $0.canonical = true } == [expected, expected])
        #expect(try Self.encode(repeated) {
            $0.canonical = true
            $0.indefiniteContainers = true
        } == ["bf016163026162ff", "bf016163026162ff"])
    }

    @Test("a canonical map that drops a repeated key gets the shorter head of the entries it keeps")
    func canonicalRepeatedKeysShortenTheHead() throws {
        // 24 entries (head b8 18), key 0 twice: 23 kept (head b7), the last value of key 0.
        let entries: [(CBOR, CBOR)] = [(0, "first")] + (1...22).map { (CBOR.unsigned($0), CBOR.unsigned($0)) } + [(0, "last")]
        let expected = "b7 00 646c617374".filter { $0 != " " } + (1...22).map { String(format: "%02x%02x", $0, $0) }.joined()
        #expect(try Self.encode(.map(CBORMap(entries))) { $0.canonical = true } == [expected, expected])
    }

    @Test("repeated keys at every level of a deep canonical map: each entry written once")
    func canonicalRepeatedKeysNested() throws {
        // {1: "a", 2: {1: "a", 2: …, 1: "c"}, 1: "c"}, 40 levels: writing a level again for its
        // repeated key wrote the innermost 2^40 times.
        var value: CBOR = 0
        var expected = "00"
        for _ in 0..<40 {
            value = .map(CBORMap([(1, "a"), (2, value), (1, "c")]))
            expected = "a2 016163 02".filter { $0 != " " } + expected
        }
        #expect(try Self.encode(value) { $0.canonical = true } == [expected, expected])
    }

    @Test("canonical bignums take their preferred serialization: no leading zeros, and a plain integer when one fits")
    func canonicalBignums() throws {
        // cbor2.dumps(cbor2.loads(x), canonical=True) for each x.
        for (hex, expected) in [("c248ffffffffffffffff", "1bffffffffffffffff"), ("c24b0000010000000000000000", "c249010000000000000000"),
                                ("c349010000000000000000", "c349010000000000000000"), ("c34900ffffffffffffffff", "3bffffffffffffffff"),
                                ("c240", "00"), ("c340", "20"), ("a2c2410a01c240 02".filter { $0 != " " }, "a200020a01")] {
            let value = try CBOR(decoding: [UInt8](hex: hex))
            #expect(try Self.encode(value) { $0.canonical = true } == [expected, expected], "\(hex)")
            #expect(try Self.encode(value) == [hex, hex], "\(hex) is kept as it is outside canonical form")
        }
    }

    @Test("canonical order refuses to move map entries in a value with string or shared references")
    func canonicalOrderKeepsReferences() throws {
        // 256({"zzzzzz": 1, "abc": 25(0)}): sorted, "abc" would be string 0 and the reference
        // would read "abc" (silently, until this was refused); the same for shared values.
        for hex in ["d90100a2667a7a7a7a7a7a0163616263d81900", "d90100a2657a7a7a7a7a657979797979d81901d81900",
                    "a2820102d81c810101d81d00"] {
            let value = try CBOR(decoding: [UInt8](hex: hex))
            for backend in CBORBackend.allCases {
                var encoder = CBOREncoder()
                encoder.backend = backend
                encoder.canonical = true
                #expect(throws: CBORError.self) { try encoder.encode(value) }
                encoder.canonical = false
                #expect(try encoder.encode(value).hex == hex)
            }
        }
        // Already in canonical order: written as it is.
        let inOrder = "d90100a263616263d819006679797979797901"
        #expect(try Self.encode(try CBOR(decoding: [UInt8](hex: inOrder))) { $0.canonical = true } == [inOrder, inOrder])
        // The same below the writer's recursion limit, where it keeps an explicit stack.
        var deep = try CBOR(decoding: [UInt8](hex: "a2820102d81c810101d81d00"))
        for _ in 0..<60 { deep = [deep] }
        #expect(throws: CBORError.self) { try Self.encode(deep) { $0.canonical = true } }
    }

    @Test("indefinite containers, also empty and nested")
    func indefiniteContainers() throws {
        let value: CBOR = [1, [], ["a": [:]]]
        #expect(try Self.encode(value) { $0.indefiniteContainers = true } == Array(repeating: "9f 01 9fff bf 6161 bfff ff ff".filter { $0 != " " }, count: 2))
        #expect(try CBOR(decoding: [UInt8](hex: "9f019fffbf6161bfffffff")) == value)
    }

    @Test("simple values 24 to 31 have no encoding")
    func reservedSimpleValues() {
        for simple in UInt8(24)...31 {
            #expect(throws: CBORError(.unsupportedValue, offset: nil, "")) {
                try CBOR.simple(simple).encoded()
            }
        }
    }

    static let deepLevels = CBORDecoder.maxDepthCeiling

    @Test("a value nested as deep as the ceiling encodes, prints and decodes within a raised limit")
    func deepValue() throws {
        var value: CBOR = 0
        for _ in 0..<Self.deepLevels { value = [value] }
        let bytes = try value.encoded()
        #expect(bytes.count == Self.deepLevels + 1)
        #expect(value.diagnosticDescription.count == 2 * Self.deepLevels + 1)
        var decoder = CBORDecoder()
        decoder.maxDepth = Self.deepLevels
        #expect(try decoder.decodeValue(from: bytes) == value)
        decoder.maxDepth = Self.deepLevels - 1
        #expect(throws: CBORError(.depthLimitExceeded, offset: Self.deepLevels, "")) { try decoder.decodeValue(from: bytes) }
        decoder.maxDepth = .max
        #expect(throws: CBORError(.depthLimitExceeded, offset: Self.deepLevels + 1, "")) { try decoder.decodeValue(from: [0x81] + bytes) }
    }
}
