import Testing
@testable import Concise

/// The encoder reads the entries of a `[String: Any]` and an `[Int: Any]` where the dictionary's
/// storage holds them (``DictionaryBuckets``). It must see every entry exactly once, whatever the dictionary's
/// history (capacity reserved, entries removed, copies), and write what the bridged
/// dictionary's general path writes.
struct DictionaryBucketsTests {
    @Test("the layout check passes on this platform, so the encoder reads dictionaries in place")
    func layoutChecked() {
        #expect(DictionaryBuckets.isLaidOutAsExpected)
    }

    /// Dictionaries of `count` entries with different histories: built up, built in a table
    /// reserved far larger, with entries removed, and a mutated copy of a shared one.
    private static func dictionaries(count: Int) -> [[String: Any]] {
        var built: [String: Any] = [:]
        var reserved = [String: Any](minimumCapacity: 1_000)
        var thinned: [String: Any] = [:]
        for index in 0..<count {
            let key = index.isMultiple(of: 3) ? "a key on the heap, past fifteen bytes, \(index)" : "k\(index)"
            built[key] = index
            reserved[key] = "value \(index)"
            thinned[key] = Double(index)
            thinned["removed \(index)"] = index
        }
        for index in 0..<count {
            thinned["removed \(index)"] = nil
        }
        var copy = built
        copy["k-added"] = true
        copy["k-added"] = nil
        return [built, reserved, thinned, copy]
    }

    @Test("every entry is read exactly once, with its own value, after any history", arguments: [0, 1, 2, 5, 8, 9, 63, 64, 65, 200])
    func everyEntryOnce(count: Int) throws {
        for dictionary in Self.dictionaries(count: count) {
            var seen: [String: String] = [:]
            let storage = try #require(DictionaryBuckets.storage(of: dictionary))
            let read: Void? = DictionaryBuckets.withEntries(ofStorage: storage, String.self, Any.self) { keys, values, buckets in
                for bucket in buckets {
                    #expect(seen.updateValue("\(values[bucket])", forKey: keys[bucket]) == nil, "read twice: \(keys[bucket])")
                }
            }
            if dictionary.isEmpty {
                #expect(read == nil)
                continue
            }
            try #require(read != nil)
            #expect(seen == dictionary.mapValues { "\($0)" })
        }
    }

    @Test("dictionaries of every history encode as the bridged dictionary's general path, on both backends", arguments: [0, 1, 5, 64, 200])
    func encodesAsBridged(count: Int) throws {
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            // With an encoder registered for `String`, maps take the general path: every key
            // encoded apart and the bytes sorted.
            var reference = encoder
            reference.register(String.self) { writer, text in writer.encodeString(text) }
            for dictionary in Self.dictionaries(count: count) {
                let expected = try reference.encode(any: dictionary as [AnyHashable: Any])
                #expect(try encoder.encode(any: dictionary) == expected, "\(backend), \(count)")
                #expect(try encoder.encode(any: [dictionary, ["inner": dictionary]] as [Any]) == reference.encode(any: [dictionary, ["inner": dictionary]] as [Any]),
                        "\(backend), \(count)")
                // The same entries keyed by integers, `[Int: Any]`, against the bridged
                // dictionary with an encoder registered for `Int`.
                var integers: [Int: Any] = [:]
                for (index, value) in dictionary.values.enumerated() {
                    integers[index &* 1_000_003 &- 500] = value
                }
                var integerReference = encoder
                integerReference.register(Int.self) { writer, number in writer.encodeInteger(number) }
                #expect(try encoder.encode(any: integers) == integerReference.encode(any: integers as [AnyHashable: Any]), "\(backend), \(count)")
            }
        }
    }
}
