/// A binary floating-point number of tag 5 (RFC 8949 §3.4.4): `mantissa × 2^exponent`.
public struct CBORBigFloat: Hashable, Sendable {
    /// The integer mantissa, sign included.
    public var mantissa: CBORBigInt
    /// The power of two.
    public var exponent: Int

    /// Creates `mantissa × 2^exponent`.
    public init(mantissa: CBORBigInt, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }
}
