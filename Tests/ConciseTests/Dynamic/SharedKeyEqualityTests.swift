import Foundation
import OrderedCollections
import Testing
@testable import Concise

/// A shared box of an immutable container (a tuple, frozendict, frozenset or tag) as a map key
/// or set member equals a plain value of the same content, as Python compares the object it
/// stands for: a dict keeps the first key object and the last value, a set its first member.
/// The expected values are cbor2 6.3.0's (`Tests/Conformance/suite.json` has them too).
struct SharedKeyEqualityTests {
    /// `6(28([0]))`: a shared tuple `(0,)` (frozen as a tag's content), index 0.
    static let sharedTuple = "c6 d81c 8100"

    static func decode(_ hex: String, _ configure: (inout CBORDecoder) -> Void = { _ in }) throws -> Any {
        try DynamicDecodingTests.decode(hex, configure)
    }

    /// The map after the shared values in the array `hex` decodes to.
    static func lastMap(_ hex: String, immutable: Bool = false) throws -> OrderedDictionary<AnyHashable, Any> {
        let value = try decode(hex) { $0.immutable = immutable }
        let items = (value as? [Any]) ?? (value as? [AnyHashable])?.map(\.base) ?? []
        if let frozen = items.last as? OrderedDictionary<AnyHashable, AnyHashable> {
            return OrderedDictionary(uniqueKeys: frozen.keys, values: frozen.values.map(\.base))
        }
        return try #require(items.last as? OrderedDictionary<AnyHashable, Any>)
    }

    @Test(
        "a shared tuple key and an equal plain one are one key: the first key, the last value",
        arguments: [false, true])
    func mapKeys(immutable: Bool) throws {
        // [6(28([0])), {29(0): 1, "x": 2, [0]: 3}]: {(0,): 3, "x": 2}, the key the shared tuple.
        let hex = "82 \(Self.sharedTuple) a3 d81d00 01 6178 02 8100 03"
        let sharedFirst = try Self.lastMap(hex, immutable: immutable)
        #expect(sharedFirst.count == 2)
        #expect(sharedFirst.values.first as? Int == 3 && sharedFirst.values.last as? Int == 2)
        #expect(sharedFirst.keys.first?.base is CBORSharedValue)
        // The very box the tag holds.
        let value = try #require(try Self.decode(hex) as? [Any])
        let tag = try #require(value[0] as? CBORTag)
        let map = try #require(value[1] as? OrderedDictionary<AnyHashable, Any>)
        #expect(map.keys.first?.base as? CBORSharedValue === tag.value.base as? CBORSharedValue)
        // The plain tuple first: it stays the key.
        let plainFirst = try Self.lastMap("82 \(Self.sharedTuple) a3 8100 01 6178 02 d81d00 03", immutable: immutable)
        #expect(plainFirst.count == 2 && plainFirst.values.first as? Int == 3)
        #expect(type(of: try #require(plainFirst.keys.first?.base)) == [AnyHashable].self)
        // Two shared tuples of one content: the first.
        let twoHex = "83 \(Self.sharedTuple) \(Self.sharedTuple) a2 d81d00 01 d81d01 02"
        let twoShared = try Self.lastMap(twoHex, immutable: immutable)
        #expect(twoShared.count == 1 && twoShared.values.first as? Int == 2)
    }

