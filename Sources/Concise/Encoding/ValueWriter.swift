/// Writes a ``CBOR`` value. It recurses at most ``recursionLimit`` levels deep, then goes on
/// with an explicit stack of open containers, so a deeply nested value costs heap, not call stack.
struct ValueWriter {
    private struct Frame {
        enum Kind { case array, map, sortedMap }
        var kind: Kind
        var next = 0
        var items: [CBOR] = []
        var entries: [(key: CBOR, value: CBOR)] = []
        var sortedEntries: [(key: [UInt8], value: CBOR)] = []
    }

    let options: CBOREncoder
    /// ``SmallString/isLaidOutAsExpected``, read once.
    private let smallStrings = SmallString.isLaidOutAsExpected
    /// Under canonical encoding, what the writer met that decides whether moving map entries
    /// changed what a reference refers to; `nil` otherwise.
    private let orderWatch: OrderWatch?

    /// Under canonical encoding, whether some map's entries moved and whether a string
    /// reference (tag 25) or shared reference (tag 29) was written: both count items in the
    /// order they stand, so together they would point elsewhere. A class, which the writer's
    /// non-mutating methods record into.
    private final class OrderWatch {
        var reordered = false
        var referenced = false
    }

    /// A writer with the options of `options`.
    init(options: CBOREncoder) {
        self.options = options
        self.orderWatch = options.canonical ? OrderWatch() : nil
    }

    /// How deep the writer recurses before it switches to its explicit stack. Recursion reads
    /// each container in place; a frame copies its items out.
    static let recursionLimit = 48

    /// Writes `root` and everything inside it.
    /// - Throws: ``CBORError/Code/unsupportedValue`` under canonical encoding when the order
    ///   moved map entries in a value that holds string or shared references (tags 25 and 29),
    ///   which count strings and shared values in the order they are written.
    func write(_ root: CBOR, to writer: inout ByteWriter) throws(CBORError) {
        try write(root, depth: 0, to: &writer)
        if let orderWatch, orderWatch.reordered, orderWatch.referenced {
            throw CBORError(
                .unsupportedValue,
                "canonical order moves map entries in a value with string or shared references (tags 25, 29), which would then refer to other items; decode it with the dynamic decoder, which resolves them, or encode it without canonical")
        }
    }

    /// Writes a tagged item under canonical encoding (`depth` levels below the root): a bignum
    /// in its preferred serialization, any other tag recorded for the order watch and written
    /// with its content. Out of line, so that canonical encoding's work leaves the code of
    /// ``write(_:depth:to:)``'s loops as it is.
    @inline(never)
    private func writeCanonicalTag(_ tag: UInt64, _ content: CBOR, depth: Int, to writer: inout ByteWriter) throws(CBORError) {
        guard !writeCanonicalTagHead(tag, content, to: &writer) else { return }
        writer.writeHead(major: 6, argument: tag)
        try write(content, depth: depth + 1, to: &writer)
    }

    /// Under canonical encoding, writes a bignum whole (``writeBignum(tag:_:to:)``) and returns
    /// `true`; for any other tag records it for the order watch and returns `false`, leaving
    /// the head and the content to the caller.
    @inline(never)
    private func writeCanonicalTagHead(_ tag: UInt64, _ content: CBOR, to writer: inout ByteWriter) -> Bool {
        if Self.writeBignum(tag: tag, content, to: &writer) { return true }
        watch(tag: tag)
        return false
    }

    /// Writes a bignum (tag 2 or 3 over a byte string) in its preferred serialization, as
    /// canonical encoding wants it (RFC 8949 §3.4.3, §4.2): its magnitude without leading zero
    /// bytes, and a value in the range of major types 0 and 1 as such an integer. `false`, with
    /// nothing written, for any other tag.
    private static func writeBignum(tag: UInt64, _ content: CBOR, to writer: inout ByteWriter) -> Bool {
        guard tag == 2 || tag == 3, case .byteString(let bytes) = content else { return false }
        let magnitude = bytes.drop { $0 == 0 }
        if magnitude.count <= 8 {
            writer.writeHead(major: tag == 2 ? 0 : 1, argument: magnitude.reduce(0) { $0 << 8 | UInt64($1) })
        } else {
            writer.writeHead(major: 6, argument: tag)
            writer.writeByteString(Array(magnitude))
        }
        return true
    }

    /// Records a tag written under canonical encoding.
    @inline(__always)
    private func watch(tag: UInt64) {
        if let orderWatch, tag == 25 || tag == 29 {
            orderWatch.referenced = true
        }
    }

