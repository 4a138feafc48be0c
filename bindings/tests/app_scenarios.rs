//! The app model scenarios A1–A6 of `tests/scenarios.md` through the exported API
//! (`AppModel`), with every platform trait implemented here in Rust as Kotlin and Swift do
//! in their suites: (a) scan a camera frame → confirm → code; (b) push pairing link while
//! locked → unlock → confirm → paired; (c) the right number → approved; (d) a wrong number →
//! blocked; (e) HOTP reveal advances the counter once; (f) backup on A → restore on B.
//! Each runs in English and Japanese; texts are compared with the catalogs (`app_text`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use inkan::{
    app_push_enrollment_link, app_text, codes_at, decode_image, image_luma_frame, parse_link,
    AccountsView, AppModel, AppPushServer, CallbackError, Clock, CodeState, Effect, Event,
    FilePurpose, HttpRequest, HttpResponse, HttpTransport, KeyStore, MonotonicClock, NumberEntry,
    PushSigner, Screen, SignPurpose, TestTokenKey, ViewModel,
};

const LANGS: [&str; 2] = ["en-US", "ja-JP"];
const PASSWORD: &str = "correct horse battery";
/// 2026-01-01T00:00:00Z, the start of a 30 s period.
const START: i64 = 1_767_225_600;

fn shared() -> PathBuf {
    std::env::var_os("INKAN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

struct TestClock(AtomicI64);
impl Clock for TestClock {
    fn now_unix(&self) -> Result<i64, CallbackError> {
        Ok(self.0.load(Ordering::SeqCst))
    }
}

struct TestMonotonic(AtomicU64);
impl MonotonicClock for TestMonotonic {
    fn now_ms(&self) -> Result<u64, CallbackError> {
        Ok(self.0.load(Ordering::SeqCst))
    }
}

/// XOR with a fixed byte: enough to prove the vault key goes through the store.
struct XorKeyStore;
impl KeyStore for XorKeyStore {
    fn wrap_key(&self, _id: String, key: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        Ok(key.iter().map(|b| b ^ 0x5a).collect())
    }
    fn unwrap_key(&self, _id: String, wrapped: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        Ok(wrapped.iter().map(|b| b ^ 0x5a).collect())
    }
    fn delete_key(&self, _id: String) -> Result<(), CallbackError> {
        Ok(())
    }
}

struct Transport(Arc<AppPushServer>);
impl HttpTransport for Transport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, CallbackError> {
        self.0.handle(request).map_err(|e| CallbackError::Failed {
            reason: e.to_string(),
        })
    }
}

/// One software key per alias (the phone's Keystore / Secure Enclave).
#[derive(Default)]
struct Signer(Mutex<HashMap<String, Arc<TestTokenKey>>>);
impl Signer {
    fn key(&self, alias: &str) -> Arc<TestTokenKey> {
        let mut keys = self.0.lock().unwrap();
        keys.entry(alias.to_owned())
            .or_insert_with(|| TestTokenKey::new().unwrap())
            .clone()
    }
}
impl PushSigner for Signer {
    fn public_key_der(&self, alias: String) -> Result<Vec<u8>, CallbackError> {
        Ok(self.key(&alias).public_key_der().unwrap())
    }
    fn sign(
        &self,
        alias: String,
        message: Vec<u8>,
        _: SignPurpose,
    ) -> Result<Vec<u8>, CallbackError> {
        Ok(self.key(&alias).sign(message).unwrap())
    }
}

/// A shell without a screen: runs jobs at once, records the other effects.
struct Shell {
    model: Arc<AppModel>,
    clock: Arc<TestClock>,
    monotonic: Arc<TestMonotonic>,
    effects: Mutex<Vec<Effect>>,
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("app-scenarios")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Shell {
    fn new(dir: PathBuf, lang: &str, key_store: bool, push: Option<Arc<AppPushServer>>) -> Self {
        let clock = Arc::new(TestClock(AtomicI64::new(START)));
        let monotonic = Arc::new(TestMonotonic(AtomicU64::new(0)));
        let (transport, signer) = match push {
            Some(server) => (
                Some(Arc::new(Transport(server)) as Arc<dyn HttpTransport>),
                Some(Arc::new(Signer::default()) as Arc<dyn PushSigner>),
            ),
            None => (None, None),
        };
        let model = AppModel::with_test_kdf(
            dir.display().to_string(),
            clock.clone(),
            monotonic.clone(),
            key_store.then(|| Arc::new(XorKeyStore) as Arc<dyn KeyStore>),
            transport,
            signer,
        );
        let shell = Self {
            model,
            clock,
            monotonic,
            effects: Mutex::new(Vec::new()),
        };
        shell.send(Event::Start {
            system_language: lang.into(),
        });
        shell
    }

    fn send(&self, event: Event) {
        let effects = self.model.send(event).unwrap();
        self.perform(effects);
    }

    fn send_frame(&self, frame: &inkan::TestFrame) {
        let effects = self
            .model
            .send_frame(frame.width, frame.height, frame.row_stride, &frame.y_plane)
            .unwrap();
        self.perform(effects);
    }

    fn perform(&self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Run { job } => self.perform(self.model.run(job).unwrap()),
                Effect::Render => drop(self.model.view()),
                other => self.effects.lock().unwrap().push(other),
            }
        }
    }

    fn take_effects(&self) -> Vec<Effect> {
        std::mem::take(&mut *self.effects.lock().unwrap())
    }

    fn view(&self) -> ViewModel {
        self.model.view()
    }

    fn accounts(&self) -> AccountsView {
        match self.view().screen {
            Screen::Accounts(a) => a,
            other => panic!("not the account list: {other:?}"),
        }
    }

    /// Lets `seconds` pass on both clocks and fires a tick.
    fn advance(&self, seconds: i64) {
        self.clock.0.fetch_add(seconds, Ordering::SeqCst);
        self.monotonic
            .0
            .fetch_add(seconds as u64 * 1000, Ordering::SeqCst);
        self.send(Event::Tick);
    }

    fn create_vault(&self) {
        self.send(Event::CreateVault {
            password: PASSWORD.into(),
            confirmation: PASSWORD.into(),
        });
        assert!(matches!(self.view().screen, Screen::RecoveryCode(_)));
        self.send(Event::RecoveryCodeSavedChecked { checked: true });
        self.send(Event::AcknowledgeRecoveryCode);
    }

    fn add_link(&self, link: &str) {
        self.send(Event::LinkOpened { link: link.into() });
        self.send(Event::ConfirmAdd);
    }
}

