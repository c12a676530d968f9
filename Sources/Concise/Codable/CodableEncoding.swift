import Foundation

/// A value being encoded: containers are reference boxes so nested containers and super
/// encoders can fill them after they were handed out, as Codable allows.
enum EncodedNode {
    case value(CBOR)
    case array(ArrayBox)
    case map(MapBox)
    case deferred(CodableEncoder)

    final class ArrayBox {
        var items: [EncodedNode] = []
    }

    final class MapBox {
        /// Room for a typical struct's fields at once, instead of growing 1, 2, 4, 8.
        var entries: [(key: CBOR, value: EncodedNode)] = {
            var entries: [(key: CBOR, value: EncodedNode)] = []
            entries.reserveCapacity(8)
            return entries
        }()

        /// Each key's place in `entries`, once there are more than
        /// ``CodableStreamEncoder/keyScanLimit``: a `[String: V]` of n entries would otherwise
        /// compare each key with every earlier one.
        private var places: [CBOR: Int] = [:]

        /// Sets `key`, replacing an earlier value for it (the last write wins, as in JSONEncoder).
        func set(_ key: CBOR, _ value: EncodedNode) {
            guard entries.count >= CodableStreamEncoder.keyScanLimit else {
                if let index = entries.firstIndex(where: { Self.sameKey($0.key, key) }) {
                    entries[index].value = value
                } else {
                    entries.append((key, value))
                }
                return
            }
            if places.isEmpty {
                places = Dictionary(entries.indices.map { (entries[$0].key, $0) }) { first, _ in first }
            }
            if let index = places[key] {
                entries[index].value = value
            } else {
                places[key] = entries.count
                entries.append((key, value))
            }
        }

        /// `CBOR`'s equality, text compared first without the general comparison: keys are
        /// nearly always text, and texts are equal with the same scalars (as the streaming
        /// encoder compares the keys' bytes), not by Swift's canonical equivalence.
        private static func sameKey(_ lhs: CBOR, _ rhs: CBOR) -> Bool {
            if case .textString(let left) = lhs, case .textString(let right) = rhs { return left.utf8.elementsEqual(right.utf8) }
            return lhs == rhs
        }
    }

    /// Writes the node straight to `writer`, definite lengths in insertion order (the form
    /// without canonical sorting or indefinite containers), without building a ``CBOR`` tree.
    /// Recursion follows the value's own nesting, which `encode(to:)` already recursed through.
    func write(to writer: inout ByteWriter, values: ValueWriter) throws(CBORError) {
        switch self {
        case .value(let value):
            try values.write(value, to: &writer)
        case .array(let box):
            writer.writeHead(major: 4, argument: UInt64(box.items.count))
            for item in box.items { try item.write(to: &writer, values: values) }
        case .map(let box):
            writer.writeHead(major: 5, argument: UInt64(box.entries.count))
            for entry in box.entries {
                try values.write(entry.key, to: &writer)
                try entry.value.write(to: &writer, values: values)
            }
        case .deferred(let encoder):
            if let node = encoder.node {
                try node.write(to: &writer, values: values)
            } else {
                writer.writeHead(major: 5, argument: 0)
            }
        }
    }

    /// The finished ``CBOR`` value.
    func resolved() -> CBOR {
        switch self {
        case .value(let value): return value
        case .array(let box): return .array(box.items.map { $0.resolved() })
        case .map(let box): return .map(CBORMap(box.entries.map { ($0.key, $0.value.resolved()) }))
        case .deferred(let encoder): return encoder.node?.resolved() ?? .map([:])
        }
    }
}

/// The options of one Codable encode, shared by reference: copying the `CBOREncoder` struct
/// into every nested encoder would retain and release all of its fields each time.
final class CodableEncodingContext {
    let options: CBOREncoder
    let hasTypeEncoders: Bool

    init(options: CBOREncoder) {
        self.options = options
        self.hasTypeEncoders = !options.typeEncoders.isEmpty
    }
}

