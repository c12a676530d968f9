/// Tag 258: a mathematical finite set (an array of distinct members), with members decoded
/// immutable: `Set<AnyHashable>` (cbor2's `set`), or ``CBORFrozenSet`` where an immutable value
/// is needed (cbor2's `frozenset`).
enum SetDecoding {
    @Sendable static func decode(_ context: CBORDecodingContext) throws -> Any {
        let content = try context.decode(immutable: true)
        guard type(of: content) == [AnyHashable].self, let members = content as? [AnyHashable] else {
            throw CBORError(.invalidTagContent, "tag 258 (set) must hold an array, not \(BuiltInDecoders.kind(of: content))")
        }
        // cbor2 holds set members to what it holds map keys to.
        if context.strictHashableTypes, let member = members.first(where: { !DynamicDecoder.isStrictlyHashable($0.base) }) {
            throw CBORError(.invalidTagContent, "tag 258 (set) members must be text or byte strings (strictHashableTypes), not \(BuiltInDecoders.kind(of: member.base))")
        }
        if let budget = context.hashedByteStrings {
            for member in members {
                try budget.charge(member.base, at: nil)
            }
        }
        // cbor2 makes a Python set of them, which hashes every member. Only a shared box can be
        // unhashable in Python's terms, and only a reference makes one.
        // One memo for all the members: nothing is decoded between them, so no box changes.
        var memo = PythonHashability.Memo()
        if context.hasSharedReferences, let reason = members.lazy.compactMap({ PythonHashability.unhashableReason($0.base, memo: &memo) }).first {
            throw CBORError(.unsupportedValue, "tag 258 (set) member cannot be hashed as Python hashes it: \(reason)")
        }
        // A Python set keeps the first of the members it holds equal (a shared tuple and a
        // plain one).
        let distinct = try context.distinctMembers?(members) ?? members
        return context.immutable ? CBORFrozenSet(distinct) as Any : Set(distinct)
    }
}
