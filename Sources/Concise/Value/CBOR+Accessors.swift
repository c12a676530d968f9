extension CBOR {
    /// The integer as an `Int64`, or `nil` when this is not an integer or it does not fit.
    public var int64Value: Int64? {
        switch self {
        case .unsigned(let value):
            return Int64(exactly: value)
        case .negative(let n):
            return n <= UInt64(Int64.max) ? ~Int64(n) : nil
        default:
            return nil
        }
    }

    /// The integer as an `Int`, or `nil` when this is not an integer or it does not fit.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The integer as a `UInt64`, or `nil` when this is not a non-negative integer.
    public var uint64Value: UInt64? {
        if case .unsigned(let value) = self { return value }
        return nil
    }

    /// A float of any width, widened to `Double`; `nil` for anything else.
    public var doubleValue: Double? {
        switch self {
        case .half(let value): return Double(value)
        case .float(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The text of a text string, or `nil`.
    public var stringValue: String? {
        if case .textString(let text) = self { return text }
        return nil
    }

    /// The bytes of a byte string, or `nil`.
    public var bytesValue: [UInt8]? {
        if case .byteString(let bytes) = self { return bytes }
        return nil
    }

    /// The value of `true` or `false`, or `nil`.
    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The items of an array, or `nil`.
    public var arrayValue: [CBOR]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The entries of a map, or `nil`.
    public var mapValue: CBORMap? {
        if case .map(let map) = self { return map }
        return nil
    }

    /// The tag number and content of a tagged item, or `nil`.
    public var taggedValue: (tag: UInt64, content: CBOR)? {
        if case .tagged(let tag, let content) = self { return (tag, content) }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The item at `index` of an array, or `nil` when this is not an array or the index is out
    /// of range.
    public subscript(index: Int) -> CBOR? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The value for `key` in a map (the last one when the key repeats), or `nil`.
    public subscript(key: CBOR) -> CBOR? {
        guard case .map(let map) = self else { return nil }
        return map[key]
    }
}
