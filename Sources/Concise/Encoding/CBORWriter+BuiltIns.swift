import Foundation
import OrderedCollections

extension CBORWriter {
    /// Writes a value of a built-in type; returns `false` when the type is not one of them.
    /// The table of types is in the documentation (Types.md); tag types come from
    /// ``BuiltInSemantics/encoders``. `exactTypesTried`: the caller found it none of the types
    /// of ``encodeCommonValue(_:)`` and ``encodeByExactType(_:)`` already.
    func encodeBuiltIn(_ value: Any, exactTypesTried: Bool) throws -> Bool {
        // The commonest types first, by exact type (the containers the decoder makes among
        // them): each failing cast below goes through the runtime's cast machinery.
        if !exactTypesTried {
            if try encodeCommonValue(value) {
                return true
            }
            if try encodeByExactType(value) {
                return true
            }
        }
        // Class casts only for class instances: on Linux, casting an array to a class bridges
        // it to NSArray, element by element, which made nested arrays quadratic.
        if type(of: value) is AnyClass {
            if value is NSNull {
                output.writeByte(0xf6)
                return true
            }
            if let shared = value as? CBORSharedValue {
                try encodeSharedValue(shared)
                return true
            }
        }
        switch value {
        case let value as CBOR: try encode(value)
        case let value as Bool: output.writeByte(value ? 0xf5 : 0xf4)
        case let value as Int: encodeInteger(value)
        case let value as String: encodeString(value)
        case let value as Double: encodeFloat(value)
        // Exact type: an empty `[Any]` also casts to `[UInt8]`, but it is an empty array.
        case let bytes as [UInt8] where type(of: value) == [UInt8].self: encodeBytes(bytes)
        case let value as Data: encodeBytes([UInt8](value))
        case let value as Int8: encodeInteger(value)
        case let value as Int16: encodeInteger(value)
        case let value as Int32: encodeInteger(value)
        case let value as Int64: encodeInteger(value)
        case let value as UInt: encodeInteger(value)
        case let value as UInt8: encodeInteger(value)
        case let value as UInt16: encodeInteger(value)
        case let value as UInt32: encodeInteger(value)
        case let value as UInt64: encodeInteger(value)
        case let value as Int128: encodeInteger(value)
        case let value as UInt128: encodeInteger(value)
        case let value as Float: encodeFloat(value)
        case let value as Float16: encodeFloat(value)
        case let value as Substring: encodeString(String(value))
        case let value as CBORBigInt: encodeBigInt(value)
        case is CBORUndefined: output.writeByte(0xf7)
        case let value as CBORSimpleValue: output.writeHead(major: 7, argument: UInt64(value.rawValue))
        case let value as OrderedDictionary<AnyHashable, Any>:
            try encodeOrderedMap(value)
        case let value as OrderedDictionary<AnyHashable, AnyHashable>:
            try encodeMap(value.elements.map { ($0.key.base, $0.value.base) }, sorted: false)
        default:
            return try encodeBuiltInCollection(value)
        }
        return true
    }

    /// The commonest scalars, ``CBOR``, and the array, map and set types the decoder makes,
    /// found by their exact dynamic type before ``encodeBuiltIn(_:exactTypesTried:)``'s `case let … as` chain,
    /// which tries the types in turn: a failing cast (bridging checks, conformance lookups)
    /// costs more than writing the value.
    func encodeCommonValue(_ value: Any) throws -> Bool {
        // Passing the `Any` to a generic parameter opens it: the value is read where it is,
        // with one look at its dynamic type; even a cast that succeeds, such as `as? Double`,
        // goes through the runtime's general cast machinery, which costs about three times as
        // much per value.
        try encodeCommonValue(opened: value)
    }

