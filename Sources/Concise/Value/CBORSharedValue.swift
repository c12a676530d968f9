/// A value with identity, for CBOR value sharing (tags 28 and 29).
///
/// Swift arrays and dictionaries are values, so they cannot be "the same object" twice. Wrap a
/// container in a `CBORSharedValue` to give it identity: with ``CBOREncoder/valueSharing`` a
/// box met again is written as a reference (tag 29) instead of a copy, so cyclic graphs
/// (a box whose value contains the box) can be encoded. The dynamic decoder returns a box for
/// every array, map or unknown tag marked with tag 28 that some tag 29 refers to (and for a
/// container a hook or semantic decoder made there), so every reference resolves to the same
/// box. Boxes are equal and hash by identity. The decoder takes a box as a map key or set member
/// only where Python could hash what it holds (not a mutable array, map or set), as cbor2 does,
/// and there compares a box of a frozen array, map or set or a ``CBORTag`` by what it holds, as
/// Python compares the tuple or tag: such a box and an equal plain key are one key of the map
/// (the first of them stays, with the last value), and one member of a set (the first).
public final class CBORSharedValue: @unchecked Sendable, Hashable, CustomStringConvertible {
    /// The wrapped value.
    public var value: Any

    /// Wraps a value.
    public init(_ value: Any) {
        self.value = value
    }

    /// Compares identity.
    public static func == (lhs: CBORSharedValue, rhs: CBORSharedValue) -> Bool {
        lhs === rhs
    }

    /// Hashes identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(self))
    }

    /// `shared(…)`, without following the value (it may contain this box).
    public var description: String { "CBORSharedValue(\(ObjectIdentifier(self)))" }
}
