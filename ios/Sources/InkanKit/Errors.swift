// The display-safe reason of every InkanError. An exhaustive switch: a new error variant in
// Rust fails this build until the shell decides how to show it. (Swift's
// localizedDescription of a uniffi error is only the case name.)
import InkanCore

extension InkanError {
    public var displayReason: String {
        switch self {
        case .InvalidInput(let reason), .WrongPassword(let reason), .Locked(let reason),
             .Duplicate(let reason), .ChallengeRejected(let reason),
             .Network(let reason), .KeystoreUnavailable(let reason), .Cancelled(let reason),
             .Internal(let reason):
            return reason
        }
    }
}
