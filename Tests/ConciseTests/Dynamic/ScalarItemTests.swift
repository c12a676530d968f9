import OrderedCollections
import Testing
@testable import Concise

/// `encode(any:)` writes the commonest scalars (`Double`, `Int`, `String`, `Bool`) that are
/// items of arrays or values of maps without `encode(_:)`'s dispatch
/// (`CBORWriter.encodeScalar(opened:)`). They must come out as cbor2 writes them wherever they
/// stand, and that path must stand aside where `encode(_:)` does something else: a registered
/// encoder, the depth limit.
struct ScalarItemTests {
    /// Each scalar with the bytes cbor2 6 writes for it (`cbor2.dumps`).
    private static var scalars: [(value: Any, bytes: [UInt8])] {
        [
            (1.5, [0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]),
            (-0.0, [0xfb, 0x80, 0, 0, 0, 0, 0, 0, 0]),
            (Double.nan, [0xf9, 0x7e, 0x00]),
            (-Double.infinity, [0xf9, 0xfc, 0x00]),
            (0, [0x00]), (23, [0x17]), (24, [0x18, 0x18]), (-1, [0x20]), (-25, [0x38, 0x18]),
            (Int.max, [0x1b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            (Int.min, [0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            ("", [0x60]), ("abc", [0x63, 0x61, 0x62, 0x63]), ("é", [0x62, 0xc3, 0xa9]),
            (String(repeating: "x", count: 24), [0x78, 0x18] + [UInt8](repeating: 0x78, count: 24)),
            (true, [0xf5]), (false, [0xf4]),
        ]
    }

    /// `value` inside `levels` arrays.
    private static func nested(_ value: Any, in levels: Int) -> Any {
        (0..<levels).reduce(value) { inner, _ in [inner] as [Any] }
    }

    @Test("each scalar as an array item and as a map value, in every branch of the map writer, on both backends")
    func everyPosition() throws {
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            var sharing = encoder
            sharing.valueSharing = true
            for (value, bytes) in Self.scalars {
                let label = "\(value), \(backend)"
                #expect(try encoder.encode(any: [value, value] as [Any]) == [0x82] + bytes + bytes, "\(label)")
                // The same map twice: its keys are written one by one, then from the key run.
                let map: OrderedDictionary<AnyHashable, Any> = ["k": value]
                let mapBytes: [UInt8] = [0xa1, 0x61, 0x6b] + bytes
                #expect(try encoder.encode(any: [map, map] as [Any]) == [0x82] + mapBytes + mapBytes, "\(label)")
                // A key that is not text, and a map too deep for key runs.
                let mixed: OrderedDictionary<AnyHashable, Any> = [1: value]
                #expect(try encoder.encode(any: mixed) == [0xa1, 0x01] + bytes, "\(label)")
                let deep = try encoder.encode(any: Self.nested(map, in: 70))
                #expect(deep == [UInt8](repeating: 0x81, count: 70) + mapBytes, "\(label)")
                // Value sharing writes maps without key runs, each container marked.
                let marked: [UInt8] = [0xd8, 0x1c]
                let shared = try sharing.encode(any: [map, value] as [Any])
                #expect(shared == marked + [0x82] + marked + mapBytes + bytes, "\(label)")
            }
        }
    }

    @Test("under canonical encoding and string references, scalar items encode as encode(_:) writes them alone")
    func options() throws {
        var canonical = CBOREncoder()
        canonical.canonical = true
        #expect(try canonical.encode(any: [1.5, 100_000.0, 0.1] as [Any]) == [0x83, 0xf9, 0x3e, 0x00, 0xfa, 0x47, 0xc3, 0x50, 0x00, 0xfb, 0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a])
        var references = CBOREncoder()
        references.stringReferencing = true
        // cbor2.dumps(["abc", "abc", {"k": "abc"}], string_referencing=True)
        let map: OrderedDictionary<AnyHashable, Any> = ["k": "abc"]
        let written = try references.encode(any: ["abc", "abc", map] as [Any])
        #expect(written == [0xd9, 0x01, 0x00, 0x83, 0x63, 0x61, 0x62, 0x63, 0xd8, 0x19, 0x00, 0xa1, 0x61, 0x6b, 0xd8, 0x19, 0x00])
    }

    @Test("registered encoders for Double, Int, String and Bool write those items and map values")
    func registeredEncoders() throws {
        var encoder = CBOREncoder()
        encoder.register(Double.self) { writer, value in try writer.encodeSemantic(tag: 4000, CBOR(Int64(value))) }
        encoder.register(Int.self) { writer, value in try writer.encodeSemantic(tag: 4001, CBOR.double(Double(value))) }
        encoder.register(String.self) { writer, value in writer.encodeString(value.uppercased()) }
        encoder.register(Bool.self) { writer, _ in try writer.encode(CBOR.null) }
        let map: OrderedDictionary<AnyHashable, Any> = ["k": 2.0, "l": 3, "m": "x", "n": true]
        let written = try encoder.encode(any: [2.0, 3, "x", true, map, map] as [Any])
        let items: [CBOR] = [.tagged(4000, 2), .tagged(4001, .double(3)), "X", .null]
        let entries = CBORMap(zip(["K", "L", "M", "N"] as [CBOR], items).map { (key: $0, value: $1) })
        #expect(written == (try CBOR.array(items + [.map(entries), .map(entries)]).encoded()))
    }

    @Test("a scalar item one level past CBORWriter.maxDepth is refused, as encode(_:) refuses it")
    func depthLimit() throws {
        let limit = CBORWriter.maxDepth
        let outcomes = try #require(onLargeStack {
            ([1.5, 0, "abc", true] as [Any]).map { value in
                let inMap: OrderedDictionary<AnyHashable, Any> = [1: value]
                return ("\(value)", [
                    Result { try CBOREncoder().encode(any: Self.nested(value, in: limit - 1)) },
                    Result { try CBOREncoder().encode(any: Self.nested(value, in: limit)) },
                    Result { try CBOREncoder().encode(any: Self.nested(inMap, in: limit - 2)) },
                    Result { try CBOREncoder().encode(any: Self.nested(inMap, in: limit - 1)) },
                ])
            }
        })
        #expect(outcomes.count == 4)
        // Outcomes as short facts: a failure prints them, not thousands of bytes.
        func refused(_ result: Result<[UInt8], any Error>) -> Bool {
            guard case .failure(let error) = result else { return false }
            return (error as? CBORError) == CBORError(.depthLimitExceeded, "")
        }
        for (label, results) in outcomes {
            let written = results.map { try? $0.get() }
            #expect(written[0]?.prefix(limit - 1) == ArraySlice(repeating: 0x81, count: limit - 1), "\(label)")
            #expect(written[2]?.prefix(limit - 2) == ArraySlice(repeating: 0x81, count: limit - 2), "\(label)")
            #expect(refused(results[1]) && refused(results[3]), "\(label)")
        }
    }
}
