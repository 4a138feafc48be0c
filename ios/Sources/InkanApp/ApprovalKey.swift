// The push approval signing key: P-256 in the Secure Enclave, usable only after Face ID /
// Touch ID of the currently enrolled biometrics (.biometryCurrentSet). Where there is no
// Secure Enclave (simulator, older Macs) approval is not offered.
#if canImport(CryptoKit) && canImport(Security) && canImport(LocalAuthentication)
import CryptoKit
import Foundation
import LocalAuthentication
import Security

public enum ApprovalKey {
    /// A new Secure Enclave key; store `dataRepresentation` (an opaque, device-bound handle)
    /// in the Keychain and send `publicKey` to the push server at pairing.
    public static func create() throws -> SecureEnclave.P256.Signing.PrivateKey {
        guard SecureEnclave.isAvailable else { throw CocoaError(.featureUnsupported) }
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, [.privateKeyUsage, .biometryCurrentSet], &error)
        else { throw error.map { $0.takeRetainedValue() as Error } ?? CocoaError(.featureUnsupported) }
        return try SecureEnclave.P256.Signing.PrivateKey(accessControl: access)
    }

    /// Signs `challenge` with the key behind `handle`; the system shows the biometric prompt.
    public static func sign(_ challenge: Data, handle: Data, context: LAContext) throws -> Data {
        let key = try SecureEnclave.P256.Signing.PrivateKey(dataRepresentation: handle, authenticationContext: context)
        return try key.signature(for: challenge).derRepresentation
    }
}
#endif
