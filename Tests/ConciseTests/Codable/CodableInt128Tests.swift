import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// `Int128` and `UInt128` (SE-0425) through Codable: an integer within 64 bits, a bignum
/// beyond, as cbor2 writes Python ints; read back from either, exactly, through keyed, unkeyed
/// and single-value containers and at the top level.
///
/// The expected bytes are cbor2 6.3.0's, from `cbor2.dumps(value).hex()` for the value named
/// beside each.
struct CodableInt128Tests {
    struct Wide: Codable, Equatable {
        var a: Int128
        var b: UInt128
        var c: Int128?
    }

    /// Writes and reads its values through an unkeyed container's `Int128` and `UInt128`
    /// methods (an `Array` goes through the generic one instead).
    struct Unkeyed: Codable, Equatable {
        var signed: Int128
        var unsigned: UInt128
        var more: [Int128]

        init(signed: Int128, unsigned: UInt128, more: [Int128]) {
            (self.signed, self.unsigned, self.more) = (signed, unsigned, more)
        }

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            signed = try container.decode(Int128.self)
            unsigned = try container.decode(UInt128.self)
            more = []
            while !container.isAtEnd { more.append(try container.decode(Int128.self)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(signed)
            try container.encode(unsigned)
            try container.encode(contentsOf: more)
        }
    }

    /// A single-value wrapper.
    struct Amount: Codable, Equatable {
        var value: UInt128
        init(_ value: UInt128) { self.value = value }
        init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(UInt128.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }

    static let twoTo64 = UInt128(UInt64.max) + 1

    @Test("within 64 bits an integer, beyond a bignum with the shortest magnitude, as cbor2 writes them")
    func topLevelBytes() throws {
        let cases: [(Int128, String)] = [
            (0, "00"), (-5, "24"),
            (Int128(UInt64.max), "1bffffffffffffffff"),  // 2**64 - 1
            (Int128(Self.twoTo64), "c249010000000000000000"),  // 2**64
            (-Int128(Self.twoTo64), "3bffffffffffffffff"),  // -2**64
            (-Int128(Self.twoTo64) - 1, "c349010000000000000000"),  // -2**64 - 1
            (Int128(1) << 70, "c249400000000000000000"),  // 2**70
            (.max, "c2507fffffffffffffffffffffffffffffff"),  // 2**127 - 1
            (.min, "c3507fffffffffffffffffffffffffffffff"),  // -2**127
        ]
        for (value, expected) in cases {
            #expect(try CodableHex.encoded(value) == expected, "\(value)")
            #expect(try CodableHex.decode(Int128.self, expected) == value)
        }
        let unsigned: [(UInt128, String)] = [
            (7, "07"), (Self.twoTo64 - 1, "1bffffffffffffffff"), (Self.twoTo64, "c249010000000000000000"),
            (.max, "c250ffffffffffffffffffffffffffffffff"),  // 2**128 - 1
        ]
        for (value, expected) in unsigned {
            #expect(try CodableHex.encoded(value) == expected, "\(value)")
            #expect(try CodableHex.decode(UInt128.self, expected) == value)
        }
        // Canonical output is the same: these already are the preferred serialization.
        #expect(try CodableHex.encoded(Int128.min) { $0.canonical = true } == "c3507fffffffffffffffffffffffffffffff")
    }

    @Test("keyed, unkeyed and single-value containers write and read them")
    func containers() throws {
        // {"a": -2**127, "b": 2**128 - 1}: the nil optional is left out, as JSONEncoder leaves it.
        let wide = Wide(a: .min, b: .max, c: nil)
        let wideHex = "a2 6161 c3507fffffffffffffffffffffffffffffff 6162 c250ffffffffffffffffffffffffffffffff"
        #expect(try CodableHex.encoded(wide) == wideHex.replacingOccurrences(of: " ", with: ""))
        #expect(try CodableHex.decode(Wide.self, wideHex) == wide)
        // {"a": 1, "b": 2, "c": -2**64 - 1}
        let present = Wide(a: 1, b: 2, c: -Int128(Self.twoTo64) - 1)
        #expect(try CodableHex.encoded(present) == "a36161016162026163c349010000000000000000")
        #expect(try CBORDecoder().decode(Wide.self, from: try CBOREncoder().encode(present)) == present)
        // [2**70, 2**64, -5, -2**64]
        let unkeyed = Unkeyed(signed: Int128(1) << 70, unsigned: Self.twoTo64, more: [-5, -Int128(Self.twoTo64)])
        let unkeyedHex = "84 c249400000000000000000 c249010000000000000000 24 3bffffffffffffffff"
        #expect(try CodableHex.encoded(unkeyed) == unkeyedHex.replacingOccurrences(of: " ", with: ""))
        #expect(try CodableHex.decode(Unkeyed.self, unkeyedHex) == unkeyed)
        // [2**128 - 1, 3] through single-value containers in an array.
        let amounts = [Amount(.max), Amount(3)]
        #expect(try CodableHex.encoded(amounts) == "82c250ffffffffffffffffffffffffffffffff03")
        #expect(try CBORDecoder().decode([Amount].self, from: try CBOREncoder().encode(amounts)) == amounts)
        #expect(try CBOREncoder().encodeStreaming(unkeyed) != nil && CBOREncoder().encodeStreaming(wide) != nil)
        // The tree encoder's own output (canonical sends every value there).
        var tree = CBOREncoder()
        tree.canonical = true
        #expect(try CBORDecoder().decode(Unkeyed.self, from: try tree.encode(unkeyed)) == unkeyed)
    }

