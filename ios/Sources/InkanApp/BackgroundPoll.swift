// Background app refresh: iOS wakes the app now and then (BGAppRefreshTask, at most as often
// as it decides); the app polls every paired token once — signed by the token keys without
// a prompt — and posts a generic notification for each new challenge. A locked phone cannot
// use the Keychain (WhenUnlockedThisDeviceOnly): that poll fails and the next one retries.
// Identifier listed in Info.plist (BGTaskSchedulerPermittedIdentifiers, UIBackgroundModes
// fetch). Device only: the simulator never runs these tasks on its own.
#if canImport(BackgroundTasks) && canImport(UIKit)
import BackgroundTasks
import Foundation

public enum BackgroundPoll {
    public static let identifier = "dev.inkan.push.poll"

    /// BGTask is not Sendable; it is only touched from the handler and the main actor.
    private struct Handle: @unchecked Sendable { let task: BGTask }

    /// Call before the app finishes launching (the App's init).
    public static func register(model: ShellModel) {
        _ = BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
            let handle = Handle(task: task)
            schedule()
            let work = Task { @MainActor in
                let ok = await model.pollInBackground()
                handle.task.setTaskCompleted(success: ok)
            }
            handle.task.expirationHandler = { work.cancel() }
        }
    }

    /// Asks for the next wake-up (iOS decides when; 15 minutes is the earliest we ask for).
    public static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 15 * 60)
        try? BGTaskScheduler.shared.submit(request)
    }
}
#endif
