/// The native backend's decoder into ``CBOR``: one recursive pass over the bytes, with no tape.
///
/// It handles the common case only: definite-length items nested less than
/// ``TapeValueBuilder/recursionLimit`` deep. At anything else (an indefinite-length item, deeper
/// nesting, or anything the scanner would report) it gives up and returns `nil`, and the caller
/// decodes the item again through the scanner and the tape. So it never reports an error of its
/// own: results and errors are exactly those of the general path, which `FuzzDifferential`
/// checks against the libcbor backend (which always takes the general path).
///
/// Giving up costs one partial pass. A container reserves room for its declared count once the
/// count is known to fit in the bytes that remain (every item takes at least one byte), and all
/// reservations together stay within one item per input byte: a well-formed input never needs
/// more, and a hostile one that declares large counts at every level cannot multiply them.
struct NativeValueDecoder {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maxDepth: Int
    private let allowsDuplicateKeys: Bool
    /// How many more items containers may reserve room for.
    private var unreservedItems: Int

    /// A decoder over `bytes`, or `nil` for an empty buffer (the general path reports it).
    init?(bytes: UnsafeBufferPointer<UInt8>, limits: ScanLimits, allowsDuplicateKeys: Bool) {
        guard let base = bytes.baseAddress, limits.validatesUTF8 else { return nil }
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

    /// Reads a head of definite length: major type, additional information and argument.
    @inline(__always)
    private func head(at offset: inout Int) -> (major: UInt8, info: UInt8, argument: UInt64)? {
        guard offset < count else { return nil }
        let initial = base[offset]
        let info = initial & 0x1f
        guard info < 28 else { return nil }  // reserved, or indefinite length
        let length = info < 24 ? 1 : 1 &+ (1 &<< Int(info &- 24))
        guard count &- offset >= length else { return nil }
        let argument = NativeHeadReader.argument(info: info, following: UnsafeRawPointer(base + (offset &+ 1)))
        offset &+= length
        return (initial >> 5, info, argument)
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
        guard depth <= maxDepth, let (major, info, argument) = head(at: &offset) else { return nil }
        switch major {
        case 0:
            return .unsigned(argument)
        case 1:
            return .negative(argument)
        case 2, 3:
            guard argument <= UInt64(count &- offset) else { return nil }
            let payload = UnsafeBufferPointer(start: base + offset, count: Int(argument))
            offset &+= Int(argument)
            if major == 2 {
                return .byteString(Array(payload))
            }
            // On ill-formed text the general path reports where.
            guard UTF8Validation.firstInvalidIndex(in: payload) == nil else { return nil }
            return .textString(TapeValueBuilder.text(payload))
        case 4:
            guard argument <= UInt64(count &- offset), depth < TapeValueBuilder.recursionLimit else { return nil }
            var items: [CBOR] = []
            items.reserveCapacity(reservation(for: argument))
            for _ in 0..<argument {
                guard let item = item(at: &offset, depth: depth &+ 1) else { return nil }
                items.append(item)
            }
            return .array(items)
        case 5:
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
        case 6:
            guard depth < TapeValueBuilder.recursionLimit, let content = item(at: &offset, depth: depth &+ 1) else {
                return nil
            }
            return .tagged(argument, content)
        default:
            switch info {
            case 0..<24: return TapeValueBuilder.simple(argument)
            case 24: return argument >= 32 ? .simple(UInt8(truncatingIfNeeded: argument)) : nil
            case 25: return .half(Float16(bitPattern: UInt16(truncatingIfNeeded: argument)))
            case 26: return .float(Float(bitPattern: UInt32(truncatingIfNeeded: argument)))
            default: return .double(Double(bitPattern: argument))
            }
        }
    }
}

