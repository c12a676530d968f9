import Concise
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `concise bench --memory`: peak resident memory while decoding each workload, against the
/// performance issue's bound of 3× (input + decoded result). Every figure comes from a fresh
/// process (`concise bench --memory-probe WORKLOAD/PATH`), so no earlier allocation hides in it.
///
/// Linux only: the peak is `VmHWM` of `/proc/self/status`, reset through `/proc/self/clear_refs`
/// just before decoding; the result's size is the resident growth that stays once the decode is
/// over and glibc's `malloc_trim` has returned freed pages.
public enum BenchMemory {
    /// One measured decode.
    public struct Row: Codable, Sendable {
        /// The workload (`ints`, `records`…).
        public var workload: String
        /// The path decoded into (`CBOR value, native`, `Any (cbor2 model), native`…).
        public var path: String
        /// Bytes of CBOR decoded.
        public var inputBytes: Int
        /// Resident bytes the decoded value holds.
        public var resultBytes: Int
        /// The most resident memory at once while decoding, input included.
        public var peakBytes: Int
        /// `peakBytes / (inputBytes + resultBytes)`: the bound is 3.
        public var ratio: Double
    }

    /// The workloads measured, in the order of the speed table.
    static let workloads = ["ints", "doubles", "records", "bytes", "nested", "f64_1m", "f64_1m_typed"]

    /// The paths measured for every workload.
    static let paths = ["CBOR value, native", "CBOR value, libcbor", "Any (cbor2 model), native"]

    /// The paths measured for ``Bench/codableWorkloads`` besides ``paths``.
    static let codablePaths = ["Codable, native", "Codable, libcbor"]

    /// Measures every workload and path, each in a child process running `executable`.
    /// - Parameter executable: The `concise` binary (usually this process's own).
    /// - Throws: ``CLIError`` when a probe fails.
    public static func run(executable: String) throws -> [Row] {
        var rows: [Row] = []
        for workload in workloads {
            for path in paths + (Bench.codableWorkloads.contains(workload) ? codablePaths : []) {
                rows.append(try probe("\(workload)/\(path)", executable: executable))
            }
        }
        return rows
    }

    /// Runs ``probe(_:)`` in a child process running `executable`, so that no other allocation of
    /// this process, and no other thread, moves the figures.
    /// - Parameters:
    ///   - probe: `WORKLOAD/PATH`.
    ///   - executable: The `concise` binary.
    /// - Throws: ``CLIError`` when the child fails.
    public static func probe(_ probe: String, executable: String) throws -> Row {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["bench", "--memory-probe", probe]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIError("the memory probe of \(probe) failed") }
        return try JSONDecoder().decode(Row.self, from: output)
    }

    /// Decodes `workload` along `path` in this process and measures it; call it in a fresh process.
    /// - Parameter probe: `WORKLOAD/PATH`, as ``run(executable:)`` passes it.
    /// - Throws: ``CLIError`` for an unknown workload or path.
    public static func probe(_ probe: String) throws -> Row {
        let parts = probe.split(separator: "/", maxSplits: 1).map(String.init)
        let isCodable = parts.count == 2 && codablePaths.contains(parts[1]) && Bench.codableWorkloads.contains(parts[0])
        guard parts.count == 2, paths.contains(parts[1]) || isCodable,
            let value = Bench.plainWorkload(named: parts[0])
        else { throw CLIError("unknown probe \(probe)") }
        let bytes = try value.encoded()
        var decoder = CBORDecoder()
        decoder.maxDepth = 2048
        decoder.backend = parts[1].hasSuffix("libcbor") ? .libcbor : .native
        releaseFreedMemory()
        resetPeak()
        let before = status("VmRSS")
        let result: Any =
            if isCodable {
                try Bench.decodeCodable(parts[0], from: bytes, with: decoder)
            } else if parts[1].hasPrefix("Any") {
                try decoder.decode(from: bytes)
            } else {
                try decoder.decodeValue(from: bytes)
            }
        let peak = status("VmHWM")
        releaseFreedMemory()
        let resultBytes = max(status("VmRSS") - before, 0)
        let peakBytes = peak - before + bytes.count
        return withExtendedLifetime(result) {
            Row(workload: parts[0], path: parts[1], inputBytes: bytes.count, resultBytes: resultBytes, peakBytes: peakBytes,
                ratio: Double(peakBytes) / Double(bytes.count + resultBytes))
        }
    }

    /// The rows as a table.
    public static func table(_ rows: [Row]) -> String {
        var lines = ["workload       path                        input KiB  result KiB  peak KiB  peak/(input+result)"]
        for row in rows {
            let cells = [
                row.workload.padding(toLength: 14, withPad: " ", startingAt: 0),
                row.path.padding(toLength: 26, withPad: " ", startingAt: 0),
                String(row.inputBytes / 1024).leftPadded(11), String(row.resultBytes / 1024).leftPadded(11),
                String(row.peakBytes / 1024).leftPadded(9), String(format: "%.2f×", row.ratio).leftPadded(20),
            ]
            lines.append(cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// A `kB` field of `/proc/self/status`, in bytes (0 where there is none).
    private static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return (Int(String(digits)) ?? 0) * 1024
        }
        return 0
    }

    /// Resets `VmHWM` to the current resident size.
    private static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Hands freed heap pages back to the system (glibc's `malloc_trim`, looked up at run time
    /// because the Glibc module does not declare it).
    private static func releaseFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
