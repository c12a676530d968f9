import Foundation
import OrderedCollections

/// Readers of cbor2's built-in tags: content → the Swift type of the type table, or
/// ``CBORError/Code/invalidTagContent`` (the decoder adds the tag's offset).
enum BuiltInDecoders {
    static func invalid(_ tag: UInt64, _ expectation: String, _ content: Any) -> CBORError {
        CBORError(.invalidTagContent, "tag \(tag) must hold \(expectation), not \(kind(of: content))")
    }

    /// What a decoded tag content is, for error messages: the same words whether it was
    /// decoded mutable or frozen (`[Any]` or `[AnyHashable]`, a dictionary or a frozen one).
    static func kind(of content: Any) -> String {
        switch content {
        case is [UInt8] where type(of: content) == [UInt8].self: return "a byte string"
        case is String: return "a text string"
        case is Bool: return "a boolean"
        case is Int, is UInt64, is CBORBigInt: return "an integer"
        case is Double: return "a float"
        case is [Any], is [AnyHashable]: return "an array"
        case is OrderedDictionary<AnyHashable, Any>, is OrderedDictionary<AnyHashable, AnyHashable>: return "a map"
        case is NSNull: return "null"
        default: return String(describing: type(of: content))
        }
    }

    /// The items of an array, mutable or frozen.
    static func items(_ content: Any) -> [Any]? {
        if type(of: content) == [Any].self { return content as? [Any] }
        if type(of: content) == [AnyHashable].self { return (content as? [AnyHashable])?.map(\.base) }
        return nil
    }

    /// An integer of any size.
    static func integer(_ content: Any) -> CBORBigInt? {
        switch content {
        case let value as Int: return CBORBigInt(value)
        case let value as UInt64: return CBORBigInt(value)
        case let value as CBORBigInt: return value
        default: return nil
        }
    }

    /// An integer as Python's arithmetic takes it, where `bool` is an `int` (`True` is 1):
    /// cbor2 takes a boolean wherever it passes the content to Python (tags 1, 100, 30, 43000
    /// and tag 52's prefix length), and refuses it where it checks the type (tags 4, 5, 261).
    static func pythonInteger(_ content: Any) -> CBORBigInt? {
        if let flag = content as? Bool, type(of: content) == Bool.self { return CBORBigInt(flag ? 1 : 0) }
        return integer(content)
    }

    static func bytes(_ content: Any) -> [UInt8]? {
        type(of: content) == [UInt8].self ? content as? [UInt8] : nil
    }

