import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// `Decimal` from a bigfloat (tag 5, `mantissa × 2^exponent`, RFC 8949 §3.4.4) when it holds
/// the value exactly, and a `dataCorrupted` error at the value's coding path when it does not:
/// `Decimal` has a 128-bit mantissa and powers of ten, so 2^−55 fits (5^55 × 10^−55) and 2^−56
/// does not. cbor2 rounds a bigfloat to 28 digits instead (`Decimal(m) * 2 ** Decimal(e)`).
///
/// The inputs are cbor2 6.3.0's, from `cbor2.dumps(CBORTag(5, [e, m])).hex()` for the exponent
/// and mantissa beside each; the values are Python's `Decimal(m) * Decimal(2) ** e` at 400
/// digits of precision.
struct CodableBigFloatDecimalTests {
    struct Price: Decodable, Equatable {
        var price: Decimal
    }

    @Test(
        "exact bigfloats are read as the Decimal of the same value",
        arguments: [
            ("c5822003", "1.5"),  // [-1, 3]
            ("c5822122", "-0.75"),  // [-2, -3]
            ("c5820305", "40"),  // [3, 5]
            ("c5820000", "0"),  // [0, 0]
            ("c5823b7fffffffffffffff00", "0"),  // [-2**63, 0]
            ("c582383601", "0.0000000000000000277555756156289135105907917022705078125"),  // [-55, 1]
            ("c582383503", "0.000000000000000166533453693773481063544750213623046875"),  // [-54, 3]
            ("c582187f01", "170141183460469231731687303715884105728"),  // [127, 1]: 2**127
            ("c582383fc249010000000000000000", "1"),  // [-64, 2**64]
            ("c58220c249010000000000000000", "9223372036854775808"),  // [-1, 2**64]
            ("c58220c249010000000000000001", "9223372036854775808.5"),  // [-1, 2**64 + 1]
            ("c58220c349010000000000000000", "-9223372036854775808.5"),  // [-1, -(2**64 + 1)]
            // [127, 5**127]: 10**127, whose 296-bit integer Decimal holds as 1E+127.
            ("c582187fc25825762e9fd467213d7fd1f28f89c55a675f34f7299795a0b0fa6fcfd10b65cd931e9b6fb772cd", "1E+127"),
            ("d9d9f7c5822003", "1.5"),  // CBORTag(55799, CBORTag(5, [-1, 3]))
        ])
    func exact(hex: String, value: String) throws {
        let expected = try #require(Decimal(string: value, locale: nil))
        #expect(try CodableHex.decode(Decimal.self, hex) == expected, "\(hex)")
    }

    @Test(
        "inexact or out-of-range bigfloats are dataCorrupted",
        arguments: [
            "c582383701",  // [-56, 1]: 2**-56 needs 5**56, beyond 128 bits
            "c582383603",  // [-55, 3]: 3 * 5**55 is beyond 128 bits
            "c58239043101",  // [-1074, 1]: the smallest double
            "c582188001",  // [128, 1]: 2**128 has 39 digits that Decimal would round
            "c5821901a401",  // [420, 1]: 2**420, 127 digits
            "c5821b7fffffffffffffff01",  // [2**63 - 1, 1]
            "c5821b7fffffffffffffff02",  // [2**63 - 1, 2]: the exponent overflows once normalized
            "c5823b7fffffffffffffff01",  // [-2**63, 1]
        ])
    func inexact(hex: String) throws {
        guard case .dataCorrupted(let context)? = try CodableHex.error(Decimal.self, hex) else {
            Issue.record("\(hex) as Decimal")
            return
        }
        #expect(context.underlyingError is CBORError)
    }

