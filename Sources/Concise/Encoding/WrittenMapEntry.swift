/// Where the bytes of a map's entry lie in a ``ByteWriter``'s output: its key's, then its
/// value's. The encoders that put a map's entries in canonical order write each entry where the
/// map holds it, then move the entries' bytes into order (``ByteWriter/reorderWritten(from:as:)``).
struct WrittenMapEntry {
    /// Where the entry's key starts.
    let start: Int
    /// Where its key ends and its value starts.
    let keyEnd: Int
    /// Where its value ends.
    let end: Int

    /// The entry's bytes.
    var bytes: Range<Int> { start..<end }

    /// How this entry's key compares with `other`'s in canonical order: by the length of their
    /// bytes first when `lengthFirst` (``CBORKeyOrder/lengthFirst``), then by their bytes.
    /// Negative when this key comes first, zero when the two are the same bytes.
    func keyOrder(against other: WrittenMapEntry, lengthFirst: Bool, in writer: inout ByteWriter) -> Int {
        let (length, otherLength) = (keyEnd - start, other.keyEnd - other.start)
        if lengthFirst, length != otherLength {
            return length - otherLength
        }
        return writer.compareWritten(start..<keyEnd, other.start..<other.keyEnd)
    }
}
