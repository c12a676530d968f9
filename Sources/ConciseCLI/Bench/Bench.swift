import Concise
import ConcreteJSON
import Foundation

/// `concise bench`: MB/s of every workload and operation of the performance issue, measured in
/// thread-CPU time (best of a few rounds) on a release build, beside the references measured in
/// the same run: Foundation's JSON coders in process, and (from `make bench`) a C program
/// calling libcbor and Python's cbor2 on byte-identical inputs.
public struct Bench {
    /// One measured figure.
    public struct Row: Codable, Sendable {
        /// The workload (`ints`, `records`…).
        public var workload: String
        /// `decode` or `encode` (or a transcoding step).
        public var operation: String
        /// The path and backend measured (`CBOR value, native`, `Codable`…).
        public var path: String
        /// Bytes of the format processed, the figure's denominator.
        public var bytes: Int
        /// Megabytes per second of thread-CPU time.
        public var megabytesPerSecond: Double
        /// The reference measured on the same data, if any.
        public var reference: String?
        /// The reference's megabytes per second.
        public var referenceMegabytesPerSecond: Double?
        /// Concise's throughput over the reference's (time ratio where the formats differ).
        public var ratio: Double?
    }

    /// Fewer rounds, for a run under a minute.
    public var quick = false
    /// Only the sections whose "workload path" text contains this (`records`, `Codable`,
    /// `records Codable`…).
    public var filter: String?
    /// Reference figures (JSON lines `{"source", "workload", "decode", "encode"}`) to compare with.
    public var references: [String: [String: [String: Double]]] = [:]

    /// Creates a run with default options.
    public init() {}

