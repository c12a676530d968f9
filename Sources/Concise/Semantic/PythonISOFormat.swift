/// Python 3.11's `date.fromisoformat` and `datetime.fromisoformat`, which cbor2 6.3 calls for
/// the strings of tags 1004 and 0: CPython's C parser, step by step, over the text's UTF-8
/// bytes, so that Concise accepts and refuses what cbor2 does.
///
/// What that parser accepts is wider than RFC 3339: basic and ISO week dates (`20130321`,
/// `2013-W12-4`), any one character between date and time, hours alone or without colons,
/// a comma before the fraction, digits past the sixth ignored, offsets such as `+02`,
/// `+0200` or `+02:00:30`. It also has the C implementation's quirks: the bytes after a valid
/// 8-digit date of 10 bytes are not looked at, and a NUL ends the text for every check that
/// looks for its end.
enum PythonISOFormat {
    /// The parts of a date-time text, checked as Python's constructors check them.
    struct DateTimeFields {
        var year: Int
        var month: Int
        var day: Int
        var hour = 0
        var minute = 0
        var second = 0
        var microsecond = 0
        /// Seconds east of UTC (rounded down) and the microseconds past them (0 to 999 999), as
        /// Python's `timedelta` holds an offset; `nil` for a naive date-time.
        var offset: (seconds: Int, microseconds: Int)?
    }

    /// `date.fromisoformat(text)`: the date, or `nil` where Python raises `ValueError`.
    static func date(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Bytes(text)
        guard [7, 8, 10].contains(bytes.count), let date = parseDate(bytes, length: bytes.count) else { return nil }
        return isValidDate(date) ? date : nil
    }

    /// `datetime.fromisoformat(text)`: the fields, or `nil` where Python raises `ValueError`.
    static func dateTime(_ text: String) -> DateTimeFields? {
        // Python counts characters here, bytes everywhere else.
        guard text.unicodeScalars.count >= 7 else { return nil }
        let bytes = Bytes(text)
        let separator = separatorLocation(bytes)
        guard separator >= 0, let date = parseDate(bytes, length: separator) else { return nil }
        var fields = DateTimeFields(year: date.year, month: date.month, day: date.day)
        if bytes.count > separator {
            // Past the separator, one character of one to four bytes.
            let lead = bytes[separator]
            let width = lead < 0x80 ? 1 : lead & 0xf0 == 0xe0 ? 3 : lead & 0xf0 == 0xf0 ? 4 : 2
            guard parseTime(bytes, from: separator + width, into: &fields) else { return nil }
        }
        guard isValidDate(date), fields.hour < 24, fields.minute < 60, fields.second < 60 else { return nil }
        if let offset = fields.offset {
            // `timezone` takes offsets strictly within a day.
            let total = Int64(offset.seconds) * 1_000_000 + Int64(offset.microseconds)
            guard abs(total) < 86_400_000_000 else { return nil }
        }
        return fields
    }

    /// The text's UTF-8 bytes, read as C reads a NUL-terminated buffer: 0 past the end.
    private struct Bytes {
        let storage: [UInt8]
        init(_ text: String) { storage = Array(text.utf8) }
        var count: Int { storage.count }
        subscript(index: Int) -> UInt8 { index < storage.count ? storage[index] : 0 }
    }

