/// A regular expression of tag 35 (its pattern, kept as text or, as cbor2 allows, bytes).
public struct CBORRegularExpression: Hashable, Sendable {
    /// The pattern.
    public enum Pattern: Hashable, Sendable {
        /// A text pattern (the standard form).
        case text(String)
        /// A byte-string pattern (Python `re.compile(b"…")`).
        case bytes([UInt8])
    }

    /// The pattern.
    public var pattern: Pattern

    /// Creates a regular expression from a text pattern.
    public init(_ pattern: String) {
        self.pattern = .text(pattern)
    }

    /// Creates a regular expression from a pattern.
    public init(pattern: Pattern) {
        self.pattern = pattern
    }
}
