// The iOS app's entry point; built by the Xcode project (project.yml), not by SwiftPM.
import SwiftUI
import UserNotifications
import InkanApp

@main
struct InkanMain: App {
    @StateObject private var model: ShellModel
    /// Kept alive here: the notification center holds its delegate weakly.
    private let responder: NotificationResponder

    init() {
        let model = ShellModel()
        _model = StateObject(wrappedValue: model)
        responder = NotificationResponder(
            onReview: { nonce in
                model.openIfNeeded()
                model.review(nonce: nonce)
            },
            onDeny: { nonce in await model.deny(nonce: nonce) })
        UNUserNotificationCenter.current().delegate = responder
        // Background refresh handlers must be registered before launch finishes.
        BackgroundPoll.register(model: model)
    }

    var body: some Scene {
        WindowGroup {
            // First start, password or the account list (RootView, VaultViews.swift).
            RootView(model: model)
                .task {
                    _ = try? await Notifications.register()
                    BackgroundPoll.schedule()
                }
        }
    }
}
