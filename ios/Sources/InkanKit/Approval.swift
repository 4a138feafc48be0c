// Push approval screen state: number matching (type-in or choose-one), approve, deny,
// report. Whether the number matches is the core push module's decision; the shell only
// collects the answer. SignInRequest stands in for the core's challenge record until the
// push module lands.
public struct SignInRequest: Equatable, Sendable {
    public let service: String
    public let host: String
    /// Choose-one: the numbers offered. Empty: type-in.
    public let choices: [Int]
    public init(service: String, host: String, choices: [Int]) {
        self.service = service; self.host = host; self.choices = choices
    }
}

public enum Decision: Equatable, Sendable {
    /// Approve with the user's answer; needs LocalAuthentication first.
    case approve(answer: Int)
    /// Deny: no biometric needed.
    case deny
    /// Deny and flag as suspicious.
    case report

    public var needsBiometric: Bool {
        if case .approve = self { return true }
        return false
    }
}

public struct ApprovalState: Sendable {
    public static let maxDigits = 2
    public let request: SignInRequest
    public private(set) var typed = ""
    public private(set) var chosen: Int?

    public init(request: SignInRequest) { self.request = request }

    public var typeIn: Bool { request.choices.isEmpty }

    /// Type-in: keeps digits only, at most `maxDigits`.
    public mutating func type(_ text: String) {
        typed = String(text.filter { $0.isASCII && $0.isNumber }.prefix(Self.maxDigits))
    }

    /// Choose-one: only an offered number can be chosen.
    public mutating func choose(_ number: Int) {
        if request.choices.contains(number) { chosen = number }
    }

    private var answer: Int? { typeIn ? Int(typed) : chosen }

    public var canApprove: Bool { answer != nil }

    public func approve() -> Decision? { answer.map { .approve(answer: $0) } }
    public func deny() -> Decision { .deny }
    public func report() -> Decision { .report }
}
