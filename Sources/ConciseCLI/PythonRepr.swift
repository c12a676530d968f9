import Concise
import ConcreteJSON
import Foundation
import OrderedCollections

/// Python's `str()` and `repr()` of decoded values, for the places where `python -m cbor2.tool`
/// turns a value into text: tuple and frozenset map keys, and tags met inside map keys.
enum PythonRepr {
    /// `str(integer)`, which Python refuses beyond ``CBORBigInt/pythonDigitLimit`` digits.
    ///
    /// - Throws: ``CLIError`` with Python's message for a longer integer.
    static func integerText(_ integer: CBORBigInt) throws -> String {
        let limit = CBORBigInt.pythonDigitLimit
        guard let text = integer.description(digitLimit: limit) else {
            throw CLIError("Exceeds the limit (\(limit) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
        }
        return text
    }

    /// `str(decimal)`, refused for a mantissa of more than 100 000 digits (as a bigfloat's is):
    /// Python prints any, but the text of a longer one takes time growing with the square of
    /// its length here.
    ///
    /// - Throws: ``CLIError`` for a longer mantissa.
    static func decimalText(_ decimal: CBORDecimal) throws -> String {
        let limit = CBORDecimal.textDigitLimit
        guard let text = decimal.description(digitLimit: limit) else {
            throw CLIError("a decimal fraction of more than \(limit) digits is not converted to text")
        }
        return text
    }

    /// `str(value)`: strings as they are, the types whose `__str__` differs from their `__repr__`
    /// as Python prints them, everything else as `repr`.
    /// - Throws: as ``repr(_:textLimit:)``.
    static func str(_ value: Any, textLimit: Int = textLimit) throws -> String {
        switch value {
        case let string as String: return string
        case let simple as CBORSimpleValue: return String(simple.rawValue)
        case let decimal as CBORDecimal: return try decimalText(decimal)
        case let bigFloat as CBORBigFloat: return try PythonBigFloat.text(of: bigFloat)
        case let rational as CBORRational: return try fractionText(rational)
        case let uuid as UUID: return uuid.uuidString.lowercased()
        case let date as CBORDate: return date.description
        case let dateTime as CBORDateTime: return dateTime.description.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "+00:00")
        case let address as CBORIPAddress: return address.description
        case let network as CBORIPNetwork: return network.description
        case let interface as CBORIPInterface: return interface.description
        default: return try repr(value, textLimit: textLimit)
        }
    }

    /// The Python type name of a decoded value, for Python's error messages.
    static func typeName(of value: Any) -> String {
        switch value {
        case let interface as CBORIPInterface: return interface.address.isIPv6 ? "IPv6Interface" : "IPv4Interface"
        case is CBORComplex: return "complex"
        case is CBORMIMEMessage: return "Message"
        default: return String(describing: type(of: value))
        }
    }

    /// `str(Fraction)`: `n/d`, or `n` for a whole number.
    static func fractionText(_ rational: CBORRational) throws -> String {
        let numerator = try integerText(rational.numerator)
        return rational.denominator == CBORBigInt(1) ? numerator : "\(numerator)/\(try integerText(rational.denominator))"
    }

    /// The repr of the values of cbor2's semantic tags, as CPython 3.11 and cbor2 6.3 (whose
    /// `CBORSimpleValue` is written in C) print them; `nil` for other values.
    private static func semanticRepr(_ value: Any) throws -> String? {
        switch value {
        case let simple as CBORSimpleValue: return "CBORSimpleValue(\(simple.rawValue))"
        case let decimal as CBORDecimal: return "Decimal('\(try decimalText(decimal))')"
        case let bigFloat as CBORBigFloat: return "Decimal('\(try PythonBigFloat.text(of: bigFloat))')"
        case let rational as CBORRational:
            return "Fraction(\(try integerText(rational.numerator)), \(try integerText(rational.denominator)))"
        case let uuid as UUID: return "UUID('\(uuid.uuidString.lowercased())')"
        case let date as CBORDate: return "datetime.date(\(date.year), \(date.month), \(date.day))"
        case let dateTime as CBORDateTime: return dateTimeRepr(dateTime)
        case let address as CBORIPAddress: return "\(address.isIPv6 ? "IPv6" : "IPv4")Address('\(address)')"
        case let network as CBORIPNetwork: return "\(network.address.isIPv6 ? "IPv6" : "IPv4")Network('\(network)')"
        case let interface as CBORIPInterface: return "\(interface.address.isIPv6 ? "IPv6" : "IPv4")Interface('\(interface)')"
        case let complex as CBORComplex: return complexRepr(complex)
        case let regex as CBORRegularExpression:
            switch regex.pattern {
            case .text(let pattern): return "re.compile(\(quote(pattern)))"
            case .bytes(let pattern): return "re.compile(\(bytesRepr(pattern)))"
            }
        default: return nil
        }
    }

