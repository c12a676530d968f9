import Foundation

/// Thrown inside ``CodableStreamEncoder`` when a value uses Codable in a way only the node tree
/// of ``CodableEncoder`` can honour; the whole value is then encoded again through the tree.
struct StreamingUnsupported: Error {}

/// The `Encoder` of ``CBOREncoder/encode(_:)-(Encodable)`` for the common case: each value's
/// bytes are written as its `encode(to:)` produces them, and a container's head, written as a
/// one-byte placeholder, is patched when the container closes.
///
/// Codable lets containers be filled in any order. This encoder handles nested order: writing
/// into a container closes the containers opened after it. Writing into a closed container, a
/// repeated key, a second value for a single-value container or a super encoder throws
/// ``StreamingUnsupported`` (or, where Codable's API cannot throw, sets ``failed``), and the
/// caller starts again with ``CodableEncoder``. One encoder object serves every nested value,
/// so encoding a value allocates no encoder and no node.
final class CodableStreamEncoder: Encoder {
    /// A container whose head is not written yet.
    struct OpenContainer {
        let id: Int
        /// The offset of the placeholder head.
        let headOffset: Int
        let isMap: Bool
        /// Items, or pairs for a map, written so far.
        var count = 0
        /// Where the ranges of this map's keys start in `keyRanges`.
        let firstKey: Int
        /// The hashes of this map's keys, once it has more than ``keyScanLimit``: a
        /// `[String: V]` of n entries would otherwise compare each key with every earlier one.
        var keyHashes: Set<Int>?
    }

    /// Maps with up to this many keys find a repeated key by comparing it with each earlier one.
    static let keyScanLimit = 16

    /// What the value being encoded has asked for so far.
    enum ValueState {
        /// Before the top-level value.
        case topLevel
        /// Nothing: the value's encoding has not begun writing.
        case pending
        /// The container with this id.
        case container(Int)
        /// A single value, already written.
        case single
    }

    let options: CBOREncoder
    @exclusivity(unchecked)
    var writer: ByteWriter
    @exclusivity(unchecked)
    private(set) var open: [OpenContainer] = []
    @exclusivity(unchecked)
    private var nextID = 0
    /// Where each key of the open maps was written, to find a repeated key.
    @exclusivity(unchecked)
    private var keyRanges: [Range<Int>] = []
    /// The keys down to the value being encoded.
    @exclusivity(unchecked)
    private(set) var path: [PathKey] = []
    @exclusivity(unchecked)
    var state = ValueState.topLevel
    /// Set when a call that cannot throw met something only the tree encoder handles.
    @exclusivity(unchecked)
    private(set) var failed = false

    var codingPath: [any CodingKey] { path.map(\.codingKey) }
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    init(options: CBOREncoder) {
        self.options = options
        self.writer = ByteWriter(backend: options.backend, capacity: 256)
    }

    /// Gives up on streaming: the caller encodes the value again through the tree.
    func unsupported() -> StreamingUnsupported {
        failed = true
        return StreamingUnsupported()
    }

    // MARK: Values

    /// Writes `value`, found under `key` of the enclosing container (`nil` at the root and for
    /// a single-value container); `extra` holds the keys of the nested containers between the
    /// value being encoded and that container.
    func encode<T: Encodable>(_ value: T, key: PathKey?, under extra: [PathKey] = []) throws {
        if failed { throw StreamingUnsupported() }
        if let kind = CodableScalar(T.self) {
            writeScalar(kind, value)
            return
        }
        do {
            if CodableEncoder.isSpecial(T.self), try writeFoundationValue(value, key: key, under: extra) {
                return
            }
            try encodeNested(key: key, under: extra, topLevelMayBeEmpty: false) { try value.encode(to: self) }
        } catch {
            // Half a value is written. If the caller's `encode(to:)` catches the error and goes
            // on, only the tree (which drops the failed value) can give the right bytes.
            failed = true
            throw error
        }
    }