    /// `count` decimal digits at `position`, which moves past them (and past the first
    /// non-digit, as C's pointer does).
    private static func digits(_ bytes: Bytes, at position: inout Int, count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            let digit = bytes[position] &- UInt8(ascii: "0")
            position += 1
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// `_find_isoformat_datetime_separator`: where the date ends (the date's own layout tells).
    private static func separatorLocation(_ bytes: Bytes) -> Int {
        let length = bytes.count
        if length == 7 { return 7 }
        if bytes[4] == UInt8(ascii: "-") {
            guard bytes[5] == UInt8(ascii: "W") else { return 10 }
            if length < 8 { return -1 }
            guard length > 8, bytes[8] == UInt8(ascii: "-") else { return 8 }
            if length == 9 { return -1 }
            // YYYY-Www-D or YYYY-Www followed by a time with a hyphen as the separator:
            // Python takes the hyphen.
            if length > 10, bytes[10] &- UInt8(ascii: "0") < 10 { return 8 }
            return 10
        }
        guard bytes[4] == UInt8(ascii: "W") else { return 8 }
        // YYYYWww or YYYYWwwd: an odd number of digits before the time means a day digit.
        var index = 7
        while index < length, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        if index < 9 { return index }
        return index % 2 == 0 ? 7 : 8
    }

    /// `parse_isoformat_date` over the first `length` bytes (only the week form looks at it).
    private static func parseDate(_ bytes: Bytes, length: Int) -> (year: Int, month: Int, day: Int)? {
        var position = 0
        guard let year = digits(bytes, at: &position, count: 4) else { return nil }
        let usesSeparator = bytes[position] == UInt8(ascii: "-")
        if usesSeparator { position += 1 }
        if bytes[position] == UInt8(ascii: "W") {
            position += 1
            guard let week = digits(bytes, at: &position, count: 2) else { return nil }
            var weekday = 1
            if position < length {
                if usesSeparator {
                    guard bytes[position] == UInt8(ascii: "-") else { return nil }
                    position += 1
                }
                guard let day = digits(bytes, at: &position, count: 1) else { return nil }
                weekday = day
            }
            return isoWeekDate(year: year, week: week, weekday: weekday)
        }
        guard let month = digits(bytes, at: &position, count: 2) else { return nil }
        if usesSeparator {
            guard bytes[position] == UInt8(ascii: "-") else { return nil }
            position += 1
        }
        guard let day = digits(bytes, at: &position, count: 2) else { return nil }
        return (year, month, day)
    }

    /// `parse_isoformat_time` from `start` to the end: the time, and the offset when there is one.
    private static func parseTime(_ bytes: Bytes, from start: Int, into fields: inout DateTimeFields) -> Bool {
        let end = bytes.count
        // The first Z, + or - starts the offset (C looks at `start` even when it is the end).
        var offsetStart = start
        repeat {
            let byte = bytes[offsetStart]
            if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { break }
            offsetStart += 1
        } while offsetStart < end
        guard let time = clockTime(bytes, from: start, to: offsetStart) else { return false }
        (fields.hour, fields.minute, fields.second, fields.microsecond) = (time.hour, time.minute, time.second, time.microsecond)
        if offsetStart == end {
            return !time.hasMore
        }
        if bytes[offsetStart] == UInt8(ascii: "Z") {
            fields.offset = (0, 0)
            return bytes[offsetStart + 1] == 0
        }
        let sign = bytes[offsetStart] == UInt8(ascii: "-") ? -1 : 1
        guard let offset = clockTime(bytes, from: offsetStart + 1, to: end), !offset.hasMore else { return false }
        let seconds = sign * (offset.hour * 3600 + offset.minute * 60 + offset.second)
        // Python makes UTC of any offset whose whole seconds are zero, microseconds or not;
        // otherwise a `timedelta`, whose microseconds are never negative.
        let microseconds = seconds == 0 ? 0 : sign * offset.microsecond
        let borrow = microseconds < 0 ? 1 : 0
        fields.offset = (seconds - borrow, microseconds + borrow * 1_000_000)
        return true
    }

    /// `parse_hh_mm_ss_ff`: `HH[:?MM[:?SS[{.,}ffffff]]]` from `start` up to `end`; `hasMore`
    /// when something other than the end of the text follows.
    private static func clockTime(_ bytes: Bytes, from start: Int, to end: Int)
        -> (hour: Int, minute: Int, second: Int, microsecond: Int, hasMore: Bool)?
    {
        var values = [0, 0, 0]
        var position = start
        var hasSeparator = true
        for index in 0..<3 {
            guard let value = digits(bytes, at: &position, count: 2) else { return nil }
            values[index] = value
            let character = bytes[position]
            position += 1
            if index == 0 { hasSeparator = character == UInt8(ascii: ":") }
            if position >= end {
                return (values[0], values[1], values[2], 0, character != 0)
            } else if hasSeparator && character == UInt8(ascii: ":") {
                continue
            } else if character == UInt8(ascii: ".") || character == UInt8(ascii: ",") {
                break
            } else if !hasSeparator {
                position -= 1
            } else {
                return nil
            }
        }
        // After a fraction mark, or after three parts without one, C reads a fraction all the same.
        let remaining = Swift.max(0, end - position)
        let count = Swift.min(remaining, 6)
        guard var microsecond = digits(bytes, at: &position, count: count) else { return nil }
        if count < 6 {
            for _ in count..<6 { microsecond *= 10 }
        }
        while bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        return (values[0], values[1], values[2], microsecond, bytes[position] != 0)
    }

    /// `iso_to_ymd`: the date of a week date, or `nil` for a week or day out of range or a
    /// date before 0001-01-01.
    private static func isoWeekDate(year: Int, week: Int, weekday: Int) -> (year: Int, month: Int, day: Int)? {
        if week <= 0 || week >= 53 {
            guard week == 53 else { return nil }
            // Years that start on a Thursday, and leap years that start on a Wednesday, have 53.
            let firstWeekday = (cWeekday(year: year, month: 1, day: 1) + 1) % 7
            guard firstWeekday == 4 || (firstWeekday == 3 && isLeap(year)) else { return nil }
        }
        guard weekday > 0, weekday < 8 else { return nil }
        let ordinal = isoWeek1Monday(year) + (week - 1) * 7 + weekday - 1
        // Python's ordinal arithmetic is undefined below 1; every such date is refused.
        guard ordinal >= 1 else { return nil }
        let date = CBORDate(daysSinceEpoch: ordinal - 719_163)
        return (date.year, date.month, date.day)
    }

    private static func isLeap(_ year: Int) -> Bool {
        CBORDate.days(inMonth: 2, year: year) == 29
    }

    /// Python's `date` range: years 1 to 9999, and a real day of the month.
    private static func isValidDate(_ date: (year: Int, month: Int, day: Int)) -> Bool {
        (1...9999).contains(date.year) && CBORDate(year: date.year, month: date.month, day: date.day) != nil
    }

    // C's `ymd_to_ord`, `weekday` and `iso_week1_monday`, with C's truncating `/` and `%`
    // (Swift's are the same), which matters for year 0.

    private static func cOrdinal(year: Int, month: Int, day: Int) -> Int {
        let before = year - 1
        let beforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1]
            + (month > 2 && isLeap(year) ? 1 : 0)
        return before * 365 + before / 4 - before / 100 + before / 400 + beforeMonth + day
    }

    private static func cWeekday(year: Int, month: Int, day: Int) -> Int {
        (cOrdinal(year: year, month: month, day: day) + 6) % 7
    }

    private static func isoWeek1Monday(_ year: Int) -> Int {
        let firstDay = cOrdinal(year: year, month: 1, day: 1)
        let firstWeekday = (firstDay + 6) % 7
        var monday = firstDay - firstWeekday
        if firstWeekday > 3 { monday += 7 }
        return monday
    }
}
