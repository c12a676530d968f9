import Concise

/// The typed description of the conformance contract (`shared/conformance/CONTRACT.md`,
/// version 1): one JSON object per value, discriminated by `"t"`.
public enum TypedDescription {
    /// A node this tool cannot handle; the testee answers with exit status 3 (unsupported).
    public struct Unsupported: Error, CustomStringConvertible {
        /// What was not supported.
        public let what: String
        /// Creates the error.
        public init(_ what: String) { self.what = what }
        /// The sentence.
        public var description: String { "unsupported: \(what)" }
    }

    /// A malformed typed description.
    public struct Malformed: Error, CustomStringConvertible {
        /// What was wrong.
        public let what: String
        /// Creates the error.
        public init(_ what: String) { self.what = what }
        /// The sentence.
        public var description: String { "malformed typed description: \(what)" }
    }

    // MARK: Raw mode: the generic data model

    /// The ``CBOR`` value a raw-mode node describes. Floats take the node's optional `width`
    /// (16, 32 or 64; default 64).
    public static func cbor(from node: JSONValue) throws -> CBOR {
        guard let kind = node["t"]?.string else { throw Malformed("no \"t\" in \(node.serialized)") }
        switch kind {
        case "int", "uint", "nint":
            return try integer(node["v"]?.string ?? "")
        case "bytes":
            return .byteString(try bytes(hex: node["hex"]?.string ?? ""))
        case "text":
            return .textString(node["v"]?.string ?? "")
        case "array":
            return .array(try (node["v"]?.array ?? []).map(cbor(from:)))
        case "map":
            return .map(CBORMap(try pairs(node).map { (try cbor(from: $0.0), try cbor(from: $0.1)) }))
        case "tag":
            guard let tag = node["tag"]?.string.flatMap({ UInt64($0) }), let content = node["v"] else {
                throw Malformed("tag node \(node.serialized)")
            }
            return .tagged(tag, try cbor(from: content))
        case "simple":
            guard let simple = node["v"]?.string.flatMap({ UInt8($0) }) else { throw Malformed(node.serialized) }
            return .simple(simple)
        case "bool":
            return .boolean(node["v"]?.bool ?? false)
        case "null":
            return .null
        case "undefined":
            return .undefined
        case "float":
            let double = Double(bitPattern: try floatBits(node))
            switch node["width"]?.string {
            case "16": return .half(Float16(double))
            case "32": return .float(Float(double))
            default: return .double(double)
            }
        default:
            throw Unsupported("raw node kind \(kind)")
        }
    }

    /// The raw-mode node of a ``CBOR`` value: every tag as a tag node, floats widened, repeated
    /// map keys merged as a `dict` merges them (``PythonKeyEquality``). Arrays and maps inside a
    /// map key are marked frozen, as cbor2 decodes them there (tuple, frozendict); CPython has
    /// one empty tuple, so two or more empty frozen arrays are one node with an id.
    public static func describe(_ value: CBOR, immutable: Bool = false) -> JSONValue {
        var emptyTuples = EmptyTuples(isShared: countEmptyTuples(in: value, immutable: immutable) > 1)
        return describe(value, immutable: immutable, emptyTuples: &emptyTuples)
    }

    /// Whether the empty tuple is described with an id, and whether it has been.
    private struct EmptyTuples {
        let isShared: Bool
        var described = false
    }

