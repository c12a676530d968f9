internal import CLibCBOR

/// The head reader over libcbor's streaming decoder (`cbor_stream_decode`), one call per head.
///
/// libcbor 0.8 refuses some valid items and loses others, so those initial bytes are read in
/// Swift: tags 6–20 in their one-byte form (`0xc6`–`0xd4`), simple values 0–19 (`0xe0`–`0xf3`)
/// and two-byte simple values (`0xf8 xx`), and half floats (`0xf9`, whose NaN payloads libcbor's
/// float conversion drops). Definite-length strings have their declared length checked in Swift
/// before libcbor sees them, because libcbor's own check can overflow (GHSA-pj89-8hch-p7vp).
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

    mutating func readHead(at offset: Int) throws(CBORError) -> Head {
        guard offset < bytes.count, let base = bytes.baseAddress else {
            // The native reader says what is missing.
            return try native.readHead(at: offset)
        }
        let initial = base[offset]
        switch initial {
        case 0xc6...0xd4, 0xe0...0xf3, 0xf8, 0xf9:
            return try native.readHead(at: offset)
        case 0x40...0x5b, 0x60...0x7b:
            // Checks the declared length against what remains (and throws if it does not fit).
            _ = try native.readHead(at: offset)
        default:
            break
        }
        item.kind = .breakCode
        let result = withUnsafeMutablePointer(to: &item) { context in
            cbor_stream_decode(base + offset, bytes.count - offset, callbacks, context)
        }
        switch result.status {
        case CBOR_DECODER_FINISHED:
            return head(read: result.read, offset: offset, base: base)
        case CBOR_DECODER_NEDATA:
            throw Self.truncated(at: offset, required: result.required, remaining: bytes.count - offset)
        default:
            // libcbor says "malformed" without saying how; the Swift reader names the reason
            // (reserved additional information, or indefinite length on major type 0, 1, 6).
            return try native.readHead(at: offset)
        }
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
        table.uint8 = { set($0, .unsigned, UInt64(truncatingIfNeeded: $1)) }
        table.uint16 = { set($0, .unsigned, UInt64(truncatingIfNeeded: $1)) }
        table.uint32 = { set($0, .unsigned, UInt64(truncatingIfNeeded: $1)) }
        table.uint64 = { set($0, .unsigned, $1) }
        table.negint8 = { set($0, .negative, UInt64(truncatingIfNeeded: $1)) }
        table.negint16 = { set($0, .negative, UInt64(truncatingIfNeeded: $1)) }
        table.negint32 = { set($0, .negative, UInt64(truncatingIfNeeded: $1)) }
        table.negint64 = { set($0, .negative, $1) }
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
        table.float8 = { set($0, .double, $1.bitPattern) }
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

private func set(
    _ context: UnsafeMutableRawPointer?, _ kind: ItemKind, _ argument: UInt64,
    indefinite: Bool = false, data: UnsafePointer<UInt8>? = nil
) {
    let item = item(context)
    item.pointee.kind = kind
    item.pointee.argument = argument
    item.pointee.isIndefinite = indefinite
    item.pointee.data = data
}