    /// Reads reference figures written by `scripts/bench/` runners.
    public mutating func loadReferences(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let source = object["source"] as? String, let workload = object["workload"] as? String
            else { continue }
            for operation in ["decode", "encode"] {
                if let value = object[operation] as? Double { references[source, default: [:]][workload, default: [:]][operation] = value }
            }
        }
    }

    /// The names of the CBOR workloads, in the order they are reported.
    static let plainWorkloadNames = ["ints", "doubles", "records", "bytes", "nested", "f64_1m", "f64_1m_typed"]

    /// The CBOR workloads, by name, in the order they are reported.
    static func plainWorkloads() -> [(String, CBOR)] {
        plainWorkloadNames.compactMap { name in plainWorkload(named: name).map { (name, $0) } }
    }

    /// The workloads also decoded through Codable, into the Swift types of the Codable rows
    /// (``decodeCodable(_:from:with:)``).
    static let codableWorkloads = ["ints", "doubles", "records", "f64_1m"]

    /// `bytes`, the encoded `workload` (one of ``codableWorkloads``), decoded through Codable
    /// into the Swift type of its Codable rows: `[Int64]`, `[BenchRecord]` or `[Double]`.
    static func decodeCodable(_ workload: String, from bytes: [UInt8], with decoder: CBORDecoder) throws -> Any {
        switch workload {
        case "ints": return try decoder.decode([Int64].self, from: bytes)
        case "records": return try decoder.decode([BenchRecord].self, from: bytes)
        default: return try decoder.decode([Double].self, from: bytes)
        }
    }

    /// `value`, what ``decodeCodable(_:from:with:)`` returned, encoded through Codable.
    static func encodeCodable(_ value: Any, with encoder: CBOREncoder) throws -> [UInt8] {
        switch value {
        case let ints as [Int64]: return try encoder.encode(ints)
        case let records as [BenchRecord]: return try encoder.encode(records)
        case let doubles as [Double]: return try encoder.encode(doubles)
        default: throw CBORError(.unsupportedValue, "no Codable workload of type \(type(of: value))")
        }
    }

    /// The CBOR workload called `name`, built alone; `nil` for an unknown name.
    static func plainWorkload(named name: String) -> CBOR? {
        switch name {
        case "ints": return .array(BenchWorkloads.ints().map { CBOR($0) })
        case "doubles": return .array(BenchWorkloads.doubles(100_000, seed: 3).map(CBOR.double))
        case "records": return .array(BenchWorkloads.records().map(BenchWorkloads.recordValue))
        case "bytes": return .byteString(BenchWorkloads.bytes())
        case "nested": return BenchWorkloads.nested()
        case "f64_1m": return .array(BenchWorkloads.doubles(1_000_000, seed: 5).map(CBOR.double))
        case "f64_1m_typed": return CBOR(typedArray: BenchWorkloads.doubles(1_000_000, seed: 5))
        default: return nil
        }
    }

    /// Writes each CBOR workload to `folder/NAME.cbor`, for the reference runners.
    /// - Throws: an error when a file cannot be written.
    public static func writeInputs(to folder: String) throws {
        for (name, value) in plainWorkloads() {
            try Data(try value.encoded()).write(to: URL(fileURLWithPath: "\(folder)/\(name).cbor"))
        }
    }

    /// Runs every measurement.
    /// - Throws: an error if a workload fails to round-trip (a bug).
    public func run() throws -> [Row] {
        var rows: [Row] = []
        let rounds = quick ? 3 : 10
        let clock = BenchClock(rounds: rounds)
        let ints = BenchWorkloads.ints()
        let doubles = BenchWorkloads.doubles(100_000, seed: 3)
        let records = BenchWorkloads.records()
        let f64 = BenchWorkloads.doubles(1_000_000, seed: 5)
        for (name, value) in Self.plainWorkloads() where selected(name, "CBOR value Any") {
            rows += try valuePaths(name, value, clock)
        }
        if selected("ints", "Codable") { rows += try codable("ints", ints, clock) }
        if selected("doubles", "Codable") { rows += try codable("doubles", doubles, clock) }
        if selected("records", "Codable") { rows += try codable("records", records, clock) }
        if selected("f64_1m", "Codable") { rows += try codable("f64_1m", f64, clock) }
        if selected("typed", "RFC 8746") { rows += try typedArrays(f64, clock) }
        if selected("concrete", "ConcreteValue") { rows += try concrete(clock) }
        return rows
    }

    private func selected(_ workload: String, _ path: String) -> Bool {
        guard let filter else { return true }
        return "\(workload) \(path)".contains(filter)
    }

    private func valuePaths(_ name: String, _ value: CBOR, _ clock: BenchClock) throws -> [Row] {
        let bytes = try value.encoded()
        let repeats = name == "nested" ? 1000 : 1
        var valueRows: [Row] = []
        var dynamicRows: [Row] = []
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            decoder.maxDepth = 2048
            var encoder = CBOREncoder()
            encoder.backend = backend
            let decode = try clock.seconds { for _ in 0..<repeats { _ = try decoder.decodeValue(from: bytes) } }
            let encode = try clock.seconds { for _ in 0..<repeats { _ = try encoder.encode(value) } }
            valueRows.append(row(name, "decode", "CBOR value, \(backend)", bytes.count * repeats, decode))
            valueRows.append(row(name, "encode", "CBOR value, \(backend)", bytes.count * repeats, encode))
            if name == "records" {
                // Canonical (keys sorted, floats shortest), beside cbor2's `canonical=True`.
                var canonicalEncoder = encoder
                canonicalEncoder.canonical = true
                let canonicalBytes = try canonicalEncoder.encode(value).count
                let encodeCanonical = try clock.seconds { _ = try canonicalEncoder.encode(value) }
                valueRows.append(row(name, "encode", "CBOR value, canonical, \(backend)", canonicalBytes, encodeCanonical))
            }
            let dynamic = try decoder.decode(from: bytes)
            let decodeAny = try clock.seconds { for _ in 0..<repeats { _ = try decoder.decode(from: bytes) } }
            let encodeAny = try clock.seconds { for _ in 0..<repeats { _ = try encoder.encode(any: dynamic) } }
            dynamicRows.append(row(name, "decode", "Any (cbor2 model), \(backend)", bytes.count * repeats, decodeAny))
            dynamicRows.append(row(name, "encode", "Any (cbor2 model), \(backend)", bytes.count * repeats, encodeAny))
            if name == "records" {
                // The decoded records share one key storage, which the encoder's key runs use;
                // maps a program builds one by one do not.
                let ownMaps = BenchWorkloads.withOwnKeys(dynamic)
                let encodeOwn = try clock.seconds { for _ in 0..<repeats { _ = try encoder.encode(any: ownMaps) } }
                dynamicRows.append(row(name, "encode", "Any, own maps, \(backend)", bytes.count * repeats, encodeOwn))
                // The same records as Swift dictionaries, `[String: Any]`: keys sorted on the
                // way out (the same bytes in another order of keys).
                let dictionaries = BenchWorkloads.withSwiftDictionaries(dynamic)
                let encodeDictionaries = try clock.seconds {
                    for _ in 0..<repeats { _ = try encoder.encode(any: dictionaries) }
                }
                dynamicRows.append(row(name, "encode", "Any, [String: Any], \(backend)", bytes.count * repeats, encodeDictionaries))
                // Canonical (keys sorted, floats shortest), beside cbor2's `canonical=True`.
                var canonicalEncoder = encoder
                canonicalEncoder.canonical = true
                let canonicalBytes = try canonicalEncoder.encode(any: dynamic).count
                let encodeCanonical = try clock.seconds {
                    for _ in 0..<repeats { _ = try canonicalEncoder.encode(any: dynamic) }
                }
                dynamicRows.append(row(name, "encode", "Any, canonical, \(backend)", canonicalBytes * repeats, encodeCanonical))
            }
        }
        return (valueRows + dynamicRows).map(withReferences)
    }

    private func codable<T: Codable>(_ name: String, _ value: T, _ clock: BenchClock) throws -> [Row] {
        let json = try JSONEncoder().encode(value)
        let jsonEncode = try clock.seconds { _ = try JSONEncoder().encode(value) }
        let jsonDecode = try clock.seconds { _ = try JSONDecoder().decode(T.self, from: json) }
        var rows: [Row] = []
        for backend in CBORBackend.allCases {
            var encoder = CBOREncoder()
            encoder.backend = backend
            var decoder = CBORDecoder()
            decoder.backend = backend
            let cbor = try encoder.encode(value)
            let encode = try clock.seconds { _ = try encoder.encode(value) }
            let decode = try clock.seconds { _ = try decoder.decode(T.self, from: cbor) }
            func compared(_ operation: String, _ seconds: Double, _ reference: Double) -> Row {
                var result = row(name, operation, "Codable, \(backend)", cbor.count, seconds)
                result.reference = "Foundation JSON (time ratio)"
                result.referenceMegabytesPerSecond = Double(json.count) / reference / 1e6
                result.ratio = reference / seconds
                return result
            }
            rows += [compared("encode", encode, jsonEncode), compared("decode", decode, jsonDecode)]
        }
        return rows
    }

    private func typedArrays(_ doubles: [Double], _ clock: BenchClock) throws -> [Row] {
        let floats = doubles.map { Float($0) }
        let ints = doubles.map { Int32(truncatingIfNeeded: Int64($0)) }
        var rows: [Row] = []
        func measure<T: CBORTypedArrayElement>(_ label: String, _ values: [T]) throws {
            // The one-copy API: `CBOR(typedArray:)` and `typedArray(of:)` copy the elements twice.
            let bytes = CBOREncoder().encode(typedArray: values)
            let encode = try clock.seconds { _ = CBOREncoder().encode(typedArray: values) }
            let decode = try clock.seconds { _ = try CBORDecoder().decodeTypedArray(of: T.self, from: bytes) }
            rows.append(row("typed \(label) ×1M", "encode", "[\(T.self)] ↔ RFC 8746", bytes.count, encode))
            rows.append(row("typed \(label) ×1M", "decode", "[\(T.self)] ↔ RFC 8746", bytes.count, decode))
        }
        try measure("f64", doubles)
        try measure("f32", floats)
        try measure("i32", ints)
        return rows
    }

    private func concrete(_ clock: BenchClock) throws -> [Row] {
        let json = try BenchWorkloads.concreteArray()
        let value = try ConcreteJSONDecoder().decode(from: json)
        let cbor = try value.encodedCBOR()
        guard try ConcreteJSONEncoder().encodedBytes(try ConcreteValue(decodingCBOR: cbor)) == json else {
            throw CLIError("Concrete JSON → CBOR → JSON changed the 1M-element array")
        }
        return [
            row("concrete f64 ×1M", "decode", "JSON → ConcreteValue", json.count, try clock.seconds { _ = try ConcreteJSONDecoder().decode(from: json) }),
            row("concrete f64 ×1M", "encode", "ConcreteValue → JSON", json.count, try clock.seconds { _ = try ConcreteJSONEncoder().encodedBytes(value) }),
            row("concrete f64 ×1M", "decode", "CBOR → ConcreteValue", cbor.count, try clock.seconds { _ = try ConcreteValue(decodingCBOR: cbor) }),
            row("concrete f64 ×1M", "encode", "ConcreteValue → CBOR", cbor.count, try clock.seconds { _ = try value.encodedCBOR() }),
        ]
    }

    private func row(_ workload: String, _ operation: String, _ path: String, _ bytes: Int, _ seconds: Double) -> Row {
        Row(workload: workload, operation: operation, path: path, bytes: bytes, megabytesPerSecond: Double(bytes) / seconds / 1e6)
    }

    /// Adds the C libcbor floor (for the value paths) or cbor2 (for `Any`) when measured.
    private func withReferences(_ row: Row) -> Row {
        var row = row
        let source = row.path.contains("canonical") ? "cbor2 canonical" : row.path.hasPrefix("Any") ? "cbor2" : "libcbor (C)"
        if let reference = references[source]?[row.workload]?[row.operation] {
            row.reference = source
            row.referenceMegabytesPerSecond = reference
            row.ratio = row.megabytesPerSecond / reference
        }
        return row
    }

    /// The rows as an aligned text table.
    public static func table(_ rows: [Row]) -> String {
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        func line(_ cells: [String]) -> String {
            [pad(cells[0], 18), pad(cells[1], 7), pad(cells[2], 28), pad(cells[3], 10, right: true),
             pad(cells[4], 29), pad(cells[5], 10, right: true), pad(cells[6], 8, right: true)].joined(separator: " ")
        }
        var lines = [line(["workload", "op", "path", "MB/s", "  reference", "ref MB/s", "ratio"])]
        for row in rows {
            lines.append(line([
                row.workload, row.operation, row.path, String(format: "%.1f", row.megabytesPerSecond),
                "  " + (row.reference ?? ""), row.referenceMegabytesPerSecond.map { String(format: "%.1f", $0) } ?? "",
                row.ratio.map { String(format: "%.2f×", $0) } ?? "",
            ]))
        }
        return lines.joined(separator: "\n")
    }
}

/// Thread-CPU time, best of a fixed number of rounds.
struct BenchClock {
    let rounds: Int

    func seconds(_ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = Self.now()
            try body()
            best = min(best, Self.now() - start)
        }
        return max(best, 1e-9)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
