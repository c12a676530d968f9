import Foundation
import OrderedCollections

/// Decodes into Swift values (the `Any` path) in one recursive pass over the bytes, with no
/// tape: `decode(from:)`'s first try, on either backend, when no option could make a value
/// depend on anything but its own bytes (no object hook, strict text, not immutable).
///
/// It handles plain data only: definite-length numbers, strings, simple values, arrays, and maps
/// whose keys are text or `Int`, nested less than ``TapeValueBuilder/recursionLimit`` deep.
/// At anything else (a tag, which may have a semantic decoder, a hook or a shared value; an
/// indefinite-length item; a repeated key the options refuse; anything the scanner would report)
/// it gives up and returns `nil`, and the caller decodes the item again through the scanner and
/// ``DynamicDecoder``. So it never reports an error of its own, and it builds exactly the values
/// ``DynamicDecoder`` builds: the test suite and `FuzzDifferential` compare the two.
struct OnePassAnyDecoder<Reader: HeadReader> {
    private var input: OnePassInput<Reader>
    private let maxDepth: Int
    private let allowsDuplicateKeys: Bool
    private let strictHashableTypes: Bool
    private var keyCache: MapKeyCache<String>
    /// ``SmallString/isLaidOutAsExpected``, read once.
    private let smallStrings = SmallString.isLaidOutAsExpected
    /// The stack of words on which ``DistinctTextKeys`` keeps the short keys of the runs
    /// being decoded.
    private var keyWords: [UInt64] = []
    /// At each depth, the last run of keys that were all short text: a map whose leading
    /// keys are the same, as every record of a list repeats them, shares that key storage
    /// instead of making its own.
    private var previousRuns: [SharedKeyRun] = []

    /// A decoder over `bytes` with `options`, or `nil` when the options need the general path
    /// (or the buffer is empty, which the general path reports).
    init?(bytes: UnsafeBufferPointer<UInt8>, options: CBORDecoder) {
        guard options.objectHook == nil, options.stringErrors == .strict, !options.immutable,
              let input = OnePassInput<Reader>(bytes: bytes)
        else { return nil }
        self.input = input
        self.maxDepth = options.scanLimits.maxDepth
        self.allowsDuplicateKeys = options.allowsDuplicateKeys
        self.strictHashableTypes = options.strictHashableTypes
        self.keyCache = MapKeyCache(inputCount: bytes.count)
    }

    /// The item at `offset` and the offset just past it, or `nil` when the general path must
    /// decode it.
    mutating func decode(at offset: Int) -> (Any, Int)? {
        var position = offset
        var root: [Any] = []
        guard append(itemAt: &position, depth: 0, to: &root), let value = root.popLast() else { return nil }
        return (value, position)
    }

