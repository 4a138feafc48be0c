// The sign-in notification's identifiers and what a tap on it does: a tap or "Review" opens
// the approval screen (approving there asks for presence), "Deny" denies at once without it
// (SEC-P6: only approval needs presence), a dismissal does nothing. The UserNotifications
// side (Notifications.swift) only passes the identifiers through.
import Foundation

public enum SignInNotice {
    public static let category = "sign-in-request"
    public static let denyAction = "deny"
    public static let reviewAction = "review"
    /// userInfo key of the challenge nonce (an opaque id, never displayed).
    public static let nonceKey = "nonce"

    /// The notification of the challenge `nonce`: posted once, cleared once answered.
    public static func identifier(nonce: String) -> String { "sign-in-\(nonce)" }

    public enum Action: Equatable, Sendable {
        case deny(nonce: String)
        /// The approval screen for `nonce` (nil: the first open challenge).
        case review(nonce: String?)
        case none
    }

    /// The action for the user's response `identifier` on a notification whose userInfo
    /// is `userInfo`; `dismiss` is the system's dismiss identifier. "Deny" without a nonce
    /// opens the app instead: nothing is denied blindly.
    public static func action(_ identifier: String, userInfo: [AnyHashable: Any], dismiss: String) -> Action {
        let nonce = userInfo[nonceKey] as? String
        if identifier == dismiss { return .none }
        if identifier == denyAction, let nonce { return .deny(nonce: nonce) }
        return .review(nonce: nonce)
    }
}
