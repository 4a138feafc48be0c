// The screens' model: which vault screen shows, the confirmation and approval sheets, the
// scan sheet, the messages under the list, polling. Platform-neutral (compiled and tested on
// Linux): the SwiftUI views (Views.swift, VaultViews.swift) only read it and forward taps;
// the Apple pieces come in as protocols (`SignInNotifier`) and through `AppState`'s
// `KeyStore` and `PushPlatform`; DeviceApp.swift assembles them on a device.
import Foundation
import InkanCore
import InkanKit
#if canImport(SwiftUI)
import Combine

/// On Apple platforms the model is an ObservableObject: every change calls `send()` first.
public typealias ChangeSignal = ObservableObjectPublisher
extension ShellModel: ObservableObject {}
#else
/// Where Combine is missing (Linux): counts the changes (the tests read it).
public final class ChangeSignal {
    public private(set) var sent = 0
    public init() {}
    public func send() { sent += 1 }
}
#endif

/// The notification center, as the model uses it (UserNotifications on devices).
public protocol SignInNotifier: Sendable {
    /// One generic notification per new challenge (SEC-P7).
    func showSignIn(_ challenges: [PushChallenge]) async throws
    /// Clears the notification of a challenge answered in the app.
    func clear(nonce: String)
}

@MainActor
public final class ShellModel {
    public let state: AppState
    public var showingConfirm = false { willSet { objectWillChange.send() } }
    /// The scan sheet (camera preview, photo picker) is up.
    public var scanning = false { willSet { objectWillChange.send() } }
    /// The approval screen's challenge; nil: no screen.
    public var approval: ApprovalModel? { willSet { objectWillChange.send() } }
    /// The challenge last shown, for its outcome once the screen has closed.
    private var shown: ApprovalModel?
    /// The last confirm's, pairing's or answer's outcome or error, shown under the list.
    public var message: String? { willSet { objectWillChange.send() } }
    /// A pairing (rollout: RSA key generation, registration) is under way.
    public var pairing = false { willSet { objectWillChange.send() } }
    /// Open challenges waiting for an answer (set after every poll and answer; also
    /// redraws the muted warning).
    public var waiting = 0 { willSet { objectWillChange.send() } }

    /// The vault screen: create, recovery code, password, or the account list.
    public private(set) var step: VaultStep = .create {
        willSet { objectWillChange.send() }
        // A link held while the vault was shut goes to the confirmation screen now.
        didSet { if step == .open, let link = heldLink { heldLink = nil; open(link: link) } }
    }
    /// A link (URL scheme, Universal Link) that arrived before the vault was open: held in
    /// memory only (an otpauth link carries the secret) until the vault opens; a newer link
    /// replaces it.
    public private(set) var heldLink: String?
    /// A vault screen's work (Argon2id) is under way.
    public private(set) var working = false { willSet { objectWillChange.send() } }
    /// The vault screen's last problem (password refused, wrong password).
    public var vaultProblem: String? { willSet { objectWillChange.send() } }

    /// Sends the screens' redraw (Combine's ObservableObjectPublisher on Apple platforms).
    public let objectWillChange = ChangeSignal()
    private let notifier: SignInNotifier?

    /// `state` with the platform's key store and push; `notifier` posts the background
    /// poll's notifications (nil: none).
    public init(state: AppState, notifier: SignInNotifier? = nil) {
        self.state = state
        self.notifier = notifier
        step = state.start()
    }

