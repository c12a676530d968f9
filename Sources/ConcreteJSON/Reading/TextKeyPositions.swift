/// Where each key of an object being read first appears, to find a repeated key.
///
/// Objects of up to ``scanLimit`` keys are scanned; larger ones look their keys up by bytes, so
/// a hostile object of many keys, repeated or not, costs linear time (a scan per key made an
/// object of 100 000 keys, half of them repeats, take 18 s). Keys are the same when their bytes
/// are, as in Python: `String`'s `==` would also merge canonically equivalent spellings ("é"
/// and "e\u{301}"), which Python keeps apart.
struct TextKeyPositions {
    /// Objects with up to this many keys are scanned.
    static let scanLimit = 16

    /// The first position of each key, once the object has more than ``scanLimit`` keys.
    private var positions: [[UInt8]: Int] = [:]

    /// The position in `entries` of a key with the bytes of `key`, among the first `count`
    /// entries, which hold no repeated key; `nil` when `key` is new, which it then records at
    /// position `count`. Call it for every key of the object in turn.
    mutating func earlierPosition(of key: String, amongFirst count: Int, of entries: [(key: String, value: ConcreteValue)]) -> Int? {
        if count <= Self.scanLimit {
            return entries[..<count].firstIndex { $0.key.utf8.elementsEqual(key.utf8) }
        }
        if positions.isEmpty {
            for position in 0..<count { positions[Array(entries[position].key.utf8)] = position }
        }
        let bytes = Array(key.utf8)
        if let position = positions[bytes] { return position }
        positions[bytes] = count
        return nil
    }
}
