/// Reads the `String` inside an `AnyHashable` without `base`.
///
/// `base` returns the value as an `Any`: the string is copied into an existential box, opened
/// again to learn its type, and the box destroyed, which costs more than writing a short key.
/// The decoder's maps and most maps a program builds have `String` keys, so the encoder reads
/// them here instead.
///
/// `AnyHashable` holds its value in an existential of the standard library's internal box
/// protocol: three words of inline buffer, then the box's type and its witness table. A
/// `String` is wrapped in a box whose only stored property is the string, which fits in the
/// buffer, so its bytes are the buffer's first two words, and every `AnyHashable` of a
/// `String` has the same type word. That layout is not public API. So it is checked once,
/// against values the standard library wraps itself (``stringBoxType``), and where the check
/// fails nothing is read: callers take `base`.
enum AnyHashableText {
    /// The word of the box's type, after the three-word buffer.
    private static let typeWordOffset = 3 * MemoryLayout<UInt>.size

    /// The type word of an `AnyHashable` that wraps a `String`, or `nil` where the standard
    /// library does not lay `AnyHashable` out as expected.
    static let stringBoxType: UInt? = probe()

    /// The string the `AnyHashable` at `key` wraps, read where it lies (a copy of the
    /// `AnyHashable` would cost more than the rest), or `nil` when it wraps anything else or
    /// the layout check failed.
    @inline(__always)
    static func string(at key: UnsafePointer<AnyHashable>) -> String? {
        wrapsString(key) ? UnsafeRawPointer(key).load(as: String.self) : nil
    }

    /// The words (``ShortTextWords``' layout) of the string the `AnyHashable` at `key` wraps
    /// when it is in the small form (``SmallString``), read without a copy of the string; `nil`
    /// otherwise, or where either layout check failed.
    @inline(__always)
    static func smallStringWords(at key: UnsafePointer<AnyHashable>) -> (leading: UInt64, trailing: UInt64)? {
        guard SmallString.isLaidOutAsExpected, wrapsString(key) else { return nil }
        let raw = UnsafeRawPointer(key)
        return SmallString.words(ofStringBits: (raw.load(as: UInt64.self), raw.load(fromByteOffset: 8, as: UInt64.self)))
    }

    /// Whether the `AnyHashable` at `key` wraps a `String`, by its type word; `false` wherever
    /// the layout check failed.
    @inline(__always)
    private static func wrapsString(_ key: UnsafePointer<AnyHashable>) -> Bool {
        wrapsString(at: UnsafeRawPointer(key))
    }

    /// Whether the `AnyHashable` at `key` wraps a `String`, whose bytes are then its first two
    /// words; `false` wherever the layout check failed.
    @inline(__always)
    static func wrapsString(at key: UnsafeRawPointer) -> Bool {
        guard let expected = stringBoxType else { return false }
        return key.load(fromByteOffset: typeWordOffset, as: UInt.self) == expected
    }

    /// The type word of `AnyHashable` wrapping strings, once checked: strings small and large,
    /// ASCII and not, read back byte for byte; values of other types have other words.
    private static func probe() -> UInt? {
        guard MemoryLayout<AnyHashable>.size == 5 * MemoryLayout<UInt>.size else { return nil }
        func typeWord(_ key: AnyHashable) -> UInt {
            withUnsafeBytes(of: key) { $0.load(fromByteOffset: typeWordOffset, as: UInt.self) }
        }
        let samples = ["", "id", "K\u{212A}", "a string longer than fifteen bytes", String(repeating: "é", count: 40)]
        let expected = typeWord(AnyHashable(samples[0]))
        guard expected != 0 else { return nil }
        for sample in samples {
            let key = AnyHashable(sample)
            guard typeWord(key) == expected,
                  withUnsafePointer(to: key, { UnsafeRawPointer($0).load(as: String.self) }).utf8.elementsEqual(sample.utf8),
                  (key.base as? String)?.utf8.elementsEqual(sample.utf8) == true
            else { return nil }
        }
        let others: [AnyHashable] = [AnyHashable(7), AnyHashable(Substring("id")), AnyHashable(true), AnyHashable(1.5)]
        guard others.allSatisfy({ typeWord($0) != expected }) else { return nil }
        return expected
    }
}
