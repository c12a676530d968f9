import Concise
import OrderedCollections
import ConcreteJSON
import Foundation

/// SplitMix64: a fixed-seed generator, so every run (and every reference) sees the same bytes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// One record of the `records` workload, as a Codable model.
struct BenchRecord: Codable {
    var id: Int
    var name: String
    var score: Double
    var tags: [String]
    var active: Bool
}

/// The workloads of the performance issue, generated from fixed seeds.
enum BenchWorkloads {
    static func ints(_ count: Int = 100_000) -> [Int64] {
        var rng = SplitMix64(state: 1)
        return (0..<count).map { _ in Int64(bitPattern: rng.next()) }
    }

    static func doubles(_ count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(state: seed)
        return (0..<count).map { _ in Double(Int64(bitPattern: rng.next()) >> 11) / 1024 }
    }

    static func records() -> [BenchRecord] {
        var rng = SplitMix64(state: 2)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word(_ count: Int) -> String {
            String((0..<count).map { _ in letters[Int(rng.next() % 26)] })
        }
        return (0..<10_000).map { index in
            BenchRecord(id: index, name: word(12), score: Double(rng.next() % 1_000_000) / 1000,
                        tags: [word(5), word(6), word(7)], active: rng.next() % 2 == 0)
        }
    }

    static func recordValue(_ record: BenchRecord) -> CBOR {
        [
            "id": CBOR(Int64(record.id)), "name": .textString(record.name), "score": .double(record.score),
            "tags": .array(record.tags.map(CBOR.textString)), "active": .boolean(record.active),
        ]
    }

    static func bytes() -> [UInt8] {
        var rng = SplitMix64(state: 4)
        return (0..<(8 << 20) / 8).flatMap { _ in withUnsafeBytes(of: rng.next()) { Array($0) } }
    }

    static func nested(depth: Int = 1000) -> CBOR {
        var value = CBOR.array([])
        for _ in 1..<depth { value = .array([value]) }
        return value
    }

    /// `value` (a decoded `Any`) with every map built apart, as a program builds its own: the
    /// decoder gives the maps of a list of records one key storage, which the encoder writes
    /// faster (its key runs), and maps built one by one have none of that.
    static func withOwnKeys(_ value: Any) -> Any {
        rebuildingMaps(value) { map in
            var built = OrderedDictionary<AnyHashable, Any>()
            for (key, item) in map {
                built[key] = item
            }
            return built
        }
    }

    /// `value` (a decoded `Any`) with every map whose keys are all text made a Swift
    /// dictionary, `[String: Any]`, as a program builds its own records.
    static func withSwiftDictionaries(_ value: Any) -> Any {
        rebuildingMaps(value) { map in
            var dictionary: [String: Any] = [:]
            for (key, item) in map {
                guard let text = key.base as? String else { return map }
                dictionary[text] = item
            }
            return dictionary
        }
    }

    /// `value` (a decoded `Any`) with every map of text keys made a `[String: String]`, each
    /// value written as text (an array's items joined by spaces), as a program builds maps of
    /// one value type.
    static func withTextDictionaries(_ value: Any) -> Any {
        rebuildingMaps(value) { map in
            var dictionary: [String: String] = [:]
            for (key, item) in map {
                guard let text = key.base as? String else { return map }
                dictionary[text] = (item as? [Any]).map { $0.map { "\($0)" }.joined(separator: " ") } ?? "\(item)"
            }
            return dictionary
        }
    }

    /// `value` (a decoded `Any`) with every map of text keys made an `[Int: String]` keyed by
    /// position, each value written as text as ``withTextDictionaries(_:)`` writes it.
    static func withIntTextDictionaries(_ value: Any) -> Any {
        rebuildingMaps(value) { map in
            var dictionary: [Int: String] = [:]
            for (index, item) in map.values.enumerated() {
                dictionary[index] = (item as? [Any]).map { $0.map { "\($0)" }.joined(separator: " ") } ?? "\(item)"
            }
            return dictionary
        }
    }

