/// The standard library types that Codable reaches through generic code (a field of type
/// `[String]`, the elements of `[Double]`…) and that the Codable encoder and decoder write and
/// read directly: no container, no encoder or decoder per element, no dynamic cast.
///
/// A kind is found by comparing metatypes, so a value of kind `.string` is exactly a `String`.
enum CodableScalar {
    case string, int, double, bool, int64, float, uint8, int32, uint64, uint32
    case strings, ints, doubles, bools, int64s, floats
    /// `[UInt8]`: written as an array of integers, as Swift's Codable writes it; read from that
    /// or from a byte string.
    case uint8s

    /// The kind of `type`, or `nil` for every other type.
    @inline(__always)
    init?<T>(_ type: T.Type) {
        if type == String.self {
            self = .string
        } else if type == Int.self {
            self = .int
        } else if type == Double.self {
            self = .double
        } else if type == Bool.self {
            self = .bool
        } else if type == Int64.self {
            self = .int64
        } else if type == Float.self {
            self = .float
        } else if type == UInt8.self {
            self = .uint8
        } else if type == Int32.self {
            self = .int32
        } else if type == UInt64.self {
            self = .uint64
        } else if type == UInt32.self {
            self = .uint32
        } else if let kind = Self.arrayKind(ObjectIdentifier(type)) {
            self = kind
        } else {
            return nil
        }
    }

    /// The array kinds' metatypes, looked up once: naming `[String].self` in generic code asks
    /// the runtime for the array's metadata on every call.
    private static let arrayTypes = (
        strings: ObjectIdentifier([String].self), ints: ObjectIdentifier([Int].self),
        doubles: ObjectIdentifier([Double].self), bools: ObjectIdentifier([Bool].self),
        int64s: ObjectIdentifier([Int64].self), floats: ObjectIdentifier([Float].self),
        uint8s: ObjectIdentifier([UInt8].self)
    )

    private static func arrayKind(_ type: ObjectIdentifier) -> CodableScalar? {
        let types = arrayTypes
        switch type {
        case types.strings: return .strings
        case types.ints: return .ints
        case types.doubles: return .doubles
        case types.bools: return .bools
        case types.int64s: return .int64s
        case types.floats: return .floats
        case types.uint8s: return .uint8s
        default: return nil
        }
    }
}
