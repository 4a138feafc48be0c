// The app on a device: the model over the Keychain key store, URLSession, the Keychain token
// keys, the Secure Enclave approval step and the notification center. Only this assembly
// (and the Apple types it names) is left out of the Linux build.
#if canImport(Security) && canImport(CryptoKit) && canImport(LocalAuthentication) && canImport(UserNotifications)
import Foundation
import InkanKit

extension ShellModel {
    public convenience init() {
        let file = Self.vaultDirectory.map { VaultFile(directory: $0) }
        self.init(state: AppState(vaultFile: file, keyStore: KeychainKeyStore(),
                                  push: PushPlatform(transport: URLSessionTransport(), keys: KeychainTokenKeys(),
                                                     presence: SecureEnclavePresence())),
                  notifier: SystemNotifier())
    }
}
#endif
