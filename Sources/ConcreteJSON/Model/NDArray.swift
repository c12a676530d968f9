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
        guard shape.count <= NDArray.maximumDimensions else {
            throw ConcreteJSONError(
                .shapeMismatch,
                "a shape of \(shape.count) dimensions; numpy allows at most \(NDArray.maximumDimensions)")
        }
        guard let count = NDArray.elementCount(of: shape), count == storage.count else {
            throw ConcreteJSONError(
                .shapeMismatch,
                "shape \(shape) does not hold \(storage.count) elements"
            )
        }
        guard NDArray.emptyListCount(of: shape) <= NDArray.maximumEmptyLists else {
            throw ConcreteJSONError(
                .shapeMismatch,
                "shape \(shape) holds no elements but more than \(NDArray.maximumEmptyLists) empty lists in tolist()")
        }
        self.storage = storage
        self.shape = shape
    }

    /// The most dimensions an array has: numpy 1.x's `NPY_MAXDIMS`, beyond which it refuses to
    /// make one (Concrete ML's decoder fails there).
    public static let maximumDimensions = 32

    /// The most empty lists the text of an array may hold. An axis of length 0 leaves the axes
    /// before it a grid of empty lists: shape `[n, 0]` is `n` of them in `tolist()`, text that
    /// a few bytes of CBOR declare; past this many, the shape is refused.
    public static let maximumEmptyLists = 1 << 20

    /// How many empty lists `tolist()` of `shape` holds: the product of the dimensions before
    /// the first of length 0 (none when no dimension is 0, or the first is), saturating.
    static func emptyListCount(of shape: [Int]) -> Int {
        guard let zero = shape.firstIndex(of: 0) else { return 0 }
        var count = 1
        for dimension in shape[..<zero] {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return .max }
            count = product
        }
        return zero == 0 ? 0 : count
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
