use super::*;
use crate::clock::FixedClock;
use crate::pairing::{self, PairingRequest, PushEnrollment};
use crate::push::testing::*;
use crate::push::{
    AnswerOutcome, DeclineReason, Response, StoreError, TokenKey, MAX_CHALLENGES, MAX_KEY_ALIAS,
};
use std::sync::atomic::Ordering;

struct Rig {
    server: Arc<FakeServer>,
    store: Arc<MemStore>,
    clock: Arc<FixedClock>,
    mono: Arc<FakeMono>,
    client: PushClient,
}

fn rig() -> Rig {
    let server = Arc::new(FakeServer::default());
    let store = Arc::new(MemStore::default());
    let clock = Arc::new(FixedClock::new(1_000_000));
    let mono = Arc::new(FakeMono::default());
    let client = PushClient::new(
        server.clone(),
        store.clone(),
        clock.clone(),
        mono.clone(),
        PushConfig::default(),
    );
    Rig {
        server,
        store,
        clock,
        mono,
        client,
    }
}

/// Puts a number-matching challenge `nonce` (options 09, 84, 01; right: 84) on the server.
fn offer_number_match(r: &Rig, nonce: &str) {
    r.server
        .items
        .lock()
        .unwrap()
        .push(item(nonce, "q", Some("09,84,01"), true));
    *r.server.correct.lock().unwrap() = Some("84".into());
}

fn enrollment(cred: &str) -> PushEnrollment {
    let uri = format!(
        "otpauth://pipush/alice?url=https%3A//pi.example/ttype/push&ttl=10&issuer=privacyIDEA\
         &enrollment_credential={cred}&v=1&serial={SERIAL}&sslverify=1&poll_only=True"
    );
    match pairing::parse(&uri, 1_000_000).unwrap() {
        PairingRequest::Push(p) => p,
        other => panic!("{other:?}"),
    }
}

fn key() -> TokenKey {
    TokenKey::Software(token_key().pkcs8().clone())
}

#[test]
fn rollout_pins_url_and_server_key() {
    // SEC-P3, SEC-P10
    let r = rig();
    let token = r
        .client
        .rollout(&enrollment("cred"), token_key(), key(), None)
        .unwrap();
    assert_eq!(token.url, URL);
    assert_eq!(token.server_key, server_key().public_key_pkcs1());
    let body = r.server.posts.lock().unwrap()[0].clone();
    assert!(body.contains("fbtoken=no_firebase_token"));
    assert_eq!(r.store.tokens().unwrap().len(), 1);
    let again = r
        .client
        .rollout(&enrollment("cred"), token_key(), key(), None)
        .unwrap_err();
    assert!(matches!(again, PushError::Store(StoreError::Duplicate(_))));
}

#[test]
fn rollout_with_wrong_credential_says_so() {
    let r = rig();
    let e = r
        .client
        .rollout(&enrollment("wrong"), token_key(), key(), None)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the server refused the enrollment: ERR905: Invalid enrollment credential"
    );
    assert!(r.store.tokens().unwrap().is_empty());
}

#[test]
fn expired_enrollment_is_refused_before_any_request() {
    let r = rig();
    r.clock.set(1_000_000 + 601);
    let e = r
        .client
        .rollout(&enrollment("cred"), token_key(), key(), None)
        .unwrap_err();
    assert_eq!(e, PushError::EnrollmentExpired);
    assert!(r.server.posts.lock().unwrap().is_empty());
}

#[test]
fn correct_number_is_approved_and_a_replay_refused() {
    // SEC-P4, SEC-P5
    let r = rig();
    offer_number_match(&r, "N1");
    let token = paired_token();
    let polled = r.client.poll(&token, token_key()).unwrap();
    assert_eq!(polled.challenges.len(), 1);
    assert_eq!(polled.challenges[0].1, 120);
    let out = r
        .client
        .answer(&token, token_key(), "N1", &Response::Number(" 84 ".into()))
        .unwrap();
    assert_eq!(out, AnswerOutcome::Approved);
    // Server still lists it (say, a replayed poll): the client refuses a second answer.
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N1", "q", Some("09,84,01"), true));
    assert!(r
        .client
        .poll(&token, token_key())
        .unwrap()
        .challenges
        .is_empty());
    let e = r
        .client
        .answer(&token, token_key(), "N1", &Response::Number("84".into()))
        .unwrap_err();
    assert_eq!(e, PushError::ChallengeRefused(DropReason::Answered));
}

