// Every workload of the performance issue through the `CBOR` value (both backends), the dynamic
// `Any` path, Codable (beside Foundation JSON on the same values), RFC 8746 typed arrays and the
// Concrete ML JSON bridge. Throughput is reported per megabyte of input (`scalingFactor`).
import Benchmark
import Concise
import ConcreteJSON
import Foundation

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.cpuTotal, .wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(2))

    let plain: [(String, CBOR)] = [
        ("ints", .array(BenchWorkloads.ints().map { CBOR($0) })),
        ("doubles", .array(BenchWorkloads.doubles(100_000, seed: 3).map(CBOR.double))),
        ("records", .array(BenchWorkloads.records().map(BenchWorkloads.recordValue))),
        ("bytes", .byteString(BenchWorkloads.bytes())),
        ("nested", BenchWorkloads.nested()),
        ("f64_1m", .array(BenchWorkloads.doubles(1_000_000, seed: 5).map(CBOR.double))),
        ("f64_1m_typed", CBOR(typedArray: BenchWorkloads.doubles(1_000_000, seed: 5))),
    ]
    for (name, value) in plain {
        guard let bytes = try? value.encoded() else { continue }
        for backend in CBORBackend.allCases {
            var decoder = CBORDecoder()
            decoder.backend = backend
            decoder.maxDepth = 2048
            var encoder = CBOREncoder()
            encoder.backend = backend
            Benchmark("\(name) decode CBOR value \(backend)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try decoder.decodeValue(from: bytes)) }
            }
            Benchmark("\(name) encode CBOR value \(backend)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try encoder.encode(value)) }
            }
            Benchmark("\(name) decode Any \(backend)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try decoder.decode(from: bytes)) }
            }
            guard let dynamic = try? decoder.decode(from: bytes) else { continue }
            Benchmark("\(name) encode Any \(backend)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try encoder.encode(any: dynamic)) }
            }
        }
    }

    let records = BenchWorkloads.records()
    let recordsCBOR = (try? CBOREncoder().encode(records)) ?? []
    let recordsJSON = (try? JSONEncoder().encode(records)) ?? Data()
    Benchmark("records Codable encode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try CBOREncoder().encode(records)) }
    }
    Benchmark("records Codable decode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try CBORDecoder().decode([BenchRecord].self, from: recordsCBOR)) }
    }
    Benchmark("records Foundation JSONEncoder") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONEncoder().encode(records)) }
    }
    Benchmark("records Foundation JSONDecoder") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONDecoder().decode([BenchRecord].self, from: recordsJSON)) }
    }

    guard let concrete = try? BenchWorkloads.concreteArray(), let value = try? ConcreteJSONDecoder().decode(from: concrete),
        let cbor = try? value.encodedCBOR()
    else { return }
    Benchmark("concrete f64 1M JSON decode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ConcreteJSONDecoder().decode(from: concrete)) }
    }
    Benchmark("concrete f64 1M JSON encode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ConcreteJSONEncoder().encodedBytes(value)) }
    }
    Benchmark("concrete f64 1M CBOR decode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try ConcreteValue(decodingCBOR: cbor)) }
    }
    Benchmark("concrete f64 1M CBOR encode") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try value.encodedCBOR()) }
    }
}
