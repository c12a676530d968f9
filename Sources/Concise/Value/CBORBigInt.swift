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
    ///
    /// Time grows with the square of the length, as in Python, which for that reason refuses
    /// more than 4 300 digits by default.
    public init?(_ text: String) {
        var digits = Substring(text).utf8
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        // Little-endian 64-bit limbs, multiplied by 10^19 and added to, 19 digits at a time.
        var limbs: [UInt64] = []
        limbs.reserveCapacity(digits.count / 19 + 1)
        var chunkStart = digits.startIndex
        let firstLength = digits.count % 19 == 0 ? 19 : digits.count % 19
        var chunkEnd = digits.index(chunkStart, offsetBy: firstLength)
        while chunkStart < digits.endIndex {
            var chunk: UInt64 = 0
            var scale: UInt64 = 1
            for digit in digits[chunkStart..<chunkEnd] {
                chunk = chunk &* 10 &+ UInt64(digit &- UInt8(ascii: "0"))
                scale &*= 10
            }
            var carry = chunk
            for index in limbs.indices {
                let product = limbs[index].multipliedFullWidth(by: scale)
                let (low, overflow) = product.low.addingReportingOverflow(carry)
                limbs[index] = low
                carry = product.high &+ (overflow ? 1 : 0)
            }
            if carry > 0 { limbs.append(carry) }
            chunkStart = chunkEnd
            chunkEnd = digits.index(chunkEnd, offsetBy: 19, limitedBy: digits.endIndex) ?? digits.endIndex
        }
        self.init(isNegative: negative, magnitude: BigMagnitude(limbs: limbs).bigEndianBytes)
    }

    /// The value as `T`, or `nil` when it does not fit. Any width: `Int128` and `UInt128`
    /// (SE-0425) take up to 16 magnitude bytes.
    public func exactly<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard magnitude.count * 8 <= T.bitWidth else { return nil }
        let raw = magnitude.reduce(T.Magnitude(0)) { $0 << 8 | T.Magnitude($1) }
        if !isNegative { return T(exactly: raw) }
        guard T.isSigned else { return nil }
        if raw == T.min.magnitude { return T.min }
        return T(exactly: raw).map { 0 - $0 }
    }

    /// Decimal digits with a leading `-` when negative.
    ///
    /// Time grows with the square of the length, as ``init(_:)-(String)``'s does: 240 000 digits (a
    /// 100 KB magnitude) took 0.54 s in a release build; ``description(digitLimit:)`` bounds it.
    public var description: String {
        guard !magnitude.isEmpty else { return "0" }
        // 64-bit limbs, most significant first, divided by 10^19 until nothing is left; each
        // remainder is the next 19 digits from the right.
        var limbs = Array(BigMagnitude(bigEndian: magnitude).limbs.reversed())
        let base: UInt64 = 10_000_000_000_000_000_000
        var chunks: [UInt64] = []
        chunks.reserveCapacity(limbs.count * 20 / 19 + 1)
        var first = limbs.firstIndex { $0 != 0 } ?? limbs.endIndex
        while first < limbs.endIndex {
            var remainder: UInt64 = 0
            for index in first..<limbs.endIndex {
                // remainder < base, so the quotient fits.
                let (quotient, rest) = base.dividingFullWidth((high: remainder, low: limbs[index]))
                limbs[index] = quotient
                remainder = rest
            }
            chunks.append(remainder)
            while first < limbs.endIndex && limbs[first] == 0 { first += 1 }
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.last ?? 0)
        var padded = [UInt8](repeating: UInt8(ascii: "0"), count: 19)
        for chunk in chunks.dropLast().reversed() {
            var rest = chunk
            for position in (0..<19).reversed() {
                padded[position] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
            }
            text += String(decoding: padded, as: UTF8.self)
        }
        return text
    }

    /// Python's default limit on the digits of `str(int)` (`sys.get_int_max_str_digits()`),
    /// which `concise to-json` and the conformance testee apply as Python does.
    public static let pythonDigitLimit = 4300

    /// The decimal text, or `nil` when it would have more than `digitLimit` digits.
    ///
    /// Converting to decimal takes time that grows with the square of the length, so Python
    /// refuses `str()` of an integer over ``pythonDigitLimit`` digits by default; this is the
    /// same bound for values from untrusted input. A magnitude too long for the limit is
    /// refused before any conversion.
    public func description(digitLimit: Int) -> String? {
        if !magnitude.isEmpty {
            // At least 2^(8(n-1)) for n bytes, so at least this many digits (rounded down a
            // little, so that a value near the limit is converted and counted instead).
            let fewestDigits = Int(Double(8 * (magnitude.count - 1)) * 0.301_029_995_663_981_2 - 1e-6) + 1
            guard fewestDigits <= digitLimit else { return nil }
        }
        let text = description
        return text.utf8.count - (isNegative ? 1 : 0) > digitLimit ? nil : text
    }

    /// The nearest `Double` (ties to even, as Python's `float(int)`), or an infinity beyond
    /// the largest finite one.
    var doubleValue: Double {
        let limbs = BigMagnitude(bigEndian: magnitude).limbs
        guard let high = limbs.last else { return 0 }
        let value: Double
        if limbs.count == 1 {
            value = Double(high)
        } else {
            // The leading 64 bits, with every bit below them folded into the last one: enough
            // for the conversion to round exactly as it would with all of them.
            let shift = high.leadingZeroBitCount
            let next = limbs[limbs.count - 2]
            let top = shift == 0 ? high : high << shift | next >> (64 - shift)
            let sticky = next << shift != 0 || limbs.dropLast(2).contains { $0 != 0 }
            let exponent = 64 * (limbs.count - 1) - shift
            value = Double(top | (sticky ? 1 : 0)) * Double(sign: .plus, exponent: exponent, significand: 1)
        }
        return isNegative ? -value : value
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
