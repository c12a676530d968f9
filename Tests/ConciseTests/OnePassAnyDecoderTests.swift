import Foundation
import OrderedCollections
import Testing
@testable import Concise

/// The one-pass `Any` decoder must take plain data itself, give up on everything else, and
/// build exactly what the scanner and ``DynamicDecoder`` build wherever it does not give up,
/// with either head reader.
struct OnePassAnyDecoderTests {
    /// The one-pass result (`nil` if it gave up) and the tape path's, each described with every
    /// type named; a failed expectation if the two backends' one-pass results differ.
    private static func bothPaths(_ bytes: [UInt8], options: CBORDecoder = CBORDecoder())
        -> (onePass: (String, Int)?, tape: Result<(String, Int), any Error>)
    {
        var outcomes: [(onePass: (String, Int)?, tape: Result<(String, Int), any Error>)] = []
        for backend in CBORBackend.allCases {
            var decoder = options
            decoder.backend = backend
            outcomes.append(bytes.withUnsafeBufferPointer { buffer in
                let onePass = decoder.decodeInOnePass(buffer).map { (DynamicValueDescription.describe($0.0), $0.1) }
                let tape = Result { () throws -> (String, Int) in
                    let (value, end) = try decoder.decodeThroughTape(buffer)
                    return (DynamicValueDescription.describe(value), end)
                }
                return (onePass, tape)
            })
        }
        #expect(outcomes[0].onePass?.0 == outcomes[1].onePass?.0 && outcomes[0].onePass?.1 == outcomes[1].onePass?.1,
                "the one-pass decoder differs between backends for \(bytes)")
        return outcomes[0]
    }

    static let plain: [String] = [
        "00", "17", "1818", "1bffffffffffffffff", "20", "3b7fffffffffffffff",
        "40", "4401020304", "60", "6449455446", "62c3bc", "64f0908080",
        "80", "83010203", "8301820203820405", "a0", "a201020304", "a26161016162820203",
        "f4", "f5", "f6", "f7", "f0", "f820", "f8ff", "f93c00", "f97e00", "fa47c35000", "fb3ff199999999999a",
        "a16161f6",
        // Arrays whose numbers take the fast path: Int, UInt64 beyond Int.max, doubles, mixed.
        "83fb3ff199999999999a1bffffffffffffffff17", "8300187b3a000f423f",
        // Repeated text keys (allowed by default): the first position keeps the last value.
        "a3616101616202616103",
        // Integer keys, and a text key after an integer key.
        "a201610002616101", "a2206161616102",
        // A map of 17 distinct text keys: checked with a set.
        "b1" + (0..<17).map { String(format: "61%02x%02x", 0x41 + $0, $0) }.joined(),
        // The same with an 18th pair repeating the first key: the set finds the repeat.
        "b2" + (0..<17).map { String(format: "61%02x%02x", 0x41 + $0, $0) }.joined() + "614107",
        // Negative integers in an array, read in the array's loop.
        "8320387f3903e7",
        // Trailing bytes are the caller's to report: the item still decodes.
        "0000",
    ]

    @Test("plain data is decoded in one pass, as the tape path decodes it", arguments: plain)
    func plainItems(hex: String) throws {
        let (onePass, tape) = Self.bothPaths([UInt8](hex: hex))
        let decoded = try #require(onePass, "gave up on \(hex)")
        let expected = try tape.get()
        #expect(decoded.0 == expected.0)
        #expect(decoded.1 == expected.1)
    }

    static let givesUp: [String] = [
        // Tags: semantic decoders, hooks, shared values and string references are the tape's.
        "c074323031332d30332d32315432303a30343a30305a", "c249010000000000000000", "d81c80", "81d82980",
        // Integers below Int.min, and keys that are not text or Int.
        "3bffffffffffffffff", "82013bffffffffffffffff", "a11bffffffffffffffff00", "a1410000", "a1820102f6", "a1f4f5",
        // Indefinite lengths, breaks and reserved additional information.
        "5f4101ff", "7f6161ff", "9f01ff", "bf0102ff", "ff", "1c", "3d", "5e", "7e", "9e", "be", "de", "fc",
        "81ff", "a1ff",
        // Simple values that need the one-byte form.
        "f800", "f81f", "81f81f",
        // Ill-formed UTF-8: at the top, as a key, as a value, in an array.
        "61ff", "62c328", "63eda080", "a161ff01", "a1616161ff", "8261ff80",
        // Truncated heads, strings and containers.
        "", "18", "19ff", "1bffffffffffff", "430102", "8201", "a20102", "a161", "81fb00",
        // Declared counts larger than the input.
        "9bffffffffffffffff", "bbffffffffffffffff", "5bffffffffffffffff", "7bffffffffffffffff",
    ]

    @Test("anything else goes to the general path", arguments: givesUp)
    func givesUpOnUnusualInput(hex: String) {
        #expect(Self.bothPaths([UInt8](hex: hex)).onePass == nil)
    }

    @Test("arrays on either side of the in-place minimum: their leading numbers made in place as the tape path makes them, and a number below Int.min anywhere sends them to the general path")
    func arraysAroundTheInPlaceMinimum() throws {
        let minimum = OnePassAnyDecoder<NativeHeadReader>.inPlaceMinimum
        // Int, UInt64 beyond Int.max, negative Int and Double, in turn; then text breaks the run.
        let numbers: [[UInt8]] = [[0x18, 0x2a], [0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0], [0x38, 0x63], [0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]]
        let belowIntMin: [UInt8] = [0x3b, 0xff, 0, 0, 0, 0, 0, 0, 0]
        for count in [minimum - 1, minimum, minimum + 1, 200] {
            for place in [nil, 0, minimum - 1, count - 1] as [Int?] where place ?? 0 < count {
                for other in [[0x61, 0x61], belowIntMin] as [[UInt8]] where place != nil || other == belowIntMin {
                    let items = (0..<count).map { $0 == place ? other : numbers[$0 % numbers.count] }
                    let bytes = OnePassValueDecoderTests.arrayHead(count) + items.joined()
                    let (onePass, tape) = Self.bothPaths(bytes)
                    let expected = try tape.get()
                    if place != nil && other == belowIntMin {
                        #expect(onePass == nil, "took a big integer at \(String(describing: place)) of \(count)")
                    } else {
                        let decoded = try #require(onePass, "gave up on \(count) items, text at \(String(describing: place))")
                        #expect(decoded.0 == expected.0 && decoded.1 == expected.1 && decoded.1 == bytes.count)
                    }
                }
            }
        }
    }

    @Test("an array that declares more items than the input has room left for: made in place up to the room, then refused as the tape path refuses it")
    func arrayPastTheRoomLeft() {
        // Its inner array has room for 150 items: made in place on this path too.
        #expect(150 >= OnePassAnyDecoder<NativeHeadReader>.inPlaceMinimum)
        let (onePass, tape) = Self.bothPaths(OnePassValueDecoderTests.arrayPastTheRoomLeft)
        #expect(onePass == nil)
        #expect(throws: CBORError(.truncated, offset: 450, "")) { try tape.get() }
    }

    @Test("options that a value could depend on send everything to the general path")
    func optionsThatNeedTheTape() {
        var hooked = CBORDecoder()
        hooked.objectHook = { map, _ in map.count }
        var immutable = CBORDecoder()
        immutable.immutable = true
        var lenient = CBORDecoder()
        lenient.stringErrors = .replace
        for options in [hooked, immutable, lenient] {
            #expect(Self.bothPaths([UInt8](hex: "a16161820102"), options: options).onePass == nil)
        }
    }

    @Test("repeated keys and integer keys under the strict options go to the general path, which reports them")
    func strictOptions() throws {
        var noDuplicates = CBORDecoder()
        noDuplicates.allowsDuplicateKeys = false
        let repeated = Self.bothPaths([UInt8](hex: "a2616101616102"), options: noDuplicates)
        #expect(repeated.onePass == nil)
        #expect(throws: CBORError(.duplicateMapKey, offset: 4, "")) { try repeated.tape.get() }
        let repeatedInteger = Self.bothPaths([UInt8](hex: "a2010201f6"), options: noDuplicates)
        #expect(repeatedInteger.onePass == nil)
        #expect(throws: CBORError(.duplicateMapKey, offset: 3, "")) { try repeatedInteger.tape.get() }
        let distinct = Self.bothPaths([UInt8](hex: "a2616101616202"), options: noDuplicates)
        #expect(try #require(distinct.onePass).0 == (try distinct.tape.get().0))

        var strictKeys = CBORDecoder()
        strictKeys.strictHashableTypes = true
        let integerKey = Self.bothPaths([UInt8](hex: "a10102"), options: strictKeys)
        #expect(integerKey.onePass == nil)
        #expect(throws: CBORError(.unsupportedValue, offset: 1, "")) { try integerKey.tape.get() }
        let textKey = Self.bothPaths([UInt8](hex: "a1616102"), options: strictKeys)
        #expect(try #require(textKey.onePass).0 == (try textKey.tape.get().0))
    }

    @Test("maxDepth is enforced exactly as the scanner enforces it", arguments: 0...4)
    func maxDepth(limit: Int) {
        var options = CBORDecoder()
        options.maxDepth = limit
        // "x" and 1 four levels deep, as an array item, a map key and a map value; an empty
        // container adds no level.
        // Each again with 20 bytes after it, so that short items are read in their container's
        // loop (which needs 16 bytes after a text's head).
        let items = ["818181816178", "8181818101", "818181a1617801", "818181a1016178", "8181818180", "81818182f56178",
                     "818181a16178f6"]
        for hex in items + items.map({ $0 + String(repeating: "00", count: 20) }) {
            let (onePass, tape) = Self.bothPaths([UInt8](hex: hex), options: options)
            switch tape {
            case .success(let expected):
                #expect(onePass?.0 == expected.0, "limit \(limit), \(hex)")
            case .failure:
                #expect(onePass == nil, "limit \(limit), \(hex)")
            }
        }
    }

    @Test("short items as array items and map values, with every amount of room after them",
          arguments: OnePassValueDecoderTests.shortItems)
    func shortItemsInContainers(hex: String) throws {
        // Alone in an array, after a number, before one, and as a map's value in a leading run
        // of text keys and after an integer key; then followed by up to 32 bytes the caller
        // would report as trailing. A text's head is read in its container's loop only where
        // 16 bytes follow it.
        for container in ["81" + hex, "8201" + hex, "82" + hex + "01", "a16161" + hex, "a26161016162" + hex,
                          "a20161786162" + hex] {
            for padding in [0, 1, 14, 15, 16, 17, 32] {
                let bytes = [UInt8](hex: container) + [UInt8](repeating: 0, count: padding)
                let (onePass, tape) = Self.bothPaths(bytes)
                let expected = try tape.get()
                guard !hex.hasPrefix("c1") else {
                    // A tag may have a semantic decoder: the general path's.
                    #expect(onePass == nil, "\(container)")
                    continue
                }
                let decoded = try #require(onePass, "gave up on \(container) with \(padding) bytes after it")
                #expect(decoded.0 == expected.0, "\(container) with \(padding) bytes after it")
                #expect(decoded.1 == expected.1, "\(container) with \(padding) bytes after it")
            }
        }
    }

    @Test("every RFC 8949 Appendix A and F vector: the one-pass result, where there is one, is the tape's")
    func appendixVectors() throws {
        var decodedInOnePass = 0
        let hexes = AppendixTests.appendixA.map(\.hex) + AppendixTests.appendixF.map(\.hex)
        #expect(hexes.count >= 122)
        for hex in hexes {
            let (onePass, tape) = Self.bothPaths([UInt8](hex: hex))
            guard let onePass else { continue }
            decodedInOnePass += 1
            let expected = try tape.get()
            #expect(onePass.0 == expected.0, "\(hex)")
            #expect(onePass.1 == expected.1, "\(hex)")
        }
        // Most vectors are plain data; tags, indefinite items and big integers are not.
        #expect(decodedInOnePass >= 50)
    }

    @Test("decode(from:) gives the same values and errors through either path")
    func publicDecode() throws {
        // cbor2.dumps({'id': 1, 'name': 'abcdefghijkl', 'score': 1.5, 'tags': ['a', 'bb', 'ccc'],
        // 'active': True, 'none': None, 'neg': -7, 'bytes': b'xy', 'nested': {'k': [1.25, 2]}})
        let record = [UInt8](hex: """
            a962696401646e616d656c6162636465666768696a6b6c6573636f7265fb3ff800000000000064746167738361616262\
            626363636366616374697665f5646e6f6e65f6636e656726656279746573427879666e6573746564a1616b82fb3ff4\
            00000000000002
            """)
        let value = try CBORDecoder().decode(from: record)
        let (onePass, tape) = Self.bothPaths(record)
        #expect(DynamicValueDescription.describe(value) == (try tape.get().0))
        #expect(onePass?.0 == (try tape.get().0))
        #expect(throws: CBORError(.trailingData, offset: 1, "")) { try CBORDecoder().decode(from: [0x00, 0x00]) }
        #expect(throws: CBORError(.invalidUTF8, offset: 7, "")) { try CBORDecoder().decode(from: [UInt8](hex: "a2616101616261ff")) }
    }

    /// cbor2.dumps({'\u00e9': 1, 'e\u0301': 2}): two keys Python keeps apart, which Swift's
    /// `String`, and so `AnyHashable`, holds to be one (canonical equivalence).
    static let equivalentKeys = "a262c3a9016365cc8102"

    @Test("canonically equivalent text keys are one key of the Any model, on every path",
          arguments: [equivalentKeys,
                      // The same pair among 17 keys, where the run of distinct keys uses a set.
                      "b1" + (0..<15).map { String(format: "61%02x%02x", 0x41 + $0, $0) }.joined() + "62c3a9016365cc8102"])
    func canonicallyEquivalentKeys(hex: String) throws {
        let bytes = [UInt8](hex: hex)
        let (onePass, tape) = Self.bothPaths(bytes)
        let expected = try tape.get()
        #expect(onePass == nil || onePass?.0 == expected.0)
        // The later value wins under the first key, as for any repeated key.
        let map = try #require(try CBORDecoder().decode(from: bytes) as? OrderedDictionary<AnyHashable, Any>)
        #expect(map.count == (bytes[0] == 0xa2 ? 1 : 16))
        #expect(map.keys.last == AnyHashable("\u{e9}"))
        #expect(map.values.last as? Int == 2)
        // Refusing duplicates refuses it, at the second key, on both backends.
        for backend in CBORBackend.allCases {
            var strict = CBORDecoder()
            strict.allowsDuplicateKeys = false
            strict.backend = backend
            #expect(throws: CBORError(.duplicateMapKey, offset: bytes.count - 5, "")) { try strict.decode(from: bytes) }
        }
        // The `CBOR` value compares text by Unicode scalars and keeps both, as cbor2 does.
        #expect(try CBOR(decoding: bytes).mapValue?.count == (bytes[0] == 0xa2 ? 2 : 17))
    }
}

