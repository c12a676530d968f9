import Concise

/// Converts array elements read from JSON or CBOR into the typed storage of a dtype, refusing
/// any element the dtype cannot hold exactly.
///
/// numpy's `astype` would wrap 300 into a `uint8` or round 0.1 into a `float32`; Concrete ML
/// never writes such data, so here it is an error rather than a silent change.
struct ElementConverter {
    /// One element as read: a boolean or a number.
    enum Scalar {
        case bool(Bool)
        case number(JSONNumber)
    }

    let dtype: NDArray.DType
    let count: Int
    let element: (Int) throws -> Scalar
    let fail: (Int, String) -> ConcreteJSONError

    func storage() throws -> NDArray.Storage {
        switch dtype {
        case .bool: .bool(try map { index, scalar in
            guard case .bool(let flag) = scalar else { throw fail(index, "element of a bool array is not true or false") }
            return flag
        })
        case .int8: .int8(try integers())
        case .int16: .int16(try integers())
        case .int32: .int32(try integers())
        case .int64: .int64(try integers())
        case .uint8: .uint8(try integers())
        case .uint16: .uint16(try integers())
        case .uint32: .uint32(try integers())
        case .uint64: .uint64(try integers())
        case .float16: .float16(try floats { Float16($0) })
        case .float32: .float32(try floats { Float($0) })
        case .float64: .float64(try floats { $0 })
        }
    }

    private func map<T>(_ transform: (Int, Scalar) throws -> T) throws -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for index in 0..<count { result.append(try transform(index, try element(index))) }
        return result
    }

    private func integers<T: FixedWidthInteger>() throws -> [T] {
        try map { index, scalar in
            let value: T?
            switch scalar {
            case .number(.integer(let integer)): value = T(exactly: integer)
            case .number(.bigInteger(let big)): value = big.exactly(T.self)
            default: throw fail(index, "element of an \(dtype.rawValue) array is not an integer")
            }
            guard let value else { throw fail(index, "element does not fit \(dtype.rawValue)") }
            return value
        }
    }

    private func floats<T: BinaryFloatingPoint>(_ narrow: (Double) -> T) throws -> [T] {
        try map { index, scalar in
            let double: Double
            switch scalar {
            case .number(.float(let value)): double = value
            case .number(.integer(let integer)):
                guard let exact = Double(exactly: integer) else { throw fail(index, "integer element is not exact in \(dtype.rawValue)") }
                double = exact
            default: throw fail(index, "element of a \(dtype.rawValue) array is not a number")
            }
            let narrowed = narrow(double)
            guard double.isNaN || Double(narrowed) == double else {
                throw fail(index, "\(double) is not exactly representable in \(dtype.rawValue)")
            }
            return narrowed
        }
    }
}
