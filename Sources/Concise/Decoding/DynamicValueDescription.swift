import OrderedCollections

/// A description of a decoded value that names the type of everything in it, so two decodes
/// can be compared structurally (an `Int` and a `UInt64` of the same value differ; doubles by
/// bit pattern). The test suite and `FuzzDifferential` compare ``OnePassAnyDecoder``'s values
/// with ``DynamicDecoder``'s with it.
enum DynamicValueDescription {
    static func describe(_ value: Any) -> String {
        if type(of: value) == OrderedDictionary<AnyHashable, Any>.self, let map = value as? OrderedDictionary<AnyHashable, Any> {
            return "{" + map.map { describe($0.key.base) + ": " + describe($0.value) }.joined(separator: ", ") + "}"
        }
        if type(of: value) == [Any].self, let array = value as? [Any] {
            return "[" + array.map(describe).joined(separator: ", ") + "]"
        }
        if type(of: value) == Double.self, let double = value as? Double {
            return "Double(\(double.bitPattern))"
        }
        return "\(type(of: value))(\(String(reflecting: value)))"
    }
}
