/// The state of a `numpy.random.RandomState`, as `get_state()` returns it and
/// `ConcreteEncoder` writes it: `("MT19937", keys, pos, has_gauss, cached_gaussian)`.
public struct RandomState: Sendable, Equatable {
    /// The generator's name, `"MT19937"`.
    public var algorithm: String
    /// The Mersenne Twister key vector (624 words for MT19937).
    public var keys: [UInt32]
    /// The position in the key vector.
    public var position: Int64
    /// Whether a second Gaussian sample is cached (0 or 1).
    public var hasGauss: Int64
    /// The cached Gaussian sample.
    public var cachedGaussian: Double

    /// Creates a state from its parts.
    public init(algorithm: String = "MT19937", keys: [UInt32], position: Int64, hasGauss: Int64 = 0, cachedGaussian: Double = 0) {
        self.algorithm = algorithm
        self.keys = keys
        self.position = position
        self.hasGauss = hasGauss
        self.cachedGaussian = cachedGaussian
    }

    /// States are equal when every part is, the cached sample compared by bit pattern.
    public static func == (lhs: RandomState, rhs: RandomState) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.keys == rhs.keys && lhs.position == rhs.position
            && lhs.hasGauss == rhs.hasGauss
            && lhs.cachedGaussian.bitPattern == rhs.cachedGaussian.bitPattern
    }

    /// The `get_state()` tuple as Concrete ML serializes it.
    var tupleValue: ConcreteValue {
        let keyArray = (try? NDArray(keys)).map(ConcreteValue.array) ?? .null
        return .tuple([.string(algorithm), keyArray, .int(position), .int(hasGauss), .float(cachedGaussian)])
    }

    /// Reads the `get_state()` tuple, or returns `nil` when its shape is not that of a state.
    init?(tupleValue: ConcreteValue) {
        guard case .tuple(let parts) = tupleValue, parts.count == 5,
            case .string(let algorithm) = parts[0],
            case .array(let keyArray) = parts[1], keyArray.shape.count == 1,
            let keys = keyArray.elements(as: UInt32.self),
            case .int(let position) = parts[2],
            case .int(let hasGauss) = parts[3],
            case .float(let cached) = parts[4]
        else { return nil }
        self.init(algorithm: algorithm, keys: keys, position: position, hasGauss: hasGauss, cachedGaussian: cached)
    }
}
