// Where an incoming link goes: every link ends on a confirmation screen (or a refusal);
// nothing is saved or paired without the user's yes. What a link means — schemes, the https
// pairing link, push enrollments, the refusals — is core's (`openLink`, core pairing).
import Foundation
import InkanCore

public enum Route {
    /// otpauth / steam / otpauth-migration, directly or inside an https pairing link.
    case addAccounts(AddConfirmation)
    /// A push token enrollment: confirm the server before the rollout (PushClient).
    case pair(PushEnrollmentInfo, PushEnrollment)
    /// Not usable: show the reason.
    case rejected(reason: String)
}

public enum LinkRouter {
    /// Routes `link` as received at `nowUnix` (push enrollments expire).
    public static func route(_ link: String, nowUnix: Int64) -> Route {
        do {
            let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
            switch try openLink(link: trimmed, nowUnix: nowUnix) {
            case .accounts(let accounts, let skipped, let fromHost):
                return .addAccounts(AddConfirmation(
                    link: trimmed, accounts: accounts, skipped: skipped, fromHost: fromHost))
            case .push(let enrollment):
                return .pair(enrollment.info(), enrollment)
            }
        } catch let error as InkanError {
            return .rejected(reason: error.displayReason)
        } catch {
            return .rejected(reason: "unexpected error")
        }
    }
}

public struct ConfirmItem: Equatable, Sendable {
    public let issuer: String
    public let account: String
}

/// The accounts a link would add, shown before anything is saved. Accept hands them over
/// once; cancel (or a second accept) hands over nothing.
public final class AddConfirmation {
    private var pending: [Account]?
    /// The link as received: the vault adds it in one all-or-nothing save (SEC-V7).
    private let link: String
    public let items: [ConfirmItem]
    /// One line per export item that cannot be imported: "name: reason".
    public let skipped: [String]
    /// For a verified https pairing link: its host, shown as "from <host>".
    public let fromHost: String?

    init(link: String, accounts: [Account], skipped: [SkippedItem], fromHost: String?) {
        self.link = link
        pending = accounts
        items = accounts.map { $0.info() }.map { ConfirmItem(issuer: $0.issuer ?? "", account: $0.name) }
        self.skipped = skipped.map { item in
            "\(item.name.isEmpty ? "item \(item.index + 1)" : item.name): \(item.reason)"
        }
        self.fromHost = fromHost
    }

    public func accept() -> [Account] {
        defer { pending = nil }
        return pending ?? []
    }

    /// The link to add, once: nil after a cancel or an earlier accept.
    public func acceptLink() -> String? {
        defer { pending = nil }
        return pending == nil ? nil : link
    }

    public func cancel() { pending = nil }
}
