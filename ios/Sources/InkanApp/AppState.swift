// App-wide state shared by the screens: getting the vault open (first start with the
// recovery code acknowledged, key store, password, or recovery code then a new password;
// after a password or recovery-code open the key store gets a new slot; VaultFile,
// RecoveredVault and KeyStoreRenewal in InkanKit), the open vault's
// account list, the link waiting for confirmation, and push approval (the vault's
// PushClient, its paired tokens and their removal, the open challenges). Platform-neutral
// (compiled and type-checked on Linux too).
import Foundation
import InkanCore
import InkanKit

/// The app's clock for Rust: the wall clock (server-time correction belongs in core).
public final class SystemClock: InkanCore.Clock {
    public init() {}
    public func nowUnix() throws -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

/// What push approval needs from the platform: on devices `URLSessionTransport`, the
/// Keychain token keys and the Secure Enclave approval step.
public struct PushPlatform: Sendable {
    public let transport: HttpTransport
    /// The token keys: sign (through `signer`), and are deleted when a rollout fails or a
    /// token is removed.
    public let keys: TokenKeys
    public let signer: PushSigner

    public init(transport: HttpTransport, keys: TokenKeys, presence: Presence) {
        self.transport = transport
        self.keys = keys
        signer = PresenceSigner(keys: keys, presence: presence)
    }
}

/// Which vault screen the app shows.
public enum VaultStep: Equatable, Sendable {
    /// No vault: choose a password (twice).
    case create
    /// A new vault's recovery code is on screen; the vault is not in place yet.
    case recoveryCode
    /// The key store slot did not open the vault: ask for the password (or the recovery
    /// code).
    case unlock(reason: String)
    /// Opened with the recovery code: a new password (twice) before the account list.
    case newPassword
    /// The vault is open: the account list.
    case open
}

@MainActor
public final class AppState {
    /// Seconds between polls while the app is in the foreground.
    public static let foregroundPollSeconds: UInt64 = 15
    /// The open vault's accounts; nil until the vault is created or opened.
    public private(set) var accounts: AccountList?
    /// The vault's KeyStore slot: KeychainKeyStore on devices.
    public let keyStore: KeyStore?
    /// Where the vault lives (Application Support on devices); nil when there is no place.
    public let vaultFile: VaultFile?
    /// A new vault whose recovery code is on screen (first start), not yet in place.
    public private(set) var pendingVault: PendingVault?
    private var creating = false
    /// Opened with the recovery code, waiting for the new password (not shown until then).
    private var recovered: RecoveredVault?
    /// The key store could not be given a new slot after a password or recovery-code
    /// open (the next start asks for the password again), for the screen; nil otherwise.
    public private(set) var keyStoreNotice: String?
    private let clock: InkanCore.Clock
    /// Set by a link, a paste or a scan; the confirmation screen shows it. Kept in memory
    /// only: an otpauth link carries the secret.
    public var pendingRoute: Route?
    /// The result of the last confirmed add (duplicates kept are named), for the screen.
    public var lastAdd: AddSummary?
    /// Transport and signer for push; nil where push is not offered.
    public let push: PushPlatform?
    /// The open vault's push client (tokens and replay cache live in the vault).
    public private(set) var pushClient: PushClient?
    /// The paired push tokens, for the account list and the approval screen.
    public private(set) var pushTokens: [PushTokenInfo] = []
    /// The open challenges of the last poll.
    public let inbox = PushInbox()
    /// The last poll's failure (network, locked Keychain), for the screen; nil after a
    /// successful poll.
    public private(set) var pushProblem: String?

    public init(vaultFile: VaultFile?, keyStore: KeyStore?, clock: InkanCore.Clock = SystemClock(),
                push: PushPlatform? = nil) {
        self.vaultFile = vaultFile
        self.keyStore = keyStore
        self.clock = clock
        self.push = push
    }

