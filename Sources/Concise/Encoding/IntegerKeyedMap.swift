/// An entry of a Swift dictionary with `Int` keys as ``CBORWriter`` wrote it before putting
/// the entries in canonical order: where its bytes lie in the output (key first), and what
/// orders its key, read off the integer.
struct WrittenIntegerEntry {
    /// What orders the key before its argument: the head's length (when keys are ordered
    /// length first) and its major type, `length << 1 | major`.
    let group: UInt8
    /// The head's argument: the key, or `-1 - key` for a negative key.
    let argument: UInt64
    /// Where the entry's bytes start.
    let start: Int
    /// Where they end.
    let end: Int

    /// The bytes of the entry in the output.
    var bytes: Range<Int> { start..<end }

    /// The entry of `key`, written from `start` to `end`; `lengthFirst` for
    /// ``CBORKeyOrder/lengthFirst``.
    ///
    /// A head's bytes order integers as their values do within a major type and a length:
    /// the shorter argument has the smaller additional information (`0x17` < `0x18 xx` <
    /// `0x19 xxxx`…), and arguments of one width compare big-endian. Bytewise, every
    /// unsigned key (major 0) comes before every negative one (major 1); length first, the
    /// head's length decides first.
    @inline(__always)
    init(key: Int, start: Int, end: Int, lengthFirst: Bool) {
        let major: UInt8 = key < 0 ? 1 : 0
        argument = UInt64(bitPattern: Int64(key < 0 ? ~key : key))
        let length: UInt8 = argument < 24 ? 1 : argument <= 0xff ? 2 : argument <= 0xffff ? 3 : argument <= 0xffff_ffff ? 5 : 9
        group = lengthFirst ? length << 1 | major : major
        self.start = start
        self.end = end
    }

    /// Whether this entry's key comes before `other`'s in canonical order.
    @inline(__always)
    func precedes(_ other: WrittenIntegerEntry) -> Bool {
        group != other.group ? group < other.group : argument < other.argument
    }
}

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
            for (key, value) in map {
                try write(key, Self.boxed(value))
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
    /// one by one (each value boxed as its own dynamic type, ``boxed(_:)``), in canonical
    /// order, as ``encodeHashableKeyedEntries(keys:values:mayBeText:)`` writes them: each
    /// entry where the dictionary holds it, then the entries' bytes moved into the order of
    /// their keys (``WrittenIntegerEntry``). Keys are never boxed, cast or encoded apart.
    private func writeIntegerKeyedMap(count: Int, entries: ((Int, Any) throws -> Void) throws -> Void) throws {
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
                    try encodeItem(value, quick: quick)
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
