import Foundation

/// The tape and options shared by every container of one Codable decode.
final class CodableDecodingState {
    let bytes: UnsafeBufferPointer<UInt8>
    let tape: [TapeEntry]
    let options: CBORDecoder
    /// The keys of every map of more than ``CodableMapKeyIndex/scanLimit`` entries a keyed
    /// container has looked in, by the map's tape index.
    private var keyIndexes: [Int: CodableMapKeyIndex] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>, tape: [TapeEntry], options: CBORDecoder) {
        self.bytes = bytes
        self.tape = tape
        self.options = options
    }

    /// The keys of the map at `mapIndex`, hashed on first use.
    func keyIndex(ofMapAt mapIndex: Int) -> CodableMapKeyIndex {
        if let index = keyIndexes[mapIndex] { return index }
        let index = CodableMapKeyIndex(mapIndex: mapIndex, state: self)
        keyIndexes[mapIndex] = index
        return index
    }

    /// The tape index just past the item at `index`.
    func skip(_ index: Int) -> Int {
        let entry = tape[index]
        switch entry.kind {
        case .array, .map, .tag: return entry.link
        case .byteString, .textString: return entry.isIndefinite ? entry.link : index + 1
        default: return index + 1
        }
    }

    /// The index of the item inside any tags at `index`, with the tags' numbers.
    func untagged(_ index: Int) -> (index: Int, tags: [UInt64]) {
        var index = index
        var tags: [UInt64] = []
        while tape[index].kind == .tag {
            tags.append(tape[index].argument)
            index += 1
        }
        return (index, tags)
    }

    /// The bytes of the string at `index`, chunks joined.
    func stringBytes(_ index: Int) -> [UInt8] {
        let entry = tape[index]
        guard let base = bytes.baseAddress else { return [] }
        if !entry.isIndefinite {
            return Array(UnsafeBufferPointer(start: base + entry.link, count: Int(entry.argument)))
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(Int(entry.argument))
        for chunk in tape[(index + 1)..<entry.link] {
            joined.append(contentsOf: UnsafeBufferPointer(start: base + chunk.link, count: Int(chunk.argument)))
        }
        return joined
    }

    func string(_ index: Int) -> String {
        let entry = tape[index]
        if !entry.isIndefinite, let base = bytes.baseAddress {
            return TapeValueBuilder.text(UnsafeBufferPointer(start: base + entry.link, count: Int(entry.argument)))
        }
        return String(decoding: stringBytes(index), as: UTF8.self)
    }
}

extension CodableDecodingState {
    /// Whether the value at `index` is `null` or `undefined`, also under tags (55799(null) from
    /// a self-described stream, 1(null)): tags are looked through as they are on the way to a
    /// number or a string. A tag with a registered semantic decoder is not: its decoder reads
    /// the value, as it reads a scalar's.
    @inline(__always)
    func isNil(at index: Int) -> Bool {
        let entry = tape[index]
        if entry.kind == .tag { return isTaggedNil(at: index) }
        return entry.kind == .simple && (entry.argument == 22 || entry.argument == 23)
    }

    /// ``isNil(at:)`` for the tag at `index`.
    @inline(never)
    private func isTaggedNil(at index: Int) -> Bool {
        guard !hasSemanticDecoder(inTagsAt: index) else { return false }
        var inner = index + 1
        while tape[inner].kind == .tag { inner += 1 }
        let entry = tape[inner]
        return entry.kind == .simple && (entry.argument == 22 || entry.argument == 23)
    }

    /// Whether one of the tags that start at `index` (a tag, the tag it holds, and so on) has a
    /// registered semantic decoder, which then decodes the value: the decoder of a tag serves
    /// wherever the tag stands, inside 55799 (a self-described stream) too.
    func hasSemanticDecoder(inTagsAt index: Int) -> Bool {
        semanticTag(at: index) != nil
    }

    /// The index of the first of the tags that start at `index` with a registered semantic
    /// decoder; the tags around it are looked through, as on the way to a scalar.
    func semanticTag(at index: Int) -> Int? {
        guard !options.semanticDecoders.isEmpty else { return nil }
        var index = index
        while tape[index].kind == .tag {
            if options.semanticDecoders[tape[index].argument] != nil { return index }
            index += 1
        }
        return nil
    }

