/// The Swift head reader: reads RFC 8949 §3 heads straight from the bytes.
struct NativeHeadReader: HeadReader {
    let bytes: UnsafeBufferPointer<UInt8>

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func readHead(at offset: Int) throws(CBORError) -> Head {
        guard offset < bytes.count, let base = bytes.baseAddress else {
            throw CBORError(.truncated, offset: offset, "the input ends where a data item should start")
        }
        let initial = base[offset]
        let major = initial >> 5
        let info = initial & 0x1f
        let argument: UInt64
        let length: Int
        switch info {
        case 0..<24:
            argument = UInt64(info)
            length = 1
        case 24...27:
            length = 1 + (1 << Int(info - 24))
            guard bytes.count - offset >= length else {
                throw CBORError(
                    .truncated, offset: offset,
                    "the head needs \(length) bytes but \(bytes.count - offset) remain")
            }
            argument = Self.argument(info: info, following: UnsafeRawPointer(base + offset + 1))
        case 31:
            return try Self.indefiniteHead(major: major, offset: offset)
        default:
            throw CBORError(
                .reservedAdditionalInfo, offset: offset,
                "additional information \(info) is reserved (initial byte 0x\(hex(initial)))")
        }
        switch major {
        case 0: return Head(kind: .unsigned, argument: argument, length: length)
        case 1: return Head(kind: .negative, argument: argument, length: length)
        case 2, 3:
            guard argument <= UInt64(bytes.count - offset - length) else {
                throw CBORError(
                    .truncated, offset: offset,
                    "a string declares \(argument) bytes but \(bytes.count - offset - length) remain")
            }
            return Head(kind: major == 2 ? .byteString : .textString, argument: argument, length: length)
        case 4: return Head(kind: .array, argument: argument, length: length)
        case 5: return Head(kind: .map, argument: argument, length: length)
        case 6: return Head(kind: .tag, argument: argument, length: length)
        default: return try Self.majorSevenHead(info: info, argument: argument, length: length, offset: offset)
        }
    }

    /// The argument of a head whose additional information `info` is 0–27, read from the bytes
    /// that follow the initial byte (which must be present).
    @inline(__always)
    static func argument(info: UInt8, following raw: UnsafeRawPointer) -> UInt64 {
        switch info {
        case 0..<24: return UInt64(info)
        case 24: return UInt64(raw.load(as: UInt8.self))
        case 25: return UInt64(UInt16(bigEndian: raw.loadUnaligned(as: UInt16.self)))
        case 26: return UInt64(UInt32(bigEndian: raw.loadUnaligned(as: UInt32.self)))
        default: return UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
        }
    }

    static func indefiniteHead(major: UInt8, offset: Int) throws(CBORError) -> Head {
        switch major {
        case 2: return Head(kind: .byteString, isIndefinite: true, argument: 0, length: 1)
        case 3: return Head(kind: .textString, isIndefinite: true, argument: 0, length: 1)
        case 4: return Head(kind: .array, isIndefinite: true, argument: 0, length: 1)
        case 5: return Head(kind: .map, isIndefinite: true, argument: 0, length: 1)
        case 7: return Head(kind: .breakCode, argument: 0, length: 1)
        default:
            throw CBORError(
                .invalidIndefiniteLength, offset: offset,
                "major type \(major) has no indefinite length (initial byte 0x\(hex(0x1f | major << 5)))")
        }
    }

    static func majorSevenHead(info: UInt8, argument: UInt64, length: Int, offset: Int) throws(CBORError) -> Head {
        switch info {
        case 0..<24:
            return Head(kind: .simple, argument: argument, length: 1)
        case 24:
            guard argument >= 32 else {
                throw CBORError(
                    .invalidSimpleValue, offset: offset,
                    "simple value \(argument) must use the one-byte form (RFC 8949 §3.3)")
            }
            return Head(kind: .simple, argument: argument, length: 2)
        case 25: return Head(kind: .half, argument: argument, length: 3)
        case 26: return Head(kind: .float, argument: argument, length: 5)
        default: return Head(kind: .double, argument: argument, length: 9)
        }
    }
}

/// Two lowercase hex digits.
func hex(_ byte: UInt8) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
}