    /// Decodes the item at `offset`, `depth` containers below the root, and appends it to
    /// `values`; moves `offset` past it. `false` when the general path must decode it.
    ///
    /// Values are made in their container's storage: returned as an `Any`, each would be copied
    /// into its container (and a map's whole dictionary with it) and the original destroyed.
    private mutating func append(itemAt offset: inout Int, depth: Int, to values: inout [Any]) -> Bool {
        guard depth <= maxDepth, let head = input.head(at: &offset) else { return false }
        let argument = head.argument
        switch head.kind {
        case .unsigned, .negative:
            return Self.append(integer: head, to: &values)
        case .byteString:
            guard argument <= input.remaining(after: offset) else { return false }
            values.append(Array(input.payload(at: offset, count: Int(argument))))
            offset &+= Int(argument)
        case .textString:
            guard let text = text(length: argument, at: &offset) else { return false }
            values.append(text)
        case .array:
            guard argument <= input.remaining(after: offset), depth < TapeValueBuilder.recursionLimit else { return false }
            guard argument == 0 || depth < maxDepth else { return false }
            guard let items = array(count: argument, at: &offset, depth: depth &+ 1) else { return false }
            values.append(items)
        case .map:
            guard argument <= input.remaining(after: offset), depth < TapeValueBuilder.recursionLimit,
                  let map = map(count: Int(argument), at: &offset, depth: depth &+ 1)
            else { return false }
            values.append(map)
        case .simple:
            switch argument {
            case 20: values.append(false)
            case 21: values.append(true)
            case 22: values.append(DynamicDecoder.null)
            case 23: values.append(CBORUndefined.undefined)
            default:
                // 24–31 take two bytes, and the reader refuses them.
                guard let simple = CBORSimpleValue(UInt8(truncatingIfNeeded: argument)) else { return false }
                values.append(simple)
            }
        case .half:
            values.append(Double(Float16(bitPattern: UInt16(truncatingIfNeeded: argument))))
        case .float:
            values.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: argument))))
        case .double:
            values.append(Double(bitPattern: argument))
        case .tag, .breakCode:
            return false
        }
        return true
    }

    /// An array of `count` items (already checked against the bytes that remain and the depth
    /// limit), `depth` containers below the root.
    private mutating func array(count: UInt64, at offset: inout Int, depth: Int) -> [Any]? {
        // Doubles and integers, the commonest items, are read in the array's own loop; a
        // leading run of them made in place when the array is long (``leadingNumbers``), or else
        // in a loop that passes `items` to no call, so the optimizer can leave out the check
        // that it is unshared before every append.
        let reserved = input.reservation(for: count)
        var items: [Any]
        if reserved >= Self.inPlaceMinimum, input.startsNumber(at: offset) {
            guard let numbers = leadingNumbers(room: reserved, at: &offset) else { return nil }
            items = numbers
        } else {
            items = []
            items.reserveCapacity(reserved)
            while items.count < count, let head = input.numberHead(at: &offset) {
                guard Self.append(number: head, to: &items) else { return nil }
            }
        }
        var remaining = count &- UInt64(items.count)
        while remaining > 0 {
            guard append(quickItemAt: &offset, to: &items) || append(itemAt: &offset, depth: depth, to: &items) else {
                return nil
            }
            remaining &-= 1
        }
        return items
    }

    /// Appends the item at `offset` when the loops of arrays and maps make it themselves,
    /// without a call: an integer the general path makes an `Int` or `UInt64`, a double,
    /// short ASCII text (``OnePassInput/shortASCIIText(at:)``) and, on the native backend,
    /// `false`, `true` and `null`. Moves `offset` past it; `false`, with `offset` unchanged,
    /// for anything else. Such an item is never over the depth limit: its container was
    /// checked to allow items one level deeper.
    @inline(__always)
    private mutating func append(quickItemAt offset: inout Int, to values: inout [Any]) -> Bool {
        let start = offset
        if let head = input.numberHead(at: &offset) {
            guard Self.append(number: head, to: &values) else {
                offset = start
                return false
            }
            return true
        }
        if smallStrings, let text = input.shortASCIIText(at: offset) {
            offset &+= text.length
            values.append(SmallString.string(leading: text.leading, trailing: text.trailing))
            return true
        }
        guard Reader.self == NativeHeadReader.self, let initial = input.initialByte(at: offset) else { return false }
        switch initial {
        case 0xf4: values.append(false)
        case 0xf5: values.append(true)
        case 0xf6: values.append(DynamicDecoder.null)
        default: return false
        }
        offset &+= 1
        return true
    }

    /// Appends a number head's value (``OnePassInput/numberHead(at:)``: a double or an
    /// integer); `false` for an integer the general path must decode.
    @inline(__always)
    private static func append(number head: Head, to values: inout [Any]) -> Bool {
        guard head.kind == .double else { return append(integer: head, to: &values) }
        values.append(Double(bitPattern: head.argument))
        return true
    }

    /// The fewest items for which an array that starts with a number makes its leading run
    /// of numbers in place (``leadingNumbers(room:at:)``). The initializer that allows it
    /// looks the array's storage type up at run time, about 500 instructions, where appending
    /// costs about 25 instructions a number more.
    static var inPlaceMinimum: Int { 32 }

    /// An array with room for `room` items that holds the leading run of numbers at `offset`
    /// (up to `room` of them), made in place; moves `offset` past them. `nil` at a number the
    /// general path must decode.
    private mutating func leadingNumbers(room: Int, at offset: inout Int) -> [Any]? {
        var complete = true
        let items = [Any](unsafeUninitializedCapacity: room) { buffer, made in
            while made < room, let head = input.numberHead(at: &offset) {
                guard Self.initialize(buffer.baseAddress.unsafelyUnwrapped + made, number: head) else {
                    complete = false
                    return
                }
                made &+= 1
            }
        }
        return complete ? items : nil
    }

    /// Initializes `slot` with a number head's value, as ``append(number:to:)`` appends it;
    /// `false`, with `slot` left uninitialized, below `Int.min`. (Returning the value as an
    /// optional `Any` instead costs 20 instructions more a number.)
    @inline(__always)
    private static func initialize(_ slot: UnsafeMutablePointer<Any>, number head: Head) -> Bool {
        switch (head.kind, head.argument <= UInt64(Int.max)) {
        case (.double, _): slot.initialize(to: Double(bitPattern: head.argument))
        case (.unsigned, true): slot.initialize(to: Int(head.argument))
        case (.unsigned, false): slot.initialize(to: head.argument)
        case (.negative, true): slot.initialize(to: -1 - Int(head.argument))
        default: return false
        }
        return true
    }

    /// Appends an integer head's value as the general path makes it: `Int` where it fits,
    /// `UInt64` above; `false` below `Int.min` (a big integer, left to the general path).
    @inline(__always)
    private static func append(integer head: Head, to values: inout [Any]) -> Bool {
        switch (head.kind, head.argument <= UInt64(Int.max)) {
        case (.unsigned, true): values.append(Int(head.argument))
        case (.unsigned, false): values.append(head.argument)
        case (.negative, true): values.append(-1 - Int(head.argument))
        default: return false
        }
        return true
    }

    /// The text payload of `length` bytes at `offset`, validated; moves `offset` past it.
    @inline(__always)
    private func text(length: UInt64, at offset: inout Int) -> String? {
        guard length <= input.remaining(after: offset) else { return nil }
        if smallStrings, let words = input.asciiWords(at: offset, count: length) {
            offset &+= Int(length)
            return SmallString.string(leading: words.leading, trailing: words.trailing)
        }
        let payload = input.payload(at: offset, count: Int(length))
        // On ill-formed text the general path reports where.
        guard UTF8Validation.firstInvalidIndex(in: payload) == nil else { return nil }
        offset &+= Int(length)
        return TapeValueBuilder.text(payload)
    }

    /// A map of `count` pairs (`count` already checked against the bytes that remain), built as
    /// ``DynamicDecoder`` builds it: the leading run of distinct text keys (``DistinctTextKeys``),
    /// the rest through `updateValue`.
    ///
    /// While the leading keys are those of the last run at this depth, byte for byte, they are
    /// only counted: the map then takes that run's key storage (or its first keys), and makes
    /// no key of its own. At the first key that differs, the shared ones join the run as any
    /// other, and the map goes on as usual.
    private mutating func map(count: Int, at offset: inout Int, depth: Int) -> OrderedDictionary<AnyHashable, Any>? {
        var keys: [AnyHashable] = []
        var values: [Any] = []
        let reserved = input.reservation(for: UInt64(count))
        var texts = DistinctTextKeys(count: count, reserving: reserved, words: keyWords)
        values.reserveCapacity(reserved)
        let previous = depth < previousRuns.count ? previousRuns[depth] : SharedKeyRun()
        var sharing = !previous.keys.isEmpty && count <= DistinctTextKeys.linearSearchLimit
        var shared = 0
        if !sharing {
            keys.reserveCapacity(reserved)
        }
        while shared &+ keys.count < count, let initial = input.initialByte(at: offset), initial >> 5 == 3, initial & 0x1f < 28 {
            guard depth <= maxDepth else { return nil }
            let shortBytes = input.shortText(at: offset)
            if sharing {
                if shared < previous.keys.count, let bytes = shortBytes, previous.holds(bytes, at: shared) {
                    shared &+= 1
                    offset &+= 1 &+ bytes.count
                    guard append(quickItemAt: &offset, to: &values) || append(itemAt: &offset, depth: depth, to: &values)
                    else { return nil }
                    continue
                }
                // The keys part ways here: the shared ones join the run.
                sharing = false
                keys.reserveCapacity(reserved)
                for index in 0..<shared {
                    keys.append(previous.keys[index])
                    texts.insertDistinct(
                        leading: previous.words[2 * index], trailing: previous.words[2 * index + 1], words: &keyWords)
                }
                shared = 0
            }
            let keyOffset = offset
            guard let text = textKey(at: &offset) else { return nil }
            // A short key is compared by its bytes (validated by now), any other as a `String`.
            guard texts.insert(text, shortBytes: shortBytes, words: &keyWords) else {
                offset = keyOffset
                break
            }
            keys.append(AnyHashable(text))
            guard append(quickItemAt: &offset, to: &values) || append(itemAt: &offset, depth: depth, to: &values)
            else { return nil }
        }
        if sharing {
            keys = shared == previous.keys.count ? previous.keys : Array(previous.keys[..<shared])
        } else if !keys.isEmpty, let words = texts.shortWords(in: keyWords), depth < TapeValueBuilder.recursionLimit {
            remember(keys, words: words, at: depth)
        }
        texts.end(words: &keyWords)
        let leadingCount = keys.count
        var map = OrderedDictionary<AnyHashable, Any>(uncheckedUniqueKeys: keys, values: values)
        var value: [Any] = []
        for _ in leadingCount..<count {
            guard let key = key(at: &offset, depth: depth),
                  append(itemAt: &offset, depth: depth, to: &value), let last = value.popLast()
            else { return nil }
            if map.updateValue(last, forKey: key) != nil && !allowsDuplicateKeys {
                return nil
            }
        }
        return map
    }

    /// Keeps `keys`, whose words are `words`, as the last run of short keys at `depth`, in the
    /// room the run before it had.
    private mutating func remember(_ keys: [AnyHashable], words: ArraySlice<UInt64>, at depth: Int) {
        while previousRuns.count <= depth {
            previousRuns.append(SharedKeyRun())
        }
        previousRuns[depth].keys = keys
        previousRuns[depth].words.removeAll(keepingCapacity: true)
        previousRuns[depth].words.append(contentsOf: words)
    }

    /// The text key at `offset`, whose head is a definite-length text's; moves `offset` past it.
    /// Short keys come from the key cache, or are made (and kept there while it runs).
    @inline(__always)
    private mutating func textKey(at offset: inout Int) -> String? {
        guard let payload = input.shortText(at: offset) else {
            guard let head = input.head(at: &offset) else { return nil }
            return text(length: head.argument, at: &offset)
        }
        guard let text = keyCache.key(for: payload, make: { $0 }) else { return nil }
        offset &+= 1 &+ payload.count
        return text
    }

    /// A key after the leading run of distinct text keys, as the general path keys it: text
    /// always, and `Int` where the options allow other keys than strings; `nil` for anything
    /// else, which the general path decodes.
    private mutating func key(at offset: inout Int, depth: Int) -> AnyHashable? {
        guard depth <= maxDepth, let initial = input.initialByte(at: offset) else { return nil }
        if initial >> 5 == 3 {
            return textKey(at: &offset).map { AnyHashable($0) }
        }
        guard !strictHashableTypes, let head = input.head(at: &offset), head.argument <= UInt64(Int.max) else { return nil }
        switch head.kind {
        case .unsigned: return AnyHashable(Int(head.argument))
        case .negative: return AnyHashable(-1 - Int(head.argument))
        default: return nil
        }
    }
}

/// A run of distinct short text map keys, and their ``ShortTextWords`` (two each, in order).
private struct SharedKeyRun {
    var keys: [AnyHashable] = []
    var words: [UInt64] = []

    /// Whether the key at `index` has the bytes `bytes` (at most 15, with 16 readable).
    @inline(__always)
    func holds(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        let (leading, trailing) = ShortTextWords.load(UnsafeRawPointer(start), count: bytes.count)
        return words[2 &* index] == leading && words[2 &* index &+ 1] == trailing
    }
}
