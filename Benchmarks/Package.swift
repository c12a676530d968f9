// swift-tools-version: 6.0
// Measurements of Concise against references, kept out of the library package so its
// dependencies never reach users. `scripts/bench/quick.sh` runs it beside the C reference.
import PackageDescription

let package = Package(
    name: "ConciseBenchmarks",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "quick-bench",
            dependencies: [.product(name: "Concise", package: "main")]
        )
    ],
    swiftLanguageModes: [.v6]
)