    private static func describe(_ value: CBOR, immutable: Bool, emptyTuples: inout EmptyTuples) -> JSONValue {
        let frozen: [(String, JSONValue)] = immutable ? [("frozen", .bool(true))] : []
        switch value {
        case .unsigned(let value): return node("int", v: .string(String(value)))
        case .negative(let n): return node("int", v: .string(n == .max ? "-18446744073709551616" : "-\(n + 1)"))
        case .byteString(let bytes): return .object([("t", .string("bytes")), ("hex", .string(hex(bytes)))])
        case .textString(let text): return node("text", v: .string(text))
        case .array(let items):
            if immutable && items.isEmpty && emptyTuples.isShared {
                defer { emptyTuples.described = true }
                if emptyTuples.described { return .object([("t", .string("shared")), ("id", .number("0"))]) }
                return .object([("t", .string("array")), ("id", .number("0")), ("v", .array([])), ("frozen", .bool(true))])
            }
            return .object([("t", .string("array")), ("v", .array(items.map { describe($0, immutable: immutable, emptyTuples: &emptyTuples) }))] + frozen)
        case .map(let map):
            let pairs = pythonEntries(of: map).map { entry in
                JSONValue.array([
                    describe(entry.key, immutable: true, emptyTuples: &emptyTuples),
                    describe(entry.value, immutable: immutable, emptyTuples: &emptyTuples),
                ])
            }
            return .object([("t", .string("map")), ("v", .array(pairs))] + frozen)
        case .tagged(let tag, let content):
            return .object([("t", .string("tag")), ("tag", .number(String(tag))), ("v", describe(content, immutable: immutable, emptyTuples: &emptyTuples))])
        case .simple(let value): return node("simple", v: .number(String(value)))
        case .boolean(let flag): return node("bool", v: .bool(flag))
        case .null: return .object([("t", .string("null"))])
        case .undefined: return .object([("t", .string("undefined"))])
        case .half(let value): return float(Double(value))
        case .float(let value): return float(Double(value))
        case .double(let value): return float(value)
        }
    }

    /// A map's entries as a `dict` holds them: a repeated key keeps its first place and its
    /// last value.
    private static func pythonEntries(of map: CBORMap) -> [(key: CBOR, value: CBOR)] {
        var entries: [(key: CBOR, value: CBOR)] = []
        var places: [PythonKeyEquality: Int] = [:]
        for entry in map.entries {
            if let place = places[PythonKeyEquality(value: entry.key)] {
                entries[place].value = entry.value
            } else {
                places[PythonKeyEquality(value: entry.key)] = entries.count
                entries.append(entry)
            }
        }
        return entries
    }

    /// How many empty frozen arrays (Python's empty tuple) `value` holds.
    private static func countEmptyTuples(in value: CBOR, immutable: Bool) -> Int {
        switch value {
        case .array(let items):
            if items.isEmpty { return immutable ? 1 : 0 }
            return items.reduce(0) { $0 + countEmptyTuples(in: $1, immutable: immutable) }
        case .map(let map):
            return pythonEntries(of: map).reduce(0) {
                $0 + countEmptyTuples(in: $1.key, immutable: true) + countEmptyTuples(in: $1.value, immutable: immutable)
            }
        case .tagged(_, let content): return countEmptyTuples(in: content, immutable: immutable)
        default: return 0
        }
    }

    // MARK: Pieces shared by both modes

    static func node(_ kind: String, v: JSONValue) -> JSONValue {
        .object([("t", .string(kind)), ("v", v)])
    }

    static func float(_ value: Double) -> JSONValue {
        let bits = String(value.bitPattern, radix: 16)
        return .object([
            ("t", .string("float")),
            ("bits", .string(String(repeating: "0", count: 16 - bits.count) + bits)),
            ("repr", .string(value.isNaN ? "nan" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : "\(value)")),
        ])
    }

    static func floatBits(_ node: JSONValue) throws -> UInt64 {
        guard let bits = node["bits"]?.string.flatMap({ UInt64($0, radix: 16) }) else {
            throw Malformed("float node \(node.serialized)")
        }
        return bits
    }

    static func pairs(_ node: JSONValue) throws -> [(JSONValue, JSONValue)] {
        try (node["v"]?.array ?? []).map { pair in
            guard let items = pair.array, items.count == 2 else { throw Malformed("map pair \(pair.serialized)") }
            return (items[0], items[1])
        }
    }

    static func integer(_ text: String) throws -> CBOR {
        if text.hasPrefix("-") {
            if text == "-18446744073709551616" { return .negative(.max) }
            guard let magnitude = UInt64(text.dropFirst()), magnitude > 0 else {
                throw Unsupported("integer \(text) beyond the major types 0/1")
            }
            return .negative(magnitude - 1)
        }
        guard let value = UInt64(text) else { throw Unsupported("integer \(text) beyond the major types 0/1") }
        return .unsigned(value)
    }

    /// Lowercase hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return text
    }

    /// Bytes from hex text (whitespace ignored).
    public static func bytes(hex: String) throws -> [UInt8] {
        let digits = try hex.filter { !$0.isWhitespace }.map { character -> UInt8 in
            guard let value = character.hexDigitValue else { throw Malformed("hex digit \(character)") }
            return UInt8(value)
        }
        guard digits.count % 2 == 0 else { throw Malformed("odd number of hex digits") }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
