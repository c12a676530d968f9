import OrderedCollections
import Testing
@testable import Concise

/// The encoder reads the `String` inside an `AnyHashable` map key from its memory. It must read
/// exactly the string of every `String` key, and nothing from a key of any other type, however
/// alike its memory.
struct AnyHashableTextTests {
    /// A key whose value is laid out as a `String` is, in a box of another type.
    private struct Wrapped: Hashable {
        let text: String
    }

    private static let strings = [
        "", "id", "größe", "K\u{212A}", "🎉", "a string longer than fifteen bytes", String(repeating: "é", count: 40),
    ]

    @Test("the layout check passes on this platform, so the encoder reads keys in place")
    func layoutChecked() {
        #expect(AnyHashableText.stringBoxType != nil)
    }

    @Test("every String key reads back byte for byte; keys of other types read as nothing")
    func readsStringsOnly() {
        for text in Self.strings {
            let read = withUnsafePointer(to: AnyHashable(text)) { AnyHashableText.string(at: $0) }
            #expect(read.map { Array($0.utf8) } == Array(text.utf8), "\(text)")
            // Small strings also read as their words, the others not.
            let words = withUnsafePointer(to: AnyHashable(text)) { AnyHashableText.smallStringWords(at: $0) }
            #expect(words.map { [$0.leading, $0.trailing] } == SmallString.words(of: text).map { [$0.leading, $0.trailing] }, "\(text)")
            #expect((words != nil) == (text.utf8.count <= 15), "\(text)")
        }
        let others: [AnyHashable] = [
            AnyHashable(7), AnyHashable(UInt64.max), AnyHashable(true), AnyHashable(1.5), AnyHashable(Substring("id")),
            AnyHashable(Wrapped(text: "id")), AnyHashable(Wrapped(text: "a string longer than fifteen bytes")),
            AnyHashable(CBOR.textString("id")), AnyHashable([UInt8]([0x69, 0x64])),
        ]
        for key in others {
            #expect(withUnsafePointer(to: key) { AnyHashableText.string(at: $0) } == nil, "\(key)")
            #expect(withUnsafePointer(to: key) { AnyHashableText.smallStringWords(at: $0) } == nil, "\(key)")
        }
    }

    @Test("maps built with keys of every kind encode as the CBOR value of the same entries, on both backends")
    func mapsOfEveryKey() throws {
        var map = OrderedDictionary<AnyHashable, Any>()
        var expected: [(key: CBOR, value: CBOR)] = []
        for (index, text) in Self.strings.enumerated() {
            map[AnyHashable(text)] = index
            expected.append((.textString(text), CBOR(Int64(index))))
        }
        map[AnyHashable(Wrapped(text: "id"))] = 100
        expected.append(("w:id", 100))
        map[AnyHashable(7)] = 101
        expected.append((7, 101))
        map[AnyHashable("after")] = 102
        expected.append(("after", 102))
        let bytes = try CBOR.map(CBORMap(expected)).encoded()
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            encoder.defaultEncoder = { writer, value in
                guard let wrapped = value as? Wrapped else { throw CBORError(.noEncoderForType, "\(value)") }
                writer.encodeString("w:" + wrapped.text)
            }
            // The map twice, its keys read from the same storage twice.
            #expect(try encoder.encode(any: [map, map] as [Any]) == [0x82] + bytes + bytes, "\(backend)")
        }
    }
}
