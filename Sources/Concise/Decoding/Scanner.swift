/// What the scanner enforces beyond well-formedness.
struct ScanLimits {
    var maxDepth: Int
    var allowsIndefiniteLength: Bool
    /// Off only for the dynamic decoder with lenient `stringErrors`, which repairs text itself.
    var validatesUTF8 = true
}

/// The first phase of decoding: walks one data item, validates all of it, and writes the tape.
///
/// All well-formedness and limit checks live here, so every consumer of the tape can trust it:
/// declared lengths against the bytes that remain (before anything is reserved), nesting depth,
/// indefinite-length structure, break placement and UTF-8. The walk keeps its own stack of open
/// containers, so hostile nesting costs heap, bounded by `maxDepth`, never call stack.
struct Scanner<Reader: HeadReader> {
    private struct Frame {
        var index: Int
        var remaining: UInt64
        var seen: UInt64
        var kind: ItemKind
        var isIndefinite: Bool
        /// Whether the frame is a tag 28's.
        var isShareableTag = false
        /// Whether the frame is an array, map or tag right inside a tag 28, which takes the
        /// tag's level of `depth`.
        var takesTagLevel = false
    }

    private var reader: Reader
    private let byteCount: Int
    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: ScanLimits
    /// The innermost open container, tag or indefinite string; `Self.root` when none is open.
    /// Kept apart from `frames` (the ones around it) so the per-item bookkeeping touches no
    /// array.
    private var top = Self.root
    private var frames: [Frame] = []
    /// The levels open around the next item, as cbor2 counts them but for frozen places: every
    /// tag and every array or map but a definite empty one, except that an array, map or tag
    /// right inside a tag 28 takes the tag's level (cbor2's decoder puts a container it makes
    /// before its content in the place of the tag's frame). Where cbor2 makes the container
    /// only after its content (a tuple or frozen dict in a map key or a tag's content, under
    /// `immutable`, or a tag a semantic decoder decodes) it counts two levels, which the
    /// dynamic decoder holds to the limit; the scanner never refuses what cbor2 decodes.
    private var depth = 0
    /// The open frames that took a tag 28's level: `depth + merged` arrays, maps and tags are
    /// open around the next item.
    private var merged = 0
    /// The most levels of `depth` around an item: ``ScanLimits/maxDepth``, lowered while
    /// frames take tags' levels so that no item is inside more than
    /// ``CBORDecoder/maxDepthCeiling`` arrays, maps and tags, which bounds the recursion of the
    /// tape's consumers.
    private var levelLimit = 0
    private static var root: Frame { Frame(index: -1, remaining: 0, seen: 0, kind: .breakCode, isIndefinite: false) }
    /// The entries written so far, in pre-order.
    private(set) var tape: [TapeEntry] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: ScanLimits) {
        self.reader = Reader(bytes: bytes)
        self.bytes = bytes
        self.byteCount = bytes.count
        self.limits = limits
    }

    /// The most entries reserved ahead (512 MiB of address space).
    private static var reservationCeiling: Int { 1 << 24 }

    /// Empties the tape, keeping its storage, before the next item of a sequence.
    mutating func resetTape() {
        tape.removeAll(keepingCapacity: true)
    }

    /// Scans the data item that starts at `start` and returns the offset just past it.
    mutating func scanItem(at start: Int) throws(CBORError) -> Int {
        if start == 0 && tape.capacity == 0 {
            // Room for an item every 4 bytes, so a typical input never regrows (and recopies)
            // the tape. The pages are touched only as entries are written, so the reservation
            // costs address space, not memory; an input of 1-byte items regrows once or twice.
            tape.reserveCapacity(min(byteCount / 4, Self.reservationCeiling))
        }
        var offset = start
        frames.removeAll(keepingCapacity: true)
        top = Self.root
        depth = 0
        merged = 0
        levelLimit = limits.maxDepth
        repeat {
            if Reader.self == NativeHeadReader.self, top.remaining > 1, !top.isIndefinite, depth <= levelLimit,
               top.kind == .array || top.kind == .map {
                offset = try scanPlainItems(from: offset)
            }
            let head = try reader.readHead(at: offset)
            if head.kind == .breakCode {
                try closeIndefiniteItem(at: offset)
                offset += 1
                continue
            }
            let inString = top.kind == .byteString || top.kind == .textString
            if inString {
                try checkChunk(head, at: offset)
            } else if depth > levelLimit {
                throw depthError(at: offset)
            }
            if head.isIndefinite && !limits.allowsIndefiniteLength {
                throw CBORError(.indefiniteLengthNotAllowed, offset: offset, "indefinite-length items are not allowed")
            }
            let opensFrame: Bool
            (offset, opensFrame) = try append(head, at: offset, inString: inString)
            if !opensFrame && !inString {
                completeItem()
            }
        } while top.index >= 0
        return offset
    }

    /// Writes the entry for `head`; returns the offset after the head (and payload) and whether
    /// a container, tag or indefinite string was opened.
    @inline(__always)
    private mutating func append(_ head: Head, at offset: Int, inString: Bool) throws(CBORError) -> (Int, Bool) {
        let index = tape.count
        let end = offset + head.length
        switch head.kind {
        case .byteString, .textString:
            if head.isIndefinite {
                tape.append(TapeEntry(kind: head.kind, isIndefinite: true, argument: 0, offset: offset, link: index + 1))
                open(Frame(index: index, remaining: 0, seen: 0, kind: head.kind, isIndefinite: true))
                return (end, true)
            }
            let length = Int(head.argument)
            if head.kind == .textString && limits.validatesUTF8 {
                try validateUTF8(at: end, length: length, itemOffset: offset)
            }
            tape.append(TapeEntry(kind: head.kind, isIndefinite: false, argument: head.argument, offset: offset, link: end))
            if inString {
                tape[top.index].argument += head.argument
            }
            return (end + length, false)
        case .array, .map:
            let perItem: UInt64 = head.kind == .map ? 2 : 1
            if !head.isIndefinite {
                // Every item takes at least one byte. Maps are held to one byte per pair only,
                // so a break inside a short map is reported as the misplaced break it is.
                let remaining = UInt64(byteCount - end)
                guard head.argument <= remaining else {
                    let noun = head.kind == .map ? "a map declares \(head.argument) pairs" : "an array declares \(head.argument) items"
                    throw CBORError(.truncated, offset: offset, "\(noun) but only \(remaining) bytes remain")
                }
            }
            tape.append(TapeEntry(kind: head.kind, isIndefinite: head.isIndefinite, argument: head.argument, offset: offset, link: index + 1))
            guard head.isIndefinite || head.argument > 0 else { return (end, false) }
            let takesTagLevel = openLevel()
            open(Frame(
                index: index, remaining: head.argument * perItem, seen: 0, kind: head.kind, isIndefinite: head.isIndefinite,
                takesTagLevel: takesTagLevel))
            // A definite container is checked at its first item; an indefinite one, which may
            // hold none, here: cbor2 counts an empty container only when it is indefinite.
            if head.isIndefinite && depth > levelLimit {
                throw depthError(at: offset)
            }
            return (end, true)
        case .tag:
            tape.append(TapeEntry(kind: .tag, isIndefinite: false, argument: head.argument, offset: offset, link: index + 1))
            let takesTagLevel = openLevel(tag: head.argument)
            open(Frame(
                index: index, remaining: 1, seen: 0, kind: .tag, isIndefinite: false, isShareableTag: head.argument == 28,
                takesTagLevel: takesTagLevel))
            return (end, true)
        default:
            tape.append(TapeEntry(kind: head.kind, isIndefinite: false, argument: head.argument, offset: offset, link: end))
            return (end, false)
        }
    }

    /// The native backend's fast path through a definite array or map: numbers, simple values
    /// and definite strings, all but the container's last item, are read and written to the tape
    /// in one tight loop. It stops at anything else, and at anything it would have to report,
    /// leaving that to the general path, so tapes and errors are exactly those of the general
    /// path (`FuzzDifferential` compares them with the libcbor backend's).
    @inline(__always)
    private mutating func scanPlainItems(from start: Int) throws(CBORError) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var offset = start
        while top.remaining > 1, offset < byteCount {
            let initial = base[offset]
            let major = initial >> 5
            let info = initial & 0x1f
            guard info < 28 else { break }
            let headLength = info < 24 ? 1 : 1 + (1 &<< Int(info &- 24))
            guard byteCount &- offset >= headLength else { break }
            let argument = NativeHeadReader.argument(info: info, following: UnsafeRawPointer(base + (offset &+ 1)))
            let kind: ItemKind
            let end = offset &+ headLength
            switch major {
            case 0: kind = .unsigned
            case 1: kind = .negative
            case 2, 3:
                guard argument <= UInt64(byteCount &- end) else { return offset }
                kind = major == 2 ? .byteString : .textString
                if kind == .textString && limits.validatesUTF8 {
                    try validateUTF8(at: end, length: Int(argument), itemOffset: offset)
                }
                tape.append(TapeEntry(kind: kind, isIndefinite: false, argument: argument, offset: offset, link: end))
                top.remaining -= 1
                offset = end &+ Int(argument)
                continue
            case 7:
                switch info {
                case 0..<24: kind = .simple
                case 25: kind = .half
                case 26: kind = .float
                case 27: kind = .double
                default: return offset  // two-byte simple values: the general path checks them
                }
            default:
                return offset
            }
            tape.append(TapeEntry(kind: kind, isIndefinite: false, argument: argument, offset: offset, link: end))
            top.remaining -= 1
            offset = end
        }
        return offset
    }

    /// Counts the array, map or tag (number `tag`) about to be opened: a level of `depth`,
    /// unless it is right inside a tag 28 and takes the tag's level (the result).
    @inline(__always)
    private mutating func openLevel(tag: UInt64? = nil) -> Bool {
        guard top.isShareableTag, takeTagLevel(tag: tag) else {
            depth += 1
            return false
        }
        return true
    }

    /// Whether an array, map or tag (number `tag`) right inside a tag 28 takes the tag's level,
    /// and if so counts it among the `merged`. Tags 25, 28, 29 and 256 do not: cbor2 makes no
    /// container for them. Kept out of line, so that the scanner's loop stays small.
    @inline(never)
    private mutating func takeTagLevel(tag: UInt64?) -> Bool {
        if let tag, BuiltInSemantics.isStructural(tag) { return false }
        merged += 1
        levelLimit = min(limits.maxDepth, CBORDecoder.maxDepthCeiling - merged)
        return true
    }

    /// Undoes ``openLevel(tag:)`` for `frame`, an array, map or tag being closed.
    @inline(__always)
    private mutating func closeLevel(_ frame: Frame) {
        guard frame.takesTagLevel else {
            depth -= 1
            return
        }
        releaseTagLevel()
    }

    /// Undoes ``takeTagLevel(tag:)``, out of line as it is.
    @inline(never)
    private mutating func releaseTagLevel() {
        merged -= 1
        levelLimit = min(limits.maxDepth, CBORDecoder.maxDepthCeiling - merged)
    }

    /// The error for an item at `offset` inside more than `levelLimit` levels.
    private func depthError(at offset: Int) -> CBORError {
        guard depth > limits.maxDepth else {
            return CBORError(
                .depthLimitExceeded, offset: offset,
                "the item is inside \(depth + merged) arrays, maps and tags; no decode allows more than \(CBORDecoder.maxDepthCeiling)")
        }
        return CBORError(
            .depthLimitExceeded, offset: offset, "the item is nested \(depth) levels deep; the limit is \(limits.maxDepth)")
    }

    private mutating func open(_ frame: Frame) {
        frames.append(top)
        top = frame
    }

    private mutating func close() {
        top = frames.popLast() ?? Self.root
    }

    /// Counts a finished item in its parent, closing every definite container it completes.
    @inline(__always)
    private mutating func completeItem() {
        while top.index >= 0 {
            if top.isIndefinite {
                top.seen += 1
                return
            }
            top.remaining -= 1
            if top.remaining > 0 { return }
            tape[top.index].link = tape.count
            closeLevel(top)
            close()
        }
    }

    private mutating func closeIndefiniteItem(at offset: Int) throws(CBORError) {
        let frame = top
        guard frame.isIndefinite else {
            let place = frame.index < 0 ? "outside any indefinite-length item" : "inside a definite-length item"
            throw CBORError(.unexpectedBreak, offset: offset, "a break stop code \(place)")
        }
        if frame.kind == .map && frame.seen % 2 == 1 {
            throw CBORError(.unexpectedBreak, offset: offset, "a break where a map value should be")
        }
        close()
        tape[frame.index].link = tape.count
        switch frame.kind {
        case .array:
            tape[frame.index].argument = frame.seen
            closeLevel(frame)
        case .map:
            tape[frame.index].argument = frame.seen / 2
            closeLevel(frame)
        default:
            break
        }
        completeItem()
    }

    private func checkChunk(_ head: Head, at offset: Int) throws(CBORError) {
        guard head.kind == top.kind, !head.isIndefinite else {
            let name = frame(kind: top.kind)
            throw CBORError(
                .invalidChunk, offset: offset,
                "a chunk of an indefinite-length \(name) must be a definite-length \(name)")
        }
    }

    private func frame(kind: ItemKind?) -> String {
        kind == .textString ? "text string" : "byte string"
    }

    private func validateUTF8(at payload: Int, length: Int, itemOffset: Int) throws(CBORError) {
        guard let base = bytes.baseAddress, length > 0 else { return }
        let text = UnsafeBufferPointer(start: base + payload, count: length)
        if let bad = UTF8Validation.firstInvalidIndex(in: text) {
            throw CBORError(
                .invalidUTF8, offset: payload + bad,
                "a text string (head at byte \(itemOffset)) is not valid UTF-8 at byte \(payload + bad)")
        }
    }
}
