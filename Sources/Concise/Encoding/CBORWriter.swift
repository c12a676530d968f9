import OrderedCollections

/// The writer that encoders registered with ``CBOREncoder/register(_:sharing:_:)`` and the
/// ``CBOREncoder/defaultEncoder`` write through; cbor2's `CBOREncoder` as its callbacks see it.
///
/// A writer lives for one top-level ``CBOREncoder/encode(any:)`` call: its value-sharing and
/// string-reference tables start empty each time.
///
/// ```swift
/// encoder.register(Point.self) { writer, point in
///     try writer.encodeSemantic(tag: 4000, [point.x, point.y])
/// }
/// ```
public final class CBORWriter {
    /// The options of the encoder that created this writer.
    public let options: CBOREncoder
    // The mutable state is unchecked for exclusivity: the writer belongs to one encode on one
    // thread, no access to it spans a call out to user code, and the run-time checks cost
    // more than writing a number.
    @exclusivity(unchecked)
    var output: ByteWriter
    /// Shared-value indices of the class instances written so far (value sharing on).
    @exclusivity(unchecked)
    private var sharedIndices: [ObjectIdentifier: Int] = [:]
    @exclusivity(unchecked)
    private var sharedCount = 0
    /// The shared-value index of the first empty tuple written (``encodeEmptyTuple()``).
    @exclusivity(unchecked)
    private var emptyTupleIndex: Int?
    /// Class instances being written now (value sharing off), to catch cycles.
    @exclusivity(unchecked)
    private var inProgress: Set<ObjectIdentifier> = []
    /// The string-reference namespace, once the outermost container has opened it, or inside a
    /// tag 256 given as a ``CBORTag``.
    @exclusivity(unchecked)
    var stringReferences: StringReferenceTable?
    /// Whether ``CBOREncoder/stringReferencing`` has opened its namespace around the outermost
    /// container. A tag 256 given as a ``CBORTag`` opens one of its own without this, as in
    /// cbor2, so the first container inside it still opens the option's.
    @exclusivity(unchecked)
    private var optionNamespaceIsOpen = false
    @exclusivity(unchecked)
    private(set) var depth = 0
    /// How many canonical sorts are encoding items apart from the output.
    @exclusivity(unchecked)
    private var sortingDepth = 0

    /// Per depth, the string keys of the last map written there and their bytes, while the
    /// options make a key's bytes depend on nothing but the key (``EncodedKeyRun``).
    @exclusivity(unchecked)
    private var keyRuns: [EncodedKeyRun] = []
    /// What is known of the dynamic types met so far (``KnownTypes``).
    @exclusivity(unchecked)
    var knownTypes = KnownTypes()
    /// Whether a string key always encodes to the same bytes: no registered encoder could
    /// claim `String`, and neither value sharing nor string references can turn a key into a
    /// reference.
    private let keysEncodeAlike: Bool
    /// ``AnyScalars/layout``, read once: the type words of scalars in an `Any`, or `nil` where
    /// containers open each item.
    private let scalarTypeWords = AnyScalars.layout
    /// ``SmallString/isLaidOutAsExpected``, read once.
    private let smallStrings = SmallString.isLaidOutAsExpected
    /// Maps nested deeper than this encode their keys one by one, without a key run.
    private static let keyRunDepthLimit = 64

    /// The deepest nesting of values the writer follows before it reports
    /// ``CBORError/Code/depthLimitExceeded`` instead of running out of stack.
    public static let maxDepth = 2_048

    init(options: CBOREncoder) {
        self.options = options
        self.output = ByteWriter(backend: options.backend)
        self.keysEncodeAlike = options.typeEncoders.isEmpty && !options.valueSharing && !options.stringReferencing
    }

    func finish() -> [UInt8] {
        let result = output
        output = ByteWriter(backend: options.backend, capacity: 0)
        keyRuns = []
        return result.finish()
    }

    // MARK: Values

