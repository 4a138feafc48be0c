// swift-tools-version:6.0
// inkan for iOS: InkanCore (generated uniffi bindings + the FFI module), InkanKit
// (platform-neutral shell logic, tested on Linux), InkanApp (SwiftUI, AVFoundation,
// UserNotifications, LocalAuthentication, Keychain; compiled only where those exist).
//
// On Linux (ios/check.sh) the FFI module is the generated header linked against the
// host-built libinkan.so; on Apple platforms it is InkanCoreFFI.xcframework
// (ios/scripts/build-xcframework.sh). Sources/InkanCore and Sources/InkanCoreFFI are
// generated and git-ignored.
import PackageDescription

#if os(Linux)
let rustLibDir = Context.environment["INKAN_RUST_LIB_DIR"]
    ?? Context.packageDirectory + "/../target/debug"
let ffiTarget: Target = .systemLibrary(name: "InkanCoreFFI", path: "Sources/InkanCoreFFI")
let coreLinker: [LinkerSetting] = [
    .linkedLibrary("inkan"),
    .unsafeFlags(["-L", rustLibDir, "-Xlinker", "-rpath", "-Xlinker", rustLibDir]),
]
#else
let ffiTarget: Target = .binaryTarget(name: "InkanCoreFFI", path: "Frameworks/InkanCoreFFI.xcframework")
let coreLinker: [LinkerSetting] = []
#endif

let package = Package(
    name: "Inkan",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: [
        .library(name: "InkanKit", targets: ["InkanKit"]),
        .library(name: "InkanApp", targets: ["InkanApp"]),
    ],
    targets: [
        ffiTarget,
        .target(name: "InkanCore", dependencies: ["InkanCoreFFI"], path: "Sources/InkanCore",
                linkerSettings: coreLinker),
        .target(name: "InkanKit", dependencies: ["InkanCore"], path: "Sources/InkanKit"),
        .target(name: "InkanApp", dependencies: ["InkanKit", "InkanCore"], path: "Sources/InkanApp"),
        // InkanApp too: its platform-neutral AppState (pairing, polling) is tested on Linux.
        .testTarget(name: "InkanKitTests", dependencies: ["InkanKit", "InkanCore", "InkanApp"], path: "Tests/InkanKitTests"),
    ]
)
