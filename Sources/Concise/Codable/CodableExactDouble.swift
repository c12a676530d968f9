/// Decimal fractions (tag 4) and bigfloats (tag 5) as the `Double` of exactly their value, for
/// Codable's `Double` and `Float`: as integers are read, a value that would change on the way
/// in is refused, so `4([-1, 15])` is 1.5 and `4([-1, 1])` (0.1) has no `Double`.
extension CodableDecoder {
    /// The longest mantissa read under a negative exponent −k: dividing 5^k out of it takes
    /// time that grows with its length times k, and k can reach its bits / 2.32 (Python's
    /// `Decimal` has no bound; cbor2 makes one of any length).
    static let exactDoubleMantissaBytes = 4_096

    /// `value` (`mantissa × 10^exponent`) as a `Double`, or `nil` when no `Double` is exactly
    /// its value. m × 10^e is (m × 5^e) × 2^e for e ≥ 0, and (m / 5^k) × 2^−k for e = −k, which
    /// is exact only when 5^k divides m.
    static func exactDouble(_ value: CBORDecimal) -> Double? {
        var magnitude = BigMagnitude(bigEndian: value.mantissa.magnitude)
        guard !magnitude.isZero else { return 0 }
        let exponent = value.exponent
        if exponent >= 0 {
            // 5^23 is wider than a Double's 53 bits, and m × 5^e keeps all of 5^e's odd bits.
            guard exponent <= 22 else { return nil }
            magnitude = magnitude.multiplied(by: BigMagnitude.powerOfFive(exponent))
            return exactDouble(isNegative: value.mantissa.isNegative, magnitude: magnitude, binaryExponent: exponent)
        }
        guard value.mantissa.magnitude.count <= exactDoubleMantissaBytes else { return nil }
        // The twos of m do not take part in dividing by 5^k.
        let zeros = magnitude.trailingZeroBits
        magnitude.shiftRight(by: zeros)
        // 5^k divides m only if m has at least log2(5^k) > 2.32 k bits.
        guard exponent >= -(magnitude.bitWidth * 100 / 232) else { return nil }
        var fives = -exponent
        while fives > 0 {
            let step = min(fives, 27)
            var divisor: UInt64 = 1
            for _ in 0..<step { divisor *= 5 }
            let (quotient, remainder) = magnitude.divided(by: divisor)
            guard remainder == 0 else { return nil }
            magnitude = quotient
            fives -= step
        }
        return exactDouble(isNegative: value.mantissa.isNegative, magnitude: magnitude, binaryExponent: zeros + exponent)
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
