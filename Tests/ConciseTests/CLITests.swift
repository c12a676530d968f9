import Concise
@testable import ConciseCLI
import Foundation
import Testing

struct CLITests {
    @Test("to-json --sequence reports offsets in the whole input; tag 24's errors are at the tag, saying where inside")
    func sequenceOffsets() {
        let misplacedBreak = #expect(throws: CBORError.self) { try Commands.toJSON([0x01, 0x02, 0xff], sequence: true) }
        #expect(misplacedBreak?.offset == 2)
        let embedded = #expect(throws: CBORError.self) { try Commands.toJSON([0x83, 1, 2, 3, 0xd8, 0x18, 0x41, 0x41], sequence: true) }
        #expect(embedded?.offset == 4)
        #expect(embedded?.message.contains("tag 24 embeds at its byte 0") == true)
    }

    @Test("error messages are one line: controls, DEL, C1 and line separators from the input are escaped")
    func oneLineMessages() {
        #expect(OneLineMessage.escaping("dtype \"int8\nX\u{0}Y\"") == #"dtype "int8\nX\u{0}Y""#)
        #expect(OneLineMessage.escaping("a\r\tb\u{7f}\u{85}\u{2028}\u{2029}é😀") == #"a\r\tb\u{7f}\u{85}\u{2028}\u{2029}é😀"#)
        #expect(OneLineMessage.escaping("plain text") == "plain text")
    }

