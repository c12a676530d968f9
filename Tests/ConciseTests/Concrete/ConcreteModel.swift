import Concise
import ConformanceKit
@testable import ConcreteJSON

/// Builds ``ConcreteValue``s natively from the typed descriptions ("model") that
/// `scripts/concrete/gen_goldens.py` writes beside each golden, so that Swift writes each
/// golden from values it built itself rather than from the golden's text.
enum ConcreteModel {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func value(_ node: JSONValue) throws -> ConcreteValue {
        guard let kind = node["t"]?.string else { throw Unreadable(description: "no t in \(node)") }
        switch kind {
        case "none": return .null
        case "bool": return .bool(node["v"]?.bool ?? false)
        case "int":
            guard let text = node["v"]?.string, let big = CBORBigInt(text) else { throw Unreadable(description: "int \(node)") }
            return .integer(big)
        case "float": return .float(try double(node["v"]))
        case "str":
            guard case .string(let text)? = node["v"] else { throw Unreadable(description: "str \(node)") }
            return .string(text)
        case "list": return .list(try items(node))
        case "tuple": return .tuple(try items(node))
        case "set": return .set(try items(node))
        case "dict": return .dict(try object(node["v"]))
        case "ndarray": return .array(try array(node, shape: try shape(node)))
        case "npscalar": return .numpyScalar(try array(node, shape: []))
        case "random_state":
            guard case .number(let pos)? = node["pos"], case .number(let gauss)? = node["has_gauss"],
                let position = Int64(pos), let hasGauss = Int64(gauss),
                let keys = NDArray.Storage(dtype: .uint32, littleEndianBytes: [UInt8](hex: node["keys"]?.string ?? "")),
                case .uint32(let words) = keys
            else { throw Unreadable(description: "random_state \(node)") }
            return .randomState(RandomState(
                algorithm: node["algorithm"]?.string ?? "", keys: words, position: position, hasGauss: hasGauss,
                cachedGaussian: try double(node["cached_gaussian"])))
        case "inspect_empty": return .inspectEmpty
        case "exactness": return .exactness(node["v"]?.string ?? "")
        case "opaque": return .opaque(typeName: node["type_name"]?.string ?? "", hex: node["v"]?.string ?? "")
        case "torch_device": return .torchDevice(node["v"]?.string ?? "")
        case "valid_split": return .validSplit(try object(node["v"]?["v"]))
        case "object": return .object(typeName: node["type_name"]?.string ?? "", value: try value(node["v"] ?? .null))
        default: throw Unreadable(description: "unknown model kind \(kind)")
        }
    }

    /// The value as reading its JSON gives it back: an array's shape stops at its first empty
    /// axis, because `tolist()` of shape (0, 3) is `[]`.
    static func asRead(_ value: ConcreteValue) -> ConcreteValue {
        switch value {
        case .array(let array):
            guard let zero = array.shape.firstIndex(of: 0) else { return value }
            return (try? NDArray(storage: array.storage, shape: Array(array.shape[...zero]))).map(ConcreteValue.array) ?? value
        case .list(let items): return .list(items.map(asRead))
        case .tuple(let items): return .tuple(items.map(asRead))
        case .set(let items): return .set(items.map(asRead))
        case .dict(let object):
            return .dict(ConcreteObject(object.entries.map { .init(key: .string($0.key.jsonText), value: asRead($0.value)) }))
        case .object(let name, let inner): return .object(typeName: name, value: asRead(inner))
        default: return value
        }
    }

    private static func items(_ node: JSONValue) throws -> [ConcreteValue] {
        try (node["v"]?.array ?? []).map(value)
    }

    private static func object(_ node: JSONValue?) throws -> ConcreteObject {
        var result = ConcreteObject()
        for pair in node?.array ?? [] {
            guard let parts = pair.array, parts.count == 2 else { throw Unreadable(description: "dict entry \(pair)") }
            let key: ConcreteKey
            switch try value(parts[0]) {
            case .string(let text): key = .string(text)
            case .int(let integer): key = .int(integer)
            case .bigInt(let big): key = .bigInt(big)
            case .float(let double): key = .float(double)
            case .bool(let flag): key = .bool(flag)
            case .null: key = .null
            default: throw Unreadable(description: "dict key \(parts[0])")
            }
            result.entries.append(.init(key: key, value: try value(parts[1])))
        }
        return result
    }

    private static func shape(_ node: JSONValue) throws -> [Int] {
        try (node["shape"]?.array ?? []).map { dimension in
            guard case .number(let text) = dimension, let size = Int(text) else { throw Unreadable(description: "shape \(node)") }
            return size
        }
    }

    private static func array(_ node: JSONValue, shape: [Int]) throws -> NDArray {
        guard let name = node["dtype"]?.string, let dtype = NDArray.DType(rawValue: name),
            let storage = NDArray.Storage(dtype: dtype, littleEndianBytes: [UInt8](hex: node["data"]?.string ?? ""))
        else { throw Unreadable(description: "array \(node)") }
        return try NDArray(storage: storage, shape: shape)
    }

    private static func double(_ node: JSONValue?) throws -> Double {
        guard let hex = node?.string, let bits = UInt64(hex, radix: 16) else { throw Unreadable(description: "float \(String(describing: node))") }
        return Double(bitPattern: bits)
    }
}
