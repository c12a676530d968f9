extension CBORWriter {
    /// Writes a Swift dictionary with `Int` keys as ``encodeHashableKeyedEntries(keys:values:mayBeText:)``
    /// writes it (keys in canonical order), through ``writeIntegerKeyedMap(count:entries:)``
    /// where it may (``writesIntegerKeysInPlace``). The common `[Int: Any]` (COSE and CWT maps)
    /// comes here from ``encodeCommonValue(_:)`` by its exact type, the rest from
    /// ``SwiftContainer``.
    func encodeIntegerKeyedMap<Value>(_ map: [Int: Value]) throws {
        guard writesIntegerKeysInPlace else {
            return try encodeSortedMap(keys: map.keys.lazy.map { $0 as Any }, values: map.values.map { Self.boxed($0) })
        }
        try writeIntegerKeyedMap(count: map.count) { write in
            // An `[Int: Any]`'s values are read where the dictionary holds them
            // (``DictionaryBuckets``): the iterator copies each one.
            if Value.self == Any.self,
                try DictionaryBuckets.withEntries(of: unsafeBitCast(map, to: [Int: Any].self), { keys, values, buckets -> Void in
                    for bucket in buckets {
                        try write(keys[bucket], values + bucket)
                    }
                }) != nil
            {
                return
            }
            for (key, value) in map {
                try withUnsafePointer(to: Self.boxed(value)) { try write(key, $0) }
            }
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
    /// one by one (each value where an `Any` of its own dynamic type lies, ``boxed(_:)``), in canonical
    /// order, as ``encodeHashableKeyedEntries(keys:values:mayBeText:)`` writes them: each
    /// entry where the dictionary holds it, then the entries' bytes moved into the order of
    /// their keys (``WrittenIntegerEntry``). Keys are never boxed, cast or encoded apart.
    private func writeIntegerKeyedMap(count: Int, entries: ((Int, UnsafePointer<Any>) throws -> Void) throws -> Void) throws {
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 5)
            } else {
                output.writeHead(major: 5, argument: UInt64(count))
            }
            let quick = writesScalarsInPlace
            let lengthFirst = options.keyOrder == .lengthFirst
            let start = output.count
            try withUnsafeTemporaryAllocation(of: WrittenIntegerEntry.self, capacity: count) { written in
                var filled = 0
                var inOrder = true
                try entries { key, value in
                    guard filled < written.count else { return }
                    let entryStart = output.count
                    encodeInteger(key)
                    try encodeItem(at: value, quick: quick)
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