#[test]
fn wrong_number_closes_the_challenge() {
    // SEC-P5: one pick per challenge, then a signed decline.
    let r = rig();
    offer_number_match(&r, "N1");
    let token = paired_token();
    let out = r
        .client
        .answer(&token, token_key(), "N1", &Response::Number("09".into()))
        .unwrap();
    assert_eq!(out, AnswerOutcome::Blocked { closed: true });
    let posts = r.server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 2);
    assert!(posts[1].contains("decline=1&decline_reason=unknown_trigger"));
    assert!(r.server.items.lock().unwrap().is_empty());
}

#[test]
fn typed_number_not_offered_is_refused_locally() {
    // SEC-P5
    let r = rig();
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N1", "q", Some("09,84,01"), true));
    let token = paired_token();
    let e = r
        .client
        .answer(&token, token_key(), "N1", &Response::Number("85".into()))
        .unwrap_err();
    assert_eq!(e, PushError::NotAnOption);
    let e = r
        .client
        .answer(&token, token_key(), "N1", &Response::Approve)
        .unwrap_err();
    assert!(matches!(e, PushError::WrongAnswerKind(_)));
    assert!(r.server.posts.lock().unwrap().is_empty());
}

#[test]
fn decline_reason_only_when_verified_capabilities_allow() {
    // SEC-P9
    let r = rig();
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N1", "q", None, false));
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N2", "q", None, true));
    let token = paired_token();
    let deny = Response::Deny(Some(DeclineReason::Cancelled));
    assert_eq!(
        r.client.answer(&token, token_key(), "N1", &deny).unwrap(),
        AnswerOutcome::Denied { reason_sent: false }
    );
    assert_eq!(
        r.client.answer(&token, token_key(), "N2", &deny).unwrap(),
        AnswerOutcome::Denied { reason_sent: true }
    );
    let posts = r.server.posts.lock().unwrap().clone();
    assert!(!posts[0].contains("decline_reason"));
    assert!(posts[1].contains("decline_reason=cancelled"));
}

#[test]
fn expiry_uses_the_monotonic_clock_and_survives_restarts() {
    // SEC-P4
    let r = rig();
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N1", "q", None, true));
    let token = paired_token();
    assert_eq!(
        r.client.poll(&token, token_key()).unwrap().challenges.len(),
        1
    );
    // The wall clock is set back by an hour: the monotonic clock still counts.
    r.clock.set(1_000_000 - 3600);
    r.mono.0.store(121_000, Ordering::SeqCst);
    let polled = r.client.poll(&token, token_key()).unwrap();
    assert!(polled.challenges.is_empty());
    assert_eq!(polled.dropped, vec![DropReason::Expired]);
    // A new process (fresh client, same store) sees the persisted receipt time.
    r.clock.set(1_000_000 + 121);
    let fresh = PushClient::new(
        r.server.clone(),
        r.store.clone(),
        r.clock.clone(),
        Arc::new(FakeMono::default()),
        PushConfig::default(),
    );
    assert_eq!(
        fresh.poll(&token, token_key()).unwrap().dropped,
        vec![DropReason::Expired]
    );
    let e = fresh
        .answer(&token, token_key(), "N1", &Response::Approve)
        .unwrap_err();
    assert_eq!(e, PushError::ChallengeRefused(DropReason::Expired));
}

#[test]
fn repeated_not_me_denials_mute_the_token() {
    // SEC-P8
    let r = rig();
    let token = paired_token();
    for n in ["N1", "N2", "N3"] {
        r.server
            .items
            .lock()
            .unwrap()
            .push(item(n, "q", None, true));
        let deny = Response::Deny(Some(DeclineReason::NotMe));
        r.client.answer(&token, token_key(), n, &deny).unwrap();
    }
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N4", "q", None, true));
    let polled = r.client.poll(&token, token_key()).unwrap();
    assert!(polled.challenges.is_empty());
    assert_eq!(polled.muted.len(), 1);
    r.clock.set(1_000_000 + 901);
    r.server.items.lock().unwrap().clear();
    r.server
        .items
        .lock()
        .unwrap()
        .push(item("N5", "q", None, true));
    assert_eq!(
        r.client.poll(&token, token_key()).unwrap().challenges.len(),
        1
    );
}

