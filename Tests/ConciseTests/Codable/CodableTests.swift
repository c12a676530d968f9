import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// Codable through CBOREncoder/CBORDecoder: round trips, byte-for-byte agreement with cbor2 in
/// both directions (Resources/codable-cbor2.json), and hostile input into Decodable types.
struct CodableTests {
    struct Record: Codable, Equatable {
        var id: Int
        var name: String
        var score: Double
        var tags: [String]
        var active: Bool
    }

    struct Inner: Codable, Equatable {
        var values: [Int]
        var flag: Bool
    }

    struct Nested: Codable, Equatable {
        var title: String
        var inner: Inner
        var list: [Inner]
    }

    struct Optionals: Codable, Equatable {
        var present: Int?
        var absent: Int?
        var array: [Int?]
    }

    struct StringKeyed: Codable, Equatable { var scores: [String: Int] }
    struct IntKeyed: Codable, Equatable { var scores: [Int: String] }

    struct FoundationTypes: Codable, Equatable {
        var date: Date
        var data: Data
        var url: URL
        var uuid: UUID
        var amount: Decimal
    }

    struct COSEHeader: Codable, Equatable {
        var algorithm: Int
        var keyID: Data
        enum CodingKeys: Int, CodingKey {
            case algorithm = 1
            case keyID = 4
        }
    }