    /// Writes `value`, `depth` levels below the root, by recursion.
    private func write(_ value: borrowing CBOR, depth: Int, to writer: inout ByteWriter) throws(CBORError) {
        guard depth < Self.recursionLimit else { return try writeIteratively(value, to: &writer) }
        switch value {
        case .array(let items):
            writeContainerHead(major: 4, count: items.count, to: &writer)
            // Through a buffer pointer, whose subscript lends each item in place: the array's
            // own subscript (and iteration) would copy it.
            try items.withUnsafeBufferPointer { items throws(CBORError) in
                for index in items.indices where !write(quickWrite(of: items[index]), to: &writer) {
                    try writeItem(items[index], depth: depth + 1, to: &writer)
                }
            }
        case .map(let map) where options.canonical:
            try writeCanonicalMap(map, depth: depth, to: &writer)
        case .map(let map):
            writeContainerHead(major: 5, count: map.count, to: &writer)
            try map.entries.withUnsafeBufferPointer { entries throws(CBORError) in
                for index in entries.indices {
                    if !write(quickWrite(of: entries[index].key), to: &writer) {
                        try writeItem(entries[index].key, depth: depth + 1, to: &writer)
                    }
                    if !write(quickWrite(of: entries[index].value), to: &writer) {
                        try writeItem(entries[index].value, depth: depth + 1, to: &writer)
                    }
                }
            }
        case .tagged(let tag, let content):
            if options.canonical {
                return try writeCanonicalTag(tag, content, depth: depth, to: &writer)
            }
            writer.writeHead(major: 6, argument: tag)
            try write(content, depth: depth + 1, to: &writer)
            return
        default:
            try writeScalar(value, to: &writer)
            return
        }
        if options.indefiniteContainers {
            writer.writeBreak()
        }
    }

    /// Writes an item of a container that ``quickWrite(of:)`` left to the caller: a scalar at
    /// once, a container by recursion.
    @inline(__always)
    private func writeItem(_ item: borrowing CBOR, depth: Int, to writer: inout ByteWriter) throws(CBORError) {
        if item.isContainer {
            try write(item, depth: depth, to: &writer)
        } else {
            try writeOtherScalar(item, to: &writer)
        }
    }

    /// Writes what ``quickWrite(of:)`` read off an item; `false` for ``QuickWrite/other``,
    /// which the caller writes from the item, borrowed again.
    @inline(__always)
    private func write(_ quick: QuickWrite, to writer: inout ByteWriter) -> Bool {
        switch quick {
        case .head(let major, let argument):
            writer.writeHead(major: major, argument: argument)
        case .byte(let byte):
            writer.writeByte(byte)
        case .double(let double):
            writer.writeDouble(double)
        case .smallText(let leading, let trailing):
            writer.writeSmallText(leading: leading, trailing: trailing)
        case .other:
            return false
        }
        return true
    }

    /// What writing the commonest scalars takes, read off the value with nothing of it kept.
    /// An item read out of its container and written at once stays borrowed across the writes,
    /// and since they write through pointers, the compiler copies the item to keep it alive: a
    /// call and, for a string, a retain and a release. Read off first, nothing stays borrowed.
    private enum QuickWrite {
        case head(major: UInt8, argument: UInt64)
        case byte(UInt8)
        case double(Double)
        case smallText(leading: UInt64, trailing: UInt64)
        /// Anything else: containers, long text, byte strings, other floats and simple values.
        case other
    }

    /// What writing `value` takes when it is one of the commonest scalars; ``QuickWrite/other``
    /// for anything else, and for doubles under canonical encoding (shortest float width).
    @inline(__always)
    private func quickWrite(of value: borrowing CBOR) -> QuickWrite {
        switch value {
        case .unsigned(let argument):
            return .head(major: 0, argument: argument)
        case .negative(let argument):
            return .head(major: 1, argument: argument)
        case .textString(let text):
            guard smallStrings, let words = SmallString.words(of: text) else { return .other }
            return .smallText(leading: words.leading, trailing: words.trailing)
        case .boolean(let flag):
            return .byte(flag ? 0xf5 : 0xf4)
        case .null:
            return .byte(0xf6)
        case .double(let double):
            return options.canonical ? .other : .double(double)
        default:
            return .other
        }
    }

