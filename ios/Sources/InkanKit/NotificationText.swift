// What a sign-in notification says. With previews hidden the lock screen shows only the
// placeholder; no version carries a code or the matching number.
public struct NotificationText: Equatable, Sendable {
    public let title: String
    public let body: String
    /// Shown instead of the body while previews are hidden (locked device).
    public let hiddenPreviewPlaceholder: String
}

public enum NotificationTexts {
    public static let title = "Sign-in request"

    public static func signIn(_ request: SignInRequest) -> NotificationText {
        NotificationText(
            title: title,
            body: "\(request.service) at \(request.host) asks to sign in. Open to review.",
            hiddenPreviewPlaceholder: title)
    }
}
