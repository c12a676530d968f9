import Concise
import ConcreteJSON
import Foundation
import OrderedCollections
import Synchronization

/// CBOR to JSON with the conventions of `python -m cbor2.tool` (cbor2 6.x): the item decoded
/// as cbor2 decodes it, then written by Python's `json.dump(..., ensure_ascii=False)` with the
/// tool's fallbacks: byte strings as UTF-8 text (undecodable bytes as `\xNN`), unknown tags as
/// `{"CBORTag:N": value}`, `undefined` as `"cbor:undef"`, simple values as `"cbor_simple:N"`,
/// date-times in ISO format, decimals and fractions as text, UUIDs as URNs, sets as lists (in
/// CPython's iteration order where it is the same in every process: ``PythonSet``).
public struct CBOR2ToolJSON {
    /// Indent four spaces per level, as `--pretty` does.
    public var pretty = false
    /// Sort object keys, as `--sort-keys` does.
    public var sortKeys = false
    /// Tags whose content is written without the tag, as `--tag-ignore` does.
    public var ignoredTags: Set<UInt64> = []
    /// The fixed part of ``outputBudget(inputCount:)``: 64 MiB.
    var outputBudgetBase = 64 << 20

    /// Creates a converter with the tool's defaults.
    public init() {}

    /// The JSON text of the item in `bytes` (or of every item of a sequence), each followed by
    /// a newline.
    ///
    /// - Throws: ``CBORError`` with the offset of malformed input; ``CLIError`` for values
    ///   JSON cannot hold (cycles, map keys of other types).
    public func convert(_ bytes: [UInt8], sequence: Bool = false) throws -> [UInt8] {
        // The text the tag hook makes of frozen tags, for all the items, within the budget of
        // the whole input.
        let decoder = makeDecoder(reprAllowance: ReprAllowance(outputBudget(inputCount: bytes.count)))
        var output: [UInt8] = []
        if sequence {
            var offset = 0
            while offset < bytes.count {
                let value: Any
                let count: Int
                do {
                    (value, count) = try decoder.decodeFirst(from: bytes[offset...])
                } catch let error as CBORError {
                    // Offsets in the whole input, not in the item.
                    throw CBORError(error.code, offset: error.offset.map { $0 + offset }, error.message)
                }
                try write(value, into: &output, inputCount: count)
                offset += count
            }
        } else {
            try write(try decoder.decode(from: bytes), into: &output, inputCount: bytes.count)
        }
        return output
    }

    private func write(_ value: Any, into output: inout [UInt8], inputCount: Int) throws {
        var writer = Writer(pretty: pretty, sortKeys: sortKeys, outputBudget: outputBudget(inputCount: inputCount))
        try writer.write(value, level: 0)
        output.append(contentsOf: writer.output)
        output.append(0x0a)
    }

    private func makeDecoder(reprAllowance: ReprAllowance) -> CBORDecoder {
        var decoder = CBORDecoder()
        // JSON cannot hold a cycle (cbor2's tool refuses one too), and a cyclic graph decoded
        // only to be refused would stay in memory: a long-running host of the C interface would
        // grow with every such input. Refusing the cycle while decoding frees everything.
        decoder.allowsCycles = false
        decoder.semanticDecoders[258] = PythonSet.decoder
        let ignored = ignoredTags
        decoder.tagHook = { tag, immutable in
            if ignored.contains(tag.tag) { return tag.value.base }
            if tag.tag == 24 {
                // The tool's hook calls `cbor2.loads(tag.value)`, which takes bytes only.
                guard let embedded = tag.value.base as? [UInt8] else {
                    throw CLIError("error decoding semantic tag 24: a bytes-like object is required")
                }
                var embeddedDecoder = CBORDecoder()
                embeddedDecoder.semanticDecoders[258] = PythonSet.decoder
                // Inside a tag or a key the value must be hashable: Python's list there is a
                // tuple here, which JSON writes as the same list (and `str()`, in a key's text,
                // as a tuple).
                embeddedDecoder.immutable = immutable
                do {
                    return try embeddedDecoder.decodeFirst(from: embedded).value  // cbor2.loads ignores what follows
                } catch let error as CBORError {
                    // Its offset is in the embedded bytes; the decoder gives this error the tag's.
                    let place = error.offset.map { " at its byte \($0)" } ?? ""
                    throw CBORError(error.code, "in the CBOR that tag 24 embeds\(place): \(error.message)")
                }
            }
            if immutable {
                let text = try PythonRepr.str(tag.value.base, textLimit: reprAllowance.remaining)
                try reprAllowance.spend(text.utf8.count)
                return "CBORtag:\(tag.tag):\(text)"
            }
            return tag
        }
        return decoder
    }

