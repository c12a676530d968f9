extension CBOR: ExpressibleByIntegerLiteral {
    /// Creates an integer item: `.unsigned` for values ≥ 0, `.negative` below.
    public init(integerLiteral value: Int64) {
        self.init(value)
    }
}

extension CBOR: ExpressibleByFloatLiteral {
    /// Creates a double-precision float item.
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

extension CBOR: ExpressibleByStringLiteral {
    /// Creates a text string item.
    public init(stringLiteral value: String) {
        self = .textString(value)
    }
}

extension CBOR: ExpressibleByBooleanLiteral {
    /// Creates `true` or `false`.
    public init(booleanLiteral value: Bool) {
        self = .boolean(value)
    }
}

extension CBOR: ExpressibleByNilLiteral {
    /// Creates `null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension CBOR: ExpressibleByArrayLiteral {
    /// Creates an array item.
    public init(arrayLiteral elements: CBOR...) {
        self = .array(elements)
    }
}

extension CBOR: ExpressibleByDictionaryLiteral {
    /// Creates a map item whose entries keep the literal's order.
    public init(dictionaryLiteral elements: (CBOR, CBOR)...) {
        self = .map(CBORMap(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension CBOR {
    /// Creates an integer item from any binary integer that fits CBOR's range (-2^64 ... 2^64-1).
    ///
    /// Returns `nil` for a value outside that range (possible only for integer types wider than
    /// 64 bits); use a bignum (tag 2 or 3) for those.
    public init?<T: BinaryInteger>(exactly value: T) {
        if value >= 0 {
            guard let magnitude = UInt64(exactly: value) else { return nil }
            self = .unsigned(magnitude)
        } else {
            // -1 - n == value  ⇔  n == -1 - value == ~value for two's complement.
            guard let n = UInt64(exactly: -1 - value) else { return nil }
            self = .negative(n)
        }
    }

    /// Creates an integer item from a 64-bit signed integer.
    public init(_ value: Int64) {
        self = value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(bitPattern: ~value))
    }

    /// Creates an integer item from an `Int`.
    public init(_ value: Int) {
        self.init(Int64(value))
    }

    /// Creates an unsigned integer item.
    public init(_ value: UInt64) {
        self = .unsigned(value)
    }

    /// Creates a text string item.
    public init(_ value: String) {
        self = .textString(value)
    }

    /// Creates a byte string item.
    public init(_ value: [UInt8]) {
        self = .byteString(value)
    }
}
