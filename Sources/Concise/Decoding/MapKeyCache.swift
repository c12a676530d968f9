/// The short text map keys one decode has already made, so that the keys every record of a
/// large input repeats are validated and built once, not once a record.
///
/// A direct-mapped table of ``slotCount`` keys of up to 15 UTF-8 bytes (Swift's small strings),
/// indexed by a hash of their bytes. A lookup loads a key's bytes as two words, so it reads 16
/// bytes from the key's first whatever the key's length: ``OnePassInput/shortText(at:)`` offers
/// only keys that have them. A slot holds the key's exact bytes and length, so a hit is the same
/// text; a miss costs the probe and the store of the new key in place of whatever held the slot.
///
/// Each decode has its own cache, used only for inputs of at least ``minimumInputCount`` bytes
/// and allocated at the first key it is asked for, so an input without maps never pays for it.
/// It stops for the rest of the decode once misses outrun hits by ``missAllowance``: a large
/// map of distinct keys would otherwise pay a probe and a store for every key (a third more
/// instructions on the value path) and never get anything back.
struct MapKeyCache<Key> {
    /// How many bits of the hash pick a slot.
    private static var slotBits: Int { 7 }

    /// The number of slots.
    static var slotCount: Int { 1 << slotBits }

    /// Inputs shorter than this decode without a cache.
    static var minimumInputCount: Int { 4096 }

    /// How far misses may outrun hits before the cache stops: the credit it starts with, and
    /// the most that hits can build up.
    static var missAllowance: Int { 64 }

    /// Two words a slot (``ShortTextWords``): bytes 0–7, then bytes 8–14 with the length in the
    /// top byte. An empty slot holds all ones, which no key's trailing word can (the length is
    /// at most 15).
    private var words: [UInt64] = []
    private var keys: [Key?] = []
    /// Misses still allowed: a hit adds one (up to ``missAllowance``), a miss takes one, and at
    /// zero the cache stops.
    private var credit: Int

    /// A cache for an input of `inputCount` bytes, stopped from the start below
    /// ``minimumInputCount``.
    init(inputCount: Int) {
        credit = inputCount < Self.minimumInputCount ? 0 : Self.missAllowance
    }

    /// Whether the cache still looks keys up and keeps them.
    var isEnabled: Bool { credit > 0 }

    /// The key for `text`, a short text of at most 15 bytes with 16 readable bytes from its
    /// first (``OnePassInput/shortText(at:)``): the kept one when the cache holds these bytes,
    /// or else made by `make` from the validated text and kept. `nil` when the text is
    /// ill-formed: the general path reports where.
    @inline(__always)
    mutating func key(for text: UnsafeBufferPointer<UInt8>, make: (String) -> Key) -> Key? {
        guard credit > 0, let start = text.baseAddress, text.count < 16 else {
            return Self.made(from: text, make)
        }
        if keys.isEmpty {
            allocate()
        }
        let (slot, leading, trailing) = Self.probe(UnsafeRawPointer(start), count: text.count)
        if words[2 &* slot] == leading, words[2 &* slot &+ 1] == trailing, let key = keys[slot] {
            credit &+= 1
            return key
        }
        credit &-= 1
        guard let key = Self.made(from: text, make) else { return nil }
        words[2 &* slot] = leading
        words[2 &* slot &+ 1] = trailing
        keys[slot] = key
        return key
    }

    /// The key `make` makes from `text` once validated; `nil` when it is ill-formed.
    @inline(__always)
    private static func made(from text: UnsafeBufferPointer<UInt8>, _ make: (String) -> Key) -> Key? {
        guard UTF8Validation.firstInvalidIndex(in: text) == nil else { return nil }
        return make(TapeValueBuilder.text(text))
    }

    /// The slot of the `count` (at most 15) bytes at `start`, and those bytes as the two words a
    /// slot holds; reads 16 bytes.
    @inline(__always)
    private static func probe(_ start: UnsafeRawPointer, count: Int) -> (slot: Int, leading: UInt64, trailing: UInt64) {
        let (leading, trailing) = ShortTextWords.load(start, count: count)
        let mixed = (leading ^ (trailing &* 0x9e37_79b9_7f4a_7c15)) &* 0xbf58_476d_1ce4_e5b9
        return (Int(truncatingIfNeeded: mixed &>> UInt64(64 &- slotBits)), leading, trailing)
    }

    @inline(never)
    private mutating func allocate() {
        words = Array(repeating: .max, count: 2 * Self.slotCount)
        keys = Array(repeating: nil, count: Self.slotCount)
    }
}
