//! The push scenarios S20–S25 of `tests/scenarios.md` through the exported Rust API, with
//! `HttpTransport` and `PushSigner` implemented here in Rust (Kotlin and Swift implement
//! them in their own suites).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use inkan::{
    open_link, CallbackError, Clock, DenyReason, HttpMethod, HttpRequest, HttpResponse,
    HttpTransport, InkanError, LinkRequest, PushClient, PushSigner, PushTestServer, TestChallenge,
    TestTokenKey,
};
use inkan::{PushEnrollment, PushPoll, PushTokenInfo};

const PUSH_LINK: &str = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0";
const URL: &str = "https://pi.example.com/ttype/push";
const SERIAL: &str = "PIPU000058DF";
const NOW: i64 = 1_795_764_920;

struct FixedClock;
impl Clock for FixedClock {
    fn now_unix(&self) -> Result<i64, CallbackError> {
        Ok(NOW)
    }
}

fn field(body: &str, key: &str) -> Option<String> {
    body.split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .map(str::to_owned)
}

/// Plays the push server; `fail` makes it throw instead.
struct Server {
    keys: Arc<PushTestServer>,
    challenges: Mutex<Vec<TestChallenge>>,
    correct: Mutex<Option<String>>,
    posts: Mutex<Vec<String>>,
    polls: Mutex<Vec<String>>,
    fail: Mutex<Option<CallbackError>>,
}

impl HttpTransport for Server {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, CallbackError> {
        if let Some(e) = self.fail.lock().unwrap().clone() {
            return Err(e);
        }
        let ok = |body| {
            Ok(HttpResponse {
                status: 200,
                date: None,
                body,
            })
        };
        if request.method == HttpMethod::Get {
            self.polls.lock().unwrap().push(request.url);
            let challenges = self.challenges.lock().unwrap().clone();
            return ok(self.keys.poll_response(challenges).unwrap());
        }
        assert_eq!(request.url, URL);
        let body = String::from_utf8(request.body).unwrap();
        self.posts.lock().unwrap().push(body.clone());
        if field(&body, "pubkey").is_some() {
            return ok(self.keys.rollout_response());
        }
        let nonce = field(&body, "nonce").unwrap();
        let mut open = self.challenges.lock().unwrap();
        let close = field(&body, "decline").is_some()
            || field(&body, "presence_answer") == *self.correct.lock().unwrap();
        let known = open.iter().any(|c| c.nonce == nonce);
        if close {
            open.retain(|c| c.nonce != nonce);
        }
        ok(self.keys.answer_response(known && close))
    }
}

/// A platform key backed by `TestTokenKey`, recording what Rust asked it to sign.
struct Signer {
    key: Arc<TestTokenKey>,
    signed: Mutex<Vec<(Vec<u8>, Vec<u8>)>>,
    deny: Mutex<bool>,
}

impl PushSigner for Signer {
    fn public_key_der(&self) -> Result<Vec<u8>, CallbackError> {
        Ok(self.key.public_key_der().unwrap())
    }
    fn sign(&self, message: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        if *self.deny.lock().unwrap() {
            return Err(CallbackError::Denied {
                reason: "biometric prompt cancelled".into(),
            });
        }
        let signature = self.key.sign(message.clone()).unwrap();
        self.signed
            .lock()
            .unwrap()
            .push((message, signature.clone()));
        Ok(signature)
    }
}

/// Drives an exported async call to completion on this thread (the foreign executor's job).
fn block_on<T>(future: impl Future<Output = T>) -> T {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::park();
    }
}

fn rollout(
    c: &Arc<PushClient>,
    e: Arc<PushEnrollment>,
    s: Arc<Signer>,
    alias: String,
) -> Result<PushTokenInfo, InkanError> {
    block_on(c.clone().rollout(e, s, alias))
}
fn poll(c: &Arc<PushClient>) -> Result<PushPoll, InkanError> {
    block_on(c.clone().poll())
}
fn answer_number(c: &Arc<PushClient>, s: String, n: String, x: String) -> Result<bool, InkanError> {
    block_on(c.clone().answer_number(s, n, x))
}
fn deny(c: &Arc<PushClient>, s: String, n: String, r: DenyReason) -> Result<bool, InkanError> {
    block_on(c.clone().deny(s, n, r))
}

fn challenge(nonce: &str, options: Option<&str>, tampered: Option<&str>) -> TestChallenge {
    TestChallenge {
        nonce: nonce.into(),
        question: "Sign in to VPN?".into(),
        options: options.map(Into::into),
        tampered_question: tampered.map(Into::into),
    }
}

