// SwiftUI screens: account list with live codes and countdown, confirmation, approval,
// paired push tokens. The vault screens (first start, password) are in VaultViews.swift.
// Codes are hidden while the app is not active and marked privacy-sensitive (redacted on
// the lock screen and in the app switcher snapshot).
#if canImport(SwiftUI)
import SwiftUI
import InkanCore
import InkanKit

@MainActor
public final class AppModel: ObservableObject {
    public let state: AppState
    @Published public var showingConfirm = false
    /// The approval screen's challenge; nil: no screen.
    @Published public var approval: ApprovalModel?
    /// The challenge last shown, for its outcome once the screen has closed.
    private var shown: ApprovalModel?
    /// The last confirm's, pairing's or answer's outcome or error, shown under the list.
    @Published public var message: String?
    /// A pairing (rollout: RSA key generation, registration) is under way.
    @Published public var pairing = false
    /// Open challenges waiting for an answer (set after every poll and answer; also
    /// redraws the muted warning).
    @Published public var waiting = 0

    /// The vault screen: create, recovery code, password, or the account list.
    @Published public private(set) var step: VaultStep = .create
    /// A vault screen's work (Argon2id) is under way.
    @Published public private(set) var working = false
    /// The vault screen's last problem (password refused, wrong password).
    @Published public var vaultProblem: String?

    public init() {
        let file = Self.vaultDirectory.map { VaultFile(directory: $0) }
        #if canImport(Security) && canImport(CryptoKit) && canImport(LocalAuthentication)
        state = AppState(vaultFile: file, keyStore: KeychainKeyStore(),
                         push: PushPlatform(transport: URLSessionTransport(), keys: KeychainTokenKeys(),
                                            presence: SecureEnclavePresence()))
        #else
        state = AppState(vaultFile: file, keyStore: nil)
        #endif
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

    public func open(link: String) {
        state.open(link: link)
        showingConfirm = true
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
        #if canImport(UserNotifications)
        if !fresh.isEmpty { try? await Notifications.showSignIn(fresh) }
        #endif
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
        #if canImport(UserNotifications)
        if let nonce = shown?.state.challenge.nonce { Notifications.clear(nonce: nonce) }
        #endif
        message = shown?.outcome?.message ?? message
        shown = nil
        approval = nil
        waiting = state.inbox.challenges.count
    }
}

public struct AccountListView: View {
    @ObservedObject var model: AppModel
    @Environment(\.scenePhase) private var phase
    @Environment(\.redactionReasons) private var redaction

    public init(model: AppModel) { self.model = model }

    public var body: some View {
        TimelineView(.periodic(from: .now, by: 1)) { _ in
            let locked = phase != .active || !redaction.isEmpty
            let rows = (try? model.state.accounts?.state(deviceLocked: locked).rows) ?? []
            List(rows, id: \.id) { row in
                VStack(alignment: .leading) {
                    Text(row.label).font(.caption)
                    HStack {
                        Text(row.code).font(.system(.title, design: .monospaced)).privacySensitive()
                        Spacer()
                        if let progress = row.progress {
                            ProgressView(value: progress).frame(width: 44)
                        }
                    }
                }
            }
        }
        .toolbar {
            if !model.state.pushTokens.isEmpty {
                NavigationLink("Push tokens") { PushTokensView(model: model) }
            }
            Button("Paste link") {
                #if canImport(UIKit)
                if let text = UIPasteboard.general.string { model.open(link: text) }
                #endif
            }
        }
        .safeAreaInset(edge: .bottom) {
            VStack {
                if model.waiting > 0 {
                    Button(model.waiting == 1 ? "Review the sign-in request"
                           : "Review \(model.waiting) sign-in requests") { model.review(nonce: nil) }
                }
                if model.state.inbox.mutedSeen {
                    Text(PushInbox.mutedWarning).font(.caption)
                }
                if let message = model.message { Text(verbatim: message).font(.caption) }
            }
            .padding()
        }
        // Poll while in the foreground; the task is cancelled when the phase changes.
        .task(id: phase == .active) {
            if phase == .active { await model.pollWhileActive() }
        }
        .onOpenURL { model.open(link: $0.absoluteString) }
        .onContinueUserActivity(NSUserActivityTypeBrowsingWeb) { activity in
            if let url = activity.webpageURL { model.open(link: url.absoluteString) }
        }
        .sheet(isPresented: $model.showingConfirm) { ConfirmView(model: model) }
        .sheet(item: $model.approval, onDismiss: { model.finishedApproval() }) { approval in
            ApproveView(approval: approval)
        }
    }
}

/// The paired push tokens; Remove asks first and says the server is not told.
struct PushTokensView: View {
    @ObservedObject var model: AppModel
    @State private var removing: PushTokenInfo?

