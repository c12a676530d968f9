import Testing
@testable import Concise

/// Maps on both sides of the size where Codable stops comparing keys one by one and hashes
/// them: decoding (``CodableMapKeyIndex``) must find the last matching entry, found here by hand
/// in the map's list of entries; encoding must find repeated keys, in the streaming encoder and
/// in the tree it falls back to.
@Suite("Codable maps of few and many keys")
struct CodableLargeMapTests {
    /// A map key as written: text (definite or in two chunks) or an integer.
    enum WrittenKey {
        case text(String)
        case chunkedText(String, String)
        case integer(Int)

        /// Whether the coding key `key` names this map key: the same UTF-8 bytes, or the same
        /// integer.
        func matches(_ key: AnyKey) -> Bool {
            switch self {
            case .text(let text): return Array(text.utf8) == Array(key.stringValue.utf8)
            case .chunkedText(let first, let second): return Array((first + second).utf8) == Array(key.stringValue.utf8)
            case .integer(let integer): return key.intValue == integer
            }
        }
    }

    /// A coding key with a string and possibly an integer.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            stringValue = String(intValue)
            self.intValue = intValue
        }
    }

    /// The value of every wanted key, and which keys the container lists.
    struct Lookups: Decodable {
        static let wanted: [AnyKey] = [
            AnyKey(stringValue: "k1"), AnyKey(stringValue: "k2"), AnyKey(stringValue: "\u{E9}"),
            AnyKey(stringValue: "e\u{301}"), AnyKey(intValue: 5), AnyKey(intValue: -3), AnyKey(stringValue: "chunked"),
            AnyKey(stringValue: "absent"), AnyKey(intValue: 7), AnyKey(stringValue: "K1"),
        ]
        var found: [Int?]
        var contained: [Bool]
        var listed: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            found = try Self.wanted.map { try container.decodeIfPresent(Int.self, forKey: $0) }
            contained = Self.wanted.map(container.contains)
            listed = container.allKeys.count
        }
    }

    /// Bytes of a map of `keys`, the value of each its position.
    static func encodedMap(_ keys: [WrittenKey]) -> [UInt8] {
        func head(_ major: UInt8, _ argument: Int) -> [UInt8] {
            argument < 24 ? [major << 5 | UInt8(argument)] : [major << 5 | 25, UInt8(argument >> 8), UInt8(argument & 0xff)]
        }
        func text(_ text: String) -> [UInt8] { head(3, text.utf8.count) + Array(text.utf8) }
        var bytes = head(5, keys.count)
        for (position, key) in keys.enumerated() {
            switch key {
            case .text(let value): bytes += text(value)
            case .chunkedText(let first, let second): bytes += [0x7f] + text(first) + text(second) + [0xff]
            case .integer(let integer): bytes += integer < 0 ? head(1, -1 - integer) : head(0, integer)
            }
            bytes += head(0, position)
        }
        return bytes
    }

    @Test("the last matching key wins, bytes decide between canonically equivalent keys, integers match intValue", arguments: [0, 6, 7, 40, 300])
    func lookups(filler: Int) throws {
        // Ten keys besides the filler: 16 in all (scanned) for 6, 17 (indexed) for 7.
        var keys: [WrittenKey] = [.text("k1"), .integer(5), .text("\u{E9}"), .chunkedText("chun", "ked"), .integer(-3)]
        keys += (0..<filler).map { WrittenKey.text("filler\($0)") }
        keys += [.text("e\u{301}"), .text("5"), .text("k1"), .text("k2"), .integer(5)]
        let expected = Lookups.wanted.map { wanted in keys.lastIndex { $0.matches(wanted) } }
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            let lookups = try decoder.decode(Lookups.self, from: Self.encodedMap(keys))
            #expect(lookups.found == expected, "\(keys.count) keys, \(backend)")
            #expect(lookups.contained == expected.map { $0 != nil })
            #expect(lookups.listed == keys.count)
        }
        // Those answers, spelled out for the keys around the filler.
        #expect(expected[0] == keys.count - 3)  // "k1" twice: the last
        #expect(expected[2] != expected[3])  // "é" precomposed and decomposed are two keys
        #expect(expected[4] == keys.count - 1)  // 5 after "5": the integer
        #expect(expected[6] == 3 && expected[7] == nil && expected[9] == nil)
    }

    @Test("a dictionary of many entries decodes whole, repeated keys keeping their last value")
    func largeDictionary() throws {
        let keys = (0..<5_000).map { WrittenKey.text("key \($0 % 4_000)") }
        let decoded = try CBORDecoder().decode([String: Int].self, from: Self.encodedMap(keys))
        #expect(decoded.count == 4_000)
        #expect(decoded["key 0"] == 4_000 && decoded["key 999"] == 4_999 && decoded["key 1000"] == 1_000)
        let integers = try CBORDecoder().decode([Int: Int].self, from: Self.encodedMap((0..<100).map { .integer($0 - 50) }))
        #expect(integers == Dictionary(uniqueKeysWithValues: (0..<100).map { ($0 - 50, $0) }))
    }

    /// `count` keys `key0`…, then "é" precomposed and decomposed, then `key1` again when
    /// `repeats`.
    struct Rewrites: Encodable {
        let count: Int
        let repeats: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            for index in 0..<count { try container.encode(index, forKey: AnyKey(stringValue: "key\(index)")) }
            try container.encode(-1, forKey: AnyKey(stringValue: "\u{E9}"))
            try container.encode(-2, forKey: AnyKey(stringValue: "e\u{301}"))
            if repeats { try container.encode(100, forKey: AnyKey(stringValue: "key1")) }
        }

        /// The map it must give: a repeated key's last value in its first place; the two
        /// spellings of "é" are two keys, as their bytes differ.
        var expected: CBOR {
            var entries = (0..<count).map { (key: CBOR.textString("key\($0)"), value: CBOR(Int64(repeats && $0 == 1 ? 100 : $0))) }
            entries += [(.textString("\u{E9}"), CBOR(Int64(-1))), (.textString("e\u{301}"), CBOR(Int64(-2)))]
            return .map(CBORMap(entries))
        }
    }

    @Test("encoding finds repeated keys by bytes, streaming or through the tree", arguments: [2, 14, 15, 16, 40, 300])
    func repeatedKeys(count: Int) throws {
        for repeats in [false, true] {
            let value = Rewrites(count: count, repeats: repeats)
            for backend in CBORBackend.allCases {
                var encoder = CBOREncoder()
                encoder.backend = backend
                #expect(try encoder.encode(value) == value.expected.encoded(), "\(count) keys, repeats: \(repeats), \(backend)")
            }
        }
    }

    @Test("a dictionary of many entries encodes whole and decodes back")
    func largeDictionaryRoundTrip() throws {
        let dictionary = Dictionary(uniqueKeysWithValues: (0..<3_000).map { ("key \($0)", $0) })
        let bytes = try CBOREncoder().encode(dictionary)
        #expect(Array(bytes.prefix(3)) == [0xb9, 0x0b, 0xb8])
        #expect(try CBORDecoder().decode([String: Int].self, from: bytes) == dictionary)
        guard case .map(let map) = try CBOR(decoding: bytes) else {
            Issue.record("not a map")
            return
        }
        #expect(Set(map.keys) == Set(dictionary.keys.map(CBOR.textString)) && !map.hasDuplicateKeys)
    }
}
