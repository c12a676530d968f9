/// A numpy array: a dtype, a shape and the elements in row-major (C) order, stored contiguously
/// in a Swift array of the dtype's element type.
///
/// ```swift
/// let weights = try NDArray([1.5, 2, 3, 4] as [Float], shape: [2, 2])
/// let floats: [Float]? = weights.elements(as: Float.self)   // no copy, no boxing
/// ```
///
/// Equality compares dtype, shape and element bit patterns, so arrays holding `NaN` compare
/// equal to themselves.
public struct NDArray: Sendable, Equatable {
    /// The elements, one typed Swift array per dtype.
    public enum Storage: Sendable {
        /// `bool`.
        case bool([Bool])
        /// `int8`.
        case int8([Int8])
        /// `int16`.
        case int16([Int16])
        /// `int32`.
        case int32([Int32])
        /// `int64`.
        case int64([Int64])
        /// `uint8`.
        case uint8([UInt8])
        /// `uint16`.
        case uint16([UInt16])
        /// `uint32`.
        case uint32([UInt32])
        /// `uint64`.
        case uint64([UInt64])
        /// `float16`.
        case float16([Float16])
        /// `float32`.
        case float32([Float])
        /// `float64`.
        case float64([Double])
    }

    /// The dimensions; empty for a 0-d array (a single element).
    public let shape: [Int]
    /// The elements in row-major order; their count is the product of `shape`.
    public let storage: Storage

    /// Creates an array from typed storage and a shape.
    ///
    /// - Throws: ``ConcreteJSONError`` (`.shapeMismatch`) when the element count is not the
    ///   product of the dimensions or a dimension is negative.
    public init(storage: Storage, shape: [Int]) throws {
        guard let count = NDArray.elementCount(of: shape), count == storage.count else {
            throw ConcreteJSONError(
                .shapeMismatch,
                "shape \(shape) does not hold \(storage.count) elements"
            )
        }
        self.storage = storage
        self.shape = shape
    }

    /// Creates an array of `elements` with the given shape (one dimension by default).
    ///
    /// - Throws: ``ConcreteJSONError`` (`.shapeMismatch`) as ``init(storage:shape:)``.
    public init<Element: NDArrayElement>(_ elements: [Element], shape: [Int]? = nil) throws {
        try self.init(storage: Element.storage(elements), shape: shape ?? [elements.count])
    }

    /// The element type.
    public var dtype: DType { storage.dtype }

    /// The number of elements.
    public var count: Int { storage.count }

    /// The elements as a Swift array of their own type, or `nil` when `Element` is not the
    /// dtype's element type. No copy is made.
    public func elements<Element: NDArrayElement>(as _: Element.Type) -> [Element]? {
        Element.elements(of: storage)
    }

    /// The product of the dimensions, or `nil` when one is negative or the product overflows.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// Arrays are equal when dtype, shape and every element's bit pattern agree.
    public static func == (lhs: NDArray, rhs: NDArray) -> Bool {
        guard lhs.shape == rhs.shape, lhs.dtype == rhs.dtype else { return false }
        return lhs.storage.withUnsafeBytes { left in
            rhs.storage.withUnsafeBytes { right in left.elementsEqual(right) }
        }
    }
}
