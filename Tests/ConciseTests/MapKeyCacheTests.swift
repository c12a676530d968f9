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

    /// The key kept for `key` in `cache`, looked up with `following` after it; `nil` when the
    /// cache would have made it. Looks up in a copy, so `cache` keeps what it held.
    private static func lookUp(_ key: [UInt8], following: UInt8, in cache: MapKeyCache<String>) -> String? {
        var cache = cache
        var made = false
        let found = withKey(key, following: following) { text in
            cache.key(for: text) { _ in
                made = true
                return ""
            }
        }
        return made ? nil : found
    }

    /// Asks `cache` for `key` (kept as its hex when made); returns whether it was made.
    @discardableResult
    private static func use(_ key: [UInt8], following: UInt8 = 0, in cache: inout MapKeyCache<String>) -> Bool {
        var made = false
        _ = withKey(key, following: following) { text in
            cache.key(for: text) { _ in
                made = true
                return key.hex
            }
        }
        return made
    }

    @Test("a key of every length up to 15 is found whatever follows it, and a key one byte away is not",
          arguments: 0...15)
    func keysDifferingInOneByte(length: Int) {
        let key = (0..<length).map { UInt8(0x41 + $0) }
        for position in 0..<length {
            var cache = MapKeyCache<String>(inputCount: MapKeyCache<String>.minimumInputCount)
            Self.use(key, following: 0x00, in: &cache)
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
            Self.use(short, following: 0x00, in: &cache)
            #expect(Self.lookUp(short + [0x00], following: 0x00, in: cache) == nil)
            #expect(Self.lookUp(short, following: 0x00, in: cache) == short.hex)
        }
    }

    @Test("a small input has no cache, and a key of 16 bytes or more is never kept")
    func whatIsNotCached() {
        var small = MapKeyCache<String>(inputCount: MapKeyCache<String>.minimumInputCount - 1)
        #expect(!small.isEnabled)
        Self.use([0x61], in: &small)
        #expect(Self.lookUp([0x61], following: 0, in: small) == nil)
        var cache = MapKeyCache<String>(inputCount: 1 << 20)
        let long = [UInt8](repeating: 0x61, count: 16)
        Self.use(long, in: &cache)
        #expect(Self.lookUp(long, following: 0, in: cache) == nil)
    }

    @Test("the cache stops once misses outrun hits by the allowance, and each hit allows one more miss")
    func stopsOnMisses() {
        let allowance = MapKeyCache<String>.missAllowance
        var cache = MapKeyCache<String>(inputCount: MapKeyCache<String>.minimumInputCount)
        #expect(Self.use([0x61], in: &cache))
        for _ in 0..<10 {
            #expect(!Self.use([0x61], in: &cache))
        }
        // One miss so far and ten hits: allowance + 9 more distinct keys stop it.
        let distinct: [[UInt8]] = (0..<(allowance + 9)).map { (index: Int) -> [UInt8] in
            [0x62, UInt8(0x30 + index % 10), UInt8(0x30 + index / 10)]
        }
        for key in distinct.dropLast() {
            #expect(Self.use(key, in: &cache))
        }
        #expect(cache.isEnabled)
        Self.use(distinct[distinct.count - 1], in: &cache)
        #expect(!cache.isEnabled)
        // Stopped, it makes every key and keeps none.
        #expect(Self.use([0x61], in: &cache))
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

    /// A map of 500 distinct keys, which stops the cache, then the records, decoded with it
    /// stopped.
    static let distinctThenRecords: CBOR = [
        .map(CBORMap((0..<500).map { (key: .textString("d\($0)"), value: CBOR(Int64($0))) })), records,
    ]

    @Test("the value decoder builds with the cache what the tape builds, on either backend",
          arguments: [records, distinctThenRecords])
    func valueDecoder(value: CBOR) throws {
        let bytes = try value.encoded()
        #expect(bytes.count > 16 * MapKeyCache<CBOR>.minimumInputCount)
        try bytes.withUnsafeBufferPointer { buffer in
            let limits = ScanLimits(maxDepth: 400, allowsIndefiniteLength: true)
            var native = try #require(OnePassValueDecoder<NativeHeadReader>(bytes: buffer, limits: limits, allowsDuplicateKeys: false))
            var libcbor = try #require(OnePassValueDecoder<LibCBORHeadReader>(bytes: buffer, limits: limits, allowsDuplicateKeys: true))
            #expect(native.decode(at: 0)?.0 == value)
            #expect(libcbor.decode(at: 0)?.0 == value)
        }
    }

    @Test("the Any decoder builds with the cache what the tape builds, on either backend",
          arguments: [records, distinctThenRecords])
    func anyDecoder(value: CBOR) throws {
        let bytes = try value.encoded()
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
