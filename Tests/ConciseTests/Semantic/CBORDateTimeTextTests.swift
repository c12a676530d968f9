import Foundation
import Testing
@testable import Concise
@testable import ConciseCLI

/// ``CBORDateTime/description``, the text tag 0 holds, written digit by digit: against
/// Python's `datetime.isoformat()` as cbor2 writes it (`+00:00` made `Z`), and against C's
/// `printf` formats, which it replaced.
struct CBORDateTimeTextTests {
    @Test("the text of date-times across Python's years, with microseconds and offsets of every sign, is what cbor2 writes")
    func asCbor2Writes() {
        // (seconds since the epoch, microsecond, UTC offset, Python's text): generated with
        // `datetime.isoformat()` of CPython 3.11.
        let cases: [(Int64, Int32, Int?, String)] = [
            (1363896240, 500000, 7200, "2013-03-21T22:04:00.500000+02:00"),
            (0, 0, 0, "1970-01-01T00:00:00Z"),
            (-1, 999999, 0, "1969-12-31T23:59:59.999999Z"),
            (253402300799, 999999, nil, "9999-12-31T23:59:59.999999"),
            (-62135510400, 0, -17970, "0001-01-01T19:00:30-04:59:30"),
            (951782400, 1, -86399, "2000-02-28T00:00:01.000001-23:59:59"),
            (1234567890, 123456, 19800, "2009-02-14T05:01:30.123456+05:30"),
            (86399, 0, nil, "1970-01-01T23:59:59"),
            (4102444800, 5, 50400, "2100-01-01T14:00:00.000005+14:00"),
            (77978785477, 777820, 84527, "4441-01-19T05:13:24.777820+23:28:47"),
            (75060162036, 0, nil, "4348-07-24T21:00:36"),
            (197159367679, 0, 13414, "8217-09-25T06:44:53+03:43:34"),
            (251835078919, 0, 0, "9950-05-03T20:35:19Z"),
            (37849105053, 960857, nil, "3169-05-23T08:17:33.960857"),
            (181034596555, 0, nil, "7706-10-04T19:55:55"),
        ]
        for (seconds, microsecond, offset, text) in cases {
            #expect(CBORDateTime(secondsSinceEpoch: seconds, microsecond: microsecond, utcOffset: offset).description == text)
        }
    }

    @Test("random date-times, years beyond Python's and before year 1 included, read as C's printf formats write them")
    func asPrintfWrites() {
        var generator = SplitMix64(state: 3339)
        for _ in 0..<3_000 {
            let seconds = Int64.random(in: -200_000_000_000...600_000_000_000, using: &generator)
            let microsecond = Bool.random(using: &generator) ? 0 : Int32.random(in: 0..<1_000_000, using: &generator)
            let offset = [nil, 0, Int.random(in: -86_399...86_399, using: &generator)].randomElement(using: &generator) ?? nil
            let value = CBORDateTime(secondsSinceEpoch: seconds, microsecond: microsecond, utcOffset: offset)
            #expect(value.description == Self.printfText(value), "\(seconds) \(microsecond) \(String(describing: offset))")
        }
    }

    /// The text as the description wrote it before, with Foundation's `String(format:)`.
    private static func printfText(_ value: CBORDateTime) -> String {
        let local = value.secondsSinceEpoch + Int64(value.utcOffset ?? 0)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let date = CBORDate(daysSinceEpoch: Int(days))
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day,
                          Int(secondOfDay / 3600), Int(secondOfDay / 60 % 60), Int(secondOfDay % 60))
        if value.microsecond != 0 {
            text += String(format: ".%06d", value.microsecond)
        }
        guard let offset = value.utcOffset else { return text }
        if offset == 0 { return text + "Z" }
        let magnitude = abs(offset)
        text += String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", magnitude / 3600, magnitude / 60 % 60)
        if magnitude % 60 != 0 { text += String(format: ":%02d", magnitude % 60) }
        return text
    }
}
