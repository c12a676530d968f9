/// A tagged data item with no built-in meaning (RFC 8949 §3.4), as the dynamic decoder returns
/// it and the encoder writes it; cbor2's `CBORTag`.
///
/// The content is `AnyHashable` because cbor2 6.3 decodes the content of an unknown tag as
/// immutable (frozen), so a tag can itself be a map key or set member.
public struct CBORTag: Hashable, CustomStringConvertible {
    /// The tag number.
    public var tag: UInt64
    /// The tag content.
    public var value: AnyHashable

    /// Creates a tagged item.
    /// - Parameters:
    ///   - tag: The tag number.
    ///   - value: The content.
    public init(_ tag: UInt64, _ value: AnyHashable) {
        self.tag = tag
        self.value = value
    }

    /// `CBORTag(6, …)`.
    public var description: String { "CBORTag(\(tag), \(value))" }
}

