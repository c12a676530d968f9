import Foundation

/// CPython 3's `hash()` and set layout, for the values whose hash is the same in every process:
/// integers, booleans, floats other than NaN, and tuples and frozensets of them. The order in
/// which Python iterates a set follows from those hashes and the order the members were added.
///
/// Strings and bytes hash differently in every process (`PYTHONHASHSEED`), as do NaN and, before
/// Python 3.12, `None`: a set holding one has no order to match.
package enum PythonHash {
    /// A value as Python compares it: two keys are equal exactly when the Python values are, so
    /// `1`, `1.0` and `True` are one key.
    package indirect enum Key: Hashable {
        /// An integer, a boolean, or a float with an integral value.
        case integer(CBORBigInt)
        /// A float with a fractional part, or an infinity.
        case float(Double)
        /// A tuple.
        case tuple([Key])
        /// A frozenset, with its members' hash computed once.
        case frozenset(Set<Key>, hash: Int)
    }

    /// `sys.hash_info.modulus`: the Mersenne prime 2^61 - 1.
    private static let modulus: UInt64 = (1 << 61) - 1
    /// `sys.hash_info.inf`.
    private static let infinity = 314_159

    /// The key of a decoded value, or `nil` when its hash differs between Python processes (or
    /// it is a type this emulation leaves out, such as a `Decimal`).
    package static func key(of value: Any) -> Key? {
        switch value {
        case let flag as Bool: return .integer(CBORBigInt(flag ? 1 : 0))
        case let integer as Int: return .integer(CBORBigInt(integer))
        case let integer as UInt64: return .integer(CBORBigInt(integer))
        case let big as CBORBigInt: return .integer(big)
        case let double as Double: return key(of: double)
        case let items as [AnyHashable] where type(of: value) == [AnyHashable].self:
            var keys: [Key] = []
            keys.reserveCapacity(items.count)
            for item in items {
                guard let key = key(of: item.base) else { return nil }
                keys.append(key)
            }
            return .tuple(keys)
        case let set as CBORFrozenSet: return frozensetKey(of: set.members)
        case let keyed as any PythonHashKeyed: return keyed.pythonHashKey
        default: return nil
        }
    }

    /// The key of a frozenset of `members`, or `nil` when a member has none.
    private static func frozensetKey(of members: Set<AnyHashable>) -> Key? {
        var keys: [Key] = []
        keys.reserveCapacity(members.count)
        for member in members {
            guard let key = key(of: member.base) else { return nil }
            keys.append(key)
        }
        return .frozenset(Set(keys), hash: frozensetHash(of: keys.map(hash)))
    }

    private static func key(of double: Double) -> Key? {
        if double.isNaN { return nil }
        guard double.isFinite, double.rounded(.towardZero) == double else { return .float(double) }
        if let integer = Int64(exactly: double) { return .integer(CBORBigInt(integer)) }
        if let integer = UInt64(exactly: double) { return .integer(CBORBigInt(integer)) }
        // At least 2^64: the 53-bit significand shifted left by the exponent less 52.
        let shift = Int(double.exponent) - 52
        let significand = (double.significandBitPattern | 1 << 52) << UInt64(shift % 8)
        let bytes = withUnsafeBytes(of: significand.bigEndian, Array.init) + Array(repeating: 0, count: shift / 8)
        return .integer(CBORBigInt(isNegative: double < 0, magnitude: bytes))
    }

    /// `hash(x)` of the value a key stands for.
    package static func hash(_ key: Key) -> Int {
        switch key {
        case .integer(let integer): return integerHash(integer)
        case .float(let double): return floatHash(double)
        case .frozenset(_, let hash): return hash
        case .tuple(let items):
            // `tuplehash`: xxHash's round over the members' hashes.
            let prime1: UInt64 = 11_400_714_785_074_694_791
            let prime2: UInt64 = 14_029_467_366_897_019_727
            let prime5: UInt64 = 2_870_177_450_012_600_261
            var accumulator = prime5
            for item in items {
                accumulator &+= UInt64(bitPattern: Int64(hash(item))) &* prime2
                accumulator = accumulator << 31 | accumulator >> 33
                accumulator &*= prime1
            }
            accumulator &+= UInt64(items.count) ^ (prime5 ^ 3_527_539)
            return accumulator == UInt64.max ? 1_546_275_796 : Int(Int64(bitPattern: accumulator))
        }
    }

    /// `frozenset.__hash__` of members with the given hashes (order does not matter).
    package static func frozensetHash(of memberHashes: [Int]) -> Int {
        func shuffled(_ hash: UInt64) -> UInt64 { ((hash ^ 89_869_747) ^ (hash << 16)) &* 3_644_798_167 }
        var hash: UInt64 = 0
        for member in memberHashes { hash ^= shuffled(UInt64(bitPattern: Int64(member))) }
        hash ^= (UInt64(memberHashes.count) &+ 1) &* 1_927_868_237
        hash ^= (hash >> 11) ^ (hash >> 25)
        hash = hash &* 69_069 &+ 907_133_923
        return hash == UInt64.max ? 590_923_713 : Int(Int64(bitPattern: hash))
    }

    /// `long_hash`: the magnitude modulo 2^61 - 1, with the sign; -1 becomes -2.
    private static func integerHash(_ integer: CBORBigInt) -> Int {
        var remainder: UInt64 = 0
        for byte in integer.magnitude {
            remainder = rotatedLeft(remainder, by: 8) + UInt64(byte)
            if remainder >= modulus { remainder -= modulus }
        }
        return signed(remainder, negative: integer.isNegative)
    }

    /// `_Py_HashDouble` for a finite float with a fractional part, or an infinity.
    private static func floatHash(_ double: Double) -> Int {
        if double.isInfinite { return double < 0 ? -infinity : infinity }
        var (fraction, exponent) = frexp(double.magnitude)
        var remainder: UInt64 = 0
        while fraction != 0 {
            // 28 bits at a time.
            remainder = rotatedLeft(remainder, by: 28)
            fraction *= 268_435_456
            exponent -= 28
            let whole = fraction.rounded(.towardZero)
            fraction -= whole
            remainder += UInt64(whole)
            if remainder >= modulus { remainder -= modulus }
        }
        let bits = 61
        let rotation = exponent >= 0 ? exponent % bits : bits - 1 - ((-1 - exponent) % bits)
        return signed(rotatedLeft(remainder, by: rotation), negative: double < 0)
    }

    /// Multiplication by 2^count modulo 2^61 - 1: a rotation within 61 bits.
    private static func rotatedLeft(_ value: UInt64, by count: Int) -> UInt64 {
        count == 0 ? value : (value &<< UInt64(count)) & modulus | value >> UInt64(61 - count)
    }

    private static func signed(_ remainder: UInt64, negative: Bool) -> Int {
        let hash = negative ? -Int(remainder) : Int(remainder)
        return hash == -1 ? -2 : hash
    }

    /// The order in which CPython iterates a set made by adding members with these hashes one
    /// by one (`set(iterable)`), as indices into `hashes`. The members must be distinct: a
    /// member equal to an earlier one leaves a set unchanged.
    ///
    /// The table starts with 8 slots; a member goes to the first free slot of its probe sequence
    /// (the slot `hash & mask` and the nine after it while they fit, then the next start
    /// `i * 5 + 1 + perturb` with `perturb` shifted right 5 bits each round); when three fifths
    /// of the slots are taken, the table grows to the smallest power of two above four times
    /// the members (twice, past 50 000) and the members move over in slot order.
    ///
    /// `nil` when the members collide so much that placing them would take time growing with
    /// the square of their number (as in Python: members with one hash, say): more than 64
    /// slots looked at per member on average.
    package static func setOrder(of hashes: [Int]) -> [Int]? {
        var table = [Int](repeating: -1, count: 8)
        var budget = 64 * hashes.count + 4_096
        func place(_ member: Int, in table: inout [Int]) -> Bool {
            let mask = UInt(table.count - 1)
            var perturb = UInt(bitPattern: hashes[member])
            var slot = perturb & mask
            while budget > 0 {
                let probes: UInt = slot + 9 <= mask ? 9 : 0
                budget -= Int(probes) + 1
                for offset in 0...probes where table[Int(slot + offset)] < 0 {
                    table[Int(slot + offset)] = member
                    return true
                }
                perturb >>= 5
                slot = (slot &* 5 &+ 1 &+ perturb) & mask
            }
            return false
        }
        for member in hashes.indices {
            guard place(member, in: &table) else { return nil }
            let used = member + 1
            guard used * 5 >= (table.count - 1) * 3 else { continue }
            let wanted = used > 50_000 ? used * 2 : used * 4
            var size = 8
            while size <= wanted { size <<= 1 }
            var grown = [Int](repeating: -1, count: size)
            for moved in table where moved >= 0 {
                guard place(moved, in: &grown) else { return nil }
            }
            table = grown
        }
        return table.filter { $0 >= 0 }
    }
}

/// A value that knows its ``PythonHash/Key``, such as a set type of a tool that keeps CPython's
/// member order.
package protocol PythonHashKeyed {
    /// The key, or `nil` when the value's Python hash differs between processes.
    var pythonHashKey: PythonHash.Key? { get }
}
