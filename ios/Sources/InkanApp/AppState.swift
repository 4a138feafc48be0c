// App-wide state shared by the screens: the open vault's account list, the link waiting
// for confirmation, and push approval (the vault's PushClient, its paired tokens, the open
// challenges). Platform-neutral (compiled and type-checked on Linux too).
import Foundation
import InkanCore
import InkanKit

/// The app's clock for Rust: the wall clock (server-time correction belongs in core).
public final class SystemClock: InkanCore.Clock {
    public init() {}
    public func nowUnix() throws -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

/// What push approval needs from the platform: on devices `URLSessionTransport` and a
/// `PresenceSigner` over the Keychain token keys and the Secure Enclave approval key.
public struct PushPlatform: Sendable {
    public let transport: HttpTransport
    public let signer: PushSigner
    /// Removes the key made for a pairing that failed (the vault keeps no token for it).
    public let discardKey: @Sendable (String) -> Void

    public init(transport: HttpTransport, signer: PushSigner,
                discardKey: @escaping @Sendable (String) -> Void = { _ in }) {
        self.transport = transport
        self.signer = signer
        self.discardKey = discardKey
    }
}

@MainActor
public final class AppState {
    /// Seconds between polls while the app is in the foreground.
    public static let foregroundPollSeconds: UInt64 = 15
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

    public init(keyStore: KeyStore?, clock: InkanCore.Clock = SystemClock(), push: PushPlatform? = nil) {
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

    /// First launch: creates the vault at `path`; returns the recovery code to show once.
    public func createVault(path: String, password: String) throws -> String {
        let created = try Vault.create(path: path, password: password, keyStore: keyStore)
        opened(created.authenticator)
        return created.recoveryCode
    }

    /// Later launches: opens through the key store (no prompt). Throws
    /// `KeystoreUnavailable` when the password is needed instead.
    public func openVault(path: String) throws {
        guard let keyStore else {
            throw InkanError.KeystoreUnavailable(reason: "no key store on this device")
        }
        opened(try Vault.open(path: path, keyStore: keyStore))
    }

    public func openVault(path: String, password: String) throws {
        opened(try Vault.open(path: path, password: password))
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
            push.discardKey(alias)
            throw error
        }
        pushTokens = (try? accounts?.vault.pushTokens()) ?? pushTokens + [info]
        return info
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
    public func approval(nonce: String? = nil, typeIn: Bool = false) -> ApprovalModel? {
        guard let pushClient, let challenge = inbox.find(nonce: nonce) else { return nil }
        let token = pushTokens.first { $0.serial == challenge.serial }
        return ApprovalModel(client: pushClient, challenge: challenge, token: token, typeIn: typeIn, inbox: inbox)
    }
}
