// Where an incoming link goes: every link ends on a confirmation screen (or a refusal);
// nothing is saved or paired without the user's yes.
import Foundation
import InkanCore

public enum Route {
    /// otpauth / steam / otpauth-migration: confirm the accounts.
    case addAccounts(AddConfirmation)
    /// https pairing link (Universal Link, `https://<host>/.well-known/inkan/pair#<URI>`):
    /// confirm the server. The link's contents are parsed and checked by the core pairing
    /// module once it lands; the shell only shows the host.
    case pair(host: String, link: String)
    /// Not usable: show the reason.
    case rejected(reason: String)
}

public enum LinkRouter {
    /// Path of pairing Universal Links (`https://<host>/.well-known/inkan/pair#<URI>`).
    public static let pairPath = "/.well-known/inkan/pair"

    public static func route(_ link: String) -> Route {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        let scheme = trimmed.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        switch scheme {
        case "otpauth", "otpauth-migration", "steam":
            do {
                return .addAccounts(AddConfirmation(try parseLink(link: link)))
            } catch let error as InkanError {
                return .rejected(reason: error.displayReason)
            } catch {
                return .rejected(reason: "unexpected error")
            }
        case "https":
            guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty else {
                return .rejected(reason: "the link names no server")
            }
            guard url.path == pairPath else { return .rejected(reason: "unsupported link") }
            return .pair(host: host, link: trimmed)
        case "pia":
            // privacyIDEA push enrollments: parsed by the core pairing module once it lands.
            return .rejected(reason: "push enrollment is not supported yet")
        case "http":
            return .rejected(reason: "pairing links must use https")
        default:
            return .rejected(reason: "unsupported link")
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
    public let items: [ConfirmItem]
    /// One line per export item that cannot be imported: "name: reason".
    public let skipped: [String]

    init(_ parsed: ParsedLink) {
        pending = parsed.accounts
        items = parsed.accounts.map { $0.info() }.map { ConfirmItem(issuer: $0.issuer ?? "", account: $0.name) }
        skipped = parsed.skipped.map { item in
            "\(item.name.isEmpty ? "item \(item.index + 1)" : item.name): \(item.reason)"
        }
    }

    public func accept() -> [Account] {
        defer { pending = nil }
        return pending ?? []
    }

    public func cancel() { pending = nil }
}
