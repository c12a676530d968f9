import OrderedCollections
import Testing
@testable import Concise

/// `encode(any:)` in canonical mode encodes keys other than text apart, into one buffer, and
/// sorts their bytes: maps must come out as the `CBOR` value's canonical encoding orders them,
/// and sets in the order of their members' bytes, for both key orders on both backends.
struct CanonicalOrderTests {
    /// Keys of every kind, each beside its `CBOR` value: integers around every head width,
    /// negative ones, byte strings, text, booleans, an array and a float.
    private static var keys: [(key: AnyHashable, value: CBOR)] {
        [
            (0, 0), (1, 1), (23, 23), (24, 24), (255, 255), (256, 256), (1_000_000, 1_000_000), (-1, -1), (-24, -24),
            (-25, -25), (-1_000, -1_000), ("", ""), ("a", "a"), ("é", "é"), ("aa", "aa"), ([UInt8]([1]), .byteString([1])),
            ([UInt8](), .byteString([])), (true, true), (false, false), ([1, 2], [1, 2]), (1.5, .half(1.5)),
        ]
    }

    private static func encoder(_ backend: CBORBackend, _ keyOrder: CBORKeyOrder) -> CBOREncoder {
        var encoder = CBOREncoder()
        encoder.backend = backend
        encoder.canonical = true
        encoder.keyOrder = keyOrder
        return encoder
    }

    @Test("maps with keys of every kind come out in the order of the CBOR value's canonical encoding")
    func maps() throws {
        var ordered = OrderedDictionary<AnyHashable, Any>()
        var entries: [(key: CBOR, value: CBOR)] = []
        for (index, entry) in Self.keys.enumerated() {
            ordered[entry.key] = index
            entries.append((key: entry.value, value: CBOR(Int64(index))))
        }
        #expect(ordered.count == Self.keys.count)
        for keyOrder in [CBORKeyOrder.lengthFirst, .bytewise] {
            for backend in CBORBackend.allCases {
                let encoder = Self.encoder(backend, keyOrder)
                let expected = try encoder.encode(CBOR.map(CBORMap(entries)))
                #expect(try encoder.encode(any: ordered) == expected, "\(keyOrder), \(backend)")
                let dictionary = Dictionary(uniqueKeysWithValues: ordered.map { ($0.key, $0.value) })
                #expect(try encoder.encode(any: dictionary) == expected, "\(keyOrder), \(backend)")
            }
        }
    }

    @Test("sets, of AnyHashable and of other types, come out in the order of their members' bytes")
    func sets() throws {
        let sets: [(set: Any, members: [Any])] = [
            { let set: Set<AnyHashable> = [0, 24, -1, "a", "bb", [UInt8]([7]), true, 1_000]; return (set, set.map(\.base)) }(),
            { let set: Set<String> = ["b", "a", "ab", "", "é", "abcdefghij", "abcdefghik"]; return (set, Array(set)) }(),
            { let set: Set<Int> = [1, -1, 24, 23, 1_000_000, -1_000]; return (set, Array(set)) }(),
        ]
        for (set, members) in sets {
            for keyOrder in [CBORKeyOrder.lengthFirst, .bytewise] {
                // Each member's bytes alone, sorted here.
                let encoded = try members.map { member in try Self.encoder(.native, keyOrder).encode(any: member) }
                let sorted = encoded.sorted { first, second in
                    if keyOrder == .lengthFirst && first.count != second.count { return first.count < second.count }
                    return first.lexicographicallyPrecedes(second)
                }
                let expected: [UInt8] = [0xd9, 0x01, 0x02, 0x80 | UInt8(members.count)] + sorted.joined()
                for backend in CBORBackend.allCases {
                    #expect(try Self.encoder(backend, keyOrder).encode(any: set) == expected, "\(type(of: set)), \(keyOrder), \(backend)")
                }
            }
        }
    }

    @Test("a key nothing encodes fails the encode")
    func keyWithoutEncoder() throws {
        struct Opaque: Hashable {}
        let map: OrderedDictionary<AnyHashable, Any> = [1: "a", Opaque(): "b", 2: "c"]
        for backend in CBORBackend.allCases {
            #expect(throws: CBORError.self) { try Self.encoder(backend, .lengthFirst).encode(any: map) }
        }
    }
}
