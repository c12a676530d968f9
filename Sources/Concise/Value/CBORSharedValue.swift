/// A value with identity, for CBOR value sharing (tags 28 and 29).
///
/// Swift arrays and dictionaries are values, so they cannot be "the same object" twice. Wrap a
/// container in a `CBORSharedValue` to give it identity: with ``CBOREncoder/valueSharing`` a
/// box met again is written as a reference (tag 29) instead of a copy, so cyclic graphs
/// (a box whose value contains the box) can be encoded. The dynamic decoder returns a box for
/// every array or map marked with tag 28, so every reference to it resolves to the same box.
public final class CBORSharedValue: @unchecked Sendable, CustomStringConvertible {
    /// The wrapped value.
    public var value: Any

    /// Wraps a value.
    public init(_ value: Any) {
        self.value = value
    }

    /// `shared(…)`, without following the value (it may contain this box).
    public var description: String { "CBORSharedValue(\(ObjectIdentifier(self)))" }
}