    @Test("equal through tuples, tags and frozensets that hold a shared tuple, and shared tags")
    func nestedKeys() throws {
        let cases = [
            // ((0,),) holding the shared tuple, then a plain one; and the other way round.
            "82 \(Self.sharedTuple) a2 81d81d00 01 818100 02",
            "82 \(Self.sharedTuple) a2 818100 01 81d81d00 02",
            // 1000((0,)) holding it, then a plain one.
            "82 \(Self.sharedTuple) a2 d903e8d81d00 01 d903e88100 02",
            // A shared tag 1000([0]), then a plain one; and the other way round.
            "82 d81cd903e88100 a2 d81d00 01 d903e88100 02",
            "82 d81cd903e88100 a2 d903e88100 01 d81d00 02",
            // A shared tag holding the shared tuple.
            "83 \(Self.sharedTuple) d81cd903e8d81d00 a2 d81d01 01 d903e88100 02",
            // frozenset({(0,)}) holding it, then a plain one.
            "82 \(Self.sharedTuple) a2 d9010281d81d00 01 d90102818100 02",
        ]
        for hex in cases {
            for immutable in [false, true] {
                let map = try Self.lastMap(hex, immutable: immutable)
                #expect(map.count == 1 && map.values.first as? Int == 2, "\(hex) immutable=\(immutable)")
            }
        }
        // Immutable, a shared frozendict or frozenset too.
        for hex in ["82 d81ca10102 a2 d81d00 01 a10102 02", "82 d81cd9010281 01 a2 d81d00 01 d901028101 02"] {
            let map = try Self.lastMap(hex, immutable: true)
            #expect(map.count == 1 && map.values.first as? Int == 2, "\(hex)")
            #expect(map.keys.first?.base is CBORSharedValue, "\(hex)")
        }
    }

    @Test("a byte string stays apart from a shared tuple of its bytes, as in Python")
    func bytesAndSharedTuple() throws {
        // {29(0): 1, h'0102': 2} and {h'0102': 1, 29(0): 2}: two keys; a plain tuple merges
        // with the shared one first.
        #expect(try Self.lastMap("82 c6d81c820102 a2 d81d00 01 420102 02").count == 2)
        #expect(try Self.lastMap("82 c6d81c820102 a2 420102 01 d81d00 02").count == 2)
        let three = try Self.lastMap("82 c6d81c820102 a3 d81d00 01 820102 02 420102 03")
        #expect(three.count == 2 && three.values.first as? Int == 2)
    }

