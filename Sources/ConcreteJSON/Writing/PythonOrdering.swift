import Concise

/// Python's `<` and `==` over the values a set can hold, so that sets are written in the order
/// `sorted(list(s))` gives: numbers (`bool`, `int`, `float`, numpy scalars) by exact value,
/// strings by code point, tuples element by element. Other pairs cannot be ordered, as in Python.
package enum PythonOrdering {
    /// A number as Python compares it.
    private enum Number {
        case integer(Int64)
        case big(CBORBigInt)
        case float(Double)
    }

    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`; `nil` when Python would raise
    /// `TypeError` (or the pair involves NaN, which is unordered).
    static func compare(_ lhs: ConcreteValue, _ rhs: ConcreteValue) -> Int? {
        if let left = number(lhs), let right = number(rhs) { return compare(left, right) }
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)):
            return left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
                ? -1 : (left.unicodeScalars.elementsEqual(right.unicodeScalars) ? 0 : 1)
        case (.tuple(let left), .tuple(let right)), (.list(let left), .list(let right)):
            for (a, b) in zip(left, right) {
                guard let order = compare(a, b) else { return nil }
                if order != 0 { return order }
            }
            return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
        default:
            return nil
        }
    }

    /// The elements of a set in Python's sorted order, equal elements dropped after their first
    /// occurrence, as a Python `set` holds them.
    ///
    /// - Throws: ``ConcreteJSONError`` (`.unorderableSet`) when two elements cannot be compared.
    static func sortedSet(_ elements: [ConcreteValue]) throws -> [ConcreteValue] {
        guard elements.count > 1 else { return elements }
        var failure = false
        // Indices break ties, so the sort is stable whatever algorithm the library uses.
        let order = elements.indices.sorted { a, b in
            guard let result = compare(elements[a], elements[b]) else {
                failure = true
                return a < b
            }
            return result < 0 || (result == 0 && a < b)
        }
        guard !failure else {
            throw ConcreteJSONError(.unorderableSet, "set elements cannot be sorted as Python sorts them ('<' not supported between their types)")
        }
        var result: [ConcreteValue] = []
        result.reserveCapacity(elements.count)
        for index in order {
            if let last = result.last, compare(last, elements[index]) == 0 { continue }
            result.append(elements[index])
        }
        return result
    }

    private static func number(_ value: ConcreteValue) -> Number? {
        switch value {
        case .bool(let flag): return .integer(flag ? 1 : 0)
        case .int(let integer): return .integer(integer)
        case .bigInt(let big): return .big(big)
        case .float(let double): return .float(double)
        case .numpyScalar(let scalar): return scalarNumber(scalar)
        default: return nil
        }
    }

    private static func scalarNumber(_ scalar: NDArray) -> Number? {
        switch scalar.storage {
        case .float16(let values): values.first.map { .float(Double($0)) }
        case .float32(let values): values.first.map { .float(Double($0)) }
        case .float64(let values): values.first.map { .float($0) }
        case .uint64(let values): values.first.map { Int64(exactly: $0).map(Number.integer) ?? .big(CBORBigInt($0)) }
        default: NDArrayText.integerValue(of: scalar, at: 0).map(Number.integer)
        }
    }

    private static func compare(_ lhs: Number, _ rhs: Number) -> Int? {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.big(let a), .big(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.integer, .big(let b)): return b.isNegative ? 1 : -1
        case (.big(let a), .integer): return a.isNegative ? -1 : 1
        case (.float(let a), .float(let b)):
            if a.isNaN || b.isNaN { return nil }
            return a == b ? 0 : (a < b ? -1 : 1)
        case (.integer(let a), .float(let b)): return compare(integer: a, float: b)
        case (.float(let a), .integer(let b)): return compare(integer: b, float: a).map { -$0 }
        case (.big(let a), .float(let b)): return compare(big: a, float: b)
        case (.float(let a), .big(let b)): return compare(big: b, float: a).map { -$0 }
        }
    }

    /// -1, 0 or 1 as `integer` is below, equal to or above `float`, compared exactly, as Python
    /// compares `int` with `float`; `nil` for NaN. (`concise to-json --sort-keys` orders number
    /// keys with it.)
    package static func compare(_ integer: CBORBigInt, _ float: Double) -> Int? {
        if let small = integer.exactly(Int64.self) { return compare(integer: small, float: float) }
        return compare(big: integer, float: float)
    }

    /// Exact comparison of an integer with a double, as Python compares `int` with `float`.
    private static func compare(integer: Int64, float: Double) -> Int? {
        if float.isNaN { return nil }
        if float >= 0x1p63 { return -1 }
        if float < -0x1p63 { return 1 }
        let floor = float.rounded(.down)
        let whole = Int64(floor)
        if integer != whole { return integer < whole ? -1 : 1 }
        return float > floor ? -1 : 0
    }

    /// Big integers lie outside `Int64`, so only a double of at least 2^63 in magnitude can be
    /// on their other side, and such a double is an integer: it is compared exactly, as Python
    /// does (an approximate comparison would not be a total order, and sorting would then
    /// depend on the input order).
    private static func compare(big: CBORBigInt, float: Double) -> Int? {
        if float.isNaN { return nil }
        if float.isInfinite { return float > 0 ? -1 : 1 }
        guard float.magnitude >= 0x1p63 else { return big.isNegative ? -1 : 1 }
        let other = exactInteger(float)
        return big == other ? 0 : (big < other ? -1 : 1)
    }

    /// The integer value of a finite double of magnitude at least 2^63.
    static func exactInteger(_ double: Double) -> CBORBigInt {
        let magnitude = double.magnitude
        let significand = (UInt64(1) << 52) | magnitude.significandBitPattern
        let shift = Int(magnitude.exponent) - 52
        let bitShift = shift % 8
        let high = bitShift == 0 ? 0 : UInt8(truncatingIfNeeded: significand >> (64 - bitShift))
        let low = significand << bitShift
        var bytes: [UInt8] = [high]
        for index in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(index))) }
        bytes.append(contentsOf: repeatElement(0, count: shift / 8))
        return CBORBigInt(isNegative: double < 0, magnitude: bytes)
    }
}
