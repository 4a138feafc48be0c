// Creating and opening a vault file at a given path: with a password (and the platform
// KeyStore, so later launches need no password), then through the KeyStore. The KeyStore
// is the uniffi protocol: KeychainKeyStore on devices, a test implementation in the tests.
// The app's own file and its first start (recovery code acknowledged before the vault is
// put in place) are VaultFile's (FirstStart.swift).
import Foundation
import InkanCore

public enum Vault {
    /// The vault file in `directory` (the app's Application Support directory).
    public static func path(in directory: URL) -> String {
        directory.appendingPathComponent("inkan.vault").path
    }

    /// Creates the vault; the recovery code in the result is shown once, then forgotten.
    public static func create(path: String, password: String, keyStore: KeyStore?) throws -> NewVault {
        try createVault(path: path, password: password, keyStore: keyStore)
    }

    /// Opens through the key store; `KeystoreUnavailable` means: ask for the password.
    public static func open(path: String, keyStore: KeyStore) throws -> Authenticator {
        try Authenticator.openWithKeyStore(path: path, keyStore: keyStore)
    }

    public static func open(path: String, password: String) throws -> Authenticator {
        try Authenticator.openWithPassword(path: path, password: password)
    }
}
