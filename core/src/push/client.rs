//! `PushClient`: rollout, poll and answer against one privacyIDEA server per token.
//!
//! State it keeps itself: the receipt instant of each challenge on the monotonic clock and
//! the estimated clock skew; everything that must survive a restart (tokens, replay cache)
//! goes through [`PushStore`].

use super::answer::{AnswerOutcome, DeclineReason, Response};
use super::challenge::{self, Challenge, DropReason, MAX_CHALLENGES};
use super::display_code::DisplayCode;
use super::error::{clean_server_text, PushError};
use super::history::HistoryOutcome;
use super::signer::{SignPurpose, Signer};
use super::store::{PushStore, PushToken};
use super::time::Monotonic;
use super::transport::{HttpRequest, HttpResponse, Method, Transport};
use super::wire::{self, SignedAnswer};
use crate::clock::Clock;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

/// Tunables; the defaults follow the server's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushConfig {
    /// Seconds a challenge is answerable after receipt (server default 120).
    pub validity_secs: i64,
    /// Unwanted prompts within `mute_window_secs` after which a token is muted (SEC-P8).
    pub mute_after: usize,
    /// Window for counting unwanted prompts.
    pub mute_window_secs: i64,
}

impl Default for PushConfig {
    fn default() -> Self {
        Self {
            validity_secs: 120,
            mute_after: 3,
            mute_window_secs: 900,
        }
    }
}

/// Result of one poll of one token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollOutcome {
    /// Verified, unexpired, unanswered challenges, with seconds left, for the UI.
    pub challenges: Vec<(Challenge, i64)>,
    /// Verified challenges of a muted token: not to be announced; the UI says "someone may
    /// know your password" instead (SEC-P8).
    pub muted: Vec<(Challenge, i64)>,
    /// Challenges dropped before the UI, with the reason (SEC-P1).
    pub dropped: Vec<DropReason>,
    /// Server clock minus ours, in seconds, from the `Date` header.
    pub skew_secs: Option<i64>,
}

/// The push protocol client.
pub struct PushClient {
    pub(super) transport: Arc<dyn Transport>,
    pub(super) store: Arc<dyn PushStore>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) mono: Arc<dyn Monotonic>,
    pub(super) config: PushConfig,
    pub(super) skew: AtomicI64,
    pub(super) received: Mutex<HashMap<String, u64>>,
}

impl PushClient {
    /// A client over the given side effects.
    pub fn new(
        transport: Arc<dyn Transport>,
        store: Arc<dyn PushStore>,
        clock: Arc<dyn Clock>,
        mono: Arc<dyn Monotonic>,
        config: PushConfig,
    ) -> Self {
        Self {
            transport,
            store,
            clock,
            mono,
            config,
            skew: AtomicI64::new(0),
            received: Mutex::default(),
        }
    }

    /// The token with `serial`, from the store.
    pub fn token(&self, serial: &str) -> Result<PushToken, PushError> {
        self.store
            .tokens()?
            .into_iter()
            .find(|t| t.serial == serial)
            .ok_or_else(|| PushError::UnknownToken(serial.to_owned()))
    }

    fn signed_poll(
        &self,
        token: &PushToken,
        signer: &dyn Signer,
    ) -> Result<HttpResponse, PushError> {
        let now = self
            .clock
            .now_unix()
            .saturating_add(self.skew.load(Ordering::Relaxed));
        let timestamp = wire::iso8601_utc(now);
        let signature = wire::encode_signature(&signer.sign(
            wire::poll_message(&token.serial, &timestamp).as_bytes(),
            SignPurpose::Poll,
        )?);
        let query = wire::form_encode(&[
            ("serial", &token.serial),
            ("timestamp", &timestamp),
            ("signature", &signature),
        ]);
        let request = HttpRequest {
            method: Method::Get,
            url: format!(
                "{}{}{query}",
                token.url,
                if token.url.contains('?') { '&' } else { '?' }
            ),
            body: Zeroizing::new(Vec::new()),
            extra_ca_pem: token.extra_ca_pem.clone(),
        };
        Ok(self.transport.send(&request)?)
    }

