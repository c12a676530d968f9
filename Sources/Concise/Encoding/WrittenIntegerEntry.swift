/// An entry of a Swift dictionary with `Int` keys as ``CBORWriter`` wrote it before putting
/// the entries in canonical order: where its bytes lie in the output (key first), and what
/// orders its key, read off the integer.
struct WrittenIntegerEntry {
    /// What orders the key before its argument: the head's length (when keys are ordered
    /// length first) and its major type, `length << 1 | major`.
    let group: UInt8
    /// The head's argument: the key, or `-1 - key` for a negative key.
    let argument: UInt64
    /// Where the entry's bytes start.
    let start: Int
    /// Where they end.
    let end: Int

    /// The bytes of the entry in the output.
    var bytes: Range<Int> { start..<end }

    /// The entry of `key`, written from `start` to `end`; `lengthFirst` for
    /// ``CBORKeyOrder/lengthFirst``.
    ///
    /// A head's bytes order integers as their values do within a major type and a length:
    /// the shorter argument has the smaller additional information (`0x17` < `0x18 xx` <
    /// `0x19 xxxx`…), and arguments of one width compare big-endian. Bytewise, every
    /// unsigned key (major 0) comes before every negative one (major 1); length first, the
    /// head's length decides first.
    @inline(__always)
    init(key: Int, start: Int, end: Int, lengthFirst: Bool) {
        let major: UInt8 = key < 0 ? 1 : 0
        argument = UInt64(bitPattern: Int64(key < 0 ? ~key : key))
        let length = UInt8(truncatingIfNeeded: NativeHeadWriter.headLength(argument: argument))
        group = lengthFirst ? length << 1 | major : major
        self.start = start
        self.end = end
    }

    /// Whether this entry's key comes before `other`'s in canonical order.
    @inline(__always)
    func precedes(_ other: WrittenIntegerEntry) -> Bool {
        group != other.group ? group < other.group : argument < other.argument
    }
}
