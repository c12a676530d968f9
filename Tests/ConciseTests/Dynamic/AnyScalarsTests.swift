import Testing
@testable import Concise

/// The encoder writes the `Double`, `Int`, `Bool` and small `String` items of an `[Any]`, and
/// such values of a `[String: Any]`, from the words where they lie. It must write exactly what
/// opening each item writes, and read nothing from an item of any other type.
struct AnyScalarsTests {
    /// A value laid out as a `Double` is, of another type.
    private struct Wrapped {
        let value: Double
    }

    /// A value laid out as a `String` is, of another type.
    private struct WrappedText {
        let value: String
    }

    @Test("the layout check passes on this platform, with the metadata of Double, Int, Bool and String as their type words")
    func layoutChecked() throws {
        let words = try #require(AnyScalars.layout)
        #expect(words.double == unsafeBitCast(Double.self as Any.Type, to: UInt.self))
        #expect(words.int == unsafeBitCast(Int.self as Any.Type, to: UInt.self))
        #expect(words.bool == unsafeBitCast(Bool.self as Any.Type, to: UInt.self))
        #expect(words.string == unsafeBitCast(String.self as Any.Type, to: UInt.self))
        #expect(Set([words.double, words.int, words.bool, words.string]).count == 4)
    }

    /// Items of every kind, each beside the `CBOR` value cbor2 writes for it.
    private static var items: [(item: Any, value: CBOR)] {
        [
            (1.5, .double(1.5)), (-0.0, .double(-0.0)), (Double.nan, .half(.nan)), (Double.infinity, .half(.infinity)),
            (-Double.infinity, .half(-.infinity)), (Double.greatestFiniteMagnitude, .double(.greatestFiniteMagnitude)),
            (0, 0), (23, 23), (24, 24), (-1, -1), (Int.min, CBOR(Int64.min)), (Int.max, CBOR(Int64.max)),
            (Float(1.5), .float(1.5)), (Int64(-3), -3), (UInt64.max, .unsigned(.max)), (Int8(5), 5),
            (true, true), (false, false), ("text", "text"), ("", ""), ("é 日本", "é 日本"), ("fifteen bytes!!", "fifteen bytes!!"),
            ("sixteen bytes!!!", "sixteen bytes!!!"), (String(repeating: "long ", count: 40), .textString(String(repeating: "long ", count: 40))),
            (Substring("sub"), "sub"), (Optional(2.5) as Any, .double(2.5)), (Optional<Int>.none as Any, .null),
            (Optional(true) as Any, true), (Optional("text") as Any, "text"), ([1.5, 2] as [Any], [.double(1.5), 2]),
            (Wrapped(value: 1.5), "w"), (WrappedText(value: "text"), "w"),
        ]
    }

    /// An encoder on `backend` that writes a `Wrapped` as the text "w".
    private static func encoder(_ backend: CBORBackend) -> CBOREncoder {
        var encoder = CBOREncoder()
        encoder.backend = backend
        encoder.defaultEncoder = { writer, value in
            guard value is Wrapped || value is WrappedText else { throw CBORError(.noEncoderForType, "\(value)") }
            writer.encodeString("w")
        }
        return encoder
    }

    @Test("arrays of numbers among items of every kind encode as the CBOR value of the same items, on both backends")
    func arraysOfEveryItem() throws {
        let array = Self.items.map(\.item)
        let expected = try CBOR.array(Self.items.map(\.value)).encoded()
        for backend in CBORBackend.allCases {
            #expect(try Self.encoder(backend).encode(any: array) == expected, "\(backend)")
            // Each item alone in an array, and numbers between every two.
            for (item, value) in Self.items {
                let single = try CBOR.array([1.25, value, 7]).encoded()
                #expect(try Self.encoder(backend).encode(any: [1.25, item, 7] as [Any]) == single, "\(backend): \(item)")
            }
        }
    }

    @Test("dictionaries with values of every kind encode as the CBOR value's map in canonical order, on both backends")
    func dictionariesOfEveryValue() throws {
        for backend in CBORBackend.allCases {
            for (item, value) in Self.items {
                let dictionary: [String: Any] = ["item": item, "a": 7, "a longer key than sixteen bytes": item]
                let expected = try CBOR.map(["a": 7, "item": value, "a longer key than sixteen bytes": value]).encoded()
                #expect(try Self.encoder(backend).encode(any: dictionary) == expected, "\(backend): \(item)")
            }
        }
    }

    @Test("with encoders registered for String and Bool, or string references, strings and booleans are written as the item by item path writes them")
    func registeredTextAndReferences() throws {
        let array: [Any] = ["hello", true, "hello", 1, "hello", false, "é 日本", "é 日本"]
        let dictionary: [String: Any] = ["hello": "hello", "bool": true, "é 日本": "é 日本"]
        for backend in CBORBackend.allCases {
            var registered = Self.encoder(backend)
            registered.register(String.self) { writer, value in writer.encodeString("s" + value) }
            registered.register(Bool.self) { writer, value in writer.encodeString(value ? "yes" : "no") }
            let items = try CBOR.array(["shello", "yes", "shello", 1, "shello", "no", "sé 日本", "sé 日本"]).encoded()
            #expect(try registered.encode(any: array) == items, "\(backend)")
            // Keys are strings too, and are sorted as the registered encoder writes them.
            let map = try CBOR.map(["sbool": "yes", "shello": "shello", "sé 日本": "sé 日本"]).encoded()
            #expect(try registered.encode(any: dictionary) == map, "\(backend)")
            // cbor2's string references: tag 256 around the top-level value, tag 25 for each
            // string written before at an index its length pays for.
            var referencing = Self.encoder(backend)
            referencing.stringReferencing = true
            let referenced = try CBOR.tagged(256, [
                "hello", true, .tagged(25, 0), 1, .tagged(25, 0), false, "é 日本", .tagged(25, 1),
            ]).encoded()
            #expect(try referencing.encode(any: array) == referenced, "\(backend)")
            let referencedMap = try CBOR.tagged(256, .map(["bool": true, "hello": .tagged(25, 1), "é 日本": .tagged(25, 2)])).encoded()
            #expect(try referencing.encode(any: dictionary) == referencedMap, "\(backend)")
        }
    }

    @Test("with an encoder registered for Double, or in canonical mode, numbers are written as the item by item path writes them")
    func registeredAndCanonical() throws {
        let array: [Any] = [1.5, 7, 0.0, -2.0, 1e300, Double.nan, "x"]
        for backend in CBORBackend.allCases {
            var registered = Self.encoder(backend)
            registered.register(Double.self) { writer, value in writer.encodeString("d\(value)") }
            let doubles = try CBOR.array(["d1.5", 7, "d0.0", "d-2.0", "d1e+300", "dnan", "x"]).encoded()
            #expect(try registered.encode(any: array) == doubles, "\(backend)")
            var canonical = Self.encoder(backend)
            canonical.canonical = true
            let shortest = try CBOR.array([.half(1.5), 7, .half(0), .half(-2), .double(1e300), .half(.nan), "x"]).encoded()
            #expect(try canonical.encode(any: array) == shortest, "\(backend)")
        }
    }
}
