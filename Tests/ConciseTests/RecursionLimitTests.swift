import Concise
import Testing

/// The value builder and the value writer recurse for the first 48 levels of nesting and go on
/// with an explicit stack below that; values on both sides of the switch must come out the same.
struct RecursionLimitTests {
    /// Bytes written by hand and the value they hold: level `i` is `[i % 24, <next>]`,
    /// `{"a": i % 24, "b": <next>}` or `6(<next>)` by turns, and the innermost item is `"xyz"`.
    static func nested(levels: Int) -> (bytes: [UInt8], value: CBOR) {
        var bytes: [UInt8] = []
        for level in 0..<levels {
            let small = UInt8(level % 24)
            switch level % 3 {
            case 0: bytes += [0x82, small]
            case 1: bytes += [0xa2, 0x61, 0x61, small, 0x61, 0x62]
            default: bytes += [0xc6]
            }
        }
        bytes += [0x63, 0x78, 0x79, 0x7a]
        var value = CBOR.textString("xyz")
        for level in (0..<levels).reversed() {
            let small = CBOR.unsigned(UInt64(level % 24))
            switch level % 3 {
            case 0: value = .array([small, value])
            case 1: value = .map(["a": small, "b": value])
            default: value = .tagged(6, value)
            }
        }
        return (bytes, value)
    }

    @Test("values nested on both sides of the recursion limit decode and encode exactly",
          arguments: [1, 2, 3, 47, 48, 49, 50, 51, 96, 97, 300])
    func nestedValues(levels: Int) throws {
        let (bytes, value) = Self.nested(levels: levels)
        let decoded = decodeWithEveryBackend(bytes) { $0.maxDepth = 400 }
        #expect(try decoded.get() == value)
        for (label, encoded) in try encodingsWithEveryBackend(value) {
            #expect(encoded == bytes, "\(label)")
        }
    }

    @Test("indefinite-length output closes every container on both sides of the limit")
    func indefiniteOutput() throws {
        // 60 arrays, each holding 1 and the next; the innermost holds only 1.
        var value = CBOR.array([1])
        for _ in 1..<60 { value = .array([1, value]) }
        var encoder = CBOREncoder()
        encoder.indefiniteContainers = true
        let expected: [UInt8] = Array(repeating: [0x9f, 0x01], count: 60).flatMap { $0 } + Array(repeating: 0xff, count: 60)
        #expect(try encoder.encode(value) == expected)
    }

    @Test("a repeated container key is reported at its own head, at any depth",
          arguments: [0, 46, 47, 48, 100])
    func duplicateKeyOffset(depth: Int) throws {
        // `depth` arrays of one item around {[1]: 0, [1]: 1}; the second key starts 4 bytes in.
        let bytes: [UInt8] = Array(repeating: 0x81, count: depth) + [0xa2, 0x81, 0x01, 0x00, 0x81, 0x01, 0x01]
        let refused = decodeWithEveryBackend(bytes) {
            $0.maxDepth = 400
            $0.allowsDuplicateKeys = false
        }
        #expect(throws: CBORError(.duplicateMapKey, offset: depth + 4, "")) { try refused.get() }
        let allowed = decodeWithEveryBackend(bytes) { $0.maxDepth = 400 }
        var expected = CBOR.map(CBORMap([(key: [1], value: 0), (key: [1], value: 1)]))
        for _ in 0..<depth { expected = .array([expected]) }
        #expect(try allowed.get() == expected)
    }
}

/// `maxDepth` as cbor2 counts it: an array, map or tag right inside a tag 28 takes the tag's
/// level, and no decode nests more than ``CBORDecoder/maxDepthCeiling`` items of any kind.
struct ShareableLevelTests {
    /// `pairs` arrays, each inside a tag 28, around 0: 28([28([… 28([0]) …])]).
    static func shared(pairs: Int) -> [UInt8] {
        Array(repeating: [0xd8, 0x1c, 0x81], count: pairs).flatMap { $0 } + [0x00]
    }

    @Test("a tag 28 and the array inside it are one level for the value decoder too")
    func valueDecoder() throws {
        // cbor2 6.3.0 decodes 28([28([0])]) with max_depth=2 and refuses it with 1.
        let bytes = Self.shared(pairs: 2)
        let expected = CBOR.tagged(28, .array([.tagged(28, .array([0]))]))
        #expect(try decodeWithEveryBackend(bytes) { $0.maxDepth = 2 }.get() == expected)
        // Refused at the array inside the second tag, the first item 2 levels deep.
        #expect(throws: CBORError(.depthLimitExceeded, offset: 5, "")) {
            try decodeWithEveryBackend(bytes) { $0.maxDepth = 1 }.get()
        }
    }

    @Test("1 024 arrays inside tags 28 are 1 024 levels and 2 048 items deep: the ceiling holds items, not levels")
    func ceiling() throws {
        let limit = CBORDecoder.maxDepthCeiling
        var decoder = CBORDecoder()
        decoder.maxDepth = limit
        let deepest = Self.shared(pairs: limit / 2)
        // One array more is 1 025 levels, within the limit, but 2 049 items around the 0 at
        // the end: refused there.
        let deeper = [0x81] + deepest
        #expect(throws: Never.self) { try decodeWithEveryBackend(deepest) { $0.maxDepth = limit }.get() }
        #expect(throws: CBORError(.depthLimitExceeded, offset: 1 + 1_024 * 3, "")) {
            try decodeWithEveryBackend(deeper) { $0.maxDepth = limit }.get()
        }
        // The dynamic decoder recurses once per item: 2 048 levels take more stack than a test
        // thread has in a debug build under AddressSanitizer.
        let dynamic = decoder
        let outcomes = try #require(onLargeStack {
            [deepest, deeper].map { bytes in Result { () throws -> Void in _ = try dynamic.decode(from: bytes) } }
        })
        #expect(throws: Never.self) { try outcomes[0].get() }
        #expect(throws: CBORError(.depthLimitExceeded, offset: 1 + 1_024 * 3, "")) { try outcomes[1].get() }
    }
}
