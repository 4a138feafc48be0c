// Push approval screen state over the core's verified PushChallenge: who asks (the paired
// token's issuer and label, the pinned server host; the challenge's title and question,
// untrusted plain text), the number (choose-one among the offered options, or type-in),
// approve / deny / "this wasn't me". Whether a number is right is decided by core and the
// server (PushClient.answerNumber, one pick per challenge, SEC-P5); the shell collects one
// answer, sends it, and says what happened.
import Foundation
import InkanCore

/// How the user gives the number of a number-matching challenge.
public enum NumberMode: Equatable, Sendable {
    /// No number matching: approve or deny.
    case none
    /// Tap the offered option the sign-in page shows (privacyIDEA's own app does this).
    case chooseOne
    /// Type what the sign-in page shows; the options are not displayed.
    case typeIn
}

public enum Decision: Equatable, Sendable {
    /// Approve, with the number when the challenge has number matching. Needs presence.
    case approve(number: String?)
    /// "Deny": the user changed their mind (DenyReason.cancelled). No presence needed.
    case deny
    /// "This wasn't me": deny and report it (DenyReason.notMe, SEC-P9; counts for SEC-P8).
    case report

    /// Only an approval asks for Face ID (SEC-P6); PresenceSigner enforces it per signature.
    public var needsPresence: Bool {
        if case .approve = self { return true }
        return false
    }
}

public struct ApprovalState: Sendable {
    public let challenge: PushChallenge
    public let mode: NumberMode
    /// "issuer: label" of the paired token, or the serial when the token is unknown.
    public let account: String
    /// Choose-one: the buttons, in server order; none of them is marked (SEC-P5).
    public let choices: [String]
    public private(set) var typed = ""
    public private(set) var chosen: String?
    /// A decision has been handed out: one answer per challenge from this screen.
    public private(set) var decided = false
    private let maxLength: Int

    public init(challenge: PushChallenge, token: PushTokenInfo?, typeIn: Bool = false) {
        self.challenge = challenge
        let options = challenge.options ?? []
        mode = options.isEmpty ? .none : (typeIn ? .typeIn : .chooseOne)
        account = token.map(NotificationTexts.accountName) ?? challenge.serial
        choices = mode == .chooseOne ? options : []
        maxLength = options.map(\.count).max() ?? 0
    }

    /// "Sign-in at <host>": the server the token was paired with (pinned at pairing, not
    /// taken from the challenge), shown on the approval screen as plain text only, never in
    /// a notification (SEC-P7). Nil when core did not name the host.
    public var signInAt: String? {
        challenge.host.isEmpty ? nil : "Sign-in at \(challenge.host)"
    }

    /// The title and question: untrusted text, shown as plain text only (SEC-P2).
    public var title: String { challenge.title }
    public var question: String { challenge.question }

    /// Type-in: keeps ASCII letters and digits (privacyIDEA offers `00`–`99`, `A`–`Z` or
    /// custom options), upper-cased, at most as long as the longest option.
    public mutating func type(_ text: String) {
        typed = String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            .uppercased().prefix(maxLength))
    }

    /// Choose-one: only an offered option can be chosen.
    public mutating func choose(_ option: String) {
        if choices.contains(option) { chosen = option }
    }

    private var number: String? {
        switch mode {
        case .none: return nil
        case .chooseOne: return chosen
        case .typeIn: return typed.isEmpty ? nil : typed
        }
    }

    public var canApprove: Bool { !decided && (mode == .none || number != nil) }

    public mutating func approve() -> Decision? {
        guard canApprove else { return nil }
        decided = true
        return .approve(number: number)
    }

    public mutating func deny() -> Decision? { decide(.deny) }
    public mutating func report() -> Decision? { decide(.report) }

    /// After an answer that left the challenge open (Face ID cancelled, nothing sent).
    public mutating func retry() { decided = false }

    private mutating func decide(_ decision: Decision) -> Decision? {
        if decided { return nil }
        decided = true
        return decision
    }

}

