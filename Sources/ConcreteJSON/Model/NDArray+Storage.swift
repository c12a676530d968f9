extension NDArray.Storage {
    /// The dtype of the elements.
    public var dtype: NDArray.DType {
        switch self {
        case .bool: .bool
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .float16: .float16
        case .float32: .float32
        case .float64: .float64
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .bool(let values): values.count
        case .int8(let values): values.count
        case .int16(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .uint8(let values): values.count
        case .uint16(let values): values.count
        case .uint32(let values): values.count
        case .uint64(let values): values.count
        case .float16(let values): values.count
        case .float32(let values): values.count
        case .float64(let values): values.count
        }
    }

    /// Calls `body` with the elements' memory (host byte order; `bool` as bytes 0 and 1).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .bool(let values): try values.withUnsafeBytes(body)
        case .int8(let values): try values.withUnsafeBytes(body)
        case .int16(let values): try values.withUnsafeBytes(body)
        case .int32(let values): try values.withUnsafeBytes(body)
        case .int64(let values): try values.withUnsafeBytes(body)
        case .uint8(let values): try values.withUnsafeBytes(body)
        case .uint16(let values): try values.withUnsafeBytes(body)
        case .uint32(let values): try values.withUnsafeBytes(body)
        case .uint64(let values): try values.withUnsafeBytes(body)
        case .float16(let values): try values.withUnsafeBytes(body)
        case .float32(let values): try values.withUnsafeBytes(body)
        case .float64(let values): try values.withUnsafeBytes(body)
        }
    }

    /// Creates storage of `dtype` from little-endian element bytes (RFC 8746 typed-array
    /// content), or `nil` when the byte count is not a multiple of the element size or a `bool`
    /// byte is not 0 or 1.
    public init?(dtype: NDArray.DType, littleEndianBytes bytes: [UInt8]) {
        guard bytes.count % dtype.byteWidth == 0 else { return nil }
        let count = bytes.count / dtype.byteWidth
        switch dtype {
        case .bool:
            guard bytes.allSatisfy({ $0 <= 1 }) else { return nil }
            self = .bool(bytes.map { $0 == 1 })
        case .int8: self = .int8(Self.load(bytes, count))
        case .int16: self = .int16(Self.load(bytes, count))
        case .int32: self = .int32(Self.load(bytes, count))
        case .int64: self = .int64(Self.load(bytes, count))
        case .uint8: self = .uint8(bytes)
        case .uint16: self = .uint16(Self.load(bytes, count))
        case .uint32: self = .uint32(Self.load(bytes, count))
        case .uint64: self = .uint64(Self.load(bytes, count))
        case .float16: self = .float16(Self.load(bytes, count).map { Float16(bitPattern: $0) })
        case .float32: self = .float32(Self.load(bytes, count).map { Float(bitPattern: $0) })
        case .float64: self = .float64(Self.load(bytes, count).map { Double(bitPattern: $0) })
        }
    }

    /// The elements as little-endian bytes (RFC 8746 typed-array content).
    public var littleEndianBytes: [UInt8] {
        withUnsafeBytes { raw in
            var bytes = Array(raw)
            let width = dtype.byteWidth
            #if _endian(big)
            if width > 1 {
                for start in stride(from: 0, to: bytes.count, by: width) {
                    bytes[start..<start + width].reverse()
                }
            }
            #endif
            _ = width
            return bytes
        }
    }

    private static func load<T: FixedWidthInteger>(_ bytes: [UInt8], _ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for index in 0..<count {
                    buffer[index] = T(littleEndian: raw.loadUnaligned(fromByteOffset: index * T.bitWidth / 8, as: T.self))
                }
            }
            initialized = count
        }
    }
}
