// SwiftUI screens: account list with live codes and countdown, confirmation, approval.
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
    @Published public var showingApprove = false
    /// The last confirm's outcome or error, shown under the list.
    @Published public var message: String?

    public init() {
        #if canImport(Security) && canImport(CryptoKit)
        state = AppState(keyStore: KeychainKeyStore())
        #else
        state = AppState(keyStore: nil)
        #endif
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
            Button("Paste link") {
                #if canImport(UIKit)
                if let text = UIPasteboard.general.string { model.open(link: text) }
                #endif
            }
        }
        .safeAreaInset(edge: .bottom) {
            if let message = model.message { Text(message).font(.caption).padding() }
        }
        .onOpenURL { model.open(link: $0.absoluteString) }
        .onContinueUserActivity(NSUserActivityTypeBrowsingWeb) { activity in
            if let url = activity.webpageURL { model.open(link: url.absoluteString) }
        }
        .sheet(isPresented: $model.showingConfirm) { ConfirmView(model: model) }
        .sheet(isPresented: $model.showingApprove) { ApproveView(model: model) }
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
            case .pair(let info, _):
                Text("Pair with \(info.serverHost)?").font(.headline)
                Text("\(info.issuer): \(info.label) (\(info.serial))")
                if let host = info.fromHost { Text("from \(host)") }
                if info.serverAskedNoVerify {
                    Text("The link asks to skip certificate checks; inkan checks them anyway.").font(.caption)
                }
                Text("Sign-in requests from this server will ask for your approval.")
                // The rollout (key generation, registration) is PushClient's once exported.
                Button("Cancel", role: .cancel) { close() }
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

struct ApproveView: View {
    @ObservedObject var model: AppModel
    @State private var approval: ApprovalState?
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        VStack(spacing: 16) {
            if let request = model.state.pendingRequest {
                Text("Sign in to \(request.service)?").font(.headline)
                Text("Requested by \(request.host)")
                if request.choices.isEmpty {
                    // ApprovalState filters the input (digits only, at most two).
                    TextField("Number shown on the sign-in page", text: Binding(
                        get: { approval?.typed ?? "" },
                        set: { approval?.type($0) }))
                    #if os(iOS)
                        .keyboardType(.numberPad)
                    #endif
                } else {
                    HStack {
                        ForEach(request.choices, id: \.self) { n in
                            Button("\(n)") { approval?.choose(n) }.buttonStyle(.bordered)
                        }
                    }
                }
                Button("Approve") { Task { await approve() } }.disabled(!(approval?.canApprove ?? false))
                Button("Deny", role: .destructive) { finish(.deny) }
                Button("Deny and report") { finish(.report) }
            }
        }
        .padding()
        .onAppear { approval = model.state.pendingRequest.map { ApprovalState(request: $0) } }
    }

    private func approve() async {
        guard let decision = approval?.approve() else { return }
        #if canImport(LocalAuthentication)
        guard await Biometrics.confirm(reason: "Approve the sign-in") else { return }
        #endif
        finish(decision)
    }

    private func finish(_ decision: Decision) {
        // PushClient.answer(decision, signer: ApprovalKey) once the push module lands.
        model.state.pendingRequest = nil
        dismiss()
    }
}
#endif