    /// Application Support: the vault's directory (created on first use).
    public static var vaultDirectory: URL? {
        FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask).first
    }

    /// True when the vault is open; otherwise tries the Keychain slot once more (no
    /// prompt), e.g. for a notification action or a background poll. False when there is
    /// no vault yet, its recovery code is on screen, or the slot cannot open it (then the
    /// password screen shows).
    @discardableResult
    public func openIfNeeded() -> Bool {
        if state.accounts != nil { return true }
        step = state.start()
        return step == .open
    }

    /// "Continue" on the new-password screen. The fields are cleared by the view.
    public func createVault(password: String, confirmation: String) async {
        if let problem = NewPassword.problem(password, confirmation) {
            vaultProblem = problem
            return
        }
        working = true
        defer { working = false }
        do {
            try await state.createVault(password: password, confirmation: confirmation)
            vaultProblem = nil
            step = .recoveryCode
        } catch {
            vaultProblem = Self.reason(error)
        }
    }

    /// "Show my accounts", enabled once "I saved my recovery code" is ticked.
    public func recoveryCodeSaved() async {
        working = true
        defer { working = false }
        do {
            step = try await state.recoveryCodeSaved()
            vaultProblem = nil
        } catch {
            vaultProblem = Self.reason(error)
            step = state.start()
        }
    }

    /// "Open" on the password screen. A key store that could not be set up again is
    /// said under the account list.
    public func unlock(password: String) async {
        working = true
        defer { working = false }
        do {
            try await state.unlock(password: password)
            vaultProblem = nil
            message = state.keyStoreNotice
            step = .open
        } catch {
            vaultProblem = Self.reason(error)
        }
    }

    /// "Open" with the recovery code (password screen): next, the new password.
    public func unlock(recoveryCode: String) async {
        working = true
        defer { working = false }
        do {
            step = try await state.unlock(recoveryCode: recoveryCode)
            vaultProblem = nil
        } catch {
            vaultProblem = Self.reason(error)
        }
    }

    /// "Save and show my accounts" on the new-password screen after a recovery-code open.
    public func setNewPassword(password: String, confirmation: String) async {
        if let problem = NewPassword.problem(password, confirmation) {
            vaultProblem = problem
            return
        }
        working = true
        defer { working = false }
        do {
            step = try await state.setNewPassword(password: password, confirmation: confirmation)
            vaultProblem = nil
            message = state.keyStoreNotice
        } catch {
            vaultProblem = Self.reason(error)
        }
    }

    /// "Remove" on the paired tokens screen, after its confirmation.
    public func removePushToken(serial: String) {
        do {
            message = try state.removePushToken(serial: serial).message
        } catch {
            message = "Not removed: " + Self.reason(error)
        }
        waiting = state.inbox.challenges.count
        objectWillChange.send()
    }

    static func reason(_ error: Error) -> String {
        (error as? InkanError)?.displayReason ?? "unexpected error"
    }

    public func confirm(_ confirmation: AddConfirmation) {
        do {
            let summary = try state.confirm(confirmation)
            message = summary.duplicateKept.isEmpty ? nil
                : "Kept as a second entry (same name, other secret): " + summary.duplicateKept.joined(separator: ", ")
        } catch let error as InkanError {
            message = error.displayReason
        } catch {
            message = "unexpected error"
        }
    }

    /// A link from anywhere (URL scheme, Universal Link, paste, scan): the confirmation
    /// screen, or held until the vault is open.
    public func open(link: String) {
        guard step == .open else {
            heldLink = link
            return
        }
        state.open(link: link)
        showingConfirm = true
    }

    /// The camera found an enrollment code: the scan sheet closes, the link is confirmed.
    public func scanned(link: String) {
        scanning = false
        open(link: link)
    }

    /// An image picked on the scan sheet (a screenshot of the code on this phone): its
    /// first enrollment code, else its first code, is confirmed like a link; an image with
    /// none, or no image at all, shows core's refusal. Decoding runs off the main thread.
    public func scanned(image: Data) async {
        scanning = false
        let found: Result<[String], Error> = await Task.detached { Result { try decodeImage(bytes: image) } }.value
        switch found {
        case .success(let texts):
            // No code: the empty text is refused by core's link parser, with its reason.
            open(link: texts.first(where: isEnrollmentPayload) ?? texts.first ?? "")
        case .failure(let error):
            state.pendingRoute = .rejected(reason: Self.reason(error))
            showingConfirm = true
        }
    }

    /// The user confirmed a push pairing.
    public func pair(_ enrollment: PushEnrollment) async {
        pairing = true
        defer { pairing = false }
        do {
            let token = try await state.pair(enrollment)
            message = "Paired: \(NotificationTexts.accountName(token)). Sign-in requests will ask for your approval."
        } catch let error as InkanError {
            message = "Not paired: \(error.displayReason)"
        } catch {
            message = "Not paired: unexpected error"
        }
    }

    /// Opens the approval screen for `nonce` (nil: the first open challenge).
    public func review(nonce: String?) {
        guard approval == nil else { return }
        approval = state.approval(nonce: nonce)
        shown = approval
    }

    /// Foreground polling while the scene is active (cancelled when it is not).
    public func pollWhileActive() async {
        guard openIfNeeded() else { return }
        await state.pollWhileActive { [weak self] fresh in
            guard let self else { return }
            waiting = state.inbox.challenges.count
            if let first = fresh.first { review(nonce: first.nonce) }
        }
    }

    /// One background poll: new challenges become notifications. True when the poll worked.
    public func pollInBackground() async -> Bool {
        guard openIfNeeded() else { return false }
        let fresh = await state.poll()
        if !fresh.isEmpty { try? await notifier?.showSignIn(fresh) }
        return state.pushProblem == nil
    }

    /// "Deny" on a notification: no Face ID (SEC-P6).
    public func deny(nonce: String) async {
        guard openIfNeeded() else { return }
        if state.inbox.find(nonce: nonce) == nil { _ = await state.poll() }
        guard let model = state.approval(nonce: nonce) else {
            message = "That sign-in request is no longer open."
            return
        }
        message = await model.deny()?.message
    }

    /// The approval screen closed.
    public func finishedApproval() {
        if let nonce = shown?.state.challenge.nonce { notifier?.clear(nonce: nonce) }
        message = shown?.outcome?.message ?? message
        shown = nil
        approval = nil
        waiting = state.inbox.challenges.count
    }
}
