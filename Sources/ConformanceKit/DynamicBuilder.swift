import Concise
import Foundation
import OrderedCollections

/// Builds the Swift value an encode case describes: containers with an `"id"` get identity
/// (a ``CBORSharedValue`` box, or the user object itself) so `{"t":"shared"}` nodes and cycles
/// refer back to them.
public struct DynamicBuilder {
    private var identified: [Int: Any] = [:]
    /// Ids of tags and sets being built: Swift holds them as values, so nothing inside can
    /// refer back to them.
    private var valuesInProgress: Set<Int> = []
    /// Builds types this kit does not know (the tag types); return `nil` to decline.
    public var buildOther: (JSONValue) throws -> Any? = { _ in nil }

    /// Creates a builder.
    public init() {}

    /// The value `node` describes; `hashable` builds the immutable flavour (map keys, set
    /// members, tag contents).
    public mutating func value(_ node: JSONValue, hashable: Bool = false) throws -> Any {
        guard let kind = node["t"]?.string else { throw TypedDescription.Malformed("no \"t\" in \(node.serialized)") }
        let id = node["id"]?.string.flatMap { Int($0) }
        switch kind {
        case "int", "uint", "nint":
            let text = node["v"]?.string ?? ""
            if let small = Int(text) { return small }
            if let unsigned = UInt64(text) { return unsigned }
            guard let big = CBORBigInt(text) else { throw TypedDescription.Malformed("integer \(text)") }
            return big
        case "bytes": return try TypedDescription.bytes(hex: node["hex"]?.string ?? "")
        case "text": return node["v"]?.string ?? ""
        case "bool": return node["v"]?.bool ?? false
        case "null": return NSNull()
        case "undefined": return CBORUndefined.undefined
        case "float": return Double(bitPattern: try TypedDescription.floatBits(node))
        case "simple":
            guard let simple = node["v"]?.string.flatMap({ UInt8($0) }).flatMap(CBORSimpleValue.init) else {
                throw TypedDescription.Malformed(node.serialized)
            }
            return simple
        case "tag":
            guard let tag = node["tag"]?.string.flatMap({ UInt64($0) }), let content = node["v"] else {
                throw TypedDescription.Malformed(node.serialized)
            }
            if let id { valuesInProgress.insert(id) }
            let built = CBORTag(tag, try hashableValue(content))
            if let id {
                valuesInProgress.remove(id)
                identified[id] = built
            }
            return built
        case "array":
            let items = node["v"]?.array ?? []
            if items.isEmpty, node["frozen"]?.bool == true {
                // CPython's one empty tuple: the encoder writes every empty `[AnyHashable]`
                // after the first as a reference to it under value sharing, as cbor2 does.
                let empty = [AnyHashable]()
                if let id { identified[id] = empty }
                return empty
            }
            if let id {
                let box = CBORSharedValue([Any]())
                identified[id] = box
                box.value = try items.map { try value($0) }
                return box
            }
            if hashable { return try items.map { try hashableValue($0) } }
            return try items.map { try value($0) }
        case "map":
            let box = id.map { id -> CBORSharedValue in
                let box = CBORSharedValue(NSNull())
                identified[id] = box
                return box
            }
            if hashable && box == nil {
                var frozen = OrderedDictionary<AnyHashable, AnyHashable>()
                for (key, item) in try TypedDescription.pairs(node) {
                    frozen[try hashableValue(key)] = try hashableValue(item)
                }
                return frozen
            }
            var map = OrderedDictionary<AnyHashable, Any>()
            for (key, item) in try TypedDescription.pairs(node) {
                map[try hashableValue(key)] = try value(item, hashable: hashable)
            }
            if let box {
                box.value = map
                return box
            }
            return map
        case "set":
            if let id { valuesInProgress.insert(id) }
            let members = Set(try (node["v"]?.array ?? []).map { try hashableValue($0) })
            let built = hashable || node["frozen"]?.bool == true ? CBORFrozenSet(members) as Any : members
            if let id {
                valuesInProgress.remove(id)
                identified[id] = built
            }
            return built
        case "shared":
            guard let id = node["id"]?.string.flatMap({ Int($0) }), let target = identified[id] else {
                if let id = node["id"]?.string.flatMap({ Int($0) }), valuesInProgress.contains(id) {
                    throw TypedDescription.Unsupported("a cycle through a tag or set, which Swift holds as values")
                }
                throw TypedDescription.Malformed("shared reference \(node.serialized) before its target")
            }
            return target
        case "object":
            return try object(node, id: id)
        default:
            if let semantic = try TypedDescription.buildSemantic(node) { return semantic }
            if let other = try buildOther(node) { return other }
            throw TypedDescription.Unsupported("typed node \(kind)")
        }
    }

    private mutating func hashableValue(_ node: JSONValue) throws -> AnyHashable {
        let built = try value(node, hashable: true)
        guard let hashable = built as? AnyHashable else {
            throw TypedDescription.Unsupported("an unhashable \(type(of: built)) where a hashable value is needed")
        }
        return hashable
    }

    private mutating func object(_ node: JSONValue, id: Int?) throws -> Any {
        let fields = node["fields"] ?? .object([])
        switch node["class"]?.string {
        case "Point":
            let point = Point(x: NSNull(), y: NSNull())
            if let id { identified[id] = point }
            point.x = try field(fields["x"]) ?? NSNull()
            point.y = try field(fields["y"]) ?? NSNull()
            return point
        case "Node":
            let built = Node()
            if let id { identified[id] = built }
            built.name = try field(fields["name"]) ?? NSNull()
            built.parent = try field(fields["parent"]) ?? NSNull()
            built.children = try field(fields["children"]) ?? [Any]()
            return built
        case "Opaque":
            let opaque = Opaque(label: NSNull())
            if let id { identified[id] = opaque }
            opaque.label = try field(fields["label"]) ?? NSNull()
            return opaque
        default:
            throw TypedDescription.Unsupported("class \(node["class"]?.serialized ?? "?")")
        }
    }

    /// The value of an object's field. A list or dict there is one Python object however often
    /// the object is written (an encoder that does not share the object writes its fields again,
    /// and cbor2 then refers back to them under value sharing), so it gets identity: a box.
    private mutating func field(_ node: JSONValue?) throws -> Any? {
        guard let node else { return nil }
        let built = try value(node)
        if built is [Any] || built is OrderedDictionary<AnyHashable, Any> {
            return CBORSharedValue(built)
        }
        return built
    }
}
