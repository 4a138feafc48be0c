// swift-tools-version:6.0
// The uniffi Swift bindings of inkan as a SwiftPM package, for the binding tests on Linux
// (tests/bindings/swift.sh). Sources/InkanCore and Sources/InkanCoreFFI are generated from
// the built library and git-ignored; on Apple platforms the iOS package links the
// XCFramework instead (bindings/scripts/build-xcframework.sh).
import PackageDescription

// Directory holding libinkan.so; override with INKAN_RUST_LIB_DIR (e.g. target/release).
let rustLibDir = Context.environment["INKAN_RUST_LIB_DIR"]
    ?? Context.packageDirectory + "/../../target/debug"

let package = Package(
    name: "InkanCore",
    products: [
        .library(name: "InkanCore", targets: ["InkanCore"]),
    ],
    targets: [
        // uniffi's C header + modulemap (renamed to module.modulemap); compiles nothing.
        .systemLibrary(name: "InkanCoreFFI", path: "Sources/InkanCoreFFI"),
        // uniffi's generated Swift.
        .target(
            name: "InkanCore",
            dependencies: ["InkanCoreFFI"],
            path: "Sources/InkanCore",
            linkerSettings: [
                .linkedLibrary("inkan", .when(platforms: [.linux])),
                .unsafeFlags(["-L", rustLibDir, "-Xlinker", "-rpath", "-Xlinker", rustLibDir],
                             .when(platforms: [.linux])),
            ]
        ),
        .testTarget(
            name: "InkanCoreTests",
            dependencies: ["InkanCore"],
            path: "Tests/InkanCoreTests"
        ),
    ]
)
