/// One entry of a map a decoder makes: laid out exactly as the tuple
/// `(key: CBOR, value: CBOR)` of ``CBORMap/entries`` (Swift lays out a struct's stored
/// properties, like a tuple's elements, in order).
///
/// Decoders make a map's entries as an array of this struct and hand its storage over as the
/// tuple array (``CBORMap/init(decodedEntries:)``). The values are the same; what differs is the
/// storage's element type, which is what destroys the entries when the map goes: this struct's
/// own destroy, compiled in this module, instead of the runtime's generic destroy of a tuple,
/// which calls each element's value witness in turn (about 33 instructions an entry less).
struct CBORMapEntry {
    /// The entry's key.
    var key: CBOR
    /// The entry's value.
    var value: CBOR

    /// Whether an array of entries can be read as the public tuple array: the same size,
    /// stride and alignment, on a runtime without Objective-C bridging (which would bridge each
    /// element by the storage's element type). Swift's type layout puts a struct's stored
    /// properties, like a tuple's elements, in order at their alignment, so the value is then
    /// where the tuple's is (`CBORMapEntryTests` checks it). Known when compiling: costs
    /// nothing.
    static var isLaidOutAsTuple: Bool {
        #if _runtime(_ObjC)
        return false
        #else
        typealias Tuple = (key: CBOR, value: CBOR)
        return MemoryLayout<CBORMapEntry>.size == MemoryLayout<Tuple>.size
            && MemoryLayout<CBORMapEntry>.stride == MemoryLayout<Tuple>.stride
            && MemoryLayout<CBORMapEntry>.alignment == MemoryLayout<Tuple>.alignment
        #endif
    }
}

extension CBORMap {
    /// A map of the entries a decoder made, in order: their storage itself where the layouts
    /// match (``CBORMapEntry/isLaidOutAsTuple``), a copy as tuples otherwise.
    @inline(__always)
    init(decodedEntries entries: [CBORMapEntry]) {
        if CBORMapEntry.isLaidOutAsTuple {
            self.init(unsafeBitCast(entries, to: [(key: CBOR, value: CBOR)].self))
        } else {
            self.init(entries.map { (key: $0.key, value: $0.value) })
        }
    }
}
