// The push token keys: one RSA-4096 key pair per token alias in the Keychain (privacyIDEA
// signs and verifies RSA PKCS#1 v1.5 SHA-256; the Secure Enclave holds only P-256, so the
// token key cannot live there). kSecAttrAccessibleWhenUnlockedThisDeviceOnly: never in a
// backup, never on another device, never synchronised (ThisDeviceOnly items do not sync);
// unusable while the device is locked, so a background poll of a locked phone fails with
// `Unavailable` and the next one retries. No user-presence flag: the same key signs the
// unattended polls, so the Face ID step of an approval is the Secure Enclave approval key's
// (PresenceSigner, SecureEnclavePresence; README "Keys").
#if canImport(Security)
import Foundation
import InkanCore
import InkanKit
import Security

public final class KeychainTokenKeys: TokenKeys, @unchecked Sendable {  // find-or-create under lock
    /// Like privacyIDEA's reference app; the server accepts 2048–4096.
    public static let bits = 4096
    private static let tagPrefix = "dev.inkan.push-token."
    private let lock = NSLock()

    public init() {}

    public func publicKeyDer(alias: String) throws -> Data {
        // One key per alias even when two calls race (rollout is the only creator).
        lock.lock()
        defer { lock.unlock() }
        let key = try find(alias) ?? create(alias)
        var error: Unmanaged<CFError>?
        guard let publicKey = SecKeyCopyPublicKey(key),
              let pkcs1 = SecKeyCopyExternalRepresentation(publicKey, &error) as Data? else {
            throw Self.failure("export of the public key failed", error)
        }
        // The Keychain exports a bare PKCS#1 RSAPublicKey; the server wants SPKI.
        return RSAPublicKeyInfo.wrap(pkcs1: pkcs1)
    }

    public func sign(alias: String, message: Data) throws -> Data {
        guard let key = try find(alias) else { throw CallbackError.NotFound }
        var error: Unmanaged<CFError>?
        guard let signature = SecKeyCreateSignature(
            key, .rsaSignatureMessagePKCS1v15SHA256, message as CFData, &error) as Data? else {
            throw Self.failure("signing failed", error)
        }
        return signature
    }

    /// Removes the key of a token that is gone (or whose rollout failed).
    public func delete(alias: String) throws {
        try KeychainStatus.deleted(SecItemDelete(Self.query(alias) as CFDictionary))
    }

    private static func tag(_ alias: String) -> Data { Data((tagPrefix + alias).utf8) }

    private static func query(_ alias: String) -> [String: Any] {
        [kSecClass as String: kSecClassKey,
         kSecAttrKeyType as String: kSecAttrKeyTypeRSA,
         kSecAttrKeyClass as String: kSecAttrKeyClassPrivate,
         kSecAttrApplicationTag as String: tag(alias),
         kSecUseDataProtectionKeychain as String: true]
    }

    private func find(_ alias: String) throws -> SecKey? {
        var query = Self.query(alias)
        query[kSecReturnRef as String] = true
        var item: CFTypeRef?
        guard try KeychainStatus.found(SecItemCopyMatching(query as CFDictionary, &item)) else { return nil }
        guard let item, CFGetTypeID(item) == SecKeyGetTypeID() else {
            throw CallbackError.Failed(reason: "Keychain returned no key")
        }
        return (item as! SecKey)  // its type was checked above
    }

    private func create(_ alias: String) throws -> SecKey {
        var error: Unmanaged<CFError>?
        // No flags: usable without a prompt while the device is unlocked (polls, denials).
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, [], &error) else {
            throw Self.failure("access control refused", error)
        }
        let attributes: [String: Any] = [
            kSecAttrKeyType as String: kSecAttrKeyTypeRSA,
            kSecAttrKeySizeInBits as String: Self.bits,
            kSecUseDataProtectionKeychain as String: true,
            kSecPrivateKeyAttrs as String: [
                kSecAttrIsPermanent as String: true,
                kSecAttrApplicationTag as String: Self.tag(alias),
                kSecAttrAccessControl as String: access,
            ] as [String: Any],
        ]
        // RSA-4096 generation takes seconds on a phone: this runs on Rust's worker thread
        // during the rollout, never on the main thread.
        guard let key = SecKeyCreateRandomKey(attributes as CFDictionary, &error) else {
            throw Self.failure("key generation failed", error)
        }
        return key
    }

    private static func failure(_ what: String, _ error: Unmanaged<CFError>?) -> CallbackError {
        guard let cf = error?.takeRetainedValue() else { return .Failed(reason: "Keychain: \(what)") }
        if CFErrorGetCode(cf) == Int(errSecInteractionNotAllowed) {
            return .Unavailable(reason: "the device is locked")
        }
        return .Failed(reason: "Keychain: \(what) (\(CFErrorGetCode(cf)))")
    }
}
#endif