    @Test("integers up to Decimal's largest value, 69 bytes, are read when exact (64 bytes was the bound)")
    func longBignums() throws {
        // cbor2.dumps(10**165): 1E+165 is a Decimal; 10**166 is beyond its range. (Foundation's
        // `Decimal(string: "1E+165")` is nil: its exponent is beyond 127 until normalized.)
        let decimalTenTo165 = Decimal(string: "1" + String(repeating: "0", count: 165), locale: nil)
        let tenTo165 =
            "c25845115d847ad000877dc4bbcf772901ab0a9f1cdf3472f4b05c8148482c3653e202bed097213380e38f546017d0a8b1"
            + "4ef6a00000000000000000000000000000000000000000"
        #expect(try CodableHex.decode(Decimal.self, tenTo165) == decimalTenTo165)
        let tenTo166 =
            "c25845ada72ccc20054ae9af561aa79a10ae6a3720b80c7d8ee39d0cd2d1ba1f46d41b7425e74c0308e3994bc0ee2696ed"
            + "15a2400000000000000000000000000000000000000000"
        guard case .dataCorrupted? = try CodableHex.error(Decimal.self, tenTo166) else {
            Issue.record("10**166 as Decimal")
            return
        }
        // CBORTag(5, [165, 5**165]): 10**165 again, as a 69-byte integer; [166, 5**166] is not.
        let bigFloat =
            "c58218a5c258308aec23d680043bee25de7bb9480d5854f8e6f9a397a582e40a424161b29f1015f684b9099c071c7aa300"
            + "be85458a77b5"
        #expect(try CodableHex.decode(Decimal.self, bigFloat) == decimalTenTo165)
        let beyond =
            "c58218a6c2583102b69cb33080152ba6bd586a9e6842b9a8dc82e031f63b8e74334b46e87d1b506dd0979d300c238e652f03"
            + "b89a5bb45689"
        guard case .dataCorrupted? = try CodableHex.error(Decimal.self, beyond) else {
            Issue.record("[166, 5**166] as Decimal")
            return
        }
    }

    @Test(
        "decimal fractions with exponents outside -128...127 are read when Decimal holds them",
        arguments: [
            ("c482188001", "1" + String(repeating: "0", count: 128)),  // Decimal('1E+128'): 10 × 10^127
            ("c48218a40f", "15" + String(repeating: "0", count: 164)),  // Decimal('1.5E+165'), 15 × 10^164
            ("c482188c21", "-2" + String(repeating: "0", count: 140)),  // Decimal('-2E+140')
            ("c48238811864", "1E-128"),  // Decimal('100E-130'): 1 × 10^-128
            ("c4821903e800", "0"),  // Decimal('0E+1000')
        ])
    func decimalExponents(hex: String, value: String) throws {
        let expected = try #require(Decimal(string: value, locale: nil))
        #expect(try CodableHex.decode(Decimal.self, hex) == expected, "\(hex)")
    }

    @Test(
        "decimal fractions beyond Decimal's range or precision are dataCorrupted",
        arguments: [
            "c48218a504",  // Decimal('4E+165'): above (2^128 − 1) × 10^127
            "c48218a701",  // Decimal('1E+167')
            "c482388001",  // Decimal('1E-129')
            "c4823883193039",  // Decimal('12345E-132'): 1.2345 × 10^-128 needs exponent -132
            "c4821b7fffffffffffffff01",  // [2^63 − 1, 1]
            "c4823b7fffffffffffffff01",  // [−2^63, 1]
        ])
    func decimalOutOfRange(hex: String) throws {
        guard case .dataCorrupted? = try CodableHex.error(Decimal.self, hex) else {
            Issue.record("\(hex) as Decimal")
            return
        }
    }

    @Test("errors carry the coding path of the Decimal, its exponent's and mantissa's included")
    func paths() throws {
        // {"price": CBORTag(5, [-1, 3])}
        #expect(try CodableHex.decode(Price.self, "a1 657072696365 c5822003") == Price(price: Decimal(string: "1.5") ?? 0))
        // {"price": CBORTag(5, [-56, 1])}
        guard case .dataCorrupted(let context)? = try CodableHex.error(Price.self, "a1 657072696365 c582383701") else {
            Issue.record("2**-56 as a price")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["price"])
        #expect(context.debugDescription.contains("bigfloat does not fit Foundation's Decimal exactly"))
        #expect((context.underlyingError as? CBORError)?.offset == 8)  // [exponent, mantissa]
        // {"price": CBORTag(5, [-1, "x"])} and {"price": CBORTag(4, ["x", 1])}: the parts of a
        // bigfloat or a decimal fraction are reported at the Decimal's path (a decimal fraction's
        // were at its container's).
        for hex in ["a1 657072696365 c582206178", "a1 657072696365 c482617801"] {
            guard case .typeMismatch(let type, let mismatch)? = try CodableHex.error(Price.self, hex) else {
                Issue.record("\(hex)")
                continue
            }
            #expect(mismatch.codingPath.map(\.stringValue) == ["price"], "\(hex)")
            // The type is Decimal's, the mantissa's included (it named Int).
            #expect(ObjectIdentifier(type) == ObjectIdentifier(Decimal.self), "\(hex)")
        }
        // {"price": "1.5"}: a typeMismatch for Decimal (it named Double).
        guard case .typeMismatch(let type, let text)? = try CodableHex.error(Price.self, "a1 657072696365 63312e35") else {
            Issue.record("text as a price")
            return
        }
        #expect(type == Decimal.self && text.codingPath.map(\.stringValue) == ["price"])
    }
}
