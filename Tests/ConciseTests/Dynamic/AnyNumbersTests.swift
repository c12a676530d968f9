import Testing
@testable import Concise

/// The encoder writes the `Double` and `Int` items of an `[Any]` from the words where they lie.
/// It must write exactly what opening each item writes, and read nothing from an item of any
/// other type.
struct AnyNumbersTests {
    /// A value laid out as a `Double` is, of another type.
    private struct Wrapped {
        let value: Double
    }

    @Test("the layout check passes on this platform, with the metadata of Double and Int as their type words")
    func layoutChecked() throws {
        let words = try #require(AnyNumbers.layout)
        #expect(words.double == unsafeBitCast(Double.self as Any.Type, to: UInt.self))
        #expect(words.int == unsafeBitCast(Int.self as Any.Type, to: UInt.self))
        #expect(words.double != words.int)
    }

    /// Items of every kind, each beside the `CBOR` value cbor2 writes for it.
    private static var items: [(item: Any, value: CBOR)] {
        [
            (1.5, .double(1.5)), (-0.0, .double(-0.0)), (Double.nan, .half(.nan)), (Double.infinity, .half(.infinity)),
            (-Double.infinity, .half(-.infinity)), (Double.greatestFiniteMagnitude, .double(.greatestFiniteMagnitude)),
            (0, 0), (23, 23), (24, 24), (-1, -1), (Int.min, CBOR(Int64.min)), (Int.max, CBOR(Int64.max)),
            (Float(1.5), .float(1.5)), (Int64(-3), -3), (UInt64.max, .unsigned(.max)), (Int8(5), 5),
            (true, true), ("text", "text"), (Optional(2.5) as Any, .double(2.5)), (Optional<Int>.none as Any, .null),
            ([1.5, 2] as [Any], [.double(1.5), 2]), (Wrapped(value: 1.5), "w"),
        ]
    }

    /// An encoder on `backend` that writes a `Wrapped` as the text "w".
    private static func encoder(_ backend: CBORBackend) -> CBOREncoder {
        var encoder = CBOREncoder()
        encoder.backend = backend
        encoder.defaultEncoder = { writer, value in
            guard value is Wrapped else { throw CBORError(.noEncoderForType, "\(value)") }
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
