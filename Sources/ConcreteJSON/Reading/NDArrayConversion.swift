import Concise

/// Builds an ``NDArray`` from nested ``ConcreteValue`` lists: the slow path, for arrays whose
/// `serialized_value` came before their `type_name` or that arrive as a value tree.
enum NDArrayConversion {
    static func array(from value: ConcreteValue, dtype: NDArray.DType, scalarOnly: Bool) throws -> NDArray {
        var shape: [Int] = []
        var elements: [ConcreteValue] = []
        if case .list = value {
            guard !scalarOnly else { throw ConcreteJSONError(.unexpectedValue, "a numpy scalar's serialized_value is a list") }
            shape = try flatten(value, into: &elements)
        } else {
            elements = [value]
        }
        let converter = ElementConverter(dtype: dtype, count: elements.count) { index in
            switch elements[index] {
            case .bool(let flag): return .bool(flag)
            case .int(let integer): return .number(.integer(integer))
            case .bigInt(let big): return .number(.bigInteger(big))
            case .float(let double): return .number(.float(double))
            default: throw ConcreteJSONError(.unexpectedValue, "numpy elements must be numbers or booleans")
            }
        } fail: { index, message in
            ConcreteJSONError(.valueOutOfDType, "element \(index): \(message)")
        }
        return try NDArray(storage: try converter.storage(), shape: shape)
    }

    /// Appends the leaves in row-major order and returns the shape; ragged data is an error.
    private static func flatten(_ value: ConcreteValue, into elements: inout [ConcreteValue]) throws -> [Int] {
        var shape: [Int] = []
        var probe = value
        while case .list(let items) = probe {
            shape.append(items.count)
            guard let first = items.first else { break }
            probe = first
        }
        try collect(value, axis: 0, shape: shape, into: &elements)
        return shape
    }

    private static func collect(_ value: ConcreteValue, axis: Int, shape: [Int], into elements: inout [ConcreteValue]) throws {
        if axis == shape.count {
            if case .list = value { throw ConcreteJSONError(.shapeMismatch, "numpy array data is ragged") }
            elements.append(value)
            return
        }
        guard case .list(let items) = value, items.count == shape[axis] else {
            throw ConcreteJSONError(.shapeMismatch, "numpy array data is ragged")
        }
        for item in items { try collect(item, axis: axis + 1, shape: shape, into: &elements) }
    }
}
