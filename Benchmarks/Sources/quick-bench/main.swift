// Quick measurement of the value path: decode and encode through `CBOR` on both backends, in
// thread-CPU time, on the workloads of issue 2. Writes each workload's bytes to a folder so the
// C reference (Benchmarks/C/libcbor_bench.c) measures the very same input.
import Concise
import Foundation

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The best of `rounds` timings of `body`, in seconds.
func measure(rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = threadCPUSeconds()
        try body()
        best = min(best, threadCPUSeconds() - start)
    }
    return best
}

let arguments = CommandLine.arguments
let outputFolder = arguments.count > 1 ? arguments[1] : "/tmp/concise-bench"
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)

for (name, value) in [("ints", Workloads.ints()), ("records", Workloads.records())] {
    let bytes = try value.encoded()
    try Data(bytes).write(to: URL(fileURLWithPath: "\(outputFolder)/\(name).cbor"))
    let megabytes = Double(bytes.count) / 1e6
    for backend in CBORBackend.allCases {
        var decoder = CBORDecoder()
        decoder.backend = backend
        var encoder = CBOREncoder()
        encoder.backend = backend
        var sink = 0
        let decode = try measure(rounds: rounds) { sink &+= try decoder.decodeValue(from: bytes).arrayValue?.count ?? 0 }
        let encode = try measure(rounds: rounds) { sink &+= try encoder.encode(value).count }
        print(String(format: "swift %-8@ %-7@ %8d bytes  decode %8.1f MB/s  encode %8.1f MB/s  (%d)",
                     name, "\(backend)", bytes.count, megabytes / decode, megabytes / encode, sink % 2))
    }
}

try CodableWorkload.run(rounds: rounds)
