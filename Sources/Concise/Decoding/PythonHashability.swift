import OrderedCollections

/// Whether Python's `hash()` takes a decoded map key or set member. cbor2 puts keys in a `dict`
/// and members in a `set`, so a key Python cannot hash fails the decode there ("unhashable
/// type: 'list'").
///
/// Keys and set members are decoded immutable, so only a shared reference (tag 29) brings a
/// mutable container there, as a ``CBORSharedValue`` box:
/// - a box of a list, dict or set (`[Any]`, `OrderedDictionary<AnyHashable, Any>`,
///   `Set<AnyHashable>`) is unhashable;
/// - a tuple or frozendict (`[AnyHashable]`, `OrderedDictionary<AnyHashable, AnyHashable>`)
///   hashes what it holds, keys and values;
/// - a `CBORTag` hashes its value, and one met again inside its own value is unhashable
///   (cbor2's recursion guard); a tag whose content is still being decoded holds `None`;
/// - anything else hashes (a frozenset's members were hashed when it was made; a class
///   instance hashes by identity). A `Set` that a caller's hook or semantic decoder returns for
///   a key is Swift's to hash: only what the decoder shared is held to Python's rule.
///
/// The walk keeps its own stack, so a long chain of references cannot overflow the call
/// stack, and looks into each box once, so a graph that shares a box many times is walked in
/// linear time where Python's own `hash()` would walk every path. A ``Memo`` carries the boxes
/// found hashable from one walk to the next, so many keys that refer to one large box walk it
/// once in all.
package enum PythonHashability {
    /// Boxes found hashable by earlier walks, which later walks need not look into again.
    package struct Memo {
        fileprivate var hashable: Set<ObjectIdentifier> = []
        /// Boxes found hashable by walks that met an unfinished box, whose verdicts hold while
        /// the unfinished boxes stay as they are: while `generation` is the caller's.
        fileprivate var provisional: Set<ObjectIdentifier> = []
        fileprivate var generation = 0

        /// An empty memo.
        package init() {}
    }

    /// Python's reason for refusing to hash `value` (`"unhashable type: 'list'"`), or `nil`
    /// when it can be hashed.
    package static func unhashableReason(_ value: Any) -> String? {
        var memo = Memo()
        return unhashableReason(value, memo: &memo)
    }

    /// ``unhashableReason(_:)``, skipping the boxes `memo` holds and adding those this walk
    /// finds hashable. A box in `unfinished` holds what stands for its value while that is
    /// decoded (``DynamicDecoder``), and its verdict changes when the value is complete: what a
    /// walk that meets one finds holds only until `unfinished` changes, which the caller marks
    /// by a new `generation`. Keys that all refer to one box of boxes that refer to an
    /// unfinished tag then walk it once, not once each.
    package static func unhashableReason(
        _ value: Any, memo: inout Memo, unfinished: Set<ObjectIdentifier> = [], generation: Int = 0
    ) -> String? {
        guard needsWalk(value) else { return nil }
        if memo.generation != generation {
            memo.provisional.removeAll()
            memo.generation = generation
        }
        var pending: [Step] = [.visit(value)]
        // Boxes whose value is being hashed, and boxes found hashable.
        var open: Set<ObjectIdentifier> = []
        var hashable: Set<ObjectIdentifier> = []
        var metUnfinished = false
        defer {
            if metUnfinished {
                memo.provisional.formUnion(hashable)
            } else {
                memo.hashable.formUnion(hashable)
            }
        }
        while let step = pending.popLast() {
            switch step {
            case .leave(let box):
                open.remove(box)
                hashable.insert(box)
            case .visit(let item):
                // A class cast only for class instances: on Linux, casting a Swift array or
                // set to a class bridges it through Foundation first.
                if type(of: item) is AnyClass {
                    guard let box = item as? CBORSharedValue else { continue }
                    let identity = ObjectIdentifier(box)
                    guard !hashable.contains(identity), !memo.hashable.contains(identity) else { continue }
                    if memo.provisional.contains(identity) {
                        // Hashable for now: what holds it is too, as provisionally.
                        metUnfinished = true
                        continue
                    }
                    if unfinished.contains(identity) { metUnfinished = true }
                    guard !open.contains(identity) else {
                        return "This CBORTag is not hashable because its value is not hashable"
                    }
                    if let reason = mutableReason(box.value) {
                        return reason
                    }
                    open.insert(identity)
                    pending.append(.leave(identity))
                    pending.append(.visit(box.value))
                    continue
                }
                switch item {
                case let items as [AnyHashable] where type(of: item) == [AnyHashable].self:
                    pending.append(contentsOf: items.lazy.map { .visit($0.base) })
                case let map as OrderedDictionary<AnyHashable, AnyHashable>
                where type(of: item) == OrderedDictionary<AnyHashable, AnyHashable>.self:
                    for (key, value) in map {
                        pending.append(.visit(key.base))
                        pending.append(.visit(value.base))
                    }
                case let tag as CBORTag:
                    pending.append(.visit(tag.value.base))
                default:
                    break
                }
            }
        }
        return nil
    }

    /// One step of the walk: hash a value, or finish with a box whose value was hashed.
    private enum Step {
        case visit(Any)
        case leave(ObjectIdentifier)
    }

    /// Whether `value` may hold something to refuse: a box, or a frozen container or tag that
    /// holds other values. Scalars, the usual keys, take no walk.
    @inline(__always)
    private static func needsWalk(_ value: Any) -> Bool {
        if type(of: value) is AnyClass {
            return value is CBORSharedValue
        }
        let type = type(of: value)
        return type == [AnyHashable].self || type == OrderedDictionary<AnyHashable, AnyHashable>.self || type == CBORTag.self
    }

    /// Python's reason for refusing the mutable container a box holds: a list, dict or set.
    private static func mutableReason(_ value: Any) -> String? {
        let type = type(of: value)
        if type == [Any].self { return "unhashable type: 'list'" }
        if type == Set<AnyHashable>.self { return "unhashable type: 'set'" }
        if type == OrderedDictionary<AnyHashable, Any>.self { return "unhashable type: 'dict'" }
        return nil
    }
}