/// Maps whose leading keys repeat the last run of short ASCII keys at their depth share that
/// run's key storage; wherever keys part ways, the map must be what the tape path builds.
extension OnePassAnyDecoderTests {
    /// `maps` in one array, then 32 bytes, so that every key has the 16 readable bytes the
    /// short-key path needs.
    private static func list(_ maps: [CBOR]) throws -> [UInt8] {
        try CBOR.array(maps + [.byteString([UInt8](repeating: 0, count: 32))]).encoded()
    }

    private static func map(_ entries: [(CBOR, CBOR)]) -> CBOR {
        .map(CBORMap(entries.map { (key: $0.0, value: $0.1) }))
    }

    @Test("records with the same keys share one key storage, at every depth, on both backends")
    func recordsShareKeys() throws {
        let record = Self.map([("id", 1), ("name", "abc"), ("tags", ["x", "y"]), ("inner", Self.map([("k", 1.5), ("l", nil)]))])
        let bytes = try Self.list(Array(repeating: record, count: 4))
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            let decoded = try #require(try decoder.decode(from: bytes) as? [Any])
            let maps = decoded.prefix(4).compactMap { $0 as? OrderedDictionary<AnyHashable, Any> }
            #expect(maps.count == 4)
            let inner = maps.compactMap { $0["inner"] as? OrderedDictionary<AnyHashable, Any> }
            #expect(inner.count == 4)
            for (outer, nested) in [(maps, true), (inner, false)] {
                let starts = outer.map { $0.keys.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
                #expect(Set(starts).count == 1, "\(backend) \(nested ? "records" : "inner maps") do not share their keys")
            }
            #expect(maps.allSatisfy { $0.keys.elements == ["id", "name", "tags", "inner"] })
            #expect(maps.allSatisfy { $0["name"] as? String == "abc" })
            try bytes.withUnsafeBufferPointer { buffer in
                let onePass = try #require(decoder.decodeInOnePass(buffer))
                #expect(DynamicValueDescription.describe(onePass.0) == DynamicValueDescription.describe(try decoder.decodeThroughTape(buffer).0))
            }
        }
    }

