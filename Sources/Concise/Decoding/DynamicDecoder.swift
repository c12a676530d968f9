import Foundation
import OrderedCollections

/// Decodes the tape into Swift values the way cbor2's `loads` does: hooks, semantic decoders,
/// immutability, value sharing (tags 28/29) and string references (tags 256/25).
///
/// It recurses once per array, map and tag, and holds the nesting to ``CBORDecoder/maxDepth``
/// as cbor2 counts it (see ``depth``); the scanner has already bounded the items it recurses
/// through (twice that at most, when every other one is a tag 28, and never more than
/// ``CBORDecoder/maxDepthCeiling``).
final class DynamicDecoder {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let tape: [TapeEntry]
    private let options: CBORDecoder
    /// ``CBORDecoder/maxDepth``, at most ``CBORDecoder/maxDepthCeiling``.
    private let maxDepth: Int
    private var index = 0
    /// Values of tag 28, by index; `nil` while one is still being decoded.
    private var shared: [Any?] = []
    /// How many levels each tag-28 value takes from where it stands, as cbor2 counts them (its
    /// `value_depth`): its tag's level and those of its items below it, counted as ``depth``
    /// counts; 0 while the value is being decoded, as cbor2 registers an unfinished container.
    /// Unchecked as ``depth`` is.
    @exclusivity(unchecked) private var sharedHeights: [Int] = []
    /// The levels open around the item being decoded, as cbor2's decoder counts its frames:
    /// every tag, every array or map but a definite empty one, except that a container cbor2
    /// registers before its content (a mutable list, dict or set, a tag nothing decodes, a
    /// shareable semantic decoder's instance) takes the level of a tag 28 right around it
    /// (``takesLevelOfShareable(_:immutable:)``). Only this class's own methods, which never
    /// overlap two accesses, touch it: unchecked, it costs no run-time exclusivity check (about
    /// 35 instructions an access) on every array, map and tag.
    @exclusivity(unchecked) private var depth = 0
    /// The deepest item since the innermost tag-28 value began (or since the start), with
    /// references counted at the depth their value reaches where they stand; unchecked as
    /// ``depth`` is.
    @exclusivity(unchecked) private var deepest = 0
    /// The tag-28 indices that some tag 29 refers to: only those containers get identity.
    private let referencedShares: ReferencedShares
    /// The tag-28 slot, and the tape index of its content, that a shareable semantic decoder
    /// fills before its own content is decoded.
    private var pendingShare: (slot: Int, contentIndex: Int)?
    /// Shared values whose box or instance is registered but whose content is being decoded:
    /// a reference to one of them makes a cycle.
    private var unfinishedShares: Set<Int> = []
    /// The boxes of ``unfinishedShares``, whose Python hashability is not known until their
    /// content is complete.
    private var unfinishedBoxes: Set<ObjectIdentifier> = [] {
        didSet { unfinishedGeneration &+= 1 }
    }
    /// Changes whenever ``unfinishedBoxes`` does, so that ``hashMemo`` knows which of its
    /// verdicts still hold.
    private var unfinishedGeneration = 0
    /// Boxes found hashable as keys so far (``PythonHashability/Memo``).
    private var hashMemo = PythonHashability.Memo()
    /// Names map keys and set members as Python compares them, seeing through the boxes of
    /// immutable containers; made only where a tag 29 stands in the input.
    private lazy var pythonEquality = PythonEquality(budget: hashedByteStrings)
    /// The byte strings map keys and set members may hash in all; `nil` when the input holds no
    /// string reference (tag 25), without which they never pass the budget.
    private let hashedByteStrings: HashedByteStrings?
    /// The one `NSNull` every decoded null is. On Linux each `NSNull()` is a new object whose
    /// hash is its address while any two compare equal, which breaks `Hashable`: a set holding
    /// two nulls traps when it grows (found by FuzzDecodeAny).
    static let null = NSNull()
    /// The boxes made for shared values, emptied if the decode fails.
    private var boxes: [CBORSharedValue] = []
    /// String-reference namespaces (tag 256), innermost last.
    private var namespaces: [[Any]] = []

