/// The keys of a large map, hashed once, so that a keyed container finds every key in constant
/// time.
///
/// `Dictionary`'s `init(from:)` asks a keyed container for every key it lists; scanning the map
/// for each key made decoding an n-entry map take n² comparisons (40 000 keys: 5.8 s). Small
/// maps, a record's, are still scanned (``CodableDecoder/KeyedContainer``): comparing a few
/// keys costs less than hashing them.
final class CodableMapKeyIndex {
    /// Maps with more entries than this are indexed.
    static let scanLimit = 16

    /// The value's tape index for each text key, by its UTF-8 bytes: Swift's `String` equality
    /// is canonical equivalence, and keys match byte for byte.
    private var texts: [[UInt8]: Int] = [:]
    /// The value's tape index for each integer key that fits `Int`.
    private var integers: [Int: Int] = [:]

    /// Indexes the keys of the map at tape index `mapIndex`; a repeated key keeps its last value.
    init(mapIndex: Int, state: CodableDecodingState) {
        let count = Int(clamping: state.tape[mapIndex].argument)
        var keyIndex = mapIndex + 1
        for _ in 0..<count {
            let entry = state.tape[keyIndex]
            let valueIndex = state.skip(keyIndex)
            switch entry.kind {
            case .textString:
                texts[state.stringBytes(keyIndex)] = valueIndex
            case .unsigned:
                if let integer = Int(exactly: entry.argument) { integers[integer] = valueIndex }
            case .negative:
                if entry.argument <= UInt64(Int.max) { integers[-1 - Int(entry.argument)] = valueIndex }
            default:
                break
            }
            keyIndex = state.skip(valueIndex)
        }
    }

    /// The tape index of the value of the last key that is `text` (byte for byte) or the
    /// integer `integer`; `nil` when no key matches.
    func valueIndex(text: String, integer: Int?) -> Int? {
        let byText = texts[Array(text.utf8)]
        guard let integer, let byInteger = integers[integer] else { return byText }
        return max(byText ?? byInteger, byInteger)
    }
}
