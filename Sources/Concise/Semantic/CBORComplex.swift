/// A complex number of tag 43000: `[real, imaginary]`; cbor2's `complex`.
public struct CBORComplex: Hashable, Sendable {
    /// The real part.
    public var real: Double
    /// The imaginary part.
    public var imaginary: Double

    /// Creates `real + imaginary·i`.
    public init(real: Double, imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }
}
