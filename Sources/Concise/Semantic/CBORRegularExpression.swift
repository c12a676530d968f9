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

/// A MIME message of tag 36, as its whole text (headers, blank line, body).
public struct CBORMIMEMessage: Hashable, Sendable {
    /// The message text.
    public var text: String

    /// Creates a message from its text.
    public init(_ text: String) {
        self.text = text
    }
}

/// A complex number of tag 43000: `[real, imaginary]`; cbor2's `complex`.
public struct CBORComplex: Hashable, Sendable {
    /// The real part.
    public var real: Double
    /// The imaginary part.
    public var imaginary: Double

    /// Creates `real + imaginary·i`.
    public init(real: Double, imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }
}
