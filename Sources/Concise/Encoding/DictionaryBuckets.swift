/// Reads the entries of a Swift dictionary where its storage holds them, without the
/// iterator's copy of each key and value (a retain and a release each, for a `String` key and
/// an `Any` value): the records as `[String: Any]` spent a fifth of their encode in those.
///
/// A dictionary is one reference to its storage object, which holds the count, the scale
/// (there are 2^scale buckets), pointers to the keys and the values, and after them a bitmap
/// of the buckets in use, all at offsets the standard library's inlinable code fixes in every
/// client. They are checked once (``isLaidOutAsExpected``), against dictionaries the standard
/// library makes itself, pointers first: the key and value pointers must point where the
/// storage object's own tail holds them. Nothing here reads a dictionary unless the check
/// passed, and each dictionary's pointers are checked again before they are followed; where
/// either fails, callers take the public API.
enum DictionaryBuckets {
    /// The offset of the count, after the object header (metadata and reference counts).
    private static let countOffset = 16
    /// The offset of the scale, an `Int8`: the log2 of the bucket count.
    private static let scaleOffset = 32
    /// The offsets of the pointers to the keys and to the values.
    private static let keysOffset = 48
    private static let valuesOffset = 56
    /// The offset of the bitmap of buckets in use, one bit a bucket, in 64-bit words.
    private static let bitmapOffset = 64

    /// Whether this platform's standard library lays dictionaries out as this type expects,
    /// checked once against dictionaries of several sizes it makes itself.
    static let isLaidOutAsExpected: Bool = probe()

    /// The storage object of `dictionary`: its one word. Read it where the dictionary's type
    /// is at hand (specialized code, or a generic function over the dictionary type itself):
    /// unspecialized code that names `[Key: Value]` looks that type up in the runtime, about
    /// 300 instructions.
    @inline(__always)
    static func storage<Key, Value>(of dictionary: [Key: Value]) -> UnsafeRawPointer? {
        guard MemoryLayout<[Key: Value]>.size == MemoryLayout<UnsafeRawPointer>.size else { return nil }
        return unsafeBitCast(dictionary, to: UnsafeRawPointer?.self)
    }

    /// Calls `body` with where a `[Key: Value]` dictionary holds its entries, `storage` its
    /// storage object (``storage(of:)``): the key and the value of bucket 0, and the buckets in
    /// use, in order (the iterator's order). `nil`, without a call, where the storage cannot
    /// be read (``isLaidOutAsExpected``, and the dictionary's pointers where they should be),
    /// and for an empty dictionary. The caller keeps the dictionary alive; the pointers are
    /// valid only inside `body`.
    @inline(__always)
    static func withEntries<Key, Value, Result>(
        ofStorage storage: UnsafeRawPointer, _: Key.Type, _: Value.Type,
        _ body: (UnsafePointer<Key>, UnsafePointer<Value>, Buckets) throws -> Result
    ) rethrows -> Result? {
        guard isLaidOutAsExpected else { return nil }
        return try entries(ofStorage: storage, Key.self, Value.self, body)
    }

    /// ``withEntries(ofStorage:_:_:_:)`` without the check of ``isLaidOutAsExpected``, for
    /// the check.
    @inline(__always)
    private static func entries<Key, Value, Result>(
        ofStorage storage: UnsafeRawPointer, _: Key.Type, _: Value.Type,
        _ body: (UnsafePointer<Key>, UnsafePointer<Value>, Buckets) throws -> Result
    ) rethrows -> Result? {
        guard storage.load(fromByteOffset: countOffset, as: Int.self) > 0,
              let layout = layout(ofStorage: storage, Key.self, Value.self)
        else { return nil }
        return try body(layout.keys.assumingMemoryBound(to: Key.self),
                        layout.values.assumingMemoryBound(to: Value.self), Buckets(layout: layout))
    }

    /// The buckets in use of a dictionary, read from its bitmap.
    struct Buckets: Sequence, IteratorProtocol {
        fileprivate let layout: Layout
        private var wordIndex = 0
        private var word: UInt64

        fileprivate init(layout: Layout) {
            self.layout = layout
            word = layout.word(0)
        }

