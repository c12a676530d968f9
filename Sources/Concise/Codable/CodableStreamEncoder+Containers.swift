/// A map of ``CodableStreamEncoder``: each entry is written as it comes.
struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: CodableStreamEncoder
    /// The map's id, or -1 for a container handed out after streaming failed.
    let id: Int
    let pathDepth: Int
    /// The keys of the nested containers between the value and this one.
    var extraPath: [PathKey] = []
    var codingPath: [any CodingKey] { encoder.codingPath(depth: pathDepth, extra: extraPath) }

    private func begin(_ key: Key) throws { try encoder.beginEntry(in: id, key: key) }

    mutating func encodeNil(forKey key: Key) throws {
        try begin(key)
        encoder.writer.writeByte(0xf6)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try begin(key)
        encoder.writer.writeByte(value ? 0xf5 : 0xf4)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try begin(key)
        encoder.writer.writeText(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try begin(key)
        encoder.writer.writeDouble(value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try begin(key)
        encoder.writer.writeFloat(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeInteger(Int64(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeInteger(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeUnsigned(UInt64(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeUnsigned(UInt64(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeUnsigned(UInt64(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeUnsigned(UInt64(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeUnsigned(value, key) }

    mutating func encode(_ value: Int128, forKey key: Key) throws {
        try begin(key)
        CodableWideInteger.write(value, to: &encoder.writer)
    }

    mutating func encode(_ value: UInt128, forKey key: Key) throws {
        try begin(key)
        CodableWideInteger.write(value, to: &encoder.writer)
    }

    private func encodeInteger(_ value: Int64, _ key: Key) throws {
        try begin(key)
        encoder.writeInteger(value)
    }

    private func encodeUnsigned(_ value: UInt64, _ key: Key) throws {
        try begin(key)
        encoder.writer.writeHead(major: 0, argument: value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try encoder.encode(value, key: .key(key), under: extraPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(encoder: encoder, id: nestedID(isMap: true, key), pathDepth: pathDepth, extraPath: extraPath + [.key(key)]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        StreamUnkeyedContainer(encoder: encoder, id: nestedID(isMap: false, key), pathDepth: pathDepth, extraPath: extraPath + [.key(key)])
    }

    /// Opens a container as the value of `key`; -1 when streaming cannot go on.
    private func nestedID(isMap: Bool, _ key: Key) -> Int {
        do {
            try begin(key)
        } catch {
            return -1
        }
        return encoder.openContainer(isMap: isMap)
    }

    mutating func superEncoder() -> any Encoder {
        _ = encoder.unsupported()
        return encoder
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = encoder.unsupported()
        return encoder
    }
}

/// An array of ``CodableStreamEncoder``: each item is written as it comes.
struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: CodableStreamEncoder
    /// The array's id, or -1 for a container handed out after streaming failed.
    let id: Int
    let pathDepth: Int
    var extraPath: [PathKey] = []
    private(set) var count = 0
    var codingPath: [any CodingKey] { encoder.codingPath(depth: pathDepth, extra: extraPath) }

    init(encoder: CodableStreamEncoder, id: Int, pathDepth: Int, extraPath: [PathKey] = []) {
        self.encoder = encoder
        self.id = id
        self.pathDepth = pathDepth
        self.extraPath = extraPath
    }

    @discardableResult
    private mutating func begin() throws -> Int {
        let position = try encoder.beginItem(in: id)
        count += 1
        return position
    }

    mutating func encodeNil() throws {
        try begin()
        encoder.writer.writeByte(0xf6)
    }

    mutating func encode(_ value: Bool) throws {
        try begin()
        encoder.writer.writeByte(value ? 0xf5 : 0xf4)
    }

    mutating func encode(_ value: String) throws {
        try begin()
        encoder.writer.writeText(value)
    }

    mutating func encode(_ value: Double) throws {
        try begin()
        encoder.writer.writeDouble(value)
    }

    mutating func encode(_ value: Float) throws {
        try begin()
        encoder.writer.writeFloat(value)
    }

    mutating func encode(_ value: Int) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try encodeInteger(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try encodeUnsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try encodeUnsigned(value) }

    mutating func encode(_ value: Int128) throws {
        try begin()
        CodableWideInteger.write(value, to: &encoder.writer)
    }

    mutating func encode(_ value: UInt128) throws {
        try begin()
        CodableWideInteger.write(value, to: &encoder.writer)
    }

    private mutating func encodeInteger(_ value: Int64) throws {
        try begin()
        encoder.writeInteger(value)
    }

    private mutating func encodeUnsigned(_ value: UInt64) throws {
        try begin()
        encoder.writer.writeHead(major: 0, argument: value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let position = try begin()
        try encoder.encode(value, key: .index(position), under: extraPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (id, key) = nestedID(isMap: true)
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(encoder: encoder, id: id, pathDepth: pathDepth, extraPath: extraPath + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (id, key) = nestedID(isMap: false)
        return StreamUnkeyedContainer(encoder: encoder, id: id, pathDepth: pathDepth, extraPath: extraPath + [key])
    }

    /// Opens a container as the next item; its id is -1 when streaming cannot go on.
    private mutating func nestedID(isMap: Bool) -> (Int, PathKey) {
        do {
            let position = try begin()
            return (encoder.openContainer(isMap: isMap), .index(position))
        } catch {
            return (-1, .index(count))
        }
    }

    mutating func superEncoder() -> any Encoder {
        _ = encoder.unsupported()
        return encoder
    }
}

/// The single value of ``CodableStreamEncoder``'s current value: written once.
struct StreamSingleValueContainer: SingleValueEncodingContainer {
    let encoder: CodableStreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    /// Writes the value with `write`; a second value for the same container ends streaming.
    private func set(_ write: () throws -> Void) throws {
        guard !encoder.failed, case .pending = encoder.state else { throw encoder.unsupported() }
        try write()
        encoder.state = .single
    }

    mutating func encodeNil() throws { try set { encoder.writer.writeByte(0xf6) } }
    mutating func encode(_ value: Bool) throws { try set { encoder.writer.writeByte(value ? 0xf5 : 0xf4) } }
    mutating func encode(_ value: String) throws { try set { encoder.writer.writeText(value) } }
    mutating func encode(_ value: Double) throws { try set { encoder.writer.writeDouble(value) } }
    mutating func encode(_ value: Float) throws { try set { encoder.writer.writeFloat(value) } }
    mutating func encode(_ value: Int) throws { try set { encoder.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { try set { encoder.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int16) throws { try set { encoder.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int32) throws { try set { encoder.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { try set { encoder.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { try set { encoder.writer.writeHead(major: 0, argument: UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { try set { encoder.writer.writeHead(major: 0, argument: UInt64(value)) } }
    mutating func encode(_ value: UInt16) throws { try set { encoder.writer.writeHead(major: 0, argument: UInt64(value)) } }
    mutating func encode(_ value: UInt32) throws { try set { encoder.writer.writeHead(major: 0, argument: UInt64(value)) } }
    mutating func encode(_ value: UInt64) throws { try set { encoder.writer.writeHead(major: 0, argument: value) } }
    mutating func encode(_ value: Int128) throws { try set { CodableWideInteger.write(value, to: &encoder.writer) } }
    mutating func encode(_ value: UInt128) throws { try set { CodableWideInteger.write(value, to: &encoder.writer) } }
    mutating func encode<T: Encodable>(_ value: T) throws { try set { try encoder.encode(value, key: nil) } }
}
