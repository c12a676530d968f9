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

    /// Whether the text of these words is all ASCII: no byte has its top bit set (the length
    /// byte, at most 15, never has).
    @inline(__always)
    static func isASCII(leading: UInt64, trailing: UInt64) -> Bool {
        (leading | trailing) & 0x8080_8080_8080_8080 == 0
    }

    /// The text of these words, which must be well-formed UTF-8 (``TapeValueBuilder/text(_:)``
    /// builds it, from the words' bytes in place).
    static func text(leading: UInt64, trailing: UInt64) -> String {
        let count = Int(truncatingIfNeeded: trailing &>> 56)
        let words = (leading.littleEndian, (trailing & 0x00ff_ffff_ffff_ffff).littleEndian)
        return withUnsafeBytes(of: words) { raw in
            TapeValueBuilder.text(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
        }
    }
}
