// The AAR: libinkan.so per ABI (src/main/jniLibs) and the uniffi Kotlin bindings
// (src/main/kotlin), both written by bindings/scripts/build-android.sh.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "dev.inkan.core"
    compileSdk = 34
    defaultConfig { minSdk = 28 }
    sourceSets["main"].java.srcDirs("src/main/kotlin")
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
}

dependencies {
    // uniffi's Kotlin calls Rust through JNA; the @aar variant carries libjnidispatch per ABI.
    implementation("net.java.dev.jna:jna:5.14.0@aar")
}