    /// Updates the skew estimate from a response's `Date`; returns it when known.
    fn note_skew(&self, response: &HttpResponse) -> Option<i64> {
        let server = wire::parse_http_date(response.date.as_deref()?)?;
        let skew = server - self.clock.now_unix();
        // Below a few seconds the Date header's 1 s resolution and latency dominate.
        self.skew
            .store(if skew.abs() > 5 { skew } else { 0 }, Ordering::Relaxed);
        Some(skew)
    }

    /// Polls `token` with a signed timestamp and returns only what passed every check:
    /// signature (SEC-P1), fields (SEC-P2), pinned URL (SEC-P3), expiry and replay (SEC-P4).
    pub fn poll(&self, token: &PushToken, signer: &dyn Signer) -> Result<PollOutcome, PushError> {
        let mut response = self.signed_poll(token, signer)?;
        let mut skew = self.note_skew(&response);
        if response.status == 400 && skew.is_some_and(|s| s.abs() > 5) {
            // Our clock is off by more than the server's ±60 s window: retry once on its time.
            response = self.signed_poll(token, signer)?;
            skew = self.note_skew(&response).or(skew);
        }
        let json = parse_body(&response).map_err(PushError::PollRefused)?;
        let ok =
            response.status == 200 && json.pointer("/result/status") == Some(&Value::Bool(true));
        let items = match json.pointer("/result/value") {
            Some(Value::Array(items)) if ok => items,
            _ => {
                return Err(PushError::PollRefused(server_message(
                    &json,
                    response.status,
                )))
            }
        };
        let mut out = PollOutcome {
            skew_secs: skew,
            ..PollOutcome::default()
        };
        let mut verified = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if i >= MAX_CHALLENGES {
                out.dropped.push(DropReason::TooMany);
                continue;
            }
            match challenge::verify(item, &token.serial, &token.url, &token.server_key) {
                Ok(c) => verified.push(c),
                Err(reason) => out.dropped.push(reason),
            }
        }
        let now = self.clock.now_unix();
        let mono = self.mono.now_ms();
        let mut cache = self.store.load_replay()?;
        let validity = self.config.validity_secs;
        let muted = cache.recent_strikes(&token.serial, now, self.config.mute_window_secs)
            >= self.config.mute_after;
        let mut received = self.received.lock().unwrap_or_else(|e| e.into_inner());
        for c in verified {
            let entry = cache.observe(&c.nonce, &c.serial, now);
            if entry.answered_at.is_some() {
                out.dropped.push(DropReason::Answered);
                continue;
            }
            let seen_mono = *received.entry(c.nonce.clone()).or_insert(mono);
            let by_mono = validity - i64::try_from((mono - seen_mono) / 1000).unwrap_or(i64::MAX);
            // The wall-clock record lets a later process enforce the same deadline; a wall
            // clock moved back cannot extend it past the monotonic one.
            let left = by_mono.min(
                entry
                    .first_seen
                    .saturating_add(validity)
                    .saturating_sub(now),
            );
            if left <= 0 {
                cache.history.settle(&c.nonce, HistoryOutcome::Expired, now);
                out.dropped.push(DropReason::Expired);
                continue;
            }
            cache.history.shown(&c, entry.first_seen);
            if muted {
                out.muted.push((c, left));
            } else {
                out.challenges.push((c, left));
            }
        }
        // Forget receipt instants long past any validity (a long-running `watch`).
        let horizon = u64::try_from(validity).unwrap_or(0).saturating_mul(4_000);
        received.retain(|_, seen| mono.saturating_sub(*seen) <= horizon);
        drop(received);
        cache.history.expire(now, validity);
        cache.prune(now, validity, self.config.mute_window_secs);
        self.store.save_replay(&cache)?;
        Ok(out)
    }

    /// Answers the open challenge `nonce` of `token`. The challenge is fetched and verified
    /// again; the answer is marked in the replay cache before it is sent (SEC-P5). A refused
    /// number is followed by a signed decline that closes the challenge.
    pub fn answer(
        &self,
        token: &PushToken,
        signer: &dyn Signer,
        nonce: &str,
        response: &Response,
    ) -> Result<AnswerOutcome, PushError> {
        let polled = self.poll(token, signer)?;
        let found = polled
            .challenges
            .iter()
            .chain(&polled.muted)
            .find(|(c, _)| c.nonce == nonce);
        let Some((challenge, _)) = found else {
            let cache = self.store.load_replay()?;
            let validity = self.config.validity_secs;
            let now = self.clock.now_unix();
            return Err(match cache.seen.get(nonce) {
                Some(e) if e.answered_at.is_some() => {
                    PushError::ChallengeRefused(DropReason::Answered)
                }
                Some(e) if now - e.first_seen > validity => {
                    PushError::ChallengeRefused(DropReason::Expired)
                }
                // Seen before but not verified now (tampered, or closed by the server).
                _ => PushError::UnknownChallenge,
            });
        };
        let caps = challenge.capabilities;
        let signed = match (response, &challenge.options) {
            (Response::Approve, None) => SignedAnswer::Accept,
            (Response::Approve, Some(_)) => {
                return Err(PushError::WrongAnswerKind(
                    "this sign-in needs the number shown on the sign-in screen",
                ))
            }
            (Response::Number(_), None) => {
                return Err(PushError::WrongAnswerKind(
                    "this sign-in has no number to match; approve or deny it",
                ))
            }
            (Response::Number(n), Some(options)) => {
                let typed = n.trim();
                match options.iter().find(|o| o.as_str() == typed) {
                    Some(option) => SignedAnswer::AcceptWith(option),
                    None => return Err(PushError::NotAnOption),
                }
            }
            (Response::Deny(reason), _) => SignedAnswer::Decline(
                reason
                    .filter(|_| caps.decline_reason)
                    .map(DeclineReason::wire),
            ),
        };
        // Signed before the claim: a cancelled biometric prompt (NotConfirmed) leaves the
        // challenge open, so the user can try again or deny.
        let signature = Self::sign_answer(token, signer, challenge, signed)?;
        let now = self.clock.now_unix();
        // One pick per challenge, also across processes: the store claims the nonce
        // atomically and durably before anything is sent (SEC-P5).
        if !self.store.claim_answer(nonce, now)? {
            return Err(PushError::ChallengeRefused(DropReason::Answered));
        }
        if matches!(response, Response::Deny(Some(DeclineReason::NotMe))) {
            let mut cache = self.store.load_replay()?;
            cache.strike(&token.serial, now);
            self.store.save_replay(&cache)?;
        }
        let reply = self.post_answer(token, challenge, signed, &signature)?;
        let recorded = was_recorded(&reply);
        let outcome = match (signed, recorded) {
            (SignedAnswer::Decline(reason), true) => AnswerOutcome::Denied {
                reason_sent: reason.is_some(),
            },
            // `push_code_to_phone`: the code to type comes only in the reply to a plain
            // approval from the pinned URL, and only in the strict form (PROTOCOL.md §5).
            (SignedAnswer::Accept, true) => match DisplayCode::from_reply(&reply)? {
                Some(code) => AnswerOutcome::ApprovedWithCode(code),
                None => AnswerOutcome::Approved,
            },
            (SignedAnswer::AcceptWith(_), true) => AnswerOutcome::Approved,
            (SignedAnswer::AcceptWith(_), false) => {
                // The server keeps the challenge open after a wrong number (PROTOCOL.md
                // §7.6): close it so that no second guess is possible (SEC-P5).
                let reason = caps.decline_reason.then_some(DeclineReason::NotMe.wire());
                let decline = SignedAnswer::Decline(reason);
                let signature = Self::sign_answer(token, signer, challenge, decline)?;
                let closed =
                    was_recorded(&self.post_answer(token, challenge, decline, &signature)?);
                AnswerOutcome::Blocked { closed }
            }
            (_, false) => AnswerOutcome::NotRecorded,
        };
        let mut cache = self.store.load_replay()?;
        cache.history.settle(nonce, history_outcome(&outcome), now);
        self.store.save_replay(&cache)?;
        Ok(outcome)
    }

    /// The encoded signature of `answer`; the platform asks for presence for approvals.
    fn sign_answer(
        token: &PushToken,
        signer: &dyn Signer,
        challenge: &Challenge,
        answer: SignedAnswer<'_>,
    ) -> Result<String, PushError> {
        let message = wire::answer_message(&challenge.nonce, &token.serial, answer);
        let purpose = match answer {
            SignedAnswer::Accept | SignedAnswer::AcceptWith(_) => SignPurpose::Approve,
            SignedAnswer::Decline(_) => SignPurpose::Deny,
        };
        Ok(wire::encode_signature(
            &signer.sign(message.as_bytes(), purpose)?,
        ))
    }

    /// Posts the answer to the pinned URL; returns the server's reply.
    fn post_answer(
        &self,
        token: &PushToken,
        challenge: &Challenge,
        answer: SignedAnswer<'_>,
        signature: &str,
    ) -> Result<Value, PushError> {
        let mut fields = vec![
            ("serial", token.serial.as_str()),
            ("nonce", challenge.nonce.as_str()),
        ];
        match answer {
            SignedAnswer::Accept => {}
            SignedAnswer::AcceptWith(option) => fields.push(("presence_answer", option)),
            SignedAnswer::Decline(reason) => {
                fields.push(("decline", "1"));
                if let Some(r) = reason {
                    fields.push(("decline_reason", r));
                }
            }
        }
        fields.push(("signature", signature));
        let request = HttpRequest {
            method: Method::Post,
            // Always the URL pinned at pairing, never the challenge's `url` (SEC-P3).
            url: token.url.clone(),
            body: Zeroizing::new(wire::form_encode(&fields).into_bytes()),
            extra_ca_pem: token.extra_ca_pem.clone(),
        };
        let response = self.transport.send(&request)?;
        let json = parse_body(&response)
            .map_err(|_| PushError::BadResponse("the answer reply is not JSON"))?;
        if response.status != 200 {
            return Err(PushError::BadResponse(
                "the server did not accept the answer request",
            ));
        }
        Ok(json)
    }
}

