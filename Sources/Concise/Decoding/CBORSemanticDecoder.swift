/// A decoder for the content of one tag number; cbor2's `semantic_decoders` entries, in the
/// three forms cbor2 supports.
public enum CBORSemanticDecoder: Sendable {
    /// Receives the decoded content and the immutable flag, and returns the value; cbor2's
    /// `fn(value, immutable)`.
    case value(@Sendable (_ content: Any, _ immutable: Bool) throws -> Any)
    /// Decodes the content itself through the context, with the immutability it chooses; the
    /// form of cbor2's `decode_set(decoder)` example.
    case decoding(@Sendable (_ context: CBORDecodingContext) throws -> Any)
    /// Two-phase, for cyclic graphs; cbor2's `@shareable_decoder`. The first closure creates an
    /// empty instance before the content is decoded, so tag-29 references inside the content
    /// resolve to it; the returned `complete` closure then receives the content and returns the
    /// final value (usually the same instance, filled in).
    case shareable(@Sendable (_ immutable: Bool) throws -> (instance: Any, complete: (Any) throws -> Any))
}

/// What a ``CBORSemanticDecoder/decoding(_:)`` callback sees: the tag, the immutable flag,
/// and a way to decode the tag's content.
public final class CBORDecodingContext {
    /// The tag number being decoded.
    public let tag: UInt64
    /// Whether the tagged item must decode to an immutable (hashable) value.
    public let immutable: Bool
    /// The decoder's ``CBORDecoder/strictHashableTypes``, which the built-in set decoder obeys.
    let strictHashableTypes: Bool
    /// Whether the input holds shared-value references (tag 29), so that members may be shared
    /// boxes the built-in set decoder holds to Python's hashing (``PythonHashability``).
    let hasSharedReferences: Bool
    /// The decoder's budget for byte strings hashed as set members (``HashedByteStrings``);
    /// `nil` when the input holds no string reference.
    let hashedByteStrings: HashedByteStrings?
    /// Set members without those Python holds equal to an earlier one (``PythonEquality``),
    /// which the built-in set decoder keeps as a Python set does; `nil` when the input holds no
    /// shared-value reference, without which `==` tells them apart as Python does.
    let distinctMembers: (([AnyHashable]) throws(CBORError) -> [AnyHashable])?
    private let decodeContent: (Bool) throws -> Any
    private var consumed = false

    init(
        tag: UInt64, immutable: Bool, strictHashableTypes: Bool = false, hasSharedReferences: Bool = false,
        hashedByteStrings: HashedByteStrings? = nil,
        distinctMembers: (([AnyHashable]) throws(CBORError) -> [AnyHashable])? = nil,
        decodeContent: @escaping (Bool) throws -> Any
    ) {
        self.tag = tag
        self.immutable = immutable
        self.strictHashableTypes = strictHashableTypes
        self.hasSharedReferences = hasSharedReferences
        self.hashedByteStrings = hashedByteStrings
        self.distinctMembers = distinctMembers
        self.decodeContent = decodeContent
    }

    /// Decodes the tag content; call it at most once.
    /// - Parameter immutable: Decode the content as immutable (hashable) values, as needed for
    ///   set members and map keys; `nil` keeps the flag of the tagged item.
    /// - Throws: ``CBORError`` for bad content, or what a nested hook throws.
    public func decode(immutable: Bool? = nil) throws -> Any {
        guard !consumed else {
            throw CBORError(.unsupportedValue, "the content of tag \(tag) was already decoded")
        }
        consumed = true
        return try decodeContent(immutable ?? self.immutable)
    }
}
