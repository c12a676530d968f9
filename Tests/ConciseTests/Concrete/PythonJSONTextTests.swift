import ConformanceKit
import Testing
import Concise
@testable import ConcreteJSON

/// Floats and strings written exactly as CPython's `json.dumps` writes them, checked against
/// `Resources/python-json.json` (made by `scripts/vectors/gen_python_json.py` with the real
/// CPython: float `repr` over edge cases, every power of ten, random bit patterns, widened
/// float32/float16 values; `ensure_ascii` escaping of controls, DEL, non-ASCII and astral
/// characters).
struct PythonJSONTextTests {
    static let file = try? JSONValue.load(resource: "python-json.json")

    @Test("float text equals CPython's for every generated double, and reads back to the same bits")
    func floats() throws {
        let pairs = try #require(Self.file?["floats"]?.array)
        #expect(pairs.count > 8000)
        var mismatches: [String] = []
        for pair in pairs {
            guard let items = pair.array, let hex = items.first?.string, let expected = items.last?.string,
                let bits = UInt64(hex, radix: 16)
            else { continue }
            let value = Double(bitPattern: bits)
            let text = try ConcreteJSONEncoder().encode(.float(value))
            if text != expected { mismatches.append("\(hex): \(text) != \(expected)") }
            let back = try ConcreteJSONDecoder().decode(from: expected)
            guard case .float(let read) = back, read.bitPattern == value.bitPattern || (read.isNaN && value.isNaN) else {
                mismatches.append("\(hex): \(expected) read back as \(back)")
                continue
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("string escaping equals CPython's ensure_ascii output, and reads back")
    func strings() throws {
        let pairs = try #require(Self.file?["strings"]?.array)
        #expect(pairs.count > 300)
        for pair in pairs {
            guard let items = pair.array, case .string(let string)? = items.first, let expected = items.last?.string else { continue }
            #expect(try ConcreteJSONEncoder().encode(.string(string)) == expected)
            #expect(try ConcreteJSONDecoder().decode(from: expected) == .string(string))
        }
    }

    @Test("layout: separators, key types, 0-d arrays, empty axes, widened floats", arguments: [
        (ConcreteValue.dict([.int(1): .int(2), .float(1.5): .null, .bool(true): .list([]), .null: .dict([:]), "s": .string("/")]),
         #"{"1": 2, "1.5": null, "true": [], "null": {}, "s": "/"}"#),
        (.tuple([.int(1), .tuple([]), .float(2)]), #"{"type_name": "tuple", "serialized_value": [1, {"type_name": "tuple", "serialized_value": []}, 2.0]}"#),
        (.set([.int(3), .float(1.5), .int(-2), .bool(true), .int(1)]), #"{"type_name": "set", "serialized_value": [-2, true, 1.5, 3]}"#),
        (.set([.string("b"), .string("é"), .string("Z"), .string("😀"), .string("\u{FF5E}")]),
         #"{"type_name": "set", "serialized_value": ["Z", "b", "\u00e9", "\uff5e", "\ud83d\ude00"]}"#),
        (.array(try! NDArray([Float(0.1)], shape: [])), #"{"type_name": "numpy_array", "serialized_value": 0.10000000149011612, "dtype": "float32"}"#),
        (.array(try! NDArray([Double](), shape: [0, 3])), #"{"type_name": "numpy_array", "serialized_value": [], "dtype": "float64"}"#),
        (.array(try! NDArray([UInt8](), shape: [2, 0])), #"{"type_name": "numpy_array", "serialized_value": [[], []], "dtype": "uint8"}"#),
        (.array(try! NDArray([true, false, true, true], shape: [2, 2])), #"{"type_name": "numpy_array", "serialized_value": [[true, false], [true, true]], "dtype": "bool"}"#),
        (.numpyScalar(try! NDArray([UInt64.max], shape: [])), #"{"type_name": "numpy_integer", "serialized_value": 18446744073709551615, "dtype": "uint64"}"#),
        (.numpyScalar(try! NDArray([Float16(0.1)], shape: [])), #"{"type_name": "numpy_float", "serialized_value": 0.0999755859375, "dtype": "float16"}"#),
        (.bigInt(CBORBigIntFixture.twoTo100), "1267650600228229401496703205376"),
        // 2^64 + 1 against 2^64 as a float: exact comparison, as Python (a rounded one ties them).
        (.set([.bigInt(CBORBigInt("18446744073709551617") ?? CBORBigInt(0)), .float(0x1p64), .bigInt(CBORBigInt("-18446744073709551617") ?? CBORBigInt(0)), .float(-0x1p64)]),
         #"{"type_name": "set", "serialized_value": [-18446744073709551617, -1.8446744073709552e+19, 1.8446744073709552e+19, 18446744073709551617]}"#),
        (.inspectEmpty, #"{"type_name": "inspect_empty", "serialized_value": "inspect._empty"}"#),
    ] as [(ConcreteValue, String)])
    func layout(value: ConcreteValue, expected: String) throws {
        let text = try ConcreteJSONEncoder().encode(value)
        #expect(text == expected)
    }
}

enum CBORBigIntFixture {
    static let twoTo100 = Concise.CBORBigInt("1267650600228229401496703205376") ?? Concise.CBORBigInt(0)
}
