import Foundation

/// Writers of the Swift types that stand for cbor2's built-in tags, byte for byte as cbor2 6.3
/// writes the equivalent Python values. The arrays inside a tag go through ``CBORWriter/encode(_:)``
/// as cbor2 writes its lists: marked shareable under value sharing (but a `Fraction`'s pair),
/// indefinite under `indefiniteContainers`, in a string-reference namespace where none is open.
/// Their text goes through an encoder registered for `String` when there is one
/// (``CBORWriter/encodeTagText(_:)``), as cbor2's `encode_semantic` hands a pattern, a message
/// or a date's text to the `str` encoder.
enum BuiltInEncoders {
    static func dateTime(_ writer: CBORWriter, _ value: CBORDateTime) throws {
        var value = value
        func outside() -> CBORError {
            CBORError(.unsupportedValue, "a date-time \(value.secondsSinceEpoch) seconds from 1970 is outside the years 1 to 9999, which tags 0 and 1 hold here (as Python's datetime)")
        }
        if value.utcOffset == nil {
            guard let offset = writer.options.timeZoneOffset else {
                throw CBORError(.unsupportedValue, "naive date-time encountered and no default time zone (timeZoneOffset) has been set")
            }
            // A naive date-time holds wall-clock time; in that zone the instant is earlier by
            // the offset.
            let (instant, overflow) = value.secondsSinceEpoch.subtractingReportingOverflow(Int64(offset))
            guard !overflow else { throw outside() }
            value.secondsSinceEpoch = instant
            value.utcOffset = offset
        }
        // Python's datetime holds local years 1 to 9999, and tag 0's text has four digits.
        let (local, overflow) = value.secondsSinceEpoch.addingReportingOverflow(Int64(value.utcOffset ?? 0))
        let day = local >= 0 ? local / 86_400 : (local + 1) / 86_400 - 1
        guard !overflow, (-719_162...2_932_896).contains(day) else { throw outside() }
        if writer.options.datetimeAsTimestamp {
            // As cbor2 writes it: Python's `timestamp()`, as an integer when that is whole, also
            // where the microseconds round away (past 2^53 of them, about the year 2255).
            writer.encodeTag(1)
            let timestamp = value.timestamp
            if value.microsecond != 0, timestamp.rounded(.towardZero) != timestamp {
                writer.encodeFloat(timestamp)
            } else {
                writer.encodeInteger(value.microsecond == 0 ? value.secondsSinceEpoch : Int64(timestamp))
            }
        } else {
            writer.encodeTag(0)
            try writer.encodeTagText(value.description)
        }
    }

    /// The date-time of a `Date`, rounded to the microsecond.
    /// - Throws: ``CBORError/Code/unsupportedValue`` for a date outside the years 1 to 9999,
    ///   which Python's `datetime` and RFC 3339 text cannot hold (nor the decoder read back).
    static func dateTime(of date: Date) throws -> CBORDateTime {
        let seconds = date.timeIntervalSince1970
        // The instant written is the one rounded to the microsecond.
        let rounded = (seconds * 1_000_000).rounded() / 1_000_000
        guard CBORDateTime.secondsOfYears1To9999.contains(rounded) else {
            throw CBORError(.unsupportedValue, "a Date \(seconds) seconds from 1970 is outside the years 1 to 9999, which tags 0 and 1 hold here (as Python's datetime)")
        }
        return CBORDateTime(date)
    }

    static func date(_ writer: CBORWriter, _ value: CBORDate) throws {
        if writer.options.dateAsDatetime {
            let midnight = CBORDateTime(secondsSinceEpoch: Int64(value.daysSinceEpoch) * 86_400, utcOffset: nil)
            return try dateTime(writer, midnight)
        }
        if writer.options.datetimeAsTimestamp {
            writer.encodeTag(100)
            writer.encodeInteger(value.daysSinceEpoch)
        } else {
            writer.encodeTag(1004)
            try writer.encodeTagText(value.description)
        }
    }

    static func decimal(_ writer: CBORWriter, _ value: CBORDecimal) throws {
        switch value.special {
        case .nan: writer.output.writeHalf(bitPattern: 0x7e00)
        case .infinity: writer.output.writeHalf(bitPattern: 0x7c00)
        case .negativeInfinity: writer.output.writeHalf(bitPattern: 0xfc00)
        case nil:
            writer.encodeTag(4)
            try writer.encode([value.exponent, value.mantissa] as [Any])
        }
    }

    static func bigFloat(_ writer: CBORWriter, _ value: CBORBigFloat) throws {
        writer.encodeTag(5)
        try writer.encode([value.exponent, value.mantissa] as [Any])
    }

    static func rational(_ writer: CBORWriter, _ value: CBORRational) throws {
        writer.encodeTag(30)
        try writer.encodeUnshareableArray([value.numerator, value.denominator])
    }

    static func regularExpression(_ writer: CBORWriter, _ value: CBORRegularExpression) throws {
        writer.encodeTag(35)
        switch value.pattern {
        case .text(let text): try writer.encodeTagText(text)
        case .bytes(let bytes): writer.encodeBytes(bytes)
        }
    }

    static func ipAddress(_ writer: CBORWriter, _ value: CBORIPAddress) throws {
        writer.encodeTag(value.isIPv6 ? 54 : 52)
        if let zone = value.zone {
            try writer.encode([value.bytes, NSNull(), Array(zone.utf8)] as [Any])
        } else {
            writer.encodeBytes(value.bytes)
        }
    }

    static func ipNetwork(_ writer: CBORWriter, _ value: CBORIPNetwork) throws {
        writer.encodeTag(value.address.isIPv6 ? 54 : 52)
        var bytes = value.address.bytes
        while bytes.last == 0 { bytes.removeLast() }
        try writer.encode([value.prefixLength, bytes] as [Any])
    }

    static func ipInterface(_ writer: CBORWriter, _ value: CBORIPInterface) throws {
        writer.encodeTag(value.address.isIPv6 ? 54 : 52)
        let zone: [Any] = value.address.zone.map { [Array($0.utf8)] } ?? []
        try writer.encode([value.address.bytes, value.prefixLength] + zone)
    }

    static func complex(_ writer: CBORWriter, _ value: CBORComplex) throws {
        writer.encodeTag(43000)
        try writer.encode([value.real, value.imaginary] as [Any])
    }

    static func uuid(_ writer: CBORWriter, _ value: UUID) {
        writer.encodeTag(37)
        writer.encodeBytes(withUnsafeBytes(of: value.uuid) { Array($0) })
    }

    static func foundationDecimal(_ writer: CBORWriter, _ value: Decimal) throws {
        guard let decimal = value.isNaN ? CBORDecimal(.nan) : CBORDecimal(value.description) else {
            throw CBORError(.unsupportedValue, "cannot encode the decimal \(value)")
        }
        try Self.decimal(writer, decimal)
    }
}
