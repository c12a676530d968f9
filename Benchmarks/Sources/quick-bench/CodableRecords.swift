import Concise
import Foundation

/// The records workload as a Codable model.
struct Record: Codable {
    var id: Int
    var name: String
    var score: Double
    var tags: [String]
    var active: Bool
}

enum CodableWorkload {
    static func records() -> [Record] {
        var rng = SplitMix64(state: 2)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func word(_ count: Int) -> String {
            String((0..<count).map { _ in letters[Int(rng.next() % 26)] })
        }
        return (0..<10_000).map { index in
            Record(id: index, name: word(12), score: Double(rng.next() % 1_000_000) / 1000,
                   tags: [word(5), word(6), word(7)], active: rng.next() % 2 == 0)
        }
    }

    /// Codable encode and decode of the records, next to Foundation's JSON coders on the same
    /// values; MB/s of each coder's own output.
    static func run(rounds: Int) throws {
        let records = records()
        let cbor = try CBOREncoder().encode(records)
        let json = try JSONEncoder().encode(records)
        var sink = 0
        let cborEncode = try measure(rounds: rounds) { sink &+= try CBOREncoder().encode(records).count }
        let cborDecode = try measure(rounds: rounds) { sink &+= try CBORDecoder().decode([Record].self, from: cbor).count }
        let jsonEncode = try measure(rounds: rounds) { sink &+= try JSONEncoder().encode(records).count }
        let jsonDecode = try measure(rounds: rounds) { sink &+= try JSONDecoder().decode([Record].self, from: json).count }
        let cborMB = Double(cbor.count) / 1e6
        let jsonMB = Double(json.count) / 1e6
        print(String(format: "codable records: CBOR %d bytes encode %.1f MB/s (%.1f ms) decode %.1f MB/s (%.1f ms)",
                     cbor.count, cborMB / cborEncode, cborEncode * 1000, cborMB / cborDecode, cborDecode * 1000))
        print(String(format: "foundation JSON: %d bytes encode %.1f MB/s (%.1f ms) decode %.1f MB/s (%.1f ms)  (%d)",
                     json.count, jsonMB / jsonEncode, jsonEncode * 1000, jsonMB / jsonDecode, jsonDecode * 1000, sink % 2))
        print(String(format: "ratio (time, Foundation / Concise): encode %.2fx, decode %.2fx", jsonEncode / cborEncode, jsonDecode / cborDecode))
    }
}
