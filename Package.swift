// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Concise",
    products: [
        .library(name: "Concise", targets: ["Concise"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCBOR",
            pkgConfig: "libcbor",
            providers: [.apt(["libcbor-dev"])]
        ),
        .target(name: "Concise", dependencies: ["CLibCBOR"]),
        .executableTarget(
            name: "concise-demo",
            dependencies: ["Concise"],
            resources: [.embedInCode("example.cbor")]
        ),
        .testTarget(name: "ConciseTests", dependencies: ["Concise"], resources: [.copy("Resources")]),
    ],
    swiftLanguageModes: [.v6]
)
