/// UTF-8 well-formedness (Unicode §3.9, table 3-7): no overlong forms, no surrogates, nothing
/// above U+10FFFF.
enum UTF8Validation {
    /// Returns the index of the first byte that starts an ill-formed sequence, or `nil` when
    /// all of `bytes` is well-formed.
    @inline(__always)
    static func firstInvalidIndex(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, !isASCII(base, count: bytes.count) else { return nil }
        return firstInvalidIndex(base, count: bytes.count)
    }

    /// ``firstInvalidIndex(in:)`` without its all-ASCII check first, which reads all of
    /// `bytes`: for a caller that looks for one ill-formed sequence after another
    /// (``LenientUTF8``), where that check would read the rest again each time.
    static func firstInvalidIndexScanning(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        return firstInvalidIndex(base, count: bytes.count)
    }

    /// ``firstInvalidIndex(in:)`` past the all-ASCII check.
    private static func firstInvalidIndex(_ base: UnsafePointer<UInt8>, count: Int) -> Int? {
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { return nil }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let width: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xbf
            switch lead {
            case 0xc2...0xdf: width = 2
            case 0xe0: width = 3; low = 0xa0
            case 0xe1...0xec, 0xee...0xef: width = 3
            case 0xed: width = 3; high = 0x9f
            case 0xf0: width = 4; low = 0x90
            case 0xf1...0xf3: width = 4
            case 0xf4: width = 4; high = 0x8f
            default: return index
            }
            guard index + width <= count else { return index }
            let second = base[index + 1]
            guard second >= low && second <= high else { return index }
            for continuation in 2..<width where base[index + continuation] & 0xc0 != 0x80 {
                return index
            }
            index += width
        }
        return nil
    }

    /// Whether all `count` bytes at `base` are ASCII: whole words, and short buffers in at most
    /// two overlapping loads, so the short strings of most documents cost no byte loop.
    @inline(__always)
    static func isASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        switch count {
        case 0:
            return true
        case 1...3:
            return (base[0] | base[count &>> 1] | base[count &- 1]) & 0x80 == 0
        case 4...7:
            let bits = raw.loadUnaligned(as: UInt32.self) | raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            return bits & 0x8080_8080 == 0
        default:
            var bits: UInt64 = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            var offset = 0
            while offset &+ 8 <= count {
                bits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            return bits & 0x8080_8080_8080_8080 == 0
        }
    }
}
