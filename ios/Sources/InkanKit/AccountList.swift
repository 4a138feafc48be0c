// The account list screen's state: one row per vault entry with its code and countdown.
// Accounts and codes come from the Rust vault (`Authenticator`) at the app's clock; this
// only lays them out.
import InkanCore

public struct AccountRow: Equatable, Sendable {
    /// The vault entry id (for rename, remove, HOTP).
    public let id: String
    public let label: String
    /// Grouped code, or its masked shape while the device is locked. Empty for HOTP until
    /// the user asks for the next code.
    public let code: String
    /// Seconds until the code changes; nil for HOTP or while locked.
    public let remainingSeconds: UInt64?
    /// Countdown ring fill, 1.0 → 0.0; nil for HOTP or while locked.
    public let progress: Double?
}

public struct AccountListState: Equatable, Sendable {
    public let rows: [AccountRow]
    public let refreshInSeconds: UInt64?
}

/// What accepting a confirmation did, for the confirmation screen's last word.
public struct AddSummary: Equatable, Sendable {
    /// New entries.
    public var added = 0
    /// Same issuer and name as an entry but another secret: kept as a second entry. The
    /// shell says so ("kept as a second entry").
    public var duplicateKept: [String] = []
    /// Identical to an entry already in the vault: nothing added.
    public var existing = 0

    public init() {}
}

/// The open vault's account list, driven from the main actor by the views. Every change
/// (add, rename, remove, HOTP counter) is saved by Rust before the call returns.
public final class AccountList {
    public let vault: Authenticator
    private let clock: InkanCore.Clock

    public init(vault: Authenticator, clock: InkanCore.Clock) {
        self.vault = vault
        self.clock = clock
    }

    public var count: Int { (try? vault.accounts().count) ?? 0 }

    /// The confirm step: saves the accounts the user said yes to (once; a second accept or
    /// a cancelled confirmation adds nothing).
    public func confirm(_ confirmation: AddConfirmation) throws -> AddSummary {
        var summary = AddSummary()
        guard let link = confirmation.acceptLink() else { return summary }
        // One addLink for the whole link: a multi-account export is saved all or nothing.
        let results = try vault.addLink(link: link, nowUnix: try clock.nowUnix())
        let labels = Dictionary(
            uniqueKeysWithValues: try vault.accounts().map { ($0.id, $0.info.label) })
        for result in results {
            switch result.status {
            case .added: summary.added += 1
            case .duplicateKept: summary.duplicateKept.append(labels[result.id] ?? "")
            case .existing: summary.existing += 1
            }
        }
        return summary
    }

    /// The code of a counter-based (HOTP) entry; the counter is saved before it is returned.
    public func nextHotpCode(id: String) throws -> String {
        CodeFormat.group(try vault.nextHotpCode(id: id, nowUnix: clock.nowUnix()).text)
    }

    public func rename(id: String, issuer: String?, name: String) throws {
        try vault.rename(id: id, issuer: issuer, name: name)
    }

    public func remove(id: String) throws { try vault.remove(id: id) }

    /// Rows at the clock's "now". Locked: labels only; no code is computed and the clock
    /// is not read, so nothing secret-derived exists while the device is locked.
    public func state(deviceLocked: Bool) throws -> AccountListState {
        let accounts = try vault.accounts()
        if deviceLocked {
            let rows = accounts.map {
                AccountRow(id: $0.id, label: $0.info.label, code: CodeFormat.hidden(length: Int($0.info.digits)),
                           remainingSeconds: nil, progress: nil)
            }
            return AccountListState(rows: rows, refreshInSeconds: nil)
        }
        let codes = try vault.codesAt(unixSeconds: clock.nowUnix())
        var byId: [String: Code] = [:]
        for c in codes { if let code = c.code { byId[c.id] = code } }
        let rows = accounts.map { account -> AccountRow in
            let code = byId[account.id]
            return AccountRow(id: account.id, label: account.info.label,
                              code: code.map { CodeFormat.group($0.text) } ?? "",
                              remainingSeconds: code?.remainingSeconds, progress: code.flatMap(CodeFormat.progress))
        }
        return AccountListState(rows: rows, refreshInSeconds: rows.compactMap(\.remainingSeconds).min())
    }
}
