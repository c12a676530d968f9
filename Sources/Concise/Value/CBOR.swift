/// A CBOR data item: the whole RFC 8949 data model, with nothing lost.
///
/// Integers keep CBOR's two major types, so every value from -2^64 to 2^64 - 1 is representable.
/// Floats keep their encoded width, so decoding and re-encoding gives the same bytes. Maps keep
/// insertion order and may hold duplicate keys (see ``CBORMap``).
///
/// Equality and hashing are structural. Floats compare by bit pattern, so `NaN == NaN` when the
/// payloads agree, `0.0 != -0.0`, and `.half(1) != .double(1)`.
///
/// ```swift
/// let value: CBOR = ["a": 1, "b": [true, nil]]
/// let bytes = try value.encoded()
/// let back = try CBOR(decoding: bytes)
/// ```
public enum CBOR: Sendable {
    /// An unsigned integer, major type 0.
    case unsigned(UInt64)
    /// A negative integer, major type 1, holding `n` for the integer `-1 - n`.
    case negative(UInt64)
    /// A byte string, major type 2 (indefinite-length chunks are joined).
    case byteString([UInt8])
    /// A text string, major type 3 (indefinite-length chunks are joined).
    case textString(String)
    /// An array, major type 4.
    case array([CBOR])
    /// A map, major type 5, in the order its entries were written.
    case map(CBORMap)
    /// A tagged data item, major type 6 (RFC 8949 §3.4).
    indirect case tagged(UInt64, CBOR)
    /// A simple value other than false, true, null and undefined: 0–19 and 32–255.
    case simple(UInt8)
    /// `false` or `true` (simple values 20 and 21).
    case boolean(Bool)
    /// `null` (simple value 22).
    case null
    /// `undefined` (simple value 23).
    case undefined
    /// A half-precision float (`0xf9`).
    case half(Float16)
    /// A single-precision float (`0xfa`).
    case float(Float)
    /// A double-precision float (`0xfb`).
    case double(Double)
}
