import ConformanceKit
import Foundation
import Testing
@testable import Concise

/// The encoder's edges: integer keys that are not an integer's canonical text, dates outside
/// RFC 3339's years, errors with the coding path of the failing value, and a top-level value
/// that encodes nothing. Each is checked through the one-pass encoder and the tree.
struct CodableEncodingEdgeTests {
    /// The bytes of `value` as hex, requiring both encoders to write them.
    func hex<T: Encodable>(_ value: T, _ configure: (inout CBOREncoder) -> Void = { _ in }) throws -> String {
        try CodableHex.encoded(value, configure)
    }

    static func integerKeys(_ encoder: inout CBOREncoder) { encoder.keyStrategy = .useIntegerKeys }

    /// A key whose text and integer are set apart.
    struct LooseKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) { (stringValue, self.intValue) = (String(intValue), intValue) }
        init(_ text: String, _ integer: Int) { (stringValue, intValue) = (text, integer) }
    }

    struct LooseKeyed: Encodable {
        let keys: [LooseKey]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: LooseKey.self)
            for (position, key) in keys.enumerated() { try container.encode(position, forKey: key) }
        }
    }

    @Test("integer keys: only a name or an integer's own decimal text becomes an integer")
    func integerKeys() throws {
        // The dictionary key gives "01", "+5", "-0" and "007" an intValue: they stay text.
        #expect(try hex(["+5": 1], Self.integerKeys) == "a1622b3501")
        #expect(try hex(["-0": 1], Self.integerKeys) == "a1622d3001")
        #expect(try hex(["007": 1], Self.integerKeys) == "a16330303701")
        #expect(try hex(["01": 2], Self.integerKeys) == "a162303102")
        // An integer's canonical text is still written as the integer.
        #expect(try hex(["5": 1], Self.integerKeys) == "a10501")
        #expect(try hex(["-5": 1], Self.integerKeys) == "a12401")
        #expect(try hex([7: 1], Self.integerKeys) == "a10701")
        // "1" and "01" are two entries, not one.
        let both = ["1": 1, "01": 2]
        var canonical = CBOREncoder()
        canonical.keyStrategy = .useIntegerKeys
        canonical.canonical = true
        #expect(TypedDescription.hex(try canonical.encode(both)) == "a2010162303102")
        #expect(try CBORDecoder().decode([String: Int].self, from: try canonical.encode(both)) == both)
        // Enum keys with Int raw values (COSE, WebAuthn) keep their integers.
        let header = CodableTests.COSEHeader(algorithm: -7, keyID: Data("kid".utf8))
        #expect(try hex(header, Self.integerKeys) == "a2012604436b6964")
        // Hand-made keys: a name keeps its integer, integer text must be the integer's own.
        let keys = [LooseKey("kty", 1), LooseKey("3", 3), LooseKey("04", 4), LooseKey("9", 5)]
        #expect(try hex(LooseKeyed(keys: keys), Self.integerKeys) == "a40100030162303402613903")
    }
}

extension CodableEncodingEdgeTests {
    /// Records the coding path its encoder reports.
    struct PathSpy: Encodable {
        final class Paths: @unchecked Sendable { var seen: [[String]] = [] }
        let paths: Paths
        func encode(to encoder: any Encoder) throws {
            paths.seen.append(encoder.codingPath.map(\.stringValue))
            var single = encoder.singleValueContainer()
            try single.encode(1)
        }
    }

    /// Puts spies inside nested keyed and unkeyed containers.
    struct NestedSpies: Encodable {
        enum Keys: String, CodingKey { case a, b, c }
        let spy: PathSpy
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            try outer.encode(spy, forKey: .c)
            var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .a)
            try inner.encode(spy, forKey: .b)
            var list = inner.nestedUnkeyedContainer(forKey: .c)
            try list.encode(spy)
            var deeper = list.nestedContainer(keyedBy: Keys.self)
            try deeper.encode(spy, forKey: .a)
        }
    }

    @Test("a value inside a nested container sees the keys of the containers above it, in both encoders")
    func nestedCodingPaths() throws {
        let expected = [["0", "c"], ["0", "a", "b"], ["0", "a", "c", "0"], ["0", "a", "c", "1", "a"]]
        let streamed = PathSpy.Paths()
        #expect(try CBOREncoder().encodeStreaming([NestedSpies(spy: PathSpy(paths: streamed))]) != nil)
        #expect(streamed.seen == expected)
        let tree = PathSpy.Paths()
        _ = try CBOREncoder().encodeThroughTree([NestedSpies(spy: PathSpy(paths: tree))])
        #expect(tree.seen == expected)
    }
}

