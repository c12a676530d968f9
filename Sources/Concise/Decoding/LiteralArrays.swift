/// Arrays of a few items, allocated as array literals allocate theirs.
///
/// An array literal allocates its storage for exactly its items and initializes them in place:
/// one allocation and nothing else. Reserving room in an empty array (`reserveCapacity`) costs
/// about 115 instructions more: the uniqueness check of the empty array, the call that makes a
/// new buffer, asking the allocator for the block's size, copying no items and releasing the
/// empty array. `Array(unsafeUninitializedCapacity:)` costs more still (its allocation is not
/// specialized, and looks the storage type up at run time). For the small arrays and maps that
/// most CBOR holds, that is a good part of the cost of the container, so the one-pass decoder
/// makes their items on the stack and moves them into a literal here.
enum LiteralArrays {
    /// The most items ``array(moving:count:)`` takes.
    static var maximum: Int { 8 }

    /// An array of the `count` items at `first` (at most ``maximum``), moved out of there:
    /// the memory at `first` is left uninitialized.
    @inline(__always)
    static func array<Element>(moving first: UnsafeMutablePointer<Element>, count: Int) -> [Element] {
        let p = first
        switch count {
        case 0: return []
        case 1: return [p.move()]
        case 2: return [p.move(), (p + 1).move()]
        case 3: return [p.move(), (p + 1).move(), (p + 2).move()]
        case 4: return [p.move(), (p + 1).move(), (p + 2).move(), (p + 3).move()]
        case 5: return [p.move(), (p + 1).move(), (p + 2).move(), (p + 3).move(), (p + 4).move()]
        case 6: return [p.move(), (p + 1).move(), (p + 2).move(), (p + 3).move(), (p + 4).move(), (p + 5).move()]
        case 7:
            return [p.move(), (p + 1).move(), (p + 2).move(), (p + 3).move(), (p + 4).move(), (p + 5).move(),
                    (p + 6).move()]
        case 8:
            return [p.move(), (p + 1).move(), (p + 2).move(), (p + 3).move(), (p + 4).move(), (p + 5).move(),
                    (p + 6).move(), (p + 7).move()]
        default:
            // Never reached (callers give at most `maximum`), and still right.
            return (0..<count).map { (p + $0).move() }
        }
    }
}
