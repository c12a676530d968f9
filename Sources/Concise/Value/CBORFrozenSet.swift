/// An immutable set: what tag 258 decodes to where the value must be hashable (a map key, a set
/// member, the content of a tag, or anywhere with ``CBORDecoder/immutable``); cbor2's
/// `frozenset`. Elsewhere tag 258 decodes to `Set<AnyHashable>`, cbor2's `set`.
///
/// Two things set it apart from a `Set<AnyHashable>` held in an `AnyHashable`:
/// - It computes its hash once. Swift hashes a `Set` inside a set by rebuilding it, so each
///   level of nesting would double the work of hashing the outermost set.
/// - It never bridges to Foundation. On Linux, comparing a class instance (such as `NSNull`) with
///   a `Set` inside `AnyHashable` turns the set into an `NSSet`, and Foundation traps when that
///   set holds sets that hold arrays.
///
/// ```swift
/// let decoded = try CBORDecoder().decode(from: bytes) as? OrderedDictionary<AnyHashable, Any>
/// let value = decoded?[AnyHashable(CBORFrozenSet(["a", "b"]))]
/// ```
public struct CBORFrozenSet: Hashable, CustomStringConvertible, ExpressibleByArrayLiteral, Sequence {
    /// The members.
    public let members: Set<AnyHashable>
    /// The hash of `members`, computed once.
    private let membersHash: Int

    /// Creates a frozen set with the given members.
    public init(_ members: Set<AnyHashable>) {
        self.members = members
        self.membersHash = members.hashValue
    }

    /// Creates a frozen set of the distinct elements of a sequence.
    public init<Members: Sequence<AnyHashable>>(_ members: Members) {
        self.init(Set(members))
    }

    /// Creates a frozen set from a literal.
    public init(arrayLiteral elements: AnyHashable...) {
        self.init(Set(elements))
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the set has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// Whether `member` is in the set.
    public func contains(_ member: AnyHashable) -> Bool {
        members.contains(member)
    }

    /// Iterates over the members, in no particular order.
    public func makeIterator() -> Set<AnyHashable>.Iterator {
        members.makeIterator()
    }

    /// Two frozen sets are equal when they have the same members.
    public static func == (lhs: CBORFrozenSet, rhs: CBORFrozenSet) -> Bool {
        lhs.membersHash == rhs.membersHash && lhs.members == rhs.members
    }

    /// Hashes the stored hash of the members.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(membersHash)
    }

    /// `frozenset([…])`.
    public var description: String { "frozenset(\(Array(members)))" }
}
