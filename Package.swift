// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Concise",
    products: [
        .library(name: "Concise", targets: ["Concise"]),
        .library(name: "ConcreteJSON", targets: ["ConcreteJSON"]),
        .library(name: "ConciseC", type: .dynamic, targets: ["ConciseC"]),
        .executable(name: "concise", targets: ["concise"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCBOR",
            pkgConfig: "libcbor",
            providers: [.apt(["libcbor-dev"])]
        ),
        .target(
            name: "Concise",
            dependencies: ["CLibCBOR", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(name: "ConcreteJSON", dependencies: ["Concise"]),
        .target(
            name: "ConciseCLI",
            dependencies: ["Concise", "ConcreteJSON", .product(name: "OrderedCollections", package: "swift-collections")],
            resources: [.embedInCode("sensor-example.cbor"), .embedInCode("Resources/concrete-deployment.json")]
        ),
        .executableTarget(
            name: "concise",
            dependencies: ["ConciseCLI", "Concise", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "CConcise"),
        .target(
            name: "ConciseC",
            dependencies: ["CConcise", "Concise", "ConcreteJSON", "ConciseCLI"],
            exclude: ["exports.map", "concise.pc.in"],
            linkerSettings: [
                // Export only the concise_* symbols of include/concise.h.
                .unsafeFlags([
                    "-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/ConciseC/exports.map",
                    "-Xlinker", "-soname=libconcise.so",
                ])
            ]
        ),
        .target(
            name: "ConformanceKit",
            dependencies: ["Concise", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .executableTarget(name: "concise-conformance", dependencies: ["ConformanceKit", "Concise"]),
        .testTarget(
            name: "ConciseTests",
            dependencies: ["Concise", "ConcreteJSON", "ConformanceKit", "ConciseCLI", .product(name: "OrderedCollections", package: "swift-collections")],
            resources: [.copy("Resources")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
