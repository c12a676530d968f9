/// A number type that RFC 8746 typed arrays hold: the fixed-width integers, `Float16`, `Float`
/// and `Double`, each with its little-endian tag.
public protocol CBORTypedArrayElement: BitwiseCopyable {
    /// The RFC 8746 tag of a little-endian array of this type (64–86).
    static var littleEndianTag: UInt64 { get }
}

extension UInt8: CBORTypedArrayElement {
    /// Tag 64.
    public static var littleEndianTag: UInt64 { 64 }
}

extension UInt16: CBORTypedArrayElement {
    /// Tag 69.
    public static var littleEndianTag: UInt64 { 69 }
}

extension UInt32: CBORTypedArrayElement {
    /// Tag 70.
    public static var littleEndianTag: UInt64 { 70 }
}

extension UInt64: CBORTypedArrayElement {
    /// Tag 71.
    public static var littleEndianTag: UInt64 { 71 }
}

extension Int8: CBORTypedArrayElement {
    /// Tag 72.
    public static var littleEndianTag: UInt64 { 72 }
}

extension Int16: CBORTypedArrayElement {
    /// Tag 77.
    public static var littleEndianTag: UInt64 { 77 }
}

extension Int32: CBORTypedArrayElement {
    /// Tag 78.
    public static var littleEndianTag: UInt64 { 78 }
}

extension Int64: CBORTypedArrayElement {
    /// Tag 79.
    public static var littleEndianTag: UInt64 { 79 }
}

extension Float16: CBORTypedArrayElement {
    /// Tag 84.
    public static var littleEndianTag: UInt64 { 84 }
}

extension Float: CBORTypedArrayElement {
    /// Tag 85.
    public static var littleEndianTag: UInt64 { 85 }
}

extension Double: CBORTypedArrayElement {
    /// Tag 86.
    public static var littleEndianTag: UInt64 { 86 }
}
