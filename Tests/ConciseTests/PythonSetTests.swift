import Concise
@testable import ConciseCLI
import Testing

/// `to-json` prints a set in the order CPython 3.11 iterates it. Every expected value below was
/// printed by Python 3.11.7 (`hash(x)`, `list(set(t))`) or by `python -m cbor2.tool` (cbor2 6.3).
struct PythonSetTests {
    private func big(_ digits: String) throws -> AnyHashable {
        AnyHashable(try #require(CBORBigInt(digits)))
    }

    @Test("hash() of integers, floats, tuples and frozensets, as Python computes it")
    func hashes() throws {
        let modulus = CBORBigInt((1 as UInt64) << 61 - 1)
        let cases: [(AnyHashable, Int)] = [
            (-1, -2), (-2, -2), (0, 0), (1, 1), (true, 1), (AnyHashable(modulus), 0),
            (try big("2305843009213693956"), 5), (try big("-2305843009213693952"), -2),
            (try big("18446744073709551616"), 8),
            (try big("-1267650600228229401496703205376"), -549_755_813_888),
            (try big("1000000000000000000000000000000"), 465_258_685_558_744_706),
            (0.5, 1_152_921_504_606_846_976), (-0.5, -1_152_921_504_606_846_976), (1.5, 1_152_921_504_606_846_977),
            (0.1, 230_584_300_921_369_408), (1e300, 1_224_995_262_755_759_164),
            (Double.leastNonzeroMagnitude, 16_777_216),
            (Double.infinity, 314_159), (-Double.infinity, -314_159), (0x1p70, 512), (-0.0, 0), (2.0, 2),
            ([] as [AnyHashable], 5_740_354_900_026_072_187), ([1] as [AnyHashable], -6_644_214_454_873_602_895),
            ([1, 2] as [AnyHashable], -3_550_055_125_485_641_917),
            ([1.5, [true, -1] as [AnyHashable]] as [AnyHashable], 5_761_785_017_567_413_907),
            (PythonSet([], isFrozen: true), 133_146_708_735_736),
            (PythonSet([1, 2], isFrozen: true), -1_826_646_154_956_904_602),
            (
                PythonSet([PythonSet([1], isFrozen: true), [2, 3] as [AnyHashable]], isFrozen: true),
                -2_519_069_343_117_211_334
            ),
        ]
        for (value, expected) in cases {
            let key = try #require(PythonHash.key(of: value.base), "\(value)")
            #expect(PythonHash.hash(key) == expected, "\(value)")
        }
        // Different in every Python process: no key, so no order to match.
        #expect(PythonHash.key(of: "a") == nil)
        #expect(PythonHash.key(of: Double.nan) == nil)
        #expect(PythonHash.key(of: ["a"] as [AnyHashable]) == nil)
    }

    @Test("members in CPython's iteration order: slots, linear probes, perturbation, growth")
    func iterationOrder() throws {
        func order(_ elements: [AnyHashable]) -> [AnyHashable] { PythonSet(elements, isFrozen: false).members }
        #expect(order([-1, 1]) == [1, -1])
        #expect(order([-1, 3, 42]) == [42, 3, -1])
        #expect(order([8, 16, 0, 24]) == [8, 16, 0, 24])
        #expect(order((-5..<20).map(AnyHashable.init)) == (0..<20).map(AnyHashable.init) + [-2, -5, -4, -3, -1])
        let eights = [0, 32, 64, 8, 40, 72, 16, 48, 80, 24, 56, 88]
        #expect(order((0..<12).map { AnyHashable($0 * 8) }) == eights.map(AnyHashable.init))
        let kilo = [
            0, 1, 4, 2, 3, 5, 6, 7, 8, 9, 12, 16, 20, 24, 13, 17, 21, 25, 28, 29,
            10, 14, 18, 22, 26, 11, 15, 19, 23, 27,
        ]
        #expect(order((0..<30).map { AnyHashable($0 * 1024) }) == kilo.map { AnyHashable($0 * 1024) })
        // Python merges 1.0 into True and keeps the first; -0.0 stays, as no 0 came before it.
        let mixed: [AnyHashable] = [
            try big("18446744073709551616"), try big("-18446744073709551616"),
            AnyHashable(CBORBigInt((1 as UInt64) << 61 - 1)), 0.5, 1.5, true, 1.0, -0.0,
        ]
        let expected = [mixed[2], mixed[4], mixed[3], mixed[5], mixed[7], mixed[0], mixed[1]]
        #expect(order(mixed).map { "\($0.base)" } == expected.map { "\($0.base)" })
    }

    @Test("members with one hash: no quadratic emulation, the input's order")
    func collidingMembers() throws {
        // Multiples of 2^61 - 1 all hash to 0 in Python.
        let modulus = (1 as UInt64) << 61 - 1
        let members = (1...5_000).map { AnyHashable(CBORBigInt(isNegative: false, magnitude: Self.bytes(modulus, times: $0))) }
        #expect(PythonHash.setOrder(of: Array(repeating: 0, count: members.count)) == nil)
        #expect(PythonSet(members, isFrozen: false).members == members)
        // A few collisions are placed as Python places them.
        #expect(PythonHash.setOrder(of: [0, 0, 0, 8]) == [0, 1, 2, 3])
    }

    /// The big-endian bytes of `value * factor`.
    private static func bytes(_ value: UInt64, times factor: Int) -> [UInt8] {
        let (high, low) = value.multipliedFullWidth(by: UInt64(factor))
        return withUnsafeBytes(of: high.bigEndian, Array.init) + withUnsafeBytes(of: low.bigEndian, Array.init)
    }

    @Test("a set with text keeps the input's order (Python's changes from run to run) and still merges true and 1")
    func unhashableOrder() {
        #expect(PythonSet(["b", 1, "a", true, 1.0], isFrozen: false).members == ["b", 1, "a"])
    }

    @Test("repr: set(), {…}, frozenset(), frozenset({…})")
    func repr() throws {
        #expect(try PythonRepr.repr(PythonSet([], isFrozen: false)) == "set()")
        #expect(try PythonRepr.repr(PythonSet([-1, 1], isFrozen: false)) == "{1, -1}")
        #expect(try PythonRepr.repr(PythonSet([], isFrozen: true)) == "frozenset()")
        let frozen = PythonSet(["a", [1, 2] as [AnyHashable]], isFrozen: true)
        #expect(try PythonRepr.repr(frozen) == "frozenset({'a', (1, 2)})")
    }

    @Test("to-json prints what cbor2.tool prints for sets of numbers, in values and keys")
    func toJSON() throws {
        let cases: [(String, String)] = [
            ("d9010283f5f93c0001", "[true]"),
            ("a1d90102832001187f01", #"{"frozenset({1, -1, 127})": 1}"#),
            ("a1d91267d90102832001187f01", #"{"CBORtag:4711:frozenset({1, -1, 127})": 1}"#),
            ("a1d9010282d9010282200182f93e0020f5", #"{"frozenset({frozenset({1, -1}), (1.5, -1)})": true}"#),
            ("a1d901028001", #"{"frozenset()": 1}"#),
        ]
        for (hex, expected) in cases {
            let output = try CBOR2ToolJSON().convert(try CLIInput.decodeHex(Array(hex.utf8)))
            #expect(String(decoding: output, as: UTF8.self) == expected + "\n", "\(hex)")
        }
        // A frozenset where JSON needs a value: refused, as the tool's encoder knows `set` only.
        let frozenInTag: [UInt8] = [0xd9, 0x12, 0x67, 0xd9, 0x01, 0x02, 0x81, 0x01]
        #expect(throws: CLIError.self) { try CBOR2ToolJSON().convert(frozenInTag) }
    }
}
