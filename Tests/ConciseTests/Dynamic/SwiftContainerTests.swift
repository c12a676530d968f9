import Foundation
import OrderedCollections
import Testing
@testable import Concise
@testable import ConciseCLI

/// `encode(any:)` writes Swift arrays of any element type and dictionaries with `String` keys
/// in place (``SwiftContainer``), sorting the keys as text (``TextKeyRank``). It must write
/// exactly what the bridged `[Any]` and `[AnyHashable: Any]` write, and put keys in the order
/// the `CBOR` value's canonical encoding gives them.
struct SwiftContainerTests {
    /// A value with no built-in encoder.
    private struct Opaque {}

    /// Keys that differ in length (heads `0x60`–`0x77`, `0x78`, `0x79`), in their first byte, in
    /// their ninth byte only, and in bytes past ASCII; small strings and strings on the heap.
    private static let keys: [String] = [
        "", "a", "b", "z", "~", "\u{7f}", "Z", "aa", "ab", "ba", "é", "e\u{301}", "ü", "😀", "abcdefgh", "abcdefgi",
        "abcdefghij", "abcdefghik", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnoq",
        String(repeating: "k", count: 23), String(repeating: "k", count: 24), String(repeating: "j", count: 24),
        String(repeating: "x", count: 255), String(repeating: "x", count: 256), String(repeating: "w", count: 300),
    ]

    private static func encoder(_ backend: CBORBackend, _ configure: (inout CBOREncoder) -> Void = { _ in }) -> CBOREncoder {
        var encoder = CBOREncoder()
        encoder.backend = backend
        configure(&encoder)
        return encoder
    }

    /// `encoder` with an encoder registered for `String` that writes what the built-in one
    /// writes: maps then take the general path, which encodes every key apart and sorts the
    /// bytes, and that is the reference for the text keys sorted in place.
    private static func reference(_ encoder: CBOREncoder) -> CBOREncoder {
        var reference = encoder
        if reference.typeEncoders[ObjectIdentifier(String.self)] == nil {
            reference.register(String.self) { writer, text in writer.encodeString(text) }
        }
        return reference
    }

    @Test("keys come in the order of the CBOR value's canonical encoding, for both key orders, on both backends")
    func keysInCanonicalOrder() throws {
        var dictionary: [String: Any] = [:]
        var entries: [(key: CBOR, value: CBOR)] = []
        for (index, key) in Self.keys.enumerated() {
            dictionary[key] = index
            entries.append((key: .textString(key), value: CBOR(Int64(index))))
        }
        // Swift's String equality is canonical equivalence: "é" and "e\u{301}" are one key.
        #expect(dictionary.count == Self.keys.count - 1)
        // The dictionary keeps the key first stored, with the value stored last.
        entries.removeAll { $0.key == .textString("e\u{301}") }
        let accented = try #require(entries.firstIndex { $0.key == .textString("é") })
        entries[accented].value = CBOR(Int64(11))
        for keyOrder in [CBORKeyOrder.lengthFirst, .bytewise] {
            for backend in CBORBackend.allCases {
                let expected = try Self.encoder(backend) { $0.canonical = true; $0.keyOrder = keyOrder }
                    .encode(CBOR.map(CBORMap(entries)))
                let encoder = Self.encoder(backend) { $0.keyOrder = keyOrder }
                #expect(try encoder.encode(any: dictionary) == expected, "\(keyOrder), \(backend)")
                #expect(try encoder.encode(any: dictionary as [AnyHashable: Any]) == expected, "\(keyOrder), \(backend)")
                // Every key encoded apart and the bytes sorted.
                #expect(try Self.reference(encoder).encode(any: dictionary) == expected, "\(keyOrder), \(backend)")
                // A map in its own order, canonical.
                let ordered = OrderedDictionary<AnyHashable, Any>(uniqueKeysWithValues: dictionary.map { (AnyHashable($0.key), $0.value) })
                let canonical = Self.encoder(backend) { $0.keyOrder = keyOrder; $0.canonical = true }
                #expect(try canonical.encode(any: ordered) == expected, "\(keyOrder), \(backend)")
            }
        }
    }

