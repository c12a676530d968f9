/// The integer of a `CodingKey` as integer map keys use it, written
/// (``CBORKeyStrategy/useIntegerKeys``) and read.
enum CodingKeyInteger {
    /// `key`'s `intValue`, unless its `stringValue` is integer text other than that integer's
    /// decimal text. The standard library's dictionary key gives `"01"`, `"+5"` and `"-0"` an
    /// `intValue`; written as integers they would rewrite a `[String: V]` key or merge two
    /// (`"1"` and `"01"`), and read as integers they would take another key's value. A name
    /// (`id` in `case id = 1`) keeps its integer. Inlined: the keys of most records have no
    /// `intValue`, and cost one call to ask.
    @inline(__always)
    static func of<Key: CodingKey>(_ key: Key) -> Int? {
        guard let integer = key.intValue else { return nil }
        return isOtherIntegerText(key.stringValue, than: integer) ? nil : integer
    }

    /// Whether `text` is an optional sign and one or more ASCII digits (what `Int(_:)` reads)
    /// that do not spell `integer` as `String(integer)` does.
    private static func isOtherIntegerText(_ text: String, than integer: Int) -> Bool {
        let digits = text.utf8.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        let isIntegerText = text.utf8.count - digits.count <= 1 && !digits.isEmpty
            && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return isIntegerText && text != String(integer)
    }
}
