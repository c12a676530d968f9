import Concise
import Foundation
import OrderedCollections

/// The contract's named hooks: Python callables cannot cross a process boundary, so cases name
/// fixed callbacks with exactly this behaviour.
public enum NamedHooks {
    /// Applies decoder options and hooks from a case's options object.
    public static func configure(_ decoder: inout CBORDecoder, from options: JSONValue) throws {
        guard case .object(let members) = options else { throw TypedDescription.Malformed("options must be an object") }
        for (key, value) in members {
            switch key {
            case "immutable": decoder.immutable = try InvalidOption.flag(value, key)
            // Not in the contract: the backend, so the hostile suite can run both.
            case "backend":
                switch value.string {
                case "libcbor": decoder.backend = .libcbor
                case "native": decoder.backend = .native
                default: throw TypedDescription.Malformed("backend")
                }
            case "max_depth":
                let depth = try InvalidOption.integer(value, key)
                // cbor2 takes max_depth as an unsigned C integer: a negative one is an OverflowError.
                guard depth >= 0 else { throw InvalidOption(key, "must not be negative") }
                decoder.maxDepth = depth
            case "allow_indefinite": decoder.allowsIndefiniteLength = try InvalidOption.flag(value, key)
            case "allow_duplicate_keys": decoder.allowsDuplicateKeys = try InvalidOption.flag(value, key)
            case "strict_hashable_types": decoder.strictHashableTypes = try InvalidOption.flag(value, key)
            case "str_errors": decoder.stringErrors = try stringErrors(try InvalidOption.name(value, key))
            case "tag_hook": decoder.tagHook = try tagHook(named: try InvalidOption.name(value, key))
            case "object_hook": decoder.objectHook = try objectHook(named: try InvalidOption.name(value, key))
            case "semantic_decoders":
                guard case .object(let entries) = value else { throw TypedDescription.Malformed("semantic_decoders") }
                for (tag, name) in entries {
                    guard let number = UInt64(tag) else { throw TypedDescription.Malformed("tag \(tag)") }
                    decoder.semanticDecoders[number] = try semanticDecoder(named: try InvalidOption.name(name, key))
                }
            default: throw TypedDescription.Unsupported("decode option \(key)")
            }
        }
    }

    /// Applies encoder options and hooks from a case's options object.
    public static func configure(_ encoder: inout CBOREncoder, from options: JSONValue) throws {
        guard case .object(let members) = options else { throw TypedDescription.Malformed("options must be an object") }
        for (key, value) in members {
            switch key {
            case "canonical": encoder.canonical = try InvalidOption.flag(value, key)
            case "value_sharing": encoder.valueSharing = try InvalidOption.flag(value, key)
            case "string_referencing": encoder.stringReferencing = try InvalidOption.flag(value, key)
            case "datetime_as_timestamp": encoder.datetimeAsTimestamp = try InvalidOption.flag(value, key)
            case "date_as_datetime": encoder.dateAsDatetime = try InvalidOption.flag(value, key)
            case "indefinite_containers": encoder.indefiniteContainers = try InvalidOption.flag(value, key)
            case "timezone": encoder.timeZoneOffset = try value == .null ? nil : InvalidOption.integer(value, key)
            case "default":
                guard value.string == "opaque_50000" else { throw TypedDescription.Unsupported("default \(value.serialized)") }
                encoder.defaultEncoder = { writer, value in
                    guard let opaque = value as? Opaque else {
                        throw CBORError(.noEncoderForType, "cannot serialize type \(type(of: value))")
                    }
                    try writer.encodeSemantic(tag: 50000, ["Opaque", opaque.label] as [Any])
                }
            case "encoders":
                guard case .object(let entries) = value else { throw TypedDescription.Malformed("encoders") }
                for (type, name) in entries {
                    try register(try InvalidOption.name(name, key), for: type, in: &encoder)
                }
            default: throw TypedDescription.Unsupported("encode option \(key)")
            }
        }
    }

