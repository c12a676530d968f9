import Foundation
import OrderedCollections
import Testing
@testable import Concise

/// The dynamic encoder against bytes the real cbor2 6.3.0 wrote for the same Python values
/// (`cbor2.dumps(value, **options).hex()`, recorded by hand from the venv).
struct DynamicEncodingTests {
    static func hex(_ value: Any, _ configure: (inout CBOREncoder) -> Void = { _ in }) throws -> String {
        var encoder = CBOREncoder()
        configure(&encoder)
        return try encoder.encode(any: value).map { String(format: "%02x", $0) }.joined()
    }

    @Test("string referencing: namespace around the outermost container, thresholds, text and bytes apart")
    func stringReferencing() throws {
        let on: (inout CBOREncoder) -> Void = { $0.stringReferencing = true }
        #expect(try Self.hex(["aaa", "aaa", "bb", "bb"], on) == "d901008463616161d81900626262626262")
        #expect(try Self.hex("aaa", on) == "63616161")
        #expect(try Self.hex(["aaa": "aaa"] as OrderedDictionary<AnyHashable, Any>, on) == "d90100a163616161d81900")
        #expect(try Self.hex([Array("abc".utf8), Array("abc".utf8), "abc"] as [Any], on) == "d901008343616263d8190063616263")
        #expect(try Self.hex(CBORTag(6, ["aaa", "aaa"]), on) == "c6d901008263616161d81900")
        #expect(try Self.hex(Set<AnyHashable>(["aaa"]), on) == "d90102d901008163616161")
        // A tag 256 given as a tag opens its own namespace, with the option off too, and the
        // outer one is back after it; the option's still opens at the first container.
        let bytes = Array("abcdefgh".utf8)
        #expect(try Self.hex([bytes, CBORTag(256, [bytes, bytes])] as [Any]) == "82486162636465666768d9010082486162636465666768d81900")
        #expect(try Self.hex([bytes, CBORTag(256, [bytes, bytes]), bytes] as [Any], on)
            == "d9010083486162636465666768d9010082486162636465666768d81900d81900")
        #expect(try Self.hex(CBORTag(256, [bytes, bytes]), on) == "d90100d9010082486162636465666768d81900")
        // Text inside built-in tags goes through an encoder registered for String, as cbor2's
        // encode_semantic hands it to the str encoder.
        let upper: (inout CBOREncoder) -> Void = { $0.register(String.self) { writer, text in writer.encodeString(text.uppercased()) } }
        #expect(try Self.hex([CBORRegularExpression("ab"), "ab"] as [Any], upper) == "82d823624142624142")
        let thirty = Array(repeating: "aaa", count: 30)
        #expect(try Self.hex(thirty, on) == "d90100981e63616161" + String(repeating: "d81900", count: 29))
    }

    @Test("value sharing marks every container; a box met again is a reference; cycles need sharing")
    func valueSharing() throws {
        let on: (inout CBOREncoder) -> Void = { $0.valueSharing = true }
        #expect(try Self.hex([[1], [1]], on) == "d81c82d81c8101d81c8101")
        let shared = CBORSharedValue([1])
        #expect(try Self.hex([shared, shared], on) == "d81c82d81c8101d81d01")
        #expect(try Self.hex([shared, shared]) == "8281018101")
        #expect(try Self.hex(["a": [Any]()] as OrderedDictionary<AnyHashable, Any>, on) == "d81ca16161d81c80")
        #expect(try Self.hex(Set<AnyHashable>([1, 2]), on) == "d90102d81c820102")
        #expect(try Self.hex(CBORTag(6, [1]), on) == "d81cc6d81c8101")
        let both: (inout CBOREncoder) -> Void = {
            $0.valueSharing = true
            $0.stringReferencing = true
        }
        #expect(try Self.hex([["aaa", "aaa"]], both) == "d90100d81c81d81c8263616161d81900")

        let cycle = CBORSharedValue([Any]())
        cycle.value = [cycle]
        #expect(throws: CBORError(.cyclicStructure, offset: nil, "")) { try Self.hex(cycle) }
        #expect(try Self.hex(cycle, on) == "d81c81d81d00")
        cycle.value = [Any]()
    }

    @Test("sorted keys and set members: ordered without marks or references, written with them")
    func sortedWithMarksAndReferences() throws {
        let references: (inout CBOREncoder) -> Void = {
            $0.canonical = true
            $0.stringReferencing = true
        }
        // A key written after sorting defines and uses string references, in every map path.
        let names: [[String: Int]] = [["name": 1], ["name": 2]]
        #expect(try Self.hex(names, references) == "d9010082a1646e616d6501a1d8190002")
        let ordered: [OrderedDictionary<AnyHashable, Any>] = [["name": 1], ["name": 2]]
        #expect(try Self.hex(ordered, references) == "d9010082a1646e616d6501a1d8190002")
        let mixed: [OrderedDictionary<AnyHashable, Any>] = [["name": 1, 2: 3], ["name": 2]]
        #expect(try Self.hex(mixed, references) == "d9010082a20203646e616d6501a1d8190002")
        let set: [Any] = [Set<AnyHashable>(["abc", "defg"]), "abc", "defg"]
        #expect(try Self.hex(set, references) == "d9010083d9010282636162636464656667d81900d81901")

        let sharing: (inout CBOREncoder) -> Void = {
            $0.canonical = true
            $0.valueSharing = true
        }
        // (1,) sorts as 81 01, before 1000 (19 03e8), although its mark makes it longer.
        let tupleKey: OrderedDictionary<AnyHashable, Any> = [1000: "b", [1] as [AnyHashable]: "a"]
        #expect(try Self.hex(tupleKey, sharing) == "d81ca2d81c810161611903e86162")
        // The key's index comes before those of the values written after it.
        let shared = CBORSharedValue([Any]())
        let before: OrderedDictionary<AnyHashable, Any> = ["abc": [shared, shared], [1] as [AnyHashable]: "a"]
        #expect(try Self.hex(before, sharing) == "d81ca2d81c8101616163616263d81c82d81c80d81d03")
    }

    @Test("CPython's one empty tuple: every empty frozen array after the first is a reference to it")
    func emptyTuple() throws {
        let on: (inout CBOREncoder) -> Void = { $0.valueSharing = true }
        // cbor2 writes a set that is not canonical as a tuple of its members.
        #expect(try Self.hex([Set<AnyHashable>(), Set<AnyHashable>()], on) == "d81c82d90102d81c80d90102d81d01")
        let tuples: [Any] = [[AnyHashable](), Set<AnyHashable>(), [AnyHashable]()]
        #expect(try Self.hex(tuples, on) == "d81c83d81c80d90102d81d01d81d01")
        // A canonical set is a new sorted list; lists have identities of their own.
        #expect(try Self.hex(tuples) {
            $0.valueSharing = true
            $0.canonical = true
        } == "d81c83d81c80d90102d81c80d81d01")
        #expect(try Self.hex([[Any](), [Any]()], on) == "d81c82d81c80d81c80")
    }

    @Test("an outermost set's members are sorted before its array opens the string-reference namespace")
    func outermostSetOrder() throws {
        let references: (inout CBOREncoder) -> Void = {
            $0.canonical = true
            $0.stringReferencing = true
        }
        // (1, 2) sorts by d90100 82 01 02, after "abc3".
        let set = Set<AnyHashable>([[1, 2] as [AnyHashable], "abc3"])
        #expect(try Self.hex(set, references) == "d90102d90100826461626333820102")
        #expect(try Self.hex(CBORTag(4711, set), references) == "d91267d90102d90100826461626333820102")
    }

    @Test("dates at the ends of Python's years 1 to 9999, and beyond them refused (they were written as 1970)")
    func dateRange() throws {
        // cbor2: datetime(9999, 12, 31, 23, 59, 59, 999999, utc), datetime(1, 1, 1, utc) both ways,
        // datetime(9999, 12, 31, 23, 0, -05:00) as a timestamp (its instant is in the year 10000).
        // (A Date so late holds microseconds no finer than about 30.)
        #expect(try Self.hex(CBORDateTime(secondsSinceEpoch: 253_402_300_799, microsecond: 999_999)) == "c0781b393939392d31322d33315432333a35393a35392e3939393939395a")
        #expect(try Self.hex(Date(timeIntervalSince1970: 253_402_300_799)) == "c074393939392d31322d33315432333a35393a35395a")
        #expect(try Self.hex(Date(timeIntervalSince1970: -62_135_596_800)) == "c074303030312d30312d30315430303a30303a30305a")
        #expect(try Self.hex(Date(timeIntervalSince1970: -62_135_596_800)) { $0.datetimeAsTimestamp = true } == "c13b0000000e7791f6ff")
        let lateEvening = CBORDateTime(secondsSinceEpoch: 253_402_315_200, utcOffset: -18_000)
        #expect(try Self.hex(lateEvening) { $0.datetimeAsTimestamp = true } == "c11b0000003afff479c0")
        // The year 10000, the year 0, 10^16 seconds (past Int64 microseconds), infinity, and a
        // date-time whose offset overflows.
        let outside: [Any] = [
            Date(timeIntervalSince1970: 253_402_300_800), Date(timeIntervalSince1970: -62_135_596_801),
            Date(timeIntervalSince1970: 1e16), Date(timeIntervalSince1970: .infinity),
            CBORDateTime(secondsSinceEpoch: .max, utcOffset: 3_600), CBORDateTime(secondsSinceEpoch: 253_402_300_800),
        ]
        for value in outside {
            for timestamp in [false, true] {
                #expect(throws: CBORError(.unsupportedValue, "")) { try Self.hex(value) { $0.datetimeAsTimestamp = timestamp } }
            }
        }
    }

    @Test("floats as cbor2 writes them: doubles, NaN and infinities as half floats")
    func floats() throws {
        #expect(try Self.hex([Double.nan, 1.5, Double.infinity]) == "83f97e00fb3ff8000000000000f97c00")
        #expect(try Self.hex([1.5, 100_000.0, 1.1]) { $0.canonical = true } == "83f93e00fa47c35000fb3ff199999999999a")
    }

    @Test("canonical and indefinite containers")
    func containers() throws {
        #expect(try Self.hex([1, 2], { $0.indefiniteContainers = true }) == "9f0102ff")
        #expect(try Self.hex(["a": 1] as OrderedDictionary<AnyHashable, Any>) {
            $0.indefiniteContainers = true
            $0.canonical = true
        } == "bf616101ff")
        #expect(try Self.hex([100: 1, -1: 2] as OrderedDictionary<AnyHashable, Any>) { $0.canonical = true } == "a22002186401")
        #expect(try Self.hex(Set<AnyHashable>([2, 1, "a"])) == "d901028301026161")
    }

    @Test("integers of every width, bignums, null, undefined, simple values, bytes")
    func scalars() throws {
        #expect(try Self.hex([Int8(-1), UInt16(500), Int64.min, UInt64.max] as [Any]) == "84201901f43b7fffffffffffffff1bffffffffffffffff")
        #expect(try Self.hex(CBORBigInt("18446744073709551616") as Any) == "c249010000000000000000")
        #expect(try Self.hex(CBORBigInt("-18446744073709551617") as Any) == "c349010000000000000000")
        #expect(try Self.hex(CBORBigInt("-18446744073709551616") as Any) == "3bffffffffffffffff")
        #expect(try Self.hex([NSNull(), CBORUndefined.undefined, CBORSimpleValue(16) as Any, Data([1, 2])] as [Any]) == "84f6f7f0420102")
        let nothing: Int? = nil
        #expect(try Self.hex([nothing as Any, Optional(3) as Any]) == "82f603")
    }

    @Test("128-bit integers, through CBORWriter.encodeInteger and encode(any:): within 64 bits an integer, beyond a bignum")
    func wideIntegers() throws {
        struct Wide { var value: any BinaryInteger }
        let register: (inout CBOREncoder) -> Void = { encoder in
            encoder.register(Wide.self) { writer, wide in writer.encodeInteger(wide.value) }
        }
        let twoTo64 = UInt128(UInt64.max) + 1
        // cbor2.dumps(v).hex() for 2**128 - 1, 2**64, 2**64 - 1, -2**127, -2**64, -2**64 - 1; a
        // UInt128 past 2**64 - 1 trapped (`-1 - value` in UInt128).
        let cases: [(any BinaryInteger, String)] = [
            (UInt128.max, "c250ffffffffffffffffffffffffffffffff"), (twoTo64, "c249010000000000000000"),
            (twoTo64 - 1, "1bffffffffffffffff"), (Int128.min, "c3507fffffffffffffffffffffffffffffff"),
            (-Int128(twoTo64), "3bffffffffffffffff"), (-Int128(twoTo64) - 1, "c349010000000000000000"),
        ]
        for (value, expected) in cases {
            #expect(try Self.hex(Wide(value: value), register) == expected, "\(value)")
            // encode(any:) writes Int128 and UInt128 as cbor2 writes a Python int, as it does
            // the other integer types.
            #expect(try Self.hex(value) == expected, "\(value)")
        }
        // As a map key too: cbor2.dumps({2**100: 1}).hex().
        #expect(try Self.hex([Int128(1) << 100: 1] as [Int128: Int]) == "a1c24d1000000000000000000000000001")
    }

    @Test("a registered encoder overrides a built-in type; unknown types fail without a default")
    func registryAndErrors() throws {
        struct Unknown {}
        #expect(try Self.hex(["abc", 1] as [Any]) { encoder in
            encoder.register(String.self) { writer, text in writer.encodeString(text.uppercased()) }
        } == "8263414243" + "01")
        #expect(throws: CBORError(.noEncoderForType, offset: nil, "")) { try Self.hex(Unknown()) }
        struct Failure: Error, Equatable {}
        #expect(throws: Failure()) {
            try Self.hex(Unknown()) { $0.defaultEncoder = { _, _ in throw Failure() } }
        }
    }
}
