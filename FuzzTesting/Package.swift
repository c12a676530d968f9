// swift-tools-version: 6.0
// libFuzzer targets for Concise. Build one with
//   swift build -c debug --sanitize=fuzzer --sanitize=address --product FuzzDecodeValue
// and run it on a corpus folder; `make fuzz` (part of `make test`) runs each briefly.
// Inputs that once failed live in FailCases/ and are replayed by the test suite.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between checkouts.
let concisePackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let fuzzTargets = ["FuzzDecodeValue", "FuzzDecodeAny", "FuzzRoundTrip", "FuzzDifferential", "FuzzDiagnostic", "FuzzCodable", "FuzzConcreteJSON"]

let package = Package(
    name: "ConciseFuzzTesting",
    products: fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(path: ".."), .package(url: "https://github.com/apple/swift-collections", from: "1.1.0")],
    targets: fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "Concise", package: concisePackage),
                .product(name: "ConcreteJSON", package: concisePackage),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    },
    swiftLanguageModes: [.v6]
)
