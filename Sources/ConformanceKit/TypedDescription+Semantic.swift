import Concise
import Foundation

/// Typed-description nodes of the tag types (datetime, date, decimal, fraction, regex, mime,
/// uuid, ip*, complex): Swift value → node for decoding, node → Swift value for encoding.
extension TypedDescription {
    /// Why a number has no description: an integer of more than
    /// ``CBORBigInt/pythonDigitLimit`` digits (the contract's Python side writes integers with
    /// `str()`, which refuses them), or a decimal fraction of more than ``decimalDigitLimit``.
    public struct NumberTooLong: Error, CustomStringConvertible {
        /// The sentence, Python's for an integer.
        public let description: String
    }

    /// The most digits of a decimal fraction's mantissa described. Python has no limit there,
    /// but its `Decimal` takes time that grows with the square of the length to make (cbor2
    /// took 103 s for a 1 MB mantissa), as the text does here; 100 000 digits take about 0.1 s
    /// in a release build.
    public static let decimalDigitLimit = CBORDecimal.textDigitLimit

    /// The decimal text of `integer`, as Python's `str()` gives it.
    ///
    /// - Throws: ``NumberTooLong`` beyond ``CBORBigInt/pythonDigitLimit`` digits.
    public static func integerText(_ integer: CBORBigInt) throws -> String {
        let limit = CBORBigInt.pythonDigitLimit
        guard let text = integer.description(digitLimit: limit) else {
            throw NumberTooLong(description: "Exceeds the limit (\(limit) digits) for integer string conversion")
        }
        return text
    }

    /// The node of a tag type's value, or `nil` when `value` is not one.
    ///
    /// - Throws: ``NumberTooLong`` for a decimal fraction or a fraction too long to describe.
    public static func describeSemantic(_ value: Any) throws -> JSONValue? {
        switch value {
        case let value as CBORDateTime:
            return .object([
                ("t", .string("datetime")), ("iso", .string(value.description)),
                ("epoch_us", .string(String(value.microsecondsSinceEpoch))),
                ("offset_s", value.utcOffset.map { .number(String($0)) } ?? .null),
            ])
        case let value as CBORDate:
            return node("date", v: .string(value.description))
        case let value as CBORDecimal:
            switch value.special {
            case .nan: return .object([("t", .string("decimal")), ("v", .string("NaN")), ("special", .string("NaN"))])
            case .infinity: return .object([("t", .string("decimal")), ("v", .string("Infinity")), ("special", .string("Infinity"))])
            case .negativeInfinity: return .object([("t", .string("decimal")), ("v", .string("-Infinity")), ("special", .string("-Infinity"))])
            case nil:
                guard let mantissa = value.mantissa.description(digitLimit: decimalDigitLimit) else {
                    throw NumberTooLong(description: "a decimal fraction of more than \(decimalDigitLimit) digits is not described")
                }
                let digits = value.mantissa.isNegative ? String(mantissa.dropFirst()) : mantissa
                return .object([
                    ("t", .string("decimal")), ("v", .string(value.description)),
                    ("sign", .number(value.mantissa.isNegative ? "1" : "0")), ("digits", .string(digits)),
                    ("exp", .number(String(value.exponent))),
                ])
            }
        case let value as CBORBigFloat:
            // What cbor2 makes of it: a `Decimal` rounded to 28 digits, step by step as
            // libmpdec rounds it (an exact bigfloat node would differ wherever Python rounds).
            let (decimal, isNegative) = try PythonBigFloat.decimal(of: value)
            let digits = decimal.mantissa.isNegative ? String(decimal.mantissa.description.dropFirst()) : decimal.mantissa.description
            return .object([
                ("t", .string("decimal")), ("v", .string(try PythonBigFloat.text(of: value))),
                ("sign", .number(isNegative ? "1" : "0")), ("digits", .string(digits)), ("exp", .number(String(decimal.exponent))),
            ])
        case let value as CBORRational:
            return .object([
                ("t", .string("fraction")), ("num", .string(try integerText(value.numerator))),
                ("den", .string(try integerText(value.denominator))),
            ])
        case let value as CBORRegularExpression:
            switch value.pattern {
            case .text(let text): return .object([("t", .string("regex")), ("pattern", .string(text))])
            case .bytes(let bytes): return .object([("t", .string("regex")), ("pattern_hex", .string(hex(bytes)))])
            }
        case let value as CBORMIMEMessage:
            return node("mime", v: .string(value.text))
        case let value as UUID:
            return node("uuid", v: .string(value.uuidString.lowercased()))
        case let value as CBORIPAddress:
            var members: [(String, JSONValue)] = [
                ("t", .string(value.isIPv6 ? "ipv6address" : "ipv4address")),
                ("v", .string(value.description)), ("packed_hex", .string(hex(value.bytes))),
            ]
            if let zone = value.zone { members.append(("scope", .string(zone))) }
            return .object(members)
        case let value as CBORIPNetwork:
            return ipNode(value.address, prefix: value.prefixLength, kind: "network", text: value.description)
        case let value as CBORIPInterface:
            return ipNode(value.address, prefix: value.prefixLength, kind: "interface", text: value.description)
        case let value as CBORComplex:
            return .object([("t", .string("complex")), ("real", float(value.real)), ("imag", float(value.imaginary))])
        default:
            return nil
        }
    }

