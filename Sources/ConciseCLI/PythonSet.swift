import Concise

/// Tag 258 as cbor2 decodes it for `python -m cbor2.tool`: a `set`, or a `frozenset` where the
/// value must be hashable, with the members in the order CPython iterates them.
///
/// Python merges members it holds equal (`1`, `1.0` and `True`) and keeps the first. When every
/// member's hash is the same in every Python process (``PythonHash``), the members are in
/// CPython's iteration order, which is what the tool prints; otherwise Python's order changes
/// from run to run, and they stay in the order of the input (as they do when their hashes
/// collide so much that the order would take time growing with the square of their number).
struct PythonSet: Hashable, PythonHashKeyed {
    /// The distinct members, in iteration order.
    let members: [AnyHashable]
    /// Whether this is a `frozenset`.
    let isFrozen: Bool
    /// The frozenset's key for ``PythonHash``, when every member has one.
    let key: PythonHash.Key?
    /// The frozenset's key, as ``PythonHashKeyed`` reads it.
    var pythonHashKey: PythonHash.Key? { key }
    /// What equality and hashing compare: each member's ``PythonHash/Key``, or the member itself.
    private let identities: Set<AnyHashable>
    private let identitiesHash: Int

    /// Decodes tag 258: the content as immutable values, which must be an array.
    static let decoder = CBORSemanticDecoder.decoding { context in
        let content = try context.decode(immutable: true)
        guard type(of: content) == [AnyHashable].self, let members = content as? [AnyHashable] else {
            throw CBORError(.invalidTagContent, "tag 258 (set) must hold an array")
        }
        return PythonSet(members, isFrozen: context.immutable)
    }

    /// The set made by adding `elements` one by one.
    init(_ elements: [AnyHashable], isFrozen: Bool) {
        var distinct: [AnyHashable] = []
        var keys: [PythonHash.Key?] = []
        var identities = Set<AnyHashable>()
        for element in elements {
            let key = PythonHash.key(of: element.base)
            guard identities.insert(key.map(AnyHashable.init) ?? element).inserted else { continue }
            distinct.append(element)
            keys.append(key)
        }
        let allKeys = keys.compactMap { $0 }
        if allKeys.count == keys.count {
            let hashes = allKeys.map(PythonHash.hash)
            // Members that collide without end keep the input's order too.
            members = PythonHash.setOrder(of: hashes).map { $0.map { distinct[$0] } } ?? distinct
            key = .frozenset(Set(allKeys), hash: PythonHash.frozensetHash(of: hashes))
        } else {
            members = distinct
            key = nil
        }
        self.isFrozen = isFrozen
        self.identities = identities
        self.identitiesHash = identities.hashValue
    }

    /// Two sets are equal when their members are, as in Python (a `set` equals a `frozenset`).
    static func == (lhs: PythonSet, rhs: PythonSet) -> Bool {
        lhs.identitiesHash == rhs.identitiesHash && lhs.identities == rhs.identities
    }

    /// Hashes the members, in no order.
    func hash(into hasher: inout Hasher) {
        hasher.combine(identitiesHash)
    }
}
