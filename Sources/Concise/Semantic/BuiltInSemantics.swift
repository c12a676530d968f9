/// The built-in meanings of tags: the decoders looked up after ``CBORDecoder/semanticDecoders``
/// and the encoders of the Swift types that stand for tagged items. Each tag type adds its
/// entries here; the table of all of them is in the documentation (Types.md).
enum BuiltInSemantics {
    /// Encoders by exact Swift type, consulted after the plain built-in types.
    static let encoders: [ObjectIdentifier: @Sendable (CBORWriter, Any) throws -> Void] = [:]

    /// Decoders by tag number, consulted after the user's semantic decoders.
    static let decoders: [UInt64: CBORSemanticDecoder] = [
        2: .value(BigNumDecoding.positive),
        3: .value(BigNumDecoding.negative),
        258: .decoding(SetDecoding.decode),
        55799: .decoding { context in try context.decode(immutable: true) },
    ]
}
