/// The output buffer of encoding, with the head writers of both backends.
///
/// The storage is kept allocated past `count`, so libcbor's `cbor_encode_*` functions always get
/// a pointer with at least ``headroom`` writable bytes, and the Swift writers write in place.
/// Bytes past `count` are never read; they are not zeroed when the storage grows.
///
/// The storage is a heap block the writer owns alone, written through its pointer: an array
/// would check on every write that it is not shared. So a copy of a writer shares its bytes,
/// and only one copy may be written to; the encoders swap writers (to encode a key apart from
/// the output) but never write to two copies. When one write needs ``largeWrite`` bytes or
/// more (a blob, a typed array), the bytes move to an array, which ``finish()`` then returns
/// without a copy: the large payload is copied once, into one fresh allocation instead of two,
/// and the per-write check of the array is small beside its size.
struct ByteWriter {
    /// The most bytes one head can take (initial byte and an 8-byte argument).
    static let headroom = 9
    /// The size of a single write from which the bytes are kept in ``large`` instead of
    /// ``block``.
    static let largeWrite = 1 << 20
    /// How many times ``block`` grows when it is full. Each growth copies the bytes written,
    /// and ``finish()`` copies them once more, into an array of their size: growing fourfold
    /// copies a third of the output in all, where doubling copied all of it. Nothing writes
    /// the room past the bytes written, so a large block's unused pages take no memory.
    /// ``large``, which ``finish()`` returns as it is, room included, doubles.
    static let growthFactor = 4

    let backend: CBORBackend
    /// The storage until a write of ``largeWrite`` bytes or more.
    private var block: ManagedBuffer<Void, UInt8>
    /// The storage from the first write of ``largeWrite`` bytes or more; empty before.
    private var large: [UInt8] = []
    private var isLarge = false
    /// ``SmallString/isLaidOutAsExpected``, read once here rather than on every string.
    private let smallStrings = SmallString.isLaidOutAsExpected
    /// The number of bytes the storage holds.
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0

    init(backend: CBORBackend, capacity: Int = 64) {
        self.backend = backend
        self.capacity = Swift.max(capacity, Self.headroom)
        self.block = Self.block(capacity: self.capacity)
    }

    private static func block(capacity: Int) -> ManagedBuffer<Void, UInt8> {
        .create(minimumCapacity: capacity) { _ in }
    }

