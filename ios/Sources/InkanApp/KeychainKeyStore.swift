// The core's KeyStore on Apple platforms: a 256-bit wrapping key in the Keychain,
// kSecAttrAccessibleWhenUnlockedThisDeviceOnly (never in backups, never on another device),
// wraps the vault key with AES-GCM. Rust does all vault cryptography.
#if canImport(Security) && canImport(CryptoKit)
import CryptoKit
import Foundation
import InkanCore
import Security

public final class KeychainKeyStore: KeyStore, @unchecked Sendable {
    private let account: String

    public init(account: String = "inkan-vault-wrap") { self.account = account }

    public func wrapKey(key: Data) throws -> Data {
        do {
            guard let sealed = try AES.GCM.seal(key, using: try wrappingKey()).combined else {
                throw CallbackError.Failed(reason: "Keychain: sealing failed")
            }
            return sealed
        } catch let error as CallbackError {
            throw error
        } catch {
            throw CallbackError.Failed(reason: "Keychain: cannot wrap the key")
        }
    }

    public func unwrapKey(wrapped: Data) throws -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: wrapped), using: try wrappingKey())
        } catch let error as CallbackError {
            throw error
        } catch {
            throw CallbackError.Failed(reason: "Keychain: the wrapped key is damaged or the key changed")
        }
    }

    private func wrappingKey() throws -> SymmetricKey {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: "dev.inkan",
            kSecAttrAccount as String: account,
            kSecReturnData as String: true,
        ]
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        if status == errSecSuccess, let data = item as? Data { return SymmetricKey(data: data) }
        guard status == errSecItemNotFound else {
            throw CallbackError.Failed(reason: "Keychain unavailable (status \(status))")
        }
        let key = SymmetricKey(size: .bits256)
        let add: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: "dev.inkan",
            kSecAttrAccount as String: account,
            kSecAttrAccessible as String: kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
            kSecValueData as String: key.withUnsafeBytes { Data($0) },
        ]
        let added = SecItemAdd(add as CFDictionary, nil)
        guard added == errSecSuccess else { throw CallbackError.Failed(reason: "Keychain refused the key (status \(added))") }
        return key
    }
}
#endif
