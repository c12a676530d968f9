extension CBORWriter {
    /// Writes a Swift dictionary with `Int` keys as ``encodeHashableKeyedEntries(keys:values:mayBeText:)``
    /// writes it (keys in canonical order), through ``writeIntegerKeyedMap(count:entries:)``
    /// where it may (``writesIntegerKeysInPlace``). The common `[Int: Any]` (COSE and CWT maps)
    /// comes here from ``encodeCommonValue(_:)`` by its exact type, the rest from
    /// ``SwiftContainer``.
    func encodeIntegerKeyedMap<Value>(_ map: [Int: Value]) throws {
        if let storage = DictionaryBuckets.storage(of: map), try encodeIntegerKeyedBuckets(of: map, storage: storage) {
            return
        }
        guard writesIntegerKeysInPlace else {
            return try encodeSortedMap(keys: map.keys.lazy.map { $0 as Any }, values: map.values.map { Self.boxed($0) })
        }
        try writeIntegerKeyedMap(count: map.count, of: Value.self) { write in
            try Self.forEachEntry(of: map, write)
        }
    }

    /// Writes `map`, a dictionary with `Int` keys whose storage object is `storage`
    /// (``DictionaryBuckets/storage(of:)``), as ``encodeIntegerKeyedMap(_:)`` writes it, its
    /// entries read where the dictionary holds them: the iterator copies each one, and runs
    /// unspecialized for most value types. Whether it wrote the map: only where
    /// ``writesIntegerKeysInPlace`` holds, and the map is not empty.
    ///
    /// Generic over the key type, which must be `Int`, and given the storage: a caller that
    /// runs unspecialized then names no dictionary type, which the runtime would look up.
    func encodeIntegerKeyedBuckets<Key, Value>(of map: [Key: Value], storage: UnsafeRawPointer) throws -> Bool {
        guard Key.self == Int.self, DictionaryBuckets.isLaidOutAsExpected, !map.isEmpty, writesIntegerKeysInPlace else {
            return false
        }
        try writeIntegerKeyedMap(count: map.count, of: Value.self) { write in
            if try DictionaryBuckets.withEntries(ofStorage: storage, Int.self, Value.self, { keys, values, buckets -> Void in
                for bucket in buckets {
                    try write(keys[bucket], values + bucket)
                }
            }) != nil {
                return
            }
            try Self.forEachEntry(of: map, write)
        }
        return true
    }

    /// Calls `body` with each entry of `map`, whose keys are `Int`, through the iterator, where
    /// the dictionary's storage could not be read: apart, since this generic code looks up the
    /// metadata of its entries wherever it runs.
    @inline(never)
    private static func forEachEntry<Key, Value>(
        of map: [Key: Value], _ body: (Int, UnsafePointer<Value>) throws -> Void
    ) rethrows {
        for (key, value) in map {
            try withUnsafePointer(to: value) { try body(unsafeBitCast(key, to: Int.self), $0) }
        }
    }

    /// Whether a Swift dictionary with `Int` keys may be written by
    /// ``writeIntegerKeyedMap(count:entries:)``: no encoder is registered for `Int`, the keys
    /// are within the depth limit, and the order the entries are written in leaves no trace
    /// in the bytes (no shared-value indices, no string references).
    private var writesIntegerKeysInPlace: Bool {
        depth < Self.maxDepth && !sortedItemsAreWrittenAgain
            && (options.typeEncoders.isEmpty || options.typeEncoders[ObjectIdentifier(Int.self)] == nil)
    }

    /// Writes a map of `count` entries with `Int` keys, which `entries` hands to its argument
    /// one by one (each value where it lies, written by ``encodeElement(at:kind:quick:)``), in canonical
    /// order, as ``encodeHashableKeyedEntries(keys:values:mayBeText:)`` writes them: each
    /// entry where the dictionary holds it, then the entries' bytes moved into the order of
    /// their keys (``WrittenIntegerEntry``). Keys are never boxed, cast or encoded apart.
    private func writeIntegerKeyedMap<Value>(
        count: Int, of _: Value.Type, entries: ((Int, UnsafePointer<Value>) throws -> Void) throws -> Void
    ) throws {
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 5)
            } else {
                output.writeHead(major: 5, argument: UInt64(count))
            }
            let quick = writesScalarsInPlace
            let kind = ElementKind(Value.self)
            let lengthFirst = options.keyOrder == .lengthFirst
            let start = output.count
            try withUnsafeTemporaryAllocation(of: WrittenIntegerEntry.self, capacity: count) { written in
                var filled = 0
                var inOrder = true
                try entries { key, value in
                    guard filled < written.count else { return }
                    let entryStart = output.count
                    encodeInteger(key)
                    try encodeElement(at: value, kind: kind, quick: quick)
                    let entry = WrittenIntegerEntry(key: key, start: entryStart, end: output.count, lengthFirst: lengthFirst)
                    if inOrder, filled > 0 {
                        inOrder = written[filled &- 1].precedes(entry)
                    }
                    written.initializeElement(at: filled, to: entry)
                    filled &+= 1
                }
                guard !inOrder else { return }
                var order = UnsafeMutableBufferPointer(rebasing: written[..<filled])
                order.sortInsertingSmall { $0.precedes($1) }
                output.reorderWritten(from: start, as: order.lazy.map(\.bytes))
                // Key runs of maps inside the values point at bytes that moved.
                forgetKeyRuns(from: start)
            }
            if options.indefiniteContainers { output.writeBreak() }
        }
    }
}