/// A privacyIDEA stand-in whose clock is `AHEAD` s ahead of the client's (1,000,000): like
/// privacyIDEA it refuses (HTTP 400) a poll whose timestamp is over 60 s off its own time,
/// and it records every timestamp it was sent.
struct AheadServer {
    sent: Mutex<Vec<String>>,
}

const AHEAD: i64 = 600;

impl Transport for AheadServer {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, crate::push::TransportError> {
        let sent = request
            .url
            .split(['?', '&'])
            .find_map(|kv| kv.strip_prefix("timestamp="))
            .unwrap()
            .replace("%3A", ":");
        self.sent.lock().unwrap().push(sent.clone());
        let server_now = 1_000_000 + AHEAD;
        let in_window = (-60..=60).any(|d| wire::iso8601_utc(server_now + d) == sent);
        let (status, body) = if in_window {
            (200, r#"{"result":{"status":true,"value":[]}}"#)
        } else {
            (
                400,
                r#"{"result":{"status":false,"error":{"code":10,"message":"ERR10: timestamp out of range"}}}"#,
            )
        };
        Ok(HttpResponse {
            status,
            // 1,000,600 as the Date header gives it.
            date: Some("Mon, 12 Jan 1970 13:56:40 GMT".into()),
            body: body.as_bytes().to_vec(),
        })
    }
}

#[test]
fn skew_from_the_date_header_corrects_the_poll_timestamp() {
    let server = Arc::new(AheadServer {
        sent: Mutex::new(Vec::new()),
    });
    let client = PushClient::new(
        server.clone(),
        Arc::new(MemStore::default()),
        Arc::new(FixedClock::new(1_000_000)),
        Arc::new(FakeMono::default()),
        PushConfig::default(),
    );
    let token = paired_token();
    // The first poll goes out on our clock and is refused; the retry carries the server's time.
    let polled = client.poll(&token, token_key()).unwrap();
    assert_eq!(polled.skew_secs, Some(AHEAD));
    let ours = wire::iso8601_utc(1_000_000);
    let theirs = wire::iso8601_utc(1_000_000 + AHEAD);
    assert_eq!(*server.sent.lock().unwrap(), [ours.clone(), theirs.clone()]);
    // Later polls start from the corrected time: one request.
    client.poll(&token, token_key()).unwrap();
    assert_eq!(*server.sent.lock().unwrap(), [ours, theirs.clone(), theirs]);
}

#[test]
fn token_debug_hides_the_private_key() {
    // SEC-V5
    let shown = format!("{:?}", paired_token());
    assert!(!shown.contains(&format!("{:?}", &token_key().pkcs8().expose()[..8])));
    assert!(shown.contains("redacted"));
}

struct Fixed(u16, &'static str);

impl Transport for Fixed {
    fn send(&self, _: &HttpRequest) -> Result<HttpResponse, crate::push::TransportError> {
        Ok(HttpResponse {
            status: self.0,
            date: None,
            body: self.1.as_bytes().to_vec(),
        })
    }
}

fn client_over(t: Fixed) -> PushClient {
    PushClient::new(
        Arc::new(t),
        Arc::new(MemStore::default()),
        Arc::new(FixedClock::new(1_000_000)),
        Arc::new(FakeMono::default()),
        PushConfig::default(),
    )
}

#[test]
fn redirects_error_pages_and_refusals_are_errors_not_challenges() {
    // Bad input: "HTTP redirect to another host", "server error pages".
    let token = paired_token();
    let redirect = client_over(Fixed(302, ""))
        .poll(&token, token_key())
        .unwrap_err();
    assert_eq!(
        redirect,
        PushError::PollRefused("HTTP 302 redirect (not followed)".into())
    );
    let html = client_over(Fixed(502, "<html>Bad gateway</html>")).poll(&token, token_key());
    assert_eq!(
        html.unwrap_err(),
        PushError::PollRefused("HTTP 502, not a privacyIDEA reply".into())
    );
    let refused = r#"{"result":{"status":false,"error":{"code":10,"message":"ERR10: Could not verify signature!\n"}}}"#;
    let e = client_over(Fixed(400, refused))
        .poll(&token, token_key())
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the server refused the poll: ERR10: Could not verify signature!"
    );
    let e = client_over(Fixed(200, r#"{"result":{"status":true,"value":{"x":1}}}"#))
        .poll(&token, token_key());
    assert!(matches!(e, Err(PushError::PollRefused(_))));
}

#[test]
fn too_many_challenges_are_capped() {
    let r = rig();
    for i in 0..40 {
        r.server
            .items
            .lock()
            .unwrap()
            .push(item(&format!("N{i}"), "q", None, true));
    }
    let polled = r.client.poll(&paired_token(), token_key()).unwrap();
    assert_eq!(polled.challenges.len(), MAX_CHALLENGES);
    assert_eq!(polled.dropped.len(), 40 - MAX_CHALLENGES);
}

/// The token key, recording the purpose of every signature it makes.
#[derive(Default)]
struct PurposeLog(std::sync::Mutex<Vec<SignPurpose>>);

impl Signer for PurposeLog {
    fn public_key_der(&self) -> Result<Vec<u8>, PushError> {
        token_key().public_key_der()
    }
    fn sign(&self, message: &[u8], purpose: SignPurpose) -> Result<Vec<u8>, PushError> {
        self.0.lock().unwrap().push(purpose);
        token_key().sign_message(message)
    }
}

#[test]
fn only_approvals_ask_the_key_for_presence() {
    // SEC-P6: a phone key prompts for `Approve` only; polls and denials (the decline after
    // a wrong number too, SEC-P5) sign without the user.
    let r = rig();
    for nonce in ["N1", "N2", "N3"] {
        offer_number_match(&r, nonce);
    }
    let token = paired_token();
    let log = PurposeLog::default();
    r.client.poll(&token, &log).unwrap();
    let number = |n: &str| Response::Number(n.into());
    r.client.answer(&token, &log, "N1", &number("84")).unwrap();
    r.client.answer(&token, &log, "N2", &number("09")).unwrap();
    r.client
        .answer(&token, &log, "N3", &Response::Deny(None))
        .unwrap();
    // Each answer polls first, to answer the challenge as the server holds it now.
    use SignPurpose::{Approve, Deny, Poll};
    assert_eq!(
        *log.0.lock().unwrap(),
        [Poll, Poll, Approve, Poll, Approve, Deny, Poll, Deny]
    );
}

/// The token key behind a biometric prompt that the user cancels.
struct CancelledPrompt;

impl Signer for CancelledPrompt {
    fn public_key_der(&self) -> Result<Vec<u8>, PushError> {
        token_key().public_key_der()
    }
    fn sign(&self, message: &[u8], purpose: SignPurpose) -> Result<Vec<u8>, PushError> {
        match purpose {
            SignPurpose::Approve => Err(PushError::NotConfirmed),
            _ => token_key().sign_message(message),
        }
    }
}

#[test]
fn a_cancelled_prompt_sends_nothing_and_leaves_the_challenge_open() {
    let r = rig();
    offer_number_match(&r, "N1");
    let token = paired_token();
    let e = r
        .client
        .answer(
            &token,
            &CancelledPrompt,
            "N1",
            &Response::Number("84".into()),
        )
        .unwrap_err();
    assert_eq!(e, PushError::NotConfirmed);
    assert!(r.server.posts.lock().unwrap().is_empty());
    // Not claimed: the user can try again, and this time confirm.
    let out = r
        .client
        .answer(&token, token_key(), "N1", &Response::Number("84".into()))
        .unwrap();
    assert_eq!(out, AnswerOutcome::Approved);
}

#[test]
fn a_bad_key_alias_is_refused_before_the_enrollment_is_spent() {
    // SEC-P10: the credential is used once, so nothing the vault would refuse may reach it.
    let r = rig();
    for alias in [String::new(), "a\nb".into(), "x".repeat(MAX_KEY_ALIAS + 1)] {
        let e = r
            .client
            .rollout(
                &enrollment("cred"),
                token_key(),
                TokenKey::Platform { alias },
                None,
            )
            .unwrap_err();
        assert!(matches!(e, PushError::Key(_)), "{e:?}");
    }
    assert!(r.server.posts.lock().unwrap().is_empty());
}
