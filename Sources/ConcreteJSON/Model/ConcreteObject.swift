/// The entries of a Python `dict` in insertion order, as `ConcreteEncoder` writes them.
///
/// Lookups by key scan the entries: Concrete ML's dictionaries are small, and keeping a single
/// array keeps order and memory simple.
public struct ConcreteObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One key and its value.
    public struct Entry: Sendable, Equatable {
        /// The key.
        public var key: ConcreteKey
        /// The value.
        public var value: ConcreteValue

        /// Creates an entry.
        public init(key: ConcreteKey, value: ConcreteValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries, in insertion order.
    public var entries: [Entry]

    /// Creates a dictionary from entries in order.
    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// Creates a dictionary from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (ConcreteKey, ConcreteValue)...) {
        entries = elements.map { Entry(key: $0.0, value: $0.1) }
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// The value of the `str` key `key`, or `nil`. Setting a key that exists replaces its
    /// value in place (as Python's `d[k] = v` does); a new key is appended; `nil` removes it.
    public subscript(key: String) -> ConcreteValue? {
        get { self[.string(key)] }
        set { self[.string(key)] = newValue }
    }

    /// The value of `key`, or `nil`; setting follows Python's `dict` (see the `String` subscript).
    public subscript(key: ConcreteKey) -> ConcreteValue? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            let index = entries.firstIndex(where: { $0.key == key })
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append(Entry(key: key, value: value))
            case (nil, nil): break
            }
        }
    }
}
