/// An entry of a map with `String` keys as `CBORWriter` wrote it before putting the entries
/// in canonical order: where its bytes lie in the output (key first), and its key's
/// ``TextKeyRank``.
struct WrittenTextEntry {
    /// The key's rank; its position is where the entry's bytes start.
    let rank: TextKeyRank
    /// Where the entry's bytes end.
    let end: Int

    /// The bytes of the entry in the output.
    var bytes: Range<Int> { rank.position..<end }

    /// Whether this entry's key comes before `other`'s in canonical order
    /// (``TextKeyRank/precedes(_:bytesPrecede:)``), keys of the same length and first 8 bytes
    /// told apart by the entries' bytes in `output`. Those keys have the same head, and the
    /// keys of one map differ, so the first byte in which the entries differ is a byte of
    /// their keys.
    @inline(__always)
    func precedes(_ other: WrittenTextEntry, in output: inout ByteWriter) -> Bool {
        rank.precedes(other.rank) { output.writtenBytesPrecede(bytes, other.bytes) }
    }
}