    /// `repr(datetime)`: the fields down to the last that is not zero (hours and minutes
    /// always), then the time zone, `datetime.timezone.utc` or a fixed offset.
    private static func dateTimeRepr(_ dateTime: CBORDateTime) -> String {
        let local = dateTime.secondsSinceEpoch + Int64(dateTime.utcOffset ?? 0)
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let secondOfDay = local - days * 86_400
        let date = CBORDate(daysSinceEpoch: Int(days))
        var fields = [date.year, date.month, date.day, Int(secondOfDay / 3600), Int(secondOfDay / 60 % 60)]
        if dateTime.microsecond != 0 {
            fields += [Int(secondOfDay % 60), Int(dateTime.microsecond)]
        } else if secondOfDay % 60 != 0 {
            fields.append(Int(secondOfDay % 60))
        }
        var text = "datetime.datetime(" + fields.map(String.init).joined(separator: ", ")
        if let offset = dateTime.utcOffset {
            if offset == 0 {
                text += ", tzinfo=datetime.timezone.utc"
            } else {
                // `timedelta`'s repr: whole days (negative for a negative offset), then seconds.
                let days = offset >= 0 ? offset / 86_400 : -((-offset + 86_399) / 86_400)
                let seconds = offset - days * 86_400
                let parts = (days != 0 ? ["days=\(days)"] : []) + (seconds != 0 ? ["seconds=\(seconds)"] : [])
                text += ", tzinfo=datetime.timezone(datetime.timedelta(\(parts.joined(separator: ", "))))"
            }
        }
        return text + ")"
    }

    /// `repr(complex)`: `2j` when the real part is +0, else `(1.5-2j)`; the parts as `repr`
    /// prints floats, without a trailing `.0`.
    private static func complexRepr(_ complex: CBORComplex) -> String {
        func part(_ value: Double, signed: Bool) -> String {
            var text: String
            if value.isNaN {
                text = "nan"
            } else if value.isInfinite {
                text = value < 0 ? "-inf" : "inf"
            } else {
                var bytes: [UInt8] = []
                PythonFloatRepr.append(value, to: &bytes)
                text = String(decoding: bytes, as: UTF8.self)
                if text.hasSuffix(".0") { text.removeLast(2) }
            }
            if signed && !text.hasPrefix("-") { text = "+" + text }
            return text
        }
        if complex.real == 0 && complex.real.sign == .plus {
            return part(complex.imaginary, signed: false) + "j"
        }
        return "(" + part(complex.real, signed: false) + part(complex.imaginary, signed: true) + "j)"
    }

    /// `repr(value)` for the types the decoder produces.
    ///
    /// - Throws: ``CLIError`` for an integer Python would refuse to print (``integerText(_:)``),
    ///   or when the text of its strings, byte strings and shared values passes `textLimit`
    ///   (counted as ``textLimit`` says).
    static func repr(_ value: Any, textLimit: Int = textLimit) throws -> String {
        var spent = 0
        return try repr(value, spent: &spent, limit: textLimit)
    }

    /// How much text the strings, byte strings and shared values of one ``repr(_:textLimit:)``
    /// may take by default: a string reference (tag 25) is its string again, and a shared value
    /// (tag 29) is written out copy by copy. A shared value's text counts once for every shared
    /// value it stands inside, as well as for itself (and so does the text of the strings in
    /// it): the strings are built from the innermost out, and counting at every level is what
    /// stops a graph whose text doubles with each level before it is built. So the limit is
    /// reached at up to 16 MiB of output, sooner when shared values nest.
    static let textLimit = 16 << 20

