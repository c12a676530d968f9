import ConformanceKit
import Testing
@testable import Concise

/// Tags 1004 and 0 accept and refuse the text Python's `date.fromisoformat` and
/// `datetime.fromisoformat` do (cbor2 6.3 calls them), against `Resources/python-isoformat.json`
/// (made by `scripts/vectors/gen_python_isoformat.py` with CPython's own parser: valid text of
/// every layout and seeded mutations of it).
struct PythonISOFormatTests {
    static let file = try? JSONValue.load(resource: "python-isoformat.json")

    static func entries(_ key: String) -> [(text: String, verdict: JSONValue)] {
        (file?[key]?.array ?? []).compactMap { entry in
            guard let pair = entry.array, pair.count == 2, let text = pair[0].string else { return nil }
            return (text, pair[1])
        }
    }

    @Test("the vector file is there, with accepted and refused text of both kinds")
    func vectorFile() {
        for key in ["dates", "datetimes"] {
            let entries = Self.entries(key)
            #expect(entries.count > 1000)
            #expect(entries.contains { $0.verdict != .null } && entries.contains { $0.verdict == .null })
        }
    }

    @Test("date.fromisoformat: the same date, or the same refusal")
    func dates() {
        var disagreements: [String] = []
        for (text, verdict) in Self.entries("dates") {
            let ours = PythonISOFormat.date(text).map { CBORDate(year: $0.year, month: $0.month, day: $0.day)?.description }
            if ours ?? nil != verdict.string {
                disagreements.append("\(text.debugDescription): Python \(verdict.string ?? "refuses"), Concise \(ours.map { $0 ?? "?" } ?? "refuses")")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test("datetime.fromisoformat: the same fields and offset, or the same refusal")
    func dateTimes() {
        var disagreements: [String] = []
        for (text, verdict) in Self.entries("datetimes") {
            let expected = verdict.array?.map { $0.string.flatMap { Int($0) } }
            var actual: [Int?]?
            if let fields = PythonISOFormat.dateTime(text) {
                actual = [fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second,
                          fields.microsecond, fields.offset?.seconds, fields.offset?.microseconds]
            }
            if actual != expected {
                disagreements.append("\(text.debugDescription): Python \(String(describing: expected)), Concise \(String(describing: actual))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test("tag 0 takes what Python parses with an offset; naive text and offsets with microseconds are refused",
          arguments: [
              ("2013-03-21 20:04:00+02", "2013-03-21T20:04:00+02:00"), ("20130321T2004Z", "2013-03-21T20:04:00Z"),
              ("2013-W12-4T20:04:00,5-0130", "2013-03-21T20:04:00.500000-01:30"),
              // Python makes UTC of an offset under a second.
              ("2013-03-21T20:04:00+00:00:00.5", "2013-03-21T20:04:00Z"),
              ("2013-03-21T20:04:00", nil), ("2013-03-21T20:04:00z", nil), ("2013-03-21T20:04:00+00:00:01.5", nil),
          ] as [(String, String?)])
    func tagZero(text: String, expected: String?) throws {
        let bytes = try CBOREncoder().encode(any: CBORTag(0, AnyHashable(text)))
        if let expected {
            let value = try #require(try CBORDecoder().decode(from: bytes) as? CBORDateTime)
            #expect(value.description == expected)
        } else {
            #expect(throws: CBORError(.invalidTagContent, offset: 0, "")) { try CBORDecoder().decode(from: bytes) }
        }
    }
}
