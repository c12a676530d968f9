import Concise
import ConcreteJSON
import Testing

/// Sets are written as Concrete ML writes them, `sorted(list(s))`: the answers below are what
/// `json.dumps(json.loads(text, cls=ConcreteDecoder), cls=ConcreteEncoder)` printed with
/// Concrete ML 1.9.0's own code (`scripts/concrete/stubs.py`), except where a NaN makes
/// Python's order hang on memory addresses (see `nanOrder`).
struct ConcreteSetTests {
    static func recoded(_ items: String) throws -> String {
        let text = "{\"type_name\": \"set\", \"serialized_value\": \(items)}"
        let value = try ConcreteJSONDecoder().decode(from: Array(text.utf8))
        let json = try ConcreteJSONEncoder().encode(value)
        // Through compact CBOR too.
        #expect(try ConcreteJSONEncoder().encode(try ConcreteValue(decodingCBOR: try value.encodedCBOR())) == json)
        let prefix = "{\"type_name\": \"set\", \"serialized_value\": "
        guard json.hasPrefix(prefix), json.hasSuffix("}") else { return json }
        return String(json.dropFirst(prefix.count).dropLast())
    }

    @Test("equal elements are one, the first kept (1, True, 1.0; 0.0, -0.0, False; one None), then sorted by Python's <")
    func equalElements() throws {
        #expect(try Self.recoded("[1, true, 1.0, 2, 0.0, -0.0, false]") == "[0.0, 1, 2]")
        #expect(try Self.recoded("[null, null]") == "[null]")
        #expect(try Self.recoded(#"["b", "a", "\u00e9", "e\u0301"]"#) == #"["a", "b", "e\u0301", "\u00e9"]"#)
        let descending = (1...70).reversed().map(String.init).joined(separator: ", ")
        #expect(try Self.recoded("[\(descending), NaN]") == "[" + (1...70).map(String.init).joined(separator: ", ") + ", NaN]")
    }

    /// Python's `json` reads every `NaN` as one object, so a set holds it once, and a tuple
    /// holding it is equal to another that does; a NaN is below and above nothing, so Python's
    /// order depends on where its set puts the NaN (by address). Concise sorts the elements in
    /// the order read with CPython's algorithm, so what Python wrote reads back as written.
    @Test("a NaN in a set is written, not refused, and JSON Python wrote recodes to itself")
    func nanOrder() throws {
        for written in ["[1, 2, 3, NaN]", "[0, 2.5, NaN, -1]", "[0, 1, 2, NaN, -1]", "[NaN, 1]"] {
            #expect(try Self.recoded(written) == written)
        }
        #expect(try Self.recoded("[NaN, NaN, 1]") == "[NaN, 1]")
        let tuple = #"{"type_name": "tuple", "serialized_value": [NaN, "q"]}"#
        #expect(try Self.recoded("[\(tuple), \(tuple)]") == "[\(tuple)]")
        // numpy scalars are objects of their own: both NaNs stay.
        let scalar = #"{"type_name": "numpy_float", "serialized_value": NaN, "dtype": "float64"}"#
        #expect(try Self.recoded("[\(scalar), \(scalar), 1]") == "[\(scalar), \(scalar), 1]")
    }

    @Test("a set holding NaNs is written the same when read back, small or large, in any order read")
    func nanStability() throws {
        for count in [5, 12, 63, 64, 200] {
            let items = (0..<count).map { index in index % 7 == 3 ? "NaN" : String(index * 389 % 1000 - 500) }
            // Five orders read: rotations, and each reversed.
            for shift in 0..<5 {
                let rotated = Array(items[(shift * count / 5)...] + items[..<(shift * count / 5)])
                for order in [rotated, rotated.reversed()] {
                    let once = try Self.recoded("[" + order.joined(separator: ", ") + "]")
                    #expect(try Self.recoded(once) == once, "\(count) items")
                }
            }
        }
    }

    @Test("what Python cannot hash or order is refused: lists in a set, None beside a number")
    func refusals() throws {
        let unhashable = #expect(throws: ConcreteJSONError.self) { try Self.recoded("[[1], [2]]") }
        #expect(unhashable?.code == .unexpectedValue)
        let unordered = #expect(throws: ConcreteJSONError.self) { try Self.recoded("[null, 1]") }
        #expect(unordered?.code == .unorderableSet)
    }
}

