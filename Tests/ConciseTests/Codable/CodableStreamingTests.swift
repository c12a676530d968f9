import Foundation
import Testing
@testable import Concise

/// The one-pass Codable encoder against the node-tree encoder it falls back to: identical bytes
/// for every use of Codable, one pass where the containers are filled in nested order, and the
/// tree (never wrong bytes) where they are not.
struct CodableStreamingTests {
    typealias Record = CodableTests.Record

    struct Everything: Codable {
        var int8: Int8 = -8, int16: Int16 = -300, int32: Int32 = -70_000, int64: Int64 = .min
        var uint: UInt = .max, uint8: UInt8 = 255, uint16: UInt16 = 65_535, uint32: UInt32 = 1 << 31, uint64: UInt64 = .max
        var float: Float = 1.5, double: Double = -0.0, flag = false, text = "héllo", none: Int? = nil
        var some: Int? = 5, ints: [Int] = [1, -1], doubles: [Double] = [.nan, .infinity], floats: [Float] = [0.1]
        var bools: [Bool] = [true], int64s: [Int64] = [.max], words: [String] = ["a", ""], nested: [[Int]] = [[], [1]]
        var byKey: [String: Double] = ["x": 1], byNumber: [Int: Bool] = [3: true, -4: false]
    }

    struct FoundationValues: Encodable {
        var date = Date(timeIntervalSince1970: 1_363_896_240.5)
        var data = Data([0, 1, 2])
        var url = URL(string: "https://example.com/a?b=c")
        var uuid = UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16))
        var amount = Decimal(string: "-273.15")
    }

    /// Writes into containers the way hand-written `encode(to:)` methods do.
    struct Manual: Encodable {
        enum Style { case nested, twoKeyedRequests, nothing, singleStruct, nestedUnkeyed, singleNil }
        enum Keys: String, CodingKey { case a, b, c }
        let style: Style

        func encode(to encoder: any Encoder) throws {
            switch style {
            case .nested:
                var outer = encoder.container(keyedBy: Keys.self)
                var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .a)
                try inner.encode(1, forKey: .a)
                var list = inner.nestedUnkeyedContainer(forKey: .b)
                try list.encode("x")
                try outer.encode(true, forKey: .b)
            case .twoKeyedRequests:
                var first = encoder.container(keyedBy: Keys.self)
                try first.encode(1, forKey: .a)
                var second = encoder.container(keyedBy: Keys.self)
                try second.encode(2, forKey: .b)
            case .nothing:
                break
            case .singleStruct:
                var single = encoder.singleValueContainer()
                try single.encode(Record(id: 1, name: "n", score: 0.5, tags: [], active: true))
            case .nestedUnkeyed:
                var list = encoder.unkeyedContainer()
                var inner = list.nestedUnkeyedContainer()
                try inner.encode(1)
                var map = list.nestedContainer(keyedBy: Keys.self)
                try map.encode(2, forKey: .c)
                try list.encodeNil()
            case .singleNil:
                var single = encoder.singleValueContainer()
                try single.encodeNil()
            }
        }
    }

    /// Uses Codable in ways only the node tree can honour.
    struct OutOfOrder: Encodable {
        enum Style { case writeAfterSibling, repeatedKey, superEncoder, twoSingleValues }
        enum Keys: String, CodingKey { case a, b, c }
        let style: Style

        func encode(to encoder: any Encoder) throws {
            switch style {
            case .writeAfterSibling:
                var outer = encoder.container(keyedBy: Keys.self)
                var first = outer.nestedUnkeyedContainer(forKey: .a)
                try outer.encode(2, forKey: .b)
                try first.encode(1)  // after its sibling: the tree still puts it under "a"
            case .repeatedKey:
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .a)
                try container.encode(2, forKey: .b)
                try container.encode(3, forKey: .a)  // the last value wins, in the first place
            case .superEncoder:
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .a)
                try "base".encode(to: container.superEncoder())
            case .twoSingleValues:
                var single = encoder.singleValueContainer()
                try single.encode(1)
                try single.encode(2)
            }
        }
    }

    /// Throws its own error from inside a nested container.
    struct Failing: Encodable {
        struct Refused: Error {}
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(1)
            throw Refused()
        }
    }

    /// Catches the error of a value that failed halfway and goes on without it.
    struct Forgiving: Encodable {
        enum Keys: String, CodingKey { case a, b, c }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            try? container.encode(Failing(), forKey: .b)
            try container.encode(3, forKey: .c)
        }
    }

    static func records(_ count: Int) -> [Record] {
        (0..<count).map { Record(id: $0 * 7919 - 5000, name: "name \($0)", score: Double($0) / 3, tags: Array(repeating: "t", count: $0 % 4), active: $0 % 2 == 0) }
    }

    /// Encodes `value` both ways; requires equal bytes and returns whether one pass sufficed.
    func bothWays<T: Encodable>(_ value: T, _ configure: (inout CBOREncoder) -> Void = { _ in }) throws -> Bool {
        var encoder = CBOREncoder()
        configure(&encoder)
        let tree = try encoder.encodeThroughTree(value)
        let streamed = try encoder.encodeStreaming(value)
        #expect(try encoder.encode(value) == tree)
        if let streamed {
            #expect(streamed == tree, "one pass and tree differ for \(T.self)")
        }
        return streamed != nil
    }

    @Test("one pass writes the tree's bytes, heads patched at every width")
    func sameBytes() throws {
        for count in [0, 1, 23, 24, 255, 256, 65_535, 65_536] {
            #expect(try bothWays(Array(0..<count)))
            #expect(try bothWays(Self.records(min(count, 300))))
            #expect(try bothWays(Dictionary(uniqueKeysWithValues: (0..<min(count, 1000)).map { ("key \($0)", $0) })))
            #expect(try bothWays(Array(repeating: Self.records(2), count: min(count, 300))))
        }
        #expect(try bothWays(Everything()))
        #expect(try bothWays(Everything()) { $0.keyStrategy = .useIntegerKeys })
        #expect(try bothWays(Everything()) { $0.backend = .native })
        #expect(try bothWays(FoundationValues()))
        for strategy in [CBORDateStrategy.epochTime, .iso8601, .deferredToDate, .custom({ date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode("at \(date.timeIntervalSince1970)")
        })] {
            #expect(try bothWays(FoundationValues()) { $0.dateStrategy = strategy })
        }
        for style in [Manual.Style.nested, .twoKeyedRequests, .nothing, .singleStruct, .nestedUnkeyed, .singleNil] {
            if style != .nothing { #expect(try bothWays(Manual(style: style))) }  // (top level: an error)
            #expect(try bothWays([Manual(style: style), Manual(style: style)]))
        }
        #expect(try bothWays(Optional<Record>.none))
        #expect(try bothWays("text"))
    }

    @Test("containers filled out of order, repeated keys and super encoders fall back to the tree")
    func fallback() throws {
        for style in [OutOfOrder.Style.writeAfterSibling, .repeatedKey, .superEncoder, .twoSingleValues] {
            #expect(try !bothWays(OutOfOrder(style: style)), "\(style) should need the tree")
            #expect(try !bothWays(["k": [OutOfOrder(style: style)]]))
        }
        #expect(try CBOREncoder().encode(OutOfOrder(style: .repeatedKey)) == [0xa2, 0x61, 0x61, 0x03, 0x61, 0x62, 0x02])
        #expect(try CBOREncoder().encode(OutOfOrder(style: .writeAfterSibling)) == [0xa2, 0x61, 0x61, 0x81, 0x01, 0x61, 0x62, 0x02])
        #expect(try !bothWays(Self.records(3)) { $0.canonical = true })
        #expect(try !bothWays(Self.records(3)) { $0.indefiniteContainers = true })
    }

    @Test("a value's own error comes out of the one-pass encoder unchanged; caught, it leaves no half value")
    func ownErrors() throws {
        #expect(throws: Failing.Refused.self) { try CBOREncoder().encode(["a": [Failing()]]) }
        #expect(try !bothWays(Forgiving()))
        #expect(try CBOREncoder().encode(Forgiving()) == [0xa2, 0x61, 0x61, 0x01, 0x61, 0x63, 0x03])
    }

    @Test("what one pass writes decodes back, at every head width")
    func roundTrip() throws {
        let records = Self.records(70_000)
        let bytes = try CBOREncoder().encode(records)
        #expect(bytes.starts(with: [0x9a, 0x00, 0x01, 0x11, 0x70]))
        #expect(try CBORDecoder().decode([Record].self, from: bytes) == records)
    }
}
