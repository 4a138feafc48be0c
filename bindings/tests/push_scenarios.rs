//! The push scenarios S20–S26 of `tests/scenarios.md` through the exported Rust API, with
//! `HttpTransport` and `PushSigner` implemented here in Rust (Kotlin and Swift implement
//! them in their own suites). The `PushClient` comes from an `Authenticator` on a vault in
//! a temporary directory.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use inkan::{
    create_vault, open_link, Authenticator, CallbackError, Clock, DenyReason, HttpMethod,
    HttpRequest, HttpResponse, HttpTransport, InkanError, LinkRequest, PushClient, PushSigner,
    PushTestServer, SignPurpose, TestChallenge, TestTokenKey,
};
use inkan::{PushEnrollment, PushPoll, PushTokenInfo};

const PUSH_LINK: &str = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0";
const URL: &str = "https://pi.example.com/ttype/push";
const SERIAL: &str = "PIPU000058DF";
const NOW: i64 = 1_795_764_920;
const ALIAS: &str = "inkan-push-1";
const PASSWORD: &str = "correct horse";

/// A fresh vault path in cargo's temporary directory for integration tests.
fn vault_path(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scenarios-push");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", ".prev", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path.display().to_string()
}

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

impl Server {
    /// Opens a challenge on the server.
    fn offer(&self, challenge: TestChallenge) {
        self.challenges.lock().unwrap().push(challenge);
    }
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

/// One signature the platform made: key alias, message, signature.
type Signed = (String, Vec<u8>, Vec<u8>, SignPurpose);

/// The platform's keys by alias, each a `TestTokenKey` made on first use; records what
/// Rust asked it to sign, and with which alias.
#[derive(Default)]
struct Signer {
    keys: Mutex<HashMap<String, Arc<TestTokenKey>>>,
    signed: Mutex<Vec<Signed>>,
    deny: Mutex<bool>,
}

impl Signer {
    fn key(&self, alias: &str) -> Option<Arc<TestTokenKey>> {
        self.keys.lock().unwrap().get(alias).cloned()
    }
}

impl PushSigner for Signer {
    fn public_key_der(&self, key_alias: String) -> Result<Vec<u8>, CallbackError> {
        let mut keys = self.keys.lock().unwrap();
        let key = keys
            .entry(key_alias)
            .or_insert_with(|| TestTokenKey::new().unwrap());
        Ok(key.public_key_der().unwrap())
    }
    fn sign(
        &self,
        key_alias: String,
        message: Vec<u8>,
        purpose: SignPurpose,
    ) -> Result<Vec<u8>, CallbackError> {
        // A phone prompts for approvals only (SEC-P6); `deny` plays the user cancelling.
        if purpose == SignPurpose::Approve && *self.deny.lock().unwrap() {
            return Err(CallbackError::Denied {
                reason: "biometric prompt cancelled".into(),
            });
        }
        let key = self.key(&key_alias).ok_or(CallbackError::NotFound)?;
        let signature = key.sign(message.clone()).unwrap();
        self.signed
            .lock()
            .unwrap()
            .push((key_alias, message, signature.clone(), purpose));
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

fn rollout(c: &Arc<PushClient>, e: Arc<PushEnrollment>, alias: &str) -> PushTokenInfo {
    block_on(c.clone().rollout(e, alias.into())).unwrap()
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

fn server() -> Arc<Server> {
    Arc::new(Server {
        keys: PushTestServer::new(URL.into(), SERIAL.into()).unwrap(),
        challenges: Mutex::default(),
        correct: Mutex::default(),
        posts: Mutex::default(),
        polls: Mutex::default(),
        fail: Mutex::default(),
    })
}

fn enrollment() -> Arc<PushEnrollment> {
    let LinkRequest::Push { enrollment } = open_link(PUSH_LINK.into(), NOW).unwrap() else {
        panic!("not a push link")
    };
    enrollment
}

/// S20: rollout from the `open_link` enrollment, on a new vault.
fn paired(name: &str) -> (Arc<PushClient>, Arc<Server>, Arc<Signer>) {
    let server = server();
    let signer = Arc::new(Signer::default());
    let auth = create_vault(vault_path(name), PASSWORD.into(), None)
        .unwrap()
        .authenticator;
    let client = auth.push_client(server.clone(), signer.clone(), Arc::new(FixedClock));
    let info = rollout(&client, enrollment(), ALIAS);
    assert_eq!(info.serial, SERIAL);
    assert_eq!(info.paired_at, NOW);
    let posts = server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 1);
    assert_eq!(field(&posts[0], "serial").as_deref(), Some(SERIAL));
    assert!(field(&posts[0], "pubkey").is_some());
    assert!(signer.key(ALIAS).is_some());
    server.posts.lock().unwrap().clear();
    (client, server, signer)
}

#[test]
fn s20_rollout_and_s21_signed_challenge_reaches_the_app() {
    let (client, server, signer) = paired("s20.inkan");
    server.offer(challenge("N1", Some("09,84,01"), None));
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
    let (alias, message, _, purpose) = signer.signed.lock().unwrap()[0].clone();
    assert_eq!((alias.as_str(), purpose), (ALIAS, SignPurpose::Poll));
    assert!(String::from_utf8(message)
        .unwrap()
        .starts_with("PIPU000058DF|2026-"));
    assert!(server.polls.lock().unwrap()[0].contains("signature="));
}

#[test]
fn s22_tampered_challenge_never_reaches_the_app() {
    let (client, server, _) = paired("s22.inkan");
    server.offer(challenge(
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
    let (client, server, signer) = paired("s23.inkan");
    server.offer(challenge("N1", Some("09,84,01"), None));
    *server.correct.lock().unwrap() = Some("84".into());
    let err = answer_number(&client, SERIAL.into(), "N1".into(), "99".into());
    assert!(matches!(err, Err(InkanError::ChallengeRejected { .. })));
    assert!(server.posts.lock().unwrap().is_empty());
    assert!(answer_number(&client, SERIAL.into(), "N1".into(), "84".into()).unwrap());
    let posts = server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 1);
    assert_eq!(field(&posts[0], "presence_answer").as_deref(), Some("84"));
    let (alias, message, signature, purpose) =
        signer.signed.lock().unwrap().last().cloned().unwrap();
    assert_eq!(message, b"N1|PIPU000058DF|84");
    assert_eq!(purpose, SignPurpose::Approve);
    assert!(signer.key(&alias).unwrap().verify(message, signature));
}

#[test]
fn s24_wrong_number_blocks_the_sign_in_with_a_decline() {
    let (client, server, signer) = paired("s24.inkan");
    server.offer(challenge("N1", Some("09,84,01"), None));
    *server.correct.lock().unwrap() = Some("84".into());
    let err = answer_number(&client, SERIAL.into(), "N1".into(), "09".into());
    assert!(matches!(err, Err(InkanError::ChallengeRejected { .. })));
    let posts = server.posts.lock().unwrap().clone();
    assert_eq!(posts.len(), 2);
    assert_eq!(field(&posts[1], "decline").as_deref(), Some("1"));
    // The pick was signed as an approval, the closing decline without a prompt (SEC-P6).
    let purposes: Vec<_> = signer.signed.lock().unwrap().iter().map(|s| s.3).collect();
    assert_eq!(
        purposes[purposes.len() - 2..],
        [SignPurpose::Approve, SignPurpose::Deny]
    );
    assert!(poll(&client).unwrap().challenges.is_empty());
    // Approve/deny on a plain challenge.
    server.offer(challenge("N3", None, None));
    assert!(deny(&client, SERIAL.into(), "N3".into(), DenyReason::NotMe).unwrap());
}

#[test]
fn s25_foreign_exceptions_become_errors() {
    let (client, server, signer) = paired("s25.inkan");
    *server.fail.lock().unwrap() = Some(CallbackError::Failed {
        reason: "offline".into(),
    });
    match poll(&client) {
        Err(InkanError::Network { reason }) => assert!(reason.contains("offline"), "{reason}"),
        other => panic!("{other:?}"),
    }
    *server.fail.lock().unwrap() = None;
    // The user cancels the biometric prompt: polls and denials need none and still work;
    // the approval fails as `Cancelled` and nothing is sent.
    *signer.deny.lock().unwrap() = true;
    server.offer(challenge("N1", Some("09,84,01"), None));
    assert_eq!(poll(&client).unwrap().challenges.len(), 1);
    match answer_number(&client, SERIAL.into(), "N1".into(), "84".into()) {
        Err(InkanError::Cancelled { reason }) => {
            assert!(reason.contains("not confirmed"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert!(server.posts.lock().unwrap().is_empty());
    assert!(deny(&client, SERIAL.into(), "N1".into(), DenyReason::Cancelled).unwrap());
}

#[test]
fn s26_push_token_survives_reopening_the_vault() {
    let path = vault_path("s26.inkan");
    let server = server();
    let signer = Arc::new(Signer::default());
    let auth = create_vault(path.clone(), PASSWORD.into(), None)
        .unwrap()
        .authenticator;
    let client = auth
        .clone()
        .push_client(server.clone(), signer.clone(), Arc::new(FixedClock));
    rollout(&client, enrollment(), ALIAS);
    // Both hold the vault (and its file lock): release both, as an app restart does.
    drop((client, auth));

    let auth = Authenticator::open_with_password(path, PASSWORD.into()).unwrap();
    let tokens = auth.push_tokens().unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].serial, SERIAL);
    assert_eq!(tokens[0].paired_at, NOW);
    assert_eq!(tokens[0].host, "pi.example.com");
    assert_eq!(tokens[0].key_alias.as_deref(), Some(ALIAS));
    let client = auth
        .clone()
        .push_client(server.clone(), signer.clone(), Arc::new(FixedClock));
    server.offer(challenge("N1", Some("09,84,01"), None));
    let poll = poll(&client).unwrap();
    assert_eq!(poll.challenges.len(), 1, "{:?}", poll.dropped);
    let (alias, message, _, _) = signer.signed.lock().unwrap().last().cloned().unwrap();
    assert_eq!(alias, ALIAS);
    assert!(String::from_utf8(message).unwrap().starts_with(SERIAL));
    // Pairing the same serial again is refused: the stored server key stays (SEC-P10).
    let again = block_on(client.clone().rollout(enrollment(), "inkan-push-2".into()));
    assert!(
        matches!(again, Err(InkanError::Duplicate { .. })),
        "{again:?}"
    );
    assert_eq!(poll.challenges[0].host, "pi.example.com");
    // Removing the token returns its key alias (for the app to delete the key).
    let removed = auth.remove_push_token(SERIAL.into()).unwrap();
    assert_eq!(removed.key_alias.as_deref(), Some(ALIAS));
    assert!(auth.push_tokens().unwrap().is_empty());
    assert!(auth.remove_push_token(SERIAL.into()).is_err());
}

/// A vault whose token was paired by the desktop program (software key) opened in the app:
/// its challenges cannot be signed here, so polls name it in `dropped`, answers are refused,
/// and the platform signer is never asked.
#[test]
fn a_software_key_token_is_skipped_with_a_reason() {
    use inkan_core::push::{PushToken, TokenKey};
    use inkan_core::secret::{SecretBytes, SecretString};
    use inkan_core::vault::{KdfParams, Session};

    let path = vault_path("software.inkan");
    let mut session = Session::create(
        &path,
        &SecretString::new(PASSWORD.into()),
        KdfParams::INSECURE_TEST,
        None,
    )
    .unwrap()
    .session;
    session
        .add_push_token(PushToken {
            serial: SERIAL.into(),
            label: "alice".into(),
            issuer: "privacyIDEA".into(),
            url: URL.into(),
            extra_ca_pem: None,
            server_key: vec![1, 2, 3],
            key: TokenKey::Software(SecretBytes::new(vec![4, 5, 6])),
            paired_at: NOW,
        })
        .unwrap();
    drop(session);

    let auth = Authenticator::open_with_password(path, PASSWORD.into()).unwrap();
    assert_eq!(auth.push_tokens().unwrap().len(), 1);
    let server = server();
    let signer = Arc::new(Signer::default());
    let client = auth.push_client(server.clone(), signer.clone(), Arc::new(FixedClock));
    let poll = poll(&client).unwrap();
    assert!(poll.challenges.is_empty());
    assert_eq!(poll.dropped.len(), 1);
    assert!(poll.dropped[0].contains(SERIAL), "{}", poll.dropped[0]);
    assert!(
        poll.dropped[0].contains("software key"),
        "{}",
        poll.dropped[0]
    );
    let answer = block_on(client.clone().approve(SERIAL.into(), "N1".into()));
    assert!(
        matches!(answer, Err(InkanError::ChallengeRejected { .. })),
        "{answer:?}"
    );
    assert!(signer.signed.lock().unwrap().is_empty());
    assert!(server.polls.lock().unwrap().is_empty());
}
