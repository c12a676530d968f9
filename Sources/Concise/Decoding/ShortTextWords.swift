/// A short text's UTF-8 (at most 15 bytes) as two words: bytes 0–7, then bytes 8–14 with the
/// length in the top byte. Two short texts have the same bytes exactly when their words are
/// equal. ``MapKeyCache`` keys its slots by them, and ``DistinctTextKeys`` compares ASCII keys
/// by them.
enum ShortTextWords {
    /// The words of the `count` (at most 15) bytes at `start`; reads 16 bytes, so 16 must be
    /// readable there.
    @inline(__always)
    static func load(_ start: UnsafeRawPointer, count: Int) -> (leading: UInt64, trailing: UInt64) {
        var leading = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
        var trailing = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        // Keep the text's own bytes: the rest belong to whatever follows it.
        if count < 8 {
            leading &= (1 &<< UInt64(count &* 8)) &- 1
            trailing = 0
        } else {
            trailing &= (1 &<< UInt64((count &- 8) &* 8)) &- 1
        }
        trailing |= UInt64(count) &<< 56
        return (leading, trailing)
    }

    /// The words of `utf8` (at most 15 bytes), read within its bounds: two loads that may
    /// overlap, where ``load(_:count:)`` needs 16 readable bytes.
    @inline(__always)
    static func words(copying utf8: UnsafeBufferPointer<UInt8>) -> (leading: UInt64, trailing: UInt64) {
        let count = utf8.count
        guard let base = utf8.baseAddress, count > 0 else { return (0, 0) }
        let start = UnsafeRawPointer(base)
        var leading: UInt64
        var trailing: UInt64 = 0
        switch count {
        case 8...:
            leading = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
            if count > 8 {
                // Bytes count-8 ..< count, of which the last count-8 are the text's 8 ..< count.
                let tail = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
                trailing = tail &>> UInt64((16 &- count) &* 8)
            }
        case 4...:
            // Two loads of four that overlap where the text is shorter than eight.
            let head = UInt64(UInt32(littleEndian: start.loadUnaligned(as: UInt32.self)))
            let tail = UInt64(UInt32(littleEndian: start.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
            leading = head | tail &<< UInt64((count &- 4) &* 8)
        default:
            leading = UInt64(base[0]) | UInt64(base[count &>> 1]) &<< UInt64((count &>> 1) &* 8)
                | UInt64(base[count &- 1]) &<< UInt64((count &- 1) &* 8)
        }
        trailing |= UInt64(count) &<< 56
        return (leading, trailing)
    }

    /// Whether the text of these words is all ASCII: no byte has its top bit set (the length
    /// byte, at most 15, never has).
    @inline(__always)
    static func isASCII(leading: UInt64, trailing: UInt64) -> Bool {
        (leading | trailing) & 0x8080_8080_8080_8080 == 0
    }

    /// The text of these words, which must be well-formed UTF-8 (``TapeValueBuilder/text(_:)``
    /// builds it, from the words' bytes in place).
    static func text(leading: UInt64, trailing: UInt64) -> String {
        if SmallString.isLaidOutAsExpected {
            return SmallString.string(leading: leading, trailing: trailing)
        }
        let count = Int(truncatingIfNeeded: trailing &>> 56)
        let words = (leading.littleEndian, (trailing & 0x00ff_ffff_ffff_ffff).littleEndian)
        return withUnsafeBytes(of: words) { raw in
            TapeValueBuilder.text(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
        }
    }
}
