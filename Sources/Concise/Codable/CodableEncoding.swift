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
        var entries: [(key: CBOR, value: EncodedNode)] = []

        /// Sets `key`, replacing an earlier value for it (the last write wins, as in JSONEncoder).
        func set(_ key: CBOR, _ value: EncodedNode) {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
            } else {
                entries.append((key, value))
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

/// The `Encoder` of ``CBOREncoder/encode(_:)-(Encodable)``.
final class CodableEncoder: Encoder {
    let options: CBOREncoder
    let codingPath: [any CodingKey]
    var node: EncodedNode?
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    init(options: CBOREncoder, codingPath: [any CodingKey] = []) {
        self.options = options
        self.codingPath = codingPath
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
        if options.keyStrategy == .useIntegerKeys, let int = key.intValue {
            return CBOR(int)
        }
        return .textString(key.stringValue)
    }

    /// The node of any encodable value: the special Foundation types and registered encoders
    /// first, then the value's own `encode(to:)`.
    func box<T: Encodable>(_ value: T, at path: [any CodingKey]) throws -> EncodedNode {
        if let registered = options.typeEncoders[ObjectIdentifier(T.self)] {
            let writer = CBORWriter(options: options)
            try registered.encode(writer, value)
            return .value(try CBOR(decoding: writer.finish()))
        }
        // Type comparisons first: a dynamic cast per value would cost more than encoding it.
        if Self.isSpecial(T.self) {
            switch value {
            case let date as Date: return try boxDate(date, at: path)
            case let data as Data: return .value(.byteString([UInt8](data)))
            case let url as URL: return .value(.tagged(32, .textString(url.absoluteString)))
            case let uuid as UUID: return .value(.tagged(37, .byteString(withUnsafeBytes(of: uuid.uuid) { Array($0) })))
            case let decimal as Decimal: return .value(try boxDecimal(decimal))
            case let cbor as CBOR: return .value(cbor)
            default: break
            }
        }
        let encoder = CodableEncoder(options: options, codingPath: path)
        try value.encode(to: encoder)
        return encoder.node ?? .map(EncodedNode.MapBox())
    }

    private static func isSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == Data.self || type == URL.self || type == UUID.self || type == Decimal.self || type == CBOR.self
    }

    private func boxDate(_ date: Date, at path: [any CodingKey]) throws -> EncodedNode {
        switch options.dateStrategy {
        case .epochTime:
            let time = CBORDateTime(date)
            let seconds: CBOR = time.microsecond == 0 ? CBOR(time.secondsSinceEpoch) : .double(date.timeIntervalSince1970)
            return .value(.tagged(1, seconds))
        case .iso8601:
            return .value(.tagged(0, .textString(CBORDateTime(date).description)))
        case .deferredToDate:
            let encoder = CodableEncoder(options: options, codingPath: path)
            try date.encode(to: encoder)
            return encoder.node ?? .value(.null)
        case .custom(let encode):
            let encoder = CodableEncoder(options: options, codingPath: path)
            try encode(date, encoder)
            return encoder.node ?? .map(EncodedNode.MapBox())
        }
    }

    private func boxDecimal(_ decimal: Decimal) throws -> CBOR {
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
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.set(encoder.key(key), try encoder.box(value, at: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = CodableEncoder(options: encoder.options, codingPath: codingPath + [key])
            let container = nested.container(keyedBy: keyType)
            box.set(encoder.key(key), .deferred(nested))
            return container
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = CodableEncoder(options: encoder.options, codingPath: codingPath + [key])
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
            let nested = CodableEncoder(options: encoder.options, codingPath: codingPath + [key])
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
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try encoder.box(value, at: codingPath + [nextKey]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = CodableEncoder(options: encoder.options, codingPath: codingPath + [nextKey])
            let container = nested.container(keyedBy: keyType)
            box.items.append(.deferred(nested))
            return container
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = CodableEncoder(options: encoder.options, codingPath: codingPath + [nextKey])
            let container = nested.unkeyedContainer()
            box.items.append(.deferred(nested))
            return container
        }

        mutating func superEncoder() -> any Encoder {
            let nested = CodableEncoder(options: encoder.options, codingPath: codingPath + [nextKey])
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
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.node = try encoder.box(value, at: codingPath)
        }
    }
}

/// A coding key made of a string or an integer, for paths and super encoders.
struct CBORCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    init(_ key: any CodingKey) {
        self.stringValue = key.stringValue
        self.intValue = key.intValue
    }
}
