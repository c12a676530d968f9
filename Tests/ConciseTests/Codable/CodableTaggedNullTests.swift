import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// `null` and `undefined` under tags (55799 from a self-described stream, or any other): `nil`
/// for `Optional`, `decodeNil()` and `decodeIfPresent`, and `valueNotFound` where a value is
/// required, as tags are looked through on the way to a number or a string; an outermost tag
/// with a registered semantic decoder is decoded by it instead.
///
/// The inputs are cbor2 6.3.0's, from `cbor2.dumps(value).hex()` for the Python value beside
/// each (`CBORTag` from `cbor2`).
struct CodableTaggedNullTests {
    struct Pair: Decodable, Equatable {
        var a: Int?
        var b: Int
    }

    /// Asks every container for `nil` by name: `decodeNil(forKey:)`, the unkeyed container's
    /// `decodeNil()` and `decodeIfPresent`, and the single-value container's `decodeNil()`.
    struct Probe: Decodable, Equatable {
        var keyedNil: Bool
        var unkeyedNils: [Bool]
        var item: Int
        var present: Int?
        var single: Bool

        enum CodingKeys: String, CodingKey { case keyed, unkeyed, single }

        init(keyedNil: Bool, unkeyedNils: [Bool], item: Int, present: Int?, single: Bool) {
            (self.keyedNil, self.unkeyedNils, self.item) = (keyedNil, unkeyedNils, item)
            (self.present, self.single) = (present, single)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            keyedNil = try container.decodeNil(forKey: .keyed)
            var unkeyed = try container.nestedUnkeyedContainer(forKey: .unkeyed)
            unkeyedNils = [try unkeyed.decodeNil(), try unkeyed.decodeNil()]
            item = try unkeyed.decode(Int.self)
            present = try unkeyed.decodeIfPresent(Int.self)
            single = try container.superDecoder(forKey: .single).singleValueContainer().decodeNil()
        }
    }

    @Test("55799(null), 1(null), 55799(1(null)) and tagged undefined are nil")
    func optionals() throws {
        #expect(try CodableHex.decode(Int?.self, "d9d9f7 f6") == nil)  // CBORTag(55799, None)
        #expect(try CodableHex.decode(Int?.self, "d9d9f7 f7") == nil)  // undefined
        #expect(try CodableHex.decode(Date?.self, "c1 f6") == nil)  // CBORTag(1, None)
        #expect(try CodableHex.decode(String?.self, "d9d9f7 c1 f6") == nil)  // CBORTag(55799, CBORTag(1, None))
        // A tagged value that is not null is read through its tags, as before.
        #expect(try CodableHex.decode(Int?.self, "d9d9f7 05") == 5)
        // {"a": CBORTag(55799, None), "b": 1}
        #expect(try CodableHex.decode(Pair.self, "a2 6161 d9d9f7f6 6162 01") == Pair(a: nil, b: 1))
        // [CBORTag(55799, None), 1, CBORTag(1, None)]
        #expect(try CodableHex.decode([Int?].self, "83 d9d9f7f6 01 c1f6") == [nil, 1, nil])
        // {"keyed": CBORTag(55799, None), "unkeyed": [CBORTag(1, None), 2, CBORTag(55799, None)],
        //  "single": CBORTag(55799, None)}
        let hex = "a3 656b65796564 d9d9f7f6 67756e6b65796564 83 c1f6 02 d9d9f7f6 6673696e676c65 d9d9f7f6"
        let probe = Probe(keyedNil: true, unkeyedNils: [true, false], item: 2, present: nil, single: true)
        #expect(try CodableHex.decode(Probe.self, hex) == probe)
    }

    @Test("a tagged null where a value is required is valueNotFound at its path, whatever the type")
    func required() throws {
        // {"a": 1, "b": CBORTag(55799, None)}
        guard case .valueNotFound(let type, let context)? = try CodableHex.error(Pair.self, "a2 6161 01 6162 d9d9f7f6") else {
            Issue.record("b = 55799(null)")
            return
        }
        #expect(type == Int.self && context.codingPath.map(\.stringValue) == ["b"])
        #expect((context.underlyingError as? CBORError)?.offset == 9)  // the null, inside its tag
        // {"when": CBORTag(1, None)}: a date's tags are its own, but a null in them is still null
        // (it was a typeMismatch).
        let date = try CodableHex.error([String: Date].self, "a1 647768656e c1f6")
        guard case .valueNotFound(let dateType, let dateContext)? = date else {
            Issue.record("when = 1(null)")
            return
        }
        #expect(dateType == Date.self && dateContext.codingPath.map(\.stringValue) == ["when"])
        let others: [(String, any Decodable.Type)] = [
            ("d9d9f7 f6", String.self), ("d9d9f7 f7", [Int].self), ("c1 f6", Decimal.self),
        ]
        for (hex, type) in others {
            guard case .valueNotFound? = try CodableHex.error(type, hex) else {
                Issue.record("\(hex) as \(type)")
                continue
            }
        }
    }

    @Test("a tag with a registered semantic decoder decodes its null itself, inside other tags too")
    func semanticDecoder() throws {
        var decoder = CBORDecoder()
        decoder.semanticDecoders[1000] = .value { content, _ in content is NSNull ? 42 : 0 }
        #expect(try CodableHex.decode(Int?.self, "d903e8 f6", decoder) == 42)  // CBORTag(1000, None)
        #expect(try CodableHex.decode([Int?].self, "82 d903e8f6 d9d9f7f6", decoder) == [42, nil])
        // Under 55799 and other tags too, as for scalars.
        #expect(try CodableHex.decode(Int?.self, "d9d9f7 d903e8 f6", decoder) == 42)
        #expect(try CodableHex.decode(Int?.self, "c6 d903e8 f6", decoder) == 42)
    }
}
