// The paired push tokens screen: which tokens there are (host, account) and removing one.
// Removal is core's (`Authenticator.removePushToken` drops the token from the vault and
// returns it); the shell then deletes the token's Keychain key named by the returned
// `keyAlias`. The server is not told (privacyIDEA has no client-side unpairing): the user
// must revoke the token there too, so the texts say so.
import Foundation
import InkanCore

public enum PushTokenTexts {
    /// The row: "issuer: label", then the server.
    public static func row(_ token: PushTokenInfo) -> (account: String, server: String) {
        (NotificationTexts.accountName(token), token.host.isEmpty ? "unknown server" : token.host)
    }

    /// The confirmation asked before removing.
    public static func confirmRemove(_ token: PushTokenInfo) -> String {
        "Remove \(NotificationTexts.accountName(token))? This phone will no longer get its sign-in requests. "
            + "The server \(token.host.isEmpty ? "" : "(\(token.host)) ")is not told: revoke the token there too."
    }
}

/// What removing a token did, for the screen.
public struct TokenRemoval: Sendable {
    /// The token as it was in the vault.
    public let token: PushTokenInfo
    /// Why its key could not be deleted, or nil (deleted, or it had none).
    public let keyProblem: String?

    public var message: String {
        var text = "Removed \(NotificationTexts.accountName(token)) from this phone. "
            + "The server was not told: revoke the token there too."
        if let keyProblem { text += " Its key could not be deleted (\(keyProblem))." }
        return text
    }
}

public enum PushTokenRemoval {
    /// Removes `serial` from `vault`, then the key of the alias the vault returns. Throws
    /// what `removePushToken` throws (nothing was removed then).
    public static func remove(serial: String, vault: AuthenticatorProtocol, keys: TokenKeys?) throws -> TokenRemoval {
        let removed = try vault.removePushToken(serial: serial)
        var problem: String?
        if let alias = removed.keyAlias, let keys {
            do {
                try keys.delete(alias: alias)
            } catch let error as CallbackError {
                problem = error.displayReason
            } catch {
                problem = "unexpected error"
            }
        }
        return TokenRemoval(token: removed, keyProblem: problem)
    }
}

extension CallbackError {
    /// Display-safe text of a platform failure.
    public var displayReason: String {
        switch self {
        case .Unavailable(let reason), .Denied(let reason), .Failed(let reason), .Unexpected(let reason):
            return reason
        case .NotFound: return "not found"
        case .Mismatch: return "mismatch"
        }
    }
}
