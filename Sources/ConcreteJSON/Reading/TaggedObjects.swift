import Concise

/// `ConcreteDecoder`'s object hook: turns an object with `type_name` and `serialized_value`
/// into its ``ConcreteValue`` case, and any other object into a plain dictionary.
struct TaggedObjects {
    let options: ConcreteJSONDecoder

    func value(entries: [(key: String, value: ConcreteValue)], arrayTokens: NumericTokens? = nil) throws -> ConcreteValue {
        var typeName: ConcreteValue?
        var serialized: ConcreteValue?
        var dtype: ConcreteValue?
        for entry in entries {
            switch entry.key {
            case "type_name": typeName = entry.value
            case "serialized_value": serialized = entry.value
            case "dtype": dtype = entry.value
            default: break
            }
        }
        let plain = ConcreteValue.dict(ConcreteObject(entries.map { ConcreteObject.Entry(key: .string($0.key), value: $0.value) }))
        guard options.decodesTaggedObjects, let typeName, let serialized else { return plain }
        guard case .string(let name) = typeName else {
            throw ConcreteJSONError(.unexpectedValue, "type_name is not a string")
        }
        if let value = try decode(name, serialized, dtype: dtype, arrayTokens: arrayTokens) { return value }
        if options.knownTypeNames.contains(name) || entries.count == 2 && entries[0].key == "type_name" {
            return .object(typeName: name, value: serialized)
        }
        // A name Concrete ML does not know, written otherwise than its encoder writes objects
        // (other keys, or another order): Python refuses it; it stays the dictionary it is, so
        // that writing it again loses nothing.
        return plain
    }

    /// The value of a built-in `type_name`; `nil` for another name (an error for one outside
    /// ``ConcreteJSONDecoder/knownTypeNames`` with ``ConcreteJSONDecoder/rejectsUnknownTypeNames``).
    private func decode(_ name: String, _ serialized: ConcreteValue, dtype: ConcreteValue?, arrayTokens: NumericTokens?) throws -> ConcreteValue? {
        switch name {
        case "tuple": return .tuple(try list(serialized, name))
        case "set": return .set(try list(serialized, name))
        case "numpy_integer", "numpy_float":
            let type = try dataType(dtype, name)
            guard type.isFloatingPoint == (name == "numpy_float"), type != .bool else {
                throw ConcreteJSONError(.unsupportedDType, "\(name) cannot have dtype \(type.rawValue)")
            }
            return .numpyScalar(try NDArrayConversion.array(from: serialized, dtype: type, scalarOnly: true))
        case "numpy_array":
            let type = try dataType(dtype, name)
            if let arrayTokens { return .array(try arrayTokens.array(dtype: type)) }
            return .array(try NDArrayConversion.array(from: serialized, dtype: type, scalarOnly: false))
        case "RandomState":
            guard let state = RandomState(tupleValue: serialized) else {
                throw ConcreteJSONError(.unexpectedValue, "RandomState is not a ('MT19937', uint32 keys, pos, has_gauss, cached_gaussian) tuple")
            }
            return .randomState(state)
        case "sklearn_model", "onnx_model", "type": return .opaque(typeName: name, hex: try string(serialized, name))
        case "torch_device": return .torchDevice(try string(serialized, name))
        case "inspect_empty": return .inspectEmpty
        case "Exactness": return .exactness(try string(serialized, name))
        case "valid_split":
            guard case .dict(let attributes) = serialized else {
                throw ConcreteJSONError(.unexpectedValue, "valid_split's serialized_value is not an object")
            }
            return .validSplit(attributes)
        default:
            if options.rejectsUnknownTypeNames, !options.knownTypeNames.contains(name) {
                throw ConcreteJSONError(.unknownTypeName, "unknown type_name \"\(name)\"")
            }
            return nil
        }
    }

    private func dataType(_ dtype: ConcreteValue?, _ name: String) throws -> NDArray.DType {
        guard let dtype else { throw ConcreteJSONError(.missingField, "\(name) has no dtype") }
        guard case .string(let text) = dtype else { throw ConcreteJSONError(.unexpectedValue, "dtype is not a string") }
        guard let type = NDArray.DType(rawValue: text) else {
            throw ConcreteJSONError(.unsupportedDType, "unsupported dtype \"\(text)\"")
        }
        return type
    }

    private func list(_ value: ConcreteValue, _ name: String) throws -> [ConcreteValue] {
        guard case .list(let items) = value else { throw ConcreteJSONError(.unexpectedValue, "\(name)'s serialized_value is not a list") }
        return items
    }

    private func string(_ value: ConcreteValue, _ name: String) throws -> String {
        guard case .string(let text) = value else { throw ConcreteJSONError(.unexpectedValue, "\(name)'s serialized_value is not a string") }
        return text
    }
}