extension CodableEncodingEdgeTests {
    struct Event: Encodable { var name = "launch"; var when: [Date] }

    /// The errors that the one-pass encoder (unless it hands `value` over to the tree), the tree
    /// and `encode` throw for `value`, in that order.
    func encodingErrors<T: Encodable>(_ value: T, _ configure: (inout CBOREncoder) -> Void = { _ in }) -> [EncodingError] {
        var encoder = CBOREncoder()
        configure(&encoder)
        var errors: [EncodingError] = []
        // Each run returns whether its encoder handed the value over.
        for run in [{ try encoder.encodeStreaming(value) == nil }, { _ = try encoder.encodeThroughTree(value); return false }, { _ = try encoder.encode(value); return false }] {
            do {
                if try !run() { Issue.record("a \(T.self) encoded without an error") }
            } catch let error as EncodingError {
                errors.append(error)
            } catch {
                Issue.record("a \(T.self): \(error) is not an EncodingError")
            }
        }
        return errors
    }

    static func context(_ error: EncodingError) -> (value: Any, context: EncodingError.Context)? {
        guard case .invalidValue(let value, let context) = error else { return nil }
        return (value, context)
    }

    static func iso8601(_ encoder: inout CBOREncoder) { encoder.dateStrategy = .iso8601 }

    @Test("dateStrategy .iso8601 refuses a date outside the years 0001 to 9999, with its coding path")
    func iso8601Range() throws {
        // The first and last instants RFC 3339's four-digit years can write.
        #expect(try hex(Date(timeIntervalSince1970: -62_135_596_800), Self.iso8601) == "c074" + TypedDescription.hex(Array("0001-01-01T00:00:00Z".utf8)))
        #expect(try hex(Date(timeIntervalSince1970: 253_402_300_799), Self.iso8601) == "c074" + TypedDescription.hex(Array("9999-12-31T23:59:59Z".utf8)))
        let outside = [
            Date(timeIntervalSince1970: 253_402_300_800), Date(timeIntervalSince1970: -62_135_596_801),
            Date(timeIntervalSince1970: 1e20), Date(timeIntervalSince1970: -.infinity), Date(timeIntervalSince1970: .nan),
        ]
        for date in outside {
            for error in encodingErrors(Event(when: [Date(timeIntervalSince1970: 0), date]), Self.iso8601) {
                let found = try #require(Self.context(error))
                #expect(found.context.codingPath.map(\.stringValue) == ["when", "1"])
                #expect((found.value as? Date)?.timeIntervalSince1970.bitPattern == date.timeIntervalSince1970.bitPattern)
                let reason = date.timeIntervalSince1970.isFinite ? "four-digit years" : "is not a time"
                #expect(found.context.debugDescription.contains(reason), "\(found.context.debugDescription)")
            }
        }
        let top = encodingErrors(Date(timeIntervalSince1970: 253_402_300_800), Self.iso8601)
        #expect(top.compactMap { Self.context($0)?.context.codingPath.count } == [0, 0, 0])
        #expect(top.first.flatMap { Self.context($0)?.context.debugDescription }?.contains("after 9999-12-31T23:59:59.999999Z") == true)
    }

    @Test("dateStrategy .epochTime writes dates beyond 292 000 years from 1970 as they are, and refuses no time")
    func epochRange() throws {
        #expect(try hex(Date(timeIntervalSince1970: 1e15)) == "c11b00038d7ea4c68000")
        #expect(try hex(Date(timeIntervalSince1970: -1e15)) == "c13b00038d7ea4c67fff")
        #expect(try hex(Date(timeIntervalSince1970: 1e20)) == "c1fb4415af1d78b58c40")
        #expect(try CBORDecoder().decode(Date.self, from: try CBOREncoder().encode(Date(timeIntervalSince1970: 1e20))).timeIntervalSince1970 == 1e20)
        // Inside the range nothing changes.
        #expect(try hex(Date(timeIntervalSince1970: 1_363_896_240)) == "c11a514b67b0")
        #expect(try hex(Date(timeIntervalSince1970: 1_363_896_240.5)) == "c1fb41d452d9ec200000")
        for date in [Date(timeIntervalSince1970: .infinity), Date(timeIntervalSince1970: .nan)] {
            for error in encodingErrors(Event(when: [date])) {
                #expect(Self.context(error)?.context.codingPath.map(\.stringValue) == ["when", "0"])
            }
        }
    }
}

extension CodableEncodingEdgeTests {
    struct Refused: Error {}

