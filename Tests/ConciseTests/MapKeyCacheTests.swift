import Foundation
import Testing
@testable import Concise

/// The key cache of the one-pass decoders must hit only on the same bytes, whatever follows a
/// key, and the decoders must build with it exactly what they build without it.
struct MapKeyCacheTests {
    /// `key` followed by `following`, padded so that 16 bytes can be loaded from the key's first.
    private static func withKey<T>(_ key: [UInt8], following: UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = key + [UInt8](repeating: following, count: 16)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<key.count])) }
    }

    /// The key kept for `key` in `cache`, looked up with `following` after it.
    private static func lookUp(_ key: [UInt8], following: UInt8, in cache: MapKeyCache<String>) -> String? {
        var cache = cache
        return withKey(key, following: following) { text in cache.probe(text).flatMap { cache[$0] } }
    }

    /// Keeps `key` in `cache` as its hex.
    private static func keep(_ key: [UInt8], following: UInt8, in cache: inout MapKeyCache<String>) {
        withKey(key, following: following) { text in
            if let probe = cache.probe(text) { cache.keep(key.hex, for: probe) }
        }
    }

    @Test("a key of every length up to 15 is found whatever follows it, and a key one byte away is not",
          arguments: 0...15)
    func keysDifferingInOneByte(length: Int) {
        let key = (0..<length).map { UInt8(0x41 + $0) }
        for position in 0..<length {
            var cache = MapKeyCache<String>(inputCount: MapKeyCache<String>.minimumInputCount)
            Self.keep(key, following: 0x00, in: &cache)
            #expect(Self.lookUp(key, following: 0xff, in: cache) == key.hex)
            var other = key
            other[position] ^= 0x20
            #expect(Self.lookUp(other, following: 0x00, in: cache) == nil, "\(other.hex) found as \(key.hex)")
        }
    }

    @Test("keys that differ only in length are different keys, the longer ending in the bytes that follow the shorter")
    func keysDifferingInLength() {
        for length in 0..<15 {
            let short = [UInt8](repeating: 0x00, count: length)
            var cache = MapKeyCache<String>(inputCount: MapKeyCache<String>.minimumInputCount)
            Self.keep(short, following: 0x00, in: &cache)
            #expect(Self.lookUp(short + [0x00], following: 0x00, in: cache) == nil)
            #expect(Self.lookUp(short, following: 0x00, in: cache) == short.hex)
        }
    }

    @Test("a small input has no cache, and a key of 16 bytes or more is never probed")
    func whatIsNotCached() {
        var small = MapKeyCache<String>(inputCount: MapKeyCache<String>.minimumInputCount - 1)
        #expect(!small.isEnabled)
        Self.keep([0x61], following: 0, in: &small)
        #expect(Self.lookUp([0x61], following: 0, in: small) == nil)
        var cache = MapKeyCache<String>(inputCount: 1 << 20)
        let long = [UInt8](repeating: 0x61, count: 16)
        #expect(Self.withKey(long, following: 0) { cache.probe($0) } == nil)
    }

    /// Maps whose keys are every length from 0 to 15, keys one byte apart, keys that differ only
    /// by a trailing NUL, non-ASCII keys, and 300 keys seen once each (which evict others), in an
    /// input well past ``MapKeyCache/minimumInputCount``.
    static let records: CBOR = {
        var keys = (0...15).map { String(repeating: "k", count: $0) }
        keys += (1...15).map { String(repeating: "k", count: $0 - 1) + "j" }
        keys += ["a", "a\u{0}", "ü", "日本語", "ab\u{0}\u{0}"]
        let records = (0..<300).map { index -> CBOR in
            var map = CBORMap()
            for (position, key) in keys.enumerated() {
                map[.textString(key)] = CBOR(Int64(index * 100 + position))
            }
            map[.textString("once \(index)")] = .textString("value \(index)")
            return .map(map)
        }
        return .array(records)
    }()

    @Test("the value decoder builds with the cache what the tape builds, on either backend")
    func valueDecoder() throws {
        let bytes = try Self.records.encoded()
        #expect(bytes.count > 16 * MapKeyCache<CBOR>.minimumInputCount)
        try bytes.withUnsafeBufferPointer { buffer in
            let limits = ScanLimits(maxDepth: 400, allowsIndefiniteLength: true)
            var native = try #require(OnePassValueDecoder<NativeHeadReader>(bytes: buffer, limits: limits, allowsDuplicateKeys: false))
            var libcbor = try #require(OnePassValueDecoder<LibCBORHeadReader>(bytes: buffer, limits: limits, allowsDuplicateKeys: true))
            #expect(native.decode(at: 0)?.0 == Self.records)
            #expect(libcbor.decode(at: 0)?.0 == Self.records)
        }
    }

    @Test("the Any decoder builds with the cache what the tape builds, on either backend")
    func anyDecoder() throws {
        let bytes = try Self.records.encoded()
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            try bytes.withUnsafeBufferPointer { buffer in
                let onePass = try #require(decoder.decodeInOnePass(buffer))
                let tape = try decoder.decodeThroughTape(buffer)
                #expect(DynamicValueDescription.describe(onePass.0) == DynamicValueDescription.describe(tape.0))
                #expect(onePass.1 == bytes.count)
            }
        }
    }

    @Test("ill-formed text in a key the cache would take is reported where it is, on either path and backend")
    func illFormedKey() throws {
        // 600 maps {"ab": i}, then {"a\xff": 0}: the same length as the cached key, one byte off.
        var bytes = [UInt8](hex: "9a00000259")
        for index in 0..<600 {
            bytes += [0xa1, 0x62, 0x61, 0x62, 0x19, UInt8(index >> 8), UInt8(index & 0xff)]
        }
        let badOffset = bytes.count + 3
        bytes += [0xa1, 0x62, 0x61, 0xff, 0x00]
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            #expect(throws: CBORError(.invalidUTF8, offset: badOffset, "")) { try decoder.decodeValue(from: bytes) }
            #expect(throws: CBORError(.invalidUTF8, offset: badOffset, "")) { try decoder.decode(from: bytes) }
        }
    }
}