    /// `value` (a decoded `Any`) with every array whose items are all `Int`, all `Double` or all
    /// `String` made an `[Int]`, `[Double]` or `[String]`, as a program has its arrays.
    static func withTypedArrays(_ value: Any) -> Any {
        switch value {
        case let array as [Any]:
            if let integers = typed(array, as: Int.self) {
                return integers
            }
            if let doubles = typed(array, as: Double.self) {
                return doubles
            }
            if let texts = typed(array, as: String.self) {
                return texts
            }
            return array.map(withTypedArrays)
        case let map as OrderedDictionary<AnyHashable, Any>:
            return map.mapValues(withTypedArrays)
        default:
            return value
        }
    }

    /// `value` (a decoded `Any`) with every array whose items are all `Int` made an `[Int32]`
    /// (each truncated), and every array of `Double` a `[Float]` (each rounded), as numeric
    /// programs have their arrays.
    static func withNarrowArrays(_ value: Any) -> Any {
        switch value {
        case let array as [Any]:
            if let integers = typed(array, as: Int.self) {
                return integers.map { Int32(truncatingIfNeeded: $0) }
            }
            if let doubles = typed(array, as: Double.self) {
                return doubles.map { Float($0) }
            }
            return array.map(withNarrowArrays)
        case let map as OrderedDictionary<AnyHashable, Any>:
            return map.mapValues(withNarrowArrays)
        default:
            return value
        }
    }

    /// `value` (a decoded `Any`) with every integer replaced as `path` names: `any-dates` a
    /// `Date` that many milliseconds after the epoch (within Python's years), `any-tags` a
    /// `CBORTag(6, integer)`, `any-uuids` a `UUID` of its bits twice.
    static func replacingIntegers(in value: Any, with path: String) -> Any {
        switch value {
        case let integer as Int:
            switch path {
            case "any-dates": return Date(timeIntervalSince1970: Double(integer.magnitude % 250_000_000_000_000) / 1000)
            case "any-tags": return CBORTag(6, integer)
            default:
                let bytes = withUnsafeBytes(of: integer) { Array($0) } + withUnsafeBytes(of: ~integer) { Array($0) }
                return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            }
        case let array as [Any]:
            return array.map { replacingIntegers(in: $0, with: path) }
        case let map as OrderedDictionary<AnyHashable, Any>:
            return map.mapValues { replacingIntegers(in: $0, with: path) }
        default:
            return value
        }
    }

    /// `array` as a `[Element]`, when it is not empty and every item is an `Element`.
    private static func typed<Element>(_ array: [Any], as _: Element.Type) -> [Element]? {
        let items = array.compactMap { $0 as? Element }
        return !items.isEmpty && items.count == array.count ? items : nil
    }

    /// `value` (a decoded `Any`) with every map made a `[AnyHashable: Any]`, as Foundation's
    /// bridged dictionaries and programs that mix key types have them.
    static func withHashableDictionaries(_ value: Any) -> Any {
        rebuildingMaps(value) { map in
            Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value) }) as [AnyHashable: Any]
        }
    }

    /// `value` (a decoded `Any`) with every map whose keys are all text made a Swift
    /// dictionary with integer keys, `[Int: Any]` (each key's position in the record), as a
    /// program builds maps with integer keys (COSE, CWT).
    static func withIntDictionaries(_ value: Any) -> Any {
        rebuildingMaps(value) { map in
            var dictionary: [Int: Any] = [:]
            for (index, item) in map.values.enumerated() {
                dictionary[index] = item
            }
            return dictionary
        }
    }

    /// `value` with the items of every map and array rebuilt first, then every map made again
    /// by `rebuild`.
    private static func rebuildingMaps(_ value: Any, _ rebuild: (OrderedDictionary<AnyHashable, Any>) -> Any) -> Any {
        switch value {
        case let map as OrderedDictionary<AnyHashable, Any>:
            return rebuild(map.mapValues { rebuildingMaps($0, rebuild) })
        case let array as [Any]:
            return array.map { rebuildingMaps($0, rebuild) }
        default:
            return value
        }
    }

    /// A `numpy_array` of 1 000 000 float64 in Concrete ML's JSON, as `ConcreteEncoder` writes it.
    static func concreteArray() throws -> [UInt8] {
        let array = try NDArray(doubles(1_000_000, seed: 6).map { $0 / 1e6 })
        return try ConcreteJSONEncoder().encodedBytes(.array(array))
    }
}
