//! Push: pairing a privacyIDEA push token, the inbox of open sign-in requests with its
//! notification, and the approval screen.
//!
//! Rules kept here once: the notification names the account and nothing else, and the
//! lock screen sees only "Sign-in request" (SEC-P7); type-in accepts digits AND letters
//! (privacyIDEA can send either; full-width forms from a Japanese IME count as ASCII), at
//! most as long as the longest option, upper-cased when no option has a lower-case
//! letter; choose-one offers only the server's options, none marked (SEC-P5); one
//! decision per challenge from this screen, and core declines the challenge after a
//! refused number so no second guess is possible (SEC-P5); deny needs no presence,
//! approve does (the platform signer asks, SEC-P6); "this wasn't me" is sent as
//! `unknown_trigger` (SEC-P9). Whether a number is right is decided by core and the
//! server.

mod approval;
mod inbox;
#[cfg(test)]
mod tests;

pub(crate) use approval::{update, view, Decision};
pub(crate) use inbox::{inbox_rows, poll_due, run};
