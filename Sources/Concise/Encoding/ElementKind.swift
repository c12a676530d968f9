/// What the elements of a Swift collection of one element type are, for writing them where
/// they lie (``CBORWriter/encodeElement(at:kind:quick:)``): decided once for the collection,
/// where a check of the type at each element would cost a look-up of the type's metadata.
///
/// A `[Double]`, a `[String: String]` or an `[Int: Int]` reached through ``CBORWriter/encode(_:)``
/// is generic code that runs unspecialized: its iterator, and the boxing of each element into
/// an `Any`, go through the runtime's witnesses and metadata look-ups, which made such
/// collections cost three to eight times the instructions of the same items in an `[Any]`.
enum ElementKind {
    /// `Double`, `Int`, `String` or `Bool`: written as ``CBORWriter/encodeScalar(opened:)``
    /// writes them.
    case double, int, string, bool
    /// Another integer type, `Float` or `Float16`: written by its exact type
    /// (``CBORWriter/encodeOtherNumber(opened:)``).
    case number
    /// `Any`: read where it lies (``CBORWriter/encodeItem(at:quick:)``).
    case any
    /// Any other type: boxed as its own dynamic type and written as an `Any`.
    case other

    /// The kind of the elements of type `type`; inlined, so that specialized code knows it.
    @inline(__always)
    init<Element>(_ type: Element.Type) {
        if Element.self == Double.self {
            self = .double
        } else if Element.self == Int.self {
            self = .int
        } else if Element.self == String.self {
            self = .string
        } else if Element.self == Bool.self {
            self = .bool
        } else if Element.self == Any.self {
            self = .any
        } else if Element.self is any FixedWidthInteger.Type || Element.self == Float.self || Element.self == Float16.self {
            self = .number
        } else {
            self = .other
        }
    }
}
