/// The string keys of a map ``CBORWriter`` wrote, and the bytes they encoded to.
///
/// The `Any` decoder gives maps whose leading keys repeat the last map's one key storage (as
/// every record of a list does), so a later map with that very storage, at the same depth,
/// writes these bytes again instead of encoding each key through `Any`.
struct EncodedKeyRun {
    /// The key storage, held so that its address cannot be reused while the run is kept.
    private var keys: [AnyHashable] = []
    private var bytes: [UInt8] = []
    /// Where each key's bytes end in `bytes`.
    private var ends: [Int] = []

    /// Whether `other` is this run's very key storage: the same buffer, of the same count. A
    /// shared buffer cannot change while the run holds it.
    func holds(_ other: [AnyHashable]) -> Bool {
        !keys.isEmpty && keys.count == other.count
            && keys.withUnsafeBufferPointer { mine in
                other.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
            }
    }

    /// Writes the bytes of the key at `index` (below the count of the keys it holds).
    func write(keyAt index: Int, to output: inout ByteWriter) {
        let start = index == 0 ? 0 : ends[index - 1]
        bytes.withUnsafeBufferPointer { output.writeBytes(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    /// Starts again for `keys`, whose bytes ``append(written:of:)`` then adds one key at a time;
    /// keeps the room it had.
    mutating func start(for keys: [AnyHashable]) {
        self.keys = keys
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds the bytes `output` holds in `range`: the next key's.
    mutating func append(written range: Range<Int>, of output: inout ByteWriter) {
        output.appendWritten(range, to: &bytes)
        ends.append(bytes.count)
    }
}
