/// The second phase of decoding into ``CBOR``: one pass over the tape. It recurses at most
/// ``recursionLimit`` levels deep, then goes on with an explicit stack.
struct TapeValueBuilder {
    /// An open array, map or tag. Each kind keeps its own storage, so appending mutates in
    /// place instead of copying out of an enum payload.
    private struct Frame {
        var kind: ItemKind
        var remaining: UInt64
        var tag: UInt64 = 0
        var items: [CBOR] = []
        var entries: [CBORMapEntry] = []
        var pendingKey: CBOR?
        /// The offset of the key being built, for a duplicate-key error.
        var keyOffset = 0
        var seenKeys: Set<CBOR>?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let tape: [TapeEntry]
    let allowsDuplicateKeys: Bool
    /// How text the scanner did not validate is repaired (``CBORDecoder/stringErrors``).
    var stringErrors = CBORStringErrors.strict

    private static let root = Frame(kind: .breakCode, remaining: 0)

    /// How deep the builder recurses before it switches to its explicit stack of frames.
    /// Recursion moves each finished value straight into its parent; the frames cost heap
    /// instead of call stack however deep the input nests.
    static let recursionLimit = 48

    /// Builds the value of the data item the tape holds.
    func build() throws(CBORError) -> CBOR {
        var index = 0
        return try buildItem(at: &index, depth: 0)
    }

    /// Builds the item at `index` by recursion, and moves `index` past it.
    private func buildItem(at index: inout Int, depth: Int) throws(CBORError) -> CBOR {
        guard index < tape.count else { throw truncated }
        let entry = tape[index]
        switch entry.kind {
        case .byteString, .textString:
            let value = string(at: index)
            index = entry.isIndefinite ? entry.link : index + 1
            return value
        case .array:
            guard depth < Self.recursionLimit else { return try buildIteratively(from: &index) }
            index += 1
            var items: [CBOR] = []
            items.reserveCapacity(Int(entry.argument))
            for _ in 0..<entry.argument {
                if index < tape.count, let scalar = Self.scalar(tape[index]) {
                    items.append(scalar)
                    index += 1
                } else {
                    items.append(try buildItem(at: &index, depth: depth + 1))
                }
            }
            return .array(items)
        case .map:
            guard depth < Self.recursionLimit else { return try buildIteratively(from: &index) }
            index += 1
            var entries: [CBORMapEntry] = []
            entries.reserveCapacity(Int(entry.argument))
            var seenKeys: Set<CBOR>? = allowsDuplicateKeys ? nil : Set(minimumCapacity: Int(entry.argument))
            for _ in 0..<entry.argument {
                let keyOffset = index < tape.count ? tape[index].offset : bytes.count
                let key = try buildItem(at: &index, depth: depth + 1)
                if seenKeys?.insert(key).inserted == false {
                    throw CBORError(.duplicateMapKey, offset: keyOffset, "this map key occurs earlier in the same map")
                }
                entries.append(CBORMapEntry(key: key, value: try buildItem(at: &index, depth: depth + 1)))
            }
            return .map(CBORMap(decodedEntries: entries))
        case .tag:
            guard depth < Self.recursionLimit else { return try buildIteratively(from: &index) }
            index += 1
            return .tagged(entry.argument, try buildItem(at: &index, depth: depth + 1))
        case .breakCode:
            throw CBORError(.malformed, offset: entry.offset, "a break stop code on the tape")
        default:
            index += 1
            return Self.scalar(entry) ?? .null
        }
    }

    private var truncated: CBORError {
        CBORError(.truncated, offset: bytes.count, "the input ends inside a data item")
    }

    /// Builds the item at `index` with an explicit stack of frames, and moves `index` past it.
    private func buildIteratively(from start: inout Int) throws(CBORError) -> CBOR {
        // The innermost open frame lives apart from the ones around it, so appending an item
        // touches no array of frames.
        var top = Self.root
        var frames: [Frame] = []
        var index = start
        defer { start = index }
        while index < tape.count {
            let entry = tape[index]
            if top.kind == .map, top.pendingKey == nil {
                top.keyOffset = entry.offset
            }
            let value: CBOR
            switch entry.kind {
            case .unsigned:
                value = .unsigned(entry.argument)
            case .negative:
                value = .negative(entry.argument)
            case .byteString, .textString:
                value = string(at: index)
                if entry.isIndefinite {
                    index = entry.link - 1
                }
            case .array:
                guard entry.argument > 0 else { value = .array([]); break }
                var frame = Frame(kind: .array, remaining: entry.argument)
                frame.items.reserveCapacity(Int(entry.argument))
                // Scalars go straight into the array, without a trip through `deliver`: most
                // arrays hold numbers.
                var next = index + 1
                while frame.remaining > 0, next < tape.count, let scalar = Self.scalar(tape[next]) {
                    frame.items.append(scalar)
                    frame.remaining -= 1
                    next += 1
                }
                guard frame.remaining == 0 else {
                    frames.append(top)
                    top = frame
                    index = next
                    continue
                }
                value = .array(frame.items)
                index = next - 1  // the array is complete: deliver it below
            case .map:
                guard entry.argument > 0 else { value = .map(CBORMap()); break }
                var frame = Frame(kind: .map, remaining: entry.argument * 2)
                frame.entries.reserveCapacity(Int(entry.argument))
                if !allowsDuplicateKeys {
                    frame.seenKeys = []
                }
                frames.append(top)
                top = frame
                index += 1
                continue
            case .tag:
                frames.append(top)
                top = Frame(kind: .tag, remaining: 1, tag: entry.argument)
                index += 1
                continue
            case .simple, .half, .float, .double:
                value = Self.scalar(entry) ?? .null
            case .breakCode:
                throw CBORError(.malformed, offset: entry.offset, "a break stop code on the tape")
            }
            index += 1
            if let root = try deliver(value, top: &top, frames: &frames) {
                return root
            }
        }
        throw truncated
    }

