import Glibc

extension CodableDecoder {
    /// A map's entries, found by key without building the map: text keys and integer keys
    /// (COSE style) are both accepted. An integer key matches a `CodingKey` by its `intValue`,
    /// unless the key's text is other integer text (`"01"`, `"+5"`), which matches text only:
    /// the rule by which ``CBORKeyStrategy/useIntegerKeys`` writes them.
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: CodableDecoder
        let mapIndex: Int
        var codingPath: [any CodingKey] { decoder.codingPath }
        /// The path of the values: made when a value needs a decoder of its own, so a map of
        /// plainly stored values allocates none.
        private var childPath: CodingPathNode? { decoder.pathForChildren }

        init(decoder: CodableDecoder, mapIndex: Int) {
            self.decoder = decoder
            self.mapIndex = mapIndex
        }

        /// Every key with the tape index of its value (the last one wins for repeated keys).
        private func entries() -> [(key: TapeEntry, keyIndex: Int, valueIndex: Int)] {
            let state = decoder.state
            var result: [(key: TapeEntry, keyIndex: Int, valueIndex: Int)] = []
            var keyIndex = mapIndex + 1
            for _ in 0..<state.tape[mapIndex].argument {
                let valueIndex = state.skip(keyIndex)
                result.append((state.tape[keyIndex], keyIndex, valueIndex))
                keyIndex = state.skip(valueIndex)
            }
            return result
        }

        /// Every key, in order. A key that is neither text nor an integer that fits `Int` is
        /// listed by a name that no key of the map has (``unusableKeyName(_:)``), so that
        /// `Dictionary`'s `init(from:)` fails on it, with an error that says what it is
        /// (``requiredIndex(for:)``), instead of dropping the entry.
        var allKeys: [Key] {
            entries().compactMap { entry in
                switch entry.key.kind {
                case .textString: return Key(stringValue: decoder.state.string(entry.keyIndex))
                case .unsigned:
                    if let integer = Int(exactly: entry.key.argument) { return Key(intValue: integer) }
                case .negative:
                    if entry.key.argument <= UInt64(Int.max) { return Key(intValue: -1 - Int(entry.key.argument)) }
                default:
                    break
                }
                return Key(stringValue: unusableKeyName(entry.key))
            }
        }

        /// The name ``allKeys`` gives a key that Codable cannot use: what it is and where.
        private func unusableKeyName(_ key: TapeEntry) -> String {
            let what = key.kind == .unsigned || key.kind == .negative ? "an integer beyond Int" : decoder.kindName(key)
            return "<\(what) at byte \(key.offset)>"
        }

        func contains(_ key: Key) -> Bool {
            valueIndex(for: key) != nil
        }

        /// Scans the keys on the tape: maps of records are small, and comparing a few UTF-8
        /// bytes costs less than building a dictionary for every map. Larger maps are looked up
        /// in their ``CodableMapKeyIndex``.
        private func valueIndex(for key: Key) -> Int? {
            let state = decoder.state
            let count = state.tape[mapIndex].argument
            if count > CodableMapKeyIndex.scanLimit {
                return state.keyIndex(ofMapAt: mapIndex).valueIndex(text: key.stringValue, integer: CodingKeyInteger.of(key))
            }
            let integer = CodingKeyInteger.of(key)
            var name = key.stringValue
            var found: Int?
            name.withUTF8 { wanted in
                var keyIndex = mapIndex + 1
                for _ in 0..<count {
                    let entry = state.tape[keyIndex]
                    let valueIndex = state.skip(keyIndex)
                    switch entry.kind {
                    case .textString where !entry.isIndefinite:
                        if entry.argument == UInt64(wanted.count), let base = state.bytes.baseAddress,
                            memcmp(base + entry.link, wanted.baseAddress ?? base, wanted.count) == 0
                        {
                            found = valueIndex
                        }
                    case .textString:
                        if state.stringBytes(keyIndex).elementsEqual(wanted) { found = valueIndex }
                    case .unsigned:
                        if let integer, integer >= 0, UInt64(integer) == entry.argument { found = valueIndex }
                    case .negative:
                        if let integer, integer < 0, UInt64(-1 - integer) == entry.argument { found = valueIndex }
                    default:
                        break
                    }
                    keyIndex = state.skip(valueIndex)
                }
            }
            return found
        }

        private func child(_ key: Key) throws -> CodableDecoder {
            CodableDecoder(state: decoder.state, index: try requiredIndex(for: key), path: childPath, key: key)
        }

