import Foundation

/// A date-time of tags 0 and 1 (RFC 8949 §3.4.1–2), exact to the microsecond, with its UTC
/// offset; cbor2's `datetime`.
///
/// Foundation's `Date` is a `Double` and cannot hold every microsecond exactly, nor an offset, so
/// decoding returns this type; ``date`` converts. A `nil` ``utcOffset`` is a naive date-time
/// (encoding only): the encoder applies ``CBOREncoder/timeZoneOffset`` or fails.
public struct CBORDateTime: Hashable, Sendable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// Microseconds past ``secondsSinceEpoch``, 0 to 999 999.
    public var microsecond: Int32
    /// Seconds east of UTC, or `nil` for a naive date-time.
    public var utcOffset: Int?

    /// Creates a date-time from seconds and microseconds since the epoch.
    public init(secondsSinceEpoch: Int64, microsecond: Int32 = 0, utcOffset: Int? = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.microsecond = microsecond
        self.utcOffset = utcOffset
    }

    /// The seconds since 1970 of 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years
    /// Python's `datetime` and RFC 3339's four-digit `date-fullyear` hold.
    static let secondsOfYears1To9999: Range<Double> = -62_135_596_800..<253_402_300_800

    /// Creates a date-time from a `Date`, rounded to the microsecond. A date that is not finite,
    /// or more than about 292 000 years from 1970 (past `Int64` microseconds), becomes
    /// 1970-01-01T00:00:00Z; the encoders refuse such dates before they get here.
    public init(_ date: Date, utcOffset: Int? = 0) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let total = Int64(exactly: micros) ?? 0
        let (seconds, remainder) = total.quotientAndRemainder(dividingBy: 1_000_000)
        self.init(
            secondsSinceEpoch: remainder < 0 ? seconds - 1 : seconds,
            microsecond: Int32(remainder < 0 ? remainder + 1_000_000 : remainder), utcOffset: utcOffset)
    }

    /// The instant as a Foundation `Date` (a naive date-time is read as UTC).
    public var date: Date {
        Date(timeIntervalSince1970: Double(secondsSinceEpoch) + Double(microsecond) / 1_000_000)
    }

    /// Microseconds since the epoch.
    public var microsecondsSinceEpoch: Int64 {
        secondsSinceEpoch &* 1_000_000 &+ Int64(microsecond)
    }

    /// Seconds since the epoch as Python's `datetime.timestamp()` gives them: the microseconds
    /// divided by a million and rounded once to the nearest double, ties to even (Python's true
    /// division of integers). Converting the microseconds to a double first would round twice
    /// past 2^53 microseconds (about the year 2255).
    var timestamp: Double {
        let micros = microsecondsSinceEpoch
        guard micros.magnitude >= 1 << 53 else {
            // Both exact as doubles: the division rounds once.
            return Double(micros) / 1_000_000
        }
        // |micros| / 10^6 lies in [2^e, 2^(e+1)) with e from 33 to 43: scaled by 2^(52-e), its
        // nearest integer is the double's 53-bit significand.
        let magnitude = micros.magnitude
        let exponent = UInt64.bitWidth - 1 - (magnitude / 1_000_000).leadingZeroBitCount
        let shift = 52 - exponent
        let scaled = UInt128(magnitude) << shift
        var significand = scaled / 1_000_000
        let remainder = scaled % 1_000_000
        if remainder * 2 > 1_000_000 || (remainder * 2 == 1_000_000 && significand & 1 == 1) {
            significand += 1
        }
        let result = Double(significand) * Double(sign: .plus, exponent: -shift, significand: 1)
        return micros < 0 ? -result : result
    }

    /// RFC 3339 text as cbor2 writes it: `2013-03-21T22:04:00.500000+02:00`, `Z` for UTC,
    /// microseconds only when not zero, no offset for a naive date-time.
    public var description: String {
        let local = secondsSinceEpoch + Int64(utcOffset ?? 0)
        let (days, secondOfDay) = Self.floorDivision(local, 86_400)
        let date = CBORDate(daysSinceEpoch: days)
        // Digit by digit into the string's own storage: Foundation's `String(format:)` took
        // about 40 000 instructions a date. At most 44 bytes: a year of up to 12 digits and a
        // sign, 15 for the rest of the date and time, 7 for microseconds, 9 for the offset.
        return String(unsafeUninitializedCapacity: 48) { buffer in
            var text = DigitWriter(buffer: buffer)
            text.append(date.year, digits: 4)
            text.append("-")
            text.append(date.month, digits: 2)
            text.append("-")
            text.append(date.day, digits: 2)
            text.append("T")
            text.append(Int(secondOfDay / 3600), digits: 2)
            text.append(":")
            text.append(Int(secondOfDay / 60 % 60), digits: 2)
            text.append(":")
            text.append(Int(secondOfDay % 60), digits: 2)
            if microsecond != 0 {
                text.append(".")
                text.append(Int(microsecond), digits: 6)
            }
            if let offset = utcOffset {
                if offset == 0 {
                    text.append("Z")
                } else {
                    let magnitude = abs(offset)
                    text.append(offset < 0 ? "-" : "+")
                    text.append(magnitude / 3600, digits: 2)
                    text.append(":")
                    text.append(magnitude / 60 % 60, digits: 2)
                    if magnitude % 60 != 0 {
                        text.append(":")
                        text.append(magnitude % 60, digits: 2)
                    }
                }
            }
            return text.count
        }
    }

    /// Writes ASCII into a buffer of room enough (the 48 bytes of ``description``).
    private struct DigitWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        /// The bytes written.
        private(set) var count = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        /// Appends one ASCII character.
        mutating func append(_ character: Unicode.Scalar) {
            buffer[count] = UInt8(ascii: character)
            count += 1
        }

        /// Appends `value` in decimal, padded with zeros to `digits` characters, a minus sign
        /// counted among them, as C's `%0*d` writes it.
        mutating func append(_ value: Int, digits: Int) {
            if value < 0 {
                append("-")
            }
            var length = 1
            var rest = value.magnitude
            while rest >= 10 {
                rest /= 10
                length += 1
            }
            let width = Swift.max(length, value < 0 ? digits - 1 : digits)
            rest = value.magnitude
            for index in (count..<count + width).reversed() {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += width
        }
    }

    /// Parses RFC 3339 text (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`), as tag 0 holds.
    public init?(rfc3339 text: String) {
        let characters = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= characters.count else { return nil }
            var value = 0
            for byte in characters[start..<start + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard characters.count >= 20, let year = number(0, 4), characters[4] == 45, let month = number(5, 2),
            characters[7] == 45, let day = number(8, 2), characters[10] == 84 || characters[10] == 116,
            let hour = number(11, 2), characters[13] == 58, let minute = number(14, 2), characters[16] == 58,
            let second = number(17, 2), let date = CBORDate(year: year, month: month, day: day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var micro = 0
        if index < characters.count, characters[index] == 46 {
            index += 1
            var digits = 0
            while index < characters.count, characters[index] >= 48, characters[index] <= 57 {
                if digits < 6 { micro = micro * 10 + Int(characters[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micro *= 10 }
        }
        guard index < characters.count else { return nil }
        var offset = 0
        switch characters[index] {
        case 90, 122:
            guard index + 1 == characters.count else { return nil }
        case 43, 45:
            guard index + 6 == characters.count, let hours = number(index + 1, 2), characters[index + 3] == 58,
                let minutes = number(index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (characters[index] == 45 ? -1 : 1)
        default:
            return nil
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(secondsSinceEpoch: local - Int64(offset), microsecond: Int32(micro), utcOffset: offset)
    }

    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (Int(quotient - 1), remainder + divisor) : (Int(quotient), remainder)
    }
}
