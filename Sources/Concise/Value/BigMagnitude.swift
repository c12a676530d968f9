/// A non-negative integer as little-endian 64-bit limbs: the form ``CBORBigInt``'s decimal text
/// is worked out in, and what reducing a ``CBORRational`` needs, the greatest common divisor
/// (binary, Stein's) and long division. Both take time that grows with the square of the
/// length, so callers bound the length.
struct BigMagnitude: Equatable {
    /// Limbs, least significant first, with no zero limb at the top (empty for zero).
    private(set) var limbs: [UInt64]

    /// The value of a big-endian byte magnitude (leading zeros allowed).
    init(bigEndian bytes: [UInt8]) {
        var limbs: [UInt64] = []
        limbs.reserveCapacity(bytes.count / 8 + 1)
        var end = bytes.count
        while end > 0 {
            let start = Swift.max(0, end - 8)
            limbs.append(bytes[start..<end].reduce(0) { $0 << 8 | UInt64($1) })
            end = start
        }
        self.limbs = limbs
        trim()
    }

    /// The value of little-endian limbs (zero limbs at the top allowed).
    init(limbs: [UInt64]) {
        self.limbs = limbs
        trim()
    }

    /// The big-endian bytes, with no leading zero (empty for zero).
    var bigEndianBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(limbs.count * 8)
        for limb in limbs.reversed() {
            withUnsafeBytes(of: limb.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.drop(while: { $0 == 0 }))
    }

    var isZero: Bool { limbs.isEmpty }

    private mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// The number of bits up to the highest set one (0 for zero).
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return 64 * limbs.count - top.leadingZeroBitCount
    }

    /// The number of zero bits below the lowest set one (0 for zero).
    var trailingZeroBits: Int {
        guard let index = limbs.firstIndex(where: { $0 != 0 }) else { return 0 }
        return 64 * index + limbs[index].trailingZeroBitCount
    }

    /// Whether `self < other`.
    func isLess(than other: BigMagnitude) -> Bool {
        if limbs.count != other.limbs.count { return limbs.count < other.limbs.count }
        for index in limbs.indices.reversed() where limbs[index] != other.limbs[index] {
            return limbs[index] < other.limbs[index]
        }
        return false
    }

    /// `self -= other`, where `other <= self`.
    private mutating func subtract(_ other: BigMagnitude) {
        var borrow = false
        for index in limbs.indices {
            let subtrahend = index < other.limbs.count ? other.limbs[index] : 0
            guard index < other.limbs.count || borrow else { break }
            let (first, overflowFirst) = limbs[index].subtractingReportingOverflow(subtrahend)
            let (second, overflowSecond) = first.subtractingReportingOverflow(borrow ? 1 : 0)
            limbs[index] = second
            borrow = overflowFirst || overflowSecond
        }
        trim()
    }

    /// `self >>= bits`.
    mutating func shiftRight(by bits: Int) {
        let whole = bits / 64
        let part = bits % 64
        guard whole < limbs.count else {
            limbs = []
            return
        }
        limbs.removeFirst(whole)
        if part > 0 {
            for index in limbs.indices {
                let high = index + 1 < limbs.count ? limbs[index + 1] << (64 - part) : 0
                limbs[index] = limbs[index] >> part | high
            }
        }
        trim()
    }

    /// `self <<= bits`.
    mutating func shiftLeft(by bits: Int) {
        guard !isZero, bits > 0 else { return }
        let whole = bits / 64
        let part = bits % 64
        if part > 0 {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let next = limbs[index] >> (64 - part)
                limbs[index] = limbs[index] << part | carry
                carry = next
            }
            if carry > 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0)
    }

    /// `self × other`, limb by limb.
    func multiplied(by other: BigMagnitude) -> BigMagnitude {
        guard !isZero, !other.isZero else { return BigMagnitude(limbs: []) }
        var product = [UInt64](repeating: 0, count: limbs.count + other.limbs.count)
        for (row, left) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (column, right) in other.limbs.enumerated() {
                // left × right + product + carry < 2^128: the high half takes both carries.
                let (high, low) = left.multipliedFullWidth(by: right)
                let (sum, firstOverflow) = product[row + column].addingReportingOverflow(low)
                let (total, secondOverflow) = sum.addingReportingOverflow(carry)
                product[row + column] = total
                carry = high &+ (firstOverflow ? 1 : 0) &+ (secondOverflow ? 1 : 0)
            }
            product[row + other.limbs.count] = carry
        }
        return BigMagnitude(limbs: product)
    }

    /// `self / divisor` rounded down, and the remainder, for a divisor of one limb (not zero):
    /// one pass over the limbs.
    func divided(by divisor: UInt64) -> (quotient: BigMagnitude, remainder: UInt64) {
        var quotient = limbs
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            // remainder < divisor, so the quotient of this step fits a limb.
            (quotient[index], remainder) = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
        }
        return (BigMagnitude(limbs: quotient), remainder)
    }

    /// `5^exponent` (a non-negative exponent), 27 factors (the most a limb holds) at a time.
    static func powerOfFive(_ exponent: Int) -> BigMagnitude {
        var power = BigMagnitude(limbs: [1])
        var remaining = exponent
        while remaining > 0 {
            var factor: UInt64 = 1
            for _ in 0..<Swift.min(remaining, 27) { factor *= 5 }
            power = power.multiplied(by: BigMagnitude(limbs: [factor]))
            remaining -= 27
        }
        return power
    }

    /// The greatest common divisor (Stein's binary algorithm); `gcd(0, b)` is `b`.
    static func greatestCommonDivisor(_ first: BigMagnitude, _ second: BigMagnitude) -> BigMagnitude {
        if first.isZero { return second }
        if second.isZero { return first }
        var a = first
        var b = second
        let shift = Swift.min(a.trailingZeroBits, b.trailingZeroBits)
        a.shiftRight(by: a.trailingZeroBits)
        while !b.isZero {
            b.shiftRight(by: b.trailingZeroBits)
            if b.isLess(than: a) { swap(&a, &b) }
            b.subtract(a)
        }
        a.shiftLeft(by: shift)
        return a
    }

    /// `self / divisor`, rounded down, by long division one bit at a time; `divisor` must
    /// not be zero.
    func quotient(dividingBy divisor: BigMagnitude) -> BigMagnitude {
        guard !isLess(than: divisor) else { return BigMagnitude(limbs: []) }
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder = BigMagnitude(limbs: [])
        for bit in (0..<bitWidth).reversed() {
            remainder.shiftLeft(by: 1)
            if limbs[bit / 64] >> (bit % 64) & 1 == 1 {
                if remainder.isZero { remainder.limbs = [1] } else { remainder.limbs[0] |= 1 }
            }
            if !remainder.isLess(than: divisor) {
                remainder.subtract(divisor)
                quotient[bit / 64] |= 1 << (bit % 64)
            }
        }
        return BigMagnitude(limbs: quotient)
    }
}