    private static func stringErrors(_ name: String) throws -> CBORStringErrors {
        switch name {
        case "strict": return .strict
        case "replace": return .replace
        case "ignore": return .ignore
        case "backslashreplace": return .backslashReplace
        // cbor2 takes it; a Swift String cannot hold lone surrogates.
        case "surrogateescape": throw TypedDescription.Unsupported("str_errors \(name)")
        default: throw InvalidOption("str_errors", "\(name) is not one of cbor2's (ValueError)")
        }
    }

    /// What Python's iteration of `value` gives (`Point(*value)`, `set(value)`): the items of a
    /// list or tuple, the keys of a dict, the members of a set, the characters of text, the
    /// integers of bytes; `nil` when Python cannot iterate it. A set's members come in CPython's
    /// order where that can be told (``PythonSetOrder``).
    static func pythonItems(_ value: Any) -> [Any]? {
        switch value {
        case let items as [Any] where type(of: value) == [Any].self: return items
        case let items as [AnyHashable] where type(of: value) == [AnyHashable].self: return items.map(\.base)
        case let bytes as [UInt8] where type(of: value) == [UInt8].self: return bytes.map { Int($0) }
        case let text as String: return text.unicodeScalars.map { String($0) }
        case let map as OrderedDictionary<AnyHashable, Any>: return map.keys.map(\.base)
        case let map as OrderedDictionary<AnyHashable, AnyHashable>: return map.keys.map(\.base)
        case let set as Set<AnyHashable> where type(of: value) == Set<AnyHashable>.self: return PythonSetOrder.members(of: set)
        case let set as CBORFrozenSet: return PythonSetOrder.members(of: set.members)
        default: return nil
        }
    }

    /// `[…]` as an array, frozen (hashable) when `immutable`.
    static func list(_ items: [Any], immutable: Bool) throws -> Any {
        guard immutable else { return items }
        return try items.map { item -> AnyHashable in
            guard let hashable = item as? AnyHashable else { throw CBORError(.unsupportedValue, "unhashable \(type(of: item))") }
            return hashable
        }
    }

    static func frozen(_ map: OrderedDictionary<AnyHashable, Any>) throws -> OrderedDictionary<AnyHashable, AnyHashable> {
        var result = OrderedDictionary<AnyHashable, AnyHashable>()
        for (key, value) in map {
            guard let hashable = value as? AnyHashable else { throw CBORError(.unsupportedValue, "unhashable \(type(of: value))") }
            result[key] = hashable
        }
        return result
    }

    private static func tagHook(named name: String) throws -> @Sendable (CBORTag, Bool) throws -> Any {
        guard name == "tag_to_array" else { throw TypedDescription.Unsupported("tag_hook \(name)") }
        return { tag, immutable in try list(["tag", Int(exactly: tag.tag) ?? tag.tag, tag.value.base, immutable], immutable: immutable) }
    }

    private static func objectHook(named name: String) throws -> @Sendable (OrderedDictionary<AnyHashable, Any>, Bool) throws -> Any {
        switch name {
        case "map_to_array":
            return { map, immutable in
                try list(["map", immutable, immutable ? try frozen(map) : map], immutable: immutable)
            }
        case "point_object":
            return { map, immutable in
                if map["typename"] as? String == "Point" {
                    return Point(x: map["x"] ?? NSNull(), y: map["y"] ?? NSNull())
                }
                return immutable ? try frozen(map) : map
            }
        default:
            throw TypedDescription.Unsupported("object_hook \(name)")
        }
    }