    private func opened(_ vault: Authenticator) {
        accounts = AccountList(vault: vault, clock: clock)
        if let push {
            pushClient = vault.pushClient(transport: push.transport, signer: push.signer, clock: clock)
            pushTokens = (try? vault.pushTokens()) ?? []
        }
    }

    /// The vault screen for the current state. At first call (and while no vault is open)
    /// a leftover pending vault is discarded, then the vault is opened through the key
    /// store when it exists. A pending vault of this run (recovery code on screen) is kept.
    @discardableResult
    public func start() -> VaultStep {
        if accounts != nil { return .open }
        if pendingVault != nil { return .recoveryCode }
        if recovered != nil { return .newPassword }
        // A vault being created right now must not be discarded as a leftover.
        if creating { return .create }
        guard let vaultFile else { return .unlock(reason: "no place for the vault") }
        switch vaultFile.start(keyStore: keyStore) {
        case .create:
            return .create
        case .open(let vault):
            opened(vault)
            return .open
        case .needPassword(let reason):
            return .unlock(reason: reason)
        }
    }

    /// First start: a new vault under the pending name; its recovery code is then on
    /// screen (`pendingVault`). Throws `InvalidInput` for a password `NewPassword` refuses.
    /// Argon2id runs off the main thread.
    public func createVault(password: String, confirmation: String) async throws {
        guard let vaultFile else { throw InkanError.Internal(reason: "no place for the vault") }
        // One new vault at a time: a second create would delete the pending one's files.
        guard !creating, pendingVault == nil, accounts == nil else {
            throw InkanError.InvalidInput(reason: "a new vault is being made already")
        }
        let keyStore = self.keyStore
        creating = true
        defer { creating = false }
        pendingVault = try await Task.detached {
            try vaultFile.create(password: password, confirmation: confirmation, keyStore: keyStore)
        }.value
    }

    /// "I saved my recovery code": the vault is put in place and opened (`.open`), or
    /// `.unlock` when its key store slot did not open it. Off the main thread: without a
    /// key store slot the reopening runs Argon2id.
    public func recoveryCodeSaved() async throws -> VaultStep {
        guard let pending = pendingVault else { return start() }
        pendingVault = nil
        let result: VaultStart
        do {
            result = try await Task.detached { try pending.confirmSaved() }.value
        } catch {
            // Not in place: the new vault is dropped (its code is forgotten already);
            // the first start begins again.
            pending.discard()
            throw error
        }
        switch result {
        case .open(let vault):
            opened(vault)
            return .open
        case .needPassword(let reason):
            return .unlock(reason: reason)
        case .create:
            return .create
        }
    }

    /// The password screen: opens the vault (`WrongPassword` when it is not), then gives
    /// the key store a new slot (its old one did not open the vault) so the next start
    /// needs no password; when the key store refuses, `keyStoreNotice` says so and the vault
    /// opens all the same. Argon2id and the key store run off the main thread.
    public func unlock(password: String) async throws {
        guard let vaultFile else { throw InkanError.Internal(reason: "no place for the vault") }
        let keyStore = self.keyStore
        let (vault, notice) = try await Task.detached {
            let vault = try vaultFile.open(password: password)
            return (vault, KeyStoreRenewal.renew(vault, keyStore: keyStore))
        }.value
        keyStoreNotice = notice
        opened(vault)
    }

    /// "Use recovery code" on the password screen: opens the vault with it, then
    /// `.newPassword` (the accounts wait for `setNewPassword`). A wrong code throws
    /// `WrongPassword` with `VaultTexts.wrongRecoveryCode`. Off the main thread.
    public func unlock(recoveryCode: String) async throws -> VaultStep {
        guard let vaultFile else { throw InkanError.Internal(reason: "no place for the vault") }
        guard accounts == nil, recovered == nil else { return start() }
        recovered = try await Task.detached { try vaultFile.open(recoveryCode: recoveryCode) }.value
        return .newPassword
    }

