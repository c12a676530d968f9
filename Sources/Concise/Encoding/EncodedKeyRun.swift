/// The string keys of a map ``CBORWriter`` wrote, and where their bytes lie in its output.
///
/// The `Any` decoder gives maps whose leading keys repeat the last map's one key storage (as
/// every record of a list does), so a later map with that very storage, at the same depth,
/// copies these bytes again from earlier in the output instead of encoding each key through
/// `Any`. The output grows, so the bytes stay where they were written, except where the writer
/// puts the entries of a map in order after writing them (``forgetBytes(from:)``); a writer
/// that writes to another output for a while (``CBORWriter``'s canonical order) keeps other
/// runs meanwhile.
struct EncodedKeyRun {
    /// The key storage, held so that its address cannot be reused while the run is kept.
    private var keys: [AnyHashable] = []
    /// Where each key's bytes start and end in the output, two offsets per key; past
    /// `2 * recorded`, room kept from earlier runs.
    private var bounds: [Int] = []
    /// How many keys' bounds the run holds.
    private var recorded = 0

    /// Whether `other` is this run's very key storage, every key of it recorded: the same
    /// buffer, of the same count. A shared buffer cannot change while the run holds it.
    func holds(_ other: [AnyHashable]) -> Bool {
        !keys.isEmpty && keys.count == other.count && recorded == keys.count
            && keys.withUnsafeBufferPointer { mine in
                other.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
            }
    }

    /// Writes the bytes of the key at `index` (below the count of the keys it holds) again.
    func write(keyAt index: Int, to output: inout ByteWriter) {
        output.writeWritten(bounds[2 &* index]..<bounds[2 &* index &+ 1])
    }

    /// Starts again for `keys`, whose bytes ``record(written:)`` then adds one key at a time;
    /// keeps the room it had.
    mutating func start(for keys: [AnyHashable]) {
        self.keys = keys
        recorded = 0
    }

    /// Forgets the keys' bytes when some lie at `offset` or later: bytes there moved.
    mutating func forgetBytes(from offset: Int) {
        if recorded > 0, bounds[2 &* recorded &- 1] > offset {
            keys = []
            recorded = 0
        }
    }

    /// Records that the next key's bytes are those the output holds in `range`.
    mutating func record(written range: Range<Int>) {
        let slot = 2 &* recorded
        if slot < bounds.count {
            bounds[slot] = range.lowerBound
            bounds[slot &+ 1] = range.upperBound
        } else {
            bounds.append(range.lowerBound)
            bounds.append(range.upperBound)
        }
        recorded &+= 1
    }
}
