import Concise

/// The recursive writer behind ``ConcreteJSONEncoder``.
struct ConcreteJSONWriter {
    let maxDepth: Int
    var output: [UInt8] = []

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    mutating func write(_ value: ConcreteValue, depth: Int) throws {
        guard depth <= maxDepth else {
            throw ConcreteJSONError(.depthLimitExceeded, "nesting deeper than \(maxDepth) levels")
        }
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let integer): NDArrayText.appendInteger(integer, to: &output)
        case .bigInt(let big): output.append(contentsOf: big.description.utf8)
        case .float(let double): PythonFloatRepr.append(double, to: &output)
        case .string(let string): PythonStringEscaper.append(string, to: &output)
        case .list(let items): try writeList(items, depth: depth)
        case .dict(let object): try writeObject(object, depth: depth)
        case .tuple(let items): try writeTagged("tuple", depth: depth) { try $0.writeList(items, depth: depth + 1) }
        case .set(let items):
            let sorted = try PythonOrdering.sortedSet(items)
            try writeTagged("set", depth: depth) { try $0.writeList(sorted, depth: depth + 1) }
        case .numpyScalar(let scalar): try writeTagged(value.typeName ?? "", dtype: scalar.dtype, depth: depth) { NDArrayText.append(scalar, to: &$0.output) }
        case .array(let array): try writeTagged("numpy_array", dtype: array.dtype, depth: depth) { NDArrayText.append(array, to: &$0.output) }
        case .randomState(let state): try writeTagged("RandomState", depth: depth) { try $0.write(state.tupleValue, depth: depth + 1) }
        case .inspectEmpty: try writeTagged("inspect_empty", depth: depth) { PythonStringEscaper.append("inspect._empty", to: &$0.output) }
        case .exactness(let text): try writeTagged("Exactness", depth: depth) { PythonStringEscaper.append(text, to: &$0.output) }
        case .opaque(let name, let hex): try writeTagged(name, depth: depth) { PythonStringEscaper.append(hex, to: &$0.output) }
        case .torchDevice(let device): try writeTagged("torch_device", depth: depth) { PythonStringEscaper.append(device, to: &$0.output) }
        case .validSplit(let attributes): try writeTagged("valid_split", depth: depth) { try $0.writeObject(attributes, depth: depth + 1) }
        case .object(let name, let dumped): try writeTagged(name, depth: depth) { try $0.write(dumped, depth: depth + 1) }
        }
    }

    private mutating func writeList(_ items: [ConcreteValue], depth: Int) throws {
        output.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(contentsOf: ", ".utf8) }
            try write(item, depth: depth + 1)
        }
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: ConcreteObject, depth: Int) throws {
        output.append(UInt8(ascii: "{"))
        for (index, entry) in object.entries.enumerated() {
            if index > 0 { output.append(contentsOf: ", ".utf8) }
            writeKey(entry.key)
            output.append(contentsOf: ": ".utf8)
            try write(entry.value, depth: depth + 1)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Keys as `json`'s `_iterencode_dict` turns them into text.
    private mutating func writeKey(_ key: ConcreteKey) {
        switch key {
        case .string(let string): PythonStringEscaper.append(string, to: &output)
        default:
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: key.jsonText.utf8)
            output.append(UInt8(ascii: "\""))
        }
    }

    /// `{"type_name": name, "serialized_value": <body>}`, with `"dtype"` after the value.
    private mutating func writeTagged(
        _ name: String, dtype: NDArray.DType? = nil, depth: Int, _ body: (inout ConcreteJSONWriter) throws -> Void
    ) throws {
        guard depth < maxDepth else {
            throw ConcreteJSONError(.depthLimitExceeded, "nesting deeper than \(maxDepth) levels")
        }
        output.append(contentsOf: #"{"type_name": "#.utf8)
        PythonStringEscaper.append(name, to: &output)
        output.append(contentsOf: #", "serialized_value": "#.utf8)
        try body(&self)
        if let dtype {
            output.append(contentsOf: #", "dtype": ""#.utf8)
            output.append(contentsOf: dtype.rawValue.utf8)
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: "}"))
    }
}