/// S20: rollout from the `open_link` enrollment.
fn paired() -> (Arc<PushClient>, Arc<Server>, Arc<Signer>) {
    let server = Arc::new(Server {
        keys: PushTestServer::new(URL.into(), SERIAL.into()).unwrap(),
        challenges: Mutex::default(),
        correct: Mutex::default(),
        posts: Mutex::default(),
        polls: Mutex::default(),
        fail: Mutex::default(),
    });
    let signer = Arc::new(Signer {
        key: TestTokenKey::new().unwrap(),
        signed: Mutex::default(),
        deny: Mutex::new(false),
    });
    let LinkRequest::Push { enrollment } = open_link(PUSH_LINK.into(), NOW).unwrap() else {
        panic!("not a push link")
    };
    let client = PushClient::new(server.clone(), Arc::new(FixedClock));
    let info = rollout(&client, enrollment, signer.clone(), "inkan-push-1".into()).unwrap();
    assert_eq!(info.serial, SERIAL);
    assert_eq!(info.paired_at, NOW);
    let posts = server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 1);
    assert_eq!(field(&posts[0], "serial").as_deref(), Some(SERIAL));
    assert!(field(&posts[0], "pubkey").is_some());
    server.posts.lock().unwrap().clear();
    (client, server, signer)
}

#[test]
fn s20_rollout_and_s21_signed_challenge_reaches_the_app() {
    let (client, server, signer) = paired();
    server
        .challenges
        .lock()
        .unwrap()
        .push(challenge("N1", Some("09,84,01"), None));
    let poll = poll(&client).unwrap();
    assert!(poll.dropped.is_empty(), "{:?}", poll.dropped);
    assert_eq!(poll.challenges.len(), 1);
    let c = &poll.challenges[0];
    assert_eq!((c.nonce.as_str(), c.serial.as_str()), ("N1", SERIAL));
    assert_eq!(c.question, "Sign in to VPN?");
    assert_eq!(c.title, "inkan test");
    assert_eq!(c.options, Some(vec!["09".into(), "84".into(), "01".into()]));
    assert!((1..=120).contains(&c.expires_in));
    // The poll was signed by the platform key: `serial|timestamp`.
    let (message, _) = signer.signed.lock().unwrap()[0].clone();
    assert!(String::from_utf8(message)
        .unwrap()
        .starts_with("PIPU000058DF|2026-"));
    assert!(server.polls.lock().unwrap()[0].contains("signature="));
}

#[test]
fn s22_tampered_challenge_never_reaches_the_app() {
    let (client, server, _) = paired();
    server.challenges.lock().unwrap().push(challenge(
        "N2",
        Some("09,84,01"),
        Some("Sign in to payroll?"),
    ));
    let poll = poll(&client).unwrap();
    assert!(poll.challenges.is_empty() && poll.muted.is_empty());
    assert_eq!(poll.dropped.len(), 1);
    assert!(poll.dropped[0].contains("signature"), "{}", poll.dropped[0]);
    let err = answer_number(&client, SERIAL.into(), "N2".into(), "84".into());
    assert!(matches!(err, Err(InkanError::ChallengeRejected { .. })));
    assert!(server.posts.lock().unwrap().is_empty());
}

#[test]
fn s23_number_not_offered_is_refused_locally_and_a_right_one_is_signed() {
    let (client, server, signer) = paired();
    server
        .challenges
        .lock()
        .unwrap()
        .push(challenge("N1", Some("09,84,01"), None));
    *server.correct.lock().unwrap() = Some("84".into());
    let err = answer_number(&client, SERIAL.into(), "N1".into(), "99".into());
    assert!(matches!(err, Err(InkanError::ChallengeRejected { .. })));
    assert!(server.posts.lock().unwrap().is_empty());
    assert!(answer_number(&client, SERIAL.into(), "N1".into(), "84".into()).unwrap());
    let posts = server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 1);
    assert_eq!(field(&posts[0], "presence_answer").as_deref(), Some("84"));
    let (message, signature) = signer.signed.lock().unwrap().last().cloned().unwrap();
    assert_eq!(message, b"N1|PIPU000058DF|84");
    assert!(signer.key.verify(message, signature));
}

#[test]
fn s24_wrong_number_blocks_the_sign_in_with_a_decline() {
    let (client, server, _) = paired();
    server
        .challenges
        .lock()
        .unwrap()
        .push(challenge("N1", Some("09,84,01"), None));
    *server.correct.lock().unwrap() = Some("84".into());
    let err = answer_number(&client, SERIAL.into(), "N1".into(), "09".into());
    assert!(matches!(err, Err(InkanError::ChallengeRejected { .. })));
    let posts = server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 2);
    assert_eq!(field(&posts[1], "decline").as_deref(), Some("1"));
    assert!(poll(&client).unwrap().challenges.is_empty());
    // Approve/deny on a plain challenge.
    server
        .challenges
        .lock()
        .unwrap()
        .push(challenge("N3", None, None));
    assert!(deny(&client, SERIAL.into(), "N3".into(), DenyReason::NotMe).unwrap());
}

#[test]
fn s25_foreign_exceptions_become_errors() {
    let (client, server, signer) = paired();
    *server.fail.lock().unwrap() = Some(CallbackError::Failed {
        reason: "offline".into(),
    });
    match poll(&client) {
        Err(InkanError::Network { reason }) => assert!(reason.contains("offline"), "{reason}"),
        other => panic!("{other:?}"),
    }
    *server.fail.lock().unwrap() = None;
    *signer.deny.lock().unwrap() = true;
    match poll(&client) {
        Err(InkanError::Internal { reason }) => {
            assert!(reason.contains("not confirmed"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}