    @Test("a dictionary keyed by Int128 is Swift's array of keys and values, as JSONEncoder writes it")
    func dictionaryKeys() throws {
        // [2**70, "x"]: `Int128` is no CodingKeyRepresentable, and a CodingKey's integer is an Int.
        let map: [Int128: String] = [Int128(1) << 70: "x"]
        #expect(try CodableHex.encoded(map) == "82c2494000000000000000006178")
        #expect(try CodableHex.decode([Int128: String].self, "82c2494000000000000000006178") == map)
    }

    @Test("read from any integer or bignum that fits; non-minimal bignums, floats that are whole")
    func decodeForms() throws {
        #expect(try CodableHex.decode(Int128.self, "c243000001") == 1)
        #expect(try CodableHex.decode(Int128.self, "c340") == -1)  // 3(h''): -1 - 0
        #expect(try CodableHex.decode(UInt128.self, "c240") == 0)
        #expect(try CodableHex.decode(Int128.self, "c3 52 0000 7fffffffffffffffffffffffffffffff") == .min)
        // 2^100 as a double, and the self-described tag around a bignum.
        #expect(try CodableHex.decode(Int128.self, "fb4630000000000000") == Int128(1) << 100)
        #expect(try CodableHex.decode(UInt128.self, "d9d9f7 c249010000000000000000") == Self.twoTo64)
    }

    @Test("out of range, of another kind or null: errors with the coding path")
    func errors() throws {
        let corrupted: [(String, any Decodable.Type)] = [
            ("c251 01" + String(repeating: "00", count: 16), UInt128.self),  // 2**128
            ("c250 80" + String(repeating: "00", count: 15), Int128.self),  // 2**127
            ("c350 80" + String(repeating: "00", count: 15), Int128.self),  // -2**127 - 1
            ("20", UInt128.self),  // -1
            ("c349010000000000000000", UInt128.self),  // -2**64 - 1
            ("f93e00", Int128.self),  // 1.5
        ]
        for (hex, type) in corrupted {
            guard case .dataCorrupted(let context)? = try CodableHex.error(type, hex) else {
                Issue.record("\(hex) as \(type)")
                continue
            }
            #expect(context.codingPath.isEmpty)
            #expect(context.underlyingError is CBORError, "\(context)")
        }
        let tooLarge = try CodableHex.error(UInt128.self, "c251 01" + String(repeating: "00", count: 16))
        guard case .dataCorrupted(let context)? = tooLarge else {
            Issue.record("2**128 as UInt128: \(String(describing: tooLarge))")
            return
        }
        let message = context.debugDescription
        #expect(message.contains("340282366920938463463374607431768211456 does not fit UInt128"), "\(message)")

        // {"a": 1, "b": -1}, {"a": "x", "b": 1}, {"a": null, "b": 1}
        let keyed = try CodableHex.error(Wide.self, "a2 6161 01 6162 20")
        guard case .dataCorrupted(let context)? = keyed else {
            Issue.record("b = -1: \(String(describing: keyed))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["b"])
        #expect((context.underlyingError as? CBORError)?.offset == 6)
        guard case .typeMismatch(let type, let mismatch)? = try CodableHex.error(Wide.self, "a2 6161 6178 6162 01") else {
            Issue.record("a = \"x\"")
            return
        }
        #expect(type == Int128.self && mismatch.codingPath.map(\.stringValue) == ["a"])
        guard case .valueNotFound(let missing, let notFound)? = try CodableHex.error(Wide.self, "a2 6161 f6 6162 01") else {
            Issue.record("a = null")
            return
        }
        #expect(missing == Int128.self && notFound.codingPath.map(\.stringValue) == ["a"])
        // [2**70, 2**128, ...]: the unsigned item is too large, at index 1.
        let twoTo128 = "c251 01" + String(repeating: "00", count: 16)
        let unkeyed = try CodableHex.error(Unkeyed.self, "82 c249400000000000000000 " + twoTo128)
        guard case .dataCorrupted(let context)? = unkeyed else {
            Issue.record("unkeyed: \(String(describing: unkeyed))")
            return
        }
        #expect(context.codingPath.map(\.intValue) == [1])
        // [[3], [-1]] as [[Amount]]: single-value containers carry the path too.
        guard case .dataCorrupted(let context)? = try CodableHex.error([[Amount]].self, "82 8103 8120") else {
            Issue.record("nested amounts")
            return
        }
        #expect(context.codingPath.map(\.intValue) == [1, 0])
    }
}
