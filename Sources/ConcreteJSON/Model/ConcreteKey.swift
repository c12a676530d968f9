/// A key of a Python `dict` that JSON can hold: `json.dumps` writes `str` keys as they are and
/// turns `int`, `float`, `bool` and `None` keys into text (`"1"`, `"1.5"`, `"true"`, `"null"`).
///
/// Keys read from JSON are always ``string(_:)``, as in Python. The other cases let Swift build
/// dictionaries that Python would have written, and keep their type through CBOR.
public enum ConcreteKey: Sendable, Hashable {
    /// A `str` key.
    case string(String)
    /// An `int` key that fits in 64 bits.
    case int(Int64)
    /// A `float` key, written with Python's float `repr`.
    case float(Double)
    /// A `bool` key, written `"true"` or `"false"`.
    case bool(Bool)
    /// A `None` key, written `"null"`.
    case null
}

extension ConcreteKey: ExpressibleByStringLiteral {
    /// Creates a `str` key from a literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
