import OrderedCollections

/// How many bytes of byte strings one decode may hash as map keys and set members.
///
/// Swift hashes and compares a `[UInt8]` inside `AnyHashable` element by element, each byte an
/// `AnyHashable` of its own (about 2 500 instructions a byte, where text takes a few), so that
/// a byte string equals an array of the same integers. Without string references the byte
/// strings of keys are at most the input; a string reference (tag 25) repeats a byte string of
/// any length for three bytes, and 2 500 references to one of 16 KiB as keys took 10 s. The
/// budget, as many bytes as the input holds plus 1 MiB (a quarter of a second in a release
/// build on this project's 2-core Xeon: 60 references to 16 KiB), keeps that work in
/// proportion to the input. An input without string references never reaches it, so
/// ``DynamicDecoder`` keeps one only for an input that holds a tag 25.
final class HashedByteStrings {
    private var remaining: Int

    /// The budget for an input of `inputCount` bytes.
    init(inputCount: Int) {
        remaining = inputCount + (1 << 20)
    }

    /// Charges the byte strings in `key` (itself, or inside the frozen arrays, maps, sets and
    /// tags it is made of; a shared box hashes by identity).
    /// - Throws: ``CBORError/Code/unsupportedValue`` at `offset` past the budget (with no
    ///   offset, a semantic decoder's caller gives the tag's).
    func charge(_ key: Any, at offset: Int?) throws(CBORError) {
        // The usual keys (text, numbers) hold no byte string: no walk, no allocation.
        let keyType = type(of: key)
        guard keyType == [UInt8].self || keyType == [AnyHashable].self || keyType == OrderedDictionary<AnyHashable, AnyHashable>.self
            || keyType == CBORFrozenSet.self || keyType == CBORTag.self
        else { return }
        var pending: [Any] = [key]
        while let item = pending.popLast() {
            let type = type(of: item)
            if type == [UInt8].self, let bytes = item as? [UInt8] {
                remaining -= bytes.count
                guard remaining >= 0 else {
                    throw CBORError(
                        .unsupportedValue, offset: offset,
                        "byte strings hashed as map keys and set members pass this input's budget: string references (tag 25) repeat them, and Swift hashes a byte string byte by byte")
                }
            } else {
                FrozenContents.append(contentsOf: item, to: &pending)
            }
        }
    }
}