    /// An array of `count` bytes that starts with `prefix`; the rest is left as the allocator
    /// gave it (a byte needs no initialization, and nothing reads a byte before writing it).
    private static func array(count: Int, copying prefix: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let source = prefix.baseAddress, let target = buffer.baseAddress {
                target.update(from: source, count: prefix.count)
            }
            initialized = count
        }
    }

    /// The bytes written, consuming the writer.
    consuming func finish() -> [UInt8] {
        if isLarge {
            large.removeSubrange(count...)
            return large
        }
        let count = self.count
        return block.withUnsafeMutablePointerToElements { Self.array(count: count, copying: UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// Calls `body` with the start of the storage, which has room for `capacity` bytes.
    @inline(__always)
    private mutating func withStorage<Result>(_ body: (UnsafeMutablePointer<UInt8>) -> Result) -> Result {
        guard isLarge else {
            return block.withUnsafeMutablePointerToElements(body)
        }
        // `large` holds `capacity` bytes, so its buffer is never empty here.
        return large.withUnsafeMutableBufferPointer { body($0.baseAddress.unsafelyUnwrapped) }
    }

    /// Makes room for `byteCount` more bytes.
    mutating func reserve(_ byteCount: Int) {
        let needed = count + byteCount
        guard needed > capacity else { return }
        grow(to: needed, forLargeWrite: byteCount >= Self.largeWrite)
    }

    /// Grows the storage to at least `needed` bytes: ``block`` to at least ``growthFactor``
    /// times its capacity, ``large`` to at least twice.
    @inline(never)
    private mutating func grow(to needed: Int, forLargeWrite: Bool) {
        let toLarge = isLarge || forLargeWrite
        let newCapacity = Swift.max(needed, capacity * (toLarge ? 2 : Self.growthFactor))
        let written = count
        if toLarge {
            large = withStorage { Self.array(count: newCapacity, copying: UnsafeBufferPointer(start: $0, count: written)) }
            if !isLarge {
                isLarge = true
                block = Self.block(capacity: 0)
            }
        } else {
            let grown = Self.block(capacity: newCapacity)
            withStorage { old in
                grown.withUnsafeMutablePointerToElements { $0.update(from: old, count: written) }
            }
            block = grown
        }
        capacity = newCapacity
    }

    /// Writes a head: major type and argument, in the shortest form (RFC 8949 §4.2.1).
    mutating func writeHead(major: UInt8, argument: UInt64) {
        writeWithHeadroom { out, capacity, backend in
            backend == .libcbor
                ? LibCBORHeadWriter.writeHead(major: major, argument: argument, to: out, capacity: capacity)
                : NativeHeadWriter.writeHead(major: major, argument: argument, to: out)
        }
    }

    /// Writes the initial byte of an indefinite-length string, array or map (major 2–5).
    mutating func writeIndefiniteStart(major: UInt8) {
        writeByte(major << 5 | 31)
    }

    /// Writes the break stop code.
    mutating func writeBreak() {
        writeByte(0xff)
    }

    /// Writes a half float from its bit pattern (always in Swift: libcbor's half encoder is
    /// wrong for many values).
    mutating func writeHalf(bitPattern: UInt16) {
        reserve(3)
        writeByte(0xf9)
        writeByte(UInt8(truncatingIfNeeded: bitPattern >> 8))
        writeByte(UInt8(truncatingIfNeeded: bitPattern))
    }

    /// Writes a single-precision float, keeping its bit pattern.
    mutating func writeFloat(_ value: Float) {
        writeWithHeadroom { out, capacity, backend in
            backend == .libcbor
                ? LibCBORHeadWriter.writeFloat(value, to: out, capacity: capacity)
                : NativeHeadWriter.writeFloat(value, to: out)
        }
    }

    /// Writes a double-precision float, keeping its bit pattern.
    mutating func writeDouble(_ value: Double) {
        writeWithHeadroom { out, capacity, backend in
            backend == .libcbor
                ? LibCBORHeadWriter.writeDouble(value, to: out, capacity: capacity)
                : NativeHeadWriter.writeDouble(value, to: out)
        }
    }

    /// Hands `write` a pointer with at least ``headroom`` writable bytes and counts what it
    /// wrote.
    private mutating func writeWithHeadroom(_ write: (UnsafeMutablePointer<UInt8>, Int, CBORBackend) -> Int) {
        reserve(Self.headroom)
        let start = count
        let backend = self.backend
        let capacity = self.capacity
        count += withStorage { base -> Int in
            // The storage has at least `headroom` bytes past `start`.
            write(base + start, capacity - start, backend)
        }
    }

    /// Writes one byte.
    mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        let start = count
        withStorage { $0[start] = byte }
        count += 1
    }

    /// Writes a head of major type 2 or 3 and its payload, with one reservation.
    mutating func writeString(major: UInt8, payload: UnsafeBufferPointer<UInt8>) {
        reserve(Self.headroom + payload.count)
        let start = count
        let backend = self.backend
        let capacity = self.capacity
        count += withStorage { base -> Int in
            // `reserve` left room for the longest head and the payload after it.
            let out = base + start
            let argument = UInt64(payload.count)
            let headLength: Int
            if backend == .libcbor {
                headLength = LibCBORHeadWriter.writeHead(major: major, argument: argument, to: out, capacity: capacity - start)
            } else if argument < 24 {
                // The commonest head of all, keys and words: one byte, written here.
                out[0] = major &<< 5 | UInt8(truncatingIfNeeded: argument)
                headLength = 1
            } else {
                headLength = NativeHeadWriter.writeHead(major: major, argument: argument, to: out)
            }
            if let source = payload.baseAddress {
                Self.copy(from: source, to: out + headLength, count: payload.count)
            }
            return headLength + payload.count
        }
    }

    /// Copies `count` bytes. Up to 16 (most keys and words) with two overlapping loads and
    /// stores that stay inside both buffers, which costs less than a call to `memmove`.
    @inline(__always)
    private static func copy(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch count {
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 1..<4:
            target[0] = source[0]
            target[count / 2] = source[count / 2]
            target[count - 1] = source[count - 1]
        case 0:
            break
        default:
            target.update(from: source, count: count)
        }
    }

    /// Writes raw bytes (a string payload, or an item encoded elsewhere).
    mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        let start = count
        withStorage { (base: UnsafeMutablePointer<UInt8>) in
            (base + start).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    /// Writes raw bytes.
    mutating func writeBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeBytes($0) }
    }

    /// Writes again, at the end, the bytes written in `range`.
    mutating func writeWritten(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "a range of written bytes")
        reserve(range.count)
        let start = count
        withStorage { base in
            // The range ends before `start`: the two do not overlap.
            Self.copy(from: base + range.lowerBound, to: base + start, count: range.count)
        }
        count += range.count
    }

    /// Whether the bytes written in `first` and in `second` are the same.
    mutating func writtenBytesEqual(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        precondition(first.upperBound <= count && second.upperBound <= count, "ranges of written bytes")
        return first.count == second.count
            && withStorage { base in
                UnsafeBufferPointer(start: base + first.lowerBound, count: first.count)
                    .elementsEqual(UnsafeBufferPointer(start: base + second.lowerBound, count: second.count))
            }
    }

    /// Whether the bytes written in `first` come before those in `second` in lexicographic
    /// order. The text-keyed sort's tie-break; ``compareWritten(_:_:)`` in its place cost that
    /// sort 0.3M instructions more on the records as `[String: Any]` (35.7M against 35.4M).
    mutating func writtenBytesPrecede(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        precondition(first.upperBound <= count && second.upperBound <= count, "ranges of written bytes")
        return withStorage { base in
            UnsafeBufferPointer(start: base + first.lowerBound, count: first.count)
                .lexicographicallyPrecedes(UnsafeBufferPointer(start: base + second.lowerBound, count: second.count))
        }
    }

    /// How the bytes written in `first` compare with those in `second` in lexicographic order:
    /// negative when they come first, zero when they are the same, positive when they come
    /// after.
    mutating func compareWritten(_ first: Range<Int>, _ second: Range<Int>) -> Int {
        precondition(first.upperBound <= count && second.upperBound <= count, "ranges of written bytes")
        return withStorage { base in
            let common = Swift.min(first.count, second.count)
            var index = 0
            while index < common {
                let (a, b) = (base[first.lowerBound &+ index], base[second.lowerBound &+ index])
                if a != b {
                    return a < b ? -1 : 1
                }
                index &+= 1
            }
            return first.count - second.count
        }
    }

    /// Writes the bytes written from `start` on again in another order: `pieces`, ranges of those
    /// bytes that do not overlap, one after another from `start`. Pieces that leave bytes out
    /// leave as many stale bytes at the end, for the caller to ``truncate(to:)``.
    mutating func reorderWritten(from start: Int, as pieces: some Sequence<Range<Int>>) {
        let end = count
        precondition(start >= 0 && start <= end, "a range of written bytes")
        withStorage { base in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { saved in
                guard let saved = saved.baseAddress else { return }
                saved.initialize(from: base + start, count: end - start)
                var cursor = start
                for piece in pieces {
                    precondition(piece.lowerBound >= start && piece.upperBound <= end && cursor + piece.count <= end,
                                 "pieces of the written bytes")
                    Self.copy(from: saved + (piece.lowerBound - start), to: base + cursor, count: piece.count)
                    cursor += piece.count
                }
            }
        }
    }

    /// Forgets the bytes written from `newCount` on.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "a count of written bytes")
        count = newCount
    }

    /// Writes the head of `major` and `argument` in place of the bytes in `range` (a head, or a
    /// one-byte placeholder), moving the bytes written after them to meet it when the new head
    /// is shorter or longer.
    mutating func replaceHead(in range: Range<Int>, major: UInt8, argument: UInt64) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "a range of written bytes")
        let length = NativeHeadWriter.headLength(argument: argument)
        if length > range.count {
            reserve(length - range.count + Self.headroom)
        }
        let end = count
        withStorage { base in
            if length != range.count {
                UnsafeMutableRawPointer(base + range.lowerBound + length)
                    .copyMemory(from: base + range.upperBound, byteCount: end - range.upperBound)  // regions may overlap
            }
            // Exactly `length` bytes, before the bytes just moved.
            _ = NativeHeadWriter.writeHead(major: major, argument: argument, to: base + range.lowerBound)
        }
        count = end + length - range.count
    }

    /// A hash of the bytes written in `range`: equal bytes, equal hashes.
    mutating func writtenBytesHash(_ range: Range<Int>) -> Int {
        precondition(range.upperBound <= count, "a range of written bytes")
        return withStorage { base in
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
            return hasher.finalize()
        }
    }

    /// Turns the one-byte placeholder at `offset` into the head of a container of `count` items,
    /// moving everything written after it when the head needs more than one byte
    /// (``replaceHead(in:major:argument:)``).
    mutating func patchContainerHead(at offset: Int, major: UInt8, count itemCount: Int) {
        precondition(offset < count, "a placeholder that was written")
        if itemCount < 24 {
            withStorage { $0[offset] = major << 5 | UInt8(truncatingIfNeeded: itemCount) }
            return
        }
        replaceHead(in: offset..<offset + 1, major: major, argument: UInt64(itemCount))
    }

    /// Writes a text string: head and UTF-8 payload.
    @inline(__always)
    mutating func writeText(_ text: borrowing String) {
        if smallStrings, let words = SmallString.words(of: text) {
            writeSmallText(leading: words.leading, trailing: words.trailing)
        } else {
            writeOtherText(text)
        }
    }

    /// Writes a small string (at most 15 bytes) from its words: the head, then both words at
    /// once. The bytes past the text's end are left past `count`.
    @inline(__always)
    mutating func writeSmallText(leading: UInt64, trailing: UInt64) {
        let length = Int(truncatingIfNeeded: trailing &>> 56)
        reserve(Self.headroom &+ 16)
        let start = count
        let backend = self.backend
        let capacity = self.capacity
        count &+= withStorage { base -> Int in
            let out = base + start
            let headLength: Int
            if backend == .libcbor {
                headLength = LibCBORHeadWriter.writeHead(major: 3, argument: UInt64(length), to: out, capacity: capacity &- start)
            } else {
                out[0] = 0x60 | UInt8(truncatingIfNeeded: length)
                headLength = 1
            }
            let payload = UnsafeMutableRawPointer(out + headLength)
            payload.storeBytes(of: leading.littleEndian, as: UInt64.self)
            payload.storeBytes(of: trailing.littleEndian, toByteOffset: 8, as: UInt64.self)
            return headLength &+ length
        }
    }

    /// Writes a text string that is not small, or any text where the small form's layout is
    /// not known.
    @inline(never)
    private mutating func writeOtherText(_ text: borrowing String) {
        // Native strings, small ones included, lend their UTF-8 without a copy of the string.
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { writeString(major: 3, payload: $0) }
        if written == nil {
            var text = copy text
            text.withUTF8 { writeString(major: 3, payload: $0) }
        }
    }

    /// Writes a byte string: head and payload.
    mutating func writeByteString(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeString(major: 2, payload: $0) }
    }
}
