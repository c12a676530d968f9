// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Concise",
    products: [
        .library(name: "Concise", targets: ["Concise"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
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
        .executableTarget(
            name: "concise-demo",
            dependencies: ["Concise"],
            resources: [.embedInCode("example.cbor")]
        ),
        .target(
            name: "ConformanceKit",
            dependencies: ["Concise", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .executableTarget(name: "concise-conformance", dependencies: ["ConformanceKit", "Concise"]),
        .testTarget(
            name: "ConciseTests",
            dependencies: ["Concise", "ConformanceKit", .product(name: "OrderedCollections", package: "swift-collections")],
            resources: [.copy("Resources")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
