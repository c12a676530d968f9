/// The order of map keys in canonical output.
public enum CBORKeyOrder: Sendable, Hashable {
    /// Shorter encoded keys first, then bytewise: RFC 7049 §3.9, and what cbor2's
    /// `canonical=True` writes. The default, for byte-identical output with cbor2.
    case lengthFirst
    /// Bytewise lexicographic order of the encoded keys: RFC 8949 §4.2.1 core deterministic
    /// encoding.
    case bytewise
}
