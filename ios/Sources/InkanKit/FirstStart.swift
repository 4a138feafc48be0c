// The vault file in the app's directory and how the app gets it open (the iOS side of
// Android's VaultFile.kt). First start: a password set twice, the vault created under
// `inkan.vault.new`, its recovery code shown once; only after "I saved my recovery code"
// is it renamed to `inkan.vault` and opened. A process that dies before that leaves only
// the `.new` file, which the next start discards: no vault is ever kept whose recovery code
// the user did not see through. Later starts open through the KeyStore slot (Keychain),
// with the password or the recovery code (then a new password) as the fallback, after
// which the key store gets a new slot. What a vault is (slots, Argon2id, recovery code) is
// core's; this file only names files and picks the credential.
import Foundation
import InkanCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the app can do at start.
public enum VaultStart: Sendable {
    /// No vault yet: ask for a new password.
    case create
    /// Opened through the key store slot.
    case open(Authenticator)
    /// The key store slot did not open it (`reason`): ask for the password.
    case needPassword(reason: String)
}

/// A password for a new vault: `problem` says what is wrong, or nil when it can be used.
public enum NewPassword {
    public static let minLength = 8

    public static func problem(_ password: String, _ confirmation: String) -> String? {
        if password.count < minLength { return "Use at least \(minLength) characters" }
        if password != confirmation { return "The two passwords differ" }
        return nil
    }
}

/// A new vault whose recovery code the user has not acknowledged yet. It lives under
/// `VaultFile.pendingName` until `confirmSaved`. Holds the password only when the vault was
/// made without a key store slot (it is then the only way to reopen it after the rename);
/// the recovery code and the password are dropped at `confirmSaved` or `discard`.
public final class PendingVault: @unchecked Sendable {  // state guarded by lock
    private let lock = NSLock()
    private let file: VaultFile
    private var vault: Authenticator?
    private var code: String?
    private var password: String?
    private let keyStore: KeyStore?
    /// The vault has a key store slot (false: the key store refused at creation, every
    /// start asks for the password).
    public let hasKeyStoreSlot: Bool

    init(file: VaultFile, vault: Authenticator, recoveryCode: String, keyStore: KeyStore?, password: String?) {
        self.file = file
        self.vault = vault
        code = recoveryCode
        self.keyStore = keyStore
        self.password = password
        hasKeyStoreSlot = keyStore != nil
    }

    /// Show it, once; empty after `confirmSaved` or `discard`.
    public var recoveryCode: String { lock.lock(); defer { lock.unlock() }; return code ?? "" }

    /// The user saved the recovery code: the vault is renamed into place and opened again
    /// through the key store slot, or the password when the vault has no slot. Returns
    /// `.needPassword` when the slot does not open it (the vault is in place all the same).
    /// Throws when the rename fails (the `.new` file stays and is discarded next start).
    public func confirmSaved() throws -> VaultStart {
        lock.lock()
        defer { lock.unlock() }
        guard vault != nil else { throw InkanError.Internal(reason: "the new vault was already put in place") }
        // Releases the Rust session (its lock file) before the file moves.
        vault = nil
        code = nil
        let pass = password
        password = nil
        try file.promotePending()
        if let keyStore {
            do {
                return .open(try Authenticator.openWithKeyStore(path: file.path, keyStore: keyStore))
            } catch let error as InkanError {
                return .needPassword(reason: error.displayReason)
            }
        }
        guard let pass else { return .needPassword(reason: "the vault has no key store slot") }
        return .open(try Authenticator.openWithPassword(path: file.path, password: pass))
    }

    /// The user left before acknowledging: the new vault is deleted.
    public func discard() {
        lock.lock()
        vault = nil
        code = nil
        password = nil
        lock.unlock()
        file.discardPending()
    }
}

/// A vault opened with its recovery code, not yet shown: the user sets a new password
/// first (the old one is forgotten, that is why the code was used). Only after the new
/// password is saved does the key store get its slot again, so a process that dies before
/// leaves a vault that still asks for a password (or the recovery code) at the next start.
/// Holds no secret: the recovery code and the new password are only passed through.
public final class RecoveredVault: @unchecked Sendable {  // state guarded by lock
    private let lock = NSLock()
    private var vault: Authenticator?

    init(_ vault: Authenticator) { self.vault = vault }

    /// The new password, twice (`NewPassword`'s rules, else `InvalidInput` and nothing
    /// changes), replaces the old one (the recovery code and any key store slot stay); then
    /// `keyStore` gets a new slot (`KeyStoreRenewal.renew`). Returns the open vault and the
    /// key store's problem, if any. Once only. Slow (Argon2id): not on the main thread.
    public func setPassword(_ password: String, confirmation: String,
                            keyStore: KeyStore?) throws -> (vault: Authenticator, keyStoreProblem: String?) {
        lock.lock()
        defer { lock.unlock() }
        guard let vault else { throw InkanError.Internal(reason: "the new password was set already") }
        if let problem = NewPassword.problem(password, confirmation) {
            throw InkanError.InvalidInput(reason: problem)
        }
        try vault.changePassword(newPassword: password)
        self.vault = nil
        return (vault, KeyStoreRenewal.renew(vault, keyStore: keyStore))
    }
}

