import Concise

extension ConcreteValue {
    /// The compact CBOR form of the value, from which ``init(cbor:)`` rebuilds it exactly, so
    /// that JSON → CBOR → JSON gives back the same text.
    ///
    /// | Concrete JSON | CBOR |
    /// | --- | --- |
    /// | `null`, `true`, `false`, strings, lists | the same major types |
    /// | integers | major types 0/1, or bignum tags 2/3 beyond 64 bits |
    /// | floats | the shortest float width that holds the value exactly |
    /// | objects | maps with text keys in order (other Python key types keep their type) |
    /// | `numpy_array` | tag 40 `[shape, typed array]` (RFC 8746), little-endian tags 64–86; `bool` as tag 68 |
    /// | `numpy_integer`, `numpy_float` | the dtype's typed-array tag over one element, without tag 40 |
    /// | `set` | tag 258 over the elements in Python's sorted order |
    /// | every other tagged object | a map `{"type_name": …, "serialized_value": …}` as in JSON |
    ///
    /// - Throws: ``ConcreteJSONError`` when a set cannot be sorted or nesting is deeper than
    ///   512 levels.
    public func cbor() throws -> CBOR {
        try cbor(depth: 0)
    }

    private func cbor(depth: Int) throws -> CBOR {
        guard depth <= ConcreteJSONEncoder().maxDepth else {
            throw ConcreteJSONError(.depthLimitExceeded, "nesting deeper than \(ConcreteJSONEncoder().maxDepth) levels")
        }
        switch self {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .int(let integer): return CBOR(integer)
        case .bigInt(let big): return Self.bignum(big)
        case .float(let double): return Self.shortestFloat(double)
        case .string(let string): return .textString(string)
        case .list(let items): return .array(try items.map { try $0.cbor(depth: depth + 1) })
        case .dict(let object): return .map(try Self.map(object, depth: depth + 1))
        case .set(let items):
            return .tagged(TypedArrayTag.set, .array(try PythonOrdering.sortedSet(items).map { try $0.cbor(depth: depth + 1) }))
        case .numpyScalar(let scalar): return Self.typedArray(scalar)
        case .array(let array):
            let shape = CBOR.array(array.shape.map { CBOR(Int64($0)) })
            return .tagged(TypedArrayTag.multiDimensionalArray, .array([shape, Self.typedArray(array)]))
        case .tuple(let items): return try Self.tagged("tuple", .list(items), depth: depth + 1)
        case .randomState(let state): return try Self.tagged("RandomState", state.tupleValue, depth: depth + 1)
        case .inspectEmpty: return try Self.tagged("inspect_empty", .string("inspect._empty"), depth: depth + 1)
        case .exactness(let text): return try Self.tagged("Exactness", .string(text), depth: depth + 1)
        case .opaque(let name, let hex): return try Self.tagged(name, .string(hex), depth: depth + 1)
        case .torchDevice(let device): return try Self.tagged("torch_device", .string(device), depth: depth + 1)
        case .validSplit(let attributes): return try Self.tagged("valid_split", .dict(attributes), depth: depth + 1)
        case .object(let name, let value): return try Self.tagged(name, value, depth: depth + 1)
        }
    }

    /// The compact CBOR bytes of the value (see ``cbor()``).
    ///
    /// - Throws: ``ConcreteJSONError`` when a set cannot be sorted or encoding fails.
    public func encodedCBOR() throws -> [UInt8] {
        do {
            return try cbor().encoded()
        } catch let error as CBORError {
            throw ConcreteJSONError(.invalidCBOR, error.message)
        }
    }

    private static func tagged(_ name: String, _ value: ConcreteValue, depth: Int) throws -> CBOR {
        .map(CBORMap([(.textString("type_name"), .textString(name)), (.textString("serialized_value"), try value.cbor(depth: depth))]))
    }

    private static func map(_ object: ConcreteObject, depth: Int) throws -> CBORMap {
        var entries: [(key: CBOR, value: CBOR)] = []
        entries.reserveCapacity(object.count)
        for entry in object.entries {
            let key: CBOR =
                switch entry.key {
                case .string(let string): .textString(string)
                case .int(let integer): CBOR(integer)
                case .bigInt(let big): bignum(big)
                case .float(let double): shortestFloat(double)
                case .bool(let flag): .boolean(flag)
                case .null: .null
                }
            entries.append((key, try entry.value.cbor(depth: depth)))
        }
        return CBORMap(entries)
    }

    private static func typedArray(_ array: NDArray) -> CBOR {
        .tagged(TypedArrayTag.tag(for: array.dtype), .byteString(array.storage.littleEndianBytes))
    }

    static func shortestFloat(_ double: Double) -> CBOR {
        if double.isNaN { return .half(.nan) }
        let half = Float16(double)
        if Double(half) == double { return .half(half) }
        let single = Float(double)
        if Double(single) == double { return .float(single) }
        return .double(double)
    }

    /// An integer beyond `Int64`: major type 0 or 1 while its argument fits 64 bits, else tag 2
    /// over the magnitude, or tag 3 over `-1 - n` for negative `n` (RFC 8949 §3.4.3).
    private static func bignum(_ big: CBORBigInt) -> CBOR {
        guard big.isNegative else {
            if let unsigned = big.exactly(UInt64.self) { return .unsigned(unsigned) }
            return .tagged(2, .byteString(big.magnitude))
        }
        var bytes = big.magnitude
        var index = bytes.count - 1
        while index >= 0 {  // magnitude - 1; the magnitude is above 2^63, never zero
            if bytes[index] > 0 {
                bytes[index] -= 1
                break
            }
            bytes[index] = 0xff
            index -= 1
        }
        let argument = Array(bytes.drop(while: { $0 == 0 }))
        if argument.count <= 8 { return .negative(argument.reduce(0) { $0 << 8 | UInt64($1) }) }
        return .tagged(3, .byteString(argument))
    }
}