    /// Hands a finished value to its parent and closes every parent it completes. Returns the
    /// root value once the outermost item is complete.
    private func deliver(_ value: CBOR, top: inout Frame, frames: inout [Frame]) throws(CBORError) -> CBOR? {
        var finished = value
        while top.kind != .breakCode {
            top.remaining -= 1
            switch top.kind {
            case .array:
                top.items.append(finished)
            case .map:
                if let key = top.pendingKey {
                    top.entries.append(CBORMapEntry(key: key, value: finished))
                    top.pendingKey = nil
                } else {
                    if top.seenKeys?.insert(finished).inserted == false {
                        throw CBORError(.duplicateMapKey, offset: top.keyOffset, "this map key occurs earlier in the same map")
                    }
                    top.pendingKey = finished
                }
            default:
                break
            }
            guard top.remaining == 0 else { return nil }
            // Swapping moves the finished frame out without retaining its storage again.
            var frame = frames.popLast() ?? Self.root
            swap(&frame, &top)
            switch frame.kind {
            case .array: finished = .array(frame.items)
            case .map: finished = .map(CBORMap(decodedEntries: frame.entries))
            default: finished = .tagged(frame.tag, finished)
            }
        }
        return finished
    }

    /// The value of a number or simple value; `nil` for every other kind of entry.
    @inline(__always)
    private static func scalar(_ entry: TapeEntry) -> CBOR? {
        scalar(kind: entry.kind, argument: entry.argument)
    }

    /// The value of a number or simple value from its kind and argument; `nil` for every other
    /// kind of item.
    @inline(__always)
    static func scalar(kind: ItemKind, argument: UInt64) -> CBOR? {
        switch kind {
        case .unsigned: return .unsigned(argument)
        case .negative: return .negative(argument)
        case .simple: return simple(argument)
        case .half: return .half(Float16(bitPattern: UInt16(truncatingIfNeeded: argument)))
        case .float: return .float(Float(bitPattern: UInt32(truncatingIfNeeded: argument)))
        case .double: return .double(Double(bitPattern: argument))
        default: return nil
        }
    }

    private static func simple(_ argument: UInt64) -> CBOR {
        switch argument {
        case 20: return .boolean(false)
        case 21: return .boolean(true)
        case 22: return .null
        case 23: return .undefined
        default: return .simple(UInt8(truncatingIfNeeded: argument))
        }
    }

    /// The byte or text string at `index`, chunks joined.
    private func string(at index: Int) -> CBOR {
        let entry = tape[index]
        guard let base = bytes.baseAddress else {
            return entry.kind == .textString ? .textString("") : .byteString([])
        }
        let length = Int(entry.argument)
        if !entry.isIndefinite {
            let payload = UnsafeBufferPointer(start: base + entry.link, count: length)
            guard entry.kind == .textString else { return .byteString(Array(payload)) }
            return .textString(stringErrors == .strict ? Self.text(payload) : LenientUTF8.text(payload, errors: stringErrors))
        }
        if entry.kind == .textString, stringErrors != .strict {
            // Each chunk repaired apart, as cbor2 repairs them: a character cannot span chunks.
            var text = ""
            for chunk in tape[(index + 1)..<entry.link] {
                text += LenientUTF8.text(UnsafeBufferPointer(start: base + chunk.link, count: Int(chunk.argument)), errors: stringErrors)
            }
            return .textString(text)
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(length)
        for chunk in tape[(index + 1)..<entry.link] {
            joined.append(contentsOf: UnsafeBufferPointer(start: base + chunk.link, count: Int(chunk.argument)))
        }
        if entry.kind == .textString {
            return .textString(joined.withUnsafeBufferPointer { Self.text($0) })
        }
        return .byteString(joined)
    }

    /// A `String` from bytes the scanner has already validated as UTF-8.
    static func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes, a small string: made from its words where the layout is known,
        // else built by the standard library in place, which checks it with one mask when it
        // is ASCII (most keys and short values are). Longer text is built by
        // `String(decoding:as:)`, which validates it again.
        if utf8.count <= 15 {
            if SmallString.isLaidOutAsExpected {
                let words = ShortTextWords.words(copying: utf8)
                return SmallString.string(leading: words.leading, trailing: words.trailing)
            }
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                guard let source = utf8.baseAddress, let target = buffer.baseAddress else { return 0 }
                target.update(from: source, count: utf8.count)
                return utf8.count
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
