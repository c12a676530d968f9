import Foundation

/// The range of Python's `decimal` (libmpdec, 64-bit), outside which cbor2 cannot make the
/// `Decimal` of tag 4 or 5 and reports an error: so does the dynamic decoder.
///
/// - Tag 4, `Decimal((sign, digits, exponent))`: the exponent must be at least `MIN_ETINY`, and
///   the adjusted exponent (exponent + digits − 1) at most `MAX_EMAX`.
/// - Tag 5, `Decimal(mantissa) * 2 ** Decimal(exponent)` in the default context: `2 ** e` and
///   the product must stay below `10 ** (Emax + 1)` with `Emax` 999 999. Below the smallest
///   value the result is rounded to zero, which is not an error.
enum PythonDecimalRange {
    /// libmpdec's `MAX_EMAX`.
    static let maximumAdjustedExponent = 999_999_999_999_999_999
    /// libmpdec's `MIN_ETINY`.
    static let minimumExponent = -1_999_999_999_999_999_997
    /// The default context's `Emax`.
    static let contextMaximumAdjustedExponent = 999_999
    /// The largest `e` for which `2 ** Decimal(e)` stays below `10 ** 1_000_000`.
    static let largestPowerOfTwoExponent = 3_321_928
    /// The largest `e` for which `2 ** Decimal(e)` rounds to zero, and so does the product.
    static let largestVanishingPowerOfTwoExponent = -3_322_016

    /// Whether cbor2 makes the `Decimal` of tag 4 `[exponent, mantissa]`.
    static func admitsDecimalFraction(mantissa: CBORBigInt, exponent: Int) -> Bool {
        guard exponent >= minimumExponent, exponent <= maximumAdjustedExponent else { return false }
        // The adjusted exponent is exponent + digits − 1; both sides stay far from overflow.
        let headroom = maximumAdjustedExponent - exponent + 1
        let (fewest, most) = digitBounds(mantissa)
        if most <= headroom { return true }
        if fewest > headroom { return false }
        return digitCount(mantissa) <= headroom
    }

    /// Whether cbor2 makes the `Decimal` of tag 5 `[exponent, mantissa]`.
    static func admitsBigFloat(mantissa: CBORBigInt, exponent: Int) -> Bool {
        guard exponent <= largestPowerOfTwoExponent else { return false }
        guard !mantissa.magnitude.isEmpty, exponent > largestVanishingPowerOfTwoExponent else { return true }
        // log10 of |mantissa| × 2^exponent, against the context's limit; only a product within
        // about 10^-9 of the limit could be judged differently from Python's rounding.
        let magnitude = decimalLogarithm(of: mantissa) + Double(exponent) * log10(2.0)
        return magnitude < Double(contextMaximumAdjustedExponent + 1)
    }

    /// The fewest and most decimal digits a magnitude of its bit length can have.
    private static func digitBounds(_ value: CBORBigInt) -> (fewest: Int, most: Int) {
        guard let first = value.magnitude.first else { return (1, 1) }
        let bits = 8 * (value.magnitude.count - 1) + (UInt8.bitWidth - first.leadingZeroBitCount)
        // 2^(bits-1) <= value < 2^bits; the margins keep rounding from narrowing the range.
        let fewest = Int(Double(bits - 1) * log10(2.0) - 1e-9) + 1
        let most = Int(Double(bits) * log10(2.0) + 1e-9) + 1
        return (fewest, most)
    }

    /// The exact number of decimal digits, from the text while that is cheap (the conversion
    /// takes time that grows with the square of the length), else from the logarithm, which
    /// can be one off only for a value within about 10^-9 of a power of ten.
    private static func digitCount(_ value: CBORBigInt) -> Int {
        if value.magnitude.count <= 4096 {
            return value.description.utf8.count - (value.isNegative ? 1 : 0)
        }
        return Int(decimalLogarithm(of: value)) + 1
    }

    /// log10 of the magnitude (which must not be zero), from its leading eight bytes.
    private static func decimalLogarithm(of value: CBORBigInt) -> Double {
        let leading = value.magnitude.prefix(8).reduce(0.0) { $0 * 256 + Double($1) }
        let shifted = value.magnitude.count - Swift.min(8, value.magnitude.count)
        return log10(leading) + Double(8 * shifted) * log10(2.0)
    }
}
