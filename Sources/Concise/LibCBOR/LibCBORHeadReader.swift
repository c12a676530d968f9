internal import CLibCBOR

/// The head reader over libcbor's streaming decoder (`cbor_stream_decode`), one call per head.
///
/// libcbor 0.8 refuses some valid items and loses others, so those initial bytes are read in
/// Swift: tags 6–20 in their one-byte form (`0xc6`–`0xd4`), simple values 0–19 (`0xe0`–`0xf3`)
/// and two-byte simple values (`0xf8 xx`), and half floats (`0xf9`, whose NaN payloads libcbor's
/// float conversion drops). Definite-length strings have their declared length checked in Swift
/// before libcbor sees them, because libcbor's own check can overflow (GHSA-pj89-8hch-p7vp).
/// The one-pass decoders also read a text head of one byte (`0x60`–`0x6f`) themselves where
/// its payload is ASCII (``OnePassInput/shortASCIIText(at:)``): such a head has nothing to check.
struct LibCBORHeadReader: HeadReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let native: NativeHeadReader
    private var item = LibCBORItem()
    /// ``LibCBORCallbacks/table``, read once here rather than through its lazy initializer's
    /// check on every head.
    private let callbacks = LibCBORCallbacks.table

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.native = NativeHeadReader(bytes: bytes)
    }

    /// Reads the head at `offset`. Inlined into the decoders' loops: the commonest heads go
    /// straight to libcbor, and only the rest take the call to ``readOtherHead(at:)``.
    @inline(__always)
    mutating func readHead(at offset: Int) throws(CBORError) -> Head {
        guard offset < bytes.count, let base = bytes.baseAddress else {
            return try readOtherHead(at: offset)
        }
        let initial = base[offset]
        let info = initial & 0x1f
        let direct: Bool
        switch initial >> 6 {
        case 0, 2:
            // Integers and definite-length arrays and maps.
            direct = info < 28
        case 1:
            // A string whose length (0–23) is in the initial byte and fits what remains: there
            // is nothing more to check.
            direct = info < 24 && Int(info) < bytes.count &- offset
        default:
            // Tags 0–5 and 21–27 with their arguments, false, true, null, undefined, single
            // and double floats: one bit each, by the initial byte's low six bits.
            direct = (0x0cf0_0000_0fe0_003f as UInt64) &>> UInt64(initial & 0x3f) & 1 != 0
        }
        guard direct else { return try readOtherHead(at: offset) }
        return try readWithLibCBOR(at: offset, base: base)
    }

    /// Reads an integer's head (additional information below 28) or a double's: libcbor
    /// decodes both, so they go to it with no check of the initial byte, and its callback
    /// reports one of the three kinds.
    @inline(__always)
    mutating func readNumberHead(at offset: Int) throws(CBORError) -> Head {
        guard offset < bytes.count else {
            return try readOtherHead(at: offset)
        }
        // Not empty, as `offset` is inside it.
        return try readWithLibCBOR(at: offset, base: bytes.baseAddress.unsafelyUnwrapped, isNumber: true)
    }

    /// Every head ``readHead(at:)`` does not take straight to libcbor: the end of the input,
    /// the heads read in Swift, strings whose declared length the native reader checks first,
    /// and initial bytes libcbor calls malformed.
    @inline(never)
    private mutating func readOtherHead(at offset: Int) throws(CBORError) -> Head {
        guard offset < bytes.count, let base = bytes.baseAddress else {
            // The native reader says what is missing.
            return try native.readHead(at: offset)
        }
        switch base[offset] {
        case 0xc6...0xd4, 0xe0...0xf3, 0xf8, 0xf9:
            return try native.readHead(at: offset)
        case 0x40...0x5b, 0x60...0x7b:
            // Checks the declared length against what remains (and throws if it does not fit).
            _ = try native.readHead(at: offset)
        default:
            break
        }
        return try readWithLibCBOR(at: offset, base: base)
    }

    /// One call to `cbor_stream_decode` at `offset`, and the head its callback reported; for
    /// a number's head (`isNumber`), with no look at what kind it is.
    @inline(__always)
    private mutating func readWithLibCBOR(
        at offset: Int, base: UnsafePointer<UInt8>, isNumber: Bool = false
    ) throws(CBORError) -> Head {
        if !isNumber {
            // A number's initial byte always ends in its callback; another's is not known to.
            item.kind = .breakCode
        }
        let result = withUnsafeMutablePointer(to: &item) { context in
            cbor_stream_decode(base + offset, bytes.count &- offset, callbacks, context)
        }
        guard result.status == CBOR_DECODER_FINISHED else {
            return try unfinished(result, at: offset)
        }
        guard !isNumber else {
            return Head(kind: item.kind, argument: item.argument, length: result.read)
        }
        return head(read: result.read, offset: offset, base: base)
    }

    /// What `cbor_stream_decode` could not finish: too few bytes, or malformed. libcbor says
    /// neither what is short nor how it is malformed, so the native reader's error says it, in
    /// the same words on both backends: a head cut short, reserved additional information, or
    /// indefinite length on major type 0, 1 or 6.
    @inline(never)
    private func unfinished(_ result: cbor_decoder_result, at offset: Int) throws(CBORError) -> Head {
        guard result.status == CBOR_DECODER_NEDATA else {
            return try native.readHead(at: offset)
        }
        _ = try native.readHead(at: offset)
        // Never reached while the two readers agree on what is short.
        throw Self.truncated(at: offset, required: result.required, remaining: bytes.count - offset)
    }

    /// The error for an item that needs more bytes than remain, made out of line: the message
    /// would otherwise weigh on every head read.
    @inline(never)
    private static func truncated(at offset: Int, required: Int, remaining: Int) -> CBORError {
        CBORError(.truncated, offset: offset, "the item needs \(required) bytes but \(remaining) remain")
    }

    private func head(read: Int, offset: Int, base: UnsafePointer<UInt8>) -> Head {
        switch item.kind {
        case .byteString, .textString:
            if let data = item.data {
                let payloadOffset = data - base
                return Head(kind: item.kind, argument: item.argument, length: payloadOffset - offset)
            }
            return Head(kind: item.kind, isIndefinite: true, argument: 0, length: read)
        case .array, .map:
            return Head(kind: item.kind, isIndefinite: item.isIndefinite, argument: item.argument, length: read)
        default:
            return Head(kind: item.kind, argument: item.argument, length: read)
        }
    }
}

