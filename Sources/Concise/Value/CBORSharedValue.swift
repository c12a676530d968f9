/// A value with identity, for CBOR value sharing (tags 28 and 29).
///
/// Swift arrays and dictionaries are values, so they cannot be "the same object" twice. Wrap a
/// container in a `CBORSharedValue` to give it identity: with ``CBOREncoder/valueSharing`` a
/// box met again is written as a reference (tag 29) instead of a copy, so cyclic graphs
/// (a box whose value contains the box) can be encoded. The dynamic decoder returns a box for
/// every array, map or unknown tag marked with tag 28 that some tag 29 refers to, so every
/// reference resolves to the same box. Boxes are equal and hash by identity, so they can be map
/// keys and set members, as Python objects can.
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