/// The `Encoder` of ``CBOREncoder/encode(_:)-(Encodable)``.
final class CodableEncoder: Encoder {
    let context: CodableEncodingContext
    /// The path down to the enclosing container, as a linked list of keys (never a reference to
    /// another encoder, which would make a cycle through the node tree), and this value's key.
    let parentPath: CodingPathNode?
    let key: (any CodingKey)?
    private var pathForChildren: CodingPathNode??
    var node: EncodedNode?
    var options: CBOREncoder { context.options }
    var codingPath: [any CodingKey] { CodingPathNode.materialize(parentPath) + (key.map { [$0] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    init(context: CodableEncodingContext, parentPath: CodingPathNode? = nil, key: (any CodingKey)? = nil) {
        self.context = context
        self.parentPath = parentPath
        self.key = key
    }

    /// An encoder for the value under `key` of this one's container. The path node of this
    /// encoder is made once, on its first child: values without children never make one.
    func child(_ key: any CodingKey) -> CodableEncoder {
        let path: CodingPathNode?
        if let cached = pathForChildren {
            path = cached
        } else {
            path = self.key.map { CodingPathNode($0, parent: parentPath) } ?? parentPath
            pathForChildren = .some(path)
        }
        return CodableEncoder(context: context, parentPath: path, key: key)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: EncodedNode.MapBox
        if case .map(let existing) = node {
            box = existing
        } else {
            box = EncodedNode.MapBox()
            node = .map(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: EncodedNode.ArrayBox
        if case .array(let existing) = node {
            box = existing
        } else {
            box = EncodedNode.ArrayBox()
            node = .array(box)
        }
        return UnkeyedContainer(encoder: self, box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    func key(_ key: any CodingKey) -> CBOR {
        if options.keyStrategy == .useIntegerKeys, let int = CodingKeyInteger.of(key) {
            return CBOR(int)
        }
        return .textString(key.stringValue)
    }

    /// The node of any encodable value: registered encoders first, then the standard library's
    /// scalars without an encoder of their own, the special Foundation types, and then the
    /// value's own `encode(to:)` under `key`; an empty map when that encoded nothing, as
    /// JSONEncoder writes `{}` for a nested value.
    func box<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> EncodedNode {
        try boxIfEncoded(value, key: key) ?? .map(EncodedNode.MapBox())
    }

    /// ``box(_:key:)``, but `nil` when the value's `encode(to:)` encoded nothing (asked for no
    /// container, or for a single-value container and wrote no value).
    func boxIfEncoded<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> EncodedNode? {
        if context.hasTypeEncoders, let registered = options.typeEncoders[ObjectIdentifier(T.self)] {
            return .value(try registeredValue(value, registered, key: key))
        }
        if let scalar = Self.scalar(value) { return .value(scalar) }
        // Type comparisons first: a dynamic cast per value would cost more than encoding it.
        if Self.isSpecial(T.self) {
            if let special = try Self.foundationValue(value, options: options, codingPath: { valuePath(key) }) {
                return .value(special)
            }
            if let date = value as? Date { return try boxDate(date, key: key) }
        }
        let encoder = key.map(child) ?? self
        try value.encode(to: encoder)
        return encoder.node
    }

    /// The coding path of the value under `key` (`nil`: this encoder's own value).
    private func valuePath(_ key: (any CodingKey)?) -> [any CodingKey] {
        codingPath + (key.map { [$0] } ?? [])
    }

    /// The one data item that the encoder registered for `T` writes for `value`, under `key`.
    /// - Throws: `EncodingError.invalidValue` with the value and its coding path when the
    ///   encoder throws a ``CBORError`` or writes other than one data item; any other error of
    ///   the encoder unchanged, as a value's own `encode(to:)` errors are.
    private func registeredValue<T>(_ value: T, _ registered: CBORTypeEncoder, key: (any CodingKey)?) throws -> CBOR {
        func invalid(_ description: String, _ error: CBORError?) -> EncodingError {
            EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: valuePath(key), debugDescription: description, underlyingError: error))
        }
        let writer = CBORWriter(options: options)
        do {
            try registered.encode(writer, value)
        } catch let error as CBORError {
            throw invalid(error.description, error)
        }
        let bytes = writer.finish()
        let rule = "the encoder registered for \(T.self) must write exactly one data item"
        guard !bytes.isEmpty else { throw invalid("\(rule); it wrote nothing", nil) }
        do {
            return try CBOR(decoding: bytes)
        } catch {
            throw invalid("\(rule); reading back what it wrote: \(error.description)", error)
        }
    }

    /// Scalars reached through generic code (the elements of `[String]`, `[Double]`…) without
    /// an encoder per element: a metatype comparison, then a same-type cast.
    @inline(__always)
    private static func scalar<T>(_ value: T) -> CBOR? {
        if T.self == String.self, let string = value as? String { return .textString(string) }
        if T.self == Int.self, let integer = value as? Int { return CBOR(Int64(integer)) }
        if T.self == Double.self, let double = value as? Double { return .double(double) }
        if T.self == Bool.self, let flag = value as? Bool { return .boolean(flag) }
        if T.self == Int64.self, let integer = value as? Int64 { return CBOR(integer) }
        if T.self == Float.self, let float = value as? Float { return .float(float) }
        if T.self == UInt8.self, let byte = value as? UInt8 { return .unsigned(UInt64(byte)) }
        if T.self == Int32.self, let integer = value as? Int32 { return CBOR(Int64(integer)) }
        if T.self == UInt64.self, let integer = value as? UInt64 { return .unsigned(integer) }
        if T.self == UInt32.self, let integer = value as? UInt32 { return .unsigned(UInt64(integer)) }
        return nil
    }

    /// The value of a type Concise writes itself: `Date` (unless the date strategy hands it back
    /// to Codable: then `nil`), `Data`, `URL` (tag 32), `UUID` (tag 37), `Decimal` (tag 4) and
    /// ``CBOR``; `nil` for every other value.
    /// - Throws: `EncodingError.invalidValue` with `codingPath()` for a date that tag 0 or 1
    ///   cannot hold.
    static func foundationValue<T>(
        _ value: T, options: CBOREncoder, codingPath: () -> [any CodingKey]
    ) throws -> CBOR? {
        switch value {
        case let date as Date:
            switch options.dateStrategy {
            case .epochTime:
                return .tagged(1, try epochSeconds(date, codingPath: codingPath))
            case .iso8601:
                return .tagged(0, .textString(try rfc3339DateTime(date, codingPath: codingPath).description))
            case .deferredToDate, .custom:
                return nil
            }
        case let data as Data: return .byteString([UInt8](data))
        case let url as URL: return .tagged(32, .textString(url.absoluteString))
        case let uuid as UUID: return .tagged(37, .byteString(withUnsafeBytes(of: uuid.uuid) { Array($0) }))
        case let decimal as Decimal: return try decimalValue(decimal)
        case let cbor as CBOR: return cbor
        default: return nil
        }
    }

    /// The content of tag 1 for `date`: whole seconds as an integer, else a double. A date
    /// beyond ``CBORDateTime``'s microseconds (about 292 000 years from 1970) is written from
    /// its seconds directly; a date that is not finite is no time (the decoder refuses it).
    private static func epochSeconds(_ date: Date, codingPath: () -> [any CodingKey]) throws -> CBOR {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { throw invalidDate(date, codingPath, "is not a time") }
        guard Int64(exactly: (seconds * 1_000_000).rounded()) != nil else {
            return Int64(exactly: seconds).map { CBOR($0) } ?? .double(seconds)
        }
        let time = CBORDateTime(date)
        return time.microsecond == 0 ? CBOR(time.secondsSinceEpoch) : .double(seconds)
    }

    /// `date` rounded to the microsecond, as tag 0 writes it.
    /// - Throws: `EncodingError.invalidValue` for a date outside the years 0001 to 9999.
    private static func rfc3339DateTime(_ date: Date, codingPath: () -> [any CodingKey]) throws -> CBORDateTime {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { throw invalidDate(date, codingPath, "is not a time") }
        // The microseconds `CBORDateTime` rounds to: the instant checked is the one written.
        let micros = (seconds * 1_000_000).rounded()
        guard CBORDateTime.secondsOfYears1To9999.contains(micros / 1_000_000) else {
            let side = micros < 0 ? "before 0001-01-01T00:00:00Z" : "after 9999-12-31T23:59:59.999999Z"
            throw invalidDate(date, codingPath, """
                is \(side): RFC 3339 text (tag 0, dateStrategy .iso8601) has four-digit years; \
                dateStrategy .epochTime (tag 1) writes it
                """)
        }
        return CBORDateTime(date)
    }

    /// The error for a date that cannot be written, with `reason` the end of its sentence.
    private static func invalidDate(_ date: Date, _ codingPath: () -> [any CodingKey], _ reason: String) -> EncodingError {
        let description = "a Date \(date.timeIntervalSince1970) seconds from 1970 \(reason)"
        return .invalidValue(date, EncodingError.Context(codingPath: codingPath(), debugDescription: description))
    }

    static func isSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == UUID.self || type == Decimal.self || type == CBOR.self
    }

    /// A date that the date strategy hands back to Codable.
    private func boxDate(_ date: Date, key: (any CodingKey)?) throws -> EncodedNode {
        let encoder = key.map(child) ?? self
        if case .custom(let encode) = options.dateStrategy {
            try encode(date, encoder)
            return encoder.node ?? .map(EncodedNode.MapBox())
        }
        try date.encode(to: encoder)
        return encoder.node ?? .value(.null)
    }

    private static func decimalValue(_ decimal: Decimal) throws -> CBOR {
        guard !decimal.isNaN, let value = CBORDecimal(decimal.description) else { return .half(.nan) }
        let mantissa: CBOR
        if let small = value.mantissa.exactly(Int64.self) {
            mantissa = CBOR(small)
        } else if value.mantissa.isNegative {
            mantissa = .tagged(3, .byteString(value.mantissa.magnitudeMinusOne))
        } else {
            mantissa = .tagged(2, .byteString(value.mantissa.magnitude))
        }
        return .tagged(4, [CBOR(value.exponent), mantissa])
    }

    // MARK: Containers

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: CodableEncoder
        let box: EncodedNode.MapBox
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func set(_ value: CBOR, for key: Key) {
            box.set(encoder.key(key), .value(value))
        }

        mutating func encodeNil(forKey key: Key) throws { set(.null, for: key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.boolean(value), for: key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.textString(value), for: key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(.double(value), for: key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { set(.float(value), for: key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(CBOR(value), for: key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(CBOR(Int64(value)), for: key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(CBOR(Int64(value)), for: key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(CBOR(Int64(value)), for: key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(CBOR(value), for: key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(.unsigned(UInt64(value)), for: key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.unsigned(UInt64(value)), for: key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.unsigned(UInt64(value)), for: key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.unsigned(UInt64(value)), for: key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.unsigned(value), for: key) }
        mutating func encode(_ value: Int128, forKey key: Key) throws { set(CodableWideInteger.item(value), for: key) }
        mutating func encode(_ value: UInt128, forKey key: Key) throws { set(CodableWideInteger.item(value), for: key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.set(encoder.key(key), try encoder.box(value, key: key))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = encoder.child(key)
            let container = nested.container(keyedBy: keyType)
            box.set(encoder.key(key), .deferred(nested))
            return container
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = encoder.child(key)
            let container = nested.unkeyedContainer()
            box.set(encoder.key(key), .deferred(nested))
            return container
        }

        mutating func superEncoder() -> any Encoder {
            superEncoder(forKey: CBORCodingKey(stringValue: "super"))
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            superEncoder(forKey: CBORCodingKey(key))
        }

        private func superEncoder(forKey key: CBORCodingKey) -> any Encoder {
            let nested = encoder.child(key)
            box.set(encoder.key(key), .deferred(nested))
            return nested
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: CodableEncoder
        let box: EncodedNode.ArrayBox
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { box.items.count }

        private func append(_ value: CBOR) { box.items.append(.value(value)) }
        private var nextKey: CBORCodingKey { CBORCodingKey(intValue: box.items.count) }

        mutating func encodeNil() throws { append(.null) }
        mutating func encode(_ value: Bool) throws { append(.boolean(value)) }
        mutating func encode(_ value: String) throws { append(.textString(value)) }
        mutating func encode(_ value: Double) throws { append(.double(value)) }
        mutating func encode(_ value: Float) throws { append(.float(value)) }
        mutating func encode(_ value: Int) throws { append(CBOR(value)) }
        mutating func encode(_ value: Int8) throws { append(CBOR(Int64(value))) }
        mutating func encode(_ value: Int16) throws { append(CBOR(Int64(value))) }
        mutating func encode(_ value: Int32) throws { append(CBOR(Int64(value))) }
        mutating func encode(_ value: Int64) throws { append(CBOR(value)) }
        mutating func encode(_ value: UInt) throws { append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { append(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { append(.unsigned(value)) }
        mutating func encode(_ value: Int128) throws { append(CodableWideInteger.item(value)) }
        mutating func encode(_ value: UInt128) throws { append(CodableWideInteger.item(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try encoder.box(value, key: nextKey))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = encoder.child(nextKey)
            let container = nested.container(keyedBy: keyType)
            box.items.append(.deferred(nested))
            return container
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = encoder.child(nextKey)
            let container = nested.unkeyedContainer()
            box.items.append(.deferred(nested))
            return container
        }

        mutating func superEncoder() -> any Encoder {
            let nested = encoder.child(nextKey)
            box.items.append(.deferred(nested))
            return nested
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: CodableEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func set(_ value: CBOR) { encoder.node = .value(value) }

        mutating func encodeNil() throws { set(.null) }
        mutating func encode(_ value: Bool) throws { set(.boolean(value)) }
        mutating func encode(_ value: String) throws { set(.textString(value)) }
        mutating func encode(_ value: Double) throws { set(.double(value)) }
        mutating func encode(_ value: Float) throws { set(.float(value)) }
        mutating func encode(_ value: Int) throws { set(CBOR(value)) }
        mutating func encode(_ value: Int8) throws { set(CBOR(Int64(value))) }
        mutating func encode(_ value: Int16) throws { set(CBOR(Int64(value))) }
        mutating func encode(_ value: Int32) throws { set(CBOR(Int64(value))) }
        mutating func encode(_ value: Int64) throws { set(CBOR(value)) }
        mutating func encode(_ value: UInt) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt16) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt32) throws { set(.unsigned(UInt64(value))) }
        mutating func encode(_ value: UInt64) throws { set(.unsigned(value)) }
        mutating func encode(_ value: Int128) throws { set(CodableWideInteger.item(value)) }
        mutating func encode(_ value: UInt128) throws { set(CodableWideInteger.item(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.node = try encoder.box(value, key: nil)
        }
    }
}

/// A coding key made of a string or an integer, for paths and super encoders. The text of an
/// integer key is made only when asked for: array elements get a key each.
struct CBORCodingKey: CodingKey {
    private let text: String?
    let intValue: Int?
    var stringValue: String { text ?? intValue.map { String($0) } ?? "" }

    init(stringValue: String) {
        self.text = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.text = nil
        self.intValue = intValue
    }

    init(_ key: any CodingKey) {
        self.text = key.stringValue
        self.intValue = key.intValue
    }
}
