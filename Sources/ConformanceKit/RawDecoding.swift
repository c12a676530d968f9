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
    /// of its map (``PythonKeyEquality``), walking without recursion.
    private static func firstKeyRepeatedAsPythonKey(in value: CBOR) -> CBOR? {
        var pending = [value]
        while let item = pending.popLast() {
            switch item {
            case .array(let items):
                pending.append(contentsOf: items)
            case .map(let map):
                var seen = Set<PythonKeyEquality>(minimumCapacity: map.count)
                for (key, entryValue) in map.entries {
                    guard seen.insert(PythonKeyEquality(value: key)).inserted else { return key }
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

    /// The kind of the first map key in `value` that is neither text nor bytes, walking without
    /// recursion.
    private static func firstKeyNotText(in value: CBOR) -> String? {
        var pending = [value]
        while let item = pending.popLast() {
            switch item {
            case .array(let items):
                pending.append(contentsOf: items)
            case .map(let map):
                for (key, entryValue) in map.entries {
                    switch key {
                    case .textString, .byteString: break
                    case .unsigned, .negative: return "an integer"
                    case .array: return "an array"
                    case .map: return "a map"
                    case .tagged: return "a tag"
                    case .boolean: return "a boolean"
                    case .half, .float, .double: return "a float"
                    case .null: return "null"
                    case .undefined: return "undefined"
                    case .simple: return "a simple value"
                    }
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
