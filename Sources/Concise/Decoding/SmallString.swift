/// Strings of at most 15 UTF-8 bytes, read and made through their two words.
///
/// The standard library keeps such a string in the `String` value itself, with no storage
/// (its "small" form): bytes 0–7 in the first word, bytes 8–14 in the low seven bytes of the
/// second, and in the second word's top byte four flag bits over the length. That is the
/// layout of ``ShortTextWords``, flags apart. Reading a string's bytes through the public API
/// (`utf8.withContiguousStorageIfAvailable`) costs a call, a copy of the string and, where the
/// string is read out of an enum in memory, a retain and a release. Making one
/// (`String(unsafeUninitializedCapacity:initializingUTF8With:)`) costs a call and a closure.
/// For map keys and short words, the commonest strings in CBOR, that is most of the cost of
/// the string.
///
/// The layout is the standard library's own (`_StringObject`), not public API. So it is
/// checked once, against strings the standard library makes itself (``isLaidOutAsExpected``),
/// and nothing here makes a string from words unless the check passed: where it did not,
/// callers take the public API. A string made here is bit for bit the string the standard
/// library makes from the same bytes, so it behaves as one in every respect.
enum SmallString {
    /// The top byte of a small string's second word, over its length: immortal (bit 63),
    /// ASCII (bit 62), small (bit 61).
    private static let asciiFlags: UInt64 = 0xe0 &<< 56
    /// The same for a small string that is not all ASCII.
    private static let utf8Flags: UInt64 = 0xa0 &<< 56
    /// The bit of a string's second word that marks the small form.
    private static let smallBit: UInt64 = 1 &<< 61

    /// Whether this platform's standard library lays small strings out as this type expects,
    /// checked once against strings of every length up to 15 it makes itself, in ASCII and not.
    static let isLaidOutAsExpected: Bool = probe()

    /// The string of these words (``ShortTextWords``' layout), which must hold well-formed
    /// UTF-8. Only when ``isLaidOutAsExpected``.
    @inline(__always)
    static func string(leading: UInt64, trailing: UInt64) -> String {
        let flags = ShortTextWords.isASCII(leading: leading, trailing: trailing) ? asciiFlags : utf8Flags
        var bits = (leading, trailing | flags)
        // Taken out of memory rather than cast: a cast makes a copy, which costs a retain (a
        // call that does nothing for a small string).
        return withUnsafeMutablePointer(to: &bits) { bits in
            bits.withMemoryRebound(to: String.self, capacity: 1) { $0.move() }
        }
    }

    /// The words (``ShortTextWords``' layout) of `text` when it is in the small form, else
    /// `nil`. Only when ``isLaidOutAsExpected``.
    @inline(__always)
    static func words(of text: borrowing String) -> (leading: UInt64, trailing: UInt64)? {
        words(ofStringBits: unsafeBitCast(text, to: (UInt64, UInt64).self))
    }

    /// The words (``ShortTextWords``' layout) of the string whose two words are `bits` when it
    /// is in the small form, else `nil`. Only when ``isLaidOutAsExpected``.
    @inline(__always)
    static func words(ofStringBits bits: (UInt64, UInt64)) -> (leading: UInt64, trailing: UInt64)? {
        guard bits.1 & smallBit != 0 else { return nil }
        return (bits.0, bits.1 & 0x0fff_ffff_ffff_ffff)
    }

    /// Compares the standard library's own strings with the words of their bytes, both ways,
    /// before anything relies on the layout.
    private static func probe() -> Bool {
        guard MemoryLayout<String>.size == 16, UInt64(littleEndian: 1) == 1 else { return false }
        let ascii = (0...15).map { String("abcdefghijklmnop".prefix($0)) }
        let samples = ascii + ["é", "héllo", "日本語です", "naïve café", "🎉🎉🎉", "K\u{212A}", "\u{0}\u{7F}"]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let made = String(decoding: bytes, as: UTF8.self)
            let words = bytes.withUnsafeBufferPointer { ShortTextWords.words(copying: $0) }
            let raw = unsafeBitCast(made, to: (UInt64, UInt64).self)
            let flags = ShortTextWords.isASCII(leading: words.leading, trailing: words.trailing) ? asciiFlags : utf8Flags
            guard raw.0 == words.leading, raw.1 == words.trailing | flags,
                  raw.1 & smallBit != 0, raw.1 & 0x0fff_ffff_ffff_ffff == words.trailing
            else { return false }
        }
        // Longer strings, literal and allocated, are not small.
        let long = String(decoding: Array("abcdefghijklmnop".utf8), as: UTF8.self)
        return unsafeBitCast(long, to: (UInt64, UInt64).self).1 & smallBit == 0
            && unsafeBitCast("abcdefghijklmnopqrstuvwxyz", to: (UInt64, UInt64).self).1 & smallBit == 0
    }
}
