import Concise
import Testing

/// Diagnostic notation with RFC 8949 §8.1 encoding indicators. Every expected text is what
/// cbor-diag 1.1.0 (`cbor2diag`) prints for the same bytes, apart from its `_i` marks on
/// chunks and the exponent form of floats; `make test` reads the texts back with its
/// `diag2cbor` and compares bytes.
struct EncodingIndicatorTests {
    static func diag(_ hex: String) throws -> String {
        try CBORDecoder().diagnosticNotation(of: Self.bytes(hex))
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var digits = hex.unicodeScalars.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            bytes.append(UInt8(String(high) + String(low), radix: 16) ?? 0)
        }
        return bytes
    }

    @Test("arguments wider than needed: _0 to _3 after integers, strings, tags and brackets")
    func widths() throws {
        #expect(try Self.diag("1817") == "23_0")
        #expect(try Self.diag("190017") == "23_1")
        #expect(try Self.diag("1818") == "24")
        #expect(try Self.diag("1b0000000000000001") == "1_3")
        #expect(try Self.diag("3b0000000000000000") == "-1_3")
        #expect(try Self.diag("3bffffffffffffffff") == "-18446744073709551616")
        #expect(try Self.diag("780161") == #""a"_0"#)
        #expect(try Self.diag("5800") == "h''_0")
        #expect(try Self.diag("d8006161") == #"0_0("a")"#)
        #expect(try Self.diag("9800") == "[_0]")
        #expect(try Self.diag("980101") == "[_0 1]")
        #expect(try Self.diag("b8010101") == "{_0 1: 1}")
        #expect(try Self.diag("a26161016162820203") == #"{"a": 1, "b": [2, 3]}"#)
    }

    @Test("floats carry their width; indefinite lengths an underscore")
    func floatsAndIndefinite() throws {
        #expect(try Self.diag("f93e00") == "1.5_1")
        #expect(try Self.diag("fa3fc00000") == "1.5_2")
        #expect(try Self.diag("fb3ff8000000000000") == "1.5_3")
        #expect(try Self.diag("fa7fc00000") == "NaN_2")
        #expect(try Self.diag("f9fc00") == "-Infinity_1")
        #expect(try Self.diag("9f1817fa3fc00000ff") == "[_ 23_0, 1.5_2]")
        #expect(try Self.diag("bf6161f5ff") == #"{_ "a": true}"#)
        #expect(try Self.diag("9fff") == "[_]")
        #expect(try Self.diag("bfff") == "{_}")
        #expect(try Self.diag("5f41014102ff") == "(_ h'01', h'02')")
        #expect(try Self.diag("7f780161ff") == #"(_ "a"_0)"#)
        #expect(try Self.diag("5fff") == "''_")
        #expect(try Self.diag("7fff") == "\"\"_")
        #expect(try Self.diag("c0c0c0f820") == "0(0(0(simple(32))))")
    }

    @Test("bad input is a typed error with its offset; a sequence gives one text per item")
    func errorsAndSequences() throws {
        #expect(throws: CBORError(.truncated, offset: 2, "")) { try Self.diag("9f01") }
        #expect(throws: CBORError(.trailingData, offset: 1, "")) { try Self.diag("0101") }
        #expect(throws: CBORError(.invalidChunk, offset: 1, "")) { try Self.diag("5f5f") }
        let decoder = CBORDecoder()
        #expect(try decoder.diagnosticNotation(ofSequence: Self.bytes("1817f93e009fff")) == ["23_0", "1.5_1", "[_]"])
        #expect(throws: CBORError(.truncated, offset: 3, "")) {
            try decoder.diagnosticNotation(ofSequence: Self.bytes("01029f"))
        }
        var strict = CBORDecoder()
        strict.allowsIndefiniteLength = false
        #expect(throws: CBORError(.indefiniteLengthNotAllowed, offset: 0, "")) {
            try strict.diagnosticNotation(of: Self.bytes("9fff"))
        }
        // Deep nesting is printed without recursion.
        let deep = [UInt8](repeating: 0x81, count: 400) + [0x00]
        let nested = String(repeating: "[", count: 400) + "0" + String(repeating: "]", count: 400)
        #expect(try CBORDecoder().diagnosticNotation(of: deep) == nested)
    }
}