    @Test("keys that part ways with the last run give what the tape path gives, repeats and refusals included")
    func keysPartWays() throws {
        let abc = Self.map([("a", 1), ("b", 2), ("c", 3)])
        let maps: [CBOR] = [
            abc, abc,
            Self.map([("a", 1), ("b", 2)]),  // a prefix of the last run
            Self.map([("a", 1), ("b", 2), ("c", 3), ("d", 4)]),  // longer
            Self.map([("a", 1), ("x", 2), ("c", 3)]),  // parts ways in the middle
            Self.map([("b", 1), ("a", 2)]),  // at once
            Self.map([("b", 1), ("b", 2)]),  // a repeat right after a shared key
            Self.map([("b", 1), ("a", 2), (5, 3), ("a", 4)]),  // an integer key, then a repeat
            Self.map([("K", 1), ("J", 2)]),
            Self.map([("K", 1), ("\u{212A}", 2)]),  // KELVIN SIGN, canonically "K", after a shared "K"
            Self.map([("K", 1), ("J", 2), ("K", 3)]),
            Self.map([("a", abc), ("b", abc), ("c", Self.map([("a", 0), ("c", 0)]))]),
            Self.map([]),
            Self.map((0..<17).map { (CBOR.textString("k\($0)"), CBOR(Int64($0))) }),
            Self.map((0..<17).map { (CBOR.textString("k\($0)"), CBOR(Int64($0))) }),
            Self.map([("a-key-of-sixteen", 1), ("a", 2)]),
            Self.map([("a-key-of-sixteen", 1), ("a", 2)]),
            Self.map([("\u{e9}", 1), ("a", 2)]),  // a key that is not ASCII, shared
            Self.map([("\u{e9}", 1), ("e\u{301}", 2)]),  // and its canonical equivalent after it
        ]
        var decodedInOnePass = 0
        for options in [CBORDecoder(), { var strict = CBORDecoder(); strict.allowsDuplicateKeys = false; return strict }()] {
            // Each map after every other, and each alone, so that each meets each as the last run.
            for first in maps.indices {
                for second in maps.indices {
                    let bytes = try Self.list([maps[first], maps[second], maps[first]])
                    let (onePass, tape) = Self.bothPaths(bytes, options: options)
                    switch tape {
                    case .success(let expected):
                        #expect(onePass == nil || (onePass?.0 == expected.0 && onePass?.1 == expected.1), "maps \(first), \(second)")
                        decodedInOnePass += onePass == nil ? 0 : 1
                    case .failure:
                        #expect(onePass == nil, "maps \(first), \(second): the one-pass decoder decoded what the tape path refuses")
                    }
                }
            }
        }
        // Only the repeats (and the integer key, under the strict options) leave it to the
        // general path.
        #expect(decodedInOnePass >= 400)
        // The KELVIN SIGN map is one key, "K", holding the later value.
        let kelvin = try Self.list([maps[8], maps[9]])
        let decoded = try #require(try CBORDecoder().decode(from: kelvin) as? [Any])
        let map = try #require(decoded[1] as? OrderedDictionary<AnyHashable, Any>)
        #expect(map.keys.elements == ["K"])
        #expect(map.values.elements.map { $0 as? Int } == [2])
    }
}
