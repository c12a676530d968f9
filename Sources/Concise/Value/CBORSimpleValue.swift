/// A simple value other than false, true, null and undefined (RFC 8949 §3.3); cbor2's
/// `CBORSimpleValue`.
public struct CBORSimpleValue: Hashable, Sendable, CustomStringConvertible {
    /// The value: 0–19 or 32–255.
    public let rawValue: UInt8

    /// Creates a simple value, or `nil` for 20–31 (false, true, null, undefined and the
    /// reserved values 24–31).
    public init?(_ rawValue: UInt8) {
        guard !(20...31).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// `simple(16)`.
    public var description: String { "simple(\(rawValue))" }
}
