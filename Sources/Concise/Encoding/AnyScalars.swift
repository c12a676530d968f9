/// Reads the `Double`, `Int`, `Bool` and `String` items of an `[Any]` or a `[String: Any]`
/// where they lie, by each item's type word, without opening the existential.
///
/// An `Any` is Swift's opaque existential container: three words of inline buffer, then the
/// type metadata of the value. A `Double`, an `Int` or a `Bool` fits in the buffer, so its bits
/// are the buffer's first word (byte, for a `Bool`); a `String`'s two words are the buffer's
/// first two. ``CBORWriter/encodeScalar(at:typeWords:)`` writes the items of arrays and the
/// values of `[String: Any]` dictionaries from those words: opening each item through a call
/// and a generic dispatch, or passing it on, which copies it, costs more than writing it.
///
/// The layout is Swift's ABI on Apple platforms and what the compiler emits on Linux, but not a
/// promise of the language. So it is checked once (``layout``), against values of these and
/// other types, and where the check fails nothing is read: callers open each item as before.
enum AnyScalars {
    /// The type words of `Double`, `Int`, `Bool` and `String` in an `Any`.
    struct TypeWords {
        /// The type word of an `Any` holding a `Double`.
        let double: UInt
        /// The type word of an `Any` holding an `Int`.
        let int: UInt
        /// The type word of an `Any` holding a `Bool`, whose byte is the buffer's first.
        let bool: UInt
        /// The type word of an `Any` holding a `String`, whose two words are the buffer's first.
        let string: UInt
    }

    /// The type words, or `nil` where an `Any` is not laid out as expected.
    static let layout: TypeWords? = probe()

    /// The offset of the type word in an `Any`, after the three-word buffer.
    private static let typeWordOffset = 3 * MemoryLayout<UInt>.size

    /// The type word of the `Any` at `item`.
    @inline(__always)
    static func typeWord(at item: UnsafeRawPointer) -> UInt {
        item.load(fromByteOffset: typeWordOffset, as: UInt.self)
    }

    /// The type words, once checked: values of the four types read back bit for bit (a string's
    /// two words, small or not), and values of other types (other integer widths, floats,
    /// optionals, substrings, containers) have other words.
    private static func probe() -> TypeWords? {
        guard MemoryLayout<Any>.size == 4 * MemoryLayout<UInt>.size,
              MemoryLayout<Any>.stride == MemoryLayout<Any>.size,
              MemoryLayout<Any.Type>.size == MemoryLayout<UInt>.size
        else { return nil }
        let words = TypeWords(double: unsafeBitCast(Double.self as Any.Type, to: UInt.self),
                              int: unsafeBitCast(Int.self as Any.Type, to: UInt.self),
                              bool: unsafeBitCast(Bool.self as Any.Type, to: UInt.self),
                              string: unsafeBitCast(String.self as Any.Type, to: UInt.self))
        let samples: [Any] = [
            1.5, -0.0, Double.nan, -Double.infinity, Double.greatestFiniteMagnitude, 0, 7, -1, Int.min, Int.max,
            Float(1.5), Float16(1), Int64(3), Int32(-3), UInt(4), UInt64.max, true, false, "a string", "",
            String(repeating: "a longer string, not small", count: 3), Substring("sub"), Optional(2.5) as Any,
            Optional(true) as Any, [1.5], CBOR.double(1.5), CBOR.boolean(true),
        ]
        let matches = samples.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return buffer.indices.allSatisfy { index in
                let item = UnsafeRawPointer(base + index)
                let word = typeWord(at: item)
                let bits = item.load(as: UInt64.self)
                switch buffer[index] {
                case let double as Double where type(of: buffer[index]) == Double.self:
                    return word == words.double && bits == double.bitPattern
                case let int as Int where type(of: buffer[index]) == Int.self:
                    return word == words.int && bits == UInt64(bitPattern: Int64(int))
                case let bool as Bool where type(of: buffer[index]) == Bool.self:
                    return word == words.bool && item.load(as: UInt8.self) == (bool ? 1 : 0)
                case let string as String where type(of: buffer[index]) == String.self:
                    let stringBits = unsafeBitCast(string, to: (UInt64, UInt64).self)
                    return word == words.string && bits == stringBits.0
                        && item.load(fromByteOffset: 8, as: UInt64.self) == stringBits.1
                default:
                    return word != words.double && word != words.int && word != words.bool && word != words.string
                }
            }
        }
        return matches ? words : nil
    }
}