    /// Runs `body`, the `encode(to:)` of a value under `key` (of a container `extra` keys
    /// below the value being encoded), and closes what it opened; a value that asked for
    /// nothing is `emptyValue` (an empty map), as in the tree encoder. At the top level, unless
    /// `topLevelMayBeEmpty`, such a value hands over to the tree, which throws JSONEncoder's
    /// error.
    private func encodeNested(
        key: PathKey?, under extra: [PathKey], emptyValue: UInt8 = 0xa0, topLevelMayBeEmpty: Bool = true,
        _ body: () throws -> Void
    ) throws {
        let saved = state
        state = .pending
        if let key {
            if !extra.isEmpty { path.append(contentsOf: extra) }
            path.append(key)
        }
        try body()
        if key != nil {
            // One element removed alone: `removeLast(_:)` replaces a subrange, which costs more.
            path.removeLast()
            if !extra.isEmpty { path.removeLast(extra.count) }
        }
        switch state {
        case .pending, .topLevel:  // (`body` never leaves `.topLevel`)
            if !topLevelMayBeEmpty, case .topLevel = saved { throw unsupported() }
            writer.writeByte(emptyValue)
        case .container(let id):
            guard let index = open.lastIndex(where: { $0.id == id }) else { throw unsupported() }
            while open.count > index { closeInnermost() }
        case .single:
            break
        }
        state = saved
    }

    /// A scalar or an array of scalars, written directly; `kind` says exactly what `T` is.
    private func writeScalar<T>(_ kind: CodableScalar, _ value: T) {
        switch kind {
        case .string: writer.writeText(unsafeBitCast(value, to: String.self))
        case .int: writeInteger(Int64(unsafeBitCast(value, to: Int.self)))
        case .double: writer.writeDouble(unsafeBitCast(value, to: Double.self))
        case .bool: writer.writeByte(unsafeBitCast(value, to: Bool.self) ? 0xf5 : 0xf4)
        case .int64: writeInteger(unsafeBitCast(value, to: Int64.self))
        case .float: writer.writeFloat(unsafeBitCast(value, to: Float.self))
        case .uint8: writer.writeHead(major: 0, argument: UInt64(unsafeBitCast(value, to: UInt8.self)))
        case .int32: writeInteger(Int64(unsafeBitCast(value, to: Int32.self)))
        case .uint64: writer.writeHead(major: 0, argument: unsafeBitCast(value, to: UInt64.self))
        case .uint32: writer.writeHead(major: 0, argument: UInt64(unsafeBitCast(value, to: UInt32.self)))
        case .strings: writeArray(unsafeBitCast(value, to: [String].self)) { $0.writeText($1) }
        case .ints: writeArray(unsafeBitCast(value, to: [Int].self)) { Self.writeInteger(Int64($1), to: &$0) }
        case .doubles: writeArray(unsafeBitCast(value, to: [Double].self)) { $0.writeDouble($1) }
        case .bools: writeArray(unsafeBitCast(value, to: [Bool].self)) { $0.writeByte($1 ? 0xf5 : 0xf4) }
        case .int64s: writeArray(unsafeBitCast(value, to: [Int64].self)) { Self.writeInteger($1, to: &$0) }
        case .floats: writeArray(unsafeBitCast(value, to: [Float].self)) { $0.writeFloat($1) }
        case .uint8s: writeArray(unsafeBitCast(value, to: [UInt8].self)) { $0.writeHead(major: 0, argument: .init($1)) }
        }
    }

    private func writeArray<Element>(_ items: [Element], _ write: (inout ByteWriter, Element) -> Void) {
        writer.writeHead(major: 4, argument: UInt64(items.count))
        for item in items { write(&writer, item) }
    }

    func writeInteger(_ value: Int64) {
        Self.writeInteger(value, to: &writer)
    }

    private static func writeInteger(_ value: Int64, to writer: inout ByteWriter) {
        if value >= 0 {
            writer.writeHead(major: 0, argument: UInt64(value))
        } else {
            writer.writeHead(major: 1, argument: UInt64(~value))  // -1 - value
        }
    }

    /// `Date`, `Data`, `URL`, `UUID`, `Decimal` and ``CBOR``, as the tree encoder writes them;
    /// `false` when `value` is none of those.
    private func writeFoundationValue<T: Encodable>(_ value: T, key: PathKey?, under extra: [PathKey]) throws -> Bool {
        let valuePath = { self.codingPath(of: key, under: extra) }
        if let special = try CodableEncoder.foundationValue(value, options: options, codingPath: valuePath) {
            do {
                try ValueWriter(options: options).write(special, to: &writer)
            } catch {
                let context = EncodingError.Context(codingPath: valuePath(), debugDescription: error.description, underlyingError: error)
                throw EncodingError.invalidValue(value, context)
            }
            return true
        }
        guard let date = value as? Date else { return false }
        if case .custom(let encode) = options.dateStrategy {
            try encodeNested(key: key, under: extra) { try encode(date, self) }
        } else {
            try encodeNested(key: key, under: extra, emptyValue: 0xf6) { try date.encode(to: self) }
        }
        return true
    }

