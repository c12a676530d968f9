import OrderedCollections

/// Map keys and set members compared as Python compares them where a shared box stands among
/// them.
///
/// A ``CBORSharedValue`` compares by identity, as a Python list does, but a box of an immutable
/// container (a tuple, frozendict, frozenset or `CBORTag`) stands for an object that Python
/// compares by value: a shared `(0,)` and a plain `(0,)` are one dict key (cbor2's dict keeps
/// the first key object and the last value) and one set member (the first).
/// ``key(for:at:unfinished:)`` names a value by its content with such boxes seen through: a
/// scalar as itself (by `AnyHashable`'s equality), a container by a number given to each
/// distinct list of its children's names (hash-consing), so that equal contents get one name
/// wherever boxes stand in them.
///
/// Naming a container hashes its children's names only, and each box is looked into once per
/// decode (a box that holds one still being decoded, whose content changes, once until that one
/// is finished), so a graph that shares a box many times costs its number of distinct nodes,
/// where Python's own `hash()` and `==` walk every path. The walk keeps its own stack. Byte strings hashed inside
/// boxes are charged to the decoder's ``HashedByteStrings`` budget, as those of plain keys are.
package final class PythonEquality {
    /// A value's name: equal for values Python holds equal (but for
    /// `DifferencesFromCbor2.md`'s scalars and frozendict order, as `AnyHashable` has them).
    enum Key: Hashable {
        /// A scalar, or a value this type does not look into (an unhashable box by identity).
        case value(AnyHashable)
        /// A byte string, hashed as bytes (`AnyHashable` hashes one byte by byte).
        case bytes([UInt8])
        /// A tuple, frozendict, frozenset or tag, by its ``Shape``'s number.
        case container(Int)
    }

    /// A frozendict, as the decoder makes one.
    private typealias FrozenMap = OrderedDictionary<AnyHashable, AnyHashable>

    /// A container by its children's names.
    private enum Shape: Hashable {
        case tuple([Key])
        /// Keys and values in turn, in order (`DifferencesFromCbor2.md`: frozen maps compare in
        /// order).
        case map([Key])
        case set(Set<Key>)
        case tag(UInt64, Key)
    }

    /// One step of the walk: name a value, or make a name from the names just made.
    private enum Step {
        case visit(AnyHashable)
        case tuple(count: Int)
        case map(count: Int)
        case set(count: Int)
        case tag(UInt64)
        /// The box whose content was just named.
        case box(ObjectIdentifier)
    }

    private var shapes: [Shape: Int] = [:]
    /// Boxes named for good: their content holds no box still being decoded.
    private var boxes: [ObjectIdentifier: Key] = [:]
    /// Boxes whose content holds boxes still being decoded (`dependencies`), named as they are
    /// while those are unfinished: a name for as long as all of them are.
    private var provisional: [ObjectIdentifier: (name: Key, dependencies: Set<ObjectIdentifier>)] = [:]
    private let budget: HashedByteStrings?

    /// A namer for one decode, charging byte strings inside boxes to `budget`.
    init(budget: HashedByteStrings?) {
        self.budget = budget
    }

    /// A namer without a byte-string budget, for a hook that makes a set of members as Python's
    /// `set()` does (``distinct(_:unfinished:)``).
    package convenience init() {
        self.init(budget: nil)
    }

    /// Whether `value` is a box or holds one in its frozen containers: only then may it equal
    /// a value that is not `==` to it. Walks no box.
    static func holdsBox(_ value: Any) -> Bool {
        var pending: [Any] = [value]
        while let item = pending.popLast() {
            // A class cast only for class instances: on Linux, casting a Swift array or set to a
            // class bridges it through Foundation first.
            if type(of: item) is AnyClass {
                if item is CBORSharedValue { return true }
                continue
            }
            FrozenContents.append(contentsOf: item, to: &pending)
        }
        return false
    }

    /// `members` without those Python holds equal to an earlier one, as a Python set keeps the
    /// first of them; `unfinished` as in ``key(for:at:unfinished:)``.
    /// - Throws: ``CBORError/Code/unsupportedValue`` past the byte-string budget (no offset).
    package func distinct(
        _ members: [AnyHashable], unfinished: Set<ObjectIdentifier> = []
    ) throws(CBORError) -> [AnyHashable] {
        guard members.contains(where: { Self.holdsBox($0.base) }) else { return members }
        var seen: Set<Key> = []
        var kept: [AnyHashable] = []
        for member in members where seen.insert(try key(for: member, at: nil, unfinished: unfinished)).inserted {
            kept.append(member)
        }
        return kept
    }

    /// The name of `value`, a map key or set member; `offset` is where a budget error points.
    /// The boxes in `unfinished` are being decoded (cbor2 holds a `CBORTag` there whose value is
    /// still `None`): their names, and those of boxes that hold them, are kept only until one of
    /// them is finished.
    /// - Throws: ``CBORError/Code/unsupportedValue`` past the byte-string budget.
    func key(for value: AnyHashable, at offset: Int?, unfinished: Set<ObjectIdentifier>) throws(CBORError) -> Key {
        var steps: [Step] = [.visit(value)]
        var names: [Key] = []
        // The boxes open, and for each the unfinished boxes its content was found to hold.
        var open: Set<ObjectIdentifier> = []
        var dependencies: [Set<ObjectIdentifier>] = []
        while let step = steps.popLast() {
            switch step {
            case .visit(let item):
                let base = item.base
                if type(of: base) is AnyClass {
                    guard let box = base as? CBORSharedValue else {
                        names.append(.value(item))
                        continue
                    }
                    let identity = ObjectIdentifier(box)
                    if let name = boxes[identity] {
                        names.append(name)
                    } else if let known = provisional[identity], known.dependencies.isSubset(of: unfinished) {
                        names.append(known.name)
                        Self.add(known.dependencies, to: &dependencies)
                    } else if open.contains(identity) {
                        // A tag in its own value, which ``PythonHashability`` refuses before: by
                        // identity, and nothing around it named for good.
                        names.append(.value(item))
                        Self.add([identity], to: &dependencies)
                    } else if Self.isFrozen(box.value), let content = box.value as? AnyHashable {
                        steps.append(.box(identity))
                        open.insert(identity)
                        dependencies.append(unfinished.contains(identity) ? [identity] : [])
                        steps.append(.visit(content))
                    } else {
                        // A list, dict or set, which Python compares by identity (and cannot
                        // hash, which ``PythonHashability`` refuses before).
                        names.append(.value(item))
                    }
                    continue
                }
                try visit(item, base: base, charging: !open.isEmpty, at: offset, steps: &steps, names: &names)
            case .tuple(let count):
                names.append(.container(intern(.tuple(Self.popLast(count, from: &names)))))
            case .map(let count):
                names.append(.container(intern(.map(Self.popLast(2 * count, from: &names)))))
            case .set(let count):
                names.append(.container(intern(.set(Set(Self.popLast(count, from: &names))))))
            case .tag(let tag):
                guard let content = names.popLast() else { continue }
                names.append(.container(intern(.tag(tag, content))))
            case .box(let identity):
                open.remove(identity)
                let held = dependencies.popLast() ?? []
                guard let name = names.last else { continue }
                if held.isEmpty {
                    boxes[identity] = name
                    provisional[identity] = nil
                } else {
                    provisional[identity] = (name, held)
                    Self.add(held, to: &dependencies)
                }
            }
        }
        return names.last ?? .value(value)
    }

    /// Names `item` (`base` its value) when it is a scalar, or plans the steps that name its
    /// children and then itself; charges a byte string to the budget when `charging`.
    private func visit(
        _ item: AnyHashable, base: Any, charging: Bool, at offset: Int?, steps: inout [Step], names: inout [Key]
    ) throws(CBORError) {
        let type = type(of: base)
        if type == [AnyHashable].self, let items = base as? [AnyHashable] {
            steps.append(.tuple(count: items.count))
            steps.append(contentsOf: items.reversed().lazy.map { .visit($0) })
        } else if type == FrozenMap.self, let map = base as? FrozenMap {
            steps.append(.map(count: map.count))
            for (key, value) in map.reversed() {
                steps.append(.visit(value))
                steps.append(.visit(key))
            }
        } else if type == CBORFrozenSet.self, let set = base as? CBORFrozenSet {
            steps.append(.set(count: set.count))
            steps.append(contentsOf: set.lazy.map { .visit($0) })
        } else if type == CBORTag.self, let tag = base as? CBORTag {
            steps.append(.tag(tag.tag))
            steps.append(.visit(tag.value))
        } else if type == [UInt8].self, let bytes = base as? [UInt8] {
            if charging { try budget?.charge(bytes, at: offset) }
            names.append(.bytes(bytes))
        } else {
            names.append(.value(item))
        }
    }

    /// Whether a box holding `value` stands for an immutable Python object, compared by value.
    private static func isFrozen(_ value: Any) -> Bool {
        let type = type(of: value)
        return type == [AnyHashable].self || type == FrozenMap.self || type == CBORFrozenSet.self
            || type == CBORTag.self
    }

    /// Adds `held` to the unfinished boxes that the innermost open box holds.
    private static func add(_ held: Set<ObjectIdentifier>, to dependencies: inout [Set<ObjectIdentifier>]) {
        guard !held.isEmpty, let last = dependencies.indices.last else { return }
        dependencies[last].formUnion(held)
    }

    /// The last `count` names, taken off `names`.
    private static func popLast(_ count: Int, from names: inout [Key]) -> [Key] {
        let last = Array(names.suffix(count))
        names.removeLast(last.count)
        return last
    }

    /// The number of `shape`, a new one when no container had it yet.
    private func intern(_ shape: Shape) -> Int {
        if let number = shapes[shape] { return number }
        let number = shapes.count
        shapes[shape] = number
        return number
    }
}
