/// The input of the one-pass decoders (``OnePassValueDecoder``, ``OnePassAnyDecoder``): heads
/// from the backend's head reader (the native backend's commonest heads inline), and the budget
/// of items containers may reserve room for.
///
/// A container reserves room for its declared count once the count is known to fit in the
/// bytes that remain (every item takes at least one byte), and all reservations together stay
/// within one item per input byte: a well-formed input never needs more, and a hostile one that
/// declares large counts at every level cannot multiply them.
struct OnePassInput<Reader: HeadReader> {
    private var reader: Reader
    private let base: UnsafePointer<UInt8>
    private let count: Int
    /// How many more items containers may reserve room for.
    private var unreservedItems: Int
    /// ``NumberHeads/table``, read once here rather than through its lazy initializer's check
    /// on every item.
    private let numberHeads = NumberHeads.table

    /// The input `bytes`, or `nil` for an empty buffer (the general path reports it).
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return nil }
        self.reader = Reader(bytes: bytes)
        self.base = base
        self.count = bytes.count
        self.unreservedItems = bytes.count
    }

    /// How many bytes follow `offset`.
    @inline(__always)
    func remaining(after offset: Int) -> UInt64 {
        UInt64(count &- offset)
    }

    /// The `count` bytes at `offset` (already checked to be there).
    @inline(__always)
    func payload(at offset: Int, count: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + offset, count: count)
    }

    /// The words (``ShortTextWords``) of the `count` bytes at `offset` when they are at most 15,
    /// all ASCII, and 16 bytes are readable there; `nil` otherwise. Such text is well-formed
    /// UTF-8 with nothing more to check.
    @inline(__always)
    func asciiWords(at offset: Int, count textCount: UInt64) -> (leading: UInt64, trailing: UInt64)? {
        guard textCount < 16, count &- offset >= 16 else { return nil }
        let words = ShortTextWords.load(UnsafeRawPointer(base + offset), count: Int(textCount))
        return ShortTextWords.isASCII(leading: words.leading, trailing: words.trailing) ? words : nil
    }

    /// The first byte at `offset`, or `nil` at the end of the input.
    @inline(__always)
    func initialByte(at offset: Int) -> UInt8? {
        offset < count ? base[offset] : nil
    }

    /// The payload of the text at `offset` when it has at most 15 bytes and 16 bytes follow its
    /// one-byte head (what a ``MapKeyCache`` probe loads); `nil`, with nothing read, otherwise.
    /// Such a head (`0x60`–`0x6f`) is one byte with nothing to check, on either backend, so it
    /// is read here.
    @inline(__always)
    func shortText(at offset: Int) -> UnsafeBufferPointer<UInt8>? {
        guard count &- offset > 16 else { return nil }
        let length = base[offset] &- 0x60
        guard length < 16 else { return nil }
        return UnsafeBufferPointer(start: base + (offset &+ 1), count: Int(length))
    }

    /// The words (``ShortTextWords``) of the text at `offset` and the bytes it takes, head
    /// included, when its head is one byte (`0x60`–`0x6f`), its payload all ASCII and 16 bytes
    /// readable after the head; `nil` otherwise. Such text has nothing to check, on either
    /// backend, so it is read here.
    @inline(__always)
    func shortASCIIText(at offset: Int) -> (leading: UInt64, trailing: UInt64, length: Int)? {
        guard let initial = initialByte(at: offset) else { return nil }
        let textCount = initial &- 0x60
        guard textCount < 16, let words = asciiWords(at: offset &+ 1, count: UInt64(textCount)) else { return nil }
        return (words.leading, words.trailing, 1 &+ Int(textCount))
    }

    /// Reads the head at `offset`, moving `offset` past it: the native backend's commonest heads
    /// inline, everything else through the backend's head reader. `nil` for a head the reader
    /// rejects and for indefinite lengths.
    @inline(__always)
    mutating func head(at offset: inout Int) -> Head? {
        if Reader.self == NativeHeadReader.self {
            guard offset < count else { return nil }
            let initial = base[offset]
            let major = initial >> 5
            let info = initial & 0x1f
            // Two-byte simple values (checked by the reader) and reserved or indefinite
            // additional information go to the reader.
            if info < 28, major != 7 || info != 24 {
                return nativeHead(at: &offset, initial: initial, kind: Self.kind(major: major, info: info))
            }
        }
        guard let head = try? reader.readHead(at: offset), !head.isIndefinite else { return nil }
        offset &+= head.length
        return head
    }

    /// The native backend's reading of a definite-length head of `kind` whose first byte,
    /// `initial`, has additional information below 28; `nil` when the input ends inside it.
    @inline(__always)
    private func nativeHead(at offset: inout Int, initial: UInt8, kind: ItemKind) -> Head? {
        let info = initial & 0x1f
        let length = info < 24 ? 1 : 1 &+ (1 &<< Int(info &- 24))
        guard count &- offset >= length else { return nil }
        let argument = NativeHeadReader.argument(info: info, following: UnsafeRawPointer(base + (offset &+ 1)))
        offset &+= length
        return Head(kind: kind, argument: argument, length: length)
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

    /// The head at `offset` when it is an integer or a double, moving `offset` past it: the
    /// commonest items of large arrays, which the decoders read in the array's own loop rather
    /// than through a recursive call. `nil`, with `offset` unchanged, for anything else.
    @inline(__always)
    mutating func numberHead(at offset: inout Int) -> Head? {
        guard let initial = initialByte(at: offset) else { return nil }
        let entry = numberHeads[Int(initial)]
        guard entry != 0 else { return nil }
        guard Reader.self == NativeHeadReader.self else {
            guard let head = try? reader.readNumberHead(at: offset) else { return nil }
            offset &+= head.length
            return head
        }
        return nativeHead(at: &offset, initial: initial, kind: NumberHeads.kind(entry: entry))
    }

    /// Whether the item at `offset` is an integer or a double (``numberHead(at:)`` reads it).
    @inline(__always)
    func startsNumber(at offset: Int) -> Bool {
        guard let initial = initialByte(at: offset) else { return false }
        return numberHeads[Int(initial)] != 0
    }

    /// Room to reserve for a container that declares `declared` items (already checked against
    /// the bytes that remain), within what is left of the input's budget.
    @inline(__always)
    mutating func reservation(for declared: UInt64) -> Int {
        let granted = Swift.min(Int(declared), unreservedItems)
        unreservedItems &-= granted
        return granted
    }
}
