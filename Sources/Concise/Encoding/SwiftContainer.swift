/// A Swift array, set or dictionary of any element type: what ``CBORWriter/encode(_:)`` writes
/// item by item in place.
///
/// Without it, such a value reached the bridging casts `as? [Any]` and
/// `as? [AnyHashable: Any]`, which make a new collection of boxed items (the dictionary cast
/// hashes every key again), after a chain of casts to other types, each of which fails only
/// after a look at bridging: ten thousand records as `[String: Any]` dictionaries took 64 000
/// instructions each to encode, and take 3 700 here.
protocol SwiftContainer {
    /// Writes the container as the bridged `[Any]` or `[AnyHashable: Any]` is written;
    /// `storage` is its one word, a dictionary's storage object (``DictionaryBuckets``), read
    /// where its type was at hand.
    func write(with writer: CBORWriter, storage: UnsafeRawPointer?) throws
}

extension SwiftContainer {
    /// Writes `value` when it is of this very type; whether it was. The value is opened, not
    /// cast: a cast to the exact type makes an `Optional` of it, whose metadata the runtime
    /// looks up (about 500 instructions) where this code runs unspecialized.
    static func write<Value>(opened value: Value, with writer: CBORWriter) throws -> Bool {
        guard ObjectIdentifier(Value.self) == ObjectIdentifier(Self.self) else { return false }
        // The value's one word, read here, where its type's metadata came with it.
        let storage = MemoryLayout<Value>.size == MemoryLayout<UnsafeRawPointer>.size
            ? unsafeBitCast(value, to: UnsafeRawPointer?.self) : nil
        try unsafeBitCast(value, to: Self.self).write(with: writer, storage: storage)
        return true
    }
}

/// What ``CBORWriter/encode(_:)`` has looked up about the first few dynamic types a writer
/// meets: whether each is a ``SwiftContainer``, and whether it is an `Optional`. Each is a
/// conformance look-up, and casting a value to the protocol copies it into a new existential
/// too, about 1 100 instructions, which made a `[String: String]` in an array of them cost
/// more than its entries, and a `Date` or a ``CBORTag`` paid about 300 for the `Optional`
/// look-up before it was written. A type met again is found here with a few comparisons (a
/// container's value then opened as its type, ``SwiftContainer/write(opened:with:)``).
struct KnownTypes {
    /// What is known of one type.
    struct Facts {
        /// The type as a container, when it is one.
        let container: (any SwiftContainer.Type)?
        /// Whether the type is an `Optional`.
        let isOptional: Bool
    }

    /// How many types are remembered.
    private static let capacity = 8
    /// The types met first, with what is known of them.
    private var entries: [(type: ObjectIdentifier, facts: Facts)] = []

    /// What is known of the dynamic type of `value`.
    mutating func facts(of value: Any) -> Facts {
        let dynamicType = type(of: value)
        let identifier = ObjectIdentifier(dynamicType)
        for entry in entries where entry.type == identifier {
            return entry.facts
        }
        // The metatype, not the value: casting a value to a protocol can bridge it.
        let facts = Facts(container: dynamicType as? any SwiftContainer.Type, isOptional: dynamicType is any AnyOptional.Type)
        if entries.count < Self.capacity {
            entries.append((type: identifier, facts: facts))
        }
        return facts
    }
}

extension Array: SwiftContainer {
    func write(with writer: CBORWriter, storage _: UnsafeRawPointer?) throws {
        try writer.encodeArray(elements: self)
    }
}

extension Dictionary: SwiftContainer {
    func write(with writer: CBORWriter, storage: UnsafeRawPointer?) throws {
        // Where the storage can be read, this code names no dictionary type: running
        // unspecialized, it would look up `[String: Value]` in the runtime (about 300
        // instructions).
        if Key.self == String.self {
            if let storage, try writer.encodeTextKeyedBuckets(of: self, storage: storage) {
                return
            }
            try writer.encodeTextKeyedMap(unsafeBitCast(self, to: [String: Value].self))
        } else if Key.self == Int.self {
            if let storage, try writer.encodeIntegerKeyedBuckets(of: self, storage: storage) {
                return
            }
            try writer.encodeIntegerKeyedMap(unsafeBitCast(self, to: [Int: Value].self))
        } else {
            if Key.self == AnyHashable.self, let storage, try writer.encodeTextKeyedBuckets(of: self, storage: storage) {
                return
            }
            try writeHashableKeyed(with: writer)
        }
    }

    /// Writes the dictionary as it is written bridged to `[AnyHashable: Any]`, without the
    /// bridging cast, which hashes every key again. The entries are taken out here, in the one
    /// generic loop, so that the rest runs unspecialized code no longer. Apart from
    /// ``write(with:storage:)``, which would otherwise look up the metadata of this loop's
    /// entries for every dictionary.
    @inline(never)
    private func writeHashableKeyed(with writer: CBORWriter) throws {
        var keys: [Any] = []
        var values: [Any] = []
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
        for (key, value) in self {
            keys.append(CBORWriter.unwrapped(key))
            values.append(CBORWriter.boxed(value))
        }
        try writer.encodeHashableKeyedEntries(keys: keys, values: values, mayBeText: Key.self == AnyHashable.self)
    }
}

