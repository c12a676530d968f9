/// A Swift type that can be an ``NDArray`` element: `Bool`, the fixed-width integers,
/// `Float16`, `Float` and `Double`.
public protocol NDArrayElement: Sendable {
    /// The dtype whose elements are this type.
    static var dtype: NDArray.DType { get }
    /// Wraps elements as storage.
    static func storage(_ elements: [Self]) -> NDArray.Storage
    /// Unwraps storage of this type's dtype, or returns `nil`.
    static func elements(of storage: NDArray.Storage) -> [Self]?
}

extension Bool: NDArrayElement {
    /// `bool`.
    public static var dtype: NDArray.DType { .bool }
    /// Wraps elements as `.bool` storage.
    public static func storage(_ elements: [Bool]) -> NDArray.Storage { .bool(elements) }
    /// The elements of `.bool` storage.
    public static func elements(of storage: NDArray.Storage) -> [Bool]? {
        if case .bool(let values) = storage { values } else { nil }
    }
}

extension Int8: NDArrayElement {
    /// `int8`.
    public static var dtype: NDArray.DType { .int8 }
    /// Wraps elements as `.int8` storage.
    public static func storage(_ elements: [Int8]) -> NDArray.Storage { .int8(elements) }
    /// The elements of `.int8` storage.
    public static func elements(of storage: NDArray.Storage) -> [Int8]? {
        if case .int8(let values) = storage { values } else { nil }
    }
}

extension Int16: NDArrayElement {
    /// `int16`.
    public static var dtype: NDArray.DType { .int16 }
    /// Wraps elements as `.int16` storage.
    public static func storage(_ elements: [Int16]) -> NDArray.Storage { .int16(elements) }
    /// The elements of `.int16` storage.
    public static func elements(of storage: NDArray.Storage) -> [Int16]? {
        if case .int16(let values) = storage { values } else { nil }
    }
}

extension Int32: NDArrayElement {
    /// `int32`.
    public static var dtype: NDArray.DType { .int32 }
    /// Wraps elements as `.int32` storage.
    public static func storage(_ elements: [Int32]) -> NDArray.Storage { .int32(elements) }
    /// The elements of `.int32` storage.
    public static func elements(of storage: NDArray.Storage) -> [Int32]? {
        if case .int32(let values) = storage { values } else { nil }
    }
}

extension Int64: NDArrayElement {
    /// `int64`.
    public static var dtype: NDArray.DType { .int64 }
    /// Wraps elements as `.int64` storage.
    public static func storage(_ elements: [Int64]) -> NDArray.Storage { .int64(elements) }
    /// The elements of `.int64` storage.
    public static func elements(of storage: NDArray.Storage) -> [Int64]? {
        if case .int64(let values) = storage { values } else { nil }
    }
}

extension UInt8: NDArrayElement {
    /// `uint8`.
    public static var dtype: NDArray.DType { .uint8 }
    /// Wraps elements as `.uint8` storage.
    public static func storage(_ elements: [UInt8]) -> NDArray.Storage { .uint8(elements) }
    /// The elements of `.uint8` storage.
    public static func elements(of storage: NDArray.Storage) -> [UInt8]? {
        if case .uint8(let values) = storage { values } else { nil }
    }
}

extension UInt16: NDArrayElement {
    /// `uint16`.
    public static var dtype: NDArray.DType { .uint16 }
    /// Wraps elements as `.uint16` storage.
    public static func storage(_ elements: [UInt16]) -> NDArray.Storage { .uint16(elements) }
    /// The elements of `.uint16` storage.
    public static func elements(of storage: NDArray.Storage) -> [UInt16]? {
        if case .uint16(let values) = storage { values } else { nil }
    }
}

extension UInt32: NDArrayElement {
    /// `uint32`.
    public static var dtype: NDArray.DType { .uint32 }
    /// Wraps elements as `.uint32` storage.
    public static func storage(_ elements: [UInt32]) -> NDArray.Storage { .uint32(elements) }
    /// The elements of `.uint32` storage.
    public static func elements(of storage: NDArray.Storage) -> [UInt32]? {
        if case .uint32(let values) = storage { values } else { nil }
    }
}

extension UInt64: NDArrayElement {
    /// `uint64`.
    public static var dtype: NDArray.DType { .uint64 }
    /// Wraps elements as `.uint64` storage.
    public static func storage(_ elements: [UInt64]) -> NDArray.Storage { .uint64(elements) }
    /// The elements of `.uint64` storage.
    public static func elements(of storage: NDArray.Storage) -> [UInt64]? {
        if case .uint64(let values) = storage { values } else { nil }
    }
}

extension Float16: NDArrayElement {
    /// `float16`.
    public static var dtype: NDArray.DType { .float16 }
    /// Wraps elements as `.float16` storage.
    public static func storage(_ elements: [Float16]) -> NDArray.Storage { .float16(elements) }
    /// The elements of `.float16` storage.
    public static func elements(of storage: NDArray.Storage) -> [Float16]? {
        if case .float16(let values) = storage { values } else { nil }
    }
}

extension Float: NDArrayElement {
    /// `float32`.
    public static var dtype: NDArray.DType { .float32 }
    /// Wraps elements as `.float32` storage.
    public static func storage(_ elements: [Float]) -> NDArray.Storage { .float32(elements) }
    /// The elements of `.float32` storage.
    public static func elements(of storage: NDArray.Storage) -> [Float]? {
        if case .float32(let values) = storage { values } else { nil }
    }
}

extension Double: NDArrayElement {
    /// `float64`.
    public static var dtype: NDArray.DType { .float64 }
    /// Wraps elements as `.float64` storage.
    public static func storage(_ elements: [Double]) -> NDArray.Storage { .float64(elements) }
    /// The elements of `.float64` storage.
    public static func elements(of storage: NDArray.Storage) -> [Double]? {
        if case .float64(let values) = storage { values } else { nil }
    }
}
