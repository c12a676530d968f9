import Concise

/// A raw-mode map key compared as cbor2's `dict` compares its keys, where that differs from
/// ``CBOR``'s own equality: numbers by value whatever their type and width (the integer 1 and
/// the floats 1.0 of every width are one key, as `AnyHashable` makes them in the semantic mode;
/// 0.0 and -0.0 too; a NaN is no other key), maps (frozendicts) whatever their order, the same
/// through arrays (tuples) and tags. Booleans stay apart from integers, as in the semantic mode
/// (`DifferencesFromCbor2.md`).
struct PythonKeyEquality: Hashable {
    let value: CBOR

    static func == (lhs: PythonKeyEquality, rhs: PythonKeyEquality) -> Bool {
        same(lhs.value, rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        Self.combine(value, into: &hasher)
    }

    /// A number as Python compares it: integers, and floats that hold an integer, exactly;
    /// other floats by value.
    private enum Number: Equatable {
        case integer(Int128)
        case float(Double)
    }

    /// The value of an integer or a float of any width, `nil` for anything else.
    private static func number(_ value: CBOR) -> Number? {
        let double: Double
        switch value {
        case .unsigned(let integer): return .integer(Int128(integer))
        case .negative(let n): return .integer(-1 - Int128(n))
        case .half(let half): double = Double(half)
        case .float(let single): double = Double(single)
        case .double(let value): double = value
        default: return nil
        }
        // Past Int128, no CBOR integer (a bignum is a tag in raw mode) equals the float.
        return Int128(exactly: double).map(Number.integer) ?? .float(double)
    }

    private static func same(_ lhs: CBOR, _ rhs: CBOR) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        switch (lhs, rhs) {
        case let (.array(left), .array(right)):
            return left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
        case let (.map(left), .map(right)):
            return left.count == right.count
                && left.entries.allSatisfy { entry in right.entries.contains { same($0.key, entry.key) && same($0.value, entry.value) } }
        case let (.tagged(leftTag, left), .tagged(rightTag, right)):
            return leftTag == rightTag && same(left, right)
        default:
            return lhs == rhs
        }
    }

    private static func combine(_ value: CBOR, into hasher: inout Hasher) {
        if let number = number(value) {
            hasher.combine(0 as UInt8)
            switch number {
            case .integer(let integer): hasher.combine(integer)  // -0.0 is the integer 0
            case .float(let double): hasher.combine(double)  // NaNs hash alike and never match
            }
            return
        }
        switch value {
        case .array(let items):
            hasher.combine(1 as UInt8)
            hasher.combine(items.count)
            for item in items { combine(item, into: &hasher) }
        case .map(let map):
            // In any order: the entries' own hashes, summed.
            hasher.combine(2 as UInt8)
            var sum = 0
            for entry in map.entries {
                var inner = Hasher()
                combine(entry.key, into: &inner)
                combine(entry.value, into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(sum)
        case .tagged(let tag, let content):
            hasher.combine(3 as UInt8)
            hasher.combine(tag)
            combine(content, into: &hasher)
        default:
            hasher.combine(value)
        }
    }
}
