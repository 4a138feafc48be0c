//! privacyIDEA push tokens (poll mode): rollout, signed polling, verified challenges,
//! number matching and signed answers.
//!
//! Owns the protocol rules of `shared/peers/privacyidea/PROTOCOL.md` and the SEC-P lines of
//! `SECURITY.md`: the byte-exact signed strings (`wire`), challenge validation and server
//! signature verification before anything reaches the UI (`challenge`, SEC-P1/P2), the URL
//! and TLS trust pinned at pairing (SEC-P3), client-side expiry and the persisted replay
//! cache (`replay`, SEC-P4), one pick per challenge (`client`, SEC-P5) and muting after
//! repeated unwanted prompts (SEC-P8). It does no I/O: HTTP goes through [`Transport`],
//! keys through [`Signer`], persistence through [`PushStore`], time through
//! [`crate::clock::Clock`] and [`Monotonic`].

mod answer;
mod challenge;
mod client;
#[cfg(test)]
mod code_to_phone_tests;
mod display_code;
mod error;
mod history;
#[cfg(test)]
mod history_client_tests;
mod memory_store;
mod replay;
mod rollout;
mod signer;
mod store;
#[cfg(test)]
mod testing;
mod time;
mod transport;
pub mod wire;

pub use answer::{AnswerOutcome, DeclineReason, Response};
pub use challenge::{
    verify as verify_challenge, Capabilities, Challenge, DropReason, MAX_CHALLENGES,
};
pub use client::{PollOutcome, PushClient, PushConfig};
pub use display_code::{DisplayCode, MAX_DISPLAY_CODE};
pub use error::{PushError, StoreError};
pub use history::{History, HistoryEntry, HistoryOutcome, MAX_HISTORY};
pub use memory_store::MemoryPushStore;
pub use replay::{ReplayCache, SeenEntry};
pub use signer::{verify_server_signature, SignPurpose, Signer, SoftwareKey, TOKEN_KEY_BITS};
pub use store::{PushStore, PushToken, TokenKey, MAX_KEY_ALIAS};
pub use time::{Monotonic, SystemMonotonic};
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError, MAX_BODY};
