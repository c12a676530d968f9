// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Concise",
    products: [
        .library(name: "Concise", targets: ["Concise"]),
        .library(name: "ConcreteJSON", targets: ["ConcreteJSON"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCBOR",
            pkgConfig: "libcbor",
            providers: [.apt(["libcbor-dev"])]
        ),
        .target(name: "Concise", dependencies: ["CLibCBOR"]),
        .target(name: "ConcreteJSON", dependencies: ["Concise"]),
        .testTarget(name: "ConciseTests", dependencies: ["Concise"], resources: [.copy("Resources")]),
        .testTarget(name: "ConcreteJSONTests", dependencies: ["ConcreteJSON"], resources: [.copy("Resources")]),
    ],
    swiftLanguageModes: [.v6]
)
