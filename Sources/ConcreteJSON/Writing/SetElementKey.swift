import Concise

/// A set element as a Python `set` tells elements apart (`hash` and `==`): numbers by exact
/// value whatever their type (`True`, `1`, `1.0` and `numpy.int8(1)` are one element), text by
/// code point, tuples element by element, and `None`.
indirect enum SetElementKey: Hashable {
    case integer(CBORBigInt)
    case float(UInt64)
    case text([UInt8])
    case tuple([SetElementKey])
    case none
    /// A float NaN. Python's `json` reads every `NaN` as one object, which a set holds once
    /// and a tuple holds equal to itself.
    case nan

    /// The key of `value`; `nil` for an element equal to no other: a numpy scalar NaN (each is
    /// an object of its own, and Python's `==` holds it unequal to itself), a tuple that holds
    /// one, and the objects Python hashes by identity.
    ///
    /// - Throws: ``ConcreteJSONError`` (`.unexpectedValue`) for what Python cannot hash: a
    ///   list, dict, set or numpy array, also inside a tuple.
    init?(_ value: ConcreteValue) throws {
        switch value {
        case .null:
            self = .none
        case .string(let text):
            self = .text(Array(text.utf8))
        case .tuple(let items):
            // Every item is hashed, as Python hashes a tuple, before one equal to no other
            // makes the tuple so.
            var keys: [SetElementKey] = []
            var isUnique = false
            for item in items {
                if let key = try SetElementKey(item) { keys.append(key) } else { isUnique = true }
            }
            guard !isUnique else { return nil }
            self = .tuple(keys)
        case .list, .dict, .set, .array:
            throw ConcreteJSONError(.unexpectedValue, "a set cannot hold a list, dict, set or numpy array (Python cannot hash them)")
        case .float(let double) where double.isNaN:
            self = .nan
        default:
            guard let number = PythonOrdering.number(value) else { return nil }
            switch number {
            case .integer(let integer):
                self = .integer(CBORBigInt(integer))
            case .big(let big):
                self = .integer(big)
            case .float(let double):
                if double.isNaN { return nil }
                if double.isFinite, double.rounded(.towardZero) == double {
                    self = .integer(Int64(exactly: double).map { CBORBigInt($0) } ?? PythonOrdering.exactInteger(double))
                } else {
                    self = .float(double.bitPattern)
                }
            }
        }
    }
}
