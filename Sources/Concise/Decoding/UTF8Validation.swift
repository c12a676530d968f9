/// UTF-8 well-formedness (Unicode §3.9, table 3-7): no overlong forms, no surrogates, nothing
/// above U+10FFFF.
enum UTF8Validation {
    /// Returns the index of the first byte that starts an ill-formed sequence, or `nil` when
    /// all of `bytes` is well-formed.
    static func firstInvalidIndex(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
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
}