fn t(lang: &str, key: &str) -> String {
    app_text(lang.into(), key.into(), None)
}

fn tn(lang: &str, key: &str, count: i64) -> String {
    app_text(lang.into(), key.into(), Some(count))
}

fn timed_code(s: &Shell, row: usize) -> String {
    match &s.accounts().rows[row].code {
        CodeState::Timed { code, .. } => code.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a1_scan_a_camera_frame_confirm_and_see_the_code() {
    let image = std::fs::read(shared().join("qr/dev/synthetic/nominal/nominal-04.jpg"))
        .expect("dev image; set INKAN_SHARED");
    let frame = image_luma_frame(image.clone(), 64).unwrap();
    let text = decode_image(image).unwrap().remove(0);
    let account = parse_link(text).unwrap().accounts.remove(0);
    for lang in LANGS {
        let s = Shell::new(fresh_dir(&format!("a1-{lang}")), lang, true, None);
        s.create_vault();
        s.send(Event::OpenScanner);
        assert!(s.take_effects().contains(&Effect::StartCamera));
        assert_eq!(s.view().title, t(lang, "title-scan"));
        s.send_frame(&frame);
        assert!(s.take_effects().contains(&Effect::StopCamera));
        let v = s.view();
        let Screen::Confirm(c) = v.screen else {
            panic!("{lang}: {v:?}")
        };
        assert_eq!(v.title, t(lang, "title-confirm"));
        assert_eq!(c.question, tn(lang, "confirm-question", 1));
        s.send(Event::ConfirmAdd);
        assert_eq!(s.accounts().count, tn(lang, "accounts-count", 1));
        let expected = codes_at(vec![account.clone()], START)
            .unwrap()
            .remove(0)
            .text;
        assert_eq!(timed_code(&s, 0).replace(' ', ""), expected, "{lang}");
    }
}

#[test]
fn a2_push_pairing_link_while_locked_is_paired_after_unlock() {
    for lang in LANGS {
        let server = AppPushServer::new();
        let s = Shell::new(fresh_dir(&format!("a2-{lang}")), lang, true, Some(server));
        s.create_vault();
        s.send(Event::LockNow);
        s.send(Event::LinkOpened {
            link: app_push_enrollment_link(),
        });
        let Screen::Unlock(u) = s.view().screen else {
            panic!("{lang}: locked")
        };
        assert_eq!(u.pending_link, Some(t(lang, "unlock-pending-link")));
        s.send(Event::UnlockWithPassword {
            password: PASSWORD.into(),
        });
        let Screen::Confirm(c) = s.view().screen else {
            panic!("{lang}: confirm")
        };
        assert_eq!(c.question, t(lang, "confirm-push-question"));
        s.send(Event::ConfirmAdd);
        let v = s.view();
        assert_eq!(v.notice, Some(t(lang, "notice-paired")), "{:?}", v.error);
    }
}

/// Pairs, opens a sign-in showing 84 among three numbers, types `typed`, approves.
fn sign_in_with(lang: &str, typed: &str) -> (Option<String>, bool) {
    let server = AppPushServer::new();
    let s = Shell::new(
        fresh_dir(&format!("c-{lang}-{typed}")),
        lang,
        true,
        Some(server.clone()),
    );
    s.create_vault();
    s.add_link(&app_push_enrollment_link());
    server
        .sign_in(
            "A3".into(),
            "Sign in to the VPN".into(),
            Some("27,84,61".into()),
            Some("84".into()),
        )
        .unwrap();
    s.send(Event::PollPush);
    let nonce = s.accounts().sign_in_requests[0].nonce.clone();
    s.send(Event::OpenChallenge { nonce });
    let Screen::Approve(a) = s.view().screen else {
        panic!("{lang}: approve")
    };
    assert!(matches!(a.number, NumberEntry::TypeIn { .. }));
    s.send(Event::TypeNumber { text: typed.into() });
    s.send(Event::Approve);
    let Screen::Approve(a) = s.view().screen else {
        panic!("{lang}: outcome")
    };
    (a.outcome, server.is_open("A3".into()))
}

#[test]
fn a3_right_number_approves_the_sign_in() {
    for lang in LANGS {
        let (outcome, open) = sign_in_with(lang, "84");
        assert_eq!(outcome, Some(t(lang, "push-approved")));
        assert!(!open);
    }
}

#[test]
fn a4_wrong_number_blocks_the_sign_in() {
    for lang in LANGS {
        let (outcome, open) = sign_in_with(lang, "27");
        assert_eq!(outcome, Some(t(lang, "push-blocked")));
        assert!(!open, "SEC-P5: closed after the one pick");
    }
}

fn revealed(s: &Shell) -> String {
    match s.accounts().rows[0].code.clone() {
        CodeState::Revealed { code, .. } => code,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a5_hotp_reveal_advances_the_counter_exactly_once() {
    const HOTP: &str =
        "otpauth://hotp/Bank:taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=5";
    for lang in LANGS {
        let dir = fresh_dir(&format!("a5-{lang}"));
        let s = Shell::new(dir.clone(), lang, false, None);
        s.create_vault();
        s.add_link(HOTP);
        let id = s.accounts().rows[0].id.clone();
        for _ in 0..3 {
            s.send(Event::RevealHotp { id: id.clone() });
        }
        // RFC 4226 appendix D: counter 5, 6, 7.
        assert_eq!(revealed(&s), "254 676", "{lang}");
        s.advance(30);
        assert!(matches!(
            s.accounts().rows[0].code,
            CodeState::Hidden { .. }
        ));
        s.send(Event::RevealHotp { id: id.clone() });
        assert_eq!(revealed(&s), "287 922", "{lang}: advanced once");
        // The counter was saved: a new process shows the next one.
        drop(s);
        let s = Shell::new(dir, lang, false, None);
        s.send(Event::UnlockWithPassword {
            password: PASSWORD.into(),
        });
        s.send(Event::RevealHotp { id });
        assert_eq!(revealed(&s), "162 583", "{lang}: saved");
    }
}

#[test]
fn a6_backup_on_phone_a_restore_on_phone_b_same_codes() {
    let links = [
        "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub",
        "otpauth://totp/%E6%A5%BD%E5%A4%A9:bob?secret=NHVXM3HVF2ZI5OO55MJ35Y3ACAV5JEAO&issuer=%E6%A5%BD%E5%A4%A9",
    ];
    for lang in LANGS {
        let a = Shell::new(fresh_dir(&format!("a6a-{lang}")), lang, true, None);
        a.create_vault();
        links.iter().for_each(|l| a.add_link(l));
        a.send(Event::OpenBackup);
        a.send(Event::ExportBackup {
            password: "backup password".into(),
            confirmation: "backup password".into(),
        });
        assert_eq!(a.view().notice, Some(tn(lang, "notice-backup-ready", 2)));
        let file = a.take_effects().into_iter().find_map(|e| match e {
            Effect::SaveFile { bytes, .. } => Some(bytes),
            _ => None,
        });
        let b = Shell::new(fresh_dir(&format!("a6b-{lang}")), lang, true, None);
        b.create_vault();
        b.send(Event::OpenBackup);
        b.send(Event::RestoreBackup);
        assert!(b.take_effects().contains(&Effect::PickFile {
            purpose: FilePurpose::Backup
        }));
        b.send(Event::FilePicked {
            purpose: FilePurpose::Backup,
            bytes: file.expect("saved"),
        });
        b.send(Event::RestorePassword {
            password: "backup password".into(),
        });
        assert_eq!(b.view().notice, Some(tn(lang, "notice-restored", 2)));
        a.send(Event::Back);
        for row in 0..2 {
            assert_eq!(timed_code(&b, row), timed_code(&a, row), "{lang} row {row}");
        }
        assert_eq!(b.accounts().rows[1].issuer, "楽天");
    }
}

#[test]
fn a7_the_app_lock_counts_on_the_monotonic_clock() {
    for lang in LANGS {
        // No key store: a lock would otherwise be opened again at once by the keystore job.
        let s = Shell::new(fresh_dir(&format!("a7-{lang}")), lang, false, None);
        s.create_vault();
        // The phone's clock moved by an hour, no time passed: still open.
        s.send(Event::Backgrounded);
        s.clock.0.fetch_add(3600, Ordering::SeqCst);
        s.send(Event::Foregrounded);
        assert_eq!(s.view().title, t(lang, "title-accounts"));
        // A minute and a second in the background (the default lock timeout): locked.
        s.send(Event::Backgrounded);
        s.monotonic.0.fetch_add(61_000, Ordering::SeqCst);
        s.send(Event::Foregrounded);
        assert_eq!(s.view().title, t(lang, "title-unlock"), "{lang}");
    }
}

struct OfflineClock;
impl Clock for OfflineClock {
    fn now_unix(&self) -> Result<i64, CallbackError> {
        Err(CallbackError::Failed {
            reason: "clock offline".into(),
        })
    }
}

#[test]
fn a8_a_failing_app_clock_fails_the_call() {
    let model = AppModel::with_test_kdf(
        fresh_dir("a8").display().to_string(),
        Arc::new(OfflineClock),
        Arc::new(TestMonotonic(AtomicU64::new(0))),
        None,
        None,
        None,
    );
    let start = Event::Start {
        system_language: "en".into(),
    };
    match model.send(start) {
        Err(inkan::InkanError::Internal { reason }) => assert!(reason.contains("clock offline")),
        other => panic!("{other:?}"),
    }
    match model.run(inkan::Job::CreateVault) {
        Err(inkan::InkanError::Internal { reason }) => assert!(reason.contains("clock offline")),
        other => panic!("{other:?}"),
    }
}
