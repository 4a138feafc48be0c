// The presence step of a push approval (SEC-P6): a P-256 key in the Secure Enclave, usable
// only after the device owner is confirmed (.userPresence: Face ID / Touch ID, or the device
// passcode when no biometrics are enrolled or they fail; a phone without Face ID can approve).
// Before the token key signs an approval (PresenceSigner, SignPurpose.approve), this key
// signs the same message with a fresh LAContext: the Enclave shows the biometric prompt and
// releases a signature only after it; the signature is checked against the key's public
// key, and only then does the RSA token key sign. The key never leaves this device and is
// never sent to the server: it proves presence locally (README "Keys": why two keys).
// Where there is no Secure Enclave (simulator, older Macs) approval is not offered.
#if canImport(CryptoKit) && canImport(Security) && canImport(LocalAuthentication)
import CryptoKit
import Foundation
import InkanCore
import InkanKit
import LocalAuthentication
import Security

public enum ApprovalKey {
    /// A new Secure Enclave key; its `dataRepresentation` is an opaque, device-bound handle.
    public static func create() throws -> SecureEnclave.P256.Signing.PrivateKey {
        guard SecureEnclave.isAvailable else { throw CocoaError(.featureUnsupported) }
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, [.privateKeyUsage, .userPresence], &error)
        else { throw error.map { $0.takeRetainedValue() as Error } ?? CocoaError(.featureUnsupported) }
        return try SecureEnclave.P256.Signing.PrivateKey(accessControl: access)
    }

    /// Signs `challenge` with the key behind `handle`; the system shows the biometric or
    /// passcode prompt.
    public static func sign(_ challenge: Data, handle: Data, context: LAContext) throws
        -> (P256.Signing.ECDSASignature, P256.Signing.PublicKey) {
        let key = try SecureEnclave.P256.Signing.PrivateKey(dataRepresentation: handle, authenticationContext: context)
        return (try key.signature(for: challenge), key.publicKey)
    }
}

/// `Presence` with the Secure Enclave approval key: one Face ID prompt per approval.
public final class SecureEnclavePresence: Presence, @unchecked Sendable {  // handle I/O under lock
    private static let service = "dev.inkan.approval-key"
    private static let account = "approval-key"
    private let reason: String
    private let lock = NSLock()

    public init(reason: String = "Approve the sign-in") {
        self.reason = reason
    }

    public func confirm(message: Data) throws {
        // The Enclave blocks the calling thread while the prompt shows.
        if Thread.isMainThread { throw CallbackError.Failed(reason: "approval asked on the main thread") }
        guard SecureEnclave.isAvailable else {
            throw CallbackError.Unavailable(reason: "this device has no Secure Enclave: approval is not offered")
        }
        // A fresh context per approval: an earlier Face ID or passcode is never reused.
        let context = LAContext()
        // Biometrics or, failing them, the passcode (LAPolicy.deviceOwnerAuthentication, what
        // .userPresence asks for): only a phone without a passcode cannot approve.
        var why: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthentication, error: &why) else {
            throw CallbackError.Unavailable(reason: "the approval key cannot be made: is a device passcode set?")
        }
        let handle = try self.handle()
        context.localizedReason = reason
        context.touchIDAuthenticationAllowableReuseDuration = 0
        do {
            let (signature, publicKey) = try ApprovalKey.sign(message, handle: handle, context: context)
            guard publicKey.isValidSignature(signature, for: message) else {
                throw CallbackError.Denied(reason: "the approval signature does not verify")
            }
        } catch let error as CallbackError {
            throw error
        } catch {
            if !Self.isCancel(error) {
                // Most likely the key was invalidated (a key made before the passcode
                // fallback, .biometryCurrentSet, after a biometric change): it is local only,
                // so a new one, .userPresence, is made for the next approval.
                deleteHandle()
            }
            throw CallbackError.Denied(reason: "Face ID was not confirmed")
        }
    }

    private static func isCancel(_ error: Error) -> Bool {
        if let la = error as? LAError {
            let cancels: [LAError.Code] = [.userCancel, .appCancel, .systemCancel, .userFallback]
            return cancels.contains(la.code)
        }
        let ns = error as NSError
        return ns.domain == NSOSStatusErrorDomain && ns.code == Int(errSecUserCanceled)
    }

    private static func query() -> [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: account,
         kSecUseDataProtectionKeychain as String: true]
    }

    /// The stored handle of the Enclave key, made on first use.
    private func handle() throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        var query = Self.query()
        query[kSecReturnData as String] = true
        var item: CFTypeRef?
        if try KeychainStatus.found(SecItemCopyMatching(query as CFDictionary, &item)) {
            guard let data = item as? Data else { throw CallbackError.Failed(reason: "Keychain returned no data") }
            return data
        }
        let key: SecureEnclave.P256.Signing.PrivateKey
        do { key = try ApprovalKey.create() } catch {
            throw CallbackError.Unavailable(reason: "the approval key cannot be made: is a device passcode set?")
        }
        var add = Self.query()
        add[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        add[kSecValueData as String] = key.dataRepresentation
        let added = SecItemAdd(add as CFDictionary, nil)
        guard added == errSecSuccess else {
            throw CallbackError.Failed(reason: "Keychain refused the approval key (status \(added))")
        }
        return key.dataRepresentation
    }

    private func deleteHandle() {
        lock.lock()
        defer { lock.unlock() }
        _ = SecItemDelete(Self.query() as CFDictionary)
    }
}
#endif
