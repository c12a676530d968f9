import OrderedCollections
import Testing
@testable import Concise

/// Decoded records share one key storage, and `encode(any:)` writes a map whose keys are that
/// very storage from the bytes it wrote for them last time. The bytes must be exactly those of
/// encoding every key, under every option that can change how a key encodes.
struct EncodedKeyRunTests {
    /// `count` records as cbor2 writes them, nested maps and a key that is not ASCII included,
    /// then 32 bytes, so that every key has the 16 readable bytes the short-key path needs.
    private static func records(_ count: Int) throws -> [UInt8] {
        let records: [CBOR] = (0..<count).map { index in
            [
                "id": CBOR(Int64(index)), "name": .textString("n\(index)"), "größe": 1.5,
                "inner": ["k": CBOR(Int64(index)), "l": .null], "tags": ["a", "b"],
            ]
        }
        return try CBOR.array(records + [.byteString([UInt8](repeating: 0, count: 32))]).encoded()
    }

    /// The same records built by hand, each map with keys of its own, and the 32 bytes.
    private static func builtRecords(_ count: Int) -> [Any] {
        (0..<count).map { index -> Any in
            var inner = OrderedDictionary<AnyHashable, Any>()
            inner[AnyHashable(String("k"))] = index
            inner[AnyHashable(String("l"))] = DynamicDecoder.null
            var record = OrderedDictionary<AnyHashable, Any>()
            for (key, value) in [("id", index as Any), ("name", "n\(index)"), ("größe", 1.5), ("inner", inner), ("tags", ["a", "b"] as [Any])] {
                record[AnyHashable(String(key))] = value
            }
            return record
        } + [[UInt8](repeating: 0, count: 32)]
    }

    private static let options: [(String, @Sendable (inout CBOREncoder) -> Void)] = [
        ("plain", { _ in }),
        ("string references", { $0.stringReferencing = true }),
        ("value sharing", { $0.valueSharing = true }),
        ("indefinite containers", { $0.indefiniteContainers = true }),
        ("canonical", { $0.canonical = true }),
        ("a String encoder", { $0.register(String.self) { writer, text in writer.encodeString(text.uppercased()) } }),
    ]

