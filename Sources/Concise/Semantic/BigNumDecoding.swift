/// Tags 2 and 3: unsigned and negative bignums (RFC 8949 §3.4.3), decoded to `Int` or
/// `UInt64` when they fit, else ``CBORBigInt``.
enum BigNumDecoding {
    @Sendable static func positive(_ content: Any, _ immutable: Bool) throws -> Any {
        let magnitude = try bytes(of: content, tag: 2)
        return narrowed(CBORBigInt(isNegative: false, magnitude: magnitude))
    }

    @Sendable static func negative(_ content: Any, _ immutable: Bool) throws -> Any {
        let n = try bytes(of: content, tag: 3)
        return narrowed(CBORBigInt(isNegative: true, magnitude: CBORBigInt.plusOne(n.isEmpty ? [0] : n)))
    }

    private static func bytes(of content: Any, tag: UInt64) throws -> [UInt8] {
        guard type(of: content) == [UInt8].self, let bytes = content as? [UInt8] else {
            throw CBORError(.invalidTagContent, "tag \(tag) (bignum) must hold a byte string, not \(BuiltInDecoders.kind(of: content))")
        }
        return bytes
    }

    /// The smallest standard type that holds the value.
    static func narrowed(_ value: CBORBigInt) -> Any {
        if let small = value.exactly(Int.self) { return small }
        if let unsigned = value.exactly(UInt64.self) { return unsigned }
        return value
    }
}
