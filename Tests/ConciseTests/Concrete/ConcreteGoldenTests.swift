import Concise
import ConformanceKit
import Foundation
import Testing
@testable import ConcreteJSON

/// Goldens written by Concrete ML's own `ConcreteEncoder` (wheels 1.1.0 and 1.9.0, loaded with
/// stand-ins only for torch, onnx, sklearn, skorch and concrete.fhe; see `scripts/concrete/`).
/// For every golden, Swift (a) builds the value natively from its typed description and writes
/// the golden byte for byte, (b) reads the golden and writes it back byte for byte, and (c)
/// transcodes it through compact CBOR and back byte for byte. With `CONCISE_CONCRETE_OUTPUT`
/// set, the natively written JSON is saved there for `scripts/concrete/check_output.py`, which
/// loads it with the real `ConcreteDecoder` (d).
struct ConcreteGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let version: String
        let json: String
        let model: JSONValue
        var testDescription: String { "\(name)@\(version)" }
    }

    /// Python writes the keys 1 and "1" of one dict as two "1" keys; see `duplicateKeys()`.
    static let duplicateKeyCase = "dict_duplicate_after_str"

    static let cases: [Case] = {
        guard let file = try? JSONValue.load(resource: "concrete-goldens.json"), let entries = file["cases"]?.array else { return [] }
        return entries.compactMap { entry in
            guard let name = entry["name"]?.string, let version = entry["version"]?.string,
                case .string(let json)? = entry["json"], let model = entry["model"]
            else { return nil }
            return Case(name: name, version: version, json: json, model: model)
        }
    }()

    @Test("goldens exist for both Concrete ML versions")
    func coverage() {
        #expect(Self.cases.filter { $0.version == "1.1.0" }.count > 200)
        #expect(Self.cases.filter { $0.version == "1.9.0" }.count > 200)
    }

    @Test("(a) the natively built value is written byte for byte", arguments: cases)
    func writesNativeValue(testCase: Case) throws {
        let value = try ConcreteModel.value(testCase.model)
        #expect(try ConcreteJSONEncoder().encode(value) == testCase.json)
    }

    @Test("(b) reading the golden gives the value, and writing it back gives the golden", arguments: cases)
    func readsAndRewrites(testCase: Case) throws {
        guard testCase.name != Self.duplicateKeyCase else { return }
        let value = try ConcreteJSONDecoder().decode(from: testCase.json)
        #expect(try ConcreteJSONEncoder().encode(value) == testCase.json)
        let expected = ConcreteModel.asRead(try ConcreteModel.value(testCase.model))
        if case .set = expected {
            // Python iterates a set in hash order; the golden holds it sorted.
            #expect(try ConcreteJSONEncoder().encode(expected) == testCase.json)
        } else if !containsSet(expected) && testCase.name != "dict_looks_like_custom" {
            #expect(value == expected)
        }
    }

    @Test("(c) JSON → CBOR → JSON is byte-identical", arguments: cases)
    func transcodesLosslessly(testCase: Case) throws {
        guard testCase.name != Self.duplicateKeyCase else { return }
        let value = try ConcreteJSONDecoder().decode(from: testCase.json)
        let cbor = try value.encodedCBOR()
        let back = try ConcreteValue(decodingCBOR: cbor)
        #expect(back == value)
        #expect(try ConcreteJSONEncoder().encode(back) == testCase.json)
    }

    @Test("a duplicate key is an error by default, and the last value wins on request, as in Python")
    func duplicateKeys() throws {
        let golden = try #require(Self.cases.first { $0.name == Self.duplicateKeyCase })
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONDecoder().decode(from: golden.json) }
        var lenient = ConcreteJSONDecoder()
        lenient.rejectsDuplicateKeys = false
        guard case .dict(let object) = try lenient.decode(from: golden.json) else {
            Issue.record("not a dict")
            return
        }
        #expect(object.count == 1)
        #expect(object.entries.first?.key == "1")
    }

    @Test("(d) natively written JSON is saved for the real ConcreteDecoder when asked")
    func savesOutputForPython() throws {
        guard let path = ProcessInfo.processInfo.environment["CONCISE_CONCRETE_OUTPUT"] else { return }
        var output = ConcreteObject()
        for testCase in Self.cases {
            output["\(testCase.name)@\(testCase.version)"] = .string(try ConcreteJSONEncoder().encode(try ConcreteModel.value(testCase.model)))
        }
        let text = try ConcreteJSONEncoder().encode(.dict(output))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func containsSet(_ value: ConcreteValue) -> Bool {
        switch value {
        case .set: true
        case .list(let items), .tuple(let items): items.contains(where: containsSet)
        case .dict(let object): object.entries.contains { containsSet($0.value) }
        case .object(_, let inner): containsSet(inner)
        default: false
        }
    }
}