    /// Encodes any value: a registered encoder for its exact type, else a built-in type, else
    /// the default encoder.
    /// - Throws: ``CBORError/Code/noEncoderForType`` when nothing handles the value, or what a
    ///   callback throws.
    public func encode(_ value: Any) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw CBORError(.depthLimitExceeded, "values nest deeper than \(Self.maxDepth) levels")
        }
        // The commonest exact types first (no registered encoder can claim them then), before
        // the look-ups below, which cost more than writing a number.
        if options.typeEncoders.isEmpty {
            if try encodeCommonValue(value) {
                return
            }
            // Arrays, sets and dictionaries of other types, tags and tag types, before the
            // look-ups below.
            if try encodeByExactType(value) {
                return
            }
        }
        // Whether the type is an `Optional` first: casting a value to a protocol can bridge it
        // through Foundation.
        if knownTypes.facts(of: value).isOptional, let optional = value as? any AnyOptional {
            guard let wrapped = optional.wrappedValue else {
                output.writeByte(0xf6)
                return
            }
            return try encode(wrapped)
        }
        if let registered = options.typeEncoders[ObjectIdentifier(type(of: value))] {
            return try encodeRegistered(value, with: registered)
        }
        // A member of a frozen array or set as the decoder makes them (`[AnyHashable]`): the
        // value it wraps, at the same depth.
        if type(of: value) == AnyHashable.self, let hashable = value as? AnyHashable {
            depth -= 1
            defer { depth += 1 }
            return try encode(hashable.base)
        }
        // Without registered encoders, the exact types above were tried already.
        if try encodeBuiltIn(value, exactTypesTried: options.typeEncoders.isEmpty) {
            return
        }
        if let fallback = options.defaultEncoder {
            return try fallback(self, value)
        }
        throw CBORError(.noEncoderForType, "no encoder for values of type \(type(of: value))")
    }

    /// Writes a tag and then its content; cbor2's `encode_semantic`.
    /// - Parameters:
    ///   - tag: The tag number.
    ///   - content: The tag content, encoded with ``encode(_:)-(Any)``.
    public func encodeSemantic(tag: UInt64, _ content: Any) throws {
        output.writeHead(major: 6, argument: tag)
        try encode(content)
    }

    /// Writes a text string, as a tag-25 reference when string referencing makes it one.
    public func encodeString(_ text: String) {
        guard stringReferences != nil else {
            // No reference to make: the string lends its UTF-8 to the output directly.
            return output.writeText(text)
        }
        var text = text
        text.withUTF8 { writeString(major: 3, $0) }
    }

    /// Writes the text a built-in tag holds (a date, a pattern, a message) as cbor2 hands it to
    /// the `str` encoder: through an encoder registered for `String` when there is one, else
    /// straight to ``encodeString(_:)``, without ``encode(_:)``'s lookup of the type.
    func encodeTagText(_ text: String) throws {
        guard !options.typeEncoders.isEmpty, options.typeEncoders[ObjectIdentifier(String.self)] != nil else {
            return encodeString(text)
        }
        try encode(text)
    }

    /// Writes a byte string, as a tag-25 reference when string referencing makes it one.
    public func encodeBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeString(major: 2, $0) }
    }

    /// Writes an integer of any width: major type 0 or 1 within -2^64 ... 2^64 - 1, else a
    /// bignum (tag 2 or 3, RFC 8949 §3.4.3).
    public func encodeInteger<T: BinaryInteger>(_ value: T) {
        if let unsigned = UInt64(exactly: value) {
            output.writeHead(major: 0, argument: unsigned)
        } else if value < 0, let n = UInt64(exactly: ~value) {  // -1 - n == value
            output.writeHead(major: 1, argument: n)
        } else {
            encodeBigInt(CBORBigInt(value))
        }
    }

    /// Writes a ``CBOR`` value as it is, with the encoder's canonical and indefinite options.
    public func encode(_ value: CBOR) throws {
        try ValueWriter(options: options).write(value, to: &output)
    }

    // MARK: Heads

    /// Writes the head of an array of `count` items; the items must follow.
    public func encodeArrayHeader(count: Int) {
        output.writeHead(major: 4, argument: UInt64(count))
    }

    /// Writes the head of a map of `count` pairs; the keys and values must follow.
    public func encodeMapHeader(count: Int) {
        output.writeHead(major: 5, argument: UInt64(count))
    }

    /// Writes a tag head; exactly one item must follow.
    public func encodeTag(_ tag: UInt64) {
        output.writeHead(major: 6, argument: tag)
    }

    /// Writes the start of an indefinite-length array; items and ``encodeBreak()`` must follow.
    public func encodeIndefiniteArrayStart() {
        output.writeIndefiniteStart(major: 4)
    }

    /// Writes the start of an indefinite-length map; pairs and ``encodeBreak()`` must follow.
    public func encodeIndefiniteMapStart() {
        output.writeIndefiniteStart(major: 5)
    }

    /// Writes the break stop code that ends an indefinite-length item.
    public func encodeBreak() {
        output.writeBreak()
    }

    /// Writes bytes that already are one or more encoded data items.
    public func encodeRaw(_ bytes: [UInt8]) {
        output.writeBytes(bytes)
    }

    // MARK: Containers

    /// Writes an array as ``encodeArray(_:)`` does but never marked shareable: cbor2 writes the
    /// pair of a `Fraction` (tag 30) so, indefinite and in a string-reference namespace as any
    /// list, but without tag 28 under value sharing.
    func encodeUnshareableArray(_ items: [Any]) throws {
        skipNextShareMark = true
        try encodeArray(items)
    }

    /// Writes an empty frozen array under value sharing. CPython has one empty tuple, so cbor2
    /// writes every empty tuple after the first as a reference to it: empty `[AnyHashable]`
    /// arrays, and the tuple of members cbor2 writes for an empty set when not canonical.
    func encodeEmptyTuple() throws {
        if let index = emptyTupleIndex {
            output.writeHead(major: 6, argument: 29)
            output.writeHead(major: 0, argument: UInt64(index))
            return
        }
        // The index the mark is about to take (none while sorting, or inside a shared box).
        if sortingDepth == 0, !skipNextContainerMark, !skipNextShareMark {
            emptyTupleIndex = sharedCount
        }
        try encodeArray([Any]())
    }

    /// Writes an array of any values, with value sharing and string-reference namespace
    /// handling as cbor2 applies them to lists.
    func encodeArray(_ items: [Any]) throws {
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 4)
            } else {
                output.writeHead(major: 4, argument: UInt64(items.count))
            }
            let quick = writesScalarsInPlace
            // A leading run of scalars is written from the words where they lie
            // (``encodeLeadingScalars(in:typeWords:)``), the rest item by item.
            var index = 0
            if quick, let typeWords = scalarTypeWords {
                index = items.withUnsafeBufferPointer { encodeLeadingScalars(in: $0, typeWords: typeWords) }
            }
            // By index: the items are borrowed in place, where iterating would copy each one.
            while index < items.count {
                try encodeItem(items[index], quick: quick)
                index += 1
            }
            if options.indefiniteContainers {
                output.writeBreak()
            }
        }
    }

    /// Writes a Swift array of another element type as ``encodeArray(_:)`` writes it bridged
    /// to `[Any]`; an array of `UInt8` is a byte string.
    func encodeArray<Element>(elements items: [Element]) throws {
        if Element.self == UInt8.self {
            return encodeBytes(unsafeBitCast(items, to: [UInt8].self))
        }
        if Element.self == AnyHashable.self, items.isEmpty, options.valueSharing {
            return try encodeEmptyTuple()
        }
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 4)
            } else {
                output.writeHead(major: 4, argument: UInt64(items.count))
            }
            let quick = writesScalarsInPlace
            let kind = ElementKind(Element.self)
            // By pointer: this generic code runs unspecialized, where the iterator and the
            // boxing of each item go through the runtime (``ElementKind``).
            try items.withUnsafeBufferPointer { buffer in
                guard let first = buffer.baseAddress else { return }
                for index in 0..<buffer.count {
                    try encodeElement(at: first + index, kind: kind, quick: quick)
                }
            }
            if options.indefiniteContainers {
                output.writeBreak()
            }
        }
    }

    /// `value` as an `Any` whose dynamic type is the value's own: a generic value that is
    /// itself an `Any` would otherwise be boxed again, and be seen as an `Any` when opened.
    @inline(__always)
    static func boxed<Value>(_ value: Value) -> Any {
        if Value.self == Any.self {
            return unsafeBitCast(value, to: Any.self)
        }
        return value
    }

    /// Writes the `Any` at `item` from its words (``AnyScalars``) when it holds a `Double`, an
    /// `Int`, a `Bool`, or a small `String` with no string reference to make, as
    /// ``encodeScalar(opened:)`` writes them; whether it did. Call it where that may write the
    /// item (``writesScalarsInPlace``).
    @inline(__always)
    func encodeScalar(at item: UnsafeRawPointer, typeWords: AnyScalars.TypeWords) -> Bool {
        let type = AnyScalars.typeWord(at: item)
        if type == typeWords.double {
            encodeDoubleItem(item.load(as: Double.self))
        } else if type == typeWords.int {
            encodeInteger(item.load(as: Int.self))
        } else if type == typeWords.bool {
            output.writeByte(item.load(as: UInt8.self) != 0 ? 0xf5 : 0xf4)
        } else if type == typeWords.string, stringReferences == nil, smallStrings,
            let words = SmallString.words(ofStringBits: item.load(as: (UInt64, UInt64).self))
        {
            output.writeSmallText(leading: words.leading, trailing: words.trailing)
        } else {
            return false
        }
        return true
    }

    /// Writes the leading run of items of `buffer` that ``encodeScalar(at:typeWords:)`` writes
    /// from their words; how many it wrote. Only the leading run: taking up runs again after
    /// other items made the array's loop copy each of those (arrays alternating numbers and
    /// other items cost 32 % more instructions).
    @inline(__always)
    private func encodeLeadingScalars(in buffer: UnsafeBufferPointer<Any>, typeWords: AnyScalars.TypeWords) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var index = 0
        while index < buffer.count, encodeScalar(at: UnsafeRawPointer(base + index), typeWords: typeWords) {
            index += 1
        }
        return index
    }

    /// Writes a map; `sorted` puts the keys in canonical order (always for unordered Swift
    /// dictionaries, whose iteration order changes from process to process).
    func encodeMap(_ entries: [(key: Any, value: Any)], sorted: Bool) throws {
        if sorted || options.canonical {
            return try encodeSortedMap(keys: entries.lazy.map(\.key), values: entries.lazy.map(\.value))
        }
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 5)
            } else {
                output.writeHead(major: 5, argument: UInt64(entries.count))
            }
            for (key, value) in entries {
                try encode(key)
                try encode(value)
            }
            if options.indefiniteContainers { output.writeBreak() }
        }
    }

    /// Writes a map in the canonical order of its keys' bytes (``canonicalOrder(of:)``);
    /// `values` are in the order of `keys`.
    func encodeSortedMap(keys: some Collection<Any>, values: some RandomAccessCollection<Any>) throws {
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 5)
            } else {
                output.writeHead(major: 5, argument: UInt64(values.count))
            }
            let quick = writesScalarsInPlace
            if sortedItemsAreWrittenAgain {
                let order = try canonicalOrder(of: keys)
                let keys = Array(keys)
                for key in order.order {
                    try encodeItem(keys[key.index], quick: quick)
                    try encodeItem(values[values.index(values.startIndex, offsetBy: key.index)], quick: quick)
                }
            } else {
                try writeEntriesThenOrder(keys: keys, values: values, quick: quick)
            }
            if options.indefiniteContainers { output.writeBreak() }
        }
    }

    /// Writes the entries of ``encodeSortedMap(keys:values:)`` in the order given, then moves
    /// their bytes into the canonical order of their keys' bytes, keys of the same bytes in the
    /// order given (as ``canonicalOrder(of:)`` orders them). Only where the written order leaves
    /// no trace in the bytes (no shared-value indices, no string references).
    private func writeEntriesThenOrder(
        keys: some Collection<Any>, values: some RandomAccessCollection<Any>, quick: Bool
    ) throws {
        let start = output.count
        let lengthFirst = options.keyOrder == .lengthFirst
        try withUnsafeTemporaryAllocation(of: WrittenMapEntry.self, capacity: values.count) { written in
            var filled = 0
            var inOrder = true
            for (key, value) in zip(keys, values) where filled < written.count {
                let entryStart = output.count
                try encodeItem(key, quick: quick)
                let keyEnd = output.count
                try encodeItem(value, quick: quick)
                let entry = WrittenMapEntry(start: entryStart, keyEnd: keyEnd, end: output.count)
                if inOrder, filled > 0 {
                    inOrder = written[filled &- 1].keyOrder(against: entry, lengthFirst: lengthFirst, in: &output) <= 0
                }
                written.initializeElement(at: filled, to: entry)
                filled &+= 1
            }
            guard !inOrder else { return }
            var order = UnsafeMutableBufferPointer(rebasing: written[..<filled])
            order.sortInsertingSmall { first, second in
                let keyOrder = first.keyOrder(against: second, lengthFirst: lengthFirst, in: &output)
                return keyOrder != 0 ? keyOrder < 0 : first.start < second.start
            }
            output.reorderWritten(from: start, as: order.lazy.map(\.bytes))
            forgetKeyRuns(from: start)
        }
    }

    /// Forgets the key runs of maps whose bytes lie at `offset` or later: bytes there moved.
    @inline(__always)
    func forgetKeyRuns(from offset: Int) {
        for level in keyRuns.indices {
            keyRuns[level].forgetBytes(from: offset)
        }
    }

    /// Whether keys and set members sorted by their bytes are encoded again where they are
    /// written, as cbor2 does: their bytes for sorting have no shareable marks and no string
    /// references (``canonicalOrder(of:)``), but where they are written they take shared-value
    /// indices and define and use string references in the written order.
    var sortedItemsAreWrittenAgain: Bool {
        (options.valueSharing || options.stringReferencing || stringReferences != nil) && sortingDepth == 0
    }

    /// Writes a Swift dictionary with `String` keys as ``encodeMap(_:sorted:)`` writes it
    /// bridged to `[AnyHashable: Any]` (keys in canonical order), without bridging
    /// (``writeTextKeyedMap(_:count:)``).
    func encodeTextKeyedMap<Value>(_ map: [String: Value]) throws {
        guard writesTextKeysInPlace else {
            return try encodeMap(map.map { (key: $0.key as Any, value: Self.boxed($0.value)) }, sorted: true)
        }
        if let storage = DictionaryBuckets.storage(of: map), try encodeTextKeyedBuckets(of: map, storage: storage) {
            return
        }
        if Value.self == Any.self {
            try writeTextKeyedMap(unsafeBitCast(map, to: [String: Any].self), count: map.count)
        } else {
            try writeTextKeyedMap(map.lazy.map { (key: $0.key, value: Self.boxed($0.value)) }, count: map.count)
        }
    }

    /// Writes a Swift dictionary of any keys in canonical order, as cbor2 writes a dict with
    /// `canonical=True`: through ``writeTextKeyedMap(_:count:)`` when every key is a `String`.
    ///
    /// The same as ``encodeHashableKeyedEntries(keys:values:mayBeText:)``, reading the entries
    /// where the dictionary holds them. Through that function (keys and values copied out into
    /// arrays first), or through one loop over a lazy sequence of entries that both could share,
    /// the records as `[AnyHashable: Any]` took 122.2M and 131.4M instructions instead of 93.2M.
    func encodeHashableKeyedMap(_ map: [AnyHashable: Any]) throws {
        // Every key a `String`: read where the dictionary holds it, as a `[String: Any]` is.
        if let storage = DictionaryBuckets.storage(of: map), try encodeTextKeyedBuckets(of: map, storage: storage) {
            return
        }
        if writesTextKeysInPlace {
            var entries: [(key: String, value: Any)] = []
            entries.reserveCapacity(map.count)
            for (key, value) in map {
                guard let text = withUnsafePointer(to: key, { AnyHashableText.string(at: $0) }) ?? (key.base as? String) else {
                    break
                }
                entries.append((key: text, value: value))
            }
            if entries.count == map.count {
                return try writeTextKeyedMap(entries, count: entries.count)
            }
        }
        try encodeSortedMap(keys: map.keys.lazy.map(\.base), values: Array(map.values))
    }

    /// Writes the entries of a Swift dictionary of another type, `keys[i]` with `values[i]`, in
    /// canonical order, as cbor2 writes a dict with `canonical=True`: through
    /// ``writeTextKeyedMap(_:count:)`` when every key is a `String`, which only keys of a type
    /// that can hold one (`mayBeText`: `AnyHashable`) can be. A failing cast to `String`
    /// costs about 300 instructions.
    func encodeHashableKeyedEntries(keys: [Any], values: [Any], mayBeText: Bool) throws {
        if mayBeText, writesTextKeysInPlace {
            var entries: [(key: String, value: Any)] = []
            entries.reserveCapacity(keys.count)
            for (key, value) in zip(keys, values) {
                guard let text = key as? String else { break }
                entries.append((key: text, value: value))
            }
            if entries.count == keys.count {
                return try writeTextKeyedMap(entries, count: entries.count)
            }
        }
        try encodeSortedMap(keys: keys, values: values)
    }

    /// `value` as an `Any`: the value an `AnyHashable` wraps in its place, else
    /// ``boxed(_:)``.
    static func unwrapped<Value>(_ value: Value) -> Any {
        if Value.self == AnyHashable.self {
            return unsafeBitCast(value, to: AnyHashable.self).base
        }
        return boxed(value)
    }

    /// Whether a map in canonical order may write its `String` keys itself
    /// (``writeTextKeyedMap(_:count:)``, which makes string references as ``encodeString(_:)``
    /// does): a registered encoder could claim `String`, and the depth limit applies to keys as
    /// to any item.
    private var writesTextKeysInPlace: Bool {
        depth < Self.maxDepth
            && (options.typeEncoders.isEmpty || options.typeEncoders[ObjectIdentifier(String.self)] == nil)
    }

    /// Writes a map of the `count` entries of `entries`, all with `String` keys, in canonical
    /// order, as ``encodeMap(_:sorted:)`` writes them after encoding every key apart: the keys
    /// are sorted as text (``TextKeyRank``), and the entries written in place, in that order
    /// or in their own and then moved into it.
    private func writeTextKeyedMap<Entries: Sequence>(_ entries: Entries, count: Int) throws
    where Entries.Element == (key: String, value: Any) {
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 5)
            } else {
                output.writeHead(major: 5, argument: UInt64(count))
            }
            if sortedItemsAreWrittenAgain {
                try writeTextKeyedEntriesSortedFirst(entries, count: count)
            } else {
                try writeTextKeyedEntriesThenOrder(entries, count: count)
            }
            if options.indefiniteContainers { output.writeBreak() }
        }
    }

    /// Writes `map`, a dictionary with `String` keys (or `AnyHashable` keys that all wrap a
    /// `String`) whose storage object is `storage` (``DictionaryBuckets/storage(of:)``), as
    /// ``encodeTextKeyedMap(_:)`` writes it, its entries read where the dictionary holds them:
    /// the keys' ranks are sorted first, each naming its bucket, and each entry is then written
    /// from its bucket (``encodeElement(at:kind:quick:)``), neither copied nor moved after.
    /// Whether it wrote the map: only where the written order leaves no trace in the bytes (no
    /// shared-value indices, no string references), the keys may be written in place
    /// (``writesTextKeysInPlace``), and the storage can be read (not empty).
    ///
    /// Generic over the key type and given the storage: a caller that runs unspecialized then
    /// names no dictionary type, which the runtime would look up.
    func encodeTextKeyedBuckets<Key, Value>(of map: [Key: Value], storage: UnsafeRawPointer) throws -> Bool {
        guard Key.self == String.self || Key.self == AnyHashable.self, !sortedItemsAreWrittenAgain, writesTextKeysInPlace
        else { return false }
        let count = map.count
        let written: Bool? = try DictionaryBuckets.withEntries(ofStorage: storage, Key.self, Value.self) { keys, values, buckets in
            // A `String` lies at the start of its key, whether the key is the `String` itself or
            // an `AnyHashable` wrapping it (``AnyHashableText``), which every key must then be.
            let texts = UnsafeRawPointer(keys)
            let stride = MemoryLayout<Key>.stride
            if Key.self == AnyHashable.self,
               !buckets.allSatisfy({ AnyHashableText.wrapsString(at: texts + $0 &* stride) }) {
                return false
            }
            try withContainerMarks {
                if options.indefiniteContainers {
                    output.writeIndefiniteStart(major: 5)
                } else {
                    output.writeHead(major: 5, argument: UInt64(count))
                }
                try writeTextKeyedEntries(texts: texts, stride: stride, values: values, buckets: buckets, count: count)
                if options.indefiniteContainers { output.writeBreak() }
            }
            return true
        }
        return written == true
    }

    /// The `count` entries of ``encodeTextKeyedBuckets(of:storage:)`` in `buckets`: the key of
    /// bucket `i` a `String` at `texts + i * stride`, its value at `values + i`.
    @inline(__always)
    private func writeTextKeyedEntries<Value>(
        texts: UnsafeRawPointer, stride: Int, values: UnsafePointer<Value>, buckets: DictionaryBuckets.Buckets, count: Int
    ) throws {
        let quick = writesScalarsInPlace
        let kind = ElementKind(Value.self)
        @inline(__always) func text(_ bucket: Int) -> UnsafeRawPointer { texts + bucket &* stride }
        try withUnsafeTemporaryAllocation(of: TextKeyRank.self, capacity: count) { ranks in
            var filled = 0
            for bucket in buckets where filled < ranks.count {
                let rank = smallWords(at: text(bucket)).map { TextKeyRank(smallWords: $0, position: bucket) }
                    ?? TextKeyRank(text(bucket).load(as: String.self), position: bucket)
                ranks.initializeElement(at: filled, to: rank)
                filled &+= 1
            }
            var order = UnsafeMutableBufferPointer(rebasing: ranks[..<filled])
            order.sortInsertingSmall { first, second in
                first.precedes(second) {
                    text(first.position).load(as: String.self).utf8.lexicographicallyPrecedes(text(second.position).load(as: String.self).utf8)
                }
            }
            for rank in order {
                if let words = smallWords(at: text(rank.position)) {
                    output.writeSmallText(leading: words.leading, trailing: words.trailing)
                } else {
                    output.writeText(text(rank.position).load(as: String.self))
                }
                if kind == .any {
                    // Inline for the records as `[String: Any]`: through `encodeElement`, not
                    // inlined here, they took 22.07M instructions instead of 21.39M.
                    try encodeItem(at: UnsafeRawPointer(values + rank.position).assumingMemoryBound(to: Any.self), quick: quick)
                } else {
                    try encodeElement(at: values + rank.position, kind: kind, quick: quick)
                }
            }
        }
    }

    /// Writes the `Any` at `item`, read where it lies: from its words where
    /// ``encodeScalar(at:typeWords:)`` writes it and `quick` allows, else through
    /// ``encodeItem(_:quick:)``.
    @inline(__always)
    func encodeItem(at item: UnsafePointer<Any>, quick: Bool) throws {
        if quick, let scalarTypeWords, encodeScalar(at: UnsafeRawPointer(item), typeWords: scalarTypeWords) {
            return
        }
        try encodeItem(item.pointee, quick: quick)
    }

    /// The words of the string at `text` when it is small (``SmallString/words(of:)``), read
    /// where it lies: passing it on makes a copy.
    @inline(__always)
    private func smallWords(at text: UnsafeRawPointer) -> (leading: UInt64, trailing: UInt64)? {
        guard smallStrings else { return nil }
        return SmallString.words(ofStringBits: text.load(as: (UInt64, UInt64).self))
    }

    /// Writes the entries of ``writeTextKeyedMap(_:count:)`` in the order `entries` gives,
    /// then moves their bytes into canonical order. No entry is copied to be sorted: each
    /// value is written where it lies. Only where the written order leaves no trace in the
    /// bytes (no shared-value indices, no string references).
    private func writeTextKeyedEntriesThenOrder<Entries: Sequence>(_ entries: Entries, count: Int) throws
    where Entries.Element == (key: String, value: Any) {
        let quick = writesScalarsInPlace
        let start = output.count
        try withUnsafeTemporaryAllocation(of: WrittenTextEntry.self, capacity: count) { written in
            var filled = 0
            var inOrder = true
            for (key, value) in entries where filled < written.count {
                let entryStart = output.count
                output.writeText(key)
                try encodeItem(value, quick: quick)
                let entry = WrittenTextEntry(
                    rank: TextKeyRank(key, position: entryStart, smallStrings: smallStrings), end: output.count)
                if inOrder, filled > 0 {
                    inOrder = written[filled &- 1].precedes(entry, in: &output)
                }
                written.initializeElement(at: filled, to: entry)
                filled &+= 1
            }
            guard !inOrder else { return }
            var order = UnsafeMutableBufferPointer(rebasing: written[..<filled])
            order.sortInsertingSmall { $0.precedes($1, in: &output) }
            output.reorderWritten(from: start, as: order.lazy.map(\.bytes))
            // Key runs of maps inside the values point at bytes that moved.
            forgetKeyRuns(from: start)
        }
    }

    /// Writes the entries of ``writeTextKeyedMap(_:count:)`` in canonical order, sorting
    /// them before any is written: where value sharing or string references make an item's
    /// bytes depend on what was written before it.
    private func writeTextKeyedEntriesSortedFirst<Entries: Sequence>(_ entries: Entries, count: Int) throws
    where Entries.Element == (key: String, value: Any) {
        let quick = writesScalarsInPlace
        // The entries in their own order, and beside them what orders their keys, which is
        // what is sorted: ranks are plain numbers, moved without reference counting.
        try withUnsafeTemporaryAllocation(of: TextKeyedEntry.self, capacity: count) { buffer in
            try withUnsafeTemporaryAllocation(of: TextKeyRank.self, capacity: count) { ranks in
                var filled = 0
                for (key, value) in entries where filled < buffer.count {
                    ranks.initializeElement(at: filled, to: TextKeyRank(key, position: filled))
                    buffer.initializeElement(at: filled, to: TextKeyedEntry(key: key, value: value))
                    filled += 1
                }
                guard let base = buffer.baseAddress else { return }
                var order = UnsafeMutableBufferPointer(rebasing: ranks[..<filled])
                order.sortInsertingSmall { $0.precedes($1, keys: base) }
                // Each entry is moved out to be written; those left when an item throws
                // are destroyed here.
                var written = 0
                defer {
                    for rank in order[written...] {
                        (base + rank.position).deinitialize(count: 1)
                    }
                }
                let referencing = stringReferences != nil
                for rank in order {
                    let entry = (base + rank.position).move()
                    written += 1
                    if referencing {
                        encodeString(entry.key)
                    } else {
                        output.writeText(entry.key)
                    }
                    try encodeItem(entry.value, quick: quick)
                }
            }
        }
    }

    /// The keys of a map as strings, read where they lie (``AnyHashableText``), when every
    /// one is a `String`; `nil` otherwise.
    private static func textKeys(of keys: OrderedSet<AnyHashable>) -> [String]? {
        keys.elements.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            var texts: [String] = []
            texts.reserveCapacity(buffer.count)
            for index in buffer.indices {
                guard let text = AnyHashableText.string(at: base + index) ?? (buffer[index].base as? String) else {
                    return nil
                }
                texts.append(text)
            }
            return texts
        }
    }

    /// Writes a decoded map in its own order (canonical order under ``CBOREncoder/canonical``),
    /// reading its keys and values in place.
    func encodeOrderedMap(_ map: OrderedDictionary<AnyHashable, Any>) throws {
        guard !options.canonical else {
            if writesTextKeysInPlace, let keys = Self.textKeys(of: map.keys) {
                return try writeTextKeyedMap(zip(keys, map.values).lazy.map { (key: $0, value: $1) }, count: map.count)
            }
            return try encodeSortedMap(keys: map.keys.lazy.map(\.base), values: map.values)
        }
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 5)
            } else {
                output.writeHead(major: 5, argument: UInt64(map.count))
            }
            // A tag 256 given as a tag makes string references with the option off.
            if keysEncodeAlike, stringReferences == nil, depth < Self.keyRunDepthLimit, depth < Self.maxDepth {
                try encodeEntries(of: map, keyRunAt: depth)
            } else {
                let quick = writesScalarsInPlace
                let values = map.values.elements
                for index in values.indices {
                    try encode(map.keys[index].base)
                    try encodeItem(values[index], quick: quick)
                }
            }
            if options.indefiniteContainers { output.writeBreak() }
        }
    }

    /// Writes the keys and values of `map`, its keys as the bytes of the key run at `level`
    /// when that run holds the map's very key storage; otherwise one by one, keeping them as
    /// that run when all are strings. Called only where ``writesScalarsInPlace`` holds (no
    /// encoder registered, within the depth limit).
    private func encodeEntries(of map: OrderedDictionary<AnyHashable, Any>, keyRunAt level: Int) throws {
        let keys = map.keys.elements
        while keyRuns.count <= level {
            keyRuns.append(EncodedKeyRun())
        }
        let values = map.values.elements
        if keyRuns[level].holds(keys) {
            let run = keyRuns[level]
            try values.withUnsafeBufferPointer { values in
                for index in values.indices {
                    run.write(keyAt: index, to: &output)
                    try encodeItem(at: values.baseAddress.unsafelyUnwrapped + index, quick: true)
                }
            }
            return
        }
        // The run's room is taken out while the map is written, so that it stays unshared.
        var run = EncodedKeyRun()
        swap(&run, &keyRuns[level])
        run.start(for: keys)
        var allText = true
        try keys.withUnsafeBufferPointer { keyStorage in
            try values.withUnsafeBufferPointer { values in
                for index in values.indices {
                    let start = output.count
                    let key = keyStorage.baseAddress.unsafelyUnwrapped + index
                    let isText: Bool
                    // No string references here (``keysEncodeAlike``): a string is written as is.
                    if let words = AnyHashableText.smallStringWords(at: key) {
                        output.writeSmallText(leading: words.leading, trailing: words.trailing)
                        isText = true
                    } else if let text = AnyHashableText.string(at: key) {
                        output.writeText(text)
                        isText = true
                    } else {
                        isText = try encodeKey(opened: keys[index].base)
                    }
                    if allText {
                        if isText {
                            run.record(written: start..<output.count)
                        } else {
                            allText = false
                        }
                    }
                    try encodeItem(at: values.baseAddress.unsafelyUnwrapped + index, quick: true)
                }
            }
        }
        if allText {
            keyRuns[level] = run
        }
    }

    /// Writes a key of ``encodeEntries(of:keyRunAt:)``, opened (passed to a generic parameter)
    /// so that its type is known without a call; whether it is a `String`. There a `String` key
    /// is written as ``encode(_:)`` would write it, without its dispatch: no encoder is
    /// registered, and the keys are within the depth limit.
    private func encodeKey<Key>(opened key: Key) throws -> Bool {
        guard Key.self == String.self else {
            try encode(key)
            return false
        }
        encodeString(unsafeBitCast(key, to: String.self))
        return true
    }

    /// Writes a set as tag 258 over an array of its members in canonical order (an empty set
    /// under value sharing, not canonical: over cbor2's empty tuple, ``encodeEmptyTuple()``).
    func encodeSet(_ members: [Any]) throws {
        output.writeHead(major: 6, argument: 258)
        if members.isEmpty, options.valueSharing, !options.canonical {
            return try encodeEmptyTuple()
        }
        // Sorted before the array opens, as cbor2 sorts them: the members of an outermost set
        // are sorted by bytes that begin with tag 256 where they are containers.
        let ordered = try canonicalOrder(of: members)
        try withContainerMarks {
            if options.indefiniteContainers {
                output.writeIndefiniteStart(major: 4)
            } else {
                output.writeHead(major: 4, argument: UInt64(members.count))
            }
            if sortedItemsAreWrittenAgain {
                let quick = writesScalarsInPlace
                for member in ordered.order { try encodeItem(members[member.index], quick: quick) }
            } else {
                ordered.forEach { member, _ in output.writeBytes(member) }
            }
            if options.indefiniteContainers { output.writeBreak() }
        }
    }

    /// Opens the string-reference namespace around the outermost container, and marks the
    /// container shareable (tag 28) under value sharing, as cbor2 does for every container.
    /// A container with identity (`object`) met again becomes a tag-29 reference, or a
    /// ``CBORError/Code/cyclicStructure`` error while value sharing is off.
    func withContainerMarks(object: AnyObject? = nil, _ body: () throws -> Void) throws {
        if skipNextContainerMark {
            skipNextContainerMark = false
            return try body()
        }
        // Also in a set member encoded for sorting before any container is open (an outermost
        // set): cbor2 sorts such members by bytes that begin with tag 256.
        if options.stringReferencing && !optionNamespaceIsOpen {
            return try withOptionNamespace { try markedContainer(object: object, body) }
        }
        try markedContainer(object: object, body)
    }

    /// Writes tag 256 and runs `body` in the namespace of ``CBOREncoder/stringReferencing``,
    /// then puts back the namespace that was open (a tag 256 given as a ``CBORTag`` may have
    /// opened one). Out of line: the other containers pay nothing for it.
    @inline(never)
    private func withOptionNamespace(_ body: () throws -> Void) throws {
        let outerReferences = stringReferences
        output.writeHead(major: 6, argument: 256)
        stringReferences = StringReferenceTable()
        optionNamespaceIsOpen = true
        defer {
            stringReferences = outerReferences
            optionNamespaceIsOpen = false
        }
        try body()
    }

    /// ``withContainerMarks(object:_:)`` past the namespace: the shareable mark, or the shared
    /// value an `object` is.
    @inline(__always)
    private func markedContainer(object: AnyObject?, _ body: () throws -> Void) throws {
        if let object {
            try encodeShared(object, body)
        } else {
            if skipNextShareMark {
                skipNextShareMark = false
            } else {
                markShareable()
            }
            try body()
        }
    }

    /// Writes tag 28 and takes a shared-value index, when value sharing is on (and no key is
    /// being encoded for sorting).
    func markShareable() {
        guard options.valueSharing, sortingDepth == 0 else { return }
        output.writeHead(major: 6, argument: 28)
        sharedCount += 1
    }

    /// Writes a ``CBORSharedValue``: its content is the shared container itself, so the
    /// container inside gets no second mark.
    func encodeSharedValue(_ box: CBORSharedValue) throws {
        try withContainerMarks(object: box) {
            skipNextContainerMark = true
            defer { skipNextContainerMark = false }
            try encode(box.value)
        }
    }

    /// Encodes each key apart, one after another into one buffer, and sorts them in canonical
    /// order of their bytes (equal bytes in the order given).
    private func canonicalOrder(of keys: some Collection<Any>) throws -> EncodedKeys {
        // Keys are encoded apart from the output and written later in another order, so they
        // must not define or use string references, whose indices follow the written order,
        // nor take shared-value indices: cbor2 encodes its sort keys with both turned off.
        sortingDepth += 1
        // A mark to skip belongs to the container about to be written, not to a key.
        let skips = (skipNextContainerMark, skipNextShareMark)
        (skipNextContainerMark, skipNextShareMark) = (false, false)
        defer {
            sortingDepth -= 1
            (skipNextContainerMark, skipNextShareMark) = skips
        }
        // Key runs say where bytes lie in the output, so keys written to another output keep
        // runs of their own meanwhile.
        let savedRuns = keyRuns
        keyRuns = []
        defer { keyRuns = savedRuns }
        let saved = output
        output = ByteWriter(backend: options.backend, capacity: 16 * keys.count)
        var order: [EncodedKeys.Key] = []
        order.reserveCapacity(keys.count)
        let quick = writesScalarsInPlace
        do {
            for (index, key) in keys.enumerated() {
                let start = output.count
                try encodeItem(key, quick: quick)
                keyRuns = []
                order.append(EncodedKeys.Key(start: start, end: output.count, index: index))
            }
        } catch {
            output = saved
            throw error
        }
        let bytes = output.finish()
        output = saved
        let lengthFirst = options.keyOrder == .lengthFirst
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            order.sort { first, second in
                let (firstCount, secondCount) = (first.end - first.start, second.end - second.start)
                if lengthFirst && firstCount != secondCount { return firstCount < secondCount }
                // Byte by byte, then the shorter first, then the order given.
                for offset in 0..<Swift.min(firstCount, secondCount) {
                    let (a, b) = (base[first.start + offset], base[second.start + offset])
                    if a != b { return a < b }
                }
                return firstCount != secondCount ? firstCount < secondCount : first.index < second.index
            }
        }
        return EncodedKeys(bytes: bytes, order: order)
    }

    // MARK: Sharing

    /// Writes a class instance through `body`, applying value sharing or cycle detection by
    /// identity; cbor2's `encode_shared`.
    func encodeShared(_ object: AnyObject, _ body: () throws -> Void) throws {
        let identity = ObjectIdentifier(object)
        guard options.valueSharing else {
            return try trackingCycles(object, body)
        }
        if let index = sharedIndices[identity] {
            output.writeHead(major: 6, argument: 29)
            output.writeHead(major: 0, argument: UInt64(index))
            return
        }
        // A key encoded for sorting refers to instances already written, but takes no index.
        guard sortingDepth == 0 else { return try trackingCycles(object, body) }
        sharedIndices[identity] = sharedCount
        markShareable()
        try body()
    }

    /// Runs `body` for an instance being written, failing if it is already being written.
    func trackingCycles(_ object: AnyObject, _ body: () throws -> Void) throws {
        let identity = ObjectIdentifier(object)
        guard inProgress.insert(identity).inserted else {
            throw CBORError(.cyclicStructure, "cyclic data structure detected but value sharing is disabled")
        }
        defer { inProgress.remove(identity) }
        try body()
    }

    /// Writes an item of a container: through ``encodeScalar(opened:)`` first when `quick`
    /// (``writesScalarsInPlace`` held when the container was opened), else through
    /// ``encode(_:)``.
    ///
    /// Out of line, like ``encode(_:)``: an array's item passed to a call is read where it
    /// lies, and opening a parameter reads it in place too. Inlined into the loops, both
    /// made a copy of each item first, which cost more than the call.
    @inline(never)
    func encodeItem(_ item: Any, quick: Bool) throws {
        if quick, encodeScalar(opened: item) {
            return
        }
        try encode(item)
    }

    /// Whether the items of a container opened now may be written by
    /// ``encodeScalar(opened:)``, which writes what ``encode(_:)`` would: no encoder is
    /// registered, and items one level deeper are within the depth limit.
    var writesScalarsInPlace: Bool {
        options.typeEncoders.isEmpty && depth < Self.maxDepth
    }

    /// The container written directly inside a shared box is that box: it gets no second mark.
    @exclusivity(unchecked)
    private var skipNextContainerMark = false
    /// The next container is never marked shareable (a `Fraction`'s pair, as cbor2 writes it).
    @exclusivity(unchecked)
    private var skipNextShareMark = false

    private func encodeRegistered(_ value: Any, with registered: CBORTypeEncoder) throws {
        let isObject = type(of: value) is AnyClass
        guard isObject else {
            return try registered.encode(self, value)
        }
        let object = value as AnyObject
        if registered.sharing == .shareable {
            try encodeShared(object) { try registered.encode(self, value) }
        } else if options.valueSharing {
            // As in cbor2, an object written again while it is being written is no cycle of
            // its own: what it writes may refer back to a shared container (and otherwise ends
            // at the depth limit).
            try registered.encode(self, value)
        } else {
            try trackingCycles(object) { try registered.encode(self, value) }
        }
    }

    // MARK: Strings

    private func writeString(major: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) {
        if sortingDepth == 0, stringReferences != nil,
            let index = stringReferences?.reference(for: bytes, isText: major == 3)
        {
            output.writeHead(major: 6, argument: 25)
            output.writeHead(major: 0, argument: UInt64(index))
            return
        }
        output.writeString(major: major, payload: bytes)
    }

    func encodeBigInt(_ value: CBORBigInt) {
        if !value.isNegative {
            if let small = value.exactly(UInt64.self) {
                output.writeHead(major: 0, argument: small)
                return
            }
            output.writeHead(major: 6, argument: 2)
            encodeBytes(value.magnitude)
            return
        }
        let n = value.magnitudeMinusOne
        if n.count <= 8 {
            output.writeHead(major: 1, argument: n.reduce(0) { $0 << 8 | UInt64($1) })
            return
        }
        output.writeHead(major: 6, argument: 3)
        encodeBytes(n)
    }
}

/// Keys encoded apart into one buffer, in canonical order (``CBORWriter``'s
/// `canonicalOrder(of:)`): one allocation for all of them, where each key had a buffer and an
/// array of its own.
struct EncodedKeys {
    /// Where one key's bytes lie, and its place among the keys given.
    struct Key {
        /// The offset of its first byte in ``bytes``.
        let start: Int
        /// The offset just past its last byte.
        let end: Int
        /// Its place among the keys given.
        let index: Int
    }

    /// Every key's bytes, in the order given.
    let bytes: [UInt8]
    /// The keys in canonical order.
    let order: [Key]

    /// Calls `body` with each key's bytes and its place among the keys given, in canonical
    /// order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            for key in order {
                try body(UnsafeBufferPointer(rebasing: buffer[key.start..<key.end]), key.index)
            }
        }
    }
}

/// Lets the writer see through `Optional` values boxed in `Any`.
protocol AnyOptional {
    var wrappedValue: Any? { get }
}

extension Optional: AnyOptional {
    var wrappedValue: Any? {
        switch self {
        case .some(let value): return value
        case .none: return nil
        }
    }
}
