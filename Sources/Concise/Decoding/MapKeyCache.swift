/// The short text map keys one decode has already made, so that the keys every record of a
/// large input repeats are validated and built once, not once a record.
///
/// A direct-mapped table of ``slotCount`` keys of up to 15 UTF-8 bytes (Swift's small strings),
/// indexed by a hash of their bytes. A lookup loads a key's bytes as two words, so it reads 16
/// bytes from the key's first whatever the key's length: ``OnePassInput/shortText(at:)`` offers
/// only keys that have them. A slot holds the key's exact bytes and length, so a hit is the same
/// text; a miss costs the probe and replaces whatever held the slot.
///
/// Each decode has its own cache, used only for inputs of at least ``minimumInputCount`` bytes
/// (below that, the table would cost more than the keys it could save) and allocated at the
/// first key it is asked for, so an input without maps never pays for it.
struct MapKeyCache<Key> {
    /// The number of slots.
    static var slotCount: Int { 128 }

    /// Inputs shorter than this decode without a cache.
    static var minimumInputCount: Int { 4096 }

    /// Where a key's bytes go in the table: its slot and its bytes as two words.
    struct Probe {
        fileprivate let slot: Int
        fileprivate let leading: UInt64
        fileprivate let trailing: UInt64
    }

    /// Two words a slot: bytes 0–7, then bytes 8–14 with the length in the top byte. An empty
    /// slot holds all ones, which no key's trailing word can (the length is at most 15).
    private var words: [UInt64] = []
    private var keys: [Key?] = []

    /// Whether the cache keeps keys at all.
    let isEnabled: Bool

    /// A cache for an input of `inputCount` bytes: disabled (every probe fails, nothing is kept)
    /// below ``minimumInputCount``.
    init(inputCount: Int) {
        isEnabled = inputCount >= Self.minimumInputCount
    }

    /// The probe for `text`, whose 16 bytes from the first must be readable; at most 15 of them
    /// are the key. `nil` when the cache is disabled or the text is longer.
    @inline(__always)
    mutating func probe(_ text: UnsafeBufferPointer<UInt8>) -> Probe? {
        guard let start = text.baseAddress, text.count < 16, isEnabled else { return nil }
        if keys.isEmpty {
            allocate()
        }
        let raw = UnsafeRawPointer(start)
        var leading = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        var trailing = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        // Keep the key's own bytes: the rest belong to whatever follows it.
        if text.count < 8 {
            leading &= (1 &<< UInt64(text.count &* 8)) &- 1
            trailing = 0
        } else {
            trailing &= (1 &<< UInt64((text.count &- 8) &* 8)) &- 1
        }
        trailing |= UInt64(text.count) &<< 56
        let mixed = (leading ^ (trailing &* 0x9e37_79b9_7f4a_7c15)) &* 0xbf58_476d_1ce4_e5b9
        let slot = Int(truncatingIfNeeded: mixed &>> 57) & (Self.slotCount &- 1)
        return Probe(slot: slot, leading: leading, trailing: trailing)
    }

    @inline(never)
    private mutating func allocate() {
        words = Array(repeating: .max, count: 2 * Self.slotCount)
        keys = Array(repeating: nil, count: Self.slotCount)
    }

    /// The key kept for the probed bytes, or `nil` when the slot holds another key or none.
    @inline(__always)
    subscript(probe: Probe) -> Key? {
        guard words[2 &* probe.slot] == probe.leading, words[2 &* probe.slot &+ 1] == probe.trailing else {
            return nil
        }
        return keys[probe.slot]
    }

    /// Keeps `key`, made from the probed bytes, in place of whatever held its slot.
    @inline(__always)
    mutating func keep(_ key: Key, for probe: Probe) {
        words[2 &* probe.slot] = probe.leading
        words[2 &* probe.slot &+ 1] = probe.trailing
        keys[probe.slot] = key
    }
}
