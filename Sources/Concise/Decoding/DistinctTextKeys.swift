/// The leading run of distinct text keys of a map being decoded, compared as `String`s:
/// `AnyHashable`'s `==` looks up runtime metadata on every call. Small maps compare one by one,
/// larger ones (more than ``linearSearchLimit`` keys) with a set. ``DynamicDecoder`` and
/// ``OnePassAnyDecoder`` both end the run at the first repeat and key the rest of the map
/// through `updateValue`, which reports it.
struct DistinctTextKeys {
    /// Maps with more keys than this check text keys for repeats with a set.
    static let linearSearchLimit = 16

    private var texts: [String] = []
    private var seen: Set<String>?

    /// Room for the text keys of a map of `count` pairs, `reserved` of which to allocate now.
    init(count: Int, reserving reserved: Int) {
        if count > Self.linearSearchLimit {
            seen = Set(minimumCapacity: reserved)
        } else {
            texts.reserveCapacity(reserved)
        }
    }

    /// Adds `text` and returns `true`, or returns `false` when it is already there.
    @inline(__always)
    mutating func insert(_ text: String) -> Bool {
        if seen != nil {
            return seen?.insert(text).inserted ?? false
        }
        // Lengths first: a stored length is one load, and most keys of a map differ in it.
        let length = text.utf8.count
        if texts.contains(where: { $0.utf8.count == length && $0 == text }) { return false }
        texts.append(text)
        return true
    }
}
