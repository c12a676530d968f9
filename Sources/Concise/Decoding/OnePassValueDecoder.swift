/// Decodes into ``CBOR`` in one recursive pass over the bytes, with no tape: the value path's
/// first try, on either backend (heads come from the backend's head reader).
///
/// It handles the common case only: definite-length items nested less than
/// ``TapeValueBuilder/recursionLimit`` deep. At anything else (an indefinite-length item, deeper
/// nesting, or anything the scanner would report) it gives up and returns `nil`, and the caller
/// decodes the item again through the scanner and the tape. So it never reports an error of its
/// own: results and errors are exactly those of the general path. `FuzzDifferential` checks the
/// two against each other, with the native backend's one-pass decoder against the libcbor
/// backend's.
///
/// Giving up costs one partial pass; ``OnePassInput`` bounds the room containers reserve.
struct OnePassValueDecoder<Reader: HeadReader> {
    private var input: OnePassInput<Reader>
    private let maxDepth: Int
    private let allowsDuplicateKeys: Bool
    private var keyCache: MapKeyCache<CBOR>
    /// ``SmallString/isLaidOutAsExpected``, read once.
    private let smallStrings = SmallString.isLaidOutAsExpected

    /// A decoder over `bytes`, or `nil` when the general path must decode: an empty buffer (the
    /// general path reports it), or text that is not to be validated.
    init?(bytes: UnsafeBufferPointer<UInt8>, limits: ScanLimits, allowsDuplicateKeys: Bool) {
        guard limits.validatesUTF8, let input = OnePassInput<Reader>(bytes: bytes) else { return nil }
        self.input = input
        self.maxDepth = limits.maxDepth
        self.allowsDuplicateKeys = allowsDuplicateKeys
        self.keyCache = MapKeyCache(inputCount: bytes.count)
    }

    /// The item at `offset` and the offset just past it, or `nil` when the general path must
    /// decode it.
    mutating func decode(at offset: Int) -> (CBOR, Int)? {
        var position = offset
        guard let value = item(at: &position, depth: 0) else { return nil }
        return (value, position)
    }

