/// A Swift type that reads and writes itself as one of Concrete ML's `dump_dict` classes
/// (`UniformQuantizer`, `QuantizedArray`, a model…): `{"type_name": typeName,
/// "serialized_value": dumpDict()}`.
///
/// ```swift
/// struct Scale: ConcreteSerializable {
///     static let typeName = "Scale"
///     var factor: Double
///     func dumpDict() -> ConcreteObject { ["factor": .float(factor)] }
///     init(loadDict dict: ConcreteObject) throws {
///         guard case .float(let factor)? = dict["factor"] else { throw ConcreteJSONError(.unexpectedValue, "factor") }
///         self.factor = factor
///     }
/// }
/// let json = try ConcreteJSONEncoder().encode(Scale(factor: 0.5).concreteValue)
/// ```
public protocol ConcreteSerializable {
    /// The class name written as `type_name` (Python's `type(o).__name__`).
    static var typeName: String { get }
    /// The attributes to write, in order (what Python's `dump_dict()` returns).
    func dumpDict() -> ConcreteObject
    /// Rebuilds the value from what ``dumpDict()`` wrote (Python's `load_dict`).
    ///
    /// - Throws: any error, when the dictionary does not describe a value.
    init(loadDict dict: ConcreteObject) throws
}

extension ConcreteSerializable {
    /// The value as a tagged ``ConcreteValue/object(typeName:value:)``.
    public var concreteValue: ConcreteValue {
        .object(typeName: Self.typeName, value: .dict(dumpDict()))
    }

    /// Loads the value from an ``ConcreteValue/object(typeName:value:)`` of this type's name.
    ///
    /// - Throws: ``ConcreteJSONError`` (`.unexpectedValue`) when `value` is another kind of
    ///   value, a rethrown error of ``init(loadDict:)`` otherwise.
    public init(_ value: ConcreteValue) throws {
        guard case .object(let name, .dict(let dict)) = value, name == Self.typeName else {
            throw ConcreteJSONError(.unexpectedValue, "expected a \(Self.typeName) object, found \(value.typeName ?? "plain JSON")")
        }
        try self.init(loadDict: dict)
    }
}
