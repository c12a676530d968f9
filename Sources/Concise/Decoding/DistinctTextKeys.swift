/// The leading run of distinct text keys of a map being decoded, compared as `String`s, by the
/// same equality as the `AnyHashable` keys they become (`AnyHashable`'s `==` looks up runtime
/// metadata on every call). The run's keys are handed to `OrderedDictionary` as unique, so a
/// pair this type lets through that `AnyHashable` holds equal would break the dictionary.
/// Small maps compare one by one, larger ones (more than ``linearSearchLimit`` keys) with a set. ``DynamicDecoder`` and
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
        // `String`'s own `==`, canonical equivalence, which is what `AnyHashable` keys compare
        // by: two keys spelled differently ("é" and "e\u{301}") can still be one key, so
        // different lengths do not prove two keys different.
        if texts.contains(where: { $0 == text }) { return false }
        texts.append(text)
        return true
    }
}
