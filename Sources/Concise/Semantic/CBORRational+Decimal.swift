import Foundation

extension CBORRational {
    /// The most decimal digits a part of a fraction made from a decimal may have: Python's
    /// limit for `str(int)` (``CBORBigInt/pythonDigitLimit``).
    static let decimalPartDigitLimit = CBORBigInt.pythonDigitLimit

    /// `10^4300`: the least magnitude with more than ``decimalPartDigitLimit`` digits.
    private static let firstTooLong: BigMagnitude = {
        var power = BigMagnitude.powerOfFive(decimalPartDigitLimit)
        power.shiftLeft(by: decimalPartDigitLimit)
        return power
    }()

    /// `mantissa × 10^exponent` in lowest terms, as Python's `Fraction` makes it of a `Decimal`
    /// (`Decimal.as_integer_ratio()`) and of decimal text (`"1.5e3"`).
    ///
    /// Python makes the fraction whatever its length, computing `10 ** exponent` first (an
    /// exponent of 10^9 takes minutes); it cannot print one with a part over 4 300 digits
    /// (`str(int)` refuses it). Such a fraction is refused here, decided from the lengths before
    /// any power is computed; a zero is zero at any exponent. A mantissa over
    /// ``reducedPartLimit`` bytes under a negative exponent is refused too (reducing it takes
    /// time that grows with the square of its length).
    ///
    /// - Throws: ``CBORError/Code/unsupportedValue`` for a fraction refused by either bound.
    static func exactly(mantissa: CBORBigInt, exponent: Int) throws(CBORError) -> CBORRational {
        guard !mantissa.magnitude.isEmpty else { return CBORRational(lowestTerms: CBORBigInt(0), CBORBigInt(1)) }
        let limit = decimalPartDigitLimit
        let tooLong = CBORError(
            .unsupportedValue,
            "tag 30: the fraction of a decimal with exponent \(exponent) has a part over \(limit) digits, which Python cannot print"
        )
        var magnitude = BigMagnitude(bigEndian: mantissa.magnitude)
        // 2^(bits - 1) <= |mantissa| < 2^bits bounds its digits; the margins keep rounding from
        // narrowing the range.
        let bits = Double(magnitude.bitWidth)
        let fewest = Int((bits - 1) * log10(2.0) - 1e-9) + 1
        let most = Int(bits * log10(2.0) + 1e-9) + 1
        var denominator = BigMagnitude(limbs: [1])
        if exponent >= 0 {
            // The numerator has the mantissa's digits and `exponent` more.
            guard exponent <= limit, fewest + exponent <= limit else { throw tooLong }
            var power = BigMagnitude.powerOfFive(exponent)
            power.shiftLeft(by: exponent)
            magnitude = magnitude.multiplied(by: power)
        } else {
            let places = exponent == .min ? Int.max : -exponent
            // The numerator is at least |mantissa| / 10^places, the denominator more than
            // 10^places / |mantissa|.
            guard fewest - places <= limit, places - most < limit else { throw tooLong }
            guard mantissa.magnitude.count <= reducedPartLimit else {
                throw CBORError(
                    .unsupportedValue,
                    "tag 30: a decimal mantissa over \(reducedPartLimit) bytes under a negative exponent is not reduced"
                )
            }
            (magnitude, denominator) = reduced(magnitude, overPowerOfTen: places)
        }
        guard magnitude.isLess(than: firstTooLong), denominator.isLess(than: firstTooLong) else { throw tooLong }
        return CBORRational(
            lowestTerms: CBORBigInt(isNegative: mantissa.isNegative, magnitude: magnitude.bigEndianBytes),
            CBORBigInt(isNegative: false, magnitude: denominator.bigEndianBytes))
    }

    /// `numerator / 10^places` in lowest terms. 10^places is 2^places × 5^places: the twos the
    /// numerator has are shifted out, its fives divided out 27 at a time (5^27 is the largest
    /// power in a limb), then one at a time.
    private static func reduced(_ numerator: BigMagnitude, overPowerOfTen places: Int) -> (BigMagnitude, BigMagnitude) {
        var numerator = numerator
        let twos = min(numerator.trailingZeroBits, places)
        numerator.shiftRight(by: twos)
        var fives = 0
        while places - fives >= 27 {
            let (quotient, remainder) = numerator.divided(by: 7_450_580_596_923_828_125)
            guard remainder == 0 else { break }
            numerator = quotient
            fives += 27
        }
        while fives < places {
            let (quotient, remainder) = numerator.divided(by: 5)
            guard remainder == 0 else { break }
            numerator = quotient
            fives += 1
        }
        var denominator = BigMagnitude.powerOfFive(places - fives)
        denominator.shiftLeft(by: places - twos)
        return (numerator, denominator)
    }
}
