/// CBOR's `undefined` (simple value 23); cbor2's `undefined`.
public struct CBORUndefined: Hashable, Sendable, CustomStringConvertible {
    /// Creates the undefined value.
    public init() {}

    /// The undefined value.
    public static let undefined = CBORUndefined()

    /// `undefined`.
    public var description: String { "undefined" }
}
