import Testing
@testable import Concise

/// Decoders make a map's entries as ``CBORMapEntry`` and hand that storage over as the public
/// tuple array: the map must then behave in every way as one built from tuples.
struct CBORMapEntryTests {
    @Test("an entry is laid out as the tuple (key: CBOR, value: CBOR): same size, stride, alignment and place of the value")
    func layout() {
        typealias Tuple = (key: CBOR, value: CBOR)
        #expect(MemoryLayout<CBORMapEntry>.size == MemoryLayout<Tuple>.size)
        #expect(MemoryLayout<CBORMapEntry>.stride == MemoryLayout<Tuple>.stride)
        #expect(MemoryLayout<CBORMapEntry>.alignment == MemoryLayout<Tuple>.alignment)
        let valueOffset = MemoryLayout<CBORMapEntry>.offset(of: \.value)
        #expect(valueOffset == MemoryLayout<CBOR>.stride)
        // The tuple's value, read where the struct keeps its own.
        let tuple: Tuple = (key: .textString("a key long enough to be on the heap"), value: .array([.unsigned(7)]))
        let read = withUnsafeBytes(of: tuple) { raw in raw.load(fromByteOffset: valueOffset ?? 0, as: CBOR.self) }
        #expect(read == .array([.unsigned(7)]))
        #if !_runtime(_ObjC)
        #expect(CBORMapEntry.isLaidOutAsTuple)
        #endif
    }

    /// Six entries of every kind of storage, keys and values: heap strings, byte strings,
    /// arrays, maps, tags, numbers and simple values.
    static let expected: CBORMap = [
        .textString("a text key longer than fifteen bytes"): .textString("a text value longer than fifteen bytes"),
        "k": .array([.unsigned(1), .textString("another long string on the heap"), .byteString([1, 2, 3])]),
        .unsigned(3): .map(["inner": .tagged(1, .double(1.5)), .negative(0): .null]),
        .byteString([0xde, 0xad]): .tagged(32, .textString("http://www.example.com")),
        .array([.boolean(true)]): .double(-2.25),
        .negative(9): .undefined,
    ]

    /// `expected` encoded, and decoded on every backend: in one pass, refusing duplicate keys
    /// (another loop), and on the general path (the same map with an indefinite length).
    static func decodedMaps() throws -> [(label: String, map: CBORMap)] {
        let definite = try CBOR.map(expected).encoded()
        #expect(definite.first == 0xa6)
        let indefinite = [0xbf] + definite.dropFirst() + [0xff]
        var maps: [(String, CBORMap)] = []
        for backend in CBORBackend.allCases {
            for (label, bytes) in [("one pass", definite), ("general path", indefinite)] {
                for allowsDuplicateKeys in [true, false] {
                    var decoder = CBORDecoder()
                    decoder.backend = backend
                    decoder.allowsDuplicateKeys = allowsDuplicateKeys
                    guard case .map(let map) = try decoder.decodeValue(from: bytes) else {
                        Issue.record("not a map: \(label), \(backend)")
                        continue
                    }
                    maps.append(("\(label), \(backend), duplicates allowed: \(allowsDuplicateKeys)", map))
                }
            }
        }
        return maps
    }

    @Test("a decoded map reads, compares, hashes and prints as the same map built from tuples")
    func decodedMapsRead() throws {
        let expected = Self.expected
        for (label, map) in try Self.decodedMaps() {
            #expect(map == expected, "\(label)")
            #expect(map.entries.count == 6, "\(label)")
            for (index, entry) in map.entries.enumerated() {
                #expect(entry.key == expected.entries[index].key && entry.value == expected.entries[index].value, "\(label)")
            }
            #expect(map.hashValue == expected.hashValue, "\(label)")
            #expect(String(describing: map.entries) == String(describing: expected.entries), "\(label)")
            #expect((map.entries as Any as? [(key: CBOR, value: CBOR)])?.count == 6, "\(label)")
            #expect(map[.unsigned(3)] == expected[.unsigned(3)], "\(label)")
        }
    }

    @Test("a decoded map's entries can be changed as tuples, in place and past their capacity, without touching other copies")
    func decodedMapsChange() throws {
        for (label, decoded) in try Self.decodedMaps() {
            var expected = Self.expected
            var map = decoded
            for change in 0..<5 {
                switch change {
                case 0: // in place
                    map[.unsigned(3)] = .textString("replaced by a string on the heap, in place")
                    expected[.unsigned(3)] = .textString("replaced by a string on the heap, in place")
                case 1: // removes two
                    map.entries.removeAll { $0.key == "k" || $0.key == .negative(9) }
                    expected.entries.removeAll { $0.key == "k" || $0.key == .negative(9) }
                case 2: // grows past the capacity, into new storage
                    for index in 0..<40 {
                        map.entries.append((key: .unsigned(UInt64(100 + index)), value: .textString(String(repeating: "x", count: index))))
                        expected.entries.append((key: .unsigned(UInt64(100 + index)), value: .textString(String(repeating: "x", count: index))))
                    }
                case 3:
                    map.entries.sort { $0.value.description < $1.value.description }
                    expected.entries.sort { $0.value.description < $1.value.description }
                default:
                    map.entries.swapAt(0, 1)
                    expected.entries.swapAt(0, 1)
                    map.entries.removeLast(10)
                    expected.entries.removeLast(10)
                }
                #expect(map == expected, "\(label), change \(change)")
            }
            #expect(decoded == Self.expected, "\(label): a copy changed with the map")
        }
    }
}
