import Concise

/// Python's `<` and `==` over the values a set can hold, so that sets are written in the order
/// `sorted(list(s))` gives: numbers (`bool`, `int`, `float`, numpy scalars) by exact value,
/// strings by code point, tuples element by element. Other pairs cannot be ordered, as in Python.
package enum PythonOrdering {
    /// A number as Python compares it.
    enum Number {
        case integer(Int64)
        case big(CBORBigInt)
        case float(Double)

        /// Whether it is a float NaN.
        var isNaN: Bool {
            if case .float(let double) = self { return double.isNaN }
            return false
        }
    }

    /// The elements of a set in the order `sorted(list(s))` gives them: equal elements dropped
    /// after their first occurrence, as a Python `set` holds them (``SetElementKey``), then
    /// sorted by Python's `<` with CPython's algorithm over the order the elements came in.
    ///
    /// A NaN is below nothing and above nothing, so where a set holds one, Python's order
    /// depends on the order its set iterates in (a NaN hashes by identity); the order the
    /// elements came in stands for it, and JSON that Python wrote reads back in the order it
    /// was written.
    ///
    /// - Throws: ``ConcreteJSONError`` (`.unorderableSet`) when Python's `<` would raise
    ///   between two elements, and (`.unexpectedValue`) for an element Python cannot hash (a
    ///   list, dict, set or numpy array).
    static func sortedSet(_ elements: [ConcreteValue]) throws -> [ConcreteValue] {
        var distinct: [ConcreteValue] = []
        distinct.reserveCapacity(elements.count)
        var seen = Set<SetElementKey>()
        for element in elements {
            // `nil`: equal to no other element (a numpy NaN, or an object Python hashes by
            // identity).
            guard let key = try SetElementKey(element) else {
                distinct.append(element)
                continue
            }
            if seen.insert(key).inserted { distinct.append(element) }
        }
        guard distinct.count > 1 else { return distinct }
        if distinct.count < 64 {
            try binaryInsertionSort(&distinct)
            try removeAdjacentDescents(&distinct)
        } else {
            // No more than one order may come out for one set, whatever order it came in:
            // here a NaN is above every number (with a NaN, a merge sort's order would depend
            // on the order read).
            distinct = try mergeSorted(distinct)
        }
        return distinct
    }

    /// Swaps neighbours until none is below the one before it, so that sorting the result
    /// again gives it back (writing JSON that was read is stable): binary insertion may leave
    /// a number below its neighbour across a NaN. JSON that Python wrote has no such pair,
    /// so it is written as it came. Each swap undoes one pair out of order: at most
    /// n(n - 1)/2 swaps, for fewer than 64 elements.
    private static func removeAdjacentDescents(_ items: inout [ConcreteValue]) throws {
        var swapped = true
        while swapped {
            swapped = false
            for index in items.indices.dropFirst() where try isLess(items[index], items[index - 1]) {
                items.swapAt(index, index - 1)
                swapped = true
            }
        }
    }

    /// CPython's `list.sort` for fewer than 64 elements: the leading run (reversed when
    /// strictly descending), then binary insertion of the rest, comparing with `<` alone.
    private static func binaryInsertionSort(_ items: inout [ConcreteValue]) throws {
        var run = 2
        if try isLess(items[1], items[0]) {
            while run < items.count, try isLess(items[run], items[run - 1]) { run += 1 }
            items[0..<run].reverse()
        } else {
            while run < items.count, !(try isLess(items[run], items[run - 1])) { run += 1 }
        }
        for start in run..<items.count {
            let pivot = items[start]
            var low = 0
            var high = start
            while low < high {
                let middle = low + (high - low) / 2
                if try isLess(pivot, items[middle]) { high = middle } else { low = middle + 1 }
            }
            items.remove(at: start)
            items.insert(pivot, at: low)
        }
    }

    /// A stable merge sort by `<` with a NaN above every number (``isLess(_:_:nanLast:)``):
    /// the order CPython's timsort gives whenever the elements hold no NaN.
    private static func mergeSorted(_ items: [ConcreteValue]) throws -> [ConcreteValue] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = try mergeSorted(Array(items[..<middle]))
        let right = try mergeSorted(Array(items[middle...]))
        var merged: [ConcreteValue] = []
        merged.reserveCapacity(items.count)
        var leftIndex = 0
        var rightIndex = 0
        while leftIndex < left.count, rightIndex < right.count {
            // Equal elements keep their order: the right one goes first only when below.
            if try isLess(right[rightIndex], left[leftIndex], nanLast: true) {
                merged.append(right[rightIndex])
                rightIndex += 1
            } else {
                merged.append(left[leftIndex])
                leftIndex += 1
            }
        }
        merged.append(contentsOf: left[leftIndex...])
        merged.append(contentsOf: right[rightIndex...])
        return merged
    }

    /// Python's `lhs < rhs` between set elements: `false` where a NaN takes part; with
    /// `nanLast`, a NaN is above every other number instead (a total order).
    ///
    /// - Throws: ``ConcreteJSONError`` (`.unorderableSet`) where Python raises `TypeError`.
    static func isLess(_ lhs: ConcreteValue, _ rhs: ConcreteValue, nanLast: Bool = false) throws -> Bool {
        if let left = number(lhs), let right = number(rhs) {
            if nanLast, left.isNaN || right.isNaN { return !left.isNaN && right.isNaN }
            return compare(left, right) == -1
        }
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)):
            return left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
        case (.tuple(let left), .tuple(let right)):
            // The first pair that is not equal decides; else the shorter tuple is below.
            for (a, b) in zip(left, right) where !isEqual(a, b) {
                return try isLess(a, b, nanLast: nanLast)
            }
            return left.count < right.count
        default:
            throw ConcreteJSONError(
                .unorderableSet, "set elements cannot be sorted as Python sorts them ('<' not supported between their types)")
        }
    }

    /// Python's `lhs == rhs` between set elements: numbers by exact value, text by code point,
    /// tuples element by element, `None` and `None`. A float NaN is equal to a float NaN, as
    /// every `NaN` Python's `json` reads is one object (equal to itself where `==` looks at
    /// identity first, as in tuples); a numpy scalar NaN is equal to nothing.
    static func isEqual(_ lhs: ConcreteValue, _ rhs: ConcreteValue) -> Bool {
        if case .float(let left) = lhs, case .float(let right) = rhs, left.isNaN, right.isNaN {
            return true
        }
        if let left = number(lhs), let right = number(rhs) {
            return compare(left, right) == 0
        }
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)):
            return left.unicodeScalars.elementsEqual(right.unicodeScalars)
        case (.tuple(let left), .tuple(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { isEqual($0, $1) }
        case (.null, .null):
            return true
        default:
            return false
        }
    }

    /// `value` as a number Python compares, `nil` when it is not one.
    static func number(_ value: ConcreteValue) -> Number? {
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
