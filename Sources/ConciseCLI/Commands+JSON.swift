import Concise
import ConcreteJSON

extension Commands {
    /// CBOR to JSON as `python -m cbor2.tool` writes it (see ``CBOR2ToolJSON``).
    /// - Throws: ``CBORError`` with the byte offset of malformed input, ``CLIError`` for
    ///   values JSON cannot hold.
    public static func toJSON(_ bytes: [UInt8], options: CBOR2ToolJSON = CBOR2ToolJSON(), sequence: Bool = false) throws -> [UInt8] {
        try options.convert(bytes, sequence: sequence)
    }

    /// JSON to CBOR as `python -m cbor2.tool --format json` writes it: floats as doubles (NaN
    /// and infinities as halves), integers beyond 64 bits as bignums, keys in order; or the
    /// canonical form (shortest floats, sorted keys) when `canonical` is set.
    /// - Throws: ``ConcreteJSONError`` with the line, column and offset of malformed JSON.
    public static func fromJSON(_ text: [UInt8], canonical: Bool = false) throws -> [UInt8] {
        var decoder = ConcreteJSONDecoder()
        decoder.decodesTaggedObjects = false
        decoder.rejectsDuplicateKeys = false  // json.load keeps the last value
        decoder.readsOverflowingFloatsAsInfinity = true  // json.load reads 1e400 as inf
        let value = try plainCBOR(try decoder.decode(from: text))
        var encoder = CBOREncoder()
        encoder.canonical = canonical
        return try encoder.encode(value)
    }

    private static func plainCBOR(_ value: ConcreteValue) throws -> CBOR {
        switch value {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .int(let integer): return CBOR(integer)
        case .float(let double): return double.isFinite ? .double(double) : .half(Float16(double))
        case .string(let string): return .textString(string)
        case .list(let items): return .array(try items.map(plainCBOR))
        case .dict(let object):
            return .map(CBORMap(try object.entries.map { (CBOR.textString($0.key.jsonText), try plainCBOR($0.value)) }))
        default: return try value.cbor()  // big integers: bignum tags 2 and 3
        }
    }

    /// Concrete ML JSON to its compact CBOR form (see `ConcreteValue.cbor()`). A repeated key
    /// is read as `json.loads` reads it, the last value in the first key's place: Concrete
    /// ML's encoder writes one where keys of two types have one text (`{1: …, "1": …}`).
    /// - Throws: ``ConcreteJSONError`` with the line, column and offset of bad input.
    public static func concreteToCBOR(_ json: [UInt8]) throws -> [UInt8] {
        var decoder = ConcreteJSONDecoder()
        decoder.rejectsDuplicateKeys = false
        return try decoder.decode(from: json).encodedCBOR()
    }

    /// Compact CBOR back to the exact JSON `ConcreteEncoder` writes.
    /// - Throws: ``ConcreteJSONError`` with the byte offset of bad input.
    public static func concreteToJSON(_ cbor: [UInt8]) throws -> [UInt8] {
        try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: cbor))
    }

    /// Concrete ML JSON through CBOR and back: the same text for anything `ConcreteEncoder`
    /// wrote, its normal form for anything else.
    /// - Throws: ``ConcreteJSONError`` with the position of bad input.
    public static func concreteRecode(_ json: [UInt8]) throws -> [UInt8] {
        try concreteToJSON(try concreteToCBOR(json))
    }
}