    /// Throws a ``CBORError`` of its own from `encode(to:)`.
    struct ThrowsCBORError: Encodable {
        func encode(to encoder: any Encoder) throws { throw CBORError(.unsupportedValue, "mine") }
    }

    @Test("a registered encoder's failure names the failing value and its coding path")
    func registeredEncoderErrors() throws {
        var refusesTwo = CBOREncoder()
        refusesTwo.register(Int.self) { writer, value in
            guard value != 2 else { throw CBORError(.unsupportedValue, "no 2") }
            writer.encodeInteger(Int64(value))
        }
        #expect(TypedDescription.hex(try refusesTwo.encode(["list": [1, 3]])) == "a1646c6973748201" + "03")
        let refused = try #require(encodingErrors(["list": [1, 2]]) { $0 = refusesTwo }.last.flatMap(Self.context))
        #expect(refused.context.codingPath.map(\.stringValue) == ["list", "1"])
        #expect(refused.value as? Int == 2)
        #expect((refused.context.underlyingError as? CBORError)?.code == .unsupportedValue)
        #expect(refused.context.debugDescription.contains("no 2"))

        var silent = CBOREncoder()
        silent.register(Int.self) { _, _ in }
        let nothing = try #require(encodingErrors([5]) { $0 = silent }.last.flatMap(Self.context))
        #expect(nothing.context.codingPath.map(\.stringValue) == ["0"])
        #expect(nothing.context.debugDescription == "the encoder registered for Int must write exactly one data item; it wrote nothing")

        var twice = CBOREncoder()
        twice.register(Int.self) { writer, value in
            writer.encodeInteger(Int64(value))
            writer.encodeInteger(Int64(value))
        }
        let two = try #require(encodingErrors(["a": 5]) { $0 = twice }.last.flatMap(Self.context))
        #expect(two.context.codingPath.map(\.stringValue) == ["a"])
        #expect(two.context.debugDescription.hasPrefix("the encoder registered for Int must write exactly one data item; reading back"))
        #expect((two.context.underlyingError as? CBORError)?.code == .trailingData)

        // An error of the encoder's own type comes out unchanged, as a value's own errors do.
        var own = CBOREncoder()
        own.register(Int.self) { _, _ in throw Refused() }
        #expect(throws: Refused.self) { try own.encode(["a": [1]]) }
    }

    @Test("errors a value's own encode(to:) throws come out unwrapped, a CBORError too, in both encoders")
    func ownErrorsUnwrapped() throws {
        for run in [{ _ = try CBOREncoder().encodeStreaming(["a": [ThrowsCBORError()]]) }, { _ = try CBOREncoder().encodeThroughTree(["a": [ThrowsCBORError()]]) }] {
            #expect(throws: CBORError.self) { try run() }
        }
        #expect(throws: CodableStreamingTests.Failing.Refused.self) { try CBOREncoder().encodeThroughTree(["a": [CodableStreamingTests.Failing()]]) }
    }

    /// Encodes nothing at all.
    struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }

    /// Asks for a single-value container and writes nothing into it.
    struct SingleNothing: Encodable {
        func encode(to encoder: any Encoder) throws { _ = encoder.singleValueContainer() }
    }

    /// Writes, as its single value, a value that encodes nothing.
    struct WrapsNothing: Encodable {
        func encode(to encoder: any Encoder) throws {
            var single = encoder.singleValueContainer()
            try single.encode(Nothing())
        }
    }

    @Test("a top-level value that encodes nothing throws JSONEncoder's error; nested, it is an empty map")
    func topLevelNothing() throws {
        for (value, name) in [(Nothing() as any Encodable, "Nothing"), (SingleNothing(), "SingleNothing")] {
            let errors = encodingErrors(value)
            #expect(errors.count == 2)  // the one-pass encoder hands over to the tree, which throws
            for error in errors {
                let found = try #require(Self.context(error))
                #expect(found.context.codingPath.isEmpty)
                #expect(found.context.debugDescription == "Top-level \(name) did not encode any values.")
                #expect(type(of: found.value) == type(of: value))
            }
        }
        // As JSONEncoder writes `{}` and `[{}]`.
        #expect(try hex(WrapsNothing()) == "a0")
        #expect(try hex([Nothing()]) == "81a0")
        #expect(try hex(["a": SingleNothing()]) == "a16161a0")
        let writesNothing = { (encoder: inout CBOREncoder) in encoder.dateStrategy = .custom { _, _ in } }
        #expect(try hex(Date(timeIntervalSince1970: 0), writesNothing) == "a0")
    }
}