/// The list's name for an answer's outcome.
fn history_outcome(outcome: &AnswerOutcome) -> HistoryOutcome {
    match outcome {
        AnswerOutcome::Approved | AnswerOutcome::ApprovedWithCode(_) => HistoryOutcome::Approved,
        AnswerOutcome::Denied { .. } => HistoryOutcome::Denied,
        AnswerOutcome::Blocked { .. } => HistoryOutcome::Blocked,
        AnswerOutcome::NotRecorded => HistoryOutcome::NotRecorded,
    }
}

/// True when the answer reply says the server recorded the answer.
fn was_recorded(reply: &Value) -> bool {
    reply.pointer("/result/value") == Some(&Value::Bool(true))
}

/// The JSON body, or a cleaned description of what came instead.
pub(super) fn parse_body(response: &HttpResponse) -> Result<Value, String> {
    if (300..400).contains(&response.status) {
        return Err(format!("HTTP {} redirect (not followed)", response.status));
    }
    serde_json::from_slice(&response.body)
        .map_err(|_| format!("HTTP {}, not a privacyIDEA reply", response.status))
}

/// `result.error.message` of a privacyIDEA error, cleaned; else the status.
pub(super) fn server_message(json: &Value, status: u16) -> String {
    match json
        .pointer("/result/error/message")
        .and_then(Value::as_str)
    {
        Some(m) => clean_server_text(m),
        None if status == 200 => "the server did not accept it".to_owned(),
        None => format!("HTTP {status}"),
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
