// swift-tools-version: 6.0
// Measurements of Concise against references, kept out of the library package so its
// dependencies never reach users. `scripts/bench/quick.sh` runs it beside the C reference.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between checkouts.
let concisePackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "ConciseBenchmarks",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "quick-bench",
            dependencies: [.product(name: "Concise", package: concisePackage)]
        )
    ],
    swiftLanguageModes: [.v6]
)
