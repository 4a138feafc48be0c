// The account list screen's state: one row per account with its code and countdown.
// Codes come from Rust (CodeGenerator with the app's clock); this only lays them out.
import InkanCore

public struct AccountRow: Equatable, Sendable {
    public let label: String
    /// Grouped code, or its masked shape while the device is locked.
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

/// Owns the enrolled accounts (in memory until the vault lands) and the code generator.
/// Driven from the main actor by the views.
public final class AccountList {
    private let generator: CodeGenerator
    private var accounts: [Account] = []

    public init(generator: CodeGenerator) { self.generator = generator }

    public var count: Int { accounts.count }

    public func add(_ added: [Account]) { accounts += added }

    /// Rows at the generator's "now". Locked: labels only; no code is computed and the clock
    /// is not read, so nothing secret-derived exists while the device is locked.
    public func state(deviceLocked: Bool) throws -> AccountListState {
        let infos = accounts.map { $0.info() }
        if deviceLocked {
            let rows = infos.map {
                AccountRow(label: $0.label, code: CodeFormat.hidden(length: Int($0.digits)),
                           remainingSeconds: nil, progress: nil)
            }
            return AccountListState(rows: rows, refreshInSeconds: nil)
        }
        let codes = try generator.codes(accounts: accounts)
        let rows = zip(infos, codes).map { info, code in
            AccountRow(label: info.label, code: CodeFormat.group(code.text),
                       remainingSeconds: code.remainingSeconds, progress: CodeFormat.progress(code))
        }
        return AccountListState(rows: rows, refreshInSeconds: rows.compactMap(\.remainingSeconds).min())
    }
}