    /// The item at `offset`, `depth` containers and tags below the root; moves `offset` past it.
    private mutating func item(at offset: inout Int, depth: Int) -> CBOR? {
        guard depth <= maxDepth, let head = input.head(at: &offset) else { return nil }
        let argument = head.argument
        switch head.kind {
        case .byteString, .textString:
            guard argument <= input.remaining(after: offset) else { return nil }
            if head.kind == .textString, smallStrings, let words = input.asciiWords(at: offset, count: argument) {
                offset &+= Int(argument)
                return .textString(SmallString.string(leading: words.leading, trailing: words.trailing))
            }
            let payload = input.payload(at: offset, count: Int(argument))
            offset &+= Int(argument)
            if head.kind == .byteString {
                return .byteString(Array(payload))
            }
            // On ill-formed text the general path reports where.
            guard UTF8Validation.firstInvalidIndex(in: payload) == nil else { return nil }
            return .textString(TapeValueBuilder.text(payload))
        case .array:
            guard argument <= input.remaining(after: offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            // Items are one level deeper: past the limit, the general path reports the first.
            guard argument == 0 || depth < maxDepth else { return nil }
            if argument <= UInt64(LiteralArrays.maximum) {
                return smallArray(count: Int(argument), at: &offset, depth: depth &+ 1)
            }
            // Integers and doubles, the commonest items, are read in the array's own loop
            // (``arrayItem``), without a call; a leading run of them is made in place when the
            // array is long (``leadingNumbers``).
            let reserved = input.reservation(for: argument)
            var items: [CBOR]
            if reserved >= Self.inPlaceMinimum, input.startsNumber(at: offset) {
                items = leadingNumbers(room: reserved, at: &offset)
            } else {
                items = []
                items.reserveCapacity(reserved)
            }
            var remaining = argument &- UInt64(items.count)
            while remaining > 0 {
                guard let item = arrayItem(at: &offset, depth: depth &+ 1) else { return nil }
                items.append(item)
                remaining &-= 1
            }
            return .array(items)
        case .map:
            guard argument <= input.remaining(after: offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            guard argument == 0 || depth < maxDepth else { return nil }
            return map(count: argument, at: &offset, depth: depth &+ 1)
        case .tag:
            guard depth < TapeValueBuilder.recursionLimit, let content = item(at: &offset, depth: depth &+ 1) else {
                return nil
            }
            return .tagged(argument, content)
        default:
            return TapeValueBuilder.scalar(kind: head.kind, argument: argument)
        }
    }

    /// An array of `count` items (at most ``LiteralArrays/maximum``, already checked against
    /// the bytes that remain and the depth limit), `depth` containers below the root; moves
    /// `offset` past it. The items are made on the stack, then moved into an array allocated
    /// as an array literal allocates its own: exactly `count` items, with none of the checks
    /// and calls of reserving room in an empty array (about 115 instructions an array less).
    private mutating func smallArray(count: Int, at offset: inout Int, depth: Int) -> CBOR? {
        withUnsafeTemporaryAllocation(of: CBOR.self, capacity: LiteralArrays.maximum) { slots -> CBOR? in
            // A temporary allocation of 8 items has an address; without one the general path decodes.
            guard let first = slots.baseAddress else { return nil }
            var made = 0
            while made < count {
                guard let item = arrayItem(at: &offset, depth: depth) else {
                    first.deinitialize(count: made)
                    return nil
                }
                (first + made).initialize(to: item)
                made &+= 1
            }
            return .array(LiteralArrays.array(moving: first, count: count))
        }
    }

    /// The fewest items for which an array that starts with a number makes its leading run
    /// of numbers in place (``leadingNumbers(room:at:)``). The initializer that allows it
    /// looks the array's storage type up at run time, about 500 instructions, where appending
    /// costs about 5 instructions a number more.
    static var inPlaceMinimum: Int { 128 }

    /// An array with room for `room` items that holds the leading run of numbers at `offset`
    /// (up to `room` of them), made in place; moves `offset` past them.
    private mutating func leadingNumbers(room: Int, at offset: inout Int) -> [CBOR] {
        [CBOR](unsafeUninitializedCapacity: room) { buffer, made in
            while made < room, let head = input.numberHead(at: &offset) {
                buffer.initializeElement(at: made, to: Self.number(head))
                made &+= 1
            }
        }
    }

    /// The value of a number head (``OnePassInput/numberHead(at:)``).
    @inline(__always)
    private static func number(_ head: Head) -> CBOR {
        // A number head is one of these three kinds.
        switch head.kind {
        case .double: return .double(Double(bitPattern: head.argument))
        case .unsigned: return .unsigned(head.argument)
        default: return .negative(head.argument)
        }
    }

    /// The item at `offset` when it is short ASCII text (``OnePassInput/shortASCIIText(at:)``)
    /// or, on the native backend, `false`, `true` or `null`, which the loops of arrays and maps
    /// make themselves, without a call; moves `offset` past it. `nil`, with `offset` unchanged,
    /// for anything else. Like a number, such an item is never over the depth limit: its
    /// container was checked to allow items one level deeper.
    @inline(__always)
    private mutating func shortItem(at offset: inout Int) -> CBOR? {
        if let text = shortASCIIText(at: &offset) {
            return text
        }
        guard Reader.self == NativeHeadReader.self, let initial = input.initialByte(at: offset) else { return nil }
        switch initial {
        case 0xf4: offset &+= 1; return .boolean(false)
        case 0xf5: offset &+= 1; return .boolean(true)
        case 0xf6: offset &+= 1; return .null
        default: return nil
        }
    }

    /// The text at `offset` when ``OnePassInput/shortASCIIText(at:)`` reads it (and small
    /// strings can be made from their words); moves `offset` past it. `nil`, with `offset`
    /// unchanged, otherwise.
    @inline(__always)
    private func shortASCIIText(at offset: inout Int) -> CBOR? {
        guard smallStrings, let text = input.shortASCIIText(at: offset) else { return nil }
        offset &+= text.length
        return .textString(SmallString.string(leading: text.leading, trailing: text.trailing))
    }

    /// The item of an array at `offset`, `depth` containers below the root: numbers and short
    /// items made here, the rest through ``item(at:depth:)``; moves `offset` past it.
    @inline(__always)
    private mutating func arrayItem(at offset: inout Int, depth: Int) -> CBOR? {
        if let head = input.numberHead(at: &offset) {
            return Self.number(head)
        }
        if let short = shortItem(at: &offset) {
            return short
        }
        if let container = arraySmallContainer(at: &offset, depth: depth) {
            return container
        }
        return item(at: &offset, depth: depth)
    }

    /// ``smallContainer(at:depth:)`` out of line, for ``arrayItem(at:depth:)``: the compiler
    /// then inlines that in the loops of arrays, which it does not do when it would recurse
    /// through a container made in line (numbers, the commonest items of long arrays, would pay
    /// a call each).
    @inline(never)
    private mutating func arraySmallContainer(at offset: inout Int, depth: Int) -> CBOR?? {
        smallContainer(at: &offset, depth: depth)
    }

    /// The array or map at `offset`, `depth` containers below the root, when its head is the
    /// one byte of a definite count of at most ``LiteralArrays/maximum`` and every check
    /// ``item(at:depth:)`` makes of it passes: made as that makes it, without its call and its
    /// reading of the head. Such a head (`0x80`–`0x88`, `0xa0`–`0xa8`) has nothing to check, on
    /// either backend, so it is read here. `.some(nil)` when it gives up inside; `nil`, with
    /// `offset` unchanged, for anything else (``item(at:depth:)`` then reads it, and gives up
    /// where it should).
    @inline(__always)
    private mutating func smallContainer(at offset: inout Int, depth: Int) -> CBOR?? {
        guard let initial = input.initialByte(at: offset) else { return nil }
        let count = Int(initial & 0x1f)
        let major = initial >> 5
        guard major == 4 || major == 5, count <= LiteralArrays.maximum,
              depth < TapeValueBuilder.recursionLimit, depth < maxDepth || (count == 0 && depth == maxDepth),
              UInt64(count) <= input.remaining(after: offset &+ 1)
        else { return nil }
        offset &+= 1
        if major == 4 {
            return .some(smallArray(count: count, at: &offset, depth: depth &+ 1))
        }
        return .some(map(count: UInt64(count), at: &offset, depth: depth &+ 1))
    }

    /// A map of `count` pairs (already checked against the bytes that remain and the depth
    /// limit), its keys and values `depth` containers below the root. Out of line, so that the
    /// key cache's code does not crowd the array loop in ``item(at:depth:)``.
    ///
    /// Entries are made as ``CBORMapEntry``, which the map destroys faster than tuples.
    @inline(never)
    private mutating func map(count: UInt64, at offset: inout Int, depth: Int) -> CBOR? {
        if allowsDuplicateKeys, count <= UInt64(LiteralArrays.maximum) {
            return smallMap(count: Int(count), at: &offset, depth: depth)
        }
        let room = input.reservation(for: count)
        guard allowsDuplicateKeys else { return mapOfDistinctKeys(count: count, room: room, at: &offset, depth: depth) }
        var entries: [CBORMapEntry] = []
        entries.reserveCapacity(room)
        for _ in 0..<count {
            guard let entry = entry(at: &offset, depth: depth) else { return nil }
            entries.append(entry)
        }
        return .map(CBORMap(decodedEntries: entries))
    }

    /// A map of `count` entries (at most ``LiteralArrays/maximum``) for a decoder that allows
    /// duplicate keys, made as ``smallArray(count:at:depth:)`` makes an array.
    @inline(__always)
    private mutating func smallMap(count: Int, at offset: inout Int, depth: Int) -> CBOR? {
        withUnsafeTemporaryAllocation(of: CBORMapEntry.self, capacity: LiteralArrays.maximum) { slots -> CBOR? in
            // A temporary allocation of 8 items has an address; without one the general path decodes.
            guard let first = slots.baseAddress else { return nil }
            var made = 0
            while made < count {
                guard let entry = entry(at: &offset, depth: depth) else {
                    first.deinitialize(count: made)
                    return nil
                }
                (first + made).initialize(to: entry)
                made &+= 1
            }
            return .map(CBORMap(decodedEntries: LiteralArrays.array(moving: first, count: count)))
        }
    }

    /// A map as ``map(count:at:depth:)`` makes it, with room for `room` entries, for a decoder
    /// that refuses duplicate keys: gives up at the first key seen before (the general path
    /// reports it).
    private mutating func mapOfDistinctKeys(count: UInt64, room: Int, at offset: inout Int, depth: Int) -> CBOR? {
        var entries: [CBORMapEntry] = []
        entries.reserveCapacity(room)
        var seenKeys = Set<CBOR>(minimumCapacity: room)
        for _ in 0..<count {
            guard let entry = entry(at: &offset, depth: depth), seenKeys.insert(entry.key).inserted else { return nil }
            entries.append(entry)
        }
        return .map(CBORMap(decodedEntries: entries))
    }

    /// The map entry at `offset`, `depth` containers below the root; moves `offset` past it.
    /// Numbers and short items are made here, the rest through ``item(at:depth:)``.
    @inline(__always)
    private mutating func entry(at offset: inout Int, depth: Int) -> CBORMapEntry? {
        guard let key = key(at: &offset, depth: depth) else { return nil }
        if let head = input.numberHead(at: &offset) {
            return CBORMapEntry(key: key, value: Self.number(head))
        }
        if let value = shortItem(at: &offset) {
            return CBORMapEntry(key: key, value: value)
        }
        guard let value = smallContainer(at: &offset, depth: depth) ?? item(at: &offset, depth: depth) else { return nil }
        return CBORMapEntry(key: key, value: value)
    }

    /// The map key at `offset`, `depth` containers below the root; moves `offset` past it.
    /// Short ASCII keys are made from their words, which costs less than a look-up; other
    /// short text keys come from the key cache, or are made (and kept there while it runs).
    @inline(__always)
    private mutating func key(at offset: inout Int, depth: Int) -> CBOR? {
        if let text = shortASCIIText(at: &offset) {
            return text
        }
        guard let text = input.shortText(at: offset) else { return item(at: &offset, depth: depth) }
        guard let key = keyCache.key(for: text, make: { .textString($0) }) else { return nil }
        offset &+= 1 &+ text.count
        return key
    }
}