/// What sending a decision did, for the screen.
public struct Outcome: Equatable, Sendable {
    public let message: String
    /// The server recorded the answer.
    public let success: Bool
    /// Nothing was sent and the challenge can still be answered (Face ID cancelled): the
    /// screen keeps its buttons and shows the message as a notice.
    public var stillOpen = false
}

/// Sends decisions through the core PushClient and words the result.
public enum Answering {
    /// True when the server recorded the answer. Throws what PushClient throws.
    public static func send(_ client: PushClientProtocol, _ challenge: PushChallenge,
                            _ decision: Decision) async throws -> Bool {
        switch decision {
        case .approve(nil):
            return try await client.approve(serial: challenge.serial, nonce: challenge.nonce)
        case .approve(let number?):
            return try await client.answerNumber(serial: challenge.serial, nonce: challenge.nonce, number: number)
        case .deny:
            return try await client.deny(serial: challenge.serial, nonce: challenge.nonce, reason: .cancelled)
        case .report:
            return try await client.deny(serial: challenge.serial, nonce: challenge.nonce, reason: .notMe)
        }
    }

    public static func outcome(_ decision: Decision, _ result: Result<Bool, Error>) -> Outcome {
        let recorded: Bool
        switch result {
        case .success(let value):
            recorded = value
        case .failure(InkanError.Cancelled):
            // Core signs before it claims the nonce: nothing was sent, the challenge is open.
            return Outcome(message: "Not approved: Face ID was not confirmed, nothing was sent. You can try again.",
                           success: false, stillOpen: true)
        case .failure(InkanError.ChallengeRejected(let reason)):
            return Outcome(message: "Not approved: \(reason). If you are signing in yourself, start the sign-in again.",
                           success: false)
        case .failure(InkanError.Network(let reason)):
            return Outcome(message: "The push server could not be reached: \(reason)", success: false)
        case .failure(let error as InkanError):
            return Outcome(message: error.displayReason, success: false)
        case .failure:
            return Outcome(message: "unexpected error", success: false)
        }
        guard recorded else {
            return Outcome(message: "The server did not take the answer: the request has expired or was answered elsewhere.",
                           success: false)
        }
        switch decision {
        case .approve: return Outcome(message: "Sign-in approved", success: true)
        case .deny: return Outcome(message: "Sign-in denied", success: true)
        case .report:
            return Outcome(message: "Sign-in denied and reported. If you did not start it, someone may know your password: change it.",
                           success: true)
        }
    }
}

/// One challenge on the approval screen: its state, the send, the outcome. Main actor: the
/// view reads it; the network and the Face ID prompt run on Rust's worker thread.
@MainActor
public final class ApprovalModel: Identifiable {
    /// The challenge nonce.
    public nonisolated let id: String
    public private(set) var state: ApprovalState
    public private(set) var outcome: Outcome?
    public private(set) var sending = false
    private let client: PushClientProtocol
    private let inbox: PushInbox?

    public init(client: PushClientProtocol, challenge: PushChallenge, token: PushTokenInfo?,
                typeIn: Bool = false, inbox: PushInbox? = nil) {
        self.client = client
        self.inbox = inbox
        id = challenge.nonce
        state = ApprovalState(challenge: challenge, token: token, typeIn: typeIn)
    }

    public func type(_ text: String) { state.type(text) }
    public func choose(_ option: String) { state.choose(option) }

    public func approve() async -> Outcome? { await send(state.approve()) }
    public func deny() async -> Outcome? { await send(state.deny()) }
    public func report() async -> Outcome? { await send(state.report()) }

    private func send(_ decision: Decision?) async -> Outcome? {
        guard let decision else { return nil }
        sending = true
        let result: Result<Bool, Error>
        do {
            result = .success(try await Answering.send(client, state.challenge, decision))
        } catch {
            result = .failure(error)
        }
        let outcome = Answering.outcome(decision, result)
        sending = false
        self.outcome = outcome
        if outcome.stillOpen {
            state.retry()
        } else {
            // Answered, refused or lost on the way: core has claimed the nonce (one pick per
            // challenge, SEC-P5), so this screen is done with it.
            inbox?.remove(nonce: state.challenge.nonce)
        }
        return outcome
    }
}
