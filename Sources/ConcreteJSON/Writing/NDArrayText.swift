/// The text `ConcreteEncoder` writes for a numpy array's `tolist()`: nested lists in row-major
/// order, or a bare scalar for a 0-d array. `float16` and `float32` elements are widened to
/// `float64` and printed with its digits, as Python's `float` prints them.
enum NDArrayText {
    /// Appends the array's `tolist()` JSON text.
    static func append(_ array: NDArray, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + array.count * estimatedWidth(array.dtype))
        if array.shape.isEmpty {
            if array.count == 1 { appendElement(array, 0, to: &out) }
            return
        }
        var flatIndex = 0
        appendDimension(array, 0, &flatIndex, to: &out)
    }

    private static func appendDimension(_ array: NDArray, _ axis: Int, _ flatIndex: inout Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        let length = array.shape[axis]
        let last = axis == array.shape.count - 1
        for index in 0..<length {
            if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            if last {
                appendElement(array, flatIndex, to: &out)
                flatIndex += 1
            } else {
                appendDimension(array, axis + 1, &flatIndex, to: &out)
            }
        }
        // An empty axis hides the elements of the axes after it (`tolist()` of shape (0, 3)
        // is `[]`), so the flat index does not move.
        out.append(UInt8(ascii: "]"))
    }

    private static func appendElement(_ array: NDArray, _ index: Int, to out: inout [UInt8]) {
        switch array.storage {
        case .bool(let values): out.append(contentsOf: (values[index] ? "true" : "false").utf8)
        case .float16(let values): PythonFloatRepr.append(Double(values[index]), to: &out)
        case .float32(let values): PythonFloatRepr.append(Double(values[index]), to: &out)
        case .float64(let values): PythonFloatRepr.append(values[index], to: &out)
        case .uint64(let values): appendInteger(values[index], to: &out)
        default: appendInteger(integerValue(of: array, at: index) ?? 0, to: &out)
        }
    }

    /// The element at `index` of an integer array other than `uint64`, widened to `Int64`.
    static func integerValue(of array: NDArray, at index: Int) -> Int64? {
        switch array.storage {
        case .int8(let values): Int64(values[index])
        case .int16(let values): Int64(values[index])
        case .int32(let values): Int64(values[index])
        case .int64(let values): values[index]
        case .uint8(let values): Int64(values[index])
        case .uint16(let values): Int64(values[index])
        case .uint32(let values): Int64(values[index])
        case .uint64(let values): Int64(exactly: values[index])
        case .bool(let values): values[index] ? 1 : 0
        case .float16, .float32, .float64: nil
        }
    }

    /// Appends the decimal digits of an integer without going through `String`.
    static func appendInteger<T: BinaryInteger>(_ value: T, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, kept on the stack
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)..<20])
        }
    }

    private static func estimatedWidth(_ dtype: NDArray.DType) -> Int {
        switch dtype {
        case .bool: 6
        case .float16, .float32, .float64: 22
        default: 8
        }
    }
}
