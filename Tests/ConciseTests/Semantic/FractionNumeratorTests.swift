import Foundation
import Testing
@testable import Concise

/// Tag 30 `[x, null]` is Python 3.11's `Fraction(x)`, which also reads a `Decimal` (tag 4, and
/// the `Decimal` cbor2 makes of tag 5) and text (`fractions._RATIONAL_FORMAT`, then `int()`).
/// Expected values from cbor2 6.3.0 (`cbor2.loads`) on Python 3.11.7.
struct FractionNumeratorTests {
    /// `30([text, null])`.
    static func item(_ text: String) throws -> [UInt8] {
        try CBOR.tagged(30, .array([.textString(text), .null])).encoded()
    }

    static func fraction(_ bytes: [UInt8]) throws -> CBORRational? {
        try CBORDecoder().decode(from: bytes) as? CBORRational
    }

    /// Text `Fraction` reads, and the numerator and denominator it makes.
    static let readings: [(text: String, numerator: String, denominator: String)] = [
        ("1/3", "1", "3"), (" 1.5e3 ", "1500", "1"), ("-0", "0", "1"), ("+0", "0", "1"), ("1_000/3", "1000", "3"),
        ("\u{663}/\u{664}", "3", "4"), ("1e-5", "1", "100000"), (".5", "1", "2"), ("5.", "5", "1"), ("-.5", "-1", "2"),
        ("+.5e+2_0", "50000000000000000000", "1"), ("5.e3", "5000", "1"), ("-0/5", "0", "1"), ("-1/3", "-1", "3"),
        ("1/3 ", "1", "3"), (" \t1/3\n", "1", "3"), ("1e5_0", "1" + String(repeating: "0", count: 50), "1"),
        ("1E5", "100000", "1"), ("1e-0", "1", "1"), ("1.e5", "100000", "1"),
        ("\u{661}\u{662}\u{663}.\u{664}\u{665}", "2469", "20"), ("\u{e51}e\u{e52}", "100", "1"),
        ("1e\u{663}", "1000", "1"), ("\u{661}_\u{662}", "12", "1"), ("\u{a0}1\u{2003}", "1", "1"),
        ("\u{1c}1\u{1f}", "1", "1"), ("1\u{2028}", "1", "1"), ("1\u{85}", "1", "1"), ("\u{ff11}/\u{ff13}", "1", "3"),
        ("\u{1d7cf}.\u{1d7d7}", "19", "10"), ("00012.500e-1", "5", "4"), ("-47e-2", "-47", "100"), ("6/4", "3", "2"),
        ("-6/4", "-3", "2"), ("0.000e-5", "0", "1"), ("1_0.0_5e-0_1", "201", "200"),
        ("7e-0000000000000000000000000000005", "7", "100000"),
        ("12345678901234567890/98765432109876543210", "13717421", "109739369"),
        ("-12345678901234567890.0987654321e-15", "-123456789012345678900987654321", "10000000000000000000000000"),
    ]

    /// Text `Fraction` refuses (`ValueError`) or divides by zero (`ZeroDivisionError`).
    static let refusals = [
        "1__0", "_1", "1_", "1_/2", "1/_2", "1/2_", ".", ".e3", "1/0", "0/0", "1/-3", "--1", "+-1", "- 1", "1 /3",
        "1/ 3", "1/2e3", "1.5/2", "1/2/3", "1e", "1e+", "1e_5", "1e5_", "1.d", "1.dd", "1.D", "1.de5", "d", "", " ",
        "nan", "inf", "Infinity", "1.5.5", "1e5e5", "0x10", "1,5", "1 000", "1\u{200b}", "\u{200b}1", "\u{b2}",
        "\u{2460}", "\u{bd}", "1\u{301}", "\u{2212}1", "\u{ff0b}1", "1\u{0}", "\u{feff}1", "\u{180e}1",
        // Decimal digits of Unicode 15 and 16 (Kawi, Nag Mundari, Garay, outlined): not digits
        // to Python 3.11, whose tables are Unicode 14.
        "\u{11f51}", "\u{1e4f1}/2", "1\u{10d40}", "\u{1ccf1}",
    ]

