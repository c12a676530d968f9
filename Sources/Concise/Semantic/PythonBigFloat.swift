/// The `Decimal` cbor2 makes of a bigfloat (tag 5), `Decimal(m) * 2 ** Decimal(e)` in Python's
/// default context, as `str()` prints it: what `python -m cbor2.tool` writes for one.
///
/// The value is not `m × 2^e` rounded once: libmpdec raises 2 to `e` by repeated squaring at a
/// working precision of 28 + (digits of `e`) + 2 digits (one more for a negative `e`, whose base
/// is 0.5), rounding every step; rounds that power to 28 digits; and rounds the product with the
/// exact `Decimal(m)` to 28 digits again. This follows the same steps, with libmpdec's rules
/// for each rounding (half even, then the exponent limits of the context: subnormal results
/// rounded at `Etiny`, overflow an error).
package enum PythonBigFloat {
    /// A finite decimal: `digits` little-endian (least significant first, no leading zeros but
    /// a lone zero), times 10^`exponent`.
    struct Number {
        var digits: [UInt8]
        var exponent: Int

        var isZero: Bool { digits.allSatisfy { $0 == 0 } }
        /// The exponent of the leading digit (libmpdec's `adjexp`).
        var adjustedExponent: Int { exponent + digits.count - 1 }
    }

    /// A context: precision, and the default context's exponent limits.
    struct Context {
        let precision: Int
        let minimumExponent = -999_999
        let maximumExponent = 999_999
        /// The smallest exponent of a subnormal result.
        var tinyExponent: Int { minimumExponent - precision + 1 }
    }

    /// Python's default context.
    static let defaultContext = Context(precision: 28)


    /// cbor2's `Decimal` for `value`: the decimal, and whether its sign is negative (Python
    /// keeps the sign of a zero, as in `-0E-1000026`, which ``CBORDecimal`` cannot).
    /// - Throws: ``CBORError/Code/unsupportedValue`` where Python's `Overflow` trap fires (cbor2
    ///   then fails to decode; the decoders refuse such a bigfloat already).
    package static func decimal(of value: CBORBigFloat) throws(CBORError) -> (decimal: CBORDecimal, isNegative: Bool) {
        // The decimal text of the mantissa takes time that grows with the square of its length:
        // a mantissa the decoders admit (below 10^2 000 000 under 2^-3 321 928) could take a
        // minute. Beyond this many digits it is refused, as the testee refuses such decimals.
        guard let text = value.mantissa.description(digitLimit: CBORDecimal.textDigitLimit) else {
            throw CBORError(.unsupportedValue, "a bigfloat mantissa of more than \(CBORDecimal.textDigitLimit) digits is not converted to a Decimal")
        }
        let magnitude = value.mantissa.isNegative ? String(text.dropFirst()) : text
        let mantissa = Number(digits: magnitude.utf8.reversed().map { $0 - UInt8(ascii: "0") }, exponent: 0)
        let product = try multiply(mantissa, try powerOfTwo(value.exponent), in: defaultContext)
        let digits = (value.mantissa.isNegative ? "-" : "") + String(decoding: product.digits.reversed().map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        guard let coefficient = CBORBigInt(digits) else {
            throw CBORError(.unsupportedValue, "a bigfloat's digits did not parse")
        }
        return (CBORDecimal(mantissa: coefficient, exponent: product.exponent), value.mantissa.isNegative)
    }

    /// The text of cbor2's `Decimal` for `value`, as Python's `str()` prints it.
    /// - Throws: ``CBORError/Code/unsupportedValue`` where Python's `Overflow` trap fires.
    package static func text(of value: CBORBigFloat) throws(CBORError) -> String {
        let (decimal, isNegative) = try decimal(of: value)
        // A zero's sign is the mantissa's (Python prints -0E-1000026).
        return (isNegative && decimal.mantissa.magnitude.allSatisfy { $0 == 0 } ? "-" : "") + decimal.description
    }

    /// `2 ** Decimal(exponent)` in the default context, as libmpdec's `_mpd_qpow_int` works it.
    static func powerOfTwo(_ exponent: Int) throws(CBORError) -> Number {
        let count = exponent.magnitude
        guard count > 0 else { return Number(digits: [1], exponent: 0) }
        let base = exponent < 0 ? Number(digits: [5], exponent: -1) : Number(digits: [2], exponent: 0)
        let work = Context(precision: defaultContext.precision + String(count).utf8.count + 2 + (exponent < 0 ? 1 : 0))
        var result = base
        var bit = UInt(1) << (UInt.bitWidth - 1 - count.leadingZeroBitCount)
        while bit > 1 {
            bit >>= 1
            result = try multiply(result, result, in: work)
            if count & bit != 0 { result = try multiply(result, base, in: work) }
            if result.isZero { break }
        }
        try finalize(&result, in: defaultContext)
        return result
    }

    /// The exact product, rounded in `context`.
    static func multiply(_ left: Number, _ right: Number, in context: Context) throws(CBORError) -> Number {
        var columns = [UInt64](repeating: 0, count: left.digits.count + right.digits.count)
        for (leftIndex, leftDigit) in left.digits.enumerated() where leftDigit != 0 {
            for (rightIndex, rightDigit) in right.digits.enumerated() {
                columns[leftIndex + rightIndex] += UInt64(leftDigit) * UInt64(rightDigit)
            }
        }
        var digits = [UInt8](repeating: 0, count: columns.count)
        var carry: UInt64 = 0
        for index in columns.indices {
            let sum = columns[index] + carry
            digits[index] = UInt8(sum % 10)
            carry = sum / 10
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        var product = Number(digits: digits, exponent: left.exponent + right.exponent)
        try finalize(&product, in: context)
        return product
    }

    /// libmpdec's `mpd_qfinalize` for a finite number: the exponent limits (overflow, or a
    /// subnormal number rounded at `Etiny`), then rounding to the precision.
    static func finalize(_ number: inout Number, in context: Context) throws(CBORError) {
        try checkExponent(&number, in: context)
        guard number.digits.count > context.precision else { return }
        let shift = number.digits.count - context.precision
        roundOff(&number.digits, shift)
        number.exponent += shift
        if number.digits.count > context.precision {
            // 99…9 rounded up to 10…0: one digit too many.
            number.digits.removeFirst()
            number.exponent += 1
            try checkExponent(&number, in: context)
        }
    }

    /// libmpdec's `_mpd_check_exp` in the default context (no clamping).
    private static func checkExponent(_ number: inout Number, in context: Context) throws(CBORError) {
        let adjusted = number.adjustedExponent
        if number.isZero {
            if adjusted > context.maximumExponent {
                number.exponent = context.maximumExponent
            } else if adjusted < context.minimumExponent, number.exponent < context.tinyExponent {
                number.exponent = context.tinyExponent
            }
            return
        }
        if adjusted > context.maximumExponent {
            throw CBORError(.unsupportedValue, "decimal.Overflow: a bigfloat beyond Python's default Decimal context")
        }
        if adjusted < context.minimumExponent, number.exponent < context.tinyExponent {
            roundOff(&number.digits, context.tinyExponent - number.exponent)
            number.exponent = context.tinyExponent
        }
    }

    /// Drops the `count` lowest digits, rounding half to even.
    private static func roundOff(_ digits: inout [UInt8], _ count: Int) {
        let first = count - 1 < digits.count ? digits[count - 1] : 0
        let rest = digits.prefix(min(count - 1, digits.count)).contains { $0 != 0 }
        var kept = count < digits.count ? Array(digits[count...]) : [0]
        if first > 5 || (first == 5 && (rest || kept[0] % 2 == 1)) {
            var index = 0
            while index < kept.count, kept[index] == 9 {
                kept[index] = 0
                index += 1
            }
            if index == kept.count { kept.append(1) } else { kept[index] += 1 }
        }
        digits = kept
    }
}
