import Foundation

/// The user classes of the contract's hook cases. Like Python objects, they are hashable by
/// identity, so they can be map keys when a hook returns them in immutable mode.
public class IdentityHashable: Hashable {
    /// Compares identity.
    public static func == (lhs: IdentityHashable, rhs: IdentityHashable) -> Bool { lhs === rhs }
    /// Hashes identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// The contract's `Point(x, y)`.
public final class Point: IdentityHashable {
    /// The x field.
    public var x: Any
    /// The y field.
    public var y: Any
    /// Creates a point.
    public init(x: Any, y: Any) {
        self.x = x
        self.y = y
    }
}

/// The contract's `Node(name, parent, children)`, a graph that may be cyclic.
public final class Node: IdentityHashable {
    /// The name field.
    public var name: Any
    /// The parent field (a node, or null).
    public var parent: Any
    /// The children field (an array).
    public var children: Any
    /// Creates a node.
    public init(name: Any = NSNull(), parent: Any = NSNull(), children: Any = [Any]()) {
        self.name = name
        self.parent = parent
        self.children = children
    }
}

/// The contract's `Opaque(label)`, which only the default encoder can write.
public final class Opaque: IdentityHashable {
    /// The label field.
    public var label: Any
    /// Creates an opaque object.
    public init(label: Any) {
        self.label = label
    }
}