    private static func semanticDecoder(named name: String) throws -> CBORSemanticDecoder {
        switch name {
        case "epoch_to_array":
            return .value { value, immutable in try list(["epoch", value, immutable], immutable: immutable) }
        case "set_immutable_aware":
            return .value { items, immutable in
                guard let array = pythonItems(items) else {
                    throw CBORError(.invalidTagContent, "\(type(of: items)) is not iterable")
                }
                // Python's set() hashes every member.
                var memo = PythonHashability.Memo()
                if let reason = array.lazy.compactMap({ unhashableReason($0, memo: &memo) }).first {
                    throw CBORError(.unsupportedValue, reason)
                }
                // It keeps the first of the members it holds equal (a shared tuple and a plain one).
                let frozen = try list(array, immutable: true) as? [AnyHashable] ?? []
                let members = Set(try PythonEquality().distinct(frozen))
                return immutable ? CBORFrozenSet(members) as Any : members
            }
        case "point_4000":
            return .value { content, _ in
                guard let items = pythonItems(content), items.count == 2 else {
                    throw CBORError(.invalidTagContent, "tag 4000 must hold two items to unpack as x, y")
                }
                return Point(x: items[0], y: items[1])
            }
        case "node_80000":
            return .shareable { _ in
                let node = Node()
                return (node, { content in
                    // Python's state["name"]: a KeyError for a missing key.
                    node.name = try field("name", of: content)
                    node.parent = try field("parent", of: content)
                    node.children = try field("children", of: content)
                    return node
                })
            }
        default:
            throw TypedDescription.Unsupported("semantic decoder \(name)")
        }
    }

    /// Why Python's `hash()` refuses a member of the hook's own set: what
    /// ``PythonHashability`` refuses, and a mutable set this hook made (`set` is unhashable).
    /// Members are decoded with the caller's `immutable` flag, so a set inside a set is mutable
    /// unless the caller asked for frozen values. Elsewhere a mutable set reaches a map key or a
    /// set member only through a shared box, which ``PythonHashability`` refuses already.
    static func unhashableReason(_ value: Any, memo: inout PythonHashability.Memo) -> String? {
        if type(of: value) == Set<AnyHashable>.self { return "unhashable type: 'set'" }
        return PythonHashability.unhashableReason(value, memo: &memo)
    }

    /// `state[key]` for the content of tag 80000: a dict or frozendict (or a shared box of
    /// one) that holds `key`; Python raises a TypeError or KeyError for anything else.
    static func field(_ key: String, of state: Any) throws -> Any {
        if type(of: state) == CBORSharedValue.self, let box = state as? CBORSharedValue {
            return try field(key, of: box.value)
        }
        let found: Any?
        switch state {
        case let map as OrderedDictionary<AnyHashable, Any>: found = map[key]
        case let map as OrderedDictionary<AnyHashable, AnyHashable>: found = map[key].map(\.base)
        default: throw CBORError(.invalidTagContent, "tag 80000 must hold a map, not \(type(of: state))")
        }
        guard let value = found else { throw CBORError(.invalidTagContent, "tag 80000 has no key '\(key)'") }
        return value
    }

    private static func register(_ name: String, for type: String, in encoder: inout CBOREncoder) throws {
        switch (type, name) {
        case ("Point", "point_4000"):
            encoder.register(Point.self) { writer, point in try writer.encodeSemantic(tag: 4000, [point.x, point.y] as [Any]) }
        case ("Point", "point_as_map"):
            encoder.register(Point.self) { writer, point in
                try writer.encode(["typename": "Point", "x": point.x, "y": point.y] as OrderedDictionary<AnyHashable, Any>)
            }
        case ("Node", "node_80000_shareable"):
            encoder.register(Node.self, sharing: .shareable) { writer, node in try writer.encodeSemantic(tag: 80000, state(of: node)) }
        case ("Node", "node_80000_plain"):
            encoder.register(Node.self) { writer, node in try writer.encodeSemantic(tag: 80000, state(of: node)) }
        case ("text", "text_upper"):
            encoder.register(String.self) { writer, text in writer.encodeString(text.uppercased()) }
        default:
            throw TypedDescription.Unsupported("encoder \(name) for \(type)")
        }
    }

    private static func state(of node: Node) -> OrderedDictionary<AnyHashable, Any> {
        ["name": node.name, "parent": node.parent, "children": node.children]
    }
}