    /// The value at `index` as `T` (the type `kind` names) when it is stored plainly: a definite
    /// text string, an integer that fits, a double, a boolean, or an array of those. Anything
    /// else, errors included, is left to `slow`, which has a decoder and its coding path.
    @inline(__always)
    func decodePlainFirst<T>(_ kind: CodableScalar, at index: Int, as _: T.Type, orElse slow: () throws -> T) rethrows -> T {
        let entry = tape[index]
        switch kind {
        case .string:
            if let text = plainString(entry, index) { return unsafeBitCast(text, to: T.self) }
        case .int:
            if let integer = Self.plainInt(entry, index) { return unsafeBitCast(integer, to: T.self) }
        case .double:
            if let double = Self.plainDouble(entry, index) { return unsafeBitCast(double, to: T.self) }
        case .bool:
            if let flag = Self.plainBool(entry, index) { return unsafeBitCast(flag, to: T.self) }
        case .strings:
            if let items = plainArray(entry, index, plainString) { return unsafeBitCast(items, to: T.self) }
        case .ints:
            if let items = plainArray(entry, index, Self.plainInt) { return unsafeBitCast(items, to: T.self) }
        case .doubles:
            if let items = plainArray(entry, index, Self.plainDouble) { return unsafeBitCast(items, to: T.self) }
        default:
            break
        }
        return try slow()
    }

    func plainString(_ entry: TapeEntry, _ index: Int) -> String? {
        entry.kind == .textString && !entry.isIndefinite ? string(index) : nil
    }

    static func plainInt(_ entry: TapeEntry, _: Int) -> Int? {
        entry.kind == .unsigned ? Int(exactly: entry.argument) : nil
    }

    static func plainDouble(_ entry: TapeEntry, _: Int) -> Double? {
        entry.kind == .double ? Double(bitPattern: entry.argument) : nil
    }

    static func plainBool(_ entry: TapeEntry, _: Int) -> Bool? {
        entry.kind == .simple && entry.argument & ~1 == 20 ? entry.argument == 21 : nil
    }

    /// The array at `index` when every item is stored plainly (as `read` accepts it).
    private func plainArray<Element>(_ entry: TapeEntry, _ index: Int, _ read: (TapeEntry, Int) -> Element?) -> [Element]? {
        guard entry.kind == .array else { return nil }
        var items: [Element] = []
        items.reserveCapacity(Int(entry.argument))
        var position = index + 1
        for _ in 0..<entry.argument {
            guard let item = read(tape[position], position) else { return nil }
            items.append(item)
            position = skip(position)
        }
        return items
    }
}

/// A coding path as a linked list: extending it costs one small allocation only when a
/// container or error asks for it, never an array copy per value.
final class CodingPathNode: @unchecked Sendable {
    let key: any CodingKey
    let parent: CodingPathNode?

    init(_ key: any CodingKey, parent: CodingPathNode?) {
        self.key = key
        self.parent = parent
    }

    /// The path from the root.
    static func materialize(_ node: CodingPathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var current = node
        while let node = current {
            keys.append(node.key)
            current = node.parent
        }
        return keys.reversed()
    }
}

/// A value's key in its container. An array item keeps its position and makes no key until a
/// coding path is asked for (a `CBORCodingKey` is too large for an existential's inline buffer,
/// so storing one would allocate for every item).
enum PathKey {
    case index(Int)
    case key(any CodingKey)

    var codingKey: any CodingKey {
        switch self {
        case .index(let position): return CBORCodingKey(intValue: position)
        case .key(let key): return key
        }
    }
}