    /// How much JSON an item of `inputCount` bytes may take once string references (tag 25)
    /// and shared values (tag 29) are written out in full, as JSON has no references: 64 MiB
    /// (``outputBudgetBase``) plus 100 bytes an input byte. Without references the JSON of an
    /// item is a few times its size; a reference of two bytes to a string of 32 KiB, or a graph
    /// of references each to two copies of the last, which doubles with every level, would
    /// make Python's tool write until memory runs out.
    func outputBudget(inputCount: Int) -> Int {
        outputBudgetBase + 100 * inputCount
    }

    /// What the tag hook's text of frozen tags may take in all while an input decodes
    /// (``outputBudget(inputCount:)``): each text is made while decoding and kept in the value,
    /// so each one's own limit would not bound them together.
    private final class ReprAllowance: Sendable {
        private let left: Mutex<Int>

        init(_ limit: Int) {
            left = Mutex(limit)
        }

        /// What is left.
        var remaining: Int { left.withLock { $0 } }

        /// Takes `count` bytes off what is left.
        /// - Throws: ``CLIError`` when that is more than is left.
        func spend(_ count: Int) throws {
            let enough = left.withLock { left in
                left -= count
                return left >= 0
            }
            guard enough else {
                throw CLIError("the text of frozen tags (in keys, say) passes the JSON's budget: string references (tag 25) and shared values (tag 29) are written out in full at every reference")
            }
        }
    }

    /// Python's `json` encoder over decoded values.
    private struct Writer {
        let pretty: Bool
        let sortKeys: Bool
        /// ``CBOR2ToolJSON/outputBudget(inputCount:)``.
        let outputBudget: Int
        var output: [UInt8] = []
        var open: [ObjectIdentifier] = []

        mutating func write(_ value: Any, level: Int) throws {
            // The commonest types by exact type first: each failed `as` cast in the switch below
            // costs a look-up in the runtime's conformance tables.
            let valueType = type(of: value)
            if valueType == Int.self, let integer = value as? Int {
                output.append(contentsOf: String(integer).utf8)
                return
            }
            if valueType == [Any].self, let items = value as? [Any] {
                return try writeList(items, level: level)
            }
            if valueType == [AnyHashable].self, let items = value as? [AnyHashable] {
                // A tuple (in keys and sets, and every array shared there).
                return try writeList(items.map(\.base), level: level)
            }
            if valueType == CBORSharedValue.self, let shared = value as? CBORSharedValue {
                return try writeShared(shared, level: level)
            }
            switch value {
            case let string as String:
                PythonStringEscaper.append(string, asciiOnly: false, to: &output)
                try checkBudget()
            case let flag as Bool: output.append(contentsOf: (flag ? "true" : "false").utf8)
            case let integer as Int: output.append(contentsOf: String(integer).utf8)
            case let integer as UInt64: output.append(contentsOf: String(integer).utf8)
            case let big as CBORBigInt: output.append(contentsOf: try PythonRepr.integerText(big).utf8)
            case let double as Double: PythonFloatRepr.append(double, to: &output)
            case is NSNull: output.append(contentsOf: "null".utf8)
            case let bytes as [UInt8] where type(of: value) == [UInt8].self:
                PythonStringEscaper.append(PythonRepr.backslashReplaced(bytes), asciiOnly: false, to: &output)
                try checkBudget()
            case let items as [Any]: try writeList(items, level: level)
            case let map as OrderedDictionary<AnyHashable, Any>: try writeObject(map.map { ($0.key.base, $0.value) }, level: level)
            case let map as OrderedDictionary<AnyHashable, AnyHashable>:
                // A frozen map (inside a tag or a key) is cbor2's frozendict: the tool writes `str(dict(x))`.
                let text = "{" + (try map.map {
                    "\(try PythonRepr.repr($0.key.base, textLimit: outputBudget)): \(try PythonRepr.repr($0.value.base, textLimit: outputBudget))"
                }).joined(separator: ", ") + "}"
                PythonStringEscaper.append(text, asciiOnly: false, to: &output)
            case let set as PythonSet:
                // A frozenset (a set inside a tag, say): the tool's encoder knows `set` only.
                guard !set.isFrozen else { throw CLIError("Object of type frozenset is not JSON serializable") }
                try writeList(set.members.map(\.base), level: level)
            case let tag as CBORTag: try writeObject([("CBORTag:\(tag.tag)", tag.value.base)], level: level)
            case let shared as CBORSharedValue: try writeShared(shared, level: level)
            default: try writeText(value)
            }
        }