    /// Tag 0 takes what cbor2 takes: text that Python's `datetime.fromisoformat` reads, with
    /// an offset. An offset with microseconds (Python allows them) is refused: a
    /// ``CBORDateTime`` keeps its offset in whole seconds.
    @Sendable static func dateTimeString(_ content: Any, _: Bool) throws -> Any {
        guard let text = content as? String, let fields = PythonISOFormat.dateTime(text), let offset = fields.offset,
              offset.microseconds == 0, let date = CBORDate(year: fields.year, month: fields.month, day: fields.day)
        else {
            throw invalid(0, "a date-time string with an offset (Python's datetime.fromisoformat)", content)
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(fields.hour * 3600 + fields.minute * 60 + fields.second)
        return CBORDateTime(secondsSinceEpoch: local - Int64(offset.seconds), microsecond: Int32(fields.microsecond),
                            utcOffset: offset.seconds)
    }

    @Sendable static func epochDateTime(_ content: Any, _: Bool) throws -> Any {
        // Python's datetime covers years 1 to 9999.
        let range: ClosedRange<Double> = -62_135_596_800...253_402_300_799
        if let seconds = pythonInteger(content)?.exactly(Int64.self), range.contains(Double(seconds)) {
            return CBORDateTime(secondsSinceEpoch: seconds)
        }
        // As Python's `datetime.fromtimestamp` splits a float: whole seconds toward zero (`modf`),
        // the fraction's microseconds rounded half to even, then carried into the seconds; the
        // range is that of the result, so the last second of year 9999 takes its fractions.
        guard let seconds = content as? Double, seconds.isFinite else {
            throw invalid(1, "a number of seconds within years 1 to 9999", content)
        }
        var whole = seconds.rounded(.towardZero)
        var micros = ((seconds - whole) * 1_000_000).rounded(.toNearestOrEven)
        if micros >= 1_000_000 {
            whole += 1
            micros -= 1_000_000
        } else if micros < 0 {
            whole -= 1
            micros += 1_000_000
        }
        guard range.contains(whole) else {
            throw invalid(1, "a number of seconds within years 1 to 9999", content)
        }
        return CBORDateTime(secondsSinceEpoch: Int64(whole), microsecond: Int32(micros))
    }

    @Sendable static func epochDate(_ content: Any, _: Bool) throws -> Any {
        guard let days = pythonInteger(content)?.exactly(Int.self), (-719_162...2_932_896).contains(days) else {
            throw invalid(100, "a day count within years 1 to 9999", content)
        }
        return CBORDate(daysSinceEpoch: days)
    }

    /// Tag 1004 takes what cbor2 takes: text that Python's `date.fromisoformat` reads.
    @Sendable static func dateString(_ content: Any, _: Bool) throws -> Any {
        guard let text = content as? String, let parts = PythonISOFormat.date(text),
              let date = CBORDate(year: parts.year, month: parts.month, day: parts.day)
        else {
            throw invalid(1004, "a date string (Python's date.fromisoformat)", content)
        }
        return date
    }

    /// `[exponent, mantissa]` of tags 4 and 5.
    ///
    /// A bigfloat's exponent below `Int.min` is read as `Int.min`: cbor2's
    /// `mantissa * 2 ** exponent` underflows to the same zero for both (`0E-1000026`).
    static func exponentAndMantissa(_ tag: UInt64, _ content: Any) throws -> (Int, CBORBigInt) {
        guard let items = items(content), items.count == 2, let wideExponent = integer(items[0]),
            let mantissa = integer(items[1])
        else { throw invalid(tag, "[exponent, mantissa] integers", content) }
        if let exponent = wideExponent.exactly(Int.self) {
            return (exponent, mantissa)
        }
        guard tag == 5, wideExponent.isNegative else {
            throw CBORError(.invalidTagContent, "tag \(tag): exponent \(wideExponent) is beyond Python's Decimal range")
        }
        return (Int.min, mantissa)
    }

    @Sendable static func decimal(_ content: Any, _: Bool) throws -> Any {
        let (exponent, mantissa) = try exponentAndMantissa(4, content)
        guard PythonDecimalRange.admitsDecimalFraction(mantissa: mantissa, exponent: exponent) else {
            throw CBORError(.invalidTagContent, "tag 4: exponent \(exponent) is beyond Python's Decimal range for this mantissa")
        }
        return CBORDecimal(mantissa: mantissa, exponent: exponent)
    }

    @Sendable static func bigFloat(_ content: Any, _: Bool) throws -> Any {
        let (exponent, mantissa) = try exponentAndMantissa(5, content)
        guard PythonDecimalRange.admitsBigFloat(mantissa: mantissa, exponent: exponent) else {
            throw CBORError(.invalidTagContent, "tag 5: mantissa × 2^\(exponent) overflows Python's default Decimal context")
        }
        return CBORBigFloat(mantissa: mantissa, exponent: exponent)
    }

    /// Tag 30: `[numerator, denominator]` as Python's `Fraction(numerator, denominator)` takes
    /// them: integers (Booleans too) or fractions (tag 30) both, or `null` for the denominator
    /// under an integer, a fraction, a finite float (its exact value), a `Decimal` (tag 4, or
    /// the rounded `Decimal` cbor2 makes of tag 5; its exact value) or text that `Fraction`
    /// reads (``PythonFractionText``). A fraction of a decimal or of decimal text with a part
    /// over 4 300 digits, which Python makes but cannot print, is refused
    /// (``CBORRational/exactly(mantissa:exponent:)``).
    @Sendable static func rational(_ content: Any, _: Bool) throws -> Any {
        guard let items = items(content), items.count == 2 else {
            throw invalid(30, "[numerator, non-zero denominator] integers", content)
        }
        if items[1] is NSNull {
            if let value = rationalOperand(items[0]) ?? exactRational(items[0]) { return value }
            if let value = try singleRational(items[0]) { return value }
        }
        guard let numerator = rationalOperand(items[0]), let denominator = rationalOperand(items[1]) else {
            throw invalid(30, "[numerator, non-zero denominator] integers", content)
        }
        // (a/b) / (c/d) = (a·d) / (b·c)
        guard let top = product(numerator.numerator, denominator.denominator),
              let bottom = product(numerator.denominator, denominator.numerator)
        else {
            throw CBORError(.unsupportedValue, "tag 30 holds fractions whose parts are over \(CBORRational.reducedPartLimit) bytes")
        }
        guard let value = CBORRational(numerator: top, denominator: bottom) else {
            throw invalid(30, "[numerator, non-zero denominator] integers", content)
        }
        return value
    }

    /// `Fraction(value)` of a `Decimal` or of text, exactly; `nil` for anything else.
    /// - Throws: ``CBORError/Code/invalidTagContent`` where Python raises (a NaN or an infinite
    ///   decimal, text `Fraction` does not read, a zero denominator in the text);
    ///   ``CBORError/Code/unsupportedValue`` beyond ``CBORRational/exactly(mantissa:exponent:)``'s
    ///   bounds.
    private static func singleRational(_ value: Any) throws(CBORError) -> CBORRational? {
        switch value {
        case let decimal as CBORDecimal:
            guard decimal.special == nil else {
                throw CBORError(.invalidTagContent, "tag 30 cannot hold \(decimal): Python's Fraction refuses it")
            }
            return try CBORRational.exactly(mantissa: decimal.mantissa, exponent: decimal.exponent)
        case let bigFloat as CBORBigFloat:
            let decimal = try PythonBigFloat.decimal(of: bigFloat).decimal
            return try CBORRational.exactly(mantissa: decimal.mantissa, exponent: decimal.exponent)
        case let text as String:
            switch PythonFractionText.reading(text) {
            case .ratio(let numerator, let denominator):
                guard let value = CBORRational(numerator: numerator, denominator: denominator) else {
                    throw CBORError(
                        .invalidTagContent, "tag 30 holds text whose denominator is zero (Python's ZeroDivisionError)")
                }
                return value
            case .decimal(let mantissa, let exponent):
                return try CBORRational.exactly(mantissa: mantissa, exponent: exponent)
            case nil:
                throw CBORError(
                    .invalidTagContent,
                    "tag 30 holds text that Python's Fraction does not read (as \"1/3\" or \"1e3\")")
            }
        default:
            return nil
        }
    }

    /// An integer (a Boolean too) or a fraction as a rational; `nil` for anything else.
    private static func rationalOperand(_ value: Any) -> CBORRational? {
        if let rational = value as? CBORRational { return rational }
        return pythonInteger(value).flatMap { CBORRational(numerator: $0, denominator: CBORBigInt(1)) }
    }

    /// The exact value of a finite float, as `Fraction(float)` gives it; `nil` for anything else.
    private static func exactRational(_ value: Any) -> CBORRational? {
        guard type(of: value) == Double.self, let double = value as? Double, double.isFinite else { return nil }
        guard double != 0 else { return CBORRational(0, 1) }
        // |double| = significand · 2^exponent, with an integer significand.
        let biased = Int(double.bitPattern >> 52 & 0x7ff)
        let fraction = double.bitPattern & (1 << 52 - 1)
        let significand = biased == 0 ? fraction : fraction | 1 << 52
        let exponent = biased == 0 ? -1074 : biased - 1075
        let power = BigMagnitude(limbs: Array(repeating: 0, count: abs(exponent) / 64) + [1 << UInt64(abs(exponent) % 64)])
        let mantissa = BigMagnitude(limbs: [significand])
        let numerator = exponent >= 0 ? mantissa.multiplied(by: power) : mantissa
        let denominator = exponent >= 0 ? BigMagnitude(limbs: [1]) : power
        return CBORRational(
            numerator: CBORBigInt(isNegative: double < 0, magnitude: numerator.bigEndianBytes),
            denominator: CBORBigInt(isNegative: false, magnitude: denominator.bigEndianBytes))
    }

    /// `left × right`; `nil` when a part is longer than ``CBORRational/reducedPartLimit``
    /// bytes (multiplying takes time that grows with the square of the length).
    private static func product(_ left: CBORBigInt, _ right: CBORBigInt) -> CBORBigInt? {
        if let a = left.exactly(Int64.self), let b = right.exactly(Int64.self) {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            if !overflow { return CBORBigInt(value) }
        }
        guard left.magnitude.count <= CBORRational.reducedPartLimit, right.magnitude.count <= CBORRational.reducedPartLimit else {
            return nil
        }
        let magnitude = BigMagnitude(bigEndian: left.magnitude).multiplied(by: BigMagnitude(bigEndian: right.magnitude))
        return CBORBigInt(isNegative: left.isNegative != right.isNegative && !magnitude.isZero, magnitude: magnitude.bigEndianBytes)
    }

    /// Tag 35: a text or bytes pattern that Python's `re.compile` accepts, as cbor2 requires;
    /// a tag 35 inside is the pattern itself, as `re.compile` returns a compiled pattern as it is.
    @Sendable static func regularExpression(_ content: Any, _: Bool) throws -> Any {
        if let compiled = content as? CBORRegularExpression { return compiled }
        let expression: CBORRegularExpression
        let failure: PythonRegexSyntax.Failure?
        if let text = content as? String {
            expression = CBORRegularExpression(text)
            failure = PythonRegexSyntax.failure(text: text)
        } else if let pattern = bytes(content) {
            expression = CBORRegularExpression(pattern: .bytes(pattern))
            failure = PythonRegexSyntax.failure(bytes: pattern)
        } else {
            throw invalid(35, "a pattern string", content)
        }
        if let failure {
            let place = failure.position.map { " at position \($0)" } ?? ""
            throw CBORError(.invalidTagContent, "tag 35 must hold a pattern Python's re compiles: \(failure.message)\(place)")
        }
        return expression
    }

    /// Tag 36: the message as cbor2's `email.message.Message` writes itself out
    /// (``PythonEmailText``).
    @Sendable static func mime(_ content: Any, _: Bool) throws -> Any {
        // cbor2's email parser reads null as an empty message.
        if content is NSNull { return CBORMIMEMessage(PythonEmailText.asString("")) }
        guard let text = content as? String else { throw invalid(36, "a MIME message string", content) }
        return CBORMIMEMessage(PythonEmailText.asString(text))
    }

    @Sendable static func uuid(_ content: Any, _: Bool) throws -> Any {
        guard let raw = bytes(content), raw.count == 16 else { throw invalid(37, "16 bytes", content) }
        return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                           raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
    }

    /// Tags 52 (IPv4) and 54 (IPv6), RFC 9164: an address, `[prefix, bytes]` for a network,
    /// `[bytes, prefix]` for an interface; for IPv6 also `[bytes, null]` for an address and a
    /// zone after either form, as cbor2 reads them. cbor2 takes a Boolean prefix length for
    /// IPv4 (as 0 or 1) but not for IPv6.
    static func ip(_ tag: UInt64, width: Int) -> @Sendable (Any, Bool) throws -> Any {
        { content, _ in
            if let raw = bytes(content), raw.count == width, let address = CBORIPAddress(bytes: raw) {
                return address
            }
            guard let items = items(content), items.count == 2 || (tag == 54 && items.count == 3) else {
                throw invalid(tag, "an address, [prefix, address] or [address, prefix]", content)
            }
            let zone = items.count == 3 ? ipv6Zone(items[2]) : nil
            guard items.count == 2 || zone != nil else { throw invalid(tag, "a valid zone", content) }
            let prefixLength = { (item: Any) in (tag == 52 ? pythonInteger(item) : integer(item))?.exactly(Int.self) }
            if let prefix = prefixLength(items[0]), let raw = bytes(items[1]), raw.count <= width {
                let padded = raw + Array(repeating: 0, count: width - raw.count)
                if let address = CBORIPAddress(bytes: padded, zone: zone),
                   let network = CBORIPNetwork(address: address, prefixLength: prefix) {
                    return network
                }
            }
            if let raw = bytes(items[0]), raw.count == width, let address = CBORIPAddress(bytes: raw, zone: zone) {
                if items[1] is NSNull, tag == 54 { return address }
                if let prefix = prefixLength(items[1]), let interface = CBORIPInterface(address: address, prefixLength: prefix) {
                    return interface
                }
            }
            throw invalid(tag, "a valid address, network or interface", content)
        }
    }

    /// An IPv6 zone as cbor2 takes it: a byte string of UTF-8 text or an integer (a Boolean
    /// too), as Python's `str()` writes it (`True`); text is refused, as in cbor2 (RFC 9164
    /// has no text zone). Python's `ipaddress` refuses an empty zone and one that holds `%` or
    /// `/`. `nil` for anything refused.
    static func ipv6Zone(_ value: Any) -> String? {
        let text: String?
        if let raw = bytes(value) {
            text = String(validating: raw, as: UTF8.self)
        } else if let flag = value as? Bool, type(of: value) == Bool.self {
            text = flag ? "True" : "False"
        } else {
            text = integer(value)?.description(digitLimit: CBORBigInt.pythonDigitLimit)
        }
        guard let text, !text.isEmpty, !text.contains("%"), !text.contains("/") else { return nil }
        return text
    }

    /// Tag 260 (network address): 4 or 16 bytes are an IP address, 6 bytes (a MAC address)
    /// stay a tag, as cbor2 keeps them; anything else is an error, as in cbor2.
    @Sendable static func networkAddress(_ content: Any, _: Bool) throws -> Any {
        guard let raw = bytes(content) else { throw invalid(260, "4, 6 or 16 bytes", content) }
        if let address = CBORIPAddress(bytes: raw) { return address }
        guard raw.count == 6 else { throw invalid(260, "4, 6 or 16 bytes", content) }
        return CBORTag(260, AnyHashable(raw))
    }

    /// Tag 261 (network prefix): `{address: prefix length}`, which cbor2 hands to Python's
    /// `ip_network` and, when the address has bits set past the prefix, `ip_interface`. The
    /// address is 4 or 16 bytes, an integer (a boolean included) or address text; the prefix
    /// length is an integer, never a boolean, from 0 to the address's width in bits.
    @Sendable static func networkPrefix(_ content: Any, _: Bool) throws -> Any {
        guard let map = content as? OrderedDictionaryLike else { throw invalid(261, "{address: prefix length}", content) }
        let entries = map.pairs
        guard entries.count == 1 else {
            throw CBORError(.invalidTagContent, "tag 261 must hold {address: prefix length}, not a map of \(entries.count) entries")
        }
        let (key, length) = entries[0]
        guard let prefix = integer(length)?.exactly(Int.self) else {
            throw CBORError(.invalidTagContent, "tag 261 must hold an integer prefix length, not \(kind(of: length))")
        }
        // Python tries IPv4 before IPv6 (an integer can be either), a network before an interface.
        let addresses = networkAddresses(key)
        guard !addresses.isEmpty else {
            let what = bytes(key).map { "\($0.count) bytes" } ?? kind(of: key)
            throw CBORError(.invalidTagContent, "tag 261 must hold an address of 4 or 16 bytes, an integer or address text, not \(what)")
        }
        if let network = addresses.lazy.compactMap({ CBORIPNetwork(address: $0, prefixLength: prefix) }).first {
            return network
        }
        if let interface = addresses.lazy.compactMap({ CBORIPInterface(address: $0, prefixLength: prefix) }).first {
            return interface
        }
        throw CBORError(.invalidTagContent, "tag 261 must hold a prefix length from 0 to \(addresses[0].bytes.count * 8), not \(prefix)")
    }

    /// The addresses Python's `ipaddress` reads `key` as, IPv4 first.
    private static func networkAddresses(_ key: Any) -> [CBORIPAddress] {
        if let raw = bytes(key) {
            return CBORIPAddress(bytes: raw).map { [$0] } ?? []
        }
        if let text = key as? String {
            guard !text.contains("/") else { return [] }
            if let quad = PythonIPAddressText.ipv4(Substring(text)) {
                return CBORIPAddress(bytes: quad).map { [$0] } ?? []
            }
            return PythonIPAddressText.ipv6(text).flatMap { CBORIPAddress(bytes: $0.bytes, zone: $0.zone) }.map { [$0] } ?? []
        }
        guard let integer = pythonInteger(key), !integer.isNegative, integer.magnitude.count <= 16 else { return [] }
        let v6 = CBORIPAddress(bytes: Array(repeating: 0, count: 16 - integer.magnitude.count) + integer.magnitude)
        guard integer.magnitude.count <= 4 else { return v6.map { [$0] } ?? [] }
        let v4 = CBORIPAddress(bytes: Array(repeating: 0, count: 4 - integer.magnitude.count) + integer.magnitude)
        return [v4, v6].compactMap { $0 }
    }

    @Sendable static func complex(_ content: Any, _: Bool) throws -> Any {
        guard let items = items(content), items.count == 2, let real = complexPart(items[0]),
            let imaginary = complexPart(items[1])
        else {
            throw invalid(43000, "[real, imaginary] numbers", content)
        }
        return CBORComplex(real: real, imaginary: imaginary)
    }

    /// The integer as a double, when a double holds it exactly (at most 53 significant bits,
    /// within range).
    private static func exactDouble(_ integer: CBORBigInt) -> Double? {
        let bytes = integer.magnitude
        guard let first = bytes.first else { return 0 }
        let bitLength = bytes.count * 8 - first.leadingZeroBitCount
        var trailingZeros = 0
        for byte in bytes.reversed() {
            trailingZeros += byte == 0 ? 8 : byte.trailingZeroBitCount
            if byte != 0 { break }
        }
        guard bitLength - trailingZeros <= 53 else { return nil }
        let double = integer.doubleValue  // exact: no bit is rounded off
        return double.isFinite ? double : nil
    }

    /// A part of a complex number as cbor2 takes it (a Python float, or what `float()` makes of
    /// the value): a float; an int, a bool included (one too large for a float is an error);
    /// a `Decimal` (a bigfloat is one); a `Fraction`. `nil` for anything else, for a `Fraction`
    /// whose parts are not exact as doubles (whose quotient is not computed here), and for a
    /// mantissa of more than 100 000 digits.
    private static func complexPart(_ value: Any) -> Double? {
        switch value {
        case let double as Double where type(of: value) == Double.self: return double
        case let decimal as CBORDecimal:  // float(str(d))
            return decimal.description(digitLimit: CBORDecimal.textDigitLimit).flatMap { Double($0) }
        case let bigFloat as CBORBigFloat: return (try? PythonBigFloat.text(of: bigFloat)).flatMap { Double($0) }
        case let fraction as CBORRational:
            // Both parts exact as doubles: their quotient is rounded once, as Python's is.
            guard let numerator = exactDouble(fraction.numerator), let denominator = exactDouble(fraction.denominator) else {
                return nil
            }
            let quotient = numerator / denominator
            return quotient.isFinite ? quotient : nil  // Python: "integer division result too large"
        default:
            guard let integer = pythonInteger(value) else { return nil }
            let double = integer.doubleValue
            return double.isFinite ? double : nil
        }
    }
}
