// Getting the vault open. First start: a password, twice (NewPassword's rules), then the
// recovery code with "I saved my recovery code", which must be ticked before the account
// list shows (until then the vault is only `inkan.vault.new`, discarded at the next start).
// Later starts open through the Keychain slot without these screens; when that slot fails
// this screen asks for the password, or the recovery code ("Use recovery code"), which is
// followed by a new password (twice) before the account list. Either way the Keychain then
// gets a new slot (a notice under the list when it refuses). Argon2id runs off the main thread (AppState). The
// password fields are cleared once used; the recovery code is privacy-sensitive (redacted
// in the app switcher snapshot) and forgotten once acknowledged.
#if canImport(SwiftUI)
import SwiftUI
import InkanCore
import InkanKit

/// The app's root: the vault screen for `model.step`, the account list once open.
public struct RootView: View {
    @ObservedObject var model: ShellModel
    @Environment(\.scenePhase) private var phase

    public init(model: ShellModel) { self.model = model }

    public var body: some View {
        screen
            // A launch in the background (refresh task) of a locked phone cannot use the
            // Keychain: back in the foreground, the slot is tried again before the
            // password is asked for.
            .onChange(of: phase) { now in
                if now == .active, case .unlock = model.step { model.openIfNeeded() }
            }
            // Links are taken here, whatever the screen: the model holds one that comes
            // before the vault is open and confirms it once the account list shows.
            .onOpenURL { model.open(link: $0.absoluteString) }
            .onContinueUserActivity(NSUserActivityTypeBrowsingWeb) { activity in
                if let url = activity.webpageURL { model.open(link: url.absoluteString) }
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
        case .newPassword:
            NewPasswordView(model: model)
        }
    }
}

struct CreateVaultView: View {
    @ObservedObject var model: ShellModel
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
    @ObservedObject var model: ShellModel
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
    @ObservedObject var model: ShellModel
    let reason: String
    @State private var password = ""
    @State private var useRecoveryCode = false
    @State private var recoveryCode = ""

    var body: some View {
        Form {
            Section {
                Text(useRecoveryCode ? "Enter your recovery code" : "Enter your password").font(.title2)
                Text(verbatim: "The Keychain did not open your accounts (\(reason)).").font(.caption)
            }
            if useRecoveryCode {
                Section {
                    Text("The recovery code you wrote down when you made the vault. "
                         + "You then choose a new password.")
                    // Visible while typed (a long code), never learned by the keyboard,
                    // redacted in the app switcher snapshot; core reads spaces, dashes and case.
                    TextField("Recovery code", text: $recoveryCode)
                        .autocorrectionDisabled()
                        .privacySensitive()
                }
            } else {
                SecureField("Password", text: $password)
            }
            if let problem = model.vaultProblem { Text(verbatim: problem) }
            if model.working {
                ProgressView("Opening…")
            } else {
                Button("Open") {
                    if useRecoveryCode {
                        let code = recoveryCode
                        recoveryCode = ""
                        Task { await model.unlock(recoveryCode: code) }
                    } else {
                        let p = password
                        password = ""
                        Task { await model.unlock(password: p) }
                    }
                }
                Button(useRecoveryCode ? "Use my password" : "Use recovery code") {
                    useRecoveryCode.toggle()
                    password = ""
                    recoveryCode = ""
                    model.vaultProblem = nil
                }
            }
        }
    }
}

/// After a recovery-code open: the old password is forgotten, a new one is set (twice,
/// NewPassword's rules) before the account list shows. The recovery code stays valid.
struct NewPasswordView: View {
    @ObservedObject var model: ShellModel
    @State private var password = ""
    @State private var again = ""

    var body: some View {
        Form {
            Section {
                Text("Choose a new password").font(.title2)
                Text("Your recovery code opened your accounts. Choose a new password "
                     + "(at least \(NewPassword.minLength) characters); the old one no longer opens them. "
                     + "Your recovery code stays the same.")
            }
            Section {
                SecureField("New password", text: $password)
                SecureField("New password again", text: $again)
            }
            if let problem = model.vaultProblem { Text(verbatim: problem) }
            if model.working {
                ProgressView("Saving the new password…")
            } else {
                Button("Save and show my accounts") {
                    let p = password, c = again
                    password = ""; again = ""
                    Task { await model.setNewPassword(password: p, confirmation: c) }
                }
            }
        }
    }
}
#endif
