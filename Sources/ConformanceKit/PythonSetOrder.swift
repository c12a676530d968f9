import Concise

/// The order in which a hook that iterates a set (`Point(*value)`) meets its members, as close to
/// CPython's as a Swift `Set` allows.
///
/// CPython's order follows from the members' hashes and the order they were added; a decoded
/// `Set` keeps the first and loses the second. When every member has a hash that is the same in
/// every Python process (numbers, and tuples and frozensets of them: ``PythonHash``), the members
/// are laid out as if added in the order of their hashes, which is CPython's order whenever no
/// two of them compete for a slot (small integers, say). Otherwise Python's order changes from
/// run to run, and the members come in the order of their text, so that a run is repeatable.
enum PythonSetOrder {
    /// The members of `set` in that order.
    static func members(of set: Set<AnyHashable>) -> [Any] {
        let members = set.map(\.base)
        var keyed: [(member: Any, hash: Int, text: String)] = []
        keyed.reserveCapacity(members.count)
        for member in members {
            guard let key = PythonHash.key(of: member) else { return byText(members) }
            keyed.append((member, PythonHash.hash(key), String(describing: member)))
        }
        keyed.sort { ($0.hash, $0.text) < ($1.hash, $1.text) }
        guard let order = PythonHash.setOrder(of: keyed.map(\.hash)) else { return keyed.map(\.member) }
        return order.map { keyed[$0].member }
    }

    /// `members` in the order of their text.
    private static func byText(_ members: [Any]) -> [Any] {
        members.map { (member: $0, text: String(describing: $0)) }.sorted { $0.text < $1.text }.map(\.member)
    }
}
