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
        guard let value = item(at: &position, depth: 0) else { return nil }
        return (value, position)
    }

    /// The item at `offset`, `depth` containers below the root; moves `offset` past it.
    private mutating func item(at offset: inout Int, depth: Int) -> Any? {
        guard depth <= maxDepth, let head = input.head(at: &offset) else { return nil }
        let argument = head.argument
        switch head.kind {
        case .unsigned, .negative:
            return Self.integer(head)
        case .byteString:
            guard argument <= input.remaining(after: offset) else { return nil }
            defer { offset &+= Int(argument) }
            return Array(input.payload(at: offset, count: Int(argument)))
        case .textString:
            return text(length: argument, at: &offset)
        case .array:
            guard argument <= input.remaining(after: offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            guard argument == 0 || depth < maxDepth else { return nil }
            var items: [Any] = []
            items.reserveCapacity(input.reservation(for: argument))
            for _ in 0..<argument {
                // Doubles and integers, the commonest items, go in as their own type: no trip
                // through an optional `Any`.
                if let head = input.numberHead(at: &offset) {
                    if head.kind == .double {
                        items.append(Double(bitPattern: head.argument))
                    } else if head.kind == .unsigned && head.argument <= UInt64(Int.max) {
                        items.append(Int(head.argument))
                    } else {
                        guard let integer = Self.integer(head) else { return nil }
                        items.append(integer)
                    }
                    continue
                }
                guard let item = item(at: &offset, depth: depth &+ 1) else { return nil }
                items.append(item)
            }
            return items
        case .map:
            guard argument <= input.remaining(after: offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            return map(count: Int(argument), at: &offset, depth: depth &+ 1)
        case .simple:
            switch argument {
            case 20: return false
            case 21: return true
            case 22: return DynamicDecoder.null
            case 23: return CBORUndefined.undefined
            default: return CBORSimpleValue(UInt8(truncatingIfNeeded: argument))
            }
        case .half:
            return Double(Float16(bitPattern: UInt16(truncatingIfNeeded: argument)))
        case .float:
            return Double(Float(bitPattern: UInt32(truncatingIfNeeded: argument)))
        case .double:
            return Double(bitPattern: argument)
        case .tag, .breakCode:
            return nil
        }
    }

    /// An integer head's value as the general path makes it: `Int` where it fits, `UInt64`
    /// above; `nil` below `Int.min` (a big integer, left to the general path).
    @inline(__always)
    private static func integer(_ head: Head) -> Any? {
        switch (head.kind, head.argument <= UInt64(Int.max)) {
        case (.unsigned, true): return Int(head.argument)
        case (.unsigned, false): return head.argument
        case (.negative, true): return -1 - Int(head.argument)
        default: return nil
        }
    }

    /// The text payload of `length` bytes at `offset`, validated; moves `offset` past it.
    @inline(__always)
    private func text(length: UInt64, at offset: inout Int) -> String? {
        guard length <= input.remaining(after: offset) else { return nil }
        let payload = input.payload(at: offset, count: Int(length))
        // On ill-formed text the general path reports where.
        guard UTF8Validation.firstInvalidIndex(in: payload) == nil else { return nil }
        offset &+= Int(length)
        return TapeValueBuilder.text(payload)
    }

    /// A map of `count` pairs (`count` already checked against the bytes that remain), built as
    /// ``DynamicDecoder`` builds it: the leading run of distinct text keys (``DistinctTextKeys``),
    /// the rest through `updateValue`.
    private mutating func map(count: Int, at offset: inout Int, depth: Int) -> Any? {
        var keys: [AnyHashable] = []
        var values: [Any] = []
        let reserved = input.reservation(for: UInt64(count))
        var texts = DistinctTextKeys(count: count, reserving: reserved)
        keys.reserveCapacity(reserved)
        values.reserveCapacity(reserved)
        while keys.count < count, let initial = input.initialByte(at: offset), initial >> 5 == 3, initial & 0x1f < 28 {
            let keyOffset = offset
            guard depth <= maxDepth, let text = textKey(at: &offset) else { return nil }
            guard texts.insert(text) else {
                offset = keyOffset
                break
            }
            keys.append(AnyHashable(text))
            guard let value = item(at: &offset, depth: depth) else { return nil }
            values.append(value)
        }
        var map = OrderedDictionary<AnyHashable, Any>(uncheckedUniqueKeys: keys, values: values)
        for _ in keys.count..<count {
            guard let key = item(at: &offset, depth: depth), let hashableKey = plainKey(key),
                  let value = item(at: &offset, depth: depth)
            else { return nil }
            if map.updateValue(value, forKey: hashableKey) != nil && !allowsDuplicateKeys {
                return nil
            }
        }
        return map
    }

    /// The text key at `offset`, whose head is a definite-length text's; moves `offset` past it.
    /// Short keys come from the key cache, or are made and kept there.
    @inline(__always)
    private mutating func textKey(at offset: inout Int) -> String? {
        guard let payload = input.shortText(at: offset), let probe = keyCache.probe(payload) else {
            guard let head = input.head(at: &offset) else { return nil }
            return text(length: head.argument, at: &offset)
        }
        if let text = keyCache[probe] {
            offset &+= 1 &+ payload.count
            return text
        }
        // On ill-formed text the general path reports where.
        guard UTF8Validation.firstInvalidIndex(in: payload) == nil else { return nil }
        let text = TapeValueBuilder.text(payload)
        keyCache.keep(text, for: probe)
        offset &+= 1 &+ payload.count
        return text
    }

    /// A decoded key as the general path keys it: text always, and `Int` where the options allow
    /// other keys than strings; `nil` for anything else, which the general path decodes.
    private func plainKey(_ key: Any) -> AnyHashable? {
        // Exact types first: casting an array to `String` would bridge it through Foundation.
        if type(of: key) == String.self, let text = key as? String { return AnyHashable(text) }
        if !strictHashableTypes, type(of: key) == Int.self, let integer = key as? Int { return AnyHashable(integer) }
        return nil
    }
}