    /// A dictionary whose values are of every kind the encoder writes.
    private static var everyValue: [String: Any] {
        [
            "double": 1.5, "negativeZero": -0.0, "nan": Double.nan, "min": Int.min, "max": UInt64.max,
            "float": Float(2.5), "int8": Int8(-3), "true": true, "text": "text", "none": Int?.none as Any,
            "some": Int?.some(4) as Any, "bytes": [UInt8]([1, 2, 3]), "anys": [1, "two", 3.5] as [Any],
            "strings": ["a", "b", "a"], "ints": [1, 2, 3], "doubles": [0.5, 1e300], "nested": ["x": 1, "y": ["z": "a"]] as [String: Any],
            "intValues": ["b": 2, "a": 1], "ordered": ["q": 1, "p": 2] as OrderedDictionary<AnyHashable, Any>,
            "cbor": CBOR.array([1, "a"]), "date": Date(timeIntervalSince1970: 1_000_000), "opaque": Opaque(),
            "a repeated text value": "a repeated text value", "again": "a repeated text value",
            "arrays": [[1, 2], [3]], "dictionaries": [["k": 1], ["k": 2]] as [[String: Any]], "empty": [String: Any](),
        ]
    }

    @Test("every kind of value, with every option, is written as the general path writes the bridged dictionary")
    func everyOption() throws {
        let configurations: [(String, (inout CBOREncoder) -> Void)] = [
            ("plain", { _ in }), ("canonical", { $0.canonical = true }), ("bytewise", { $0.keyOrder = .bytewise }),
            ("indefinite", { $0.indefiniteContainers = true }), ("string references", { $0.stringReferencing = true }),
            ("value sharing", { $0.valueSharing = true }),
            ("a registered encoder for String", { $0.register(String.self) { writer, text in writer.encodeString(text.uppercased()) } }),
            ("a registered encoder for Int", { $0.register(Int.self) { writer, number in writer.encodeInteger(number + 1) } }),
        ]
        let dictionary = Self.everyValue
        for (name, configure) in configurations {
            for backend in CBORBackend.allCases {
                let encoder = Self.encoder(backend) {
                    $0.defaultEncoder = { writer, value in
                        guard value is Opaque else { throw CBORError(.noEncoderForType, "\(value)") }
                        writer.encodeString("opaque")
                    }
                    configure(&$0)
                }
                let bridged = try Self.reference(encoder).encode(any: dictionary as [AnyHashable: Any])
                #expect(try encoder.encode(any: dictionary) == bridged, "\(name), \(backend)")
                #expect(try encoder.encode(any: dictionary as [AnyHashable: Any]) == bridged, "\(name), \(backend)")
                // Inside an array, and as the values of a dictionary of another value type.
                let listed = try encoder.encode(any: [dictionary as [AnyHashable: Any], 1] as [Any])
                #expect(try encoder.encode(any: [dictionary, 1] as [Any]) == listed, "\(name), \(backend)")
                let typed: [String: [String: Any]] = ["inner": dictionary, "empty": [:]]
                let bridgedTyped: [AnyHashable: Any] = ["inner": dictionary as [AnyHashable: Any], "empty": [AnyHashable: Any]()]
                #expect(try encoder.encode(any: typed) == encoder.encode(any: bridgedTyped), "\(name), \(backend)")
            }
        }
    }

