import Foundation
import OrderedCollections
import Testing
@testable import Concise

/// Every example of cbor2's "Customizing encoding and decoding" page
/// (`shared/seeds/cbor2-customizing.md`), in Swift. Expected bytes are the ones the page prints.
struct CustomizingExamplesTests {
    final class Point: Hashable {
        let x: Int
        let y: Int
        init(_ x: Int, _ y: Int) {
            self.x = x
            self.y = y
        }
        static func == (lhs: Point, rhs: Point) -> Bool { lhs.x == rhs.x && lhs.y == rhs.y }
        func hash(into hasher: inout Hasher) { hasher.combine(x); hasher.combine(y) }
    }

    final class MyType {
        var parent: MyType?
        var children: [MyType] = []
        init(parent: MyType? = nil) {
            self.parent = parent
            parent?.children.append(self)
        }
    }

    @Test("a semantic decoder replaces the built-in decoding of tag 1")
    func epochDatetimeSemanticDecoder() throws {
        let payload = try CBOREncoder().encode(any: CBORTag(1, 1_363_896_240))
        var decoder = CBORDecoder()
        decoder.semanticDecoders[1] = .value { item, _ in
            guard let seconds = item as? Int else { throw CBORError(.invalidTagContent, "not an integer") }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        let decoded = try decoder.decode(from: payload)
        #expect(decoded as? Date == Date(timeIntervalSince1970: 1_363_896_240))
    }

    @Test("a tag hook turns tag 4000 into a Point and leaves other tags alone")
    func tagHook() throws {
        let payload = try CBOREncoder().encode(any: CBORTag(4000, [4, 5]))
        var decoder = CBORDecoder()
        decoder.tagHook = { tag, _ in
            guard tag.tag == 4000, let items = tag.value.base as? [AnyHashable], items.count == 2,
                let x = items[0].base as? Int, let y = items[1].base as? Int
            else { return tag }
            return Point(x, y)
        }
        let point = try #require(try decoder.decode(from: payload) as? Point)
        #expect(point.x == 4 && point.y == 5)
        let other = try decoder.decode(from: try CBOREncoder().encode(any: CBORTag(4001, "x")))
        #expect(other as? CBORTag == CBORTag(4001, "x"))
    }

    @Test("a decoder-driven semantic decoder decodes sets as it chooses, also as map keys")
    func decodeSet() throws {
        var decoder = CBORDecoder()
        decoder.semanticDecoders[258] = .decoding { context in
            let items = try context.decode(immutable: true)
            guard let members = items as? [AnyHashable] else { throw CBORError(.invalidTagContent, "not an array") }
            return Set(members)
        }
        let value: Set<AnyHashable> = ["aa", "bb"]
        #expect(try decoder.decode(from: try CBOREncoder().encode(any: value)) as? Set<AnyHashable> == value)

        let keyed: OrderedDictionary<AnyHashable, Any> = [AnyHashable(Set<AnyHashable>(["aa", "bb"])): "value"]
        let decoded = try #require(try decoder.decode(from: try CBOREncoder().encode(any: keyed)) as? OrderedDictionary<AnyHashable, Any>)
        #expect(decoded[AnyHashable(Set<AnyHashable>(["aa", "bb"]))] as? String == "value")
    }

    @Test("an object hook turns maps with typename Point into Points")
    func objectHook() throws {
        let map: OrderedDictionary<AnyHashable, Any> = ["typename": "Point", "x": 4, "y": 5]
        let payload = try CBOREncoder().encode(any: map)
        var decoder = CBORDecoder()
        decoder.objectHook = { map, _ in
            guard map["typename"] as? String == "Point", let x = map["x"] as? Int, let y = map["y"] as? Int else { return map }
            return Point(x, y)
        }
        let point = try #require(try decoder.decode(from: payload) as? Point)
        #expect(point.x == 4 && point.y == 5)
    }

    @Test("a type-keyed encoder writes Point as tag 4000: b'\\xd9\\x0f\\xa0\\x82\\x04\\x05'")
    func typeKeyedEncoder() throws {
        var encoder = CBOREncoder()
        encoder.register(Point.self) { writer, point in
            try writer.encodeSemantic(tag: 4000, [point.x, point.y])
        }
        #expect(try encoder.encode(any: Point(4, 5)) == [0xd9, 0x0f, 0xa0, 0x82, 0x04, 0x05])
    }

    @Test("the default encoder writes any object as tag 50000 with its name and attributes")
    func defaultEncoder() throws {
        var encoder = CBOREncoder()
        encoder.defaultEncoder = { writer, object in
            guard let point = object as? Point else { throw CBORError(.noEncoderForType, "unexpected \(type(of: object))") }
            let attributes: OrderedDictionary<AnyHashable, Any> = ["x": point.x, "y": point.y]
            try writer.encodeSemantic(tag: 50000, ["__main__.Point", attributes] as [Any])
        }
        // b'\xd9\xc3P\x82n__main__.Point\xa2ax\x04ay\x05'
        let expected: [UInt8] = [0xd9, 0xc3, 0x50, 0x82, 0x6e] + Array("__main__.Point".utf8) + [0xa2, 0x61, 0x78, 0x04, 0x61, 0x79, 0x05]
        #expect(try encoder.encode(any: Point(4, 5)) == expected)
        #expect(throws: CBORError.self) { try encoder.encode(any: MyType()) }
    }

    static func encodeMyType(_ writer: CBORWriter, _ value: MyType) throws {
        let state: OrderedDictionary<AnyHashable, Any> = ["parent": value.parent as Any, "children": value.children]
        try writer.encodeSemantic(tag: 80000, state)
    }

    @Test("a cyclic graph fails without value sharing")
    func cycleWithoutSharing() throws {
        let parent = MyType()
        _ = MyType(parent: parent)
        _ = MyType(parent: parent)
        var encoder = CBOREncoder()
        encoder.register(MyType.self) { writer, value in try Self.encodeMyType(writer, value) }
        #expect(throws: CBORError(.cyclicStructure, offset: nil, "")) { try encoder.encode(any: parent) }
        encoder.register(MyType.self, sharing: .shareable) { writer, value in try Self.encodeMyType(writer, value) }
        #expect(throws: CBORError(.cyclicStructure, offset: nil, "")) { try encoder.encode(any: parent) }
        parent.children.forEach { $0.parent = nil }
    }

    @Test("shareable encoder and decoder round-trip a cyclic graph")
    func cyclicRoundTrip() throws {
        let parent = MyType()
        _ = MyType(parent: parent)
        _ = MyType(parent: parent)
        var encoder = CBOREncoder()
        encoder.valueSharing = true
        encoder.register(MyType.self, sharing: .shareable) { writer, value in try Self.encodeMyType(writer, value) }
        let serialized = try encoder.encode(any: parent)

        var decoder = CBORDecoder()
        decoder.semanticDecoders[80000] = .shareable { _ in
            let instance = MyType()
            return (instance, { state in
                guard let state = state as? OrderedDictionary<AnyHashable, Any> else {
                    throw CBORError(.invalidTagContent, "not a map")
                }
                instance.parent = state["parent"] as? MyType
                instance.children = (state["children"] as? [Any] ?? []).compactMap { $0 as? MyType }
                return instance
            })
        }
        let newParent = try #require(try decoder.decode(from: serialized) as? MyType)
        #expect(newParent.children.count == 2)
        #expect(newParent.children[0].parent === newParent)
        #expect(newParent.children[1].parent === newParent)
        #expect(newParent.parent == nil)
        // Break the cycles so the test does not leak them.
        newParent.children.forEach { $0.parent = nil }
        parent.children.forEach { $0.parent = nil }
    }
}