    @Test("decoded records encode to the bytes of records with keys of their own, under every option, on both backends")
    func sameBytes() throws {
        let bytes = try Self.records(20)
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            let decoded = try decoder.decode(from: bytes)
            let maps = try #require(decoded as? [Any]).compactMap { $0 as? OrderedDictionary<AnyHashable, Any> }
            // The decoder shared the keys, so the encoder's key runs are used.
            #expect(Set(maps.map { $0.keys.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }).count == 1)
            for (label, configure) in Self.options {
                var encoder = CBOREncoder()
                encoder.backend = backend
                configure(&encoder)
                let fromDecoded = try encoder.encode(any: decoded)
                let fromBuilt = try encoder.encode(any: Self.builtRecords(20))
                #expect(fromDecoded == fromBuilt, "\(backend), \(label)")
                if label == "plain" {
                    // cbor2's own bytes back.
                    #expect(fromDecoded == bytes, "\(backend)")
                }
                if label == "a String encoder" {
                    // Every key upper-cased, and every text value.
                    let first = try #require((try CBOR(decoding: fromBuilt)).arrayValue?.first?.mapValue)
                    #expect(first.keys == ["ID", "NAME", "GRÖSSE", "INNER", "TAGS"], "\(backend)")
                    #expect(first["NAME"] == "N0" && first["TAGS"] == ["A", "B"], "\(backend)")
                    #expect(first["INNER"]?.mapValue?.keys == ["K", "L"], "\(backend)")
                }
            }
        }
    }

    /// A set member that its encoder writes as one of the records.
    private struct Member: Hashable {
        let index: Int
    }

    @Test("records a set member's encoder writes apart from the output leave the output's key runs as they were")
    func writtenApart() throws {
        let decoded = try #require(try CBORDecoder().decode(from: Self.records(4)) as? [Any])
        let built = Self.builtRecords(4)
        for nesting in 0..<4 {
            func nested(_ value: Any) -> Any { (0..<nesting).reduce(value) { inner, _ in [inner] as [Any] } }
            // The records before and after the set, at each depth in turn: one of them is the
            // depth at which the member's encoder writes its record, in the set's own output.
            func encoded(_ records: [Any]) throws -> [UInt8] {
                var encoder = CBOREncoder()
                // Only this test's thread reads them.
                nonisolated(unsafe) let members = records
                encoder.defaultEncoder = { writer, value in
                    guard let member = value as? Member else { throw CBORError(.noEncoderForType, "not a member") }
                    try writer.encode(members[member.index])
                }
                let value: [Any] = [nested(records[0]), Set([AnyHashable(Member(index: 1))]), nested(records[2]), nested(records[3])]
                return try encoder.encode(any: value)
            }
            #expect(try encoded(decoded) == encoded(built), "nested \(nesting) deep")
        }
    }

    @Test("records inside Swift dictionaries, whose entries are written and then moved into order, leave no key run behind them")
    func insideDictionariesPutInOrder() throws {
        let decoded = try #require(try CBORDecoder().decode(from: Self.records(12)) as? [Any])
        let built = Self.builtRecords(12)
        // Each dictionary is written in its hash table's order and its entries then moved into
        // canonical order, moving records whose keys the next dictionary's records copy.
        func dictionaries(_ records: [Any]) -> [[String: Any]] {
            (0..<4).map { index -> [String: Any] in
                let first: Any = records[3 * index]
                let second: Any = records[3 * index + 1]
                let third: [Any] = [records[3 * index + 2]]
                return ["zz": first, "a": second, "mmm": third]
            }
        }
        // The same with integer keys, which take a path of their own.
        func integerKeyed(_ records: [Any]) -> [[Int: Any]] {
            dictionaries(records).map { dictionary in
                [1_000: dictionary["zz"] ?? 0, -5: dictionary["a"] ?? 0, 7: dictionary["mmm"] ?? 0, 30: 0]
            }
        }
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            #expect(try encoder.encode(any: dictionaries(decoded)) == encoder.encode(any: dictionaries(built)), "\(backend)")
            #expect(try encoder.encode(any: integerKeyed(decoded)) == encoder.encode(any: integerKeyed(built)), "\(backend)")
        }
    }

    /// A one-entry map with a text key inside `levels` arrays: the map is at depth `levels + 1`,
    /// its key and value one deeper.
    private static func nested(_ levels: Int) -> Any {
        var value: Any = ["k": "v"] as OrderedDictionary<AnyHashable, Any>
        for _ in 0..<levels { value = [value] as [Any] }
        return value
    }

    @Test("encode(any:) writes a map whose entries are CBORWriter.maxDepth deep, and refuses one level more")
    func mapAtTheDepthLimit() throws {
        let limit = CBORWriter.maxDepth
        let outcomes = try #require(onLargeStack {
            [limit - 2, limit - 1].map { levels in Result { try CBOREncoder().encode(any: Self.nested(levels)) } }
        })
        let written = try #require(outcomes.first).get()
        #expect(written == [UInt8](repeating: 0x81, count: limit - 2) + [0xa1, 0x61, 0x6b, 0x61, 0x76])
        #expect(throws: CBORError(.depthLimitExceeded, "")) { try outcomes.last?.get() }
    }

    @Test("one dictionary written twice, and keys that are not all strings, encode as each key alone")
    func sharedByTheCaller() throws {
        let texts: OrderedDictionary<AnyHashable, Any> = ["a": 1, "b": [1, 2]]
        let mixed: OrderedDictionary<AnyHashable, Any> = ["a": 1, 2: "b"]
        let value: [Any] = [texts, texts, mixed, mixed, texts]
        let expected = try CBOR.array([
            ["a": 1, "b": [1, 2]], ["a": 1, "b": [1, 2]],
            .map(CBORMap([(key: "a", value: 1), (key: 2, value: "b")])), .map(CBORMap([(key: "a", value: 1), (key: 2, value: "b")])),
            ["a": 1, "b": [1, 2]],
        ]).encoded()
        #expect(try CBOREncoder().encode(any: value) == expected)
    }
}
