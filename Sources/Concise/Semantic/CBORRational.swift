/// A rational number of tag 30: numerator over a positive denominator; cbor2's `Fraction`.
public struct CBORRational: Hashable, Sendable, CustomStringConvertible {
    /// The numerator, sign included.
    public let numerator: CBORBigInt
    /// The denominator, greater than zero.
    public let denominator: CBORBigInt

    /// The longest part, in bytes, of a rational that is reduced when it does not fit 64 bits:
    /// the greatest common divisor takes time that grows with the square of the length.
    static let reducedPartLimit = 4096

    /// Creates a rational in lowest terms, as Python's `Fraction` is (when both parts have at
    /// most 4 096 bytes; longer ones are kept as given); `nil` for a zero denominator.
    public init?(numerator: CBORBigInt, denominator: CBORBigInt) {
        guard !denominator.magnitude.isEmpty else { return nil }
        var numerator = numerator
        var denominator = denominator
        if denominator.isNegative {
            numerator = CBORBigInt(isNegative: !numerator.isNegative, magnitude: numerator.magnitude)
            denominator = CBORBigInt(isNegative: false, magnitude: denominator.magnitude)
        }
        if let n = numerator.exactly(Int64.self), let d = denominator.exactly(Int64.self), n != .min {
            var (a, b) = (n.magnitude, d.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            numerator = CBORBigInt(n / Int64(a))
            denominator = CBORBigInt(d / Int64(a))
        } else if numerator.magnitude.count <= Self.reducedPartLimit, denominator.magnitude.count <= Self.reducedPartLimit {
            let top = BigMagnitude(bigEndian: numerator.magnitude)
            let bottom = BigMagnitude(bigEndian: denominator.magnitude)
            let divisor = BigMagnitude.greatestCommonDivisor(top, bottom)
            if divisor != BigMagnitude(limbs: [1]) {
                numerator = CBORBigInt(isNegative: numerator.isNegative, magnitude: top.quotient(dividingBy: divisor).bigEndianBytes)
                denominator = CBORBigInt(isNegative: false, magnitude: bottom.quotient(dividingBy: divisor).bigEndianBytes)
            }
        }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// A rational from parts already in lowest terms, the denominator positive.
    init(lowestTerms numerator: CBORBigInt, _ denominator: CBORBigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Creates a rational from integers; `nil` for a zero denominator.
    public init?(_ numerator: Int, _ denominator: Int) {
        self.init(numerator: CBORBigInt(numerator), denominator: CBORBigInt(denominator))
    }

    /// `1/3`.
    public var description: String { "\(numerator)/\(denominator)" }
}
