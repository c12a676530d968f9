/// The kind of a data item head, as both head readers report it and the tape stores it.
enum ItemKind: UInt8, Sendable {
    case unsigned, negative, byteString, textString, array, map, tag, simple
    case half, float, double
    /// The break stop code `0xff`; reported by head readers, never stored on the tape.
    case breakCode
}

/// One data item of a scanned input: the fixed-size record the decoding consumers read.
///
/// The tape is in pre-order. Containers and tags record where their subtree ends, so a consumer
/// can skip an item without looking inside it.
struct TapeEntry: Sendable {
    /// What the item is.
    var kind: ItemKind
    /// Whether the item was written with indefinite length.
    var isIndefinite: Bool
    /// The integer value, `n` of a negative integer, tag number, simple value, float bit
    /// pattern, string byte length (indefinite: the total of its chunks), array item count or
    /// map pair count.
    var argument: UInt64
    /// The byte offset of the item's head in the input.
    var offset: Int
    /// Definite strings: the byte offset of the payload. Indefinite strings, arrays, maps and
    /// tags: the tape index just past the item's last descendant.
    var link: Int

    init(kind: ItemKind, isIndefinite: Bool, argument: UInt64, offset: Int, link: Int) {
        self.kind = kind
        self.isIndefinite = isIndefinite
        self.argument = argument
        self.offset = offset
        self.link = link
    }
}

/// A head as a head reader reports it.
struct Head: Sendable {
    var kind: ItemKind
    var isIndefinite: Bool
    var argument: UInt64
    /// The number of bytes of the head itself (payload excluded).
    var length: Int

    init(kind: ItemKind, isIndefinite: Bool = false, argument: UInt64, length: Int) {
        self.kind = kind
        self.isIndefinite = isIndefinite
        self.argument = argument
        self.length = length
    }
}

/// Reads the head of the data item at a byte offset. One implementation calls libcbor, the
/// other is written in Swift; both must report identical heads and identical errors.
protocol HeadReader {
    /// Creates a reader over `bytes`, which must stay valid while the reader is used.
    init(bytes: UnsafeBufferPointer<UInt8>)

    /// Reads the head at `offset`; for definite-length strings it also makes sure the payload
    /// is present.
    mutating func readHead(at offset: Int) throws(CBORError) -> Head

    /// Reads the head at `offset`, whose initial byte the caller has read: an integer's with
    /// additional information below 28, or a double's (`0xfb`). The same head as
    /// ``readHead(at:)``, with no check of what kind of head it is.
    mutating func readNumberHead(at offset: Int) throws(CBORError) -> Head
}

extension HeadReader {
    /// ``readHead(at:)``, where no shorter way is known.
    @inline(__always)
    mutating func readNumberHead(at offset: Int) throws(CBORError) -> Head {
        try readHead(at: offset)
    }
}
