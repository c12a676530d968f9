import Concise

extension ConcreteValue {
    /// Rebuilds a value from its compact CBOR form (see ``cbor()``).
    ///
    /// - Throws: ``ConcreteJSONError`` (`.invalidCBOR`) for items the format has no place for
    ///   (byte strings outside typed arrays, undefined, other tags), and the errors of
    ///   ``ConcreteJSONDecoder`` for tagged objects that do not hold their type.
    public init(cbor: CBOR) throws {
        do {
            self = try CBORToConcrete(options: ConcreteJSONDecoder()).value(cbor)
        } catch let located as LocatedConcreteError {
            throw located.error
        }
    }

    /// Decodes compact CBOR bytes into a value.
    ///
    /// - Throws: ``ConcreteJSONError`` (`.invalidCBOR` with the byte offset) for malformed CBOR,
    ///   and the errors of ``init(cbor:)``, with the byte offset of the item they are about.
    public init(decodingCBOR bytes: [UInt8], options: ConcreteJSONDecoder = ConcreteJSONDecoder()) throws {
        let item: CBOR
        do {
            // What ``cbor()`` writes for a value `maxDepth` deep: a set or tagged object takes
            // two levels of CBOR (tag 258 or a map, and the array or value inside), an array
            // three at the leaf (tag 40, its array, the typed array).
            var decoder = CBORDecoder()
            decoder.maxDepth = min(2 * max(options.maxDepth, 0) + 4, CBORDecoder.maxDepthCeiling)
            item = try decoder.decodeValue(from: bytes)
        } catch {
            throw ConcreteJSONError(.invalidCBOR, error.message, offset: error.offset)
        }
        do {
            self = try CBORToConcrete(options: options).value(item)
        } catch let located as LocatedConcreteError {
            throw located.error.located(at: CBORItemPath.offset(of: located.reversedPath.reversed(), in: bytes))
        } catch let error as ConcreteJSONError {
            // About the root item itself.
            throw error.located(at: 0)
        }
    }
}

/// An error about the item at a path below the root, found out where it lies in the bytes only
/// once thrown: converting a value costs nothing more for it.
struct LocatedConcreteError: Error {
    /// The error, without a position.
    var error: ConcreteJSONError
    /// The item's path (``CBORItemPath``), innermost position first.
    var reversedPath: [Int]
}

/// The reverse of ``ConcreteValue/cbor()``.
struct CBORToConcrete {
    let options: ConcreteJSONDecoder

