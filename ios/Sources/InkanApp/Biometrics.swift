// LocalAuthentication before every approval (Face ID / Touch ID, falling back to the passcode).
#if canImport(LocalAuthentication)
import LocalAuthentication

public enum Biometrics {
    public static func confirm(reason: String) async -> Bool {
        let context = LAContext()
        context.localizedFallbackTitle = "Use passcode"
        do {
            return try await context.evaluatePolicy(.deviceOwnerAuthentication, localizedReason: reason)
        } catch {
            return false
        }
    }
}
#endif