    /// ``encodeCommonValue(_:)`` on the opened value. Each bit cast happens only once the types
    /// are known to be the same.
    private func encodeCommonValue<Value>(opened value: Value) throws -> Bool {
        if encodeScalar(opened: value) {
            return true
        } else if Value.self == CBOR.self {
            try encode(unsafeBitCast(value, to: CBOR.self))
        } else if Value.self == [Any].self {
            try encodeArray(unsafeBitCast(value, to: [Any].self))
        } else if Value.self == OrderedDictionary<AnyHashable, Any>.self {
            try encodeOrderedMap(unsafeBitCast(value, to: OrderedDictionary<AnyHashable, Any>.self))
        } else if Value.self == [String: Any].self {
            try encodeTextKeyedMap(unsafeBitCast(value, to: [String: Any].self))
        } else if Value.self == [Int: Any].self {
            try encodeIntegerKeyedMap(unsafeBitCast(value, to: [Int: Any].self))
        } else if Value.self == [AnyHashable: Any].self {
            try encodeHashableKeyedMap(unsafeBitCast(value, to: [AnyHashable: Any].self))
        } else if Value.self == Set<AnyHashable>.self {
            try encodeSet(unsafeBitCast(value, to: Set<AnyHashable>.self).map(\.base))
        } else {
            // Last: the containers above met them first (18.23M instructions against 17.90M
            // for the records' encode).
            return encodeOtherNumber(opened: value)
        }
        return true
    }

    /// Writes `value` when it is an integer of a standard type other than `Int` (up to 64 bits),
    /// a `Float` or a `Float16`; whether it was one. By exact type: found by
    /// `encodeBuiltIn(_:exactTypesTried:)`'s chain of casts, a `Float` came after eighteen failing casts and a
    /// conformance look-up, about 8 000 instructions where writing it takes 20.
    @inline(__always)
    func encodeOtherNumber<Value>(opened value: Value) -> Bool {
        if Value.self == Int64.self {
            encodeInteger(unsafeBitCast(value, to: Int64.self))
        } else if Value.self == UInt64.self {
            encodeInteger(unsafeBitCast(value, to: UInt64.self))
        } else if Value.self == Float.self {
            encodeFloat(unsafeBitCast(value, to: Float.self))
        } else if Value.self == Int32.self {
            encodeInteger(unsafeBitCast(value, to: Int32.self))
        } else if Value.self == UInt32.self {
            encodeInteger(unsafeBitCast(value, to: UInt32.self))
        } else if Value.self == Int16.self {
            encodeInteger(unsafeBitCast(value, to: Int16.self))
        } else if Value.self == UInt16.self {
            encodeInteger(unsafeBitCast(value, to: UInt16.self))
        } else if Value.self == Int8.self {
            encodeInteger(unsafeBitCast(value, to: Int8.self))
        } else if Value.self == UInt8.self {
            encodeInteger(unsafeBitCast(value, to: UInt8.self))
        } else if Value.self == UInt.self {
            encodeInteger(unsafeBitCast(value, to: UInt.self))
        } else if Value.self == Float16.self {
            encodeFloat(unsafeBitCast(value, to: Float16.self))
        } else {
            return false
        }
        return true
    }

    /// Writes `value` when it is a `Double`, `Int`, `String` or `Bool`, the commonest items of
    /// arrays and values of maps; whether it was one. The loops of containers call it before
    /// ``encode(_:)`` where that would write the same bytes (no registered encoder, the item
    /// within the depth limit): the item is then written without `encode(_:)`'s depth count
    /// and checks. Call it with an `Any`, which opens it.
    @inline(__always)
    func encodeScalar<Value>(opened value: Value) -> Bool {
        if Value.self == Double.self {
            encodeDoubleItem(unsafeBitCast(value, to: Double.self))
        } else if Value.self == Int.self {
            encodeInteger(unsafeBitCast(value, to: Int.self))
        } else if Value.self == String.self {
            encodeString(unsafeBitCast(value, to: String.self))
        } else if Value.self == Bool.self {
            output.writeByte(unsafeBitCast(value, to: Bool.self) ? 0xf5 : 0xf4)
        } else {
            return false
        }
        return true
    }