/// The key store slot after the vault was opened with the password or recovery code (its
/// Keychain key is gone or refused: a restored device, new biometrics).
public enum KeyStoreRenewal {
    /// Lets `keyStore` open `vault` at the next start (a new slot; the old slot's key is
    /// deleted by core). Returns nil when done or when there is no key store, else the
    /// brief notice for the screen (the vault stays open; the next start asks for the
    /// password again). Calls the key store: not on the main thread.
    public static func renew(_ vault: Authenticator, keyStore: KeyStore?) -> String? {
        guard let keyStore else { return nil }
        do {
            try vault.useKeyStore(keyStore: keyStore)
            return nil
        } catch let error as InkanError {
            return VaultTexts.keyStoreNotRenewed(error.displayReason)
        } catch {
            return VaultTexts.keyStoreNotRenewed("unexpected error")
        }
    }
}

/// What the vault screens say about the recovery code and the key store.
public enum VaultTexts {
    public static let noRecoveryCode = "Enter your recovery code"
    public static let wrongRecoveryCode =
        "This recovery code does not open your accounts. Check it against the one you wrote down and try again."

    public static func keyStoreNotRenewed(_ reason: String) -> String {
        "The Keychain could not be set up again (\(reason)): inkan will ask for your password at the next start."
    }
}

/// The vault's files in `directory` (Application Support on a device).
public struct VaultFile: Sendable {
    public static let name = "inkan.vault"
    public static let pendingName = "inkan.vault.new"

    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public var path: String { directory.appendingPathComponent(Self.name).path }
    public var pendingPath: String { directory.appendingPathComponent(Self.pendingName).path }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }
    public var pendingExists: Bool { FileManager.default.fileExists(atPath: pendingPath) }

    /// Removes a vault left under `pendingName` (and its lock, temp and generation files).
    public func discardPending() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name == Self.pendingName || name.hasPrefix(Self.pendingName + ".") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// At app start: a leftover pending vault is discarded (its recovery code was never
    /// acknowledged); then `.create`, or the vault opened through `keyStore`.
    public func start(keyStore: KeyStore?) -> VaultStart {
        discardPending()
        guard exists else { return .create }
        guard let keyStore else { return .needPassword(reason: "no key store on this device") }
        do {
            return .open(try Authenticator.openWithKeyStore(path: path, keyStore: keyStore))
        } catch let error as InkanError {
            return .needPassword(reason: error.displayReason)
        } catch {
            return .needPassword(reason: "unexpected error")
        }
    }

    /// A new vault under `pendingName` with `password` and the `keyStore` slot; when the key
    /// store refuses, with password and recovery code only. Its recovery code must be
    /// acknowledged (`PendingVault.confirmSaved`) before it is used. Slow (Argon2id): not on
    /// the main thread. Throws `InvalidInput` for a password `NewPassword` refuses.
    public func create(password: String, confirmation: String, keyStore: KeyStore?) throws -> PendingVault {
        if let problem = NewPassword.problem(password, confirmation) {
            throw InkanError.InvalidInput(reason: problem)
        }
        guard !exists else { throw InkanError.InvalidInput(reason: "a vault exists already") }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        discardPending()
        if let keyStore {
            do {
                let created = try createVault(path: pendingPath, password: password, keyStore: keyStore)
                return PendingVault(file: self, vault: created.authenticator, recoveryCode: created.recoveryCode,
                                    keyStore: keyStore, password: nil)
            } catch InkanError.KeystoreUnavailable {
                // No usable Keychain key: password and recovery code only (every start then
                // asks for the password).
                discardPending()
            }
        }
        let created = try createVault(path: pendingPath, password: password, keyStore: nil)
        return PendingVault(file: self, vault: created.authenticator, recoveryCode: created.recoveryCode,
                            keyStore: nil, password: password)
    }

    /// Opens the vault with its password (`WrongPassword` when it is not). Slow: not on the
    /// main thread.
    public func open(password: String) throws -> Authenticator {
        try Authenticator.openWithPassword(path: path, password: password)
    }

    /// Opens the vault with the recovery code shown at its creation (forgotten password,
    /// restored device); core reads the code as typed (spaces, dashes, case). The vault is
    /// handed back only as a `RecoveredVault`: a new password comes before the accounts.
    /// A wrong code throws `WrongPassword` with `VaultTexts.wrongRecoveryCode`. Slow
    /// (Argon2id): not on the main thread.
    public func open(recoveryCode: String) throws -> RecoveredVault {
        guard !recoveryCode.allSatisfy(\.isWhitespace) else {
            throw InkanError.InvalidInput(reason: VaultTexts.noRecoveryCode)
        }
        do {
            return RecoveredVault(try Authenticator.openWithRecoveryCode(path: path, recoveryCode: recoveryCode))
        } catch InkanError.WrongPassword {
            throw InkanError.WrongPassword(reason: VaultTexts.wrongRecoveryCode)
        }
    }

    /// Renames the pending vault into place (never over an existing vault), makes the rename
    /// durable, then removes the pending vault's leftover side files.
    func promotePending() throws {
        guard !exists else { throw InkanError.Internal(reason: "a vault exists already") }
        do {
            try FileManager.default.moveItem(atPath: pendingPath, toPath: path)
        } catch {
            throw InkanError.Internal(reason: "the new vault could not be put in place")
        }
        syncDirectory()
        discardPending()
    }

    /// fsync of the directory: the rename survives a power cut (else the next start would
    /// find only `.new` and discard a vault whose recovery code the user has saved).
    private func syncDirectory() {
        #if canImport(Glibc)
        let fd = Glibc.open(directory.path, O_RDONLY)
        #else
        let fd = Darwin.open(directory.path, O_RDONLY)
        #endif
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }
}