    @Test("text is read by Python 3.11's Fraction grammar, in lowest terms", arguments: readings)
    func readsText(reading: (text: String, numerator: String, denominator: String)) throws {
        let value = try #require(try Self.fraction(Self.item(reading.text)))
        #expect(
            value.numerator.description == reading.numerator && value.denominator.description == reading.denominator,
            "\(reading.text.debugDescription): \(value)")
    }

    @Test("text Fraction refuses is invalidTagContent at the tag", arguments: refusals)
    func refusesText(text: String) throws {
        let bytes = try [0x82, 0x00] + Self.item(text)
        #expect(throws: CBORError(.invalidTagContent, offset: 2, "")) { try CBORDecoder().decode(from: bytes) }
    }

    @Test("digits are Python 3.11's: the 660 of Unicode 14's 66 blocks of ten, no later ones")
    func unicodeDigits() {
        let zeros: [UInt32] = [
            0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50,
            0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
            0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0,
            0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50,
            0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950,
            0x1fbf0,
        ]
        var expected: [UInt32: UInt8] = [:]
        for zero in zeros {
            for digit in 0..<10 { expected[zero + UInt32(digit)] = UInt8(digit) }
        }
        var found: [UInt32: UInt8] = [:]
        for value in UInt32(0)...0x10ffff {
            if let digit = Unicode.Scalar(value)?.pythonDecimalDigitValue { found[value] = digit }
        }
        #expect(found == expected)
    }

    @Test("int()'s 4 300 digits per part, underscores aside and leading zeros counted")
    func digitLimit() throws {
        let ones = String(repeating: "1", count: 4300)
        #expect(try Self.fraction(Self.item(ones))?.numerator.description == ones)
        #expect(try Self.fraction(Self.item("1" + String(repeating: "_1", count: 4299)))?.numerator.description == ones)
        #expect(try Self.fraction(Self.item(ones + "/" + ones)) == CBORRational(1, 1))
        #expect(try Self.fraction(Self.item("1e-" + String(repeating: "0", count: 4300))) == CBORRational(1, 1))
        let refused = [
            ones + "1", String(repeating: "0", count: 4301), String(repeating: "1_", count: 4300) + "1",
            "1/" + ones + "1", "1." + ones + "1", "1e-" + String(repeating: "0", count: 4301),
        ]
        for text in refused {
            #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) {
                try CBORDecoder().decode(from: Self.item(text))
            }
        }
    }

    @Test("a part over 4 300 digits, which Python makes but cannot print, is refused before any power is made")
    func partBound() throws {
        let tooLong = CBORError(.unsupportedValue, offset: 0, "")
        let zeros = String(repeating: "0", count: 4299)
        #expect(try Self.fraction(Self.item("1e4299"))?.numerator.description == "1" + zeros)
        #expect(try Self.fraction(Self.item("1e-4299"))?.denominator.description == "1" + zeros)
        // 5 / 10^4300 is 1 / (2 × 10^4299): 4 300 digits once reduced.
        #expect(try Self.fraction(Self.item("5e-4300"))?.denominator.description == "2" + zeros)
        #expect(try Self.fraction(Self.item("0." + zeros.dropLast() + "1"))?.denominator.description.count == 4300)
        let refused = [
            "1e4300", "-9e4300", "1e-4300", "3e-4300", "1." + String(repeating: "1", count: 4300), "1e1000000000",
            "1e-1000000000", "7e" + String(repeating: "9", count: 4300), "1e-" + String(repeating: "9", count: 4300),
        ]
        for text in refused {
            let start = ContinuousClock.now
            #expect(throws: tooLong) { try CBORDecoder().decode(from: Self.item(text)) }
            #expect(ContinuousClock.now - start < .seconds(2), "\(text.prefix(20))")
        }
        // Zero at any exponent is zero (Python computes 10 ** exponent first, for minutes).
        for text in ["0e1000000000", "-0.000e-999999999999", "0e" + String(repeating: "9", count: 4300)] {
            #expect(try Self.fraction(Self.item(text)) == CBORRational(0, 1))
        }
    }

    @Test("a Decimal (tag 4) or a bigfloat's Decimal (tag 5) over null is its exact value")
    func decimals() throws {
        let cases: [(hex: String, numerator: String, denominator: String)] = [
            ("d81e82c482200ff6", "3", "2"),  // 4([-1, 15])
            ("d81e82c4822200f6", "0", "1"),  // 4([-3, 0])
            ("d81e82c482213818f6", "-1", "4"),  // 4([-2, -25])
            ("d81e82c48222187df6", "1", "8"),  // 4([-3, 125])
            ("d81e82c4820501f6", "100000", "1"),  // 4([5, 1])
            ("d81e82c5822003f6", "3", "2"),  // 5([-1, 3])
            ("d81e82c5820a01f6", "1024", "1"),  // 5([10, 1])
            ("d81e82c582186426f6", "-8873554201597605810476922435000", "1"),  // 5([100, -7]): 28 digits, rounded
            ("d81e82c5823a0032b09f01f6", "0", "1"),  // 5([-3322016, 1]): 0E-1000026
        ]
        for (hex, numerator, denominator) in cases {
            let value = try #require(try Self.fraction([UInt8](hex: hex)), "\(hex)")
            #expect(
                value.numerator.description == numerator && value.denominator.description == denominator,
                "\(hex): \(value)")
        }
        // 5([-1074, 1]): the 28-digit Decimal of 2^-1074, not the exact power.
        let tiny = try #require(try Self.fraction([UInt8](hex: "d81e82c58239043101f6")))
        #expect(tiny.numerator.description == "4940656458412465441765687929")
        #expect(tiny.denominator.description.count == 352)
        // 4([-4300, 5]) is 1 / (2 × 10^4299); 4([-4300, 3]), 4([4300, 1]) and 5([14300, 1]) have
        // a part over 4 300 digits.
        let exactly = { (mantissa: Int, exponent: Int) throws(CBORError) in
            try CBORRational.exactly(mantissa: CBORBigInt(mantissa), exponent: exponent)
        }
        #expect(try exactly(5, -4300).denominator.description == "2" + String(repeating: "0", count: 4299))
        #expect(throws: CBORError(.unsupportedValue, "")) { try exactly(3, -4300) }
        #expect(throws: CBORError(.unsupportedValue, "")) { try exactly(1, 4300) }
        #expect(throws: CBORError(.unsupportedValue, "")) { try exactly(1, .max) }
        #expect(throws: CBORError(.unsupportedValue, "")) { try exactly(1, .min) }
        #expect(try exactly(0, .min) == CBORRational(0, 1))
        #expect(throws: CBORError(.unsupportedValue, offset: 0, "")) {
            try CBORDecoder().decode(from: [UInt8](hex: "d81e82c5821937dc01f6"))  // 5([14300, 1])
        }
    }

    @Test("a mantissa over 4 096 bytes under a negative exponent is not reduced; one within is")
    func longMantissa() throws {
        // 7 × 10^8000 (3 323 bytes) and 10^10000 (4 153 bytes), over 10^8000 and 10^10000.
        let within = try Self.decimalMantissa(powerOfTen: 8000, times: 7)
        #expect(try CBORRational.exactly(mantissa: within, exponent: -8000) == CBORRational(7, 1))
        let beyond = try Self.decimalMantissa(powerOfTen: 10000, times: 1)
        #expect(beyond.magnitude.count == 4153)
        #expect(throws: CBORError(.unsupportedValue, "")) {
            try CBORRational.exactly(mantissa: beyond, exponent: -10000)
        }
    }

    static func decimalMantissa(powerOfTen exponent: Int, times factor: Int) throws -> CBORBigInt {
        try #require(CBORBigInt(String(factor) + String(repeating: "0", count: exponent)))
    }

    @Test("a Decimal or text beside a denominator is refused, as Python's TypeError")
    func withDenominator() throws {
        // 30(["1/3", 2]), 30([1, "2"]), 30([4([-1, 15]), 2]), 30([2, 4([-1, 15])]), 30([5([-1, 3]), 30([1, 2])]).
        let hexes = [
            "d81e8263312f3302", "d81e82016132", "d81e82c482200f02", "d81e8202c482200f", "d81e82c5822003d81e820102",
        ]
        for hex in hexes {
            #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) {
                try CBORDecoder().decode(from: [UInt8](hex: hex))
            }
        }
    }
}