    /// Writes the element at `item` of a Swift collection whose elements are of `kind`
    /// (``ElementKind``), read where it lies: as ``encodeScalar(opened:)`` writes a `Double`,
    /// `Int`, `String` or `Bool` where `quick` (``writesScalarsInPlace``) allows, an `Any` as
    /// ``encodeItem(at:quick:)`` does, anything else boxed as its own dynamic type
    /// (``boxed(_:)``) through ``encodeItem(_:quick:)``: the bytes its bridged `[Any]` or
    /// `[String: Any]` gives.
    @inline(__always)
    func encodeElement<Element>(at item: UnsafePointer<Element>, kind: ElementKind, quick: Bool) throws {
        let raw = UnsafeRawPointer(item)
        switch kind {
        case .any:
            try encodeItem(at: raw.assumingMemoryBound(to: Any.self), quick: quick)
        case .double where quick:
            encodeDoubleItem(raw.load(as: Double.self))
        case .int where quick:
            encodeInteger(raw.load(as: Int.self))
        case .string where quick:
            encodeString(raw.assumingMemoryBound(to: String.self).pointee)
        case .bool where quick:
            output.writeByte(raw.load(as: Bool.self) ? 0xf5 : 0xf4)
        case .number where quick:
            if !encodeOtherNumber(opened: item.pointee) {
                // An `Int128` or a `UInt128`, from the chain of casts.
                try encodeItem(Self.boxed(item.pointee), quick: quick)
            }
        default:
            try encodeItem(Self.boxed(item.pointee), quick: quick)
        }
    }

    /// Writes a `Double` item: the commonest double, finite and not made shorter, here; the
    /// rest as ``encodeFloat(_:)`` writes them.
    @inline(__always)
    func encodeDoubleItem(_ double: Double) {
        if double.isFinite, !options.canonical {
            output.writeDouble(double)
        } else {
            encodeFloat(double)
        }
    }

    /// Writes `value` when its type is an array, set or dictionary (``SwiftContainer``), a
    /// ``CBORTag`` or a type with a built-in tag (``BuiltInSemantics/encoders``); whether it
    /// was. By exact type, before ``encodeBuiltIn(_:exactTypesTried:)``'s casts: a `Date` came after
    /// thirty-one failing casts and a conformance look-up.
    func encodeByExactType(_ value: Any) throws -> Bool {
        if let container = knownTypes.facts(of: value).container {
            return try container.write(opened: value, with: self)
        }
        if type(of: value) == CBORTag.self, let tag = value as? CBORTag {
            try encodeTagValue(tag)
            return true
        }
        if let encode = BuiltInSemantics.encoders[ObjectIdentifier(type(of: value))] {
            try encode(self, value)
            return true
        }
        return false
    }

    /// Writes a ``CBORTag``: its head, then its content.
    private func encodeTagValue(_ value: CBORTag) throws {
        markShareable()
        output.writeHead(major: 6, argument: value.tag)
        guard value.tag == 256 else {
            return try encode(value.value.base)
        }
        // A tag 256 given as a tag opens a namespace of its own, string referencing on or off,
        // and the outer one is back after it, as in cbor2's `encode_semantic`.
        let outer = stringReferences
        stringReferences = StringReferenceTable()
        defer { stringReferences = outer }
        try encode(value.value.base)
    }

    /// Sets, dictionaries and arrays as the bridging casts give them.
    private func encodeBuiltInCollection(_ value: Any) throws -> Bool {
        if let set = value as? Set<AnyHashable> {
            try encodeSet(set.map(\.base))
        } else if let set = value as? CBORFrozenSet {
            try encodeSet(set.map(\.base))
        } else if let dictionary = value as? [AnyHashable: Any] {
            try encodeHashableKeyedMap(dictionary)
        } else if let array = value as? [Any] {
            try encodeArray(array)
        } else {
            return false
        }
        return true
    }

    /// Writes a float as cbor2 does: NaN and infinities always as half floats (`f97e00`,
    /// `f97c00`, `f9fc00`); in canonical mode the shortest exact width; otherwise the width of
    /// the Swift type.
    func encodeFloat<F: BinaryFloatingPoint>(_ value: F) {
        let double = Double(value)
        if double.isNaN || double.isInfinite || options.canonical {
            FloatWidth.writeShortest(double, to: &output)
        } else if let half = value as? Float16 {
            output.writeHalf(bitPattern: half.bitPattern)
        } else if let single = value as? Float {
            output.writeFloat(single)
        } else {
            output.writeDouble(double)
        }
    }
}
