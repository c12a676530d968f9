/// How a registered encoder takes part in value sharing; cbor2's `@shareable_encoder`.
public enum CBORSharing: Sendable, Hashable {
    /// Plain: with value sharing off, an instance met again while it is being encoded is a
    /// ``CBORError/Code/cyclicStructure`` error.
    case none
    /// Shareable: with value sharing on, each instance is written once, marked with tag 28, and
    /// every later occurrence is a tag-29 reference, so cycles round-trip.
    case shareable
}

/// A type-keyed encoder as the registry stores it.
struct CBORTypeEncoder: Sendable {
    let sharing: CBORSharing
    let encode: @Sendable (CBORWriter, Any) throws -> Void
}