        /// A shared value, written out where it stands (JSON has no references) up to
        /// ``outputBudget``; a cycle is refused.
        private mutating func writeShared(_ shared: CBORSharedValue, level: Int) throws {
            let identity = ObjectIdentifier(shared)
            guard !open.contains(identity) else { throw CLIError("Cannot convert self-referential data to JSON") }
            try checkBudget()
            open.append(identity)
            try write(shared.value, level: level)
            open.removeLast()
        }

        /// Refuses output past ``outputBudget``: checked where references make it grow, at
        /// strings (a string reference is written as its string) and shared values.
        private func checkBudget(pending: Int = 0) throws {
            guard output.count + pending <= outputBudget else {
                throw CLIError(
                    "the JSON takes more than \(outputBudget) bytes: string references (tag 25) and shared values (tag 29) are written out in full at every reference")
            }
        }

        /// The tool's `default_encoders`: values JSON has no type for, written as text.
        private mutating func writeText(_ value: Any) throws {
            let text: String
            switch value {
            case is CBORUndefined: text = "cbor:undef"
            case let simple as CBORSimpleValue: text = "cbor_simple:\(simple.rawValue)"
            case let dateTime as CBORDateTime: text = Self.isoFormat(dateTime)
            case let date as CBORDate: text = date.description
            case let decimal as CBORDecimal: text = try PythonRepr.decimalText(decimal)
            case let bigFloat as CBORBigFloat: text = try PythonBigFloat.text(of: bigFloat)
            case let rational as CBORRational: text = try PythonRepr.fractionText(rational)
            case let uuid as UUID: text = "urn:uuid:" + uuid.uuidString.lowercased()
            case let regex as CBORRegularExpression:
                switch regex.pattern {
                case .text(let pattern): text = pattern
                case .bytes(let pattern): text = PythonRepr.backslashReplaced(pattern)
                }
            case let address as CBORIPAddress: text = address.description
            case let network as CBORIPNetwork: text = network.description
            default:
                // The tool has no encoder for an interface (`IPv4Interface`), a complex number or
                // a MIME message either.
                throw CLIError("Object of type \(PythonRepr.typeName(of: value)) is not JSON serializable")
            }
            PythonStringEscaper.append(text, asciiOnly: false, to: &output)
        }

        private mutating func writeList(_ items: [Any], level: Int) throws {
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                separator(first: index == 0, level: level + 1)
                try write(item, level: level + 1)
            }
            if pretty, !items.isEmpty { newline(level: level) }
            output.append(UInt8(ascii: "]"))
        }

        private mutating func writeObject(_ entries: [(Any, Any)], level: Int) throws {
            // Every key's text is made before the first is written (to sort them), so their
            // length counts against the budget as they are made.
            var keyed: [(key: String, value: Any)] = []
            var originals: [Any] = []
            keyed.reserveCapacity(entries.count)
            // The tool's `key_to_str` puts the keys it turns into text (byte strings, simple
            // values, frozen containers) in a new dict with the text keys: keys whose text is
            // the same are then one, at the first one's place with the last one's value.
            var textKeys: [String: Int] = [:]
            var keyTextLength = 0
            for entry in entries {
                let key = try Self.keyText(entry.0, textLimit: outputBudget)
                let isText = Self.becomesText(entry.0)
                if isText, let index = textKeys[key] {
                    keyed[index].value = entry.1
                    continue
                }
                keyTextLength += key.utf8.count
                try checkBudget(pending: keyTextLength)
                if isText { textKeys[key] = keyed.count }
                keyed.append((key, entry.1))
                originals.append(entry.0)
            }
            if sortKeys { keyed = try Self.sorted(keyed, originals: originals) }
            output.append(UInt8(ascii: "{"))
            for (index, entry) in keyed.enumerated() {
                separator(first: index == 0, level: level + 1)
                PythonStringEscaper.append(entry.key, asciiOnly: false, to: &output)
                try checkBudget()
                output.append(contentsOf: ": ".utf8)
                try write(entry.value, level: level + 1)
            }
            if pretty, !keyed.isEmpty { newline(level: level) }
            output.append(UInt8(ascii: "}"))
        }