/// What one libcbor callback reported; the callbacks' context.
struct LibCBORItem {
    var kind: ItemKind = .breakCode
    var isIndefinite = false
    var argument: UInt64 = 0
    var data: UnsafePointer<UInt8>?
}

/// The callback table handed to `cbor_stream_decode`, built once.
enum LibCBORCallbacks {
    /// Allocated once and never written again, so every thread may read it.
    nonisolated(unsafe) static let table: UnsafePointer<cbor_callbacks> = {
        let table = UnsafeMutablePointer<cbor_callbacks>.allocate(capacity: 1)
        table.initialize(to: makeTable())
        return UnsafePointer(table)
    }()

    private static func makeTable() -> cbor_callbacks {
        var table = cbor_callbacks()
        table.uint8 = { setNumber($0, .unsigned, UInt64(truncatingIfNeeded: $1)) }
        table.uint16 = { setNumber($0, .unsigned, UInt64(truncatingIfNeeded: $1)) }
        table.uint32 = { setNumber($0, .unsigned, UInt64(truncatingIfNeeded: $1)) }
        table.uint64 = { setNumber($0, .unsigned, $1) }
        table.negint8 = { setNumber($0, .negative, UInt64(truncatingIfNeeded: $1)) }
        table.negint16 = { setNumber($0, .negative, UInt64(truncatingIfNeeded: $1)) }
        table.negint32 = { setNumber($0, .negative, UInt64(truncatingIfNeeded: $1)) }
        table.negint64 = { setNumber($0, .negative, $1) }
        table.byte_string = { set($0, .byteString, UInt64(truncatingIfNeeded: $2), data: $1) }
        table.byte_string_start = { set($0, .byteString, 0, indefinite: true) }
        table.string = { set($0, .textString, UInt64(truncatingIfNeeded: $2), data: $1) }
        table.string_start = { set($0, .textString, 0, indefinite: true) }
        table.array_start = { set($0, .array, UInt64(truncatingIfNeeded: $1)) }
        table.indef_array_start = { set($0, .array, 0, indefinite: true) }
        table.map_start = { set($0, .map, UInt64(truncatingIfNeeded: $1)) }
        table.indef_map_start = { set($0, .map, 0, indefinite: true) }
        table.tag = { set($0, .tag, $1) }
        table.float2 = { set($0, .half, UInt64(Float16($1).bitPattern)) }
        table.float4 = { set($0, .float, UInt64($1.bitPattern)) }
        table.float8 = { setNumber($0, .double, $1.bitPattern) }
        table.boolean = { set($0, .simple, $1 ? 21 : 20) }
        table.null = { set($0, .simple, 22) }
        table.undefined = { set($0, .simple, 23) }
        table.indef_break = { set($0, .breakCode, 0) }
        return table
    }
}

private func item(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<LibCBORItem> {
    // The context is always the LibCBORItem that LibCBORHeadReader passes in.
    context.unsafelyUnwrapped.assumingMemoryBound(to: LibCBORItem.self)
}

/// The callback of an integer or a double: its kind and argument, all that is read of such a
/// head (``LibCBORItem/isIndefinite`` and ``LibCBORItem/data`` are read only after the
/// callbacks of containers and strings, which set them).
private func setNumber(_ context: UnsafeMutableRawPointer?, _ kind: ItemKind, _ argument: UInt64) {
    let item = item(context)
    item.pointee.kind = kind
    item.pointee.argument = argument
}

/// The callback of any other head: ``setNumber(_:_:_:)``'s fields, and whether the head is of
/// indefinite length and where a string's payload starts.
private func set(
    _ context: UnsafeMutableRawPointer?, _ kind: ItemKind, _ argument: UInt64,
    indefinite: Bool = false, data: UnsafePointer<UInt8>? = nil
) {
    setNumber(context, kind, argument)
    let item = item(context)
    item.pointee.isIndefinite = indefinite
    item.pointee.data = data
}
