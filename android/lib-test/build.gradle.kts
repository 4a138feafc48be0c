// JVM tests of the uniffi Kotlin bindings against the host-built libinkan.so (no emulator).
// On the project machines tests/bindings/kotlin.sh runs the same sources with kotlinc.
plugins {
    id("org.jetbrains.kotlin.jvm")
}

val rustLibDir = rootProject.file("../target/debug").absolutePath

kotlin { jvmToolchain(17) }

sourceSets["test"].kotlin.srcDirs("src/test/kotlin", "../lib/src/main/kotlin")

dependencies {
    testImplementation("net.java.dev.jna:jna:5.14.0")
    testImplementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2")
    testImplementation("org.junit.jupiter:junit-jupiter:5.10.2")
}

tasks.test {
    useJUnitPlatform()
    // Build first: `cargo build -p inkan-ffi --features testing`, then generate the Kotlin
    // bindings from target/debug/libinkan.so into ../lib/src/main/kotlin (the tests use the
    // `testing` exports, which release bindings do not have).
    systemProperty("jna.library.path", rustLibDir)
}