    /// `repr(value)`, adding the length of the text of each string, byte string and shared
    /// value to `spent`, up to `limit`.
    private static func repr(_ value: Any, spent: inout Int, limit: Int) throws -> String {
        // Shadows the public `repr(_:textLimit:)` inside this function, so every nested call
        // below carries the same count.
        func repr(_ value: Any) throws -> String {
            try Self.repr(value, spent: &spent, limit: limit)
        }
        func counted(_ text: String) throws -> String {
            spent += text.utf8.count
            guard spent <= limit else {
                throw CLIError(
                    "the text of strings and shared values passes \(limit) bytes: string references (tag 25) and shared values (tag 29) are written out in full at every reference")
            }
            return text
        }
        if let text = try semanticRepr(value) { return text }
        switch value {
        case let string as String: return try counted(quote(string))
        case let flag as Bool: return flag ? "True" : "False"
        case let integer as Int: return String(integer)
        case let integer as UInt64: return String(integer)
        case let big as CBORBigInt: return try integerText(big)
        case let double as Double:
            if double.isNaN { return "nan" }
            if double.isInfinite { return double < 0 ? "-inf" : "inf" }
            var bytes: [UInt8] = []
            PythonFloatRepr.append(double, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case is NSNull: return "None"
        case let bytes as [UInt8] where type(of: value) == [UInt8].self: return try counted(bytesRepr(bytes))
        case let items as [AnyHashable] where type(of: value) == [AnyHashable].self:
            let inner = try items.map { try repr($0.base) }
            return inner.count == 1 ? "(\(inner[0]),)" : "(" + inner.joined(separator: ", ") + ")"
        case let items as [Any]: return "[" + (try items.map(repr)).joined(separator: ", ") + "]"
        case let map as OrderedDictionary<AnyHashable, AnyHashable>:
            return "frozendict({" + (try map.map { "\(try repr($0.key.base)): \(try repr($0.value.base))" }).joined(separator: ", ") + "})"
        case let map as OrderedDictionary<AnyHashable, Any>:
            return "{" + (try map.map { "\(try repr($0.key.base)): \(try repr($0.value))" }).joined(separator: ", ") + "}"
        case let set as PythonSet:
            let members = "{" + (try set.members.map { try repr($0.base) }).joined(separator: ", ") + "}"
            if set.isFrozen { return set.members.isEmpty ? "frozenset()" : "frozenset(\(members))" }
            return set.members.isEmpty ? "set()" : members
        case let tag as CBORTag: return "CBORTag(\(tag.tag), \(try repr(tag.value.base)))"
        case is CBORUndefined: return "undefined"
        case let shared as CBORSharedValue:
            return try counted(try repr(shared.value))
        default: return String(describing: value)
        }
    }

    /// A Python string literal: single quotes unless the text has `'` and no `"`.
    static func quote(_ string: String) -> String {
        let quote: Unicode.Scalar = string.contains("'") && !string.contains("\"") ? "\"" : "'"
        // Gathered as UTF-8 and made text once (appending to a string's scalars a scalar at a
        // time can copy it each time).
        var utf8: [UInt8] = [UInt8(ascii: quote)]
        utf8.reserveCapacity(string.utf8.count + 2)
        func escape(_ value: UInt32, prefix: String, digits: Int) {
            let hex = String(value, radix: 16)
            utf8.append(contentsOf: (prefix + String(repeating: "0", count: max(0, digits - hex.count)) + hex).utf8)
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": utf8.append(contentsOf: "\\\\".utf8)
            case "\n": utf8.append(contentsOf: "\\n".utf8)
            case "\r": utf8.append(contentsOf: "\\r".utf8)
            case "\t": utf8.append(contentsOf: "\\t".utf8)
            case quote: utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: quote)])
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    escape(scalar.value, prefix: "\\x", digits: 2)
                } else if scalar.value < 0x7f || isPrintable(scalar) {
                    UTF8.encode(scalar) { utf8.append($0) }
                } else if scalar.value <= 0xff {
                    escape(scalar.value, prefix: "\\x", digits: 2)
                } else if scalar.value <= 0xffff {
                    escape(scalar.value, prefix: "\\u", digits: 4)
                } else {
                    escape(scalar.value, prefix: "\\U", digits: 8)
                }
            }
        }
        utf8.append(UInt8(ascii: quote))
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Python's `str.isprintable()` of one character, which `repr` writes as it is: every
    /// general category but the controls, formats, surrogates, private use, unassigned, line
    /// and paragraph separators and space separators other than the space itself. Python 3.11
    /// reads Unicode 14.0, and Swift's tables are newer: a character assigned since is
    /// unassigned to Python, so it is not printable here either.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age, age.major < 14 || age.major == 14 && age.minor == 0 else {
            return false
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return false
        case .spaceSeparator: return scalar == " "
        default: return true
        }
    }

    /// `repr(bytes)`: `b'...'` with printable ASCII as is and other bytes as `\xNN`.
    static func bytesRepr(_ bytes: [UInt8]) -> String {
        let hasSingle = bytes.contains(UInt8(ascii: "'"))
        let quote = hasSingle && !bytes.contains(UInt8(ascii: "\"")) ? "\"" : "'"
        var text = "b" + quote
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x0a: text += "\\n"
            case 0x0d: text += "\\r"
            case 0x09: text += "\\t"
            case UInt8(ascii: "'") where quote == "'": text += "\\'"
            case 0x20..<0x7f: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += HexText.escape(byte)
            }
        }
        return text + quote
    }

    /// `bytes.decode("utf-8", errors="backslashreplace")`: valid sequences decoded, every byte
    /// outside one written as the four characters `\xNN`.
    static func backslashReplaced(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                text += String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            } else {
                text += HexText.escape(bytes[index])
                index += 1
            }
        }
        return text
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode table 3-7), or 0.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xbf
        switch first {
        case 0x00...0x7f: return 1
        case 0xc2...0xdf: length = 2
        case 0xe0: length = 3; secondRange = 0xa0...0xbf
        case 0xed: length = 3; secondRange = 0x80...0x9f
        case 0xe1...0xef: length = 3
        case 0xf0: length = 4; secondRange = 0x90...0xbf
        case 0xf4: length = 4; secondRange = 0x80...0x8f
        case 0xf1...0xf3: length = 4
        default: return 0
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(2, length) where !(0x80...0xbf).contains(bytes[index + offset]) { return 0 }
        return length
    }
}