    /// Writes `root` with an explicit stack of open containers.
    private func writeIteratively(_ root: CBOR, to writer: inout ByteWriter) throws(CBORError) {
        var frames: [Frame] = []
        var current = root
        while true {
            switch current {
            case .array(let items):
                writeContainerHead(major: 4, count: items.count, to: &writer)
                // Scalars are written straight out, without a frame: most arrays hold numbers.
                var position = 0
                while position < items.count, !items[position].isContainer {
                    try writeScalar(items[position], to: &writer)
                    position += 1
                }
                if position < items.count {
                    frames.append(Frame(kind: .array, next: position + 1, items: items))
                    current = items[position]
                    continue
                }
                if options.indefiniteContainers {
                    writer.writeBreak()
                }
            case .map(let map):
                let sorted = options.canonical ? try sortedEntries(of: map, depth: Self.recursionLimit) : []
                writeContainerHead(major: 5, count: options.canonical ? sorted.count : map.count, to: &writer)
                if map.isEmpty {
                    if options.indefiniteContainers { writer.writeBreak() }
                } else if options.canonical {
                    frames.append(Frame(kind: .sortedMap, sortedEntries: sorted))
                } else {
                    frames.append(Frame(kind: .map, entries: map.entries))
                }
            case .tagged(let tag, let content):
                if !(options.canonical && writeCanonicalTagHead(tag, content, to: &writer)) {
                    writer.writeHead(major: 6, argument: tag)
                    current = content
                    continue
                }
            default:
                try writeScalar(current, to: &writer)
            }
            guard let next = nextItem(in: &frames, writer: &writer) else { return }
            current = next
        }
    }

    /// The next item to write, closing finished containers on the way; `nil` when all is done.
    private func nextItem(in frames: inout [Frame], writer: inout ByteWriter) -> CBOR? {
        while let last = frames.indices.last {
            let position = frames[last].next
            frames[last].next += 1
            switch frames[last].kind {
            case .array:
                if position < frames[last].items.count {
                    return frames[last].items[position]
                }
            case .map:
                if position < frames[last].entries.count * 2 {
                    let entry = frames[last].entries[position / 2]
                    return position % 2 == 0 ? entry.key : entry.value
                }
            case .sortedMap:
                if position < frames[last].sortedEntries.count {
                    writer.writeBytes(frames[last].sortedEntries[position].key)
                    return frames[last].sortedEntries[position].value
                }
            }
            frames.removeLast()
            if options.indefiniteContainers {
                writer.writeBreak()
            }
        }
        return nil
    }

    private func writeContainerHead(major: UInt8, count: Int, to writer: inout ByteWriter) {
        if options.indefiniteContainers {
            writer.writeIndefiniteStart(major: major)
        } else {
            writer.writeHead(major: major, argument: UInt64(count))
        }
    }

    /// Writes `map` (`depth` levels below the root) in canonical order: each entry where the map
    /// holds it, then the entries' bytes moved into the order of their keys' bytes. Of a key
    /// repeated (the same bytes), only the last entry is kept, as ``sortedEntries(of:depth:)``
    /// keeps it; every entry is written once, so a repeat deep inside costs no more than one at
    /// the top.
    private func writeCanonicalMap(_ map: CBORMap, depth: Int, to writer: inout ByteWriter) throws(CBORError) {
        let headStart = writer.count
        writeContainerHead(major: 5, count: map.count, to: &writer)
        let start = writer.count
        let lengthFirst = options.keyOrder == .lengthFirst
        try map.entries.withUnsafeBufferPointer { entries throws(CBORError) in
            try withUnsafeTemporaryAllocation(of: WrittenMapEntry.self, capacity: entries.count) { written throws(CBORError) in
                var inOrder = true
                for index in entries.indices {
                    let entryStart = writer.count
                    if !write(quickWrite(of: entries[index].key), to: &writer) {
                        try writeItem(entries[index].key, depth: depth + 1, to: &writer)
                    }
                    let keyEnd = writer.count
                    if !write(quickWrite(of: entries[index].value), to: &writer) {
                        try writeItem(entries[index].value, depth: depth + 1, to: &writer)
                    }
                    let entry = WrittenMapEntry(start: entryStart, keyEnd: keyEnd, end: writer.count)
                    if inOrder, index > 0 {
                        inOrder = written[index - 1].keyOrder(against: entry, lengthFirst: lengthFirst, in: &writer) < 0
                    }
                    written.initializeElement(at: index, to: entry)
                }
                guard !inOrder else { return }
                orderWatch?.reordered = true
                // A comparison sort compares two equal keys at least once: they end up side by
                // side, and only a comparison can tell that they may. Equal keys stay in the
                // order written, so the last of them is the last one in the map.
                var repeats = false
                var order = written
                order.sortInsertingSmall { first, second in
                    let order = first.keyOrder(against: second, lengthFirst: lengthFirst, in: &writer)
                    guard order != 0 else {
                        repeats = true
                        return first.start < second.start
                    }
                    return order < 0
                }
                if repeats {
                    writeLastOfEachKey(in: order, head: headStart..<start, to: &writer)
                } else {
                    writer.reorderWritten(from: start, as: order.lazy.map(\.bytes))
                }
            }
        }
    }

