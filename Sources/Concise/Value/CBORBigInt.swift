/// An integer of any size, for the bignums of tags 2 and 3 (RFC 8949 §3.4.3) beyond the 64-bit
/// range; the dynamic decoder returns it for integers that fit neither `Int` nor `UInt64`.
///
/// A small value type on purpose: sign and big-endian magnitude, decimal text both ways, and
/// exact conversion to the standard integer types. Use a full arbitrary-precision library for
/// arithmetic.
public struct CBORBigInt: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// Whether the value is below zero.
    public let isNegative: Bool
    /// The absolute value as big-endian bytes with no leading zeros (empty for zero).
    public let magnitude: [UInt8]

    /// Creates a value from a sign and a big-endian magnitude (leading zeros are dropped; zero
    /// is never negative).
    public init(isNegative: Bool, magnitude: [UInt8]) {
        let trimmed = Array(magnitude.drop(while: { $0 == 0 }))
        self.magnitude = trimmed
        self.isNegative = isNegative && !trimmed.isEmpty
    }

    /// Creates a value from any binary integer.
    public init<T: BinaryInteger>(_ value: T) {
        var bytes: [UInt8] = []
        var rest = value.magnitude
        while rest > 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest & 0xff))
            rest >>= 8
        }
        self.init(isNegative: value < 0, magnitude: bytes.reversed())
    }

    /// Parses optionally signed decimal digits, such as `-18446744073709551617`.
    public init?(_ text: String) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var bytes: [UInt8] = []  // little-endian while building
        for digit in digits.utf8 {
            var carry = UInt32(digit - UInt8(ascii: "0"))
            for index in bytes.indices {
                let product = UInt32(bytes[index]) * 10 + carry
                bytes[index] = UInt8(truncatingIfNeeded: product)
                carry = product >> 8
            }
            while carry > 0 {
                bytes.append(UInt8(truncatingIfNeeded: carry))
                carry >>= 8
            }
        }
        self.init(isNegative: negative, magnitude: bytes.reversed())
    }

    /// The value as `T`, or `nil` when it does not fit.
    public func exactly<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard magnitude.count <= 8 else { return nil }
        let raw = magnitude.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if !isNegative { return T(exactly: raw) }
        guard T.isSigned else { return nil }
        if raw == UInt64(T.max) + 1 { return T.min }
        return T(exactly: raw).map { 0 - $0 }
    }

    /// Decimal digits with a leading `-` when negative.
    public var description: String {
        guard !magnitude.isEmpty else { return "0" }
        var remaining = magnitude
        var chunks: [UInt64] = []
        while !remaining.isEmpty {
            var quotient: [UInt8] = []
            var remainder: UInt64 = 0
            for byte in remaining {
                let current = remainder << 8 | UInt64(byte)
                let digit = current / 1_000_000_000
                remainder = current % 1_000_000_000
                if !quotient.isEmpty || digit > 0 { quotient.append(UInt8(digit)) }
            }
            chunks.append(remainder)
            remaining = quotient
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.last ?? 0)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    /// Orders by numeric value.
    public static func < (lhs: CBORBigInt, rhs: CBORBigInt) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = lhs.magnitude.count != rhs.magnitude.count
            ? lhs.magnitude.count < rhs.magnitude.count
            : lhs.magnitude.lexicographicallyPrecedes(rhs.magnitude)
        let equal = lhs.magnitude == rhs.magnitude
        return lhs.isNegative ? (!magnitudeLess && !equal) : magnitudeLess
    }

    /// The magnitude minus one (for tag 3, whose content is `-1 - n`); the value must not be 0.
    var magnitudeMinusOne: [UInt8] {
        var bytes = magnitude
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] > 0 {
                bytes[index] -= 1
                break
            }
            bytes[index] = 0xff
            index -= 1
        }
        return Array(bytes.drop(while: { $0 == 0 }))
    }

    /// `n + 1` for big-endian `n` (to read tag 3).
    static func plusOne(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var index = result.count - 1
        while index >= 0 {
            if result[index] < 0xff {
                result[index] += 1
                return result
            }
            result[index] = 0
            index -= 1
        }
        return [1] + result
    }
}
