@testable import Concise

/// Turns a node of the conformance contract's typed description (raw mode) into the ``CBOR``
/// value it describes. Floats take the width of the node's `width` (16, 32, 64; default 64).
enum TypedDescription {
    struct Unsupported: Error, CustomStringConvertible {
        let node: String
        var description: String { "unsupported typed node \(node)" }
    }

    static func value(_ node: JSONValue) throws -> CBOR {
        guard let kind = node["t"]?.string else { throw Unsupported(node: "\(node)") }
        switch kind {
        case "int", "uint", "nint":
            let text = node["v"]?.string ?? ""
            if text.hasPrefix("-") {
                if text == "-18446744073709551616" { return .negative(.max) }
                guard let magnitude = UInt64(text.dropFirst()), magnitude > 0 else { throw Unsupported(node: text) }
                return .negative(magnitude - 1)
            }
            guard let value = UInt64(text) else { throw Unsupported(node: text) }
            return .unsigned(value)
        case "bytes":
            return .byteString([UInt8](hex: node["hex"]?.string ?? ""))
        case "text":
            return .textString(node["v"]?.string ?? "")
        case "array":
            return .array(try (node["v"]?.array ?? []).map(value))
        case "map":
            let pairs = try (node["v"]?.array ?? []).map { pair -> (key: CBOR, value: CBOR) in
                guard let items = pair.array, items.count == 2 else { throw Unsupported(node: "\(pair)") }
                return (try value(items[0]), try value(items[1]))
            }
            return .map(CBORMap(pairs))
        case "tag":
            guard let tag = node["tag"]?.string.flatMap({ UInt64($0) }), let content = node["v"] else {
                throw Unsupported(node: "\(node)")
            }
            return .tagged(tag, try value(content))
        case "simple":
            guard let simple = node["v"]?.string.flatMap({ UInt8($0) }) else { throw Unsupported(node: "\(node)") }
            return .simple(simple)
        case "bool":
            return .boolean(node["v"]?.bool ?? false)
        case "null":
            return .null
        case "undefined":
            return .undefined
        case "float":
            guard let bits = node["bits"]?.string.flatMap({ UInt64($0, radix: 16) }) else { throw Unsupported(node: "\(node)") }
            let double = Double(bitPattern: bits)
            switch node["width"]?.string {
            case "16": return .half(Float16(double))
            case "32": return .float(Float(double))
            default: return .double(double)
            }
        default:
            throw Unsupported(node: kind)
        }
    }
}
