import Testing
import Concise

/// `CBORDecimal`'s text at the ends of `Int`: a value built in Swift may hold any exponent,
/// beyond what Python's `Decimal` (and so the decoder) allows.
struct CBORDecimalTests {
    @Test("description at the largest and smallest exponents does not overflow")
    func extremeExponents() {
        #expect(CBORDecimal(mantissa: CBORBigInt(1), exponent: .max).description == "1E+9223372036854775807")
        // The adjusted exponent is past Int.max.
        #expect(CBORDecimal(mantissa: CBORBigInt(-12345), exponent: .max).description == "-1.2345E+9223372036854775811")
        #expect(CBORDecimal(mantissa: CBORBigInt(1), exponent: .min).description == "1E-9223372036854775808")
        #expect(CBORDecimal(mantissa: CBORBigInt(12345), exponent: .min).description == "1.2345E-9223372036854775804")
        // Python's str(Decimal) near the switch to scientific notation, for comparison.
        #expect(CBORDecimal(mantissa: CBORBigInt(12345), exponent: -10).description == "0.0000012345")
        #expect(CBORDecimal(mantissa: CBORBigInt(12345), exponent: -11).description == "1.2345E-7")
        #expect(CBORDecimal(mantissa: CBORBigInt(0), exponent: 2).description == "0E+2")
    }

    @Test("parsing refuses an exponent that the fraction digits would push past Int")
    func parsingOverflow() {
        #expect(CBORDecimal("1.5e-9223372036854775808") == nil)
        #expect(CBORDecimal("1.5e-9223372036854775807") == CBORDecimal(mantissa: CBORBigInt(15), exponent: .min))
        #expect(CBORDecimal("1e9223372036854775807") == CBORDecimal(mantissa: CBORBigInt(1), exponent: .max))
        #expect(CBORDecimal("1e9223372036854775808") == nil)
    }
}
