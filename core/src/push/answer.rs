//! What the user decided about a challenge, and what came of it.

use super::display_code::DisplayCode;

/// Why the user denied (SEC-P9). Sent only when the server's verified capabilities say it
/// records reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineReason {
    /// "This wasn't me": someone else started the sign-in (`unknown_trigger`).
    NotMe,
    /// "I changed my mind" (`cancelled`).
    Cancelled,
}

impl DeclineReason {
    /// The protocol value.
    pub fn wire(self) -> &'static str {
        match self {
            DeclineReason::NotMe => "unknown_trigger",
            DeclineReason::Cancelled => "cancelled",
        }
    }
}

/// The user's response to a verified challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// Approve a challenge without number matching.
    Approve,
    /// Approve with a number: picked from the options (choose-one) or typed from the
    /// sign-in screen (type-in). Either way it must be one of the offered options.
    Number(String),
    /// Deny, with an optional reason.
    Deny(Option<DeclineReason>),
}

/// What the server did with the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerOutcome {
    /// The server recorded the approval.
    Approved,
    /// The server recorded the approval and returned a code for the user to type at the
    /// sign-in screen (`push_code_to_phone`). Show it in the unlocked app only (SEC-P7).
    ApprovedWithCode(DisplayCode),
    /// The server recorded the denial; `reason_sent` says whether the reason went along.
    Denied {
        /// False when the server did not advertise decline reasons.
        reason_sent: bool,
    },
    /// The server refused the number (not the one on the sign-in screen). The client then
    /// declined the challenge so that no second pick is possible (SEC-P5): "sign-in blocked".
    Blocked {
        /// True when the server recorded the closing decline.
        closed: bool,
    },
    /// The server did not record the answer (expired or already answered on its side).
    NotRecorded,
}

impl AnswerOutcome {
    /// True only when the server recorded what the user chose.
    pub fn recorded(&self) -> bool {
        matches!(
            self,
            AnswerOutcome::Approved
                | AnswerOutcome::ApprovedWithCode(_)
                | AnswerOutcome::Denied { .. }
        )
    }

    /// The code to type at the sign-in screen, when the server sent one.
    pub fn display_code(&self) -> Option<&DisplayCode> {
        match self {
            AnswerOutcome::ApprovedWithCode(code) => Some(code),
            _ => None,
        }
    }
}