    init(bytes: UnsafeBufferPointer<UInt8>, tape: [TapeEntry], options: CBORDecoder, startIndex: Int = 0) {
        self.bytes = bytes
        self.tape = tape
        self.options = options
        self.maxDepth = options.scanLimits.maxDepth
        self.index = startIndex
        let references = Self.references(in: tape)
        self.referencedShares = references.shares
        self.hashedByteStrings = references.strings ? HashedByteStrings(inputCount: bytes.count) : nil
    }

    func decode() throws -> Any {
        do {
            let value = try decodeItem(immutable: options.immutable)
            if !boxes.isEmpty {
                releaseUnreachableBoxes(from: value)
            }
            return value
        } catch {
            // A box finished before the error may hold a cycle that nothing outside refers to:
            // emptied, everything this failed decode built can be freed.
            for box in boxes {
                box.value = NSNull()
            }
            throw error
        }
    }

    /// Empties the boxes the result cannot reach. A repeated map key drops the earlier value,
    /// and a cycle inside it would outlive the decode with nothing left to break it. Only the
    /// decoder's own containers are followed, so when a hook or semantic decoder of the caller
    /// ran (its results are opaque and may hold boxes) every box is kept.
    private func releaseUnreachableBoxes(from root: Any) {
        guard options.objectHook == nil, options.tagHook == nil, options.semanticDecoders.isEmpty else { return }
        var reachable = Set<ObjectIdentifier>()
        var pending: [Any] = [root]
        while let next = pending.popLast() {
            // A class cast only for class instances: on Linux, casting a Swift set or array to a
            // class bridges it through Foundation first, which can trap on mixed members.
            if type(of: next) is AnyClass {
                if let box = next as? CBORSharedValue, reachable.insert(ObjectIdentifier(box)).inserted {
                    pending.append(box.value)
                }
                continue
            }
            switch next {
            case let items as [Any] where type(of: next) == [Any].self:
                pending.append(contentsOf: items)
            case let items as [AnyHashable] where type(of: next) == [AnyHashable].self:
                pending.append(contentsOf: items.lazy.map(\.base))
            case let map as OrderedDictionary<AnyHashable, Any>:
                for (key, value) in map {
                    pending.append(key.base)
                    pending.append(value)
                }
            case let map as OrderedDictionary<AnyHashable, AnyHashable>:
                for (key, value) in map {
                    pending.append(key.base)
                    pending.append(value.base)
                }
            case let set as Set<AnyHashable> where type(of: next) == Set<AnyHashable>.self:
                pending.append(contentsOf: set.lazy.map(\.base))
            case let set as CBORFrozenSet:
                pending.append(contentsOf: set.lazy.map(\.base))
            case let tag as CBORTag:
                pending.append(tag.value.base)
            default:
                break
            }
        }
        for box in boxes where !reachable.contains(ObjectIdentifier(box)) {
            box.value = NSNull()
        }
    }

    // MARK: Items    // MARK: Items

    private func decodeItem(immutable: Bool) throws -> Any {
        let entry = tape[index]
        switch entry.kind {
        case .unsigned:
            index += 1
            return entry.argument <= UInt64(Int.max) ? Int(entry.argument) : entry.argument as Any
        case .negative:
            index += 1
            if entry.argument <= UInt64(Int.max) { return -1 - Int(entry.argument) }
            return CBORBigInt(isNegative: true, magnitude: CBORBigInt.plusOne(bigEndianBytes(entry.argument)))
        case .byteString, .textString:
            return try decodeString(entry)
        case .array:
            return try decodeArray(entry, immutable: immutable)
        case .map:
            return try decodeMap(entry, immutable: immutable)
        case .tag:
            index += 1
            try enter(entry)
            defer { depth -= 1 }
            // The content of a reference (tags 29 and 25) is an index, not an item of the
            // value: the reference counts at the depth its value reaches.
            if entry.argument != 29 && entry.argument != 25 {
                deepest = max(deepest, depth)
            }
            return try decodeTag(entry, at: index - 1, immutable: immutable)
        case .simple:
            index += 1
            switch entry.argument {
            case 20: return false
            case 21: return true
            case 22: return Self.null
            case 23: return CBORUndefined.undefined
            default:
                // The scanner has refused the reserved values, for which there is none.
                guard let simple = CBORSimpleValue(UInt8(truncatingIfNeeded: entry.argument)) else {
                    throw CBORError(.malformed, offset: entry.offset, "simple value \(entry.argument) is reserved")
                }
                return simple
            }
        case .half:
            index += 1
            return Double(Float16(bitPattern: UInt16(truncatingIfNeeded: entry.argument)))
        case .float:
            index += 1
            return Double(Float(bitPattern: UInt32(truncatingIfNeeded: entry.argument)))
        case .double:
            index += 1
            return Double(bitPattern: entry.argument)
        case .breakCode:
            throw CBORError(.malformed, offset: entry.offset, "a break stop code on the tape")
        }
    }

