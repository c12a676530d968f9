/// Decimal fractions (tag 4) and bigfloats (tag 5) as the `Double` of exactly their value, for
/// Codable's `Double` and `Float`: as integers are read, a value that would change on the way
/// in is refused, so `4([-1, 15])` is 1.5 and `4([-1, 1])` (0.1) has no `Double`.
extension CodableDecoder {
    /// `value` (`mantissa × 10^exponent`) as a `Double`, or `nil` when no `Double` is exactly
    /// its value: it is reduced to lowest terms as tag 30 reduces a decimal
    /// (``CBORRational/exactly(mantissa:exponent:)``, which bounds the work: a mantissa to 4 096
    /// bytes under a negative exponent, parts to 4 300 digits, where every `Double` has fewer
    /// than 330), and a `Double` holds it only when the denominator is a power of two.
    static func exactDouble(_ value: CBORDecimal) -> Double? {
        guard let fraction = try? CBORRational.exactly(mantissa: value.mantissa, exponent: value.exponent) else { return nil }
        let denominator = BigMagnitude(bigEndian: fraction.denominator.magnitude)
        let twos = denominator.trailingZeroBits
        guard denominator.bitWidth == twos + 1 else { return nil }
        return exactDouble(
            isNegative: fraction.numerator.isNegative, magnitude: BigMagnitude(bigEndian: fraction.numerator.magnitude),
            binaryExponent: -twos)
    }

    /// `value` (`mantissa × 2^exponent`) as a `Double`, or `nil` when no `Double` is exactly
    /// its value.
    static func exactDouble(_ value: CBORBigFloat) -> Double? {
        exactDouble(
            isNegative: value.mantissa.isNegative, magnitude: BigMagnitude(bigEndian: value.mantissa.magnitude),
            binaryExponent: value.exponent)
    }

    /// `±magnitude × 2^binaryExponent` as a `Double` when one holds it exactly: at most 53
    /// significant bits, the lowest of them no lower than 2^−1074 (the least subnormal) and the
    /// highest no higher than 2^1023.
    private static func exactDouble(isNegative: Bool, magnitude: BigMagnitude, binaryExponent: Int) -> Double? {
        var magnitude = magnitude
        guard !magnitude.isZero else { return 0 }
        let zeros = magnitude.trailingZeroBits
        magnitude.shiftRight(by: zeros)
        let (lowest, overflow) = binaryExponent.addingReportingOverflow(zeros)
        let width = magnitude.bitWidth
        guard !overflow, width <= 53, lowest >= -1074, lowest <= 1024 - width, let bits = magnitude.limbs.first else {
            return nil
        }
        // Exact: the significand has at most 53 bits and the result is within range.
        return Double(sign: isNegative ? .minus : .plus, exponent: lowest, significand: Double(bits))
    }
}
