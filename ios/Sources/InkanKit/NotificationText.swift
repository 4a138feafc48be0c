// What a sign-in notification says. Previews are hidden on a locked device (only the
// placeholder "Sign-in request" shows), but a user may set previews to "Always": so the body
// is generic too (SEC-P7) — no account, code, question or number option. Those are shown
// inside the app, after unlock.
import Foundation
import InkanCore

public struct NotificationText: Equatable, Sendable {
    public let title: String
    public let body: String
    /// Shown instead of the body while previews are hidden (locked device).
    public let hiddenPreviewPlaceholder: String
}

public enum NotificationTexts {
    public static let title = "Sign-in request"

    /// The same for every challenge: nothing about it is shown outside the app.
    public static let signIn = NotificationText(
        title: title, body: "A sign-in is waiting for your approval. Open inkan to review.",
        hiddenPreviewPlaceholder: title)

    /// "issuer: label", or the serial when both are empty.
    public static func accountName(_ token: PushTokenInfo) -> String {
        let name = [token.issuer, token.label].filter { !$0.isEmpty }.joined(separator: ": ")
        return name.isEmpty ? token.serial : name
    }
}

/// The open challenges of the last poll, for the approval screen and the main screen, and
/// which of them are new (announced once).
public final class PushInbox: @unchecked Sendable {  // state guarded by lock
    public static let mutedWarning =
        "Repeated sign-in requests were silenced: someone may know your password. Change it."
    private let lock = NSLock()
    private var open: [PushChallenge] = []
    private var announced: Set<String> = []
    private var muted = false

    public init() {}

    public var challenges: [PushChallenge] { lock.lock(); defer { lock.unlock() }; return open }

    /// Challenges of muted tokens were seen (SEC-P8): say "someone may know your password".
    public var mutedSeen: Bool { lock.lock(); defer { lock.unlock() }; return muted }

    /// Takes a poll's result; returns the challenges not announced before (to notify).
    @discardableResult
    public func update(_ poll: PushPoll) -> [PushChallenge] {
        lock.lock(); defer { lock.unlock() }
        open = poll.challenges
        if !poll.muted.isEmpty { muted = true }
        let fresh = open.filter { !announced.contains($0.nonce) }
        // Forget nonces no longer open: the set stays as small as the inbox.
        announced = Set(open.map(\.nonce))
        return fresh
    }

    public func find(nonce: String?) -> PushChallenge? {
        lock.lock(); defer { lock.unlock() }
        return open.first { nonce == nil || $0.nonce == nonce }
    }

    /// The challenge was answered (or refused): it leaves the inbox at once.
    public func remove(nonce: String) {
        lock.lock(); defer { lock.unlock() }
        open.removeAll { $0.nonce == nonce }
    }

    public func acknowledgeMuted() {
        lock.lock(); defer { lock.unlock() }
        muted = false
    }
}