/// The `Decoder` of ``CBORDecoder/decode(_:from:)``: reads the tape directly, no intermediate tree.
struct CodableDecoder: Decoder {
    let state: CodableDecodingState
    let index: Int
    /// The path down to the container this value is in.
    let path: CodingPathNode?
    /// The value's own key in that container (`nil` at the root).
    let key: PathKey?
    var codingPath: [any CodingKey] { CodingPathNode.materialize(path) + (key.map { [$0.codingKey] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { state.options.userInfo }

    init(state: CodableDecodingState, index: Int, path: CodingPathNode?, key: (any CodingKey)? = nil) {
        self.state = state
        self.index = index
        self.path = path
        self.key = key.map(PathKey.key)
    }

    /// The decoder of an array's item: its key is made only if a path is asked for.
    init(state: CodableDecodingState, index: Int, path: CodingPathNode?, position: Int) {
        self.state = state
        self.index = index
        self.path = path
        self.key = .index(position)
    }

    /// The path node a container of this value hands to its children: allocated once per
    /// container, never per value.
    var pathForChildren: CodingPathNode? {
        key.map { CodingPathNode($0.codingKey, parent: path) } ?? path
    }

    var entry: TapeEntry { state.tape[index] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let (inner, _) = state.untagged(index)
        guard state.tape[inner].kind == .map else {
            throw mismatch([String: Any].self, at: inner, "expected a map")
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, mapIndex: inner))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (inner, _) = state.untagged(index)
        guard state.tape[inner].kind == .array else {
            throw mismatch([Any].self, at: inner, "expected an array")
        }
        return UnkeyedContainer(decoder: self, arrayIndex: inner)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    // MARK: Errors

    func kindName(_ entry: TapeEntry) -> String {
        switch entry.kind {
        case .unsigned, .negative: return "an integer"
        case .byteString: return "a byte string"
        case .textString: return "a text string"
        case .array: return "an array"
        case .map: return "a map"
        case .tag: return "tag \(entry.argument)"
        case .simple:
            switch entry.argument {
            case 20, 21: return "a boolean"
            case 22: return "null"
            case 23: return "undefined"
            default: return "simple(\(entry.argument))"
            }
        case .half, .float, .double: return "a float"
        case .breakCode: return "a break"
        }
    }

    /// The error for a value of the wrong kind: `valueNotFound` for `null` or `undefined` (also
    /// under tags, as ``CodableDecodingState/isNil(at:)`` finds them), as Foundation's
    /// `JSONDecoder` reports `null` where a value is required, `typeMismatch` for anything else.
    func mismatch(_ type: Any.Type, at index: Int, _ what: String) -> DecodingError {
        let isNil = state.isNil(at: index)
        let found = state.tape[isNil ? state.untagged(index).index : index]
        let error = CBORError(.unsupportedValue, offset: found.offset, "\(what) for \(type), found \(kindName(found))")
        let context = DecodingError.Context(codingPath: codingPath, debugDescription: error.description, underlyingError: error)
        return isNil ? DecodingError.valueNotFound(type, context) : DecodingError.typeMismatch(type, context)
    }

    func corrupted(_ message: String, at index: Int) -> DecodingError {
        let error = CBORError(.unsupportedValue, offset: state.tape[index].offset, message)
        return DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: error.description, underlyingError: error))
    }

    // MARK: Values

    func isNil() -> Bool { state.isNil(at: index) }

    /// Whether the value is a tag, or tags, one with a registered semantic decoder, which then
    /// decodes it (``decodeSemantic(_:)``) on every path, the scalar ones included.
    var hasSemanticDecoder: Bool {
        state.hasSemanticDecoder(inTagsAt: index)
    }

    func decodeBool() throws -> Bool {
        let (inner, _) = state.untagged(index)
        if inner != index, hasSemanticDecoder { return try decodeSemantic(Bool.self) }
        let entry = state.tape[inner]
        guard entry.kind == .simple, entry.argument == 20 || entry.argument == 21 else {
            throw mismatch(Bool.self, at: inner, "expected a boolean")
        }
        return entry.argument == 21
    }

    func decodeString() throws -> String {
        let (inner, _) = state.untagged(index)
        if inner != index, hasSemanticDecoder { return try decodeSemantic(String.self) }
        guard state.tape[inner].kind == .textString else { throw mismatch(String.self, at: inner, "expected a text string") }
        return state.string(inner)
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let (inner, tags) = state.untagged(index)
        if inner != index, hasSemanticDecoder { return try decodeSemantic(T.self) }
        let entry = state.tape[inner]
        switch entry.kind {
        case .unsigned:
            guard let value = T(exactly: entry.argument) else {
                throw corrupted("\(entry.argument) does not fit \(T.self)", at: inner)
            }
            return value
        case .negative:
            // -1 - n is ~n; in `Int128` every n of major type 1 fits.
            guard T.isSigned, let n = T(exactly: entry.argument) else {
                throw corrupted("-\(UInt128(entry.argument) + 1) does not fit \(T.self)", at: inner)
            }
            return ~n
        case .byteString where tags.last == 2 || tags.last == 3:
            let magnitude = state.stringBytes(inner)
            let big = tags.last == 2
                ? CBORBigInt(isNegative: false, magnitude: magnitude)
                : CBORBigInt(isNegative: true, magnitude: CBORBigInt.plusOne(magnitude.isEmpty ? [0] : magnitude))
            guard let value = big.exactly(T.self) else { throw corrupted("\(Self.describe(big)) does not fit \(T.self)", at: inner) }
            return value
        case .half, .float, .double:
            let double = floatValue(entry)
            guard let value = T(exactly: double) else { throw corrupted("\(double) is not a whole number that fits \(T.self)", at: inner) }
            return value
        default:
            throw mismatch(T.self, at: inner, "expected an integer")
        }
    }

    /// A bignum for a message: its digits when it has at most 64 bytes, its size otherwise
    /// (the decimal text of a long magnitude takes time that grows with its square).
    static func describe(_ big: CBORBigInt) -> String {
        big.magnitude.count <= 64 ? big.description : "a \(big.magnitude.count)-byte bignum"
    }

    func floatValue(_ entry: TapeEntry) -> Double {
        switch entry.kind {
        case .half: return Double(Float16(bitPattern: UInt16(truncatingIfNeeded: entry.argument)))
        case .float: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: entry.argument)))
        default: return Double(bitPattern: entry.argument)
        }
    }

    func decodeDouble() throws -> Double {
        let (inner, _) = state.untagged(index)
        if inner != index, hasSemanticDecoder { return try decodeSemantic(Double.self) }
        let entry = state.tape[inner]
        switch entry.kind {
        case .half, .float, .double:
            return floatValue(entry)
        case .unsigned:
            guard let value = Double(exactly: entry.argument) else { throw corrupted("\(entry.argument) is not exact as a Double", at: inner) }
            return value
        case .negative:
            // -1 - argument, which is -2^64 for the largest argument.
            guard let magnitude = entry.argument == .max ? 0x1p64 : Double(exactly: entry.argument + 1) else {
                throw corrupted("-\(UInt128(entry.argument) + 1) is not exact as a Double", at: inner)
            }
            return -magnitude
        default:
            if let value = try fractionDouble(at: inner, for: Double.self) { return value }
            throw mismatch(Double.self, at: inner, "expected a number")
        }
    }

    func decodeFloat() throws -> Float {
        let (inner, _) = state.untagged(index)
        if inner != index, hasSemanticDecoder { return try decodeSemantic(Float.self) }
        let entry = state.tape[inner]
        if entry.kind == .half || entry.kind == .float { return Float(floatValue(entry)) }
        let double = try decodeDouble()
        if entry.kind == .double {
            // A double that a Float cannot hold (beyond its range) is corrupt, not rounded.
            guard double.isNaN || Float(double).isFinite == double.isFinite else {
                throw corrupted("\(double) does not fit Float", at: inner)
            }
            return Float(double)
        }
        guard let value = Float(exactly: double) else { throw corrupted("\(double) is not exact as a Float", at: inner) }
        return value
    }

    /// Decodes any `Decodable`: registered semantic decoders and Foundation types first.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // The rare paths live in functions of their own: their casts to `T?` would otherwise
        // make every call look up `Optional<T>`'s metadata on entry.
        if self.entry.kind == .tag, hasSemanticDecoder {
            return try decodeSemantic(T.self)
        }
        if let kind = CodableScalar(T.self) { return try decodeScalar(kind, as: T.self) }
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == UUID.self || T.self == Decimal.self {
            return try decodeFoundation(T.self)
        }
        return try T(from: self)
    }

    /// A tagged value with a registered semantic decoder, as the decoder produced it.
    @inline(never)
    func decodeSemantic<T>(_: T.Type) throws -> T {
        let value: Any
        do {
            let start = state.semanticTag(at: index) ?? index
            value = try DynamicDecoder(bytes: state.bytes, tape: state.tape, options: state.options, startIndex: start).decode()
        } catch let error as CBORError {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: error.description, underlyingError: error))
        }
        if let typed = value as? T { return typed }
        // An integer of another width is converted when it fits.
        if let integerType = T.self as? any FixedWidthInteger.Type, let integer = value as? any BinaryInteger,
           let converted = Self.converted(integer, to: integerType) as? T {
            return converted
        }
        throw mismatch(T.self, at: index, "the semantic decoder for tag \(entry.argument) returned \(Swift.type(of: value))")
    }

    private static func converted<Integer: FixedWidthInteger>(_ value: any BinaryInteger, to _: Integer.Type) -> Integer? {
        Integer(exactly: value)
    }

    /// `Date`, `Data`, `URL`, `UUID` or `Decimal`.
    @inline(never)
    private func decodeFoundation<T>(_: T.Type) throws -> T {
        if T.self == Date.self {
            return try cast(try decodeDate())
        }
        if T.self == Data.self {
            return try cast(Data(try decodeBytes(as: Data.self)))
        }
        if T.self == URL.self {
            let text = try decodeString()
            guard let url = URL(string: text) else { throw corrupted("\(text) is not a URL", at: index) }
            return try cast(url)
        }
        if T.self == UUID.self {
            let (inner, _) = state.untagged(index)
            let raw = state.tape[inner].kind == .byteString ? state.stringBytes(inner) : []
            guard raw.count == 16 else {
                if state.tape[inner].kind == .textString, let uuid = UUID(uuidString: state.string(inner)) { return try cast(uuid) }
                throw mismatch(UUID.self, at: inner, "expected 16 bytes")
            }
            return try cast(UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15])))
        }
        return try cast(try decodeDecimal())
    }

    /// A scalar, or an array of scalars, reached through generic code (a field of type
    /// `[String]`, the elements of `[Double]`…) with no container, no decoder per element, and no
    /// dynamic cast: `kind` was found by comparing metatypes, so `T` is exactly the type read.
    private func decodeScalar<T>(_ kind: CodableScalar, as _: T.Type) throws -> T {
        switch kind {
        case .string: return unsafeBitCast(try decodeString(), to: T.self)
        case .int: return unsafeBitCast(try decodeInteger(Int.self), to: T.self)
        case .double: return unsafeBitCast(try decodeDouble(), to: T.self)
        case .bool: return unsafeBitCast(try decodeBool(), to: T.self)
        case .int64: return unsafeBitCast(try decodeInteger(Int64.self), to: T.self)
        case .float: return unsafeBitCast(try decodeFloat(), to: T.self)
        case .uint8: return unsafeBitCast(try decodeInteger(UInt8.self), to: T.self)
        case .int32: return unsafeBitCast(try decodeInteger(Int32.self), to: T.self)
        case .uint64: return unsafeBitCast(try decodeInteger(UInt64.self), to: T.self)
        case .uint32: return unsafeBitCast(try decodeInteger(UInt32.self), to: T.self)
        case .strings: return unsafeBitCast(try decodeArray({ state.plainString($0, $1) }) { try $0.decodeString() }, to: T.self)
        case .ints: return unsafeBitCast(try decodeArray(CodableDecodingState.plainInt) { try $0.decodeInteger(Int.self) }, to: T.self)
        case .doubles: return unsafeBitCast(try decodeArray(CodableDecodingState.plainDouble) { try $0.decodeDouble() }, to: T.self)
        case .bools: return unsafeBitCast(try decodeArray(CodableDecodingState.plainBool) { try $0.decodeBool() }, to: T.self)
        case .int64s: return unsafeBitCast(try decodeArray({ entry, _ in entry.kind == .unsigned ? Int64(exactly: entry.argument) : nil }) { try $0.decodeInteger(Int64.self) }, to: T.self)
        case .floats: return unsafeBitCast(try decodeArray({ entry, _ in entry.kind == .float ? Float(bitPattern: UInt32(truncatingIfNeeded: entry.argument)) : nil }) { try $0.decodeFloat() }, to: T.self)
        case .uint8s: return unsafeBitCast(try decodeBytes(), to: T.self)
        }
    }

    /// The bytes of a `[UInt8]` or `Data` (`type`, named in errors): a byte string (COSE and
    /// WebAuthn fields declared as bytes), or an array of integers that fit `UInt8`, as Swift's
    /// Codable writes `[UInt8]` (and JSON coders with `.deferredToData` write `Data`).
    private func decodeBytes(as type: Any.Type = [UInt8].self) throws -> [UInt8] {
        let (inner, _) = state.untagged(index)
        switch state.tape[inner].kind {
        case .byteString:
            return state.stringBytes(inner)
        case .array:
            return try decodeArray({ entry, _ in entry.kind == .unsigned ? UInt8(exactly: entry.argument) : nil }) {
                try $0.decodeInteger(UInt8.self)
            }
        default:
            throw mismatch(type, at: inner, "expected a byte string or an array")
        }
    }

    /// An array, its storage reserved once. Each item is read with `read` when it is stored
    /// plainly, and otherwise by `decode` through a decoder of its own (made only then, with the
    /// coding path that errors need).
    private func decodeArray<Element>(
        _ read: (TapeEntry, Int) -> Element?, orElse decode: (CodableDecoder) throws -> Element
    ) throws -> [Element] {
        let (inner, _) = state.untagged(index)
        guard state.tape[inner].kind == .array else {
            throw mismatch([Element].self, at: inner, "expected an array")
        }
        let count = Int(state.tape[inner].argument)
        var itemPath: CodingPathNode??
        var items: [Element] = []
        items.reserveCapacity(count)
        var position = inner + 1
        for offset in 0..<count {
            let entry = state.tape[position]
            if let item = read(entry, position) {
                items.append(item)
            } else {
                let path = itemPath ?? pathForChildren
                itemPath = path
                items.append(try decode(CodableDecoder(state: state, index: position, path: path, position: offset)))
            }
            position = state.skip(position)
        }
        return items
    }

    private func cast<T, Value>(_ value: Value) throws -> T {
        guard let typed = value as? T else { throw corrupted("cannot produce \(T.self)", at: index) }
        return typed
    }

    private func decodeDate() throws -> Date {
        switch state.options.dateStrategy {
        case .deferredToDate: return try Date(from: self)
        case .custom(let decode): return try decode(self)
        case .flexible: break
        }
        let (inner, allTags) = state.untagged(index)
        let kind = state.tape[inner].kind
        let isText = kind == .textString
        let isNumber = [.unsigned, .negative, .half, .float, .double].contains(kind)
        // The self-described CBOR tag says nothing of the date.
        switch (allTags.last { $0 != 55799 }, isText) {
        case (nil, true), (0, true):
            guard let time = CBORDateTime(rfc3339: state.string(inner)) else {
                throw corrupted("\(state.string(inner)) is not an RFC 3339 date-time", at: inner)
            }
            return time.date
        case (1004, true):
            guard let date = CBORDate(fullDate: state.string(inner)) else {
                throw corrupted("\(state.string(inner)) is not an RFC 3339 full-date", at: inner)
            }
            return Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400)
        case (100, false) where isNumber:
            // RFC 8943: days since 1970-01-01.
            let days = try CodableDecoder(state: state, index: inner, path: path, key: key?.codingKey).decodeInteger(Int32.self)
            return Date(timeIntervalSince1970: Double(days) * 86_400)
        case (nil, false) where isNumber, (1, false) where isNumber:
            let seconds = try CodableDecoder(state: state, index: inner, path: path, key: key?.codingKey).decodeDouble()
            guard seconds.isFinite else { throw corrupted("\(seconds) is not a time", at: inner) }
            return Date(timeIntervalSince1970: seconds)
        default:
            throw mismatch(Date.self, at: index, "expected tag 0 or 1004 text, tag 1 or 100 numbers, or untagged text or numbers")
        }
    }

    private func decodeDecimal() throws -> Decimal {
        let (inner, tags) = state.untagged(index)
        let entry = state.tape[inner]
        if tags.last == 4 || tags.last == 5, entry.kind == .array, entry.argument == 2 {
            let (exponent, mantissa) = try fractionParts(at: inner, for: Decimal.self)
            let decimal = tags.last == 4
                ? Self.exactDecimal(CBORDecimal(mantissa: mantissa, exponent: exponent))
                : Self.exactDecimal(CBORBigFloat(mantissa: mantissa, exponent: exponent))
            guard let decimal else {
                let what = tags.last == 4 ? "decimal fraction" : "bigfloat"
                throw corrupted("the \(what) does not fit Foundation's Decimal exactly", at: inner)
            }
            return decimal
        }
        let isBignum = entry.kind == .byteString && (tags.last == 2 || tags.last == 3)
        if entry.kind == .unsigned || entry.kind == .negative || isBignum {
            let integer = try decodeBigInt()
            guard let decimal = Self.exactDecimal(CBORDecimal(mantissa: integer, exponent: 0)) else {
                throw corrupted("\(Self.describe(integer)) does not fit Foundation's Decimal exactly", at: inner)
            }
            return decimal
        }
        guard entry.kind == .half || entry.kind == .float || entry.kind == .double else {
            throw mismatch(Decimal.self, at: inner, "expected tag 4 or 5, an integer, a bignum or a float")
        }
        let double = floatValue(entry)
        // The encoder writes Decimal's NaN as a float NaN; an infinity has no Decimal (and
        // `Decimal(_:)` stops the program on one), and a double beyond Decimal's range makes a
        // NaN.
        if double.isNaN { return Decimal.nan }
        guard double.isFinite, case let decimal = Decimal(double), !decimal.isNaN else {
            throw corrupted("\(double) is beyond Foundation's Decimal", at: inner)
        }
        return decimal
    }

    /// The exponent and mantissa of the decimal fraction or bigfloat whose array is at `inner`,
    /// read with this value's coding path; a part of another kind is a mismatch for `type`, the
    /// type being read.
    private func fractionParts(at inner: Int, for type: Any.Type) throws -> (exponent: Int, mantissa: CBORBigInt) {
        let exponentIndex = state.untagged(inner + 1).index
        guard state.tape[exponentIndex].kind == .unsigned || state.tape[exponentIndex].kind == .negative else {
            throw mismatch(type, at: exponentIndex, "expected an integer exponent")
        }
        let exponent = try part(at: inner + 1).decodeInteger(Int.self)
        return (exponent, try part(at: state.skip(inner + 1)).decodeBigInt(for: type))
    }

    /// The `Double` of exactly the value of a decimal fraction (tag 4) or bigfloat (tag 5) at
    /// `inner` (`exactDouble(_:)`), for `Double` or `Float` (`type`, named in errors); `nil`
    /// for an item that is neither, and `dataCorrupted` when no `Double` is exactly its value.
    @inline(never)
    private func fractionDouble(at inner: Int, for type: Any.Type) throws -> Double? {
        let tag = state.untagged(index).tags.last
        guard tag == 4 || tag == 5, state.tape[inner].kind == .array, state.tape[inner].argument == 2 else { return nil }
        let (exponent, mantissa) = try fractionParts(at: inner, for: type)
        let value = tag == 4
            ? Self.exactDouble(CBORDecimal(mantissa: mantissa, exponent: exponent))
            : Self.exactDouble(CBORBigFloat(mantissa: mantissa, exponent: exponent))
        guard let value else {
            throw corrupted("the \(tag == 4 ? "decimal fraction" : "bigfloat") is not exact as a Double", at: inner)
        }
        return value
    }

    /// The decoder of an item inside this value (a decimal fraction's exponent or mantissa):
    /// its errors carry this value's coding path.
    private func part(at index: Int) -> CodableDecoder {
        CodableDecoder(state: state, index: index, path: path, key: key?.codingKey)
    }

    /// The bytes of Foundation's largest `Decimal`, (2^128 − 1) × 10^127, as an integer: no
    /// longer mantissa of exponent 0 is exact in `Decimal`.
    private static let decimalMagnitudeBytes = 69

    /// `value` as Foundation's `Decimal`, or `nil` when `Decimal` cannot hold it exactly: its
    /// exponent out of range (`Decimal(string:)` refuses it), or more significant digits than
    /// its 128-bit mantissa holds (`Decimal(string:)` rounds them, silently: 39 nines become
    /// 999…990), which the value read back shows.
    static func exactDecimal(_ value: CBORDecimal) -> Decimal? {
        // A longer mantissa needs a negative exponent to fit; its text would take quadratic time.
        guard value.mantissa.magnitude.count <= decimalMagnitudeBytes,
              let text = decimalText(value),
              let decimal = Decimal(string: text, locale: nil), !decimal.isNaN,
              let back = CBORDecimal(decimal.description)
        else { return nil }
        return normalized(back) == normalized(value) ? decimal : nil
    }

    /// `value` as text that `Decimal(string:)` reads, its exponent brought into `Decimal`'s
    /// range (−128…127) where the digits allow: `Decimal(string:)` refuses `1E+128` and
    /// `100E-130`, which `Decimal` holds as 10 × 10^127 and 1 × 10^−128. Zeros are written out
    /// for a higher exponent (at most 39 digits in all: `Decimal`'s mantissa has 128 bits) and
    /// trailing zeros taken off for a lower one; `nil` when no text is in range.
    private static func decimalText(_ value: CBORDecimal) -> String? {
        let text = value.mantissa.description
        let sign = text.hasPrefix("-") ? "-" : ""
        var digits = text.dropFirst(sign.count)
        guard digits.contains(where: { $0 != "0" }) else { return "0" }
        var exponent = value.exponent
        if exponent > 127 {
            guard exponent - 127 <= 39 - digits.count else { return nil }
            digits += String(repeating: "0", count: exponent - 127)
            exponent = 127
        }
        while exponent < -128, digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        return exponent < -128 ? nil : "\(sign)\(digits)E\(exponent)"
    }

    /// The bigfloat `value` (tag 5, `mantissa × 2^exponent`) as Foundation's `Decimal`, or `nil`
    /// when `Decimal` cannot hold it exactly. Every bigfloat is a decimal fraction: with an odd
    /// mantissa m and k > 0, m × 2^−k is (m × 5^k) × 10^−k, whose last digit is not 0, so it
    /// needs all of them; `Decimal`'s 128-bit mantissa holds 5^55 but not 5^56. A positive
    /// exponent makes an integer. Either is then checked as a decimal fraction is.
    static func exactDecimal(_ value: CBORBigFloat) -> Decimal? {
        var magnitude = BigMagnitude(bigEndian: value.mantissa.magnitude)
        guard !magnitude.isZero else { return 0 }
        let zeros = magnitude.trailingZeroBits
        magnitude.shiftRight(by: zeros)
        let (exponent, overflow) = value.exponent.addingReportingOverflow(zeros)
        guard !overflow else { return nil }
        if exponent < 0 {
            guard exponent >= -55, magnitude.bitWidth <= 128 else { return nil }
            let five = BigMagnitude(limbs: [5])
            for _ in 0 ..< -exponent { magnitude = magnitude.multiplied(by: five) }
        } else {
            guard magnitude.bitWidth <= 8 * decimalMagnitudeBytes - exponent else { return nil }
            magnitude.shiftLeft(by: exponent)
        }
        let mantissa = CBORBigInt(isNegative: value.mantissa.isNegative, magnitude: magnitude.bigEndianBytes)
        return exactDecimal(CBORDecimal(mantissa: mantissa, exponent: min(exponent, 0)))
    }

    /// The significant digits of `value`'s mantissa (sign included) and the exponent of the
    /// last of them: equal for equal values, whatever their trailing zeros.
    private static func normalized(_ value: CBORDecimal) -> (digits: Substring, exponent: Int) {
        let text = value.mantissa.description
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        guard !trimmed.isEmpty, trimmed != "-" else { return ("0", 0) }
        // An exponent that overflows here was never Decimal's: no value read back has it.
        let (exponent, overflow) = value.exponent.addingReportingOverflow(text.count - trimmed.count)
        return (trimmed, overflow ? .min : exponent)
    }

    /// An integer or bignum read for `type` (named in errors): a decimal fraction's or
    /// bigfloat's mantissa, or an integer read as `Decimal`.
    private func decodeBigInt(for type: Any.Type = Decimal.self) throws -> CBORBigInt {
        let (inner, tags) = state.untagged(index)
        let entry = state.tape[inner]
        switch entry.kind {
        case .unsigned: return CBORBigInt(entry.argument)
        case .negative:
            let n = CBORBigInt(entry.argument).magnitude
            return CBORBigInt(isNegative: true, magnitude: CBORBigInt.plusOne(n.isEmpty ? [0] : n))
        case .byteString where tags.last == 2: return CBORBigInt(isNegative: false, magnitude: state.stringBytes(inner))
        case .byteString where tags.last == 3: return CBORBigInt(isNegative: true, magnitude: CBORBigInt.plusOne(state.stringBytes(inner)))
        default: throw mismatch(type, at: inner, "expected an integer or a bignum")
        }
    }
}