    /// The new password after a recovery-code open (twice, `NewPassword`'s rules, else
    /// `InvalidInput` and the step stays): replaces the old password, then the key store
    /// gets a new slot (`keyStoreNotice` when it refuses), then the account list. Argon2id
    /// runs off the main thread.
    public func setNewPassword(password: String, confirmation: String) async throws -> VaultStep {
        guard let recovered else { return start() }
        if let problem = NewPassword.problem(password, confirmation) {
            throw InkanError.InvalidInput(reason: problem)
        }
        let keyStore = self.keyStore
        let result = try await Task.detached {
            try recovered.setPassword(password, confirmation: confirmation, keyStore: keyStore)
        }.value
        self.recovered = nil
        keyStoreNotice = result.keyStoreProblem
        opened(result.vault)
        return .open
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

    /// The user confirmed a push pairing: the rollout (a new token key under a new alias,
    /// registered with the server; the token is saved in the vault by Rust).
    public func pair(_ enrollment: PushEnrollment) async throws -> PushTokenInfo {
        guard let pushClient, let push else {
            throw InkanError.Locked(reason: "push approval is not available: the vault is not open")
        }
        let alias = Self.newKeyAlias()
        let info: PushTokenInfo
        do {
            info = try await pushClient.rollout(enrollment: enrollment, keyAlias: alias)
        } catch {
            // No token refers to this alias: its key (made by publicKeyDer) is never used.
            try? push.keys.delete(alias: alias)
            throw error
        }
        pushTokens = (try? accounts?.vault.pushTokens()) ?? pushTokens + [info]
        return info
    }

    /// Removes the paired token `serial` from the vault, then its Keychain key (the alias
    /// the vault returns). The server is not told (the message says so). Its open
    /// challenges leave the inbox.
    public func removePushToken(serial: String) throws -> TokenRemoval {
        guard let vault = accounts?.vault else {
            throw InkanError.Locked(reason: "the vault is not open")
        }
        let removal = try PushTokenRemoval.remove(serial: serial, vault: vault, keys: push?.keys)
        for challenge in inbox.challenges where challenge.serial == serial {
            inbox.remove(nonce: challenge.nonce)
        }
        pushTokens = (try? vault.pushTokens()) ?? pushTokens.filter { $0.serial != serial }
        return removal
    }

    /// A key alias no token uses yet (the Keychain tag of the token's RSA key).
    public static func newKeyAlias() -> String { "inkan-push-" + UUID().uuidString.lowercased() }

    /// Polls every paired token; returns the challenges not announced before (the caller
    /// shows the approval screen in the foreground, a notification in the background).
    /// Polls sign with the token keys without a prompt.
    public func poll() async -> [PushChallenge] {
        guard let pushClient, !pushTokens.isEmpty else { return [] }
        do {
            let result = try await pushClient.poll()
            pushProblem = nil
            return inbox.update(result)
        } catch let error as InkanError {
            pushProblem = error.displayReason
        } catch {
            pushProblem = "unexpected error"
        }
        return []
    }

    /// Polls every `foregroundPollSeconds` until the task is cancelled (the scene leaves the
    /// foreground); `afterPoll` gets each poll's new challenges (often none).
    public func pollWhileActive(afterPoll: @MainActor ([PushChallenge]) -> Void) async {
        while !Task.isCancelled {
            afterPoll(await poll())
            try? await Task.sleep(nanoseconds: Self.foregroundPollSeconds * 1_000_000_000)
        }
    }

    /// The approval screen's model for the challenge `nonce` (nil: the first open one).
    /// Number matching is typed in by default: the user reads the number on the sign-in
    /// page and types it, so tapping a button at random cannot hit it (privacyIDEA's own
    /// app offers the choose-one buttons; `typeIn: false` gives those).
    public func approval(nonce: String? = nil, typeIn: Bool = true) -> ApprovalModel? {
        guard let pushClient, let challenge = inbox.find(nonce: nonce) else { return nil }
        let token = pushTokens.first { $0.serial == challenge.serial }
        return ApprovalModel(client: pushClient, challenge: challenge, token: token, typeIn: typeIn, inbox: inbox)
    }
}