    // MARK: Containers

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(StreamKeyedContainer<Key>(encoder: self, id: valueContainer(isMap: true), pathDepth: path.count))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        StreamUnkeyedContainer(encoder: self, id: valueContainer(isMap: false), pathDepth: path.count)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingleValueContainer(encoder: self)
    }

    /// The container of the value being encoded: opened on the first request, the same one on
    /// the next (as a class and its superclass both ask), and -1 when streaming cannot go on.
    private func valueContainer(isMap: Bool) -> Int {
        switch state {
        case .pending:
            let id = openContainer(isMap: isMap)
            state = .container(id)
            return id
        case .container(let id) where open.last(where: { $0.id == id })?.isMap == isMap:
            return id
        default:
            failed = true
            return -1
        }
    }

    /// Writes a placeholder head and returns the new container's id.
    func openContainer(isMap: Bool) -> Int {
        let id = nextID
        nextID += 1
        open.append(OpenContainer(id: id, headOffset: writer.count, isMap: isMap, firstKey: keyRanges.count))
        writer.writeByte(0)
        return id
    }

    /// Makes the container `id` the innermost open one, closing those opened after it.
    private func makeInnermost(_ id: Int) throws {
        if failed { throw StreamingUnsupported() }
        if open.last?.id == id { return }
        guard let index = open.lastIndex(where: { $0.id == id }) else { throw unsupported() }
        while open.count > index + 1 { closeInnermost() }
    }

    private func closeInnermost() {
        let container = open.removeLast()
        keyRanges.removeSubrange(container.firstKey...)
        writer.patchContainerHead(at: container.headOffset, major: container.isMap ? 5 : 4, count: container.count)
    }

    /// Writes `key` as the next key of map `id`; a key already in the map ends streaming (the
    /// last value for a key wins, in the first one's place, which only the tree can do).
    func beginEntry(in id: Int, key: some CodingKey) throws {
        try makeInnermost(id)
        let start = writer.count
        if options.keyStrategy == .useIntegerKeys, let integer = CodingKeyInteger.of(key) {
            writeInteger(Int64(integer))
        } else {
            writer.writeText(key.stringValue)
        }
        let range = start..<writer.count
        let innermost = open.count - 1
        // (No slice of `keyRanges` may outlive this check: it would make the append below copy
        // the whole array.)
        let earlierKeys = open[innermost].firstKey..<keyRanges.count
        var mayRepeat = true
        if earlierKeys.count >= Self.keyScanLimit {
            // Moved out and back, so that inserting never copies the set.
            var hashes = open[innermost].keyHashes.take() ?? Set(earlierKeys.map { writer.writtenBytesHash(keyRanges[$0]) })
            mayRepeat = !hashes.insert(writer.writtenBytesHash(range)).inserted
            open[innermost].keyHashes = hashes
        }
        if mayRepeat {
            for earlier in earlierKeys where writer.writtenBytesEqual(keyRanges[earlier], range) {
                throw unsupported()
            }
        }
        keyRanges.append(range)
        open[innermost].count += 1
    }

    /// Counts the next item of array `id`; returns its position.
    func beginItem(in id: Int) throws -> Int {
        try makeInnermost(id)
        let innermost = open.count - 1
        open[innermost].count += 1
        return open[innermost].count - 1
    }

    /// The bytes, once every container is closed.
    func finish() -> [UInt8] {
        while !open.isEmpty { closeInnermost() }
        let written = writer
        writer = ByteWriter(backend: options.backend, capacity: 0)  // leaves `written` unique
        return written.finish()
    }

    /// The coding path of the value under `key` of a container `extra` keys below the value
    /// being encoded.
    func codingPath(of key: PathKey?, under extra: [PathKey]) -> [any CodingKey] {
        (path + extra + (key.map { [$0] } ?? [])).map(\.codingKey)
    }

    /// The coding path of a container made at `depth`, with `extra` keys of nested containers.
    func codingPath(depth: Int, extra: [PathKey]) -> [any CodingKey] {
        (path.prefix(depth) + extra).map(\.codingKey)
    }
}
