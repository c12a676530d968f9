/// A MIME message of tag 36, as its whole text (headers, blank line, body).
public struct CBORMIMEMessage: Hashable, Sendable {
    /// The message text.
    public var text: String

    /// Creates a message from its text.
    public init(_ text: String) {
        self.text = text
    }
}