extension Set: SwiftContainer {
    func write(with writer: CBORWriter, storage _: UnsafeRawPointer?) throws {
        // The members of a set of `AnyHashable`, cbor2's `set` as the decoder makes it, are
        // written as the values they wrap.
        if Element.self == AnyHashable.self {
            try writer.encodeSet(unsafeBitCast(self, to: Set<AnyHashable>.self).map(\.base))
        } else {
            try writer.encodeSet(map { CBORWriter.boxed($0) })
        }
    }
}

/// An entry of a Swift dictionary with `String` keys, as
/// `CBORWriter.writeTextKeyedMap(_:count:)` writes them: a struct, whose copies and destroys are
/// compiled here, where a tuple's go through the runtime's generic tuple witnesses.
struct TextKeyedEntry {
    /// The key.
    let key: String
    /// The value, boxed as its own dynamic type (``CBORWriter/boxed(_:)``).
    let value: Any
}

/// What puts a text key in canonical order (``precedes(_:keys:)``), read out of it once: its
/// length and first bytes, which decide between most keys with two integer comparisons.
struct TextKeyRank {
    /// The key's UTF-8 length.
    let length: Int
    /// The key's first 8 UTF-8 bytes, the first in the high byte, zeros after a shorter key.
    let prefix: UInt64
    /// Where the key's entry is.
    let position: Int

    init(_ key: String, position: Int) {
        self.init(key, position: position, smallStrings: false)
    }

    /// The rank of `key`, read from the string's own words when it is small and
    /// `smallStrings` (``SmallString/isLaidOutAsExpected``) holds, without a call.
    @inline(__always)
    init(_ key: String, position: Int, smallStrings: Bool) {
        if smallStrings, let words = SmallString.words(of: key) {
            self.init(smallWords: words, position: position)
            return
        }
        let utf8 = key.utf8
        let prefix = utf8.withContiguousStorageIfAvailable { bytes in
            var prefix: UInt64 = 0
            for index in 0..<Swift.min(bytes.count, 8) {
                prefix |= UInt64(bytes[index]) &<< (56 &- 8 &* index)
            }
            return prefix
        } ?? Self.prefix(of: utf8)
        self.init(length: utf8.count, prefix: prefix, position: position)
    }

    /// The rank of the small string of these words (``SmallString/words(of:)``).
    @inline(__always)
    init(smallWords words: (leading: UInt64, trailing: UInt64), position: Int) {
        let length = Int(truncatingIfNeeded: words.trailing &>> 56)
        // The first word holds the first byte lowest; bytes past the length are cleared.
        let leading = UInt64(littleEndian: words.leading).byteSwapped
        let prefix = length >= 8 ? leading : leading & ~(UInt64.max &>> (8 &* UInt64(length)))
        self.init(length: length, prefix: prefix, position: position)
    }

    @inline(__always)
    private init(length: Int, prefix: UInt64, position: Int) {
        self.length = length
        self.prefix = prefix
        self.position = position
    }

    /// The first 8 bytes of UTF-8 that is not stored contiguously (a bridged string's).
    private static func prefix(of utf8: String.UTF8View) -> UInt64 {
        var prefix: UInt64 = 0
        for (index, byte) in utf8.prefix(8).enumerated() {
            prefix |= UInt64(byte) &<< (56 &- 8 &* index)
        }
        return prefix
    }

    /// Whether this key comes before `other`'s in canonical order: the shorter UTF-8 first,
    /// then byte by byte; `keys` holds the entries whose keys decide between keys of the same
    /// length and first 8 bytes.
    ///
    /// Both ``CBORKeyOrder`` orders give text keys this order. A text head grows with the
    /// length (`0x60 + n` below 24, then `0x78 n`, `0x79 nn`…), so the shorter key has both the
    /// shorter encoding and the smaller head; keys of one length have the same head, and then
    /// their bytes decide.
    @inline(__always)
    func precedes(_ other: TextKeyRank, keys: UnsafeMutablePointer<TextKeyedEntry>) -> Bool {
        precedes(other) { keys[position].key.utf8.lexicographicallyPrecedes(keys[other.position].key.utf8) }
    }

    /// Whether this key comes before `other`'s in canonical order, as
    /// ``precedes(_:keys:)`` orders them, where `bytesPrecede` tells whether this key's bytes
    /// come first: called only for keys of the same length, over 8 bytes, with the same first 8.
    @inline(__always)
    func precedes(_ other: TextKeyRank, bytesPrecede: () -> Bool) -> Bool {
        if length != other.length {
            return length < other.length
        }
        if prefix != other.prefix {
            return prefix < other.prefix
        }
        return length > 8 && bytesPrecede()
    }
}
