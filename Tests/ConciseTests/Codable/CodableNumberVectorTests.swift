import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// `Double` and `Decimal` read from the decimal fractions and bigfloats of
/// Resources/codable-numbers.json (cbor2 6.3.0's bytes; the exact values from Python's
/// `Fraction`): each is the value the file gives, or `dataCorrupted` where it gives none.
struct CodableNumberVectorTests {
    struct Case {
        var hex: String
        var double: String?
        var decimal: String?
        var isDecimalFraction: Bool
    }

    static let cases: [Case] = {
        let items = (try? JSONValue.load(resource: "codable-numbers.json"))?["cases"]?.array ?? []
        return items.compactMap { item in
            guard let hex = item["hex"]?.string else { return nil }
            return Case(hex: hex, double: item["double"]?.string, decimal: item["decimal"]?.string, isDecimalFraction: item["decimal"] != nil)
        }
    }()

    @Test("the file holds its 1 000 cases")
    func count() {
        #expect(Self.cases.count == 1_000)
        #expect(Self.cases.filter { $0.double != nil }.count > 400)
        #expect(Self.cases.filter { $0.decimal != nil }.count > 300)
    }

    @Test("Double: the exact value, or dataCorrupted")
    func doubles() throws {
        for item in Self.cases {
            if let bits = item.double.flatMap({ UInt64($0, radix: 16) }) {
                #expect(try CodableHex.decode(Double.self, item.hex).bitPattern == bits, "\(item.hex)")
            } else if case .dataCorrupted? = try CodableHex.error(Double.self, item.hex) {
            } else {
                Issue.record("\(item.hex) as Double: expected dataCorrupted")
            }
        }
    }

    @Test("Decimal: the value Foundation's Decimal holds, or dataCorrupted")
    func decimals() throws {
        for item in Self.cases where item.isDecimalFraction {
            if let text = item.decimal {
                let expected = try #require(Decimal(string: text, locale: nil), "\(text)")
                #expect(try CodableHex.decode(Decimal.self, item.hex) == expected, "\(item.hex)")
            } else if case .dataCorrupted? = try CodableHex.error(Decimal.self, item.hex) {
            } else {
                Issue.record("\(item.hex) as Decimal: expected dataCorrupted")
            }
        }
    }
}