    private func decodeArray(_ entry: TapeEntry, immutable: Bool) throws -> Any {
        index += 1
        let count = Int(entry.argument)
        let counted = count > 0 || entry.isIndefinite
        if counted {
            try enter(entry)
            deepest = max(deepest, depth)
        }
        defer { if counted { depth -= 1 } }
        if immutable {
            var items: [AnyHashable] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                items.append(try hashable(try decodeItem(immutable: true), at: entry.offset))
            }
            return items
        }
        var items: [Any] = []
        items.reserveCapacity(count)
        for _ in 0..<count {
            // Doubles and integers, the commonest items, go in as their own type: no trip
            // through `Any` and its value witnesses.
            let next = tape[index]
            switch next.kind {
            case .double:
                index += 1
                items.append(Double(bitPattern: next.argument))
            case .unsigned where next.argument <= UInt64(Int.max):
                index += 1
                items.append(Int(next.argument))
            default:
                items.append(try decodeItem(immutable: false))
            }
        }
        return items
    }

    private func decodeMap(_ entry: TapeEntry, immutable: Bool) throws -> Any {
        index += 1
        let count = Int(entry.argument)
        let counted = count > 0 || entry.isIndefinite
        if counted {
            try enter(entry)
            deepest = max(deepest, depth)
        }
        defer { if counted { depth -= 1 } }
        // Leading text keys that are all different, the usual case, are compared as `String`s,
        // and the map is made from them without a lookup per key: `AnyHashable`'s `==` looks up
        // runtime metadata on every call. The first other key, or a repeated one, ends the run;
        // the rest of the map goes through `updateValue`, which reports a repeat.
        var keys: [AnyHashable] = []
        var values: [Any] = []
        var texts = DistinctTextKeys(count: count, reserving: count)
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
        while keys.count < count, let text = plainText(at: index), texts.insert(text) {
            index += 1
            keys.append(AnyHashable(text))
            values.append(try decodeItem(immutable: immutable))
        }
        var map = OrderedDictionary<AnyHashable, Any>(uncheckedUniqueKeys: keys, values: values)
        // The keys by their Python names, from the first key that holds a shared box on.
        var pythonKeys: [PythonEquality.Key: AnyHashable]?
        for _ in keys.count..<count {
            let keyOffset = tape[index].offset
            var key = try hashable(try decodeItem(immutable: true), at: keyOffset, asKey: true)
            let value = try decodeItem(immutable: immutable)
            if !referencedShares.isEmpty {
                key = try keptKey(for: key, at: keyOffset, in: map, pythonKeys: &pythonKeys)
            }
            if map.updateValue(value, forKey: key) != nil && !options.allowsDuplicateKeys {
                throw CBORError(.duplicateMapKey, offset: keyOffset, "this map key occurs earlier in the same map")
            }
        }
        if let hook = options.objectHook {
            let result = try hook(map, immutable)
            return immutable ? try hashable(result, at: entry.offset).base : result
        }
        guard immutable else { return map }
        var frozen = OrderedDictionary<AnyHashable, AnyHashable>(minimumCapacity: map.count)
        for (key, value) in map {
            frozen[key] = try hashable(value, at: entry.offset)
        }
        return frozen
    }

    /// Opens a level for the tag, array or map `entry`, whose first item (if any) is next on
    /// the tape; the caller closes it (`depth -= 1`). cbor2 refuses to open a level past
    /// `max_depth`; the error is reported at the first item inside it, as the scanner reports
    /// it, or at the container when it holds none.
    @inline(__always)
    private func enter(_ entry: TapeEntry) throws {
        depth += 1
        guard depth <= maxDepth else {
            let holdsItems = entry.kind == .tag || entry.argument > 0
            throw CBORError(
                .depthLimitExceeded, offset: holdsItems ? tape[index].offset : entry.offset,
                "the item is nested \(depth) levels deep; the limit is \(maxDepth)")
        }
    }

    // MARK: Tags

    private func decodeTag(_ entry: TapeEntry, at tagIndex: Int, immutable: Bool) throws -> Any {
        let tag = entry.argument
        if let decoder = options.semanticDecoders[tag] {
            return try run(decoder, tag: tag, entry: entry, at: tagIndex, immutable: immutable)
        }
        switch tag {
        case 28: return try decodeShareable(entry, immutable: immutable)
        case 29: return try decodeSharedReference(entry, immutable: immutable)
        case 256: return try decodeNamespace(immutable: immutable)
        case 25: return try decodeStringReference(entry, immutable: immutable)
        default: break
        }
        if let decoder = BuiltInSemantics.decoders[tag] {
            // cbor2 6.3 decodes the content of its own semantic tags as immutable too: a tag
            // hook called inside sees `immutable` set, and the tool's hook turns such a tag into
            // text.
            return try run(decoder, tag: tag, entry: entry, at: tagIndex, immutable: immutable, contentImmutable: true)
        }
        // cbor2 6.3 decodes the content of a tag it does not know as immutable.
        let content = try hashable(try decodeItem(immutable: true), at: tape[index - 1].offset)
        let tagged = CBORTag(tag, content)
        guard let hook = options.tagHook else { return tagged }
        let result: Any
        do {
            result = try hook(tagged, immutable)
        } catch let error as CBORError where error.offset == nil {
            // Where the hook does not say, the error is at its tag, as a semantic decoder's is.
            throw CBORError(error.code, offset: entry.offset, error.message)
        }
        return immutable ? try hashable(result, at: entry.offset).base : result
    }

    /// Runs a semantic decoder; a `.value` decoder gets its content decoded as immutable when
    /// `contentImmutable`, else as the tag itself is.
    private func run(
        _ decoder: CBORSemanticDecoder, tag: UInt64, entry: TapeEntry, at tagIndex: Int, immutable: Bool,
        contentImmutable: Bool = false
    ) throws -> Any {
        do {
            return try runUnlocated(
                decoder, tag: tag, entry: entry, at: tagIndex, immutable: immutable, contentImmutable: contentImmutable || immutable)
        } catch let error as CBORError where error.offset == nil {
            throw CBORError(error.code, offset: entry.offset, error.message)
        }
    }

    private func runUnlocated(
        _ decoder: CBORSemanticDecoder, tag: UInt64, entry: TapeEntry, at tagIndex: Int, immutable: Bool,
        contentImmutable: Bool
    ) throws -> Any {
        let result: Any
        switch decoder {
        case .value(let decode):
            let content = try decodeItem(immutable: contentImmutable)
            result = try decode(content, immutable)
        case .decoding(let decode):
            let contentIndex = index
            let context = CBORDecodingContext(
                tag: tag, immutable: immutable, strictHashableTypes: options.strictHashableTypes,
                hasSharedReferences: !referencedShares.isEmpty, hashedByteStrings: hashedByteStrings,
                distinctMembers: distinctMembers
            ) {
                [unowned self] contentImmutable in
                try self.decodeItem(immutable: contentImmutable)
            }
            result = try decode(context)
            index = max(index, skipIndex(from: contentIndex))
        case .shareable(let begin):
            let (instance, complete) = try begin(immutable)
            var registered: Int?
            if let pending = pendingShare, pending.contentIndex == tagIndex {
                shared[pending.slot] = instance
                pendingShare = nil
                registered = pending.slot
                unfinishedShares.insert(pending.slot)
            }
            let content = try decodeItem(immutable: immutable)
            if let registered { unfinishedShares.remove(registered) }
            result = try complete(content)
        }
        return immutable ? try hashable(result, at: entry.offset).base : result
    }

    /// Tag 28: the content is shareable. Containers that some tag 29 refers to (arrays, maps
    /// and tags nothing decodes) are boxed in a ``CBORSharedValue`` before their content is
    /// decoded, so references, cycles included, resolve to the same box, as cbor2 registers the
    /// list, dict or `CBORTag` before filling it.
    private func decodeShareable(_ entry: TapeEntry, immutable: Bool) throws -> Any {
        let slot = shared.count
        shared.append(nil)
        sharedHeights.append(0)
        // The value's own height: how deep its items go below the tag's level, `depth`.
        let outerDeepest = deepest
        let root = depth
        deepest = root
        defer {
            sharedHeights[slot] = deepest - root + 1
            deepest = max(outerDeepest, deepest)
        }
        let takesLevel = takesLevelOfShareable(tape[index], immutable: immutable)
        if takesLevel { depth -= 1 }
        defer { if takesLevel { depth += 1 } }
        let isReferenced = referencedShares.contains(slot)
        if isReferenced && needsBox(tape[index]) {
            let box = CBORSharedValue(Self.unfinished(tape[index]))
            boxes.append(box)
            // An immutable container (a Python tuple or frozendict) exists only once it is
            // complete, so references from inside it fail, as in cbor2.
            if immutable && tape[index].kind != .tag {
                box.value = try decodeItem(immutable: true)
                shared[slot] = box
                return box
            }
            shared[slot] = box
            unfinishedShares.insert(slot)
            unfinishedBoxes.insert(ObjectIdentifier(box))
            box.value = try decodeItem(immutable: immutable)
            unfinishedShares.remove(slot)
            unfinishedBoxes.remove(ObjectIdentifier(box))
            return box
        }
        pendingShare = (slot, index)
        let value = try decodeItem(immutable: immutable)
        pendingShare = nil
        guard shared[slot] == nil else { return value }
        // A container a hook or semantic decoder made (a set, a hook's array…) gets identity
        // too when something refers to it: in Python every reference is that one object.
        if isReferenced && Self.isValueContainer(value) {
            let box = CBORSharedValue(value)
            boxes.append(box)
            shared[slot] = box
            return box
        }
        shared[slot] = value
        return value
    }

    /// Whether `content`, the item right inside a tag 28, takes the tag's level rather than one
    /// of its own: cbor2 6.3 replaces its marker frame for the tag with the frame of a container
    /// it registers before decoding the content (an object that exists already), which a
    /// non-empty mutable list or dict, a mutable set, a `CBORTag` and the instance of a
    /// shareable semantic decoder are; a tuple, a frozen dict or set and a value that a semantic
    /// decoder makes from the finished content are not.
    private func takesLevelOfShareable(_ content: TapeEntry, immutable: Bool) -> Bool {
        switch content.kind {
        case .array, .map:
            return !immutable && (content.argument > 0 || content.isIndefinite)
        case .tag:
            let tag = content.argument
            if let decoder = options.semanticDecoders[tag] {
                if case .shareable = decoder { return true }
                return false
            }
            if tag == 258 { return !immutable }
            return decodesToTag(tag)
        default:
            return false
        }
    }

    /// What a box holds while its content is decoded, as cbor2 registers the object before
    /// filling it: an empty list or dict, or the tag with no value yet (`CBORTag(n, None)`).
    /// ``PythonHashability`` tells them apart when a reference to one is a map key.
    private static func unfinished(_ content: TapeEntry) -> Any {
        switch content.kind {
        case .array: return [Any]()
        case .map: return OrderedDictionary<AnyHashable, Any>()
        default: return CBORTag(content.argument, AnyHashable(null))
        }
    }

    /// Whether `value` is a container that is a Swift value, with no identity of its own.
    private static func isValueContainer(_ value: Any) -> Bool {
        let type = type(of: value)
        return type == [Any].self || type == [AnyHashable].self || type == Set<AnyHashable>.self
            || type == CBORFrozenSet.self || type == CBORTag.self
            || type == OrderedDictionary<AnyHashable, Any>.self || type == OrderedDictionary<AnyHashable, AnyHashable>.self
    }

    /// Whether a tag decodes to a ``CBORTag``, cbor2's object that it makes before the content:
    /// neither a semantic decoder of the caller's nor a built-in one reads it.
    private func decodesToTag(_ tag: UInt64) -> Bool {
        options.semanticDecoders[tag] == nil && BuiltInSemantics.decoders[tag] == nil && !BuiltInSemantics.isStructural(tag)
    }

    private func needsBox(_ content: TapeEntry) -> Bool {
        switch content.kind {
        case .array: return true
        case .map: return options.objectHook == nil
        case .tag:
            return decodesToTag(content.argument) && options.tagHook == nil
        default: return false
        }
    }

    private func decodeSharedReference(_ entry: TapeEntry, immutable: Bool) throws -> Any {
        let argument = try referenceIndex(tag: 29, entry: entry, immutable: immutable)
        guard argument < UInt64(shared.count) else {
            throw CBORError(.unknownSharedReference, offset: entry.offset, "shared reference \(argument) not found")
        }
        guard let value = shared[Int(argument)] else {
            throw CBORError(
                .unknownSharedReference, offset: entry.offset,
                "shared value \(argument) has not been initialized")
        }
        // The value stands where the reference does, in place of the level of tag 29, and
        // takes as many levels there as where it was decoded; as deep as that puts its items,
        // so the graph is no deeper than `maxDepth` wherever it is walked (cbor2 refuses such
        // a chain of references too). A value still being decoded (a cycle) takes none.
        let reached = depth - 1 + sharedHeights[Int(argument)]
        if reached > maxDepth {
            throw CBORError(
                .depthLimitExceeded, offset: entry.offset,
                "shared value \(argument) referred to here would nest its items \(reached) levels deep; the limit is \(maxDepth)")
        }
        deepest = max(deepest, reached)
        if !options.allowsCycles && unfinishedShares.contains(Int(argument)) {
            throw CBORError(
                .cyclicStructure, offset: entry.offset,
                "shared value \(argument) refers to itself while it is being decoded (a cycle), and cycles are not allowed")
        }
        return value
    }

    private func decodeNamespace(immutable: Bool) throws -> Any {
        namespaces.append([])
        defer { namespaces.removeLast() }
        return try decodeItem(immutable: immutable)
    }

    private func decodeStringReference(_ entry: TapeEntry, immutable: Bool) throws -> Any {
        let argument = try referenceIndex(tag: 25, entry: entry, immutable: immutable)
        guard let namespace = namespaces.last else {
            throw CBORError(.unknownStringReference, offset: entry.offset, "string reference outside a namespace (tag 256)")
        }
        guard argument < UInt64(namespace.count) else {
            throw CBORError(.unknownStringReference, offset: entry.offset, "string reference \(argument) not found")
        }
        return namespace[Int(argument)]
    }

    /// The index tag 29 or 25 (`tag`, its head `entry`) holds; moves `index` past it. An
    /// unsigned integer is read as it stands. Other content is decoded first and then taken as
    /// Python indexes a list, as cbor2 does: a bignum or a Boolean (`True` is 1) is an index
    /// too, and one beyond `UInt64` is past every table. Anything else (a negative integer
    /// included) is refused.
    private func referenceIndex(tag: UInt64, entry: TapeEntry, immutable: Bool) throws -> UInt64 {
        let content = tape[index]
        if content.kind == .unsigned {
            index += 1
            return content.argument
        }
        guard let integer = BuiltInDecoders.pythonInteger(try decodeItem(immutable: immutable)), !integer.isNegative else {
            throw CBORError(.invalidTagContent, offset: entry.offset, "tag \(tag) must hold an unsigned integer")
        }
        return integer.exactly(UInt64.self) ?? .max
    }

    // MARK: Strings

    /// The definite-length text string at tape `index` when it needs nothing but building (the
    /// strict string-error mode, and no string-reference namespace to record it in); `nil`
    /// otherwise. The caller moves `index` past it.
    @inline(__always)
    private func plainText(at index: Int) -> String? {
        let entry = tape[index]
        guard entry.kind == .textString, !entry.isIndefinite, options.stringErrors == .strict, namespaces.isEmpty,
              let base = bytes.baseAddress
        else { return nil }
        return TapeValueBuilder.text(UnsafeBufferPointer(start: base + entry.link, count: Int(entry.argument)))
    }

    private func decodeString(_ entry: TapeEntry) throws -> Any {
        if let text = plainText(at: index) {
            index += 1
            return text
        }
        let isText = entry.kind == .textString
        if isText, entry.isIndefinite, options.stringErrors != .strict {
            return try repairedChunks(of: entry)
        }
        var raw: [UInt8]
        if entry.isIndefinite {
            raw = []
            raw.reserveCapacity(Int(entry.argument))
            for chunk in tape[(index + 1)..<entry.link] {
                raw.append(contentsOf: UnsafeBufferPointer(start: bytes.baseAddress.map { $0 + chunk.link }, count: Int(chunk.argument)))
            }
            index = entry.link
        } else {
            raw = Array(UnsafeBufferPointer(start: bytes.baseAddress.map { $0 + entry.link }, count: Int(entry.argument)))
            index += 1
        }
        let value: Any = isText ? try text(raw, entry: entry) : raw
        if !entry.isIndefinite, var namespace = namespaces.popLast() {
            if raw.count >= StringReferenceTable.minimumLength(forIndex: namespace.count) {
                namespace.append(value)
            }
            namespaces.append(namespace)
        }
        return value
    }

    /// The indefinite-length text string at tape `index` (its head, `entry`) under a lenient
    /// string-error mode, each chunk repaired apart and the results joined, as cbor2 decodes
    /// them: a character cannot span chunks (RFC 8949 §3.2.3), so a chunk that ends in half a
    /// character is repaired there, whatever the next chunk starts with. Moves `index` past the
    /// chunks.
    private func repairedChunks(of entry: TapeEntry) throws -> String {
        var joined = ""
        for chunk in tape[(index + 1)..<entry.link] {
            let raw = Array(UnsafeBufferPointer(start: bytes.baseAddress.map { $0 + chunk.link }, count: Int(chunk.argument)))
            joined += try text(raw, entry: chunk)
        }
        index = entry.link
        return joined
    }

    private func text(_ raw: [UInt8], entry: TapeEntry) throws -> String {
        raw.withUnsafeBufferPointer { LenientUTF8.text($0, errors: options.stringErrors) }
    }

    // MARK: Helpers

    /// Whether `value` may be a map key or set member under ``CBORDecoder/strictHashableTypes``:
    /// text or a byte string (by exact type: an empty frozen array also casts to `[UInt8]`).
    static func isStrictlyHashable(_ value: Any) -> Bool {
        type(of: value) == String.self || type(of: value) == [UInt8].self
    }

    /// `value` as `AnyHashable` when its type is one the decoder makes most (numbers, text,
    /// bytes, `Bool`, a frozen array, a tag, or already an `AnyHashable`), by exact type:
    /// `as? AnyHashable` looks up the `Hashable` conformance, about 1 500 instructions, which
    /// made a tag's content cost more than the rest of the tag.
    static func commonHashable(_ value: Any) -> AnyHashable? {
        commonHashable(opened: value)
    }

    /// ``commonHashable(_:)`` on the opened value.
    private static func commonHashable<Value>(opened value: Value) -> AnyHashable? {
        if Value.self == Int.self {
            return AnyHashable(unsafeBitCast(value, to: Int.self))
        } else if Value.self == String.self {
            return AnyHashable(unsafeBitCast(value, to: String.self))
        } else if Value.self == Double.self {
            return AnyHashable(unsafeBitCast(value, to: Double.self))
        } else if Value.self == AnyHashable.self {
            return unsafeBitCast(value, to: AnyHashable.self)
        } else if Value.self == [UInt8].self {
            return AnyHashable(unsafeBitCast(value, to: [UInt8].self))
        } else if Value.self == Bool.self {
            return AnyHashable(unsafeBitCast(value, to: Bool.self))
        } else if Value.self == [AnyHashable].self {
            return AnyHashable(unsafeBitCast(value, to: [AnyHashable].self))
        } else if Value.self == CBORTag.self {
            return AnyHashable(unsafeBitCast(value, to: CBORTag.self))
        }
        return nil
    }

    /// The value as `AnyHashable`, or a typed error when it cannot be immutable; as a map key
    /// (`asKey`), also when Python could not hash it (``PythonHashability``) or, under
    /// ``CBORDecoder/strictHashableTypes``, when it is neither text nor a byte string.
    private func hashable(_ value: Any, at offset: Int, asKey: Bool = false) throws -> AnyHashable {
        if asKey && options.strictHashableTypes && !Self.isStrictlyHashable(value) {
            throw CBORError(
                .unsupportedValue, offset: offset,
                "only text and byte strings may be map keys or set members (strictHashableTypes)")
        }
        guard let hashable = Self.commonHashable(value) ?? (value as? AnyHashable) else {
            throw CBORError(.unsupportedValue, offset: offset, "a value of type \(type(of: value)) is not hashable, but an immutable value is needed here")
        }
        if asKey {
            try hashedByteStrings?.charge(value, at: offset)
        }
        // Only a shared box can be unhashable in Python's terms, and only a reference makes one.
        if asKey && !referencedShares.isEmpty,
           let reason = PythonHashability.unhashableReason(
               value, memo: &hashMemo, unfinished: unfinishedBoxes, generation: unfinishedGeneration) {
            throw CBORError(.unsupportedValue, offset: offset, "this map key cannot be hashed as Python hashes it: \(reason)")
        }
        return hashable
    }

    /// The key `map` holds that Python holds equal to `key`, which a dict keeps as it takes a
    /// later value for it, or else `key`. `pythonKeys` names the keys of `map` once one of them
    /// holds a shared box (``PythonEquality``); until then `==` tells them apart as Python does.
    private func keptKey(
        for key: AnyHashable, at offset: Int, in map: OrderedDictionary<AnyHashable, Any>,
        pythonKeys: inout [PythonEquality.Key: AnyHashable]?
    ) throws -> AnyHashable {
        if pythonKeys == nil {
            guard PythonEquality.holdsBox(key.base) else { return key }
            var named: [PythonEquality.Key: AnyHashable] = [:]
            for earlier in map.keys {
                let name = try pythonEquality.key(for: earlier, at: offset, unfinished: unfinishedBoxes)
                if named[name] == nil { named[name] = earlier }
            }
            pythonKeys = named
        }
        let name = try pythonEquality.key(for: key, at: offset, unfinished: unfinishedBoxes)
        if let earlier = pythonKeys?[name] { return earlier }
        // `==` may still find it where Python would not (a byte string and a tuple of its
        // bytes, `DifferencesFromCbor2.md`).
        let kept = map.index(forKey: key).map { map.keys[$0] } ?? key
        pythonKeys?[name] = kept
        return kept
    }

    /// Takes from set members those Python holds equal to an earlier one (``PythonEquality``),
    /// for the set decoder; `nil` without a tag 29, where `==` tells them apart as Python does.
    private var distinctMembers: (([AnyHashable]) throws(CBORError) -> [AnyHashable])? {
        guard !referencedShares.isEmpty else { return nil }
        return { [unowned self] members throws(CBORError) in
            try self.pythonEquality.distinct(members, unfinished: self.unfinishedBoxes)
        }
    }

    private func skipIndex(from start: Int) -> Int {
        let entry = tape[start]
        switch entry.kind {
        case .array, .map, .tag: return entry.link
        case .byteString, .textString: return entry.isIndefinite ? entry.link : start + 1
        default: return start + 1
        }
    }

    private func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    /// The indices of tag-28 items that a tag 29 refers to, and whether a string reference
    /// (tag 25) stands anywhere, in one pass over the tape.
    private static func references(in tape: [TapeEntry]) -> (shares: ReferencedShares, strings: Bool) {
        var referenced = ReferencedShares()
        var strings = false
        for (position, entry) in tape.enumerated() where entry.kind == .tag {
            if entry.argument == 25 { strings = true }
            guard entry.argument == 29 else { continue }
            let next = position + 1
            guard next < tape.count else { continue }
            let content = tape[next]
            switch content.kind {
            case .unsigned:
                if content.argument < UInt64(Int.max) { referenced.indices.insert(Int(content.argument)) }
            case .simple where content.argument == 20 || content.argument == 21:
                // Python indexes a list with a Boolean.
                referenced.indices.insert(Int(content.argument) - 20)
            default:
                // A bignum, or content a semantic decoder or hook may turn into an index: known
                // only once decoded, so every shared value gets identity.
                referenced.all = true
            }
        }
        return (referenced, strings)
    }
}

/// The tag-28 indices some tag 29 refers to, as ``DynamicDecoder`` finds them on the tape before
/// decoding: those whose index stands there, or all of them when some reference's index is known
/// only once decoded.
private struct ReferencedShares {
    var indices: Set<Int> = []
    var all = false

    /// Whether no tag 29 refers to anything.
    var isEmpty: Bool { !all && indices.isEmpty }

    /// Whether some tag 29 may refer to the shared value of index `slot`.
    func contains(_ slot: Int) -> Bool { all || indices.contains(slot) }
}