    @Test("from-json writes what cbor2.dumps(json.loads(text)) writes: 64-bit heads, overflow to infinity")
    func fromJSON() throws {
        #expect(try Commands.fromJSON(Array("[9223372036854775808, -18446744073709551616]".utf8))
            == [0x82, 0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x3b] + Array(repeating: 0xff, count: 8))
        #expect(try Commands.fromJSON(Array("[1e400, -1e400, 1e-400]".utf8))
            == [0x83, 0xf9, 0x7c, 0x00, 0xf9, 0xfc, 0x00, 0xfb, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try Commands.fromJSON(Array(#"{"a": 1, "b": 2, "a": 3}"#.utf8)) == [0xa2, 0x61, 0x61, 0x03, 0x61, 0x62, 0x02])
    }

    @Test("to-json refuses a decimal of more than 100 000 digits (its text would take quadratic time)")
    func longDecimal() throws {
        // 4([0, 2(h'ff…')]): a mantissa of 50 000 bytes, about 120 000 digits.
        let mantissa: [UInt8] = [0xc2, 0x5a, 0x00, 0x00, 0xc3, 0x50] + Array(repeating: 0xff, count: 50_000)
        let decimal: [UInt8] = [0xc4, 0x82, 0x00] + mantissa
        #expect(throws: CLIError.self) { try CBOR2ToolJSON().convert(decimal) }
        // The same inside a complex number: the part is refused as a float.
        #expect(throws: CBORError.self) { try CBOR2ToolJSON().convert([0xd9, 0xa7, 0xf8, 0x82] + decimal + [0x01]) }
        let short: [UInt8] = [0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3]  // 4([-2, 27315])
        #expect(String(decoding: try CBOR2ToolJSON().convert(short), as: UTF8.self) == "\"273.15\"\n")
    }

    @Test("hex input: whitespace ignored, bad digits and odd counts rejected")
    func hexInput() throws {
        #expect(try CLIInput.decodeHex(Array("a2 61\n61 01".utf8)) == [0xa2, 0x61, 0x61, 0x01])
        #expect(throws: CLIError.self) { try CLIInput.decodeHex(Array("0g".utf8)) }
        #expect(throws: CLIError.self) { try CLIInput.decodeHex(Array("012".utf8)) }
    }

    @Test("diag, validate and canonical report errors with their offset")
    func commands() throws {
        #expect(try Commands.diagnose([0x82, 0x01, 0x41, 0xff]) == "[1, h'ff']")
        #expect(try Commands.diagnose([0x01, 0x02], sequence: true) == "1\n2")
        #expect(throws: CBORError(.trailingData, offset: 1, "")) { try Commands.diagnose([0x01, 0x02]) }
        #expect(throws: CBORError(.depthLimitExceeded, offset: 2, "")) { try Commands.validate([0x81, 0x81, 0x00], maxDepth: 1) }
        #expect(throws: CBORError(.indefiniteLengthNotAllowed, offset: 0, "")) {
            try Commands.validate([0x9f, 0xff], maxDepth: nil, allowsIndefinite: false)
        }
        #expect(try Commands.canonicalize([0xa2, 0x18, 0x64, 0x01, 0x20, 0x02]) == [0xa2, 0x20, 0x02, 0x18, 0x64, 0x01])
        #expect(try Commands.canonicalize([0xa2, 0x18, 0x64, 0x01, 0x20, 0x02], bytewise: true) == [0xa2, 0x18, 0x64, 0x01, 0x20, 0x02])
    }

    @Test("to-json refuses a cycle while decoding (nothing is left in memory) and writes shared values")
    func toJSONSharing() throws {
        #expect(throws: CBORError(.cyclicStructure, offset: 3, "")) { try CBOR2ToolJSON().convert([0xd8, 0x1c, 0x81, 0xd8, 0x1d, 0x00]) }
        let shared = try CBOR2ToolJSON().convert([0x82, 0xd8, 0x1c, 0x81, 0x01, 0xd8, 0x1d, 0x00])
        #expect(String(decoding: shared, as: UTF8.self) == "[[1], [1]]\n")
    }

    /// 28([1]) and then `levels` shared arrays, each of two references to the one before: the
    /// JSON of the last writes 2^levels copies of the first.
    static func laughs(levels: Int) -> [UInt8] {
        var data: [UInt8] = [0x9f, 0xd8, 0x1c, 0x81, 0x01]
        for level in 0..<levels {
            data += [0xd8, 0x1c, 0x82, 0xd8, 0x1d, 0x18, UInt8(level), 0xd8, 0x1d, 0x18, UInt8(level)]
        }
        return data + [0xff]
    }

    @Test("to-json writes shared values out copy by copy up to a budget: 64 MiB and 100 bytes an input byte")
    func toJSONSharedBudget() throws {
        var converter = CBOR2ToolJSON()
        converter.outputBudgetBase = 0
        // Four levels: 16 copies of [1] in the last; 71 bytes in, within 7 100 bytes out.
        let small = String(decoding: try converter.convert(Self.laughs(levels: 4)), as: UTF8.self)
        #expect(small.hasPrefix("[[1], [[1], [1]], [[[1], [1]], [[1], [1]]]"))
        #expect(small.components(separatedBy: "[1]").count - 1 == 1 + 2 + 4 + 8 + 16)
        // Forty levels would take 2^40 copies.
        #expect(throws: CLIError.self) { try converter.convert(Self.laughs(levels: 40)) }
    }

    /// 256([a string of `size` bytes, then `count` string references to it]), or with the
    /// references inside a tag in a map key (`inKey`), written out as frozen text.
    static func stringReferences(size: Int, count: Int, inKey: Bool = false) throws -> [UInt8] {
        let references = Array(repeating: CBOR.tagged(25, 0), count: count)
        let text = CBOR.textString(String(repeating: "a", count: size))
        let value: CBOR = inKey ? [text, .map([.tagged(99, .array(references)): 0])] : .array([text] + references)
        return try CBOR.tagged(256, value).encoded()
    }

    @Test("to-json writes string references out in full, up to the same budget, in keys too")
    func toJSONStringReferenceBudget() throws {
        var converter = CBOR2ToolJSON()
        converter.outputBudgetBase = 0
        // 50 references to 32 KiB: 1.6 MB of JSON from 33 KB, within 100 bytes an input byte.
        let written = try converter.convert(try Self.stringReferences(size: 32_768, count: 50))
        #expect(written.count == 51 * (32_768 + 4) + 1)
        // 300 references: 9.8 MB from 34 KB, past it (from a 64 KB input, cbor2's tool wrote 357 MB).
        #expect(throws: CLIError.self) { try converter.convert(try Self.stringReferences(size: 32_768, count: 300)) }
        // Inside a map key, a tag's text is made while decoding: the same budget bounds it.
        let key = String(decoding: try converter.convert(try Self.stringReferences(size: 32_768, count: 50, inKey: true)), as: UTF8.self)
        #expect(key.contains("\"CBORtag:99:('aaaa"))
        #expect(throws: CLIError.self) { try converter.convert(try Self.stringReferences(size: 32_768, count: 300, inKey: true)) }
    }

    @Test("Python's repr of shared values written out copy by copy stops at 16 MiB")
    func reprSharedBudget() throws {
        var level: Any = [1] as [AnyHashable]
        for _ in 0..<30 {
            let box = CBORSharedValue(level)
            level = [box, box] as [AnyHashable]
        }
        #expect(try PythonRepr.repr(CBORSharedValue([[1] as [AnyHashable]] as [AnyHashable])) == "((1,),)")
        #expect(throws: CLIError.self) { try PythonRepr.repr(level) }
    }

    @Test("the demo round-trips its embedded example through both backends")
    func demo() throws {
        let output = try Demo.run()
        #expect(output.contains("libcbor backend: decode → encode gives the same 261 bytes"))
        #expect(output.contains("native backend: decode → encode gives the same 261 bytes"))
    }

    @Test("bench --once runs each operation of a workload on each path and backend, and names what it cannot")
    func benchOnce() throws {
        #expect(Bench.plainWorkload(named: "nested") == BenchWorkloads.nested())
        #expect(Bench.plainWorkload(named: "nothing") == nil)
        for operation in ["decode", "encode"] {
            for path in ["value", "any"] {
                for backend in CBORBackend.allCases {
                    try BenchOnce.run(workload: "nested", operation: operation, path: path, backend: backend)
                }
            }
        }
        for path in ["any-own-keys", "any-swift-dictionaries", "any-hashable-dictionaries", "any-int-dictionaries", "any-canonical", "value-canonical"] {
            try BenchOnce.run(workload: "nested", operation: "encode", path: path, backend: .native)
        }
        try BenchOnce.run(workload: "doubles", operation: "decode", path: "codable", backend: .libcbor)
        #expect(throws: CBORError(.unsupportedValue, "")) {
            try BenchOnce.run(workload: "nested", operation: "decode", path: "codable", backend: .native)
        }
        #expect(throws: CBORError(.unsupportedValue, "")) {
            try BenchOnce.run(workload: "nothing", operation: "decode", path: "value", backend: .native)
        }
        #expect(throws: CBORError(.unsupportedValue, "")) {
            try BenchOnce.run(workload: "nested", operation: "transcode", path: "value", backend: .native)
        }
    }

    @Test("the memory probe decodes through Codable the workloads the speed table decodes so, and only those")
    func memoryProbeCodable() throws {
        #expect(Bench.codableWorkloads == ["ints", "doubles", "records", "f64_1m"])
        let inputBytes = try Bench.plainWorkload(named: "records")?.encoded().count
        #expect(try BenchMemory.probe("records/Codable, libcbor").inputBytes == inputBytes)
        // The peak only means something in a process of its own: here other suites allocate and
        // free on other threads while the probe decodes.
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("concise").path
        let row = try BenchMemory.probe("records/Codable, libcbor", executable: binary)
        #expect(row.inputBytes == inputBytes)
        #expect(row.peakBytes >= row.inputBytes)
        #expect(row.resultBytes > 0)
        for probe in ["nested/Codable, native", "bytes/Codable, libcbor", "ints/Codable, nothing"] {
            #expect(throws: CLIError.self) { try BenchMemory.probe(probe) }
        }
    }
}
