/// The strings of one string-reference namespace (tag 256), as the encoder registers them
/// (http://cbor.schmorp.de/stringref).
struct StringReferenceTable {
    private struct Key: Hashable {
        let isText: Bool
        let bytes: [UInt8]
    }

    private var indices: [Key: Int] = [:]

    /// The shortest string worth registering when the table holds `count` strings: a reference
    /// must be shorter than the string it replaces.
    static func minimumLength(forIndex count: Int) -> Int {
        switch count {
        case ..<24: return 3
        case ..<256: return 4
        case ..<65_536: return 5
        case ..<4_294_967_296: return 7
        default: return 11
        }
    }

    /// The index to refer to when the string was registered before; otherwise registers it when
    /// it is long enough and returns `nil` (the string is then written in full).
    mutating func reference(for bytes: UnsafeBufferPointer<UInt8>, isText: Bool) -> Int? {
        guard bytes.count >= Self.minimumLength(forIndex: 0) else { return nil }
        let key = Key(isText: isText, bytes: Array(bytes))
        if let index = indices[key] {
            return index
        }
        if bytes.count >= Self.minimumLength(forIndex: indices.count) {
            indices[key] = indices.count
        }
        return nil
    }
}