    struct Empty: Codable, Equatable {
        var items: [Int]
        var map: [String: Int]
    }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case rectangle(width: Double, height: Double)
        case point
    }

    class Animal: Codable {
        var name: String
        init(name: String) { self.name = name }
    }

    final class Dog: Animal {
        var breed: String
        init(name: String, breed: String) {
            self.breed = breed
            super.init(name: name)
        }
        enum CodingKeys: String, CodingKey { case breed }
        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            breed = try container.decode(String.self, forKey: .breed)
            try super.init(from: try container.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(breed, forKey: .breed)
            try super.encode(to: container.superEncoder())
        }
    }

    static let fixtures: [String: String] = {
        guard let file = try? JSONValue.load(resource: "codable-cbor2.json"), case .object(let members)? = file["cases"] else { return [:] }
        return Dictionary(uniqueKeysWithValues: members.compactMap { key, value in value.string.map { (key, $0) } })
    }()

    func check<T: Codable & Equatable>(_ value: T, fixture: String, _ configure: (inout CBOREncoder) -> Void = { _ in }) throws {
        let hex = try #require(Self.fixtures[fixture], "missing fixture \(fixture)")
        var encoder = CBOREncoder()
        configure(&encoder)
        #expect(TypedDescription.hex(try encoder.encode(value)) == hex, "Swift → cbor2 bytes for \(fixture)")
        #expect(try CBORDecoder().decode(T.self, from: try TypedDescription.bytes(hex: hex)) == value, "cbor2 bytes → Swift for \(fixture)")
    }

    @Test("models match cbor2's encoding of the same dictionaries, both ways")
    func cbor2Agreement() throws {
        #expect(Self.fixtures.count == 8)
        try check(Record(id: 7, name: "abcdefghijkl", score: 98.25, tags: ["red", "green", "blue"], active: true), fixture: "record")
        try check(Nested(title: "outer", inner: Inner(values: [1, -2, 300], flag: false), list: [Inner(values: [], flag: true)]), fixture: "nested")
        try check(Optionals(present: 5, absent: nil, array: [1, nil, 3]), fixture: "optionals")
        try check(StringKeyed(scores: ["a": 1, "b": 2]), fixture: "string keyed dictionary") { $0.canonical = true }
        try check(IntKeyed(scores: [1: "one", 2: "two"]), fixture: "integer keyed dictionary (integer keys)") {
            $0.canonical = true
            $0.keyStrategy = .useIntegerKeys
        }
        let uuid = try #require(UUID(uuidString: "5eaffac8-b51e-4805-8127-7fdcc7842faf"))
        let url = try #require(URL(string: "https://example.com/a?b=c"))
        try check(FoundationTypes(date: Date(timeIntervalSince1970: 1_363_896_240), data: Data([1, 2]), url: url, uuid: uuid, amount: Decimal(string: "273.15") ?? 0), fixture: "foundation types")
        try check(COSEHeader(algorithm: -7, keyID: Data("kid".utf8)), fixture: "cose header (integer keys)") { $0.keyStrategy = .useIntegerKeys }
        try check(Empty(items: [], map: [:]), fixture: "empty")
    }

    @Test("round trips: enums with associated values, class hierarchies, nested optionals")
    func roundTrips() throws {
        let shapes: [Shape] = [.circle(radius: 1.5), .rectangle(width: 2, height: 3), .point]
        #expect(try CBORDecoder().decode([Shape].self, from: try CBOREncoder().encode(shapes)) == shapes)
        let dog = try CBORDecoder().decode(Dog.self, from: try CBOREncoder().encode(Dog(name: "Rex", breed: "collie")))
        #expect(dog.name == "Rex" && dog.breed == "collie")
        let nested: [[Int?]?] = [[1, nil], nil, []]
        #expect(try CBORDecoder().decode([[Int?]?].self, from: try CBOREncoder().encode(nested)) == nested)
        let numbers: [Int64] = [.min, -1, 0, .max]
        #expect(try CBORDecoder().decode([Int64].self, from: try CBOREncoder().encode(numbers)) == numbers)
        let unsigned: [UInt64] = [0, .max]
        #expect(try CBORDecoder().decode([UInt64].self, from: try CBOREncoder().encode(unsigned)) == unsigned)
        let floats: [Float] = [1.5, -0.0, .infinity]
        #expect(try CBOREncoder().encode(floats) == [0x83, 0xfa, 0x3f, 0xc0, 0, 0, 0xfa, 0x80, 0, 0, 0, 0xfa, 0x7f, 0x80, 0, 0])
        #expect(try CBORDecoder().decode([Float].self, from: try CBOREncoder().encode(floats)) == floats)
        var iso = CBOREncoder()
        iso.dateStrategy = .iso8601
        let date = Date(timeIntervalSince1970: 1_363_896_240.5)
        #expect(try CBORDecoder().decode(Date.self, from: try iso.encode(date)) == date)
        #expect(try iso.encode(date).starts(with: [0xc0]))
    }

    @Test("a registered encoder and a semantic decoder are used inside Codable")
    func registeredCoders() throws {
        struct Point: Codable, Equatable { var x: Int; var y: Int }
        struct Holder: Codable, Equatable { var point: Point }
        var encoder = CBOREncoder()
        encoder.register(Point.self) { writer, point in try writer.encodeSemantic(tag: 4000, [point.x, point.y]) }
        let bytes = try encoder.encode(Holder(point: Point(x: 4, y: 5)))
        #expect(TypedDescription.hex(bytes) == "a165706f696e74d90fa0820405")
        var decoder = CBORDecoder()
        decoder.semanticDecoders[4000] = .value { content, _ in
            guard let items = content as? [Any], let x = items.first as? Int, let y = items.last as? Int else {
                throw CBORError(.invalidTagContent, "not a point")
            }
            return Point(x: x, y: y)
        }
        #expect(try decoder.decode(Holder.self, from: bytes) == Holder(point: Point(x: 4, y: 5)))
    }

    static func decodingError<T: Decodable>(_ type: T.Type, _ hex: String) -> DecodingError? {
        do {
            _ = try CBORDecoder().decode(type, from: try TypedDescription.bytes(hex: hex))
            return nil
        } catch let error as DecodingError {
            return error
        } catch {
            return nil
        }
    }

    static func underlying(_ error: DecodingError?) -> CBORError? {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            return context.underlyingError as? CBORError
        default:
            return nil
        }
    }

    @Test("hostile input into Decodable types is a DecodingError with the offset, never a trap")
    func hostileInput() throws {
        // 300 into UInt8, 2^64-1 into Int, -1 into UInt, a string for an Int.
        let tooBig = Self.decodingError(UInt8.self, "19012c")
        guard case .dataCorrupted? = tooBig else { Issue.record("300 into UInt8: \(String(describing: tooBig))"); return }
        #expect(Self.underlying(tooBig)?.offset == 0)
        guard case .dataCorrupted? = Self.decodingError(Int.self, "1bffffffffffffffff") else { Issue.record("2^64-1 into Int"); return }
        guard case .dataCorrupted? = Self.decodingError(UInt.self, "20") else { Issue.record("-1 into UInt"); return }
        guard case .typeMismatch? = Self.decodingError(Int.self, "6161") else { Issue.record("text into Int"); return }
        // A missing key, with its path; a type mismatch deep inside.
        let missing = Self.decodingError(Record.self, "a1626964 07")
        guard case .keyNotFound(let key, _)? = missing else { Issue.record("missing key: \(String(describing: missing))"); return }
        #expect(key.stringValue == "name")
        let deep = Self.decodingError(Nested.self, "a3 657469746c65 61 78 65696e6e6572 a2 6676616c756573 82 01 6161 64666c6167 f4 646c697374 80".replacingOccurrences(of: " ", with: ""))
        guard case .typeMismatch(_, let context)? = deep else { Issue.record("deep mismatch: \(String(describing: deep))"); return }
        #expect(context.codingPath.map(\.stringValue) == ["inner", "values", "1"])
        #expect(Self.underlying(deep)?.offset == 25)
        // A map declaring 10^6 entries in 9 bytes, a depth bomb, truncation, trailing bytes.
        let huge = Self.decodingError([String: Int].self, "ba000f4240")
        #expect(Self.underlying(huge)?.code == .truncated)
        let bomb = Self.decodingError([Int].self, String(repeating: "81", count: 100_000) + "00")
        #expect(Self.underlying(bomb)?.code == .depthLimitExceeded)
        #expect(Self.underlying(Self.decodingError(Record.self, "a5626964"))?.code == .truncated)
        #expect(Self.underlying(Self.decodingError(Int.self, "0101"))?.code == .trailingData)
        guard case .valueNotFound? = Self.decodingError(Pair.self, "8101") else {
            Issue.record("short array")
            return
        }
    }

    struct Pair: Decodable {
        var first: Int
        var second: Int
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            first = try container.decode(Int.self)
            second = try container.decode(Int.self)
        }
    }
}
