import OrderedCollections

/// The values a frozen container of the `Any` model holds, for the walks that keep their own
/// stack instead of recursing (``PythonEquality``, ``HashedByteStrings``): a frozen array's
/// items, a frozen map's keys and values, a frozen set's members, a tag's value.
enum FrozenContents {
    /// Appends what `value` holds to `pending` when it is a frozen array, map or set or a tag;
    /// does nothing for anything else.
    @inline(__always)
    static func append(contentsOf value: Any, to pending: inout [Any]) {
        let type = type(of: value)
        if type == [AnyHashable].self, let items = value as? [AnyHashable] {
            pending.append(contentsOf: items.lazy.map(\.base))
        } else if type == OrderedDictionary<AnyHashable, AnyHashable>.self,
                  let map = value as? OrderedDictionary<AnyHashable, AnyHashable> {
            for (key, value) in map {
                pending.append(key.base)
                pending.append(value.base)
            }
        } else if type == CBORFrozenSet.self, let set = value as? CBORFrozenSet {
            pending.append(contentsOf: set.lazy.map(\.base))
        } else if type == CBORTag.self, let tag = value as? CBORTag {
            pending.append(tag.value.base)
        }
    }
}
