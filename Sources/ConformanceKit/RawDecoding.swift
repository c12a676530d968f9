import Concise

/// The contract's raw mode: the generic data model (every tag a tag), with the decoder options
/// cbor2 applies there too.
public enum RawDecoding {
    /// Decodes the first item of `input` as a ``CBOR`` value and describes it: every container
    /// frozen when `decoder.immutable` (cbor2 then freezes them all), a map key that is not
    /// text or bytes refused under `strictHashableTypes`, and a key a `dict` holds equal to an
    /// earlier one refused when `allowsDuplicateKeys` is off. Text that is not UTF-8 is
    /// repaired as `stringErrors` says, as cbor2 repairs it.
    /// - Throws: ``CBORError``.
    public static func describe(_ input: [UInt8], with decoder: CBORDecoder) throws -> JSONValue {
        // Repeated keys are found as a dict finds them, below: `CBOR` holds two NaNs of one
        // bit pattern equal, and 1 and 1.0 apart.
        var reader = decoder
        reader.allowsDuplicateKeys = true
        let value = try reader.decodeFirstValue(from: input).value
        if decoder.strictHashableTypes, let key = firstKeyNotText(in: value) {
            throw CBORError(.unsupportedValue, "map key must be a text string or byte string, not \(key)")
        }
        if !decoder.allowsDuplicateKeys, let key = firstKeyRepeatedAsPythonKey(in: value) {
            throw CBORError(.duplicateMapKey, "duplicate map key \(key.diagnosticDescription.prefix(80)), as Python compares keys")
        }
        return TypedDescription.describe(value, immutable: decoder.immutable)
    }

    /// The first map key in `value` (keys included) that a `dict` holds equal to an earlier key
    /// of its map (``PythonKeyEquality``).
    private static func firstKeyRepeatedAsPythonKey(in value: CBOR) -> CBOR? {
        firstAnswer(in: value) { map in
            var seen = Set<PythonKeyEquality>(minimumCapacity: map.count)
            return map.entries.first { !seen.insert(PythonKeyEquality(value: $0.key)).inserted }?.key
        }
    }

    /// The kind of the first map key in `value` that is neither text nor bytes.
    private static func firstKeyNotText(in value: CBOR) -> String? {
        firstAnswer(in: value) { map in
            map.entries.lazy.compactMap { entry -> String? in
                switch entry.key {
                case .textString, .byteString: nil
                case .unsigned, .negative: "an integer"
                case .array: "an array"
                case .map: "a map"
                case .tagged: "a tag"
                case .boolean: "a boolean"
                case .half, .float, .double: "a float"
                case .null: "null"
                case .undefined: "undefined"
                case .simple: "a simple value"
                }
            }.first
        }
    }

    /// The first answer `answer` gives for a map in `value` (keys included), walking without
    /// recursion.
    private static func firstAnswer<Answer>(in value: CBOR, _ answer: (CBORMap) -> Answer?) -> Answer? {
        var pending = [value]
        while let item = pending.popLast() {
            switch item {
            case .array(let items):
                pending.append(contentsOf: items)
            case .map(let map):
                if let found = answer(map) { return found }
                for (key, entryValue) in map.entries {
                    pending.append(key)
                    pending.append(entryValue)
                }
            case .tagged(_, let content):
                pending.append(content)
            default:
                break
            }
        }
        return nil
    }
}
