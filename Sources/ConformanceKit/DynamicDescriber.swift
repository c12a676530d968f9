import Concise
import Foundation
import OrderedCollections

/// Writes the typed description of a value the dynamic decoder returned (semantic mode), with
/// `"id"`/`"shared"` nodes for containers that occur more than once in the graph.
public struct DynamicDescriber {
    private var occurrences: [ObjectIdentifier: Int] = [:]
    private var ids: [ObjectIdentifier: Int] = [:]
    /// Describes types this kit does not know (the tag types); return `nil` to decline.
    public var describeOther: (Any, inout DynamicDescriber) throws -> JSONValue? = { _, _ in nil }

    /// Creates a describer.
    public init() {}

    /// The typed description of `value`.
    public mutating func describe(root value: Any) throws -> JSONValue {
        count(value)
        return try describe(value)
    }

    /// Counts how often each identity occurs, without descending twice into one.
    private mutating func count(_ value: Any) {
        if let identity = Self.identity(of: value) {
            occurrences[identity, default: 0] += 1
            if occurrences[identity, default: 0] > 1 { return }
        }
        for child in Self.children(of: value) {
            count(child)
        }
    }

    /// The typed description of a value inside the root.
    public mutating func describe(_ value: Any) throws -> JSONValue {
        if let identity = Self.identity(of: value), occurrences[identity, default: 0] > 1 {
            if let id = ids[identity] {
                return .object([("t", .string("shared")), ("id", .number(String(id)))])
            }
            let id = ids.count
            ids[identity] = id
            guard case .object(var members) = try describeContent(value) else { return .null }
            members.insert(("id", .number(String(id))), at: 1)
            return .object(members)
        }
        return try describeContent(value)
    }

    private mutating func describeContent(_ value: Any) throws -> JSONValue {
        switch value {
        case let box as CBORSharedValue:
            return try describeContent(box.value)
        case let value as Bool: return TypedDescription.node("bool", v: .bool(value))
        case let value as Int: return TypedDescription.node("int", v: .string(String(value)))
        case let value as UInt64: return TypedDescription.node("int", v: .string(String(value)))
        case let value as CBORBigInt: return TypedDescription.node("int", v: .string(try TypedDescription.integerText(value)))
        case let value as Double: return TypedDescription.float(value)
        case let value as String: return TypedDescription.node("text", v: .string(value))
        case let bytes as [UInt8] where type(of: value) == [UInt8].self:
            return .object([("t", .string("bytes")), ("hex", .string(TypedDescription.hex(bytes)))])
        case is NSNull: return .object([("t", .string("null"))])
        case is CBORUndefined: return .object([("t", .string("undefined"))])
        case let value as CBORSimpleValue: return TypedDescription.node("simple", v: .number(String(value.rawValue)))
        case let value as CBORTag:
            return .object([("t", .string("tag")), ("tag", .number(String(value.tag))), ("v", try describe(value.value.base))])
        case let items as [AnyHashable] where type(of: value) == [AnyHashable].self:
            return .object([("t", .string("array")), ("v", .array(try items.map { try describe($0.base) })), ("frozen", .bool(true))])
        case let value as [Any]:
            return .object([("t", .string("array")), ("v", .array(try value.map { try describe($0) }))])
        case let value as OrderedDictionary<AnyHashable, AnyHashable>:
            return .object([("t", .string("map")), ("v", .array(try value.map { .array([try describe($0.key.base), try describe($0.value.base)]) })), ("frozen", .bool(true))])
        case let value as OrderedDictionary<AnyHashable, Any>:
            return .object([("t", .string("map")), ("v", .array(try value.map { .array([try describe($0.key.base), try describe($0.value)]) }))])
        case let value as Set<AnyHashable>:
            return .object([("t", .string("set")), ("v", .array(try sortedMembers(value)))])
        case let value as CBORFrozenSet:
            return .object([("t", .string("set")), ("v", .array(try sortedMembers(value.members))), ("frozen", .bool(true))])
        case let point as Point:
            return object("Point", [("x", try describe(point.x)), ("y", try describe(point.y))])
        case let node as Node:
            return object("Node", [("name", try describe(node.name)), ("parent", try describe(node.parent)), ("children", try describe(node.children))])
        case let opaque as Opaque:
            return object("Opaque", [("label", try describe(opaque.label))])
        default:
            if let described = try TypedDescription.describeSemantic(value) {
                return described
            }
            var copy = self
            if let described = try describeOther(value, &copy) {
                self = copy
                return described
            }
            return .object([("t", .string("python")), ("type", .string("\(type(of: value))")), ("repr", .string("\(value)"))])
        }
    }

    private func object(_ name: String, _ fields: [(String, JSONValue)]) -> JSONValue {
        .object([("t", .string("object")), ("class", .string(name)), ("fields", .object(fields))])
    }

    /// The members' descriptions sorted by their JSON text, as the contract lists them; each
    /// text is made once (in the comparison, 100 000 members took 9 s).
    private mutating func sortedMembers(_ members: Set<AnyHashable>) throws -> [JSONValue] {
        try members.map { member -> (text: String, node: JSONValue) in
            let node = try describe(member.base)
            return (node.serialized, node)
        }.sorted { $0.text < $1.text }.map(\.node)
    }

    private static func identity(of value: Any) -> ObjectIdentifier? {
        // CPython has one empty tuple: every empty frozen array is that one object, also one
        // that a tag 28 shares (held in a box).
        if isEmptyTuple(value) { return ObjectIdentifier(EmptyTuple.shared) }
        switch value {
        case let box as CBORSharedValue: return ObjectIdentifier(box)
        case let object as IdentityHashable: return ObjectIdentifier(object)
        default: return nil
        }
    }

    /// Whether `value` is an empty frozen array (Python's empty tuple), bare or in a box.
    private static func isEmptyTuple(_ value: Any) -> Bool {
        if type(of: value) == CBORSharedValue.self, let box = value as? CBORSharedValue {
            return isEmptyTuple(box.value)
        }
        guard type(of: value) == [AnyHashable].self, let items = value as? [AnyHashable] else { return false }
        return items.isEmpty
    }

    /// The identity of Python's empty tuple.
    private final class EmptyTuple: Sendable {
        static let shared = EmptyTuple()
    }

    private static func children(of value: Any) -> [Any] {
        switch value {
        // A box's content is the box itself to Python (the empty tuple included): not counted twice.
        case let box as CBORSharedValue: return isEmptyTuple(box.value) ? [] : [box.value]
        case let tag as CBORTag: return [tag.value.base]
        case let items as [AnyHashable]: return items.map(\.base)
        case let items as [Any]: return items
        case let map as OrderedDictionary<AnyHashable, AnyHashable>: return map.flatMap { [$0.key.base, $0.value.base] }
        case let map as OrderedDictionary<AnyHashable, Any>: return map.flatMap { [$0.key.base, $0.value] }
        case let set as Set<AnyHashable>: return set.map(\.base)
        case let set as CBORFrozenSet: return set.map(\.base)
        case let point as Point: return [point.x, point.y]
        case let node as Node: return [node.name, node.parent, node.children]
        case let opaque as Opaque: return [opaque.label]
        default: return []
        }
    }
}
