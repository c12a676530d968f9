extension NDArray {
    /// A numpy dtype this library reads and writes, named as `str(array.dtype)` names it.
    public enum DType: String, Sendable, CaseIterable {
        /// `numpy.bool_`, one byte per element.
        case bool
        /// `numpy.int8`.
        case int8
        /// `numpy.int16`.
        case int16
        /// `numpy.int32`.
        case int32
        /// `numpy.int64`.
        case int64
        /// `numpy.uint8`.
        case uint8
        /// `numpy.uint16`.
        case uint16
        /// `numpy.uint32`.
        case uint32
        /// `numpy.uint64`.
        case uint64
        /// `numpy.float16` (IEEE half precision).
        case float16
        /// `numpy.float32`.
        case float32
        /// `numpy.float64`.
        case float64

        /// Whether the dtype is `float16`, `float32` or `float64`.
        public var isFloatingPoint: Bool {
            self == .float16 || self == .float32 || self == .float64
        }

        /// Whether the dtype is one of the signed or unsigned integer types.
        public var isInteger: Bool { self != .bool && !isFloatingPoint }

        /// The size of one element in bytes.
        public var byteWidth: Int {
            switch self {
            case .bool, .int8, .uint8: 1
            case .int16, .uint16, .float16: 2
            case .int32, .uint32, .float32: 4
            case .int64, .uint64, .float64: 8
            }
        }
    }
}
