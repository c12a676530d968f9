/// The leading run of distinct text keys of a map being decoded, compared by the same equality
/// as the `AnyHashable` keys they become: `String`'s own `==`, canonical equivalence
/// (`AnyHashable`'s `==` looks up runtime metadata on every call). The run's keys are handed to
/// `OrderedDictionary` as unique, so a pair this type lets through that `AnyHashable` holds
/// equal would break the dictionary. ``DynamicDecoder`` and ``OnePassAnyDecoder`` both end the
/// run at the first repeat and key the rest of the map through `updateValue`, which reports it.
///
/// Three ways, from the cheapest:
/// - While every key of the run is ASCII of at most 15 bytes (the common case, given through
///   ``insert(_:shortBytes:words:)``), the keys are compared by their ``ShortTextWords``, kept
///   on a stack of words the decoder keeps for the whole decode (a map inside a value of the
///   run pushes its own keys above these, and takes them off before the run goes on): two
///   ASCII texts are canonically equivalent exactly when their bytes are the same. Nothing is
///   allocated for the map.
/// - From the first other key on, as `String`s, one by one: a text of other bytes can still be
///   the same key (`"é"` and `"e\u{301}"`, and even ASCII `"K"` and the KELVIN SIGN
///   `"\u{212A}"`). Short keys still go on the stack, so that while every key is short, the
///   run's words name its keys (``shortWords(in:)``).
/// - Maps of more than ``linearSearchLimit`` keys use a set of `String`s from the start.
struct DistinctTextKeys {
    /// Maps with more keys than this check text keys for repeats with a set.
    static let linearSearchLimit = 16

    /// Where this run's keys start on the stack of words.
    private let firstWord: Int
    /// The run's keys as strings, once one of them is not short ASCII text.
    private var texts: [String] = []
    private var comparesTexts = false
    /// Whether every key so far is short, and so on the stack.
    private var allShort = true
    private var seen: Set<String>?

    /// Room for the text keys of a map of `count` pairs, `reserved` of which to allocate now
    /// for a large map; `words` is the stack of words as the run starts.
    init(count: Int, reserving reserved: Int, words: [UInt64] = []) {
        firstWord = words.count
        if count > Self.linearSearchLimit {
            seen = Set(minimumCapacity: reserved)
        }
    }

    /// Adds `text` and returns `true`, or returns `false` when it is already there. `shortBytes`
    /// is its UTF-8 when that has at most 15 bytes with 16 readable from the first (as
    /// ``OnePassInput/shortText(at:)`` gives them), and `words` the stack of words.
    @inline(__always)
    mutating func insert(_ text: String, shortBytes: UnsafeBufferPointer<UInt8>?, words: inout [UInt64]) -> Bool {
        guard seen == nil, let bytes = shortBytes, let start = bytes.baseAddress, bytes.count < 16 else {
            allShort = false
            return insert(text, words: words)
        }
        let (leading, trailing) = ShortTextWords.load(UnsafeRawPointer(start), count: bytes.count)
        if !comparesTexts && ShortTextWords.isASCII(leading: leading, trailing: trailing) {
            var index = firstWord
            while index < words.count {
                if words[index] == leading && words[index &+ 1] == trailing { return false }
                index &+= 2
            }
        } else if !insert(text, words: words) {
            return false
        }
        words.append(leading)
        words.append(trailing)
        return true
    }

    /// Adds `text` and returns `true`, or returns `false` when it is already there; `words` is
    /// the stack of words, which holds the run's keys so far while all are short.
    mutating func insert(_ text: String, words: [UInt64] = []) -> Bool {
        if seen != nil {
            return seen?.insert(text).inserted ?? false
        }
        if !comparesTexts {
            // Every key so far is short ASCII text, on the stack.
            texts = stride(from: firstWord, to: words.count - 1, by: 2).map {
                ShortTextWords.text(leading: words[$0], trailing: words[$0 + 1])
            }
            comparesTexts = true
        }
        if texts.contains(where: { $0 == text }) { return false }
        texts.append(text)
        return true
    }

    /// Adds a short key, given by its ``ShortTextWords``, known to differ from every key of the
    /// run so far: the keys of an earlier run, taken over in order.
    mutating func insertDistinct(leading: UInt64, trailing: UInt64, words: inout [UInt64]) {
        if seen != nil || comparesTexts || !ShortTextWords.isASCII(leading: leading, trailing: trailing) {
            _ = insert(ShortTextWords.text(leading: leading, trailing: trailing), words: words)
        }
        if seen == nil {
            words.append(leading)
            words.append(trailing)
        }
    }

    /// The run's keys as words (two each, in order) while every one is short, or `nil` once
    /// one is not.
    func shortWords(in words: [UInt64]) -> ArraySlice<UInt64>? {
        guard seen == nil, allShort else { return nil }
        return words[firstWord...]
    }

    /// Takes the run's keys off the stack of words, at the end of the run.
    func end(words: inout [UInt64]) {
        if words.count > firstWord {
            words.removeSubrange(firstWord...)
        }
    }
}
