// The core's KeyStore on Apple platforms: one 256-bit wrapping key per vault key id in the
// Keychain, kSecAttrAccessibleWhenUnlockedThisDeviceOnly (never in backups, never on another
// device), wraps the vault's data key with AES-GCM. Rust does all vault cryptography.
#if canImport(Security) && canImport(CryptoKit)
import CryptoKit
import Foundation
import InkanCore
import InkanKit
import Security

public final class KeychainKeyStore: KeyStore, @unchecked Sendable {
    private static let service = "dev.inkan.keystore"

    public init() {}

    public func wrapKey(keyId: String, key: Data) throws -> Data {
        let kek = try wrappingKey(keyId, create: true)
        guard let sealed = try? AES.GCM.seal(key, using: kek).combined else {
            throw CallbackError.Failed(reason: "Keychain: sealing failed")
        }
        return sealed
    }

    public func unwrapKey(keyId: String, wrapped: Data) throws -> Data {
        let kek = try wrappingKey(keyId, create: false)
        guard let box = try? AES.GCM.SealedBox(combined: wrapped),
              let key = try? AES.GCM.open(box, using: kek) else { throw CallbackError.Mismatch }
        return key
    }

    public func deleteKey(keyId: String) throws {
        try KeychainStatus.deleted(SecItemDelete(Self.query(keyId) as CFDictionary))
    }

    private static func query(_ keyId: String) -> [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: keyId]
    }

    private func wrappingKey(_ keyId: String, create: Bool) throws -> SymmetricKey {
        var query = Self.query(keyId)
        query[kSecReturnData as String] = true
        var item: CFTypeRef?
        if try KeychainStatus.found(SecItemCopyMatching(query as CFDictionary, &item)) {
            guard let data = item as? Data else { throw CallbackError.Failed(reason: "Keychain returned no data") }
            return SymmetricKey(data: data)
        }
        guard create else { throw CallbackError.NotFound }
        let key = SymmetricKey(size: .bits256)
        var add = Self.query(keyId)
        add[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        add[kSecValueData as String] = key.withUnsafeBytes { Data($0) }
        let added = SecItemAdd(add as CFDictionary, nil)
        guard added == errSecSuccess else {
            throw CallbackError.Failed(reason: "Keychain refused the key (status \(added))")
        }
        return key
    }
}
#endif