        /// The next bucket in use.
        @inline(__always)
        mutating func next() -> Int? {
            while word == 0 {
                wordIndex &+= 1
                guard wordIndex < layout.wordCount else { return nil }
                word = layout.word(wordIndex)
            }
            let bucket = wordIndex &* 64 &+ word.trailingZeroBitCount
            word &= word &- 1
            return bucket
        }
    }

    /// Where a dictionary's storage holds its entries.
    fileprivate struct Layout {
        /// The storage object.
        let object: UnsafeRawPointer
        /// The first key and the first value (of bucket 0).
        let keys: UnsafeRawPointer
        let values: UnsafeRawPointer
        /// The number of buckets, a power of two.
        let bucketCount: Int
        /// The number of 64-bit words of the bitmap.
        var wordCount: Int { (bucketCount &+ 63) &>> 6 }

        /// The bitmap's word `index`: bit `i` set when bucket `64 * index + i` holds an entry.
        /// Bits past the last bucket of a table of fewer than 64 are cleared, as the standard
        /// library's own iterator clears them.
        @inline(__always)
        func word(_ index: Int) -> UInt64 {
            let word = object.load(fromByteOffset: bitmapOffset &+ 8 &* index, as: UInt64.self)
            return bucketCount >= 64 ? word : word & ((1 &<< UInt64(bucketCount)) &- 1)
        }
    }

    /// Where the storage object `object` of a `[Key: Value]` holds its entries, when its
    /// pointers are where the layout puts them: the keys right after the bitmap, the values
    /// right after the keys, each aligned for its type.
    @inline(__always)
    private static func layout<Key, Value>(ofStorage object: UnsafeRawPointer, _: Key.Type, _: Value.Type) -> Layout? {
        let scale = Int(object.load(fromByteOffset: scaleOffset, as: Int8.self))
        guard scale >= 0, scale < 48 else { return nil }
        let bucketCount = 1 &<< scale
        let keys = object.load(fromByteOffset: keysOffset, as: UnsafeRawPointer.self)
        let values = object.load(fromByteOffset: valuesOffset, as: UnsafeRawPointer.self)
        let bitmapEnd = object + bitmapOffset + 8 &* ((bucketCount &+ 63) &>> 6)
        guard keys == bitmapEnd.alignedUp(for: Key.self),
              values == (keys + MemoryLayout<Key>.stride &* bucketCount).alignedUp(for: Value.self)
        else { return nil }
        return Layout(object: object, keys: keys, values: values, bucketCount: bucketCount)
    }

    /// Reads dictionaries of integers the standard library made, which no misread pointer
    /// can make this code follow (their pointers are checked first), and compares every entry
    /// and the count with what the public API gives.
    private static func probe() -> Bool {
        #if _runtime(_ObjC)
        // There a dictionary may be an `NSDictionary` bridged in, whose object is not laid out so.
        return false
        #else
        guard MemoryLayout<[Int: Int]>.size == 8, UInt64(littleEndian: 1) == 1 else { return false }
        for size in [1, 2, 5, 8, 13, 64, 100, 1000] {
            var integers: [Int: Int] = [:]
            var texts: [String: Any] = [:]
            for index in 0..<size {
                integers[index &* 7_919] = index
                texts[index.isMultiple(of: 2) ? "key \(index)" : "a longer key, not a small string \(index)"] = index
            }
            // Pointers first: the entries are read only where both are where they should be.
            guard agrees(integers, { $0[$1] == $2 }), agrees(texts, { $0[$1] as? Int == $2 as? Int }) else { return false }
        }
        return true
        #endif
    }

    /// Whether `dictionary`'s count, pointers and entries read as this type reads them agree
    /// with what the public API gives: `holds(dictionary, key, value)` for each entry read.
    private static func agrees<Key, Value>(_ dictionary: [Key: Value], _ holds: ([Key: Value], Key, Value) -> Bool) -> Bool {
        guard let storage = storage(of: dictionary), layout(ofStorage: storage, Key.self, Value.self) != nil,
              storage.load(fromByteOffset: countOffset, as: Int.self) == dictionary.count
        else { return false }
        let read = entries(ofStorage: storage, Key.self, Value.self) { keys, values, buckets in
            var seen = 0
            for bucket in buckets {
                guard holds(dictionary, keys[bucket], values[bucket]) else { return false }
                seen &+= 1
            }
            return seen == dictionary.count
        }
        return read == true
    }
}
