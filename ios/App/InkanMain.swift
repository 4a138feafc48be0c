// The iOS app's entry point; built by the Xcode project (project.yml), not by SwiftPM.
import SwiftUI
import InkanApp

@main
struct InkanMain: App {
    @StateObject private var model = AppModel()

    var body: some Scene {
        WindowGroup {
            NavigationStack { AccountListView(model: model) }
                .task { _ = try? await Notifications.register() }
        }
    }
}
