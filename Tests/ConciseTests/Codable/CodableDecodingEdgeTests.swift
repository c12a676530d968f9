import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// Decoding into Codable types where a QA hunt against Foundation's `JSONDecoder` found the
/// decoder crashing, dropping data or answering differently: `Decimal` from floats and
/// integers, keys that are not usable, dates under tags, semantic decoders on scalar paths,
/// repeated keys, `null` where a value is required, `superDecoder()` and the end of an array.
struct CodableDecodingEdgeTests {
    private static func bytes(_ hex: String) throws -> [UInt8] {
        try TypedDescription.bytes(hex: hex.replacingOccurrences(of: " ", with: ""))
    }

    private static func error<T: Decodable>(_ type: T.Type, _ hex: String, _ decoder: CBORDecoder = CBORDecoder()) throws -> DecodingError? {
        do {
            _ = try decoder.decode(type, from: try bytes(hex))
            return nil
        } catch let error as DecodingError {
            return error
        }
    }

    private static func context(_ error: DecodingError?) -> DecodingError.Context? {
        switch error {
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .keyNotFound(_, let context)?, .dataCorrupted(let context)?:
            return context
        default:
            return nil
        }
    }

    @Test("Decimal: infinities and doubles beyond its range are errors; NaN, integers and bignums are read")
    func decimal() throws {
        // ±infinity as half, single and double (Decimal(Double) stopped the program), 1e300, 5e-324.
        for hex in ["f97c00", "f9fc00", "fa7f800000", "fb7ff0000000000000", "fb7e37e43c8800759c", "fb0000000000000001"] {
            guard case .dataCorrupted? = try Self.error(Decimal.self, hex) else {
                Issue.record("\(hex) as Decimal")
                continue
            }
        }
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("f97e00")).isNaN)
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("fb3ff8000000000000")) == Decimal(string: "1.5"))
        // 2^60 + 1 and -2^64 exactly (not through a Double), 2^64 as a bignum.
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("1b1000000000000001")) == Decimal(string: "1152921504606846977"))
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("3bffffffffffffffff")) == Decimal(string: "-18446744073709551616"))
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("c249010000000000000000")) == Decimal(string: "18446744073709551616"))
        // 2^128 - 1 has 39 digits and fits Decimal's 128-bit mantissa; 2^128 and 39 nines do not
        // (Decimal(string:) rounds them to ...450 and 999...990), as a decimal fraction neither.
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("c250" + String(repeating: "ff", count: 16)))
            == Decimal(string: "340282366920938463463374607431768211455"))
        let nines = "c2 51 02f050fe938943acc45f65567fffffffff"  // 10^39 - 1
        for hex in ["c251 01" + String(repeating: "00", count: 16), nines, "c482 20" + nines] {
            guard case .dataCorrupted? = try Self.error(Decimal.self, hex) else {
                Issue.record("\(hex) as Decimal")
                continue
            }
        }
        // 4([-130, 12345]) is below Decimal's exponents; 4([-2, 12345]) and 4([3, 0]) are exact.
        guard case .dataCorrupted? = try Self.error(Decimal.self, "c482 3881 193039") else {
            Issue.record("12345E-130 as Decimal")
            return
        }
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("c482 21 193039")) == Decimal(string: "123.45"))
        #expect(try CBORDecoder().decode(Decimal.self, from: Self.bytes("c482 03 00")) == 0)
    }

    @Test("every key is listed: -2^63 is an Int key, other keys make Dictionary's decoding fail, not vanish")
    func keys() throws {
        // {-2^63: "min", 1: "a"}
        let keyed = try CBORDecoder().decode([Int: String].self, from: Self.bytes("a2 3b7fffffffffffffff 636d696e 01 6161"))
        #expect(keyed == [Int.min: "min", 1: "a"])
        // {h'01': 1, "a": 2} and {1.5: 1} as [String: Int]: the key that is neither text nor an integer.
        for hex in ["a2 4101 01 6161 02", "a1 fb3ff8000000000000 01"] {
            let error = try Self.error([String: Int].self, hex)
            guard case .typeMismatch? = error, let underlying = Self.context(error)?.underlyingError as? CBORError else {
                Issue.record("\(hex): \(String(describing: error))")
                continue
            }
            #expect(underlying.offset == 1 && underlying.message.contains("must be text or an integer"), "\(underlying)")
        }
        // {2^64 - 1: 1, 2: 2} as [Int: Int]: Dictionary itself refuses the key.
        guard case .typeMismatch? = try Self.error([Int: Int].self, "a2 1bffffffffffffffff 01 02 02") else {
            Issue.record("2^64 - 1 as an Int key")
            return
        }
        // {"01": 2, 1: 1}: "01" is text, as the encoder's integer keys write it; it took 1's value.
        #expect(try CBORDecoder().decode([String: Int].self, from: Self.bytes("a2 623031 02 01 01")) == ["01": 2, "1": 1])
        #expect(try CBORDecoder().decode([String: Int].self, from: Self.bytes("a2 01 01 623031 02")) == ["01": 2, "1": 1])
        // A struct ignores the keys it does not ask for.
        struct A: Decodable, Equatable { var a: Int }
        #expect(try CBORDecoder().decode(A.self, from: Self.bytes("a2 4101 01 6161 02")) == A(a: 2))
    }

    @Test("flexible dates: tag 100 is days, tag 1004 a full-date, 55799 transparent, other tags refused")
    func dates() throws {
        struct Stamp: Decodable { var d: Date }
        let cases: [(String, Double)] = [
            ("a1 6164 d864 05", 5 * 86_400),                                  // 100(5)
            ("a1 6164 d903ec 6a313937302d30312d3036", 5 * 86_400),            // 1004("1970-01-06")
            ("a1 6164 d9d9f7 c1 05", 5),                                      // 55799(1(5))
            ("a1 6164 74313937302d30312d30315430303a30303a30355a", 5),         // "1970-01-01T00:00:05Z"
            ("a1 6164 c0 74313937302d30312d30315430303a30303a30355a", 5),      // 0("…")
            ("a1 6164 fb4014000000000000", 5),                                // 5.0
        ]
        for (hex, seconds) in cases {
            #expect(try CBORDecoder().decode(Stamp.self, from: Self.bytes(hex)).d == Date(timeIntervalSince1970: seconds), "\(hex)")
        }
        // 1000(5), 0(5), 1("…") and [1] are not dates: the error names Date.
        for hex in ["a1 6164 d903e8 05", "a1 6164 c0 05", "a1 6164 c1 6161", "a1 6164 8101"] {
            let error = try Self.error(Stamp.self, hex)
            guard case .typeMismatch(let type, _)? = error, type == Date.self else {
                Issue.record("\(hex): \(String(describing: error))")
                continue
            }
            #expect(Self.context(error)?.codingPath.map(\.stringValue) == ["d"])
        }
    }

    @Test("a registered semantic decoder decodes its tag on the scalar paths too")
    func semanticDecodersEverywhere() throws {
        var decoder = CBORDecoder()
        decoder.semanticDecoders[1000] = .value { _, _ in 42 }
        decoder.semanticDecoders[1001] = .value { _, _ in "S" }
        struct Fields: Decodable, Equatable { var a: Int; var b: String; var c: Int8; var d: Double? }
        // {"a": 1000(5), "b": 1001(5), "c": 1000(5), "d": 1000(5)}: a Double from 42 fails.
        struct Ints: Decodable, Equatable { var a: Int; var b: String; var c: Int8 }
        let ints = try decoder.decode(Ints.self, from: Self.bytes("a3 6161 d903e8 05 6162 d903e9 05 6163 d903e8 05"))
        #expect(ints == Ints(a: 42, b: "S", c: 42))
        #expect(try decoder.decode([Int].self, from: Self.bytes("82 d903e8 05 01")) == [42, 1])
        #expect(try decoder.decode([Int8].self, from: Self.bytes("81 d903e8 05")) == [42])
        #expect(try decoder.decode([String].self, from: Self.bytes("81 d903e9 05")) == ["S"])
        #expect(try decoder.decode([String?].self, from: Self.bytes("81 d903e9 05")) == ["S"])
        // An Int is not a Double: the semantic decoder's result must be the type asked for.
        guard case .typeMismatch? = try Self.error(Fields.self, "a4 6161 d903e8 05 6162 d903e9 05 6163 d903e8 05 6164 d903e8 05", decoder) else {
            Issue.record("Int result read as Double")
            return
        }
        // Inside 55799 (a self-described stream) and other tags the decoder serves too, on the
        // scalar paths and for nil (they read 5 and nil, the tags looked through): {"a":
        // 55799(1000(5)), "b": 6(1001(5)), "c": 55799(6(1000(5)))}, [55799(1000(null))].
        let tagged = try decoder.decode(Ints.self, from: Self.bytes("a3 6161 d9d9f7 d903e8 05 6162 c6 d903e9 05 6163 d9d9f7 c6 d903e8 05"))
        #expect(tagged == Ints(a: 42, b: "S", c: 42))
        #expect(try decoder.decode([Int?].self, from: Self.bytes("81 d9d9f7 d903e8 f6")) == [42])
    }

    @Test("a bignum too large for its type is refused in time that does not grow with its square")
    func hugeBignum() throws {
        // 2(h'ff' × 200 000) into Int64: the message gives the size, not 481 658 digits.
        let error = try Self.error(Int64.self, "c25a00030d40" + String(repeating: "ff", count: 200_000))
        guard case .dataCorrupted? = error, let underlying = Self.context(error)?.underlyingError as? CBORError else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(underlying.message == "a 200000-byte bignum does not fit Int64")
    }

    @Test("allowsDuplicateKeys = false refuses a repeated key in Codable too")
    func duplicateKeys() throws {
        struct P: Decodable, Equatable { var a: Int; var b: String }
        let hex = "a3 6161 01 6162 6178 6161 02"
        #expect(try CBORDecoder().decode(P.self, from: Self.bytes(hex)) == P(a: 2, b: "x"))
        var strict = CBORDecoder()
        strict.allowsDuplicateKeys = false
        let error = try Self.error(P.self, hex, strict)
        guard case .dataCorrupted? = error, let underlying = Self.context(error)?.underlyingError as? CBORError else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(underlying.code == .duplicateMapKey && underlying.offset == 8)
    }

    @Test("negative integers read as Double when exact, down to -2^64")
    func negativeIntegersAsDouble() throws {
        #expect(try CBORDecoder().decode(Double.self, from: Self.bytes("3b7fffffffffffffff")) == -0x1p63)
        #expect(try CBORDecoder().decode(Double.self, from: Self.bytes("3bffffffffffffffff")) == -0x1p64)
        #expect(try CBORDecoder().decode(Double.self, from: Self.bytes("3b0020000000000001")) == -9_007_199_254_740_994)
        // -(2^53 + 1) has no Double.
        guard case .dataCorrupted? = try Self.error(Double.self, "3b0020000000000000") else {
            Issue.record("-(2^53 + 1) as Double")
            return
        }
    }

    @Test("null where a value is required is valueNotFound, as in JSONDecoder")
    func nullIsValueNotFound() throws {
        struct A: Decodable { var a: Int }
        let cases: [(String, [String])] = [("a1 6161 f6", ["a"]), ("a1 6161 f7", ["a"])]
        for (hex, path) in cases {
            let error = try Self.error(A.self, hex)
            guard case .valueNotFound(let type, let context)? = error else {
                Issue.record("\(hex): \(String(describing: error))")
                continue
            }
            #expect(type == Int.self && context.codingPath.map(\.stringValue) == path)
        }
        guard case .valueNotFound? = try Self.error(Int.self, "f6"), case .valueNotFound? = try Self.error([Int].self, "f6"),
              case .valueNotFound? = try Self.error(A.self, "f6"), case .typeMismatch? = try Self.error(A.self, "6161")
        else {
            Issue.record("null at the top")
            return
        }
    }

    @Test("superDecoder() without a \"super\" key, and an array read past its end, are valueNotFound")
    func missingValues() throws {
        final class Base: Decodable {
            let x: Int
            enum CodingKeys: String, CodingKey { case x }
        }
        final class Derived: Decodable {
            let base: Base
            enum CodingKeys: String, CodingKey { case y }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                base = try Base(from: try container.superDecoder())
            }
        }
        // {"x": 1}: no "super" key (the decoder used to hand out the object's own decoder).
        let error = try Self.error(Derived.self, "a1 6178 01")
        guard case .valueNotFound(_, let context)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["super"])
        #expect(try CBORDecoder().decode(Derived.self, from: Self.bytes("a1 657375706572 a1 6178 01")).base.x == 1)

        struct NilAtEnd: Decodable {
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                _ = try container.decodeNil()
            }
        }
        guard case .valueNotFound? = try Self.error(NilAtEnd.self, "80") else {
            Issue.record("decodeNil at the end")
            return
        }
        struct TwoInts: Decodable {
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                _ = try container.decode(Int.self)
                _ = try container.decode(Int.self)
            }
        }
        let past = try Self.error(TwoInts.self, "8101")
        guard case .valueNotFound(let type, let context)? = past else {
            Issue.record("\(String(describing: past))")
            return
        }
        #expect(type == Int.self && context.codingPath.map(\.stringValue) == ["1"])
        #expect(context.debugDescription.contains("the array ends after 1 item: no item at index 1"))
    }
}
