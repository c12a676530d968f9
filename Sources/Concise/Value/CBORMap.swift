/// The entries of a CBOR map, in the order they were written or inserted.
///
/// RFC 8949 maps are unordered, but their encodings are not; keeping the order keeps decoding and
/// re-encoding byte-exact. A map read from the wire may hold the same key twice (when the decoder
/// allows duplicates); ``subscript(_:)`` then answers with the last value, as cbor2 does.
///
/// Two maps are equal when they hold equal entries in the same order.
public struct CBORMap: Sendable, Hashable {
    /// The entries, in order.
    public var entries: [(key: CBOR, value: CBOR)]

    /// Creates a map with the given entries, kept in order.
    public init(_ entries: [(key: CBOR, value: CBOR)] = []) {
        self.entries = entries
    }

    /// The number of entries, duplicates included.
    public var count: Int { entries.count }

    /// Whether the map has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value stored for `key` (the last one when the key occurs more than once); setting
    /// replaces that entry in place, or appends a new one; setting `nil` removes every entry for
    /// the key.
    public subscript(key: CBOR) -> CBOR? {
        get {
            entries.last(where: { $0.key == key })?.value
        }
        set {
            if let newValue {
                if let index = entries.lastIndex(where: { $0.key == key }) {
                    entries[index].value = newValue
                } else {
                    entries.append((key, newValue))
                }
            } else {
                entries.removeAll(where: { $0.key == key })
            }
        }
    }

    /// The keys in order, duplicates included.
    public var keys: [CBOR] { entries.map(\.key) }

    /// The values in order.
    public var values: [CBOR] { entries.map(\.value) }

    /// Whether some key occurs more than once.
    public var hasDuplicateKeys: Bool {
        var seen = Set<CBOR>(minimumCapacity: entries.count)
        for entry in entries where !seen.insert(entry.key).inserted {
            return true
        }
        return false
    }

    /// Returns `true` when both maps hold equal entries in the same order.
    public static func == (lhs: CBORMap, rhs: CBORMap) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the entries in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

extension CBORMap: ExpressibleByDictionaryLiteral {
    /// Creates a map from a literal, keeping the literal's order (and any repeated key).
    public init(dictionaryLiteral elements: (CBOR, CBOR)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension CBORMap: Sequence {
    /// Iterates over the entries in order.
    public func makeIterator() -> IndexingIterator<[(key: CBOR, value: CBOR)]> {
        entries.makeIterator()
    }
}