        private mutating func separator(first: Bool, level: Int) {
            if !first { output.append(contentsOf: (pretty ? "," : ", ").utf8) }
            if pretty { newline(level: level) }
        }

        private mutating func newline(level: Int) {
            output.append(0x0a)
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 4 * level))
        }

        /// `key_to_str` followed by `json`'s own key conversion; a frozen key's text stops at
        /// `textLimit` (``PythonRepr/repr(_:textLimit:)``).
        private static func keyText(_ key: Any, textLimit: Int) throws -> String {
            switch key {
            case let string as String: return string
            case let flag as Bool: return flag ? "true" : "false"
            case let integer as Int: return String(integer)
            case let integer as UInt64: return String(integer)
            case let big as CBORBigInt: return try PythonRepr.integerText(big)
            case let double as Double:
                var bytes: [UInt8] = []
                PythonFloatRepr.append(double, to: &bytes)
                return String(decoding: bytes, as: UTF8.self)
            case is NSNull: return "null"
            case let bytes as [UInt8] where type(of: key) == [UInt8].self: return PythonRepr.backslashReplaced(bytes)
            case let simple as CBORSimpleValue: return "cbor_simple:\(simple.rawValue)"
            case is [AnyHashable], is OrderedDictionary<AnyHashable, AnyHashable>, is PythonSet: return try PythonRepr.repr(key, textLimit: textLimit)
            default: throw CLIError("keys must be str, int, float, bool or None, not \(type(of: key))")
            }
        }

        /// Whether `key_to_str` makes `key` a Python `str` (which a dict then holds equal to a
        /// text key of the same text); numbers, `None` and `bool` stay what they are.
        private static func becomesText(_ key: Any) -> Bool {
            // By exact type, the decoder's: a failed `is` is a look-up in the runtime's
            // conformance tables, for every number key.
            let type = type(of: key)
            return type == String.self || type == [UInt8].self || type == [AnyHashable].self || type == CBORSimpleValue.self
                || type == OrderedDictionary<AnyHashable, AnyHashable>.self || type == PythonSet.self
        }

        /// `sort_keys=True` sorts the keys before `json` turns them into text, so text and
        /// numbers cannot be mixed. Numbers compare as Python compares them: exactly.
        private static func sorted(_ entries: [(key: String, value: Any)], originals: [Any]) throws -> [(key: String, value: Any)] {
            let numeric = originals.map(NumericKey.init)
            let allNumbers = numeric.allSatisfy { $0 != nil }
            let allText = zip(originals, numeric).allSatisfy { !($0.0 is NSNull) && $0.1 == nil }
            guard entries.count < 2 || allNumbers || allText else { throw CLIError("'<' not supported between the map's key types (--sort-keys)") }
            let order = entries.indices.sorted { a, b in
                if allNumbers, let x = numeric[a], let y = numeric[b] { return x.precedes(y) || (!y.precedes(x) && a < b) }
                let (x, y) = (entries[a].key.unicodeScalars, entries[b].key.unicodeScalars)
                return x.lexicographicallyPrecedes(y) || (x.elementsEqual(y) && a < b)
            }
            return order.map { entries[$0] }
        }

        /// A number key as Python's `<` compares it: integers (and `bool`) exactly, at any size,
        /// and against a float by the float's exact value.
        private enum NumericKey {
            case integer(CBORBigInt)
            case float(Double)

            init?(_ key: Any) {
                switch key {
                case let flag as Bool: self = .integer(CBORBigInt(flag ? 1 : 0))
                case let integer as Int: self = .integer(CBORBigInt(integer))
                case let integer as UInt64: self = .integer(CBORBigInt(integer))
                case let big as CBORBigInt: self = .integer(big)
                case let double as Double: self = .float(double)
                default: return nil
                }
            }

            /// Python's `self < other` (false both ways when a NaN is involved).
            func precedes(_ other: NumericKey) -> Bool {
                switch (self, other) {
                case let (.integer(x), .integer(y)): x < y
                case let (.float(x), .float(y)): x < y
                case let (.integer(x), .float(y)): PythonOrdering.compare(x, y) == -1
                case let (.float(x), .integer(y)): PythonOrdering.compare(y, x) == 1
                }
            }
        }

        /// `datetime.isoformat()`: like RFC 3339 but `+00:00` for UTC.
        private static func isoFormat(_ dateTime: CBORDateTime) -> String {
            let text = dateTime.description
            return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
        }
    }
}