    var body: some View {
        List {
            ForEach(model.state.pushTokens, id: \.serial) { token in
                let row = PushTokenTexts.row(token)
                HStack {
                    VStack(alignment: .leading) {
                        Text(verbatim: row.account)
                        Text(verbatim: row.server).font(.caption)
                    }
                    Spacer()
                    Button("Remove", role: .destructive) { removing = token }.buttonStyle(.borderless)
                }
            }
            if let message = model.message { Text(verbatim: message).font(.caption) }
        }
        .navigationTitle("Push tokens")
        .confirmationDialog("Remove this token?", isPresented: Binding(
            get: { removing != nil }, set: { if !$0 { removing = nil } }),
            titleVisibility: .visible, presenting: removing) { token in
            Button("Remove", role: .destructive) { model.removePushToken(serial: token.serial) }
            Button("Cancel", role: .cancel) {}
        } message: { token in
            Text(verbatim: PushTokenTexts.confirmRemove(token))
        }
    }
}

struct ConfirmView: View {
    @ObservedObject var model: AppModel
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        VStack(spacing: 16) {
            switch model.state.pendingRoute {
            case .addAccounts(let confirmation):
                Text("Add \(confirmation.items.count) account(s)?").font(.headline)
                if let host = confirmation.fromHost { Text("from \(host)") }
                ForEach(confirmation.items, id: \.account) { Text("\($0.issuer)  \($0.account)") }
                ForEach(confirmation.skipped, id: \.self) { Text("Not imported: \($0)").font(.caption) }
                Button("Add") { model.confirm(confirmation); close() }
                Button("Cancel", role: .cancel) { confirmation.cancel(); close() }
            case .pair(let info, let enrollment):
                Text("Pair with \(info.serverHost)?").font(.headline)
                Text("\(info.issuer): \(info.label) (\(info.serial))")
                if let host = info.fromHost { Text("from \(host)") }
                if info.serverAskedNoVerify {
                    Text("The link asks to skip certificate checks; inkan checks them anyway.").font(.caption)
                }
                Text("Sign-in requests from this server will ask for your approval.")
                if model.pairing {
                    ProgressView("Making the key…")
                } else {
                    Button("Pair") {
                        Task {
                            await model.pair(enrollment)
                            close()
                        }
                    }
                    Button("Cancel", role: .cancel) { close() }
                }
            case .rejected(let reason):
                Text("This link cannot be used").font(.headline)
                Text(reason)
                Button("OK") { close() }
            case nil:
                EmptyView()
            }
        }
        .padding()
    }

    private func close() {
        model.state.pendingRoute = nil
        dismiss()
    }
}

/// One challenge: who asks (plain text only, SEC-P2), the number, approve / deny / "this
/// wasn't me". Approve asks for Face ID inside PushSigner.sign (SEC-P6); the outcome replaces
/// the buttons.
struct ApproveView: View {
    let approval: ApprovalModel
    /// ApprovalModel is not observable: bumped after each change to redraw.
    @State private var version = 0
    @State private var typed = ""
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        let _ = version
        let state = approval.state
        VStack(spacing: 16) {
            Text(verbatim: state.title).font(.headline)
            // The pinned server, plain text (never in the notification, SEC-P7).
            if let signInAt = state.signInAt { Text(verbatim: signInAt).font(.subheadline) }
            Text(verbatim: state.question)
            Text(verbatim: state.account).font(.caption)
            if let outcome = approval.outcome, !outcome.stillOpen {
                Text(verbatim: outcome.message)
                Button("Done") { dismiss() }
            } else {
                if let notice = approval.outcome?.message { Text(verbatim: notice).font(.caption) }
                switch state.mode {
                case .chooseOne:
                    Text("Tap the number shown on the sign-in page")
                    HStack {
                        ForEach(state.choices, id: \.self) { option in
                            Button { approval.choose(option); version += 1 } label: {
                                Text(verbatim: option).font(.title2.monospaced())
                                    .padding(4)
                                    .overlay(RoundedRectangle(cornerRadius: 6)
                                        .stroke(lineWidth: state.chosen == option ? 2 : 0))
                            }
                            .buttonStyle(.bordered)
                        }
                    }
                case .typeIn:
                    // ApprovalState filters the input (letters and digits, option length).
                    TextField("Number shown on the sign-in page", text: $typed)
                        .onChange(of: typed) { text in
                            approval.type(text)
                            if typed != approval.state.typed { typed = approval.state.typed }
                            version += 1
                        }
                case .none:
                    EmptyView()
                }
                if approval.sending {
                    ProgressView()
                } else {
                    Button("Approve") { send { await approval.approve() } }.disabled(!state.canApprove)
                    Button("Deny", role: .destructive) { send { await approval.deny() } }
                    Button("This wasn't me") { send { await approval.report() } }
                }
            }
        }
        .padding()
    }

    private func send(_ action: @escaping @MainActor () async -> Outcome?) {
        Task { @MainActor in
            version += 1
            _ = await action()
            version += 1
        }
    }
}
#endif
