// Getting the vault open. First start: a password, twice (NewPassword's rules), then the
// recovery code with "I saved my recovery code", which must be ticked before the account
// list shows (until then the vault is only `inkan.vault.new`, discarded at the next start).
// Later starts open through the Keychain slot without these screens; when that slot fails
// this screen asks for the password. Argon2id runs off the main thread (AppState). The
// password fields are cleared once used; the recovery code is privacy-sensitive (redacted
// in the app switcher snapshot) and forgotten once acknowledged.
#if canImport(SwiftUI)
import SwiftUI
import InkanCore
import InkanKit

/// The app's root: the vault screen for `model.step`, the account list once open.
public struct RootView: View {
    @ObservedObject var model: AppModel
    @Environment(\.scenePhase) private var phase

    public init(model: AppModel) { self.model = model }

    public var body: some View {
        screen
            // A launch in the background (refresh task) of a locked phone cannot use the
            // Keychain: back in the foreground, the slot is tried again before the
            // password is asked for.
            .onChange(of: phase) { now in
                if now == .active, case .unlock = model.step { model.openIfNeeded() }
            }
    }

    @ViewBuilder private var screen: some View {
        switch model.step {
        case .open:
            NavigationStack { AccountListView(model: model) }
        case .create:
            CreateVaultView(model: model)
        case .recoveryCode:
            RecoveryCodeView(model: model)
        case .unlock(let reason):
            UnlockView(model: model, reason: reason)
        }
    }
}

struct CreateVaultView: View {
    @ObservedObject var model: AppModel
    @State private var password = ""
    @State private var again = ""

    var body: some View {
        Form {
            Section {
                Text("Protect your accounts").font(.title2)
                Text("Choose a password for inkan (at least \(NewPassword.minLength) characters). "
                     + "You need it if this phone's Keychain cannot open your accounts.")
            }
            Section {
                SecureField("Password", text: $password)
                SecureField("Password again", text: $again)
            }
            if let problem = model.vaultProblem { Text(verbatim: problem) }
            if model.working {
                ProgressView("Creating the vault…")
            } else {
                Button("Continue") {
                    let p = password, c = again
                    Task {
                        await model.createVault(password: p, confirmation: c)
                        if model.step != .create { password = ""; again = "" }
                    }
                }
            }
        }
    }
}

struct RecoveryCodeView: View {
    @ObservedObject var model: AppModel
    @State private var saved = false

    var body: some View {
        Form {
            Section {
                Text("Your recovery code").font(.title2)
                Text("Write it down and keep it somewhere safe. It opens your accounts if you forget "
                     + "the password. It is shown only now.")
            }
            Section {
                Text(verbatim: model.state.pendingVault?.recoveryCode ?? "")
                    .font(.system(.title3, design: .monospaced))
                    .privacySensitive()
                    .textSelection(.disabled)
            }
            Toggle("I saved my recovery code", isOn: $saved)
            if let problem = model.vaultProblem { Text(verbatim: problem) }
            if model.working {
                ProgressView("Opening…")
            } else {
                Button("Show my accounts") { Task { await model.recoveryCodeSaved() } }.disabled(!saved)
            }
        }
    }
}

struct UnlockView: View {
    @ObservedObject var model: AppModel
    let reason: String
    @State private var password = ""

    var body: some View {
        Form {
            Section {
                Text("Enter your password").font(.title2)
                Text(verbatim: "The Keychain did not open your accounts (\(reason)).").font(.caption)
            }
            SecureField("Password", text: $password)
            if let problem = model.vaultProblem { Text(verbatim: problem) }
            if model.working {
                ProgressView("Opening…")
            } else {
                Button("Open") {
                    let p = password
                    password = ""
                    Task { await model.unlock(password: p) }
                }
            }
        }
    }
}
#endif
