import Concise

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
    /// byte is not 0 or 1. The bytes are copied in one block by Concise's typed-array reader.
    public init?(dtype: NDArray.DType, littleEndianBytes bytes: [UInt8]) {
        let item = CBOR.tagged(TypedArrayTag.tag(for: dtype), .byteString(bytes))
        switch dtype {
        case .bool:
            guard bytes.allSatisfy({ $0 <= 1 }) else { return nil }
            self = .bool(bytes.map { $0 == 1 })
        case .int8: guard let values = item.typedArray(of: Int8.self) else { return nil }; self = .int8(values)
        case .int16: guard let values = item.typedArray(of: Int16.self) else { return nil }; self = .int16(values)
        case .int32: guard let values = item.typedArray(of: Int32.self) else { return nil }; self = .int32(values)
        case .int64: guard let values = item.typedArray(of: Int64.self) else { return nil }; self = .int64(values)
        case .uint8: self = .uint8(bytes)
        case .uint16: guard let values = item.typedArray(of: UInt16.self) else { return nil }; self = .uint16(values)
        case .uint32: guard let values = item.typedArray(of: UInt32.self) else { return nil }; self = .uint32(values)
        case .uint64: guard let values = item.typedArray(of: UInt64.self) else { return nil }; self = .uint64(values)
        case .float16: guard let values = item.typedArray(of: Float16.self) else { return nil }; self = .float16(values)
        case .float32: guard let values = item.typedArray(of: Float.self) else { return nil }; self = .float32(values)
        case .float64: guard let values = item.typedArray(of: Double.self) else { return nil }; self = .float64(values)
        }
    }

    /// The elements as little-endian bytes (RFC 8746 typed-array content), written by Concise's
    /// typed-array writer; `bool` as bytes 0 and 1.
    public var littleEndianBytes: [UInt8] {
        let item: CBOR
        switch self {
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        case .uint8(let values): return values
        case .int8(let values): item = CBOR(typedArray: values)
        case .int16(let values): item = CBOR(typedArray: values)
        case .int32(let values): item = CBOR(typedArray: values)
        case .int64(let values): item = CBOR(typedArray: values)
        case .uint16(let values): item = CBOR(typedArray: values)
        case .uint32(let values): item = CBOR(typedArray: values)
        case .uint64(let values): item = CBOR(typedArray: values)
        case .float16(let values): item = CBOR(typedArray: values)
        case .float32(let values): item = CBOR(typedArray: values)
        case .float64(let values): item = CBOR(typedArray: values)
        }
        guard case .tagged(_, .byteString(let bytes)) = item else { return [] }
        return bytes
    }
}
