import Foundation
import ConformanceKit
import Testing
@testable import Concise

/// RFC 8949 Appendix A (every example) and Appendix F (every not-well-formed example), through
/// both backends. Expectations come from `Resources/SOURCES.md`'s generators.
struct AppendixTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let hex: String
        let roundtrip: Bool
        let expect: Expectation
        var testDescription: String { hex }
    }

    enum Expectation: Sendable {
        case value(CBOR)
        case error(CBORError.Code)
    }

    static let appendixA: [Vector] = {
        guard let file = try? JSONValue.load(resource: "appendix-a-expected.json"), let entries = file.array else { return [] }
        return entries.compactMap { entry -> Vector? in
            guard let hex = entry["hex"]?.string else { return nil }
            if let code = entry["expect_error"]?.string {
                return Vector(hex: hex, roundtrip: false, expect: .error(errorCode(named: code)))
            }
            guard let node = entry["expect"], let value = try? TypedDescription.cbor(from: node) else { return nil }
            return Vector(hex: hex, roundtrip: entry["roundtrip"]?.bool ?? false, expect: .value(value))
        }
    }()

    static let appendixF: [(hex: String, code: String)] = {
        guard let file = try? JSONValue.load(resource: "appendix-f.json"), let entries = file.array else { return [] }
        return entries.compactMap { entry -> (hex: String, code: String)? in
            guard let hex = entry["hex"]?.string, let code = entry["code"]?.string else { return nil }
            return (hex, code)
        }
    }()

    static func errorCode(named name: String) -> CBORError.Code {
        (1...40).map(CBORError.Code.init(rawValue:)).first { $0.description == name } ?? .malformed
    }

    @Test("the vector files are all there")
    func vectorCounts() {
        #expect(Self.appendixA.count == 82)
        #expect(Self.appendixF.count >= 40)
    }

    @Test("Appendix A: decode, and re-encode where the example is in preferred form", arguments: appendixA)
    func decodesAppendixA(vector: Vector) throws {
        let bytes = [UInt8](hex: vector.hex)
        let result = decodeWithEveryBackend(bytes)
        switch vector.expect {
        case .error(let code):
            #expect(throws: CBORError(code, offset: 0, "")) { try result.get() }
        case .value(let expected):
            let value = try result.get()
            #expect(value == expected || (value.doubleValue?.isNaN == true && expected.doubleValue?.isNaN == true))
            if vector.roundtrip {
                for backend in CBORBackend.allCases {
                    var encoder = CBOREncoder()
                    encoder.backend = backend
                    #expect(try encoder.encode(value) == bytes)
                }
            }
            let tapes = tapes(bytes)
            #expect(try tapes[0].get() == tapes[1].get())
        }
    }

    @Test("Appendix F: every not-well-formed example is rejected with its code", arguments: appendixF)
    func rejectsAppendixF(hex: String, code: String) {
        let result = decodeWithEveryBackend([UInt8](hex: hex))
        #expect(throws: CBORError.self) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.code.description == code, "\(hex): \(error)")
        }
    }
}