    func value(_ item: CBOR) throws -> ConcreteValue {
        switch item {
        case .unsigned(let value): return .integer(value)
        case .negative(let value):
            if value <= UInt64(Int64.max) { return .int(-1 - Int64(value)) }
            return .bigInt(CBORBigInt(isNegative: true, magnitude: incremented(CBORBigInt(value).magnitude)))
        case .boolean(let flag): return .bool(flag)
        case .null: return .null
        case .half(let half): return .float(Double(half))
        case .float(let single): return .float(Double(single))
        case .double(let double): return .float(double)
        case .textString(let string): return .string(string)
        case .array(let items):
            var list: [ConcreteValue] = []
            list.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                list.append(try child(index, item))
            }
            return .list(list)
        case .map(let map): return try self.map(map)
        case .tagged(let tag, let content): return try tagged(tag, content)
        case .byteString: throw unsupported("a byte string outside a typed array")
        case .undefined: throw unsupported("undefined")
        case .simple(let simple): throw unsupported("simple value \(simple)")
        }
    }

    /// ``value(_:)`` of the child at `position` of the item being converted (an array's
    /// element, a map's key `2k` or value `2k + 1`, a tag's content 0): its errors carry the
    /// position in their path.
    private func child(_ position: Int, _ item: CBOR) throws -> ConcreteValue {
        do {
            return try value(item)
        } catch var located as LocatedConcreteError {
            located.reversedPath.append(position)
            throw located
        } catch let error as ConcreteJSONError {
            throw LocatedConcreteError(error: error, reversedPath: [position])
        }
    }

    private func tagged(_ tag: UInt64, _ content: CBOR) throws -> ConcreteValue {
        switch tag {
        case 2, 3:
            guard case .byteString(let bytes) = content else { throw unsupported("bignum tag \(tag) over a non-byte string") }
            let magnitude = CBORBigInt(isNegative: false, magnitude: bytes)
            let value = tag == 2 ? magnitude : CBORBigInt(isNegative: true, magnitude: incremented(magnitude.magnitude))
            // Python's json writes an integer as decimal text, and refuses more than its digit
            // limit (the conversion takes time that grows with the square of the length).
            guard value.description(digitLimit: CBORBigInt.pythonDigitLimit) != nil else {
                throw ConcreteJSONError(
                    .numberOutOfRange,
                    "a bignum of \(bytes.count) bytes has more than Python's limit of \(CBORBigInt.pythonDigitLimit) digits")
            }
            return .integer(value)
        case TypedArrayTag.set:
            guard case .array(let items) = content else { throw unsupported("tag 258 over a non-array") }
            // The set's elements are the items of its array, the tag's content.
            do {
                var elements: [ConcreteValue] = []
                elements.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    elements.append(try child(index, item))
                }
                return .set(elements)
            } catch var located as LocatedConcreteError {
                located.reversedPath.append(0)
                throw located
            }
        case TypedArrayTag.multiDimensionalArray:
            guard case .array(let parts) = content, parts.count == 2, case .array(let dimensions) = parts[0],
                case .tagged(let elementTag, .byteString(let bytes)) = parts[1]
            else { throw unsupported("tag 40 that is not [shape, typed array]") }
            var shape: [Int] = []
            for dimension in dimensions {
                guard case .unsigned(let size) = dimension, let size = Int(exactly: size) else {
                    throw unsupported("tag 40 dimension that is not an unsigned integer")
                }
                shape.append(size)
            }
            return .array(try NDArray(storage: try storage(elementTag, bytes), shape: shape))
        default:
            guard case .byteString(let bytes) = content, TypedArrayTag.dtype(for: tag) != nil else {
                throw unsupported("tag \(tag)")
            }
            let scalar = try NDArray(storage: try storage(tag, bytes), shape: [])
            return .numpyScalar(scalar)
        }
    }

    private func storage(_ tag: UInt64, _ bytes: [UInt8]) throws -> NDArray.Storage {
        guard let dtype = TypedArrayTag.dtype(for: tag) else { throw unsupported("typed-array tag \(tag)") }
        guard let storage = NDArray.Storage(dtype: dtype, littleEndianBytes: bytes) else {
            throw ConcreteJSONError(.invalidCBOR, "typed array of \(bytes.count) bytes does not hold whole \(dtype.rawValue) elements")
        }
        return storage
    }

    private func map(_ map: CBORMap) throws -> ConcreteValue {
        var textEntries: [(key: String, value: ConcreteValue)] = []
        var allText = true
        for (key, _) in map.entries {
            if case .textString = key { continue }
            allText = false
        }
        if allText {
            textEntries.reserveCapacity(map.count)
            var keys = TextKeyPositions()
            for (index, (key, item)) in map.entries.enumerated() {
                if case .textString(let text) = key {
                    if options.rejectsDuplicateKeys,
                        keys.earlierPosition(of: text, amongFirst: textEntries.count, of: textEntries) != nil
                    {
                        throw LocatedConcreteError(
                            error: ConcreteJSONError(.duplicateKey, "duplicate key \"\(text)\""), reversedPath: [2 &* index])
                    }
                    textEntries.append((text, try child(2 &* index &+ 1, item)))
                }
            }
            return try TaggedObjects(options: options).value(entries: textEntries)
        }
        var object = ConcreteObject()
        for (index, (key, item)) in map.entries.enumerated() {
            let concreteKey: ConcreteKey
            do {
                concreteKey = try self.key(key, at: 2 &* index)
            } catch let error as ConcreteJSONError {
                throw LocatedConcreteError(error: error, reversedPath: [2 &* index])
            }
            object.entries.append(ConcreteObject.Entry(key: concreteKey, value: try child(2 &* index &+ 1, item)))
        }
        return .dict(object)
    }

    /// A key of a map whose keys are not all text, the map's child at `position`.
    private func key(_ key: CBOR, at position: Int) throws -> ConcreteKey {
        switch key {
        case .textString(let text): return .string(text)
        case .unsigned(let raw):
            guard let integer = Int64(exactly: raw) else { throw unsupported("integer map key beyond 64 bits") }
            return .int(integer)
        case .negative(let raw):
            guard raw <= UInt64(Int64.max) else { throw unsupported("integer map key beyond 64 bits") }
            return .int(-1 - Int64(raw))
        case .half(let half): return .float(Double(half))
        case .float(let single): return .float(Double(single))
        case .double(let double): return .float(double)
        case .boolean(let flag): return .bool(flag)
        case .null: return .null
        case .tagged(2, _), .tagged(3, _):
            guard case .bigInt(let big) = try child(position, key) else { throw unsupported("a bignum key inside the 64-bit range") }
            return .bigInt(big)
        default: throw unsupported("a map key that Python's json cannot write")
        }
    }

    /// `n + 1` for a big-endian magnitude `n` (tag 3 and major type 1 hold `-1 - value`).
    private func incremented(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for index in result.indices.reversed() {
            if result[index] < 0xff {
                result[index] += 1
                return result
            }
            result[index] = 0
        }
        return [1] + result
    }

    private func unsupported(_ what: String) -> ConcreteJSONError {
        ConcreteJSONError(.invalidCBOR, "\(what) has no place in Concrete ML's JSON format")
    }
}
