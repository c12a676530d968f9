import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// `Double` and `Float` from decimal fractions (tag 4) and bigfloats (tag 5) when they hold the
/// value exactly, as they read integers; `dataCorrupted` at the value's coding path when not.
///
/// The inputs are cbor2 6.3.0's, from `cbor2.dumps(value).hex()` for the Python value beside
/// each.
struct CodableExactDoubleTests {
    struct Price: Decodable, Equatable {
        var price: Double
    }

    @Test(
        "exact decimal fractions and bigfloats are read as Double",
        arguments: [
            ("c482200f", 1.5),  // Decimal('1.5')
            ("c48221384a", -0.75),  // Decimal('-0.75')
            ("c4821601", 1e22),  // Decimal('1E+22'): 5^22 × 2^22
            ("c4822400", 0),  // Decimal('0E-5')
            ("c58239043101", 0x1p-1074),  // CBORTag(5, [-1074, 1]): the least subnormal
            ("c58239043202", 0x1p-1074),  // CBORTag(5, [-1075, 2])
            ("c5821903cb1b001fffffffffffff", Double.greatestFiniteMagnitude),  // CBORTag(5, [971, 2**53 - 1])
            ("d9d9f7c482200f", 1.5),  // CBORTag(55799, Decimal('1.5'))
        ])
    func exact(hex: String, value: Double) throws {
        #expect(try CodableHex.decode(Double.self, hex) == value, "\(hex)")
        #expect(try CodableHex.decode([Double].self, "81" + hex) == [value], "\(hex) in an array")
    }

    @Test(
        "inexact or out-of-range ones are dataCorrupted",
        arguments: [
            "c4821701",  // Decimal('1E+23'): 5^23 is wider than 53 bits
            "c4822001",  // Decimal('0.1')
            "c482001b01b69b4ba630f34e",  // Decimal('123456789012345678'): 55 significant bits
            "c5821903cc1b001fffffffffffff",  // CBORTag(5, [972, 2**53 - 1]): beyond the greatest
            "c58239043201",  // CBORTag(5, [-1075, 1]): below the least subnormal
            "c582001b0020000000000001",  // CBORTag(5, [0, 2**53 + 1])
            "c4821b7fffffffffffffff01",  // [2^63 − 1, 1]
            "c4823b7fffffffffffffff01",  // [−2^63, 1]
        ])
    func inexact(hex: String) throws {
        guard case .dataCorrupted(let context)? = try CodableHex.error(Double.self, hex) else {
            Issue.record("\(hex) as Double")
            return
        }
        #expect(context.underlyingError is CBORError)
    }

    @Test("Float reads them when exact as a Float: the least subnormal, not half of it, not 2^24 + 1")
    func float() throws {
        #expect(try CodableHex.decode(Float.self, "c482200f") == 1.5)  // Decimal('1.5')
        #expect(try CodableHex.decode(Float.self, "c582389401") == 0x1p-149)  // CBORTag(5, [-149, 1])
        for hex in ["c582389501", "c482001a01000001"] {  // CBORTag(5, [-150, 1]), Decimal('16777217')
            guard case .dataCorrupted? = try CodableHex.error(Float.self, hex) else {
                Issue.record("\(hex) as Float")
                continue
            }
        }
    }

    @Test("long mantissas: 10^5000 × 10^−5000 and 5^1074 × 10^−1074 are exact; past 4 096 bytes is refused")
    func longMantissas() throws {
        func fraction(exponent: Int, mantissa: BigMagnitude) throws -> [UInt8] {
            try CBOR.tagged(4, [CBOR(Int64(exponent)), .tagged(2, .byteString(mantissa.bigEndianBytes))]).encoded()
        }
        var tenTo5000 = BigMagnitude.powerOfFive(5000)
        tenTo5000.shiftLeft(by: 5000)
        #expect(try CBORDecoder().decode(Double.self, from: try fraction(exponent: -5000, mantissa: tenTo5000)) == 1)
        let fiveTo1074 = BigMagnitude.powerOfFive(1074)
        #expect(try CBORDecoder().decode(Double.self, from: try fraction(exponent: -1074, mantissa: fiveTo1074)) == 0x1p-1074)
        // 4 096 bytes of ones are divided by fives until a remainder shows (14 000 fives would
        // fit their 32 768 bits); a mantissa of 4 097 bytes is not read under a negative
        // exponent at all.
        let long = BigMagnitude(bigEndian: [UInt8](repeating: 0xff, count: 4_096))
        let longer = BigMagnitude(bigEndian: [UInt8](repeating: 0xff, count: 4_097))
        for (exponent, mantissa) in [(-14_000, long), (-1, longer)] {
            let bytes = try fraction(exponent: exponent, mantissa: mantissa)
            #expect(throws: DecodingError.self) { try CBORDecoder().decode(Double.self, from: bytes) }
        }
    }

    @Test("errors carry the coding path, and a part of another kind is a mismatch for Double")
    func paths() throws {
        // {"price": Decimal('0.1')}
        guard case .dataCorrupted(let context)? = try CodableHex.error(Price.self, "a1657072696365c4822001") else {
            Issue.record("0.1 as a price")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["price"])
        #expect(context.debugDescription.contains("decimal fraction is not exact as a Double"), "\(context.debugDescription)")
        // CBORTag(4, [-1, 'x'])
        guard case .typeMismatch(let type, _)? = try CodableHex.error(Double.self, "c482206178") else {
            Issue.record("text mantissa")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Double.self))
    }
}
