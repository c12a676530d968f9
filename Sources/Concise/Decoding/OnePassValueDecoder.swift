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
/// Giving up costs one partial pass. A container reserves room for its declared count once the
/// count is known to fit in the bytes that remain (every item takes at least one byte), and all
/// reservations together stay within one item per input byte: a well-formed input never needs
/// more, and a hostile one that declares large counts at every level cannot multiply them.
struct OnePassValueDecoder<Reader: HeadReader> {
    private var reader: Reader
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maxDepth: Int
    private let allowsDuplicateKeys: Bool
    /// How many more items containers may reserve room for.
    private var unreservedItems: Int

    /// A decoder over `bytes`, or `nil` when the general path must decode: an empty buffer (the
    /// general path reports it), or text that is not to be validated.
    init?(bytes: UnsafeBufferPointer<UInt8>, limits: ScanLimits, allowsDuplicateKeys: Bool) {
        guard let base = bytes.baseAddress, limits.validatesUTF8 else { return nil }
        self.reader = Reader(bytes: bytes)
        self.base = base
        self.count = bytes.count
        self.maxDepth = limits.maxDepth
        self.allowsDuplicateKeys = allowsDuplicateKeys
        self.unreservedItems = bytes.count
    }

    /// The item at `offset` and the offset just past it, or `nil` when the general path must
    /// decode it.
    mutating func decode(at offset: Int) -> (CBOR, Int)? {
        var position = offset
        guard let value = item(at: &position, depth: 0) else { return nil }
        return (value, position)
    }

    /// Reads the head at `offset`, moving `offset` past it: the native backend's commonest heads
    /// inline, everything else through the backend's head reader. `nil` for a head the reader
    /// rejects and for indefinite lengths.
    @inline(__always)
    private mutating func head(at offset: inout Int) -> Head? {
        if Reader.self == NativeHeadReader.self {
            guard offset < count else { return nil }
            let initial = base[offset]
            let major = initial >> 5
            let info = initial & 0x1f
            // Two-byte simple values (checked by the reader) and reserved or indefinite
            // additional information go to the reader.
            if info < 28, major != 7 || info != 24 {
                let length = info < 24 ? 1 : 1 &+ (1 &<< Int(info &- 24))
                guard count &- offset >= length else { return nil }
                let argument = NativeHeadReader.argument(info: info, following: UnsafeRawPointer(base + (offset &+ 1)))
                offset &+= length
                return Head(kind: Self.kind(major: major, info: info), argument: argument, length: length)
            }
        }
        guard let head = try? reader.readHead(at: offset), !head.isIndefinite else { return nil }
        offset &+= head.length
        return head
    }

    /// The kind of a definite-length head (additional information below 28, and not a two-byte
    /// simple value).
    @inline(__always)
    private static func kind(major: UInt8, info: UInt8) -> ItemKind {
        switch major {
        case 0: return .unsigned
        case 1: return .negative
        case 2: return .byteString
        case 3: return .textString
        case 4: return .array
        case 5: return .map
        case 6: return .tag
        default: return info < 24 ? .simple : info == 25 ? .half : info == 26 ? .float : .double
        }
    }

    /// Room to reserve for a container that declares `declared` items (already checked against
    /// the bytes that remain), within what is left of the input's budget.
    @inline(__always)
    private mutating func reservation(for declared: UInt64) -> Int {
        let granted = Swift.min(Int(declared), unreservedItems)
        unreservedItems &-= granted
        return granted
    }

    /// The item at `offset`, `depth` containers and tags below the root; moves `offset` past it.
    private mutating func item(at offset: inout Int, depth: Int) -> CBOR? {
        guard depth <= maxDepth, let head = head(at: &offset) else { return nil }
        let argument = head.argument
        switch head.kind {
        case .byteString, .textString:
            guard argument <= UInt64(count &- offset) else { return nil }
            let payload = UnsafeBufferPointer(start: base + offset, count: Int(argument))
            offset &+= Int(argument)
            if head.kind == .byteString {
                return .byteString(Array(payload))
            }
            // On ill-formed text the general path reports where.
            guard UTF8Validation.firstInvalidIndex(in: payload) == nil else { return nil }
            return .textString(TapeValueBuilder.text(payload))
        case .array:
            guard argument <= UInt64(count &- offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            var items: [CBOR] = []
            items.reserveCapacity(reservation(for: argument))
            for _ in 0..<argument {
                guard let item = item(at: &offset, depth: depth &+ 1) else { return nil }
                items.append(item)
            }
            return .array(items)
        case .map:
            guard argument <= UInt64(count &- offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            var entries: [(key: CBOR, value: CBOR)] = []
            entries.reserveCapacity(reservation(for: argument))
            var seenKeys: Set<CBOR>? = allowsDuplicateKeys ? nil : Set(minimumCapacity: Int(argument))
            for _ in 0..<argument {
                guard let key = item(at: &offset, depth: depth &+ 1),
                      seenKeys?.insert(key).inserted != false,
                      let value = item(at: &offset, depth: depth &+ 1)
                else { return nil }
                entries.append((key, value))
            }
            return .map(CBORMap(entries))
        case .tag:
            guard depth < TapeValueBuilder.recursionLimit, let content = item(at: &offset, depth: depth &+ 1) else {
                return nil
            }
            return .tagged(argument, content)
        default:
            return TapeValueBuilder.scalar(kind: head.kind, argument: argument)
        }
    }
}
