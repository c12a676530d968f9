/// Character names as Python 3.11's `unicodedata.lookup` reads them (Unicode 14), for the
/// `\N{…}` escape of tag 35's patterns: names and their aliases, in any ASCII case.
enum PythonUnicodeNames {
    /// The scalar named `name`, or `nil` when Python knows no such name (named sequences,
    /// which stand for several scalars, included).
    static func scalar(named name: [UInt32]) -> UInt32? {
        guard name.allSatisfy({ $0 < 0x80 }) else { return nil }
        let upper = String(decoding: name.map { UInt8(0x61...0x7a ~= $0 ? $0 - 0x20 : $0) }, as: UTF8.self)
        if let alias = aliases[upper] { return alias }
        let ideographPrefix = "CJK UNIFIED IDEOGRAPH-"
        if upper.hasPrefix(ideographPrefix) {
            // Python reads the number in upper-case hex only.
            let digits = name.dropFirst(ideographPrefix.utf8.count)
            guard (4...5).contains(digits.count), digits.allSatisfy({ (0x30...0x39) ~= $0 || (0x41...0x46) ~= $0 }),
                let value = UInt32(String(decoding: digits.map { UInt8($0) }, as: UTF8.self), radix: 16)
            else { return nil }
            return isKnown(value, as: upper) ? value : nil
        }
        let hash = fnv1a(upper.utf8)
        var low = 0
        var high = table.count
        while low < high {
            let middle = (low + high) / 2
            if table[middle].hash < hash { low = middle + 1 } else { high = middle }
        }
        while low < table.count, table[low].hash == hash {
            if isKnown(table[low].scalar, as: upper) { return table[low].scalar }
            low += 1
        }
        return nil
    }

    /// Whether Python knows the scalar `value` by `name`: its name, from Unicode 14 or before.
    private static func isKnown(_ value: UInt32, as name: String) -> Bool {
        guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age, age.major < 15 else { return false }
        return scalar.properties.name == name
    }

    /// Every named scalar of Unicode 14 but the CJK unified ideographs (whose names are their
    /// numbers), by the hash of its name: built the first time a name is looked up (51 844
    /// entries, 0.8 MB, 0.09 s in an optimized build).
    private static let table: [(hash: UInt64, scalar: UInt32)] = {
        var entries: [(hash: UInt64, scalar: UInt32)] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age, age.major < 15,
                let name = scalar.properties.name, !name.hasPrefix("CJK UNIFIED IDEOGRAPH-")
            else { continue }
            entries.append((fnv1a(name.utf8), value))
        }
        return entries.sorted { $0.hash < $1.hash }
    }()

    private static func fnv1a(_ bytes: String.UTF8View) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