    /// Writes the entries of a canonical map that repeats a key: of each key the last entry,
    /// in key order. `order` holds the entries written after the map's `head`, in key order and
    /// equal keys in the order written; their bytes move into place, and the head's count
    /// shrinks to the entries kept.
    @inline(never)
    private func writeLastOfEachKey(
        in order: UnsafeMutableBufferPointer<WrittenMapEntry>, head: Range<Int>, to writer: inout ByteWriter
    ) {
        let lengthFirst = options.keyOrder == .lengthFirst
        var kept = 0
        var keptBytes = 0
        for index in order.indices {
            let isLast = index == order.count - 1
                || order[index].keyOrder(against: order[index + 1], lengthFirst: lengthFirst, in: &writer) != 0
            if isLast {
                order[kept] = order[index]
                kept += 1
                keptBytes += order[index].bytes.count
            }
        }
        writer.reorderWritten(from: head.upperBound, as: UnsafeMutableBufferPointer(rebasing: order[..<kept]).lazy.map(\.bytes))
        writer.truncate(to: head.upperBound + keptBytes)
        if !options.indefiniteContainers {
            writer.replaceHead(in: head, major: 5, argument: UInt64(kept))
        }
    }

    /// The entries with their keys encoded, in canonical order; of a key repeated (the same
    /// bytes), only the last entry, as a lookup finds it and as cbor2's dict keeps it: a
    /// deterministic encoding never repeats a key. The map is `depth` levels below the root.
    private func sortedEntries(of map: CBORMap, depth: Int) throws(CBORError) -> [(key: [UInt8], value: CBOR)] {
        var encoded: [(key: [UInt8], value: CBOR)] = []
        encoded.reserveCapacity(map.count)
        for entry in map.entries {
            var keyWriter = ByteWriter(backend: options.backend, capacity: 16)
            try write(entry.key, depth: depth + 1, to: &keyWriter)
            encoded.append((keyWriter.finish(), entry.value))
        }
        let lengthFirst = options.keyOrder == .lengthFirst
        // Equal keys in their original order, so the last of them is the one kept.
        var repeats = false
        let sorted = encoded.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.key, rhs.element.key)
            if lengthFirst && a.count != b.count {
                return a.count < b.count
            }
            if a != b {
                return a.lexicographicallyPrecedes(b)
            }
            repeats = true
            return lhs.offset < rhs.offset
        }
        if repeats || sorted.indices.contains(where: { sorted[$0].offset != $0 }) {
            orderWatch?.reordered = true
        }
        // Repeated keys are rare: only a sort that met two equal keys looks for them.
        guard repeats else { return sorted.map(\.element) }
        var distinct: [(key: [UInt8], value: CBOR)] = []
        distinct.reserveCapacity(sorted.count)
        for entry in sorted.lazy.map(\.element) {
            if let last = distinct.last, last.key == entry.key {
                distinct[distinct.count - 1] = entry
            } else {
                distinct.append(entry)
            }
        }
        return distinct
    }

    /// Writes a scalar: the commonest as ``quickWrite(of:)`` reads them, the rest by
    /// ``writeOtherScalar(_:to:)``.
    @inline(__always)
    private func writeScalar(_ value: borrowing CBOR, to writer: inout ByteWriter) throws(CBORError) {
        if !write(quickWrite(of: value), to: &writer) {
            try writeOtherScalar(value, to: &writer)
        }
    }

    /// Writes a scalar ``quickWrite(of:)`` leaves to the caller (``QuickWrite/other``).
    @inline(__always)
    private func writeOtherScalar(_ value: borrowing CBOR, to writer: inout ByteWriter) throws(CBORError) {
        switch value {
        case .byteString(let bytes):
            writer.writeByteString(bytes)
        case .textString(let text):
            writer.writeText(text)
        case .simple(let simple):
            guard !(24...31).contains(simple) else {
                throw CBORError(
                    .unsupportedValue,
                    "simple value \(simple) has no well-formed encoding (RFC 8949 §3.3)")
            }
            writer.writeHead(major: 7, argument: UInt64(simple))
        case .undefined:
            writer.writeByte(0xf7)
        case .half(let half):
            if options.canonical {
                FloatWidth.writeShortest(Double(half), to: &writer)
            } else {
                writer.writeHalf(bitPattern: half.bitPattern)
            }
        case .float(let float):
            if options.canonical {
                FloatWidth.writeShortest(Double(float), to: &writer)
            } else {
                writer.writeFloat(float)
            }
        case .double(let double):
            if options.canonical {
                FloatWidth.writeShortest(double, to: &writer)
            } else {
                writer.writeDouble(double)
            }
        case .unsigned, .negative, .boolean, .null:
            break  // written by `quickWrite(of:)`
        case .array, .map, .tagged:
            break  // written by `write(_:to:)`
        }
    }
}

extension CBOR {
    /// Whether the value holds other values (an array, a map or a tag), which ``ValueWriter``
    /// walks with its stack instead of writing at once.
    var isContainer: Bool {
        switch self {
        case .array, .map, .tagged: return true
        default: return false
        }
    }
}
