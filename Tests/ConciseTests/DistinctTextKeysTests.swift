import OrderedCollections
import Testing
@testable import Concise

/// ``DistinctTextKeys`` compares short ASCII keys by their bytes on a stack of words, and every
/// other key as a `String`: a run must end at the first key `String` holds equal to an earlier
/// one, however it is spelled, and runs of maps nested in its values must not disturb it.
struct DistinctTextKeysTests {
    /// Inserts `keys` in turn, each as the one-pass decoder does (short ones with their bytes,
    /// padded so that 16 are readable); the results.
    private static func insert(_ keys: [String], into texts: inout DistinctTextKeys, words: inout [UInt64]) -> [Bool] {
        keys.map { key in
            let bytes = Array(key.utf8)
            let padded = bytes + [UInt8](repeating: 0xff, count: 16)
            return padded.withUnsafeBufferPointer { buffer in
                let short = bytes.count < 16 ? UnsafeBufferPointer(rebasing: buffer[..<bytes.count]) : nil
                return texts.insert(key, shortBytes: short, words: &words)
            }
        }
    }

    @Test("repeats are found by bytes among short ASCII keys, and by canonical equivalence from the first other key on",
          arguments: [
              (["id", "name", "score", "name"], [true, true, true, false]),
              (["a", "b", "a\u{0}"], [true, true, true]),
              (["fifteen-bytes-x", "fifteen-bytes-y", "fifteen-bytes-x"], [true, true, false]),
              // KELVIN SIGN is canonically "K": after short ASCII keys, and before.
              (["J", "K", "\u{212A}"], [true, true, false]),
              (["\u{212A}", "J", "K"], [true, true, false]),
              // GREEK QUESTION MARK is canonically ";".
              ([";", "\u{37E}"], [true, false]),
              (["\u{e9}", "e\u{301}"], [true, false]),
              // A key of 16 bytes or more is compared as a string, with the short ones before it.
              (["short", "a-key-of-sixteen", "short"], [true, true, false]),
              (["a-key-of-sixteen", "a-key-of-sixteen"], [true, false]),
          ])
    func repeats(keys: [String], expected: [Bool]) {
        var words: [UInt64] = []
        var texts = DistinctTextKeys(count: keys.count, reserving: keys.count, words: words)
        #expect(Self.insert(keys, into: &texts, words: &words) == expected)
        // The general path's strings alone agree.
        var plain = DistinctTextKeys(count: keys.count, reserving: keys.count)
        #expect(keys.map { plain.insert($0) } == expected)
    }

    @Test("a run nested in another keeps its keys above the outer run's, and takes them off at its end")
    func nestedRuns() {
        var words: [UInt64] = []
        var outer = DistinctTextKeys(count: 4, reserving: 4, words: words)
        #expect(Self.insert(["a", "b"], into: &outer, words: &words) == [true, true])
        var inner = DistinctTextKeys(count: 3, reserving: 3, words: words)
        // The inner run does not see the outer keys.
        #expect(Self.insert(["a", "c", "c"], into: &inner, words: &words) == [true, true, false])
        inner.end(words: &words)
        #expect(words.count == 4)
        // The outer run sees its own keys only.
        #expect(Self.insert(["c", "a"], into: &outer, words: &words) == [true, false])
        outer.end(words: &words)
        #expect(words.isEmpty)
    }

    /// Maps long enough that every key has 16 readable bytes after it, which the short-key path
    /// needs: an array of the map and then padding.
    private static func padded(_ map: String) -> [UInt8] {
        [UInt8](hex: "82" + map + "58" + "20" + String(repeating: "00", count: 32))
    }

    @Test("decoded maps: equivalent keys are one key, the last value wins, and refusing repeats refuses them, on every path",
          arguments: [
              // {"K": 1, "\u{212A}": 2}: one key, as first spelled.
              ("a2614b0163e284aa02", ["K"], 2),
              // {"\u{212A}": 1, "K": 2}
              ("a263e284aa01614b02", ["\u{212A}"], 2),
              // {"a": {"a": 1, "b": 2}, "b": {"b": 3, "a": 0}, "a": 4}: runs nested in the run's values.
              ("a3" + "6161" + "a2616101616202" + "6162" + "a2616203616100" + "6161" + "04", ["a", "b"], 4),
          ])
    func decodedMaps(map: String, keys: [String], firstValue: Int) throws {
        let bytes = Self.padded(map)
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            let decoded = try #require(try decoder.decode(from: bytes) as? [Any])
            let dictionary = try #require(decoded.first as? OrderedDictionary<AnyHashable, Any>)
            #expect(dictionary.keys.elements == keys.map(AnyHashable.init))
            #expect(dictionary.values.first as? Int == firstValue)
            if let inner = dictionary.values.last as? OrderedDictionary<AnyHashable, Any>, keys.count == 2 {
                #expect(inner.keys.elements == ["b", "a"])
                #expect(inner.values.elements.map { $0 as? Int } == [3, 0])
            }
            // Both paths build the same.
            try bytes.withUnsafeBufferPointer { buffer in
                let onePass = try #require(decoder.decodeInOnePass(buffer))
                let tape = try decoder.decodeThroughTape(buffer)
                #expect(DynamicValueDescription.describe(onePass.0) == DynamicValueDescription.describe(tape.0))
            }
            decoder.allowsDuplicateKeys = false
            #expect(throws: CBORError.self) { try decoder.decode(from: bytes) }
        }
    }
}