    @Test("dictionaries with keys of other types are written as the same dictionary bridged to [AnyHashable: Any], with every option, on both backends")
    func otherKeyTypes() throws {
        let dictionaries: [(Any, [AnyHashable: Any])] = [
            ([3: "c", 1: "a", -2: "b", 1_000: "d", .min: "m", .max: "x"] as [Int: String],
             [3: "c", 1: "a", -2: "b", 1_000: "d", Int.min: "m", Int.max: "x"]),
            ([Int8(-1): 1.5, 7: -0.0] as [Int8: Double], [Int8(-1): 1.5, Int8(7): -0.0]),
            ([UInt64.max: [1, 2], 0: []] as [UInt64: [Int]], [UInt64.max: [1, 2] as [Any], UInt64(0): [] as [Any]]),
            ([1: ["x": 1] as [String: Any], 2: [3: true] as [Int: Bool]] as [Int: Any], [1: ["x": 1] as [AnyHashable: Any], 2: [3: true] as [AnyHashable: Any]]),
            ([AnyHashable("k"): 1, AnyHashable(2): 2] as [AnyHashable: Int], ["k": 1, 2: 2]),
            ([AnyHashable("b"): 1, AnyHashable("a"): nil] as [AnyHashable: Int?], ["b": Int?.some(1) as Any, "a": Int?.none as Any]),
            ([true: "t", false: "f"] as [Bool: String], [true: "t", false: "f"]),
            ([[UInt8]([1]): 1, [2, 3]: 2] as [[UInt8]: Int], [[UInt8]([1]): 1, [UInt8]([2, 3]): 2]),
            ([Int: Any](), [:]),
        ]
        let configurations: [(inout CBOREncoder) -> Void] = [
            { _ in }, { $0.keyOrder = .bytewise }, { $0.indefiniteContainers = true }, { $0.stringReferencing = true },
            { $0.valueSharing = true }, { $0.register(Int.self) { writer, number in writer.encodeInteger(number &* 2) } },
        ]
        for (index, configure) in configurations.enumerated() {
            for backend in CBORBackend.allCases {
                let encoder = Self.encoder(backend, configure)
                for (number, (dictionary, bridged)) in dictionaries.enumerated() {
                    #expect(try encoder.encode(any: dictionary) == encoder.encode(any: bridged), "\(number), options \(index), \(backend)")
                    #expect(try encoder.encode(any: [dictionary]) == encoder.encode(any: [bridged]), "\(number), options \(index), \(backend)")
                }
            }
        }
        // Random integer keys, every head width and sign, against the `CBOR` map's canonical
        // encoding (which `test_canonical.py` checks against cbor2), for both key orders.
        var generator = SplitMix64(state: 4949)
        for _ in 0..<200 {
            var dictionary: [Int: Int] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                let magnitude = [0, 23, 24, 255, 256, 65_536, Int.max].randomElement(using: &generator) ?? 0
                dictionary[Int.random(in: -magnitude...magnitude, using: &generator)] = Int.random(in: 0...9, using: &generator)
            }
            let map = CBOR.map(CBORMap(dictionary.map { (key: CBOR(Int64($0.key)), value: CBOR(Int64($0.value))) }))
            for keyOrder in [CBORKeyOrder.lengthFirst, .bytewise] {
                for backend in CBORBackend.allCases {
                    let encoder = Self.encoder(backend) { $0.keyOrder = keyOrder }
                    let canonical = Self.encoder(backend) { $0.keyOrder = keyOrder; $0.canonical = true }
                    #expect(try encoder.encode(any: dictionary) == canonical.encode(map), "\(dictionary), \(keyOrder), \(backend)")
                }
            }
        }
        // Keys in canonical order (cbor2's `dumps({3: "c", 1: "a", -2: "b", 1000: "d"}, canonical=True)`).
        #expect(try CBOREncoder().encode(any: [3: "c", 1: "a", -2: "b", 1_000: "d"] as [Int: String]).hex
            == "a4016161036163216162" + "1903e86164")
    }

    @Test("arrays of every element type are written as the same items in an [Any]; an array of UInt8 is a byte string")
    func arraysOfEveryElementType() throws {
        let arrays: [(Any, [Any])] = [
            (["a", "b", "a"], ["a", "b", "a"]), ([1, -2, Int.max], [1, -2, Int.max]), ([1.5, -0.0, .nan], [1.5, -0.0, Double.nan]),
            ([true, false], [true, false]), ([Int8(-1), 7], [Int8(-1), Int8(7)]), ([Float(0.5)], [Float(0.5)]),
            ([["a"], []] as [[String]], [["a"], []] as [Any]), ([1, nil] as [Int?], [1, Int?.none as Any]),
            ([.null, 1, "c"] as [CBOR], [CBOR.null, CBOR(1), CBOR("c")]), ([["k": 1]] as [[String: Any]], [["k": 1] as [String: Any]]),
            ([[UInt8]([1, 2]), []], [[UInt8]([1, 2]), [UInt8]()]), ([String](), []), ([Opaque()], [Opaque()]),
            // Numbers of every other standard width, and one the fast path leaves to the general.
            ([Int32.min, 0, .max], [Int32.min, Int32(0), Int32.max]), ([UInt16.max, 24], [UInt16.max, UInt16(24)]),
            ([Int64.min, 255], [Int64.min, Int64(255)]), ([UInt64.max, 0], [UInt64.max, UInt64(0)]),
            ([UInt(7), .max], [UInt(7), UInt.max]), ([Int16(-300)], [Int16(-300)]), ([UInt32(70_000)], [UInt32(70_000)]),
            ([Float(-0.0), .nan, 1e30, .infinity], [Float(-0.0), Float.nan, Float(1e30), Float.infinity]),
            ([Float16(1.5), .infinity], [Float16(1.5), Float16.infinity]), ([Int128.max, -1], [Int128.max, Int128(-1)]),
        ]
        for (index, configure) in Self.scalarConfigurations.enumerated() {
            for backend in CBORBackend.allCases {
                let encoder = Self.encoder(backend) {
                    $0.defaultEncoder = { writer, _ in writer.encodeString("opaque") }
                    configure(&$0)
                }
                for (array, items) in arrays {
                    #expect(try encoder.encode(any: array) == encoder.encode(any: items), "\(type(of: array)), options \(index), \(backend)")
                }
                #expect(try encoder.encode(any: [UInt8]([1, 2, 3])) == encoder.encode(CBOR.byteString([1, 2, 3])), "\(backend)")
                let bytesValue: [String: Any] = ["b": CBOR.byteString([9])]
                #expect(try encoder.encode(any: ["b": [UInt8]([9])]) == encoder.encode(any: bytesValue), "\(backend)")
            }
        }
    }

    /// Options under which the items of typed containers are written apart from the fast
    /// path: an encoder registered for each scalar type (which must then be called), canonical
    /// floats, string references, value sharing, indefinite lengths.
    private static var scalarConfigurations: [(inout CBOREncoder) -> Void] {
        [
        { _ in }, { $0.indefiniteContainers = true }, { $0.valueSharing = true }, { $0.stringReferencing = true },
        { $0.canonical = true }, { $0.register(String.self) { writer, text in writer.encodeString(text + "!") } },
        { $0.register(Int.self) { writer, number in writer.encodeInteger(number &+ 1) } },
        { $0.register(Double.self) { writer, number in writer.encodeFloat(Float(number)) } },
        { $0.register(Bool.self) { writer, flag in writer.encodeInteger(flag ? 1 : 0) } },
        { $0.register(Float.self) { writer, number in writer.encodeString("\(number)") } },
        { $0.register(Int32.self) { writer, number in writer.encodeInteger(Int64(number) * 3) } },
        ]
    }

    @Test("dictionaries of every value type, with String and Int keys, are written as the general path writes them bridged, with every option, on both backends")
    func dictionariesOfEveryValueType() throws {
        let long = String(repeating: "long text ", count: 4)
        let dictionaries: [(Any, [AnyHashable: Any])] = [
            (["b": "x", "a": long, long: ""] as [String: String], ["b": "x", "a": long, long: ""]),
            (["b": 2, "a": -1, "c": .max, long: .min] as [String: Int], ["b": 2, "a": -1, "c": Int.max, long: Int.min]),
            (["b": 2.5, "a": .nan, "c": -0.0, "d": 1e300] as [String: Double], ["b": 2.5, "a": Double.nan, "c": -0.0, "d": 1e300]),
            (["t": true, "f": false] as [String: Bool], ["t": true, "f": false]),
            (["n": nil, "s": 1] as [String: Int?], ["n": Int?.none as Any, "s": Int?.some(1) as Any]),
            (["k": ["a", "b"], "e": []] as [String: [String]], ["k": ["a", "b"] as [Any], "e": [] as [Any]]),
            (["f": 0.5, "g": .nan] as [String: Float], ["f": Float(0.5), "g": Float.nan]),
            (["u": 200, "v": 0] as [String: UInt8], ["u": UInt8(200), "v": UInt8(0)]),
            ([1: .min, 2: .max] as [Int: Int64], [1: Int64.min, 2: Int64.max]),
            (["o": Opaque()] as [String: Opaque], ["o": Opaque()]),
            ([2: "b", -1: long, 1_000: ""] as [Int: String], [2: "b", -1: long, 1_000: ""]),
            ([2: 0.5, 1: 1e300, -3: .infinity] as [Int: Double], [2: 0.5, 1: 1e300, -3: Double.infinity]),
            ([3: true, 24: false] as [Int: Bool], [3: true, 24: false]),
            ([5: 6, -7: .max] as [Int: Int], [5: 6, -7: Int.max]),
            ([9: ["x": 1]] as [Int: [String: Int]], [9: ["x": 1] as [AnyHashable: Any]]),
            ([String: String](), [:]), ([Int: Double](), [:]),
            // `AnyHashable` keys: all text (read in place), mixed, and text that is not a `String`.
            (["b": "x", "a": 1, long: 2.5] as [AnyHashable: Any], ["b": "x", "a": 1, long: 2.5]),
            (["b": "x", "a": long] as [AnyHashable: String], ["b": "x", "a": long]),
            (["a": 1, 2: "b", "c": true] as [AnyHashable: Any], ["a": 1, 2: "b", "c": true]),
            ([AnyHashable(Substring("s")): 1, "t": 2] as [AnyHashable: Any], [AnyHashable(Substring("s")): 1, "t": 2]),
        ]
        for (index, configure) in Self.scalarConfigurations.enumerated() {
            for backend in CBORBackend.allCases {
                let encoder = Self.encoder(backend) {
                    $0.defaultEncoder = { writer, _ in writer.encodeString("opaque") }
                    configure(&$0)
                }
                let reference = Self.reference(encoder)
                for (number, (dictionary, bridged)) in dictionaries.enumerated() {
                    let expected = try reference.encode(any: bridged)
                    #expect(try encoder.encode(any: dictionary) == expected, "\(number), options \(index), \(backend)")
                    #expect(try encoder.encode(any: [dictionary, dictionary]) == reference.encode(any: [bridged, bridged]),
                            "\(number), options \(index), \(backend)")
                }
            }
        }
    }

    @Test("many container types in one value, each met again, and an encoder registered for a container type, are written as bridged")
    func manyContainerTypes() throws {
        let typed: [Any] = [
            ["a"], [1], [1.5], [true], [Int8(1)], [Float(1)], ["k": "v"], ["k": 1], ["k": 1.5], [1: "v"], [1: 1.5],
            Set([3]), ["k": [1]] as [String: [Int]], Opaque(), [UInt16(2)],
        ]
        let bridged: [Any] = [
            ["a"] as [Any], [1] as [Any], [1.5] as [Any], [true] as [Any], [Int8(1)] as [Any], [Float(1)] as [Any],
            ["k": "v"] as [AnyHashable: Any], ["k": 1] as [AnyHashable: Any], ["k": 1.5] as [AnyHashable: Any],
            [1: "v"] as [AnyHashable: Any], [1: 1.5] as [AnyHashable: Any], Set([AnyHashable(3)]),
            ["k": [1] as [Any]] as [AnyHashable: Any], Opaque(), [UInt16(2)] as [Any],
        ]
        for backend in CBORBackend.allCases {
            var encoder = Self.encoder(backend) { $0.defaultEncoder = { writer, _ in writer.encodeString("opaque") } }
            // Every type twice, past the types a writer remembers.
            #expect(try encoder.encode(any: typed + typed) == Self.reference(encoder).encode(any: bridged + bridged), "\(backend)")
            // A registered encoder claims its exact container type, met first or again.
            encoder.register([String: String].self) { writer, _ in writer.encodeString("claimed") }
            let expected = try encoder.encode(any: ["claimed", 2, "claimed"] as [Any])
            #expect(try encoder.encode(any: [["k": "v"] as [String: String], 2, ["j": "w"] as [String: String]] as [Any]) == expected,
                    "\(backend)")
        }
    }

    @Test("arrays and dictionary values of every standard number type are written at their own width, by RFC 8949's rules")
    func numbersOfEveryWidth() throws {
        let cases: [(Any, String)] = [
            ([Int32.min, 0, .max], "833a7fffffff001a7fffffff"), ([UInt16.max, 23, 24], "8319ffff171818"),
            ([Int64.min], "813b7fffffffffffffff"), ([UInt64.max], "811bffffffffffffffff"), ([UInt.max], "811bffffffffffffffff"),
            ([Int8.min, .max], "82387f187f"), ([UInt8(1)], "4101"), ([Int16(-300)], "8139012b"), ([UInt32(70_000)], "811a00011170"),
            ([Float(1.5), -0.0], "82fa3fc00000fa80000000"), ([Float.nan, .infinity], "82f97e00f97c00"),
            ([Float16(1.5)], "81f93e00"), ([Int128(-1) << 64, (Int128(-1) << 64) - 1], "823bffffffffffffffffc34901" + String(repeating: "00", count: 8)),
            (["k": Float(0.5)] as [String: Float], "a1616bfa3f000000"), ([1: Int64(-1)] as [Int: Int64], "a10120"),
        ]
        for backend in CBORBackend.allCases {
            let encoder = Self.encoder(backend)
            for (value, hex) in cases {
                #expect(try encoder.encode(any: value).hex == hex, "\(value), \(backend)")
            }
        }
    }

    @Test("a value nothing encodes, and nesting past the depth limit, fail as in the bridged dictionary")
    func errors() throws {
        for backend in CBORBackend.allCases {
            let encoder = Self.encoder(backend)
            let dictionary: [String: Any] = ["a": 1, "b": Opaque(), "c": "text", "d": [1, 2] as [Any]]
            #expect(throws: CBORError.self) { try encoder.encode(any: dictionary) }
            #expect(throws: CBORError.self) { try encoder.encode(any: ["x": [dictionary]]) }
            // Maps nested to the limit (their innermost entries one level deeper) and one more.
            let outcomes = try #require(onLargeStack {
                [CBORWriter.maxDepth - 1, CBORWriter.maxDepth].map { levels in
                    var deep: [String: Any] = ["leaf": 1]
                    var bridgedDeep: [AnyHashable: Any] = ["leaf": 1]
                    for _ in 1..<levels {
                        deep = ["k": deep]
                        bridgedDeep = ["k": bridgedDeep]
                    }
                    return (Result { try encoder.encode(any: deep) }, Result { try encoder.encode(any: bridgedDeep) })
                }
            })
            let within = try #require(outcomes.first)
            #expect(try within.0.get() == within.1.get(), "\(backend)")
            let past = try #require(outcomes.last)
            #expect(throws: CBORError(.depthLimitExceeded, "")) { try past.0.get() }
            #expect(throws: CBORError(.depthLimitExceeded, "")) { try past.1.get() }
        }
    }

    /// A random text of up to 20 pieces, ASCII and not, short and long.
    private static func randomText(using generator: inout SplitMix64) -> String {
        let pieces = ["a", "b", "Z", "~", "\u{7f}", "é", "ü", "😀", "ab", "abcdefgh", "\u{301}", "k", "x"]
        return (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    /// A random value made of Swift containers, the same value with every container bridged
    /// (dictionaries as `[AnyHashable: Any]`, other arrays as `[Any]`), and with every
    /// dictionary an `OrderedDictionary` in the Swift dictionary's order.
    private static func randomValue(depth: Int, using generator: inout SplitMix64) -> (swift: Any, bridged: Any, ordered: Any) {
        let kinds = depth > 0 ? 13 : 6
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: let value = Int.random(in: -1_000...1_000_000, using: &generator); return (value, value, value)
        case 1: let value = Double.random(in: -1e6...1e6, using: &generator); return (value, value, value)
        case 2: let value = randomText(using: &generator); return (value, value, value)
        case 3: let value = Bool.random(using: &generator); return (value, value, value)
        case 4: let value = [UInt8](randomText(using: &generator).utf8); return (value, value, value)
        case 5: return (Int?.none as Any, Int?.none as Any, Int?.none as Any)
        case 6, 7, 8:
            var dictionary: [String: Any] = [:]
            var bridged: [AnyHashable: Any] = [:]
            var ordered: [String: Any] = [:]
            for _ in 0..<Int.random(in: 0...9, using: &generator) {
                let key = randomText(using: &generator)
                let value = randomValue(depth: depth - 1, using: &generator)
                dictionary[key] = value.swift
                bridged[key] = value.bridged
                ordered[key] = value.ordered
            }
            return (dictionary, bridged, OrderedDictionary<AnyHashable, Any>(uniqueKeysWithValues: ordered.map { (AnyHashable($0.key), $0.value) }))
        case 9:
            var dictionary: [String: Int] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                dictionary[randomText(using: &generator)] = Int.random(in: -5...5, using: &generator)
            }
            return (dictionary, dictionary as [AnyHashable: Any], OrderedDictionary<AnyHashable, Any>(uniqueKeysWithValues: dictionary.map { (AnyHashable($0.key), $0.value as Any) }))
        case 10:
            let items = (0..<Int.random(in: 0...5, using: &generator)).map { _ in randomValue(depth: depth - 1, using: &generator) }
            return (items.map(\.swift), items.map(\.bridged), items.map(\.ordered))
        case 11:
            let texts = (0..<Int.random(in: 0...5, using: &generator)).map { _ in randomText(using: &generator) }
            return (texts, texts as [Any], texts as [Any])
        default:
            let items = (0..<Int.random(in: 0...3, using: &generator)).map { _ -> (swift: [String: Any], bridged: [AnyHashable: Any], ordered: Any) in
                let key = randomText(using: &generator)
                let value = randomValue(depth: depth - 1, using: &generator)
                return ([key: value.swift], [key: value.bridged], [AnyHashable(key): value.ordered] as OrderedDictionary<AnyHashable, Any>)
            }
            return (items.map(\.swift), items.map(\.bridged) as [Any], items.map(\.ordered))
        }
    }

    @Test("random values of Swift containers are written as the general path writes them bridged, with every option, on both backends; canonical, so are ordered maps")
    func randomValues() throws {
        var generator = SplitMix64(state: 8949)
        let values = (0..<300).map { _ in Self.randomValue(depth: 4, using: &generator) }
        let configurations: [(inout CBOREncoder) -> Void] = [
            { _ in }, { $0.canonical = true; $0.keyOrder = .bytewise }, { $0.canonical = true },
            { $0.stringReferencing = true }, { $0.valueSharing = true; $0.indefiniteContainers = true },
        ]
        for (index, configure) in configurations.enumerated() {
            for backend in CBORBackend.allCases {
                let encoder = Self.encoder(backend, configure)
                let reference = Self.reference(encoder)
                for (number, value) in values.enumerated() {
                    let expected = try reference.encode(any: value.bridged)
                    #expect(try encoder.encode(any: value.swift) == expected, "value \(number), options \(index), \(backend)")
                    #expect(try encoder.encode(any: value.bridged) == expected, "value \(number), options \(index), \(backend)")
                    if encoder.canonical {
                        #expect(try encoder.encode(any: value.ordered) == expected, "value \(number), options \(index), \(backend)")
                        #expect(try reference.encode(any: value.ordered) == expected, "value \(number), options \(index), \(backend)")
                    }
                }
            }
        }
    }
}
