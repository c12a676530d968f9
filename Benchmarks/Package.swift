// swift-tools-version: 6.1
// The benchmark suite with ordo-one/benchmark (wall clock, CPU, malloc counts, percentiles):
//   swift package --package-path Benchmarks benchmark
// `make bench` (scripts/bench/run.sh) prints the one-table comparison with the C libcbor floor,
// cbor2 and Foundation JSON. Kept out of the library package so its dependencies never reach
// users. BenchWorkloads.swift is a link to the generator `concise bench` uses, so both measure
// the same bytes.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between checkouts.
let concisePackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "ConciseBenchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ConciseBenchmarks",
            dependencies: [
                .product(name: "Concise", package: concisePackage),
                .product(name: "ConcreteJSON", package: concisePackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ConciseBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