    private static func ipNode(_ address: CBORIPAddress, prefix: Int, kind: String, text: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("t", .string((address.isIPv6 ? "ipv6" : "ipv4") + kind)), ("v", .string(text)),
            ("packed_hex", .string(hex(address.bytes))), ("prefix", .number(String(prefix))),
        ]
        if let zone = address.zone { members.append(("scope", .string(zone))) }
        return .object(members)
    }

    /// The Swift value of a tag type's node, or `nil` when the node is not one.
    public static func buildSemantic(_ node: JSONValue) throws -> Any? {
        guard let kind = node["t"]?.string else { return nil }
        switch kind {
        case "datetime":
            guard let micros = node["epoch_us"]?.string.flatMap({ Int64($0) }) else { throw Malformed("datetime \(node.serialized)") }
            let (seconds, remainder) = micros.quotientAndRemainder(dividingBy: 1_000_000)
            let offset = node["offset_s"].flatMap { $0 == .null ? nil : $0.string.flatMap { Int($0) } }
            return CBORDateTime(
                secondsSinceEpoch: remainder < 0 ? seconds - 1 : seconds,
                microsecond: Int32(remainder < 0 ? remainder + 1_000_000 : remainder), utcOffset: offset)
        case "date":
            guard let date = node["v"]?.string.flatMap(CBORDate.init(fullDate:)) else { throw Malformed("date \(node.serialized)") }
            return date
        case "decimal":
            if let special = node["special"]?.string {
                switch special {
                case "NaN", "sNaN": return CBORDecimal(.nan)
                case "Infinity": return CBORDecimal(.infinity)
                case "-Infinity": return CBORDecimal(.negativeInfinity)
                default: throw Malformed("decimal special \(special)")
                }
            }
            guard let digits = node["digits"]?.string, let exponent = node["exp"]?.string.flatMap({ Int($0) }),
                let magnitude = CBORBigInt(digits)
            else { throw Malformed("decimal \(node.serialized)") }
            let negative = node["sign"]?.string == "1"
            return CBORDecimal(mantissa: CBORBigInt(isNegative: negative, magnitude: magnitude.magnitude), exponent: exponent)
        case "fraction":
            guard let numerator = node["num"]?.string.flatMap(CBORBigInt.init), let denominator = node["den"]?.string.flatMap(CBORBigInt.init),
                let value = CBORRational(numerator: numerator, denominator: denominator)
            else { throw Malformed("fraction \(node.serialized)") }
            return value
        case "regex":
            if let pattern = node["pattern"]?.string { return CBORRegularExpression(pattern) }
            return CBORRegularExpression(pattern: .bytes(try bytes(hex: node["pattern_hex"]?.string ?? "")))
        case "mime":
            return CBORMIMEMessage(node["v"]?.string ?? "")
        case "uuid":
            guard let uuid = node["v"]?.string.flatMap({ UUID(uuidString: $0) }) else { throw Malformed("uuid \(node.serialized)") }
            return uuid
        case "ipv4address", "ipv6address", "ipv4network", "ipv6network", "ipv4interface", "ipv6interface":
            guard let address = CBORIPAddress(bytes: try bytes(hex: node["packed_hex"]?.string ?? ""), zone: node["scope"]?.string) else {
                throw Malformed("ip \(node.serialized)")
            }
            guard let prefix = node["prefix"]?.string.flatMap({ Int($0) }) else { return address }
            if kind.hasSuffix("network") {
                guard let network = CBORIPNetwork(address: address, prefixLength: prefix) else { throw Malformed("network \(node.serialized)") }
                return network
            }
            guard let interface = CBORIPInterface(address: address, prefixLength: prefix) else { throw Malformed("interface \(node.serialized)") }
            return interface
        case "complex":
            guard let real = node["real"], let imaginary = node["imag"] else { throw Malformed("complex \(node.serialized)") }
            return CBORComplex(real: Double(bitPattern: try floatBits(real)), imaginary: Double(bitPattern: try floatBits(imaginary)))
        default:
            return nil
        }
    }
}
