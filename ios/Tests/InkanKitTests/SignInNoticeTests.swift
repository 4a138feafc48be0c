import XCTest
@testable import InkanKit

/// What a tap on a sign-in notification does (SignInNotice.action): "Deny" denies without
/// presence, a tap reviews, a dismissal does nothing, a deny without a nonce only opens the app.
final class SignInNoticeTests: XCTestCase {
    func testActions() {
        let dismiss = "com.apple.UNNotificationDismissActionIdentifier"
        let info: [AnyHashable: Any] = [SignInNotice.nonceKey: "N1"]
        XCTAssertEqual(SignInNotice.action("deny", userInfo: info, dismiss: dismiss), .deny(nonce: "N1"))
        XCTAssertEqual(SignInNotice.action("review", userInfo: info, dismiss: dismiss), .review(nonce: "N1"))
        XCTAssertEqual(SignInNotice.action("com.apple.UNNotificationDefaultActionIdentifier", userInfo: info,
                                           dismiss: dismiss), .review(nonce: "N1"))
        XCTAssertEqual(SignInNotice.action(dismiss, userInfo: info, dismiss: dismiss), .none)
        XCTAssertEqual(SignInNotice.action("deny", userInfo: [:], dismiss: dismiss), .review(nonce: nil))
        XCTAssertEqual(SignInNotice.identifier(nonce: "N1"), "sign-in-N1")
    }
}
