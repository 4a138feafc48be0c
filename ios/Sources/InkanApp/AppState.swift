// App-wide state shared by the screens: the open vault's account list and the link waiting
// for confirmation. Platform-neutral (compiled and type-checked on Linux too).
import Foundation
import InkanCore
import InkanKit

/// The app's clock for Rust: the wall clock (server-time correction belongs in core).
public final class SystemClock: InkanCore.Clock {
    public init() {}
    public func nowUnix() throws -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

@MainActor
public final class AppState {
    /// The open vault's accounts; nil until the vault is created or opened.
    public private(set) var accounts: AccountList?
    /// The vault's KeyStore slot: KeychainKeyStore on devices.
    public let keyStore: KeyStore?
    private let clock: InkanCore.Clock
    /// Set by a link, a paste or a scan; the confirmation screen shows it. Kept in memory
    /// only: an otpauth link carries the secret.
    public var pendingRoute: Route?
    /// The result of the last confirmed add (duplicates kept are named), for the screen.
    public var lastAdd: AddSummary?
    /// Set when a push challenge arrives (core PushClient, not yet landed).
    public var pendingRequest: SignInRequest?

    public init(keyStore: KeyStore?, clock: InkanCore.Clock = SystemClock()) {
        self.keyStore = keyStore
        self.clock = clock
    }

    /// First launch: creates the vault at `path`; returns the recovery code to show once.
    public func createVault(path: String, password: String) throws -> String {
        let created = try Vault.create(path: path, password: password, keyStore: keyStore)
        accounts = AccountList(vault: created.authenticator, clock: clock)
        return created.recoveryCode
    }

    /// Later launches: opens through the key store (no prompt). Throws
    /// `KeystoreUnavailable` when the password is needed instead.
    public func openVault(path: String) throws {
        guard let keyStore else {
            throw InkanError.KeystoreUnavailable(reason: "no key store on this device")
        }
        accounts = AccountList(vault: try Vault.open(path: path, keyStore: keyStore), clock: clock)
    }

    public func openVault(path: String, password: String) throws {
        accounts = AccountList(vault: try Vault.open(path: path, password: password), clock: clock)
    }

    /// Every link, whatever its source, ends on the confirmation screen.
    public func open(link: String) {
        pendingRoute = LinkRouter.route(link, nowUnix: (try? clock.nowUnix()) ?? 0)
    }

    /// The user said yes: the accounts go into the vault (saved by Rust).
    public func confirm(_ confirmation: AddConfirmation) throws -> AddSummary {
        guard let accounts else {
            throw InkanError.Locked(reason: "the vault is not open")
        }
        let summary = try accounts.confirm(confirmation)
        lastAdd = summary
        return summary
    }
}
