/// The data of a `numpy_array` before its dtype is known: the shape found from the nesting, and
/// the offset of each element's token in row-major order (eight bytes per element, no tree).
struct NumericTokens {
    let bytes: UnsafeBufferPointer<UInt8>
    /// ``ConcreteJSONDecoder/readsOverflowingFloatsAsInfinity``.
    let overflowIsInfinite: Bool
    var shape: [Int] = []
    var offsets: [Int] = []

    /// Converts the tokens into an array of `dtype`.
    ///
    /// - Throws: ``ConcreteJSONError`` at the offending token when an element does not fit.
    func array(dtype: NDArray.DType) throws -> NDArray {
        let converter = ElementConverter(dtype: dtype, count: offsets.count) { index in
            try scalar(at: offsets[index])
        } fail: { index, message in
            JSONReader.error(in: bytes, .valueOutOfDType, message, at: offsets[index])
        }
        return try NDArray(storage: try converter.storage(), shape: shape)
    }

    private func scalar(at offset: Int) throws -> ElementConverter.Scalar {
        switch bytes[offset] {
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        default:
            guard let (length, isFloat) = JSONNumberParser.scan(bytes, at: offset) else {
                throw JSONReader.error(in: bytes, .syntax, "expecting a number", at: offset)
            }
            do {
                let token = UnsafeBufferPointer(rebasing: bytes[offset..<offset + length])
                return .number(try JSONNumberParser.convert(token, isFloat: isFloat, overflowIsInfinite: overflowIsInfinite))
            } catch let failure as ConcreteJSONError {
                throw JSONReader.error(in: bytes, failure.code, failure.message, at: offset)
            }
        }
    }
}

extension JSONReader {
    /// Reads a `numpy_array`'s `serialized_value` as tokens: nested rectangular lists of numbers
    /// and booleans, or one bare scalar for a 0-d array.
    mutating func readNumericTokens(depth: Int) throws -> NumericTokens {
        var tokens = NumericTokens(bytes: bytes, overflowIsInfinite: options.readsOverflowingFloatsAsInfinity)
        var dimensions: [Int?] = []
        var leafAxis: Int?
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            try readTokenLevel(axis: 0, depth: depth + 1, &tokens, &dimensions, &leafAxis)
        } else {
            try readTokenScalar(&tokens)
        }
        tokens.shape = dimensions.prefix(while: { $0 != nil }).compactMap { $0 }
        guard tokens.shape.count == dimensions.count else {
            throw error(.shapeMismatch, "numpy array data is ragged")
        }
        return tokens
    }

    private mutating func readTokenLevel(
        axis: Int, depth: Int, _ tokens: inout NumericTokens, _ dimensions: inout [Int?], _ leafAxis: inout Int?
    ) throws {
        guard depth <= options.maxDepth else {
            throw error(.depthLimitExceeded, "nesting deeper than \(options.maxDepth) levels")
        }
        let start = index
        index += 1
        if dimensions.count <= axis { dimensions.append(nil) }
        var length = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw error(.truncated, "unterminated array") }
                if bytes[index] == UInt8(ascii: "[") {
                    if let leaf = leafAxis, leaf <= axis { throw error(.shapeMismatch, "numpy array data is ragged") }
                    try readTokenLevel(axis: axis + 1, depth: depth + 1, &tokens, &dimensions, &leafAxis)
                } else {
                    if leafAxis == nil { leafAxis = axis }
                    guard leafAxis == axis else { throw error(.shapeMismatch, "numpy array data is ragged") }
                    try readTokenScalar(&tokens)
                }
                length += 1
                if try readSeparator(closing: "]") { break }
            }
        }
        if let known = dimensions[axis] {
            guard known == length else { throw error(.shapeMismatch, "numpy array data is ragged", at: start) }
        } else {
            dimensions[axis] = length
        }
        if length == 0, let leaf = leafAxis, leaf <= axis {
            throw error(.shapeMismatch, "numpy array data is ragged", at: start)
        }
    }

    private mutating func readTokenScalar(_ tokens: inout NumericTokens) throws {
        guard index < bytes.count else { throw error(.truncated, "expecting a value, found the end of the input") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "t"): _ = try readValue(depth: 0)
        case UInt8(ascii: "f"): _ = try readValue(depth: 0)
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "n"):
            throw error(.unexpectedValue, "numpy array elements must be numbers or booleans")
        default:
            guard let (length, _) = JSONNumberParser.scan(bytes, at: index) else { throw error(.syntax, "expecting a value") }
            index += length
        }
        tokens.offsets.append(start)
    }
}