        private func requiredIndex(for key: Key) throws -> Int {
            guard let index = valueIndex(for: key) else {
                if let unusable = entries().first(where: { unusableKeyName($0.key) == key.stringValue }) {
                    let error = CBORError(.unsupportedValue, offset: unusable.key.offset,
                                          "a map key must be text or an integer that fits Int to be decoded, not \(decoder.kindName(unusable.key))")
                    throw DecodingError.typeMismatch(String.self, DecodingError.Context(codingPath: codingPath + [key], debugDescription: error.description, underlyingError: error))
                }
                let error = CBORError(.unsupportedValue, offset: decoder.entry.offset, "no value for the key \"\(key.stringValue)\"")
                throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: error.description, underlyingError: error))
            }
            return index
        }

        /// The value of `key` when it is read as it is stored: a definite text string, an
        /// integer that fits, a double, a boolean. Anything else (tags, other widths, errors) goes
        /// through a child decoder, which knows the coding path.
        @inline(__always)
        private func plain<T>(_ key: Key, _ read: (TapeEntry, Int) -> T?, orElse decode: (CodableDecoder) throws -> T) throws -> T {
            let index = try requiredIndex(for: key)
            if let value = read(decoder.state.tape[index], index) { return value }
            return try decode(CodableDecoder(state: decoder.state, index: index, path: childPath, key: key))
        }

        func decodeNil(forKey key: Key) throws -> Bool { try child(key).isNil() }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            try plain(key, CodableDecodingState.plainBool) { try $0.decodeBool() }
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            try plain(key, { decoder.state.plainString($0, $1) }) { try $0.decodeString() }
        }

        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try plain(key, CodableDecodingState.plainDouble) { try $0.decodeDouble() }
        }

        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decodeFloat() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            try plain(key, CodableDecodingState.plainInt) { try $0.decodeInteger(type) }
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decodeInteger(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decodeInteger(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decodeInteger(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decodeInteger(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decodeInteger(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decodeInteger(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decodeInteger(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decodeInteger(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decodeInteger(type) }
        func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try child(key).decodeInteger(type) }
        func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try child(key).decodeInteger(type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let index = try requiredIndex(for: key)
            return try decodeValue(type, at: index, key)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let index = valueIndex(for: key), !decoder.state.isNil(at: index) else { return nil }
            return try decodeValue(type, at: index, key)
        }

        private func decodeValue<T: Decodable>(_ type: T.Type, at index: Int, _ key: Key) throws -> T {
            func slow() throws -> T { try CodableDecoder(state: decoder.state, index: index, path: childPath, key: key).decode(type) }
            guard let kind = CodableScalar(T.self), decoder.state.tape[index].kind != .tag else { return try slow() }
            return try decoder.state.decodePlainFirst(kind, at: index, as: T.self, orElse: slow)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        /// The decoder of the value of the key `"super"`, as `JSONDecoder` gives it; without
        /// such a key, a `valueNotFound` error at `super` (`JSONDecoder` hands out a decoder of
        /// `null`, on which every read fails the same way).
        func superDecoder() throws -> any Decoder {
            let key = CBORCodingKey(stringValue: "super")
            guard let index = Key(stringValue: "super").flatMap(valueIndex(for:)) ?? superIndex() else {
                let error = CBORError(.unsupportedValue, offset: decoder.entry.offset, "no value for the key \"super\"")
                throw DecodingError.valueNotFound(Decoder.self, DecodingError.Context(codingPath: codingPath + [key], debugDescription: error.description, underlyingError: error))
            }
            return CodableDecoder(state: decoder.state, index: index, path: childPath, key: key)
        }

        /// The value of a text key "super" when `Key` cannot spell it.
        private func superIndex() -> Int? {
            entries().first { $0.key.kind == .textString && decoder.state.string($0.keyIndex) == "super" }?.valueIndex
        }

        func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
    }

    /// An array's items in order, read straight from the tape.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: CodableDecoder
        private let childPath: CodingPathNode?
        private var position: Int
        var codingPath: [any CodingKey] { decoder.codingPath }
        let count: Int?
        private(set) var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= (count ?? 0) }

        init(decoder: CodableDecoder, arrayIndex: Int) {
            self.decoder = decoder
            self.childPath = decoder.pathForChildren
            self.position = arrayIndex + 1
            self.count = Int(decoder.state.tape[arrayIndex].argument)
        }

        /// The decoder of the next item; at the end, a `valueNotFound` error for `type`, as
        /// `JSONDecoder` reports it.
        private mutating func next(_ type: Any.Type = Any.self) throws -> CodableDecoder {
            guard !isAtEnd else {
                let items = count == 1 ? "1 item" : "\(count ?? 0) items"
                let error = CBORError(.unsupportedValue, offset: decoder.entry.offset, "the array ends after \(items): no item at index \(currentIndex)")
                throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: codingPath + [CBORCodingKey(intValue: currentIndex)], debugDescription: error.description, underlyingError: error))
            }
            let child = CodableDecoder(state: decoder.state, index: position, path: childPath, position: currentIndex)
            position = decoder.state.skip(position)
            currentIndex += 1
            return child
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else {
                _ = try next(Any?.self)
                return false
            }
            guard decoder.state.isNil(at: position) else { return false }
            _ = try next()
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type).decodeBool() }
        mutating func decode(_ type: String.Type) throws -> String { try next(type).decodeString() }
        mutating func decode(_ type: Double.Type) throws -> Double { try next(type).decodeDouble() }
        mutating func decode(_ type: Float.Type) throws -> Float { try next(type).decodeFloat() }
        mutating func decode(_ type: Int.Type) throws -> Int { try next(type).decodeInteger(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type).decodeInteger(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: Int128.Type) throws -> Int128 { try next(type).decodeInteger(type) }
        mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try next(type).decodeInteger(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).decode(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    /// One value.
    struct SingleValueContainer: SingleValueDecodingContainer {
        let decoder: CodableDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.isNil() }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
        func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
        func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
        func decode(_ type: Float.Type) throws -> Float { try decoder.decodeFloat() }
        func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(type) }
        func decode(_ type: Int128.Type) throws -> Int128 { try decoder.decodeInteger(type) }
        func decode(_ type: UInt128.Type) throws -> UInt128 { try decoder.decodeInteger(type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
    }
}
