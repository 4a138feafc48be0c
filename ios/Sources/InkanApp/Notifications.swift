// Sign-in notifications: one per new challenge, in a category whose hidden-preview
// placeholder is all a locked device shows; the body is generic and never carries the
// account, the question, a code or a number (SEC-P7). "Deny" works from the notification
// without Face ID (SEC-P6: deny needs none) but after unlocking: the token key that signs it
// is only usable while the device is unlocked.
#if canImport(UserNotifications)
import Foundation
import UserNotifications
import InkanCore
import InkanKit

public enum Notifications {
    public static let category = SignInNotice.category
    public static let denyAction = SignInNotice.denyAction
    public static let reviewAction = SignInNotice.reviewAction
    public static let nonceKey = SignInNotice.nonceKey

    public static func register() async throws -> Bool {
        let center = UNUserNotificationCenter.current()
        let deny = UNNotificationAction(identifier: denyAction, title: "Deny",
                                        options: [.destructive, .authenticationRequired])
        let open = UNNotificationAction(identifier: reviewAction, title: "Review",
                                        options: [.foreground, .authenticationRequired])
        center.setNotificationCategories([
            UNNotificationCategory(identifier: category, actions: [open, deny], intentIdentifiers: [],
                                   hiddenPreviewsBodyPlaceholder: NotificationTexts.title, options: []),
        ])
        return try await center.requestAuthorization(options: [.alert, .sound])
    }

    public static func showSignIn(_ challenges: [PushChallenge]) async throws {
        for challenge in challenges {
            let text = NotificationTexts.signIn
            let content = UNMutableNotificationContent()
            content.title = text.title
            content.body = text.body
            content.categoryIdentifier = category
            content.threadIdentifier = category
            content.userInfo = [nonceKey: challenge.nonce]
            content.interruptionLevel = .timeSensitive
            try await UNUserNotificationCenter.current().add(
                UNNotificationRequest(identifier: SignInNotice.identifier(nonce: challenge.nonce),
                                      content: content, trigger: nil))
        }
    }

    /// Clears the notification of a challenge that was answered in the app.
    public static func clear(nonce: String) {
        UNUserNotificationCenter.current().removeDeliveredNotifications(withIdentifiers: [SignInNotice.identifier(nonce: nonce)])
    }
}

/// The model's `SignInNotifier` on a device.
public struct SystemNotifier: SignInNotifier {
    public init() {}
    public func showSignIn(_ challenges: [PushChallenge]) async throws { try await Notifications.showSignIn(challenges) }
    public func clear(nonce: String) { Notifications.clear(nonce: nonce) }
}

/// Routes the actions of sign-in notifications: a tap or "Review" opens the approval screen
/// (where approving asks for Face ID), "Deny" denies at once.
public final class NotificationResponder: NSObject, UNUserNotificationCenterDelegate, Sendable {
    private let onReview: @MainActor @Sendable (String?) -> Void
    private let onDeny: @MainActor @Sendable (String) async -> Void

    public init(onReview: @escaping @MainActor @Sendable (String?) -> Void,
                onDeny: @escaping @MainActor @Sendable (String) async -> Void) {
        self.onReview = onReview
        self.onDeny = onDeny
    }

    public func userNotificationCenter(_ center: UNUserNotificationCenter,
                                       didReceive response: UNNotificationResponse) async {
        switch SignInNotice.action(response.actionIdentifier, userInfo: response.notification.request.content.userInfo,
                                   dismiss: UNNotificationDismissActionIdentifier) {
        case .deny(let nonce): await onDeny(nonce)
        case .review(let nonce): await onReview(nonce)
        case .none: break
        }
    }

    /// In the foreground the app opens the approval screen itself: no banner.
    public func userNotificationCenter(_ center: UNUserNotificationCenter,
                                       willPresent notification: UNNotification) async -> UNNotificationPresentationOptions {
        []
    }
}
#endif
