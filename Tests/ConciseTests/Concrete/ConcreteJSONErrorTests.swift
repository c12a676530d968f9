import Concise
import Testing
@testable import ConcreteJSON

/// Bad input gets a ``ConcreteJSONError`` with the right code, offset, line and column (the
/// columns Python's `json` would report), never a trap.
struct ConcreteJSONErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: [UInt8]
        let code: ConcreteJSONError.Code
        let offset: Int
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ code: ConcreteJSONError.Code, at offset: Int) {
            self.init(name, Array(input.utf8), code, at: offset)
        }

        init(_ name: String, _ input: [UInt8], _ code: ConcreteJSONError.Code, at offset: Int) {
            self.name = name
            self.input = input
            self.code = code
            self.offset = offset
        }
    }

    static let array = #"{"type_name": "numpy_array", "serialized_value": "#

    static let cases: [Case] = [
        Case("empty input", "", .truncated, at: 0),
        Case("whitespace only", " \n ", .truncated, at: 3),
        Case("trailing comma in an object", #"{"a": 1,}"#, .syntax, at: 8),
        Case("trailing comma in an array", "[1,]", .syntax, at: 3),
        Case("unterminated array", "[1, 2", .truncated, at: 5),
        Case("missing colon", #"{"a" 1}"#, .syntax, at: 5),
        Case("single-quoted string", "'a'", .syntax, at: 0),
        Case("two values", "1 2", .trailingData, at: 2),
        Case("leading zero", "01", .trailingData, at: 1),
        Case("bare minus", "-", .syntax, at: 0),
        Case("lower-case nan", "nan", .syntax, at: 0),
        Case("cut literal", "nul", .truncated, at: 0),
        Case("invalid escape", #""\x""#, .syntax, at: 1),
        Case("lone high surrogate", #""\ud800""#, .invalidString, at: 1),
        Case("lone low surrogate", #""a\udc00""#, .invalidString, at: 2),
        Case("raw control character", "\"a\u{01}\"", .invalidString, at: 2),
        Case("invalid UTF-8", [0x22, 0x61, 0xff, 0x22], .invalidString, at: 1),
        Case("integer over 4300 digits", String(repeating: "9", count: 4301), .numberOutOfRange, at: 0),
        Case("float beyond double", "[1, 1e400]", .numberOutOfRange, at: 4),
        Case("duplicate key", #"{"a": 1, "a": 2}"#, .duplicateKey, at: 9),
        Case("numpy array without dtype", array + "[1, 2]}", .missingField, at: 0),
        Case("numpy scalar without dtype", #"{"type_name": "numpy_integer", "serialized_value": 3}"#, .missingField, at: 0),
        Case("unknown dtype", array + #"[1], "dtype": "complex128"}"#, .unsupportedDType, at: 0),
        Case("fraction in an int8 array", array + #"[1, 1.5], "dtype": "int8"}"#, .valueOutOfDType, at: 53),
        Case("300 in a uint8 array", array + #"[[1, 2], [3, 300]], "dtype": "uint8"}"#, .valueOutOfDType, at: 62),
        Case("0.1 in a float32 array", array + #"[0.1], "dtype": "float32"}"#, .valueOutOfDType, at: 50),
        Case("number in a bool array", array + #"[true, 1], "dtype": "bool"}"#, .valueOutOfDType, at: 56),
        Case("ragged rows", array + #"[[1, 2], [3]], "dtype": "int64"}"#, .shapeMismatch, at: 58),
        Case("list beside a number", array + #"[[1], 2], "dtype": "int64"}"#, .shapeMismatch, at: 55),
        Case("string element", array + #"["a"], "dtype": "int64"}"#, .unexpectedValue, at: 50),
        Case("2^64 in uint64 scalar", #"{"type_name": "numpy_integer", "serialized_value": 18446744073709551616, "dtype": "uint64"}"#, .valueOutOfDType, at: 0),
        Case("tuple of a number", #"{"type_name": "tuple", "serialized_value": 5}"#, .unexpectedValue, at: 0),
        Case("RandomState of a number", #"{"type_name": "RandomState", "serialized_value": 1}"#, .unexpectedValue, at: 0),
        Case("integer type_name", #"{"type_name": 3, "serialized_value": 1}"#, .unexpectedValue, at: 0),
        Case("error on a later line", "{\n  \"a\": [1,\n  2,,\n]}", .syntax, at: 17),
        Case("depth bomb", String(repeating: "[", count: 100_000), .depthLimitExceeded, at: 512),
        Case("depth bomb inside numpy data", array + String(repeating: "[", count: 100_000), .depthLimitExceeded, at: 560),
    ]

    @Test("bad input is a typed error at the right place", arguments: cases)
    func badInput(testCase: Case) {
        do {
            let value = try ConcreteJSONDecoder().decode(from: testCase.input)
            Issue.record("decoded \(value)")
        } catch let error as ConcreteJSONError {
            #expect(error.code == testCase.code, "\(error)")
            #expect(error.offset == testCase.offset, "\(error)")
            #expect(error.line != nil && error.column != nil)
        } catch {
            Issue.record("untyped error \(error)")
        }
    }

    @Test("line and column count lines and characters, as Python's json does")
    func lineAndColumn() throws {
        let error = try #require(throws: ConcreteJSONError.self) {
            try ConcreteJSONDecoder().decode(from: "{\n  \"é\": [1,\n  2,,\n]}")
        }
        #expect(error.line == 3)
        #expect(error.column == 5)
        #expect(error.description.hasPrefix("line 3, column 5 (offset 18): "))
    }

    @Test("limits that are not errors: 4300 digits, deep but allowed nesting, unknown type names kept")
    func limits() throws {
        let digits = String(repeating: "7", count: 4300)
        guard case .bigInt(let big) = try ConcreteJSONDecoder().decode(from: digits) else {
            Issue.record("not a big integer")
            return
        }
        #expect(big.description == digits)
        // Python's json reads a float beyond the double range as an infinity; on request, so do we.
        var lenient = ConcreteJSONDecoder()
        lenient.readsOverflowingFloatsAsInfinity = true
        #expect(try lenient.decode(from: "[1e400, -1e400, 1e-400]") == .list([.float(.infinity), .float(-.infinity), .float(0)]))
        let overflowing = Self.array + #"[1e400], "dtype": "float64"}"#
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONDecoder().decode(from: overflowing) }
        #expect(throws: Never.self) { try lenient.decode(from: overflowing) }
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try ConcreteJSONEncoder().encode(try ConcreteJSONDecoder().decode(from: deep)) == deep)
        // What JSON allows, its CBOR allows back: CBOR's 400 levels refused 401 nested lists,
        // and tagged objects take two levels of CBOR.
        var tuples = #"{"type_name": "numpy_array", "serialized_value": [1.5], "dtype": "float64"}"#
        for _ in 0..<255 { tuples = #"{"type_name": "tuple", "serialized_value": ["# + tuples + "]}" }
        for text in [deep, tuples] {
            let value = try ConcreteJSONDecoder().decode(from: text)
            #expect(try ConcreteJSONEncoder().encode(try ConcreteValue(decodingCBOR: try value.encodedCBOR())) == text)
        }
        let custom = #"{"type_name": "MyModel", "serialized_value": {"k": 1}}"#
        #expect(try ConcreteJSONDecoder().decode(from: custom) == .object(typeName: "MyModel", value: .dict(["k": .int(1)])))
        var strict = ConcreteJSONDecoder()
        strict.rejectsUnknownTypeNames = true
        #expect(throws: ConcreteJSONError.self) { try strict.decode(from: custom) }
        strict.knownTypeNames.insert("MyModel")
        #expect(try strict.decode(from: custom) == .object(typeName: "MyModel", value: .dict(["k": .int(1)])))
        // An unknown name with other keys, or in another order, stays the dictionary it is
        // (Python refuses it), so that recoding it loses nothing; a known name drops the other
        // keys, as Concrete ML's decoder does.
        for text in [#"{"type_name": "x", "1": "a", "serialized_value": 2}"#, #"{"serialized_value": 2, "type_name": "x"}"#] {
            let value = try ConcreteJSONDecoder().decode(from: text)
            guard case .dict = value else {
                Issue.record("\(text) is \(value)")
                continue
            }
            #expect(try ConcreteJSONEncoder().encode(value) == text)
        }
        let extra = #"{"type_name": "tuple", "1": "a", "serialized_value": [2]}"#
        #expect(try ConcreteJSONDecoder().decode(from: extra) == .tuple([.int(2)]))
        strict.knownTypeNames.insert("x")
        #expect(try strict.decode(from: #"{"type_name": "x", "1": "a", "serialized_value": 2}"#) == .object(typeName: "x", value: .int(2)))
    }

    /// `json.loads('{"\\u00e9": 1, "e\\u0301": 2}')` is a dict of two keys: Python compares
    /// code points, where `String`'s `==` holds the two spellings equal.
    @Test("keys that differ in code points but not as Swift strings are two keys, as in Python",
          arguments: [0, 20])
    func canonicallyEquivalentKeys(padding: Int) throws {
        let others = (0..<padding).map { #""k\#($0)": 0, "# }.joined()
        let json = "{" + others + #""\u00e9": 1, "e\u0301": 2}"#
        guard case .dict(let object) = try ConcreteJSONDecoder().decode(from: json) else {
            Issue.record("not a dict")
            return
        }
        #expect(object.count == padding + 2)
        #expect(object.entries.suffix(2).map(\.value) == [.int(1), .int(2)])
        let back = try ConcreteValue(decodingCBOR: try ConcreteValue.dict(object).encodedCBOR())
        guard case .dict(let transcoded) = back else {
            Issue.record("not a dict after CBOR")
            return
        }
        #expect(transcoded.count == padding + 2)
        // The same text twice is still a repeat.
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONDecoder().decode(from: "{" + others + #""\u00e9": 1, "\u00e9": 2}"#) }
    }

    @Test("integers beyond Int64 that fit 64 bits are plain heads in CBOR; bignums beyond, both ways")
    func wideIntegers() throws {
        let cases: [(String, [UInt8])] = [
            ("9223372036854775808", [0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0]),
            ("18446744073709551615", [0x1b] + Array(repeating: 0xff, count: 8)),
            ("-9223372036854775809", [0x3b, 0x80, 0, 0, 0, 0, 0, 0, 0]),
            ("-18446744073709551616", [0x3b] + Array(repeating: 0xff, count: 8)),
            ("18446744073709551616", [0xc2, 0x49, 0x01] + Array(repeating: 0, count: 8)),
            ("-18446744073709551617", [0xc3, 0x49, 0x01] + Array(repeating: 0, count: 8)),
        ]
        for (text, bytes) in cases {
            let value = try ConcreteJSONDecoder().decode(from: text)
            #expect(try value.encodedCBOR() == bytes, "\(text)")
            #expect(try ConcreteValue(decodingCBOR: bytes) == value, "\(text)")
        }
    }

    @Test("CBOR whose JSON would be out of all proportion is refused: over 32 dimensions, grids of empty lists, bignums over 4300 digits")
    func disproportionateCBOR() throws {
        func numpyArray(_ shape: [UInt64], _ bytes: [UInt8]) throws -> [UInt8] {
            try CBOR.tagged(40, [.array(shape.map { .unsigned($0) }), .tagged(64, .byteString(bytes))]).encoded()
        }
        func json(_ cbor: [UInt8]) throws -> String {
            String(decoding: try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: cbor)), as: UTF8.self)
        }
        // 50 000 dimensions overflowed the stack; numpy stops at 32.
        #expect(throws: ConcreteJSONError.self) { try json(try numpyArray(Array(repeating: 1, count: 33), [1])) }
        #expect(try json(try numpyArray(Array(repeating: 1, count: 32), [7])).contains(String(repeating: "[", count: 32) + "7"))
        // Shape [2^63 - 1, 0] (17 bytes) wrote "[]" without end.
        #expect(throws: ConcreteJSONError.self) { try json(try numpyArray([UInt64(Int.max), 0], [])) }
        #expect(throws: ConcreteJSONError.self) { try json(try numpyArray([1 << 10, 1 << 10, 2, 0], [])) }
        #expect(try json(try numpyArray([1 << 20, 0], [])).contains("[[], []"))
        #expect(try json(try numpyArray([0, 1 << 62], [])).contains("[]"))
        // A bignum's decimal text takes time that grows with the square of its length.
        let limit = try CBOR.tagged(2, .byteString(try #require(CBORBigInt("1" + String(repeating: "0", count: 4299))).magnitude)).encoded()
        #expect(try json(limit).contains("1" + String(repeating: "0", count: 4299)))
        let over = try CBOR.tagged(3, .byteString(try #require(CBORBigInt("1" + String(repeating: "0", count: 4300))).magnitude)).encoded()
        #expect(throws: ConcreteJSONError.self) { try json(over) }
        // Tag 3 is -1 - n: 4300 nines make -10^4300, of 4301 digits.
        let nines = try CBOR.tagged(3, .byteString(try #require(CBORBigInt(String(repeating: "9", count: 4300))).magnitude)).encoded()
        #expect(throws: ConcreteJSONError.self) { try json(nines) }
        #expect(throws: ConcreteJSONError.self) { try json(try CBOR.tagged(2, .byteString(Array(repeating: 0xff, count: 1 << 19))).encoded()) }
    }

    @Test("errors about an item of compact CBOR say where it starts, at any depth, in arrays, maps, sets and indefinite-length arrays")
    func cborErrorsSayWhere() throws {
        let cases: [(hex: String, code: ConcreteJSONError.Code, offset: Int)] = [
            ("4178", .invalidCBOR, 0),  // the root
            ("820182024178", .invalidCBOR, 4),  // [1, [2, h'78']]
            ("a16161830102d828828103d840420102", .shapeMismatch, 6),  // {"a": [1, 2, 40([[3], 64(h'0102')])]}
            ("a201026162a1c90103", .invalidCBOR, 6),  // a tag as a key, in a map of other keys
            ("a16173d90102830102427a7a", .invalidCBOR, 9),  // inside a set (tag 258)
            ("9f018202034171ff", .invalidCBOR, 5),  // inside an indefinite-length array
            ("a2616101616101", .duplicateKey, 4),  // the second "a"
            ("a2c24101f6c2410101", .invalidCBOR, 1),  // a bignum key inside 64 bits
        ]
        for (hex, code, offset) in cases {
            let bytes = [UInt8](hex: hex)
            let error = #expect(throws: ConcreteJSONError.self) {
                try ConcreteValue(decodingCBOR: bytes)
            }
            #expect(error?.code == code, "\(hex)")
            #expect(error?.offset == offset, "\(hex): \(error?.description ?? "")")
        }
        // Without bytes there is no position.
        let error = #expect(throws: ConcreteJSONError.self) { try ConcreteValue(cbor: [1, [2, .byteString([0x78])]]) }
        #expect(error?.offset == nil)
    }

    @Test("writing refuses what Python cannot write: unorderable sets, too deep nesting")
    func writingErrors() {
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONEncoder().encode(.set([.int(1), .string("a")])) }
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONEncoder().encode(.set([.null, .int(1)])) }
        var deep = ConcreteValue.null
        for _ in 0..<600 { deep = .list([deep]) }
        #expect(throws: ConcreteJSONError.self) { try ConcreteJSONEncoder().encode(deep) }
        #expect(throws: ConcreteJSONError.self) { try deep.encodedCBOR() }
    }
}

/// Large arrays go through typed storage both ways.
struct ConcreteLargeArrayTests {
    @Test("a 100 000-element float64 array: JSON → CBOR → JSON is byte-identical and the CBOR is one typed array")
    func largeArray() throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<100_000).map { _ in Double(bitPattern: generator.next() & 0x3fff_ffff_ffff_ffff | 0x3000_0000_0000_0000) }
        let json = try ConcreteJSONEncoder().encodedBytes(.array(try NDArray(values, shape: [200, 500])))
        let value = try ConcreteJSONDecoder().decode(from: json)
        guard case .array(let array) = value else {
            Issue.record("not an array")
            return
        }
        #expect(array.shape == [200, 500])
        #expect(array.elements(as: Double.self)?.map(\.bitPattern) == values.map(\.bitPattern))
        let cbor = try value.encodedCBOR()
        #expect(cbor.count < values.count * 8 + 32)  // shape and tags around 800 kB of doubles
        #expect(Array(cbor.prefix(2)) == [0xd8, 40])
        #expect(try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: cbor)) == json)
    }
}
