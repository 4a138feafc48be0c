// swift-tools-version:5.9
// The distributable Swift package of inkan's core for Apple platforms. Assembled by
// bindings/scripts/build-xcframework.sh next to InkanCoreFFI.xcframework and the generated
// Sources/InkanCore/InkanCore.swift; not usable from this folder as is.
import PackageDescription

let package = Package(
    name: "InkanCore",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "InkanCore", targets: ["InkanCore"]),
    ],
    targets: [
        // libinkan.a per platform + the uniffi header and module.modulemap.
        .binaryTarget(name: "InkanCoreFFI", path: "InkanCoreFFI.xcframework"),
        .target(name: "InkanCore", dependencies: ["InkanCoreFFI"], path: "Sources/InkanCore"),
    ]
)
