// App-wide state shared by the screens: the account list and the link waiting for
// confirmation. Platform-neutral (compiled and type-checked on Linux too).
import Foundation
import InkanCore
import InkanKit

/// The app's clock for Rust: the wall clock (server-time correction belongs in core).
public final class SystemClock: InkanCore.Clock {
    public init() {}
    public func nowUnix() throws -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

@MainActor
public final class AppState {
    public let accounts = AccountList(generator: CodeGenerator(clock: SystemClock()))
    /// Set by a link, a paste or a scan; the confirmation screen shows it. Kept in memory
    /// only: an otpauth link carries the secret.
    public var pendingRoute: Route?
    /// Set when a push challenge arrives (core PushClient, not yet landed).
    public var pendingRequest: SignInRequest?

    public init() {}

    /// Every link, whatever its source, ends on the confirmation screen.
    public func open(link: String) {
        pendingRoute = LinkRouter.route(link, nowUnix: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
