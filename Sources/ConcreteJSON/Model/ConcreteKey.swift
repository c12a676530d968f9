/// A key of a Python `dict` that JSON can hold: `json.dumps` writes `str` keys as they are and
/// turns `int`, `float`, `bool` and `None` keys into text (`"1"`, `"1.5"`, `"true"`, `"null"`).
///
/// Keys read from JSON are always ``string(_:)``, as in Python. The other cases let Swift build
/// dictionaries that Python would have written, and keep their type through CBOR.
import Concise

public enum ConcreteKey: Sendable, Hashable {
    /// A `str` key.
    case string(String)
    /// An `int` key that fits in 64 bits.
    case int(Int64)
    /// An `int` key outside the 64-bit range.
    case bigInt(CBORBigInt)
    /// A `float` key, written with Python's float `repr`.
    case float(Double)
    /// A `bool` key, written `"true"` or `"false"`.
    case bool(Bool)
    /// A `None` key, written `"null"`.
    case null
}

extension ConcreteKey {
    /// The text `json.dumps` writes for the key (without quotes), which is also the `str` key
    /// reading the JSON gives back.
    public var jsonText: String {
        switch self {
        case .string(let string): return string
        case .int(let integer): return String(integer)
        case .bigInt(let big): return big.description
        case .float(let double):
            var bytes: [UInt8] = []
            PythonFloatRepr.append(double, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// Keys are equal when their cases and values are; float keys compare by bit pattern.
    public static func == (lhs: ConcreteKey, rhs: ConcreteKey) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bigInt(let a), .bigInt(let b)): a == b
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// Hashes consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let string): hasher.combine(0); hasher.combine(string)
        case .int(let integer): hasher.combine(1); hasher.combine(integer)
        case .bigInt(let big): hasher.combine(2); hasher.combine(big)
        case .float(let double): hasher.combine(3); hasher.combine(double.bitPattern)
        case .bool(let flag): hasher.combine(4); hasher.combine(flag)
        case .null: hasher.combine(5)
        }
    }
}

extension ConcreteKey: ExpressibleByStringLiteral {
    /// Creates a `str` key from a literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
