import ConformanceKit
import Testing
@testable import Concise

/// Every cbor2 built-in tag type both ways, against `Resources/cbor2-semantic.json`
/// (generated with cbor2 6.3.0 by `scripts/vectors/gen_cbor2_semantic.py`): cbor2's bytes
/// decode to the value cbor2 decodes, the Swift value encodes to cbor2's bytes with the same
/// options, and contents cbor2 refuses are typed errors at the tag.
struct Cbor2SemanticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let hex: String
        let options: JSONValue
        let input: JSONValue?
        let expect: JSONValue?
        var testDescription: String { name }
    }

    static let file = try? JSONValue.load(resource: "cbor2-semantic.json")

    static func cases(_ key: String) -> [Case] {
        (file?[key]?.array ?? []).compactMap { entry in
            guard let name = entry["name"]?.string, let hex = entry["hex"]?.string else { return nil }
            return Case(name: name, hex: hex, options: entry["options"] ?? .object([]), input: entry["input"], expect: entry["expect"])
        }
    }

    static func describe(_ hex: String) throws -> JSONValue {
        let value = try CBORDecoder().decode(from: try TypedDescription.bytes(hex: hex))
        var describer = DynamicDescriber()
        return try describer.describe(root: value)
    }

    @Test("the vector file is there")
    func vectorFile() {
        #expect(Self.cases("cases").count >= 40)
        #expect(Self.cases("errors").count >= 10)
    }

    @Test("cbor2's bytes decode to the value cbor2 decodes", arguments: cases("cases") + cases("decode_only"))
    func decodes(testCase: Case) throws {
        let expected = try #require(testCase.expect)
        let actual = try Self.describe(testCase.hex)
        #expect(TypedComparison.matches(actual, expected), "\(actual.serialized)\n   vs \(expected.serialized)")
    }

    @Test("the Swift value encodes to cbor2's bytes", arguments: cases("cases"))
    func encodes(testCase: Case) throws {
        var encoder = CBOREncoder()
        try NamedHooks.configure(&encoder, from: testCase.options)
        var builder = DynamicBuilder()
        let value = try builder.value(try #require(testCase.input))
        #expect(TypedDescription.hex(try encoder.encode(any: value)) == testCase.hex)
    }

    @Test("contents cbor2 refuses are invalidTagContent at the tag", arguments: cases("errors"))
    func refuses(testCase: Case) throws {
        #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) { try Self.describe(testCase.hex) }
    }
}
