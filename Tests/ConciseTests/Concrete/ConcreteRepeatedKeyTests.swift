import Concise
import ConcreteJSON
import Testing

/// Repeated keys in objects on both sides of the size where ``TextKeyPositions`` stops scanning
/// and hashes: the answers must be Python's (`json.loads` keeps a key's first position and its
/// last value; keys are equal when their code points are), found here by hand.
@Suite("Concrete JSON and its CBOR: repeated keys in small and large objects")
struct ConcreteRepeatedKeyTests {
    /// `count` keys `k0`…, then "é" precomposed and decomposed, then `k0` and the last `k…`
    /// again: the pairs, in order, with distinct values.
    static func pairs(count: Int) -> [(key: String, value: Int)] {
        var keys = (0..<count).map { "k\($0)" } + ["\u{E9}", "e\u{301}"]
        keys += ["k0", "k\(count - 1)"]
        return keys.enumerated().map { ($1, $0) }
    }

    /// Python's `dict` of `pairs`: each key at its first position with its last value.
    static func pythonDict(_ pairs: [(key: String, value: Int)]) -> [(key: String, value: Int)] {
        var result: [(key: String, value: Int)] = []
        for pair in pairs {
            if let index = result.firstIndex(where: { Array($0.key.utf8) == Array(pair.key.utf8) }) {
                result[index].value = pair.value
            } else {
                result.append(pair)
            }
        }
        return result
    }

    static func json(_ pairs: [(key: String, value: Int)]) -> String {
        "{" + pairs.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    @Test("JSON: the first repeat is an error at its offset, or the last value wins in the first place", arguments: [1, 14, 15, 16, 17, 60, 500])
    func json(count: Int) throws {
        let pairs = Self.pairs(count: count)
        let text = Self.json(pairs)
        var lenient = ConcreteJSONDecoder()
        lenient.rejectsDuplicateKeys = false
        guard case .dict(let object) = try lenient.decode(from: text) else {
            Issue.record("not a dict")
            return
        }
        let expected = Self.pythonDict(pairs)
        #expect(object.entries.map(\.key) == expected.map { .string($0.key) })
        #expect(object.entries.map(\.value) == expected.map { .int(Int64($0.value)) })
        // The first repeat is `k0` after the two spellings of "é" (or the last key, when it
        // is `k0` too).
        let repeatOffset = Array(text.utf8).count - Array(Self.json(Array(pairs.suffix(2))).utf8).count + 1
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONDecoder().decode(from: text) }
        do {
            _ = try ConcreteJSONDecoder().decode(from: text)
        } catch let error as ConcreteJSONError {
            #expect(error.code == .duplicateKey && error.offset == repeatOffset, "\(error)")
        }
    }

    @Test("CBOR: a repeated text key is an error; distinct keys, canonically equivalent ones too, are not", arguments: [1, 16, 17, 500])
    func cbor(count: Int) throws {
        let pairs = Self.pairs(count: count)
        let unique = Array(pairs.dropLast(2))
        func map(_ pairs: [(key: String, value: Int)]) throws -> [UInt8] {
            try CBOR.map(CBORMap(pairs.map { (CBOR.textString($0.key), CBOR(Int64($0.value))) })).encoded()
        }
        guard case .dict(let object) = try ConcreteValue(decodingCBOR: try map(unique)) else {
            Issue.record("not a dict")
            return
        }
        #expect(object.entries.map(\.key) == unique.map { .string($0.key) })
        #expect(throws: ConcreteJSONError.self) { try ConcreteValue(decodingCBOR: try map(pairs)) }
    }
}
