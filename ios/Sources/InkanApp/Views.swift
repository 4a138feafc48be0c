// SwiftUI screens: account list with live codes and countdown, confirmation, approval,
// paired push tokens; their model is ShellModel.swift (platform-neutral). The vault screens (first start, password) are in VaultViews.swift.
// Codes are hidden while the app is not active and marked privacy-sensitive (redacted on
// the lock screen and in the app switcher snapshot).
#if canImport(SwiftUI)
import SwiftUI
import InkanCore
import InkanKit

public struct AccountListView: View {
    @ObservedObject var model: ShellModel
    @Environment(\.scenePhase) private var phase
    @Environment(\.redactionReasons) private var redaction

    public init(model: ShellModel) { self.model = model }

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
            // Icon only until the catalog's texts reach the shell (no new literal here).
            Button { model.scanning = true } label: { Image(systemName: "qrcode.viewfinder") }
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
        .sheet(isPresented: $model.showingConfirm) { ConfirmView(model: model) }
        #if canImport(AVFoundation) && canImport(UIKit) && canImport(PhotosUI)
        .sheet(isPresented: $model.scanning) { ScanSheet(model: model) }
        #endif
        .sheet(item: $model.approval, onDismiss: { model.finishedApproval() }) { approval in
            ApproveView(approval: approval)
        }
    }
}

/// The paired push tokens; Remove asks first and says the server is not told.
struct PushTokensView: View {
    @ObservedObject var model: ShellModel
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
    @ObservedObject var model: ShellModel
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
                        .font(.title2.monospaced())
                        .autocorrectionDisabled()
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
