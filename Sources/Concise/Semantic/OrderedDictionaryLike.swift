import OrderedCollections

/// Reads the entries of a decoded map (mutable or frozen) without knowing its value type.
protocol OrderedDictionaryLike {
    /// Keys and values in order, unwrapped from `AnyHashable`.
    var pairs: [(Any, Any)] { get }
}

extension OrderedDictionary: OrderedDictionaryLike {
    var pairs: [(Any, Any)] {
        elements.map { (Self.unwrap($0.key), Self.unwrap($0.value)) }
    }

    private static func unwrap(_ value: Any) -> Any {
        (value as? AnyHashable)?.base ?? value
    }
}
