// Gradle build for developers with the Android SDK (not used on the project machines:
// there, android/check.sh compiles the same sources with kotlinc against android-all).
pluginManagement {
    repositories { google(); mavenCentral(); gradlePluginPortal() }
}
dependencyResolutionManagement {
    repositories { google(); mavenCentral() }
}
rootProject.name = "inkan-android"
include(":lib", ":lib-test", ":app")