    @Test("a repeated key found through a shared box is a duplicate; unhashable keys still fail")
    func duplicatesAndErrors() throws {
        #expect(throws: CBORError(.duplicateMapKey, offset: 11, "")) {
            try Self.decode("82 \(Self.sharedTuple) a2 d81d00 01 8100 02") { $0.allowsDuplicateKeys = false }
        }
        #expect(throws: CBORError(.duplicateMapKey, offset: 10, "")) {
            try Self.decode("82 \(Self.sharedTuple) a2 8100 01 d81d00 02") { $0.allowsDuplicateKeys = false }
        }
        // A shared list is no tuple: unhashable, whatever follows.
        #expect(throws: CBORError(.unsupportedValue, offset: 6, "")) {
            try Self.decode("82 d81c8100 a2 d81d00 01 8100 02")
        }
        // A tag being decoded holds None, as cbor2's does, and equals a plain 262(None) then.
        let tag = try #require(try Self.decode("d81c d90106 a2 d81d00 01 d90106f6 02") as? CBORSharedValue)
        let map = try #require((tag.value as? CBORTag)?.value.base as? OrderedDictionary<AnyHashable, AnyHashable>)
        #expect(map.count == 1 && map.values.first == AnyHashable(2))
        #expect(map.keys.first?.base as? CBORSharedValue === tag)
        tag.value = NSNull()
    }

    @Test("a set keeps its first member of those Python holds equal", arguments: [false, true])
    func setMembers(immutable: Bool) throws {
        func members(_ hex: String) throws -> [AnyHashable] {
            let value = try Self.decode(hex) { $0.immutable = immutable }
            let last = (value as? [Any])?.last ?? (value as? [AnyHashable])?.last?.base
            if let frozen = last as? CBORFrozenSet { return Array(frozen) }
            return Array(try #require(last as? Set<AnyHashable>))
        }
        let sharedFirst = try members("82 \(Self.sharedTuple) d90102 82 d81d00 8100")
        #expect(sharedFirst.count == 1 && sharedFirst.first?.base is CBORSharedValue)
        let plainFirst = try members("82 \(Self.sharedTuple) d90102 82 8100 d81d00")
        #expect(plainFirst.count == 1 && plainFirst.first?.base is [AnyHashable])
        #expect(try members("83 \(Self.sharedTuple) \(Self.sharedTuple) d90102 82 d81d00 d81d01").count == 1)
        #expect(try members("82 \(Self.sharedTuple) d90102 82 81d81d00 818100").count == 1)
        #expect(try members("82 d81cd903e88100 d90102 82 d81d00 d903e88100").count == 1)
    }

    @Test("keys made of many references to one box are named once, not walked path by path")
    func referenceBombKeys() throws {
        // Two graphs of 40 levels, each holding the level below twice ((0,), ((0,), (0,)), …:
        // 2^40 paths), built apart; their tops as keys are one key, and so are all the levels
        // of each as keys of one map.
        func graph(from start: Int) -> String {
            var hex = "d81c 8100"
            for level in start..<(start + 40) {
                hex += " d81c 82 d81d 18\(String(format: "%02x", level)) d81d 18\(String(format: "%02x", level))"
            }
            return hex
        }
        var hex = "9f \(graph(from: 0)) \(graph(from: 41)) a2 d81d 1828 01 d81d 1851 02"
        hex += " b8 52"
        for level in 0...81 {
            hex += " d81d 18\(String(format: "%02x", level)) 18\(String(format: "%02x", level))"
        }
        hex += " ff"
        let clock = ContinuousClock()
        let start = clock.now
        let value = try #require(try Self.decode(hex) { $0.immutable = true } as? [AnyHashable])
        #expect(clock.now - start < .seconds(10))
        let tops = try #require(value[82].base as? OrderedDictionary<AnyHashable, AnyHashable>)
        #expect(tops.count == 1 && tops.values.first == AnyHashable(2))
        // Level n of one graph equals level n of the other: 41 keys, each with the later value.
        let levels = try #require(value[83].base as? OrderedDictionary<AnyHashable, AnyHashable>)
        #expect(levels.count == 41 && levels.values.first == AnyHashable(41) && levels.values.last == AnyHashable(81))
    }

    @Test("names: a box is its content, containers by content, frozen maps in order")
    func names() throws {
        let equality = PythonEquality()
        func name(_ value: AnyHashable) throws -> PythonEquality.Key {
            try equality.key(for: value, at: nil, unfinished: [])
        }
        let tuple: AnyHashable = [0] as [AnyHashable]
        let box = CBORSharedValue(tuple.base)
        #expect(try name(box) == name(tuple))
        #expect(try name([box] as [AnyHashable]) == name([tuple] as [AnyHashable]))
        #expect(try name(CBORTag(6, AnyHashable(box))) == name(CBORTag(6, tuple)))
        #expect(try name(CBORTag(6, AnyHashable(box))) != name(CBORTag(7, tuple)))
        #expect(try name(CBORFrozenSet([AnyHashable(box), 1])) == name(CBORFrozenSet([1, tuple])))
        let map: OrderedDictionary<AnyHashable, AnyHashable> = [1: AnyHashable(box), 2: 3]
        #expect(try name(map) == name([1: tuple, 2: 3] as OrderedDictionary<AnyHashable, AnyHashable>))
        #expect(try name(map) != name([2: 3, 1: tuple] as OrderedDictionary<AnyHashable, AnyHashable>))
        // Numbers as `AnyHashable` has them; a byte string is no tuple.
        #expect(try name([1] as [AnyHashable]) == name([1.0] as [AnyHashable]))
        #expect(try name([UInt8]([1, 2])) != name([1, 2] as [AnyHashable]))
        // A box of a list is itself only; a box being decoded is named again once finished.
        let list = CBORSharedValue([0] as [Any])
        #expect(try name(list) != name(CBORSharedValue([0] as [Any])) && name(list) == name(list))
        let tag = CBORSharedValue(CBORTag(6, AnyHashable(DynamicDecoder.null)))
        let holder = CBORSharedValue([AnyHashable(tag)] as [AnyHashable])
        let unfinished = try equality.key(for: holder, at: nil, unfinished: [ObjectIdentifier(tag)])
        #expect(unfinished == (try name([CBORTag(6, AnyHashable(DynamicDecoder.null))] as [AnyHashable])))
        tag.value = CBORTag(6, 1)
        #expect(try name(holder) == name([CBORTag(6, 1)] as [AnyHashable]))
    }
}
