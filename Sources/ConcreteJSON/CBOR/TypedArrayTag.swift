/// The RFC 8746 typed-array tag of each dtype: little-endian element order, and tag 68
/// (uint8, clamped) for `bool`, whose bytes are 0 or 1.
enum TypedArrayTag {
    /// RFC 8746 §3.1 multi-dimensional array, row-major: `[shape, elements]`.
    static let multiDimensionalArray: UInt64 = 40
    /// RFC 8746 / IANA "mathematical finite set".
    static let set: UInt64 = 258

    static func tag(for dtype: NDArray.DType) -> UInt64 {
        switch dtype {
        case .uint8: 64
        case .bool: 68
        case .uint16: 69
        case .uint32: 70
        case .uint64: 71
        case .int8: 72
        case .int16: 77
        case .int32: 78
        case .int64: 79
        case .float16: 84
        case .float32: 85
        case .float64: 86
        }
    }

    static func dtype(for tag: UInt64) -> NDArray.DType? {
        NDArray.DType.allCases.first { self.tag(for: $0) == tag }
    }
}
