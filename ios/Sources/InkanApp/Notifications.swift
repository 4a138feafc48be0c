// Sign-in notifications: a category whose hidden-preview placeholder is the only thing a
// locked device shows; the body never carries a code or the matching number.
#if canImport(UserNotifications)
import UserNotifications
import InkanKit

public enum Notifications {
    public static let category = "sign-in-request"

    public static func register() async throws -> Bool {
        let center = UNUserNotificationCenter.current()
        let deny = UNNotificationAction(identifier: "deny", title: "Deny", options: [.destructive])
        let open = UNNotificationAction(identifier: "review", title: "Review", options: [.foreground, .authenticationRequired])
        center.setNotificationCategories([
            UNNotificationCategory(identifier: category, actions: [open, deny], intentIdentifiers: [],
                                   hiddenPreviewsBodyPlaceholder: NotificationTexts.title, options: []),
        ])
        return try await center.requestAuthorization(options: [.alert, .sound])
    }

    public static func showSignIn(_ request: SignInRequest) async throws {
        let text = NotificationTexts.signIn(request)
        let content = UNMutableNotificationContent()
        content.title = text.title
        content.body = text.body
        content.categoryIdentifier = category
        content.interruptionLevel = .timeSensitive
        try await UNUserNotificationCenter.current().add(
            UNNotificationRequest(identifier: "sign-in", content: content, trigger: nil))
    }
}
#endif
