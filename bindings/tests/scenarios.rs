//! The binding scenarios of `tests/scenarios.md`, through the exported Rust API (the same
//! functions Kotlin and Swift call). Foreign traits are implemented here in Rust.

// Helpers outside #[test] functions unwrap too; a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use inkan::{
    codes_at, export_migration, open_link, parse_link, Account, Algorithm, CallbackError, Clock,
    CodeGenerator, InkanError, LinkRequest, OtpKind,
};

const RFC_SHA1: &str = "otpauth://totp/RFC6238:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30&issuer=RFC6238";
const RFC_SHA256: &str = "otpauth://totp/RFC6238:sha256?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&digits=8&algorithm=SHA256&issuer=RFC6238";
const RFC_SHA512: &str = "otpauth://totp/RFC6238:sha512?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA&digits=8&algorithm=SHA512&issuer=RFC6238";
const MIGRATION_MD5: &str = "otpauth-migration://offline?data=CiwKFDRJiMQxwIXjd9MFXrhxhqg%2FFj14EgRrYXRlGghHb29kIE9uZSABKAEwAgomChCCLZiiK2t0SN0zlHjgtiefEgNsZW8aB09sZCBNRDUgBCgBMAIKLAoU85HX%2Fukq9jTZxbeR2Mls2%2FSoi2kSBG1heWEaCEdvb2QgVHdvIAIoATACEAEYASi1ldCg%2Bv%2F%2F%2F%2F8B";
const BAD_SECRET: &str = "otpauth://totp/X:a?secret=SUPERSECRET1&issuer=X";
const STEAM: &str = "steam://JBSWY3DPEHPK3PXP";
const PAIR_LINK: &str = "https://auth.example.com/.well-known/inkan/pair#otpauth%3A%2F%2Ftotp%2FA%3Aa%3Fsecret%3DJBSWY3DPEHPK3PXP";
const PUSH_LINK: &str = "pia://pipush/PIPU000058DF?url=https%3A//pi.example.com/ttype/push&ttl=10&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1&serial=PIPU000058DF&sslverify=0";
const NOW: i64 = 1_795_764_920;

const RFC_ROWS: [(i64, [&str; 3]); 4] = [
    (59, ["94287082", "46119246", "90693936"]),
    (1111111109, ["07081804", "68084774", "25091201"]),
    (1234567890, ["89005924", "91819424", "93441116"]),
    (20000000000, ["65353130", "77737706", "47863826"]),
];

fn one(link: &str) -> Arc<Account> {
    let mut parsed = parse_link(link.to_owned()).unwrap();
    assert_eq!(parsed.accounts.len(), 1);
    parsed.accounts.remove(0)
}

fn rfc_accounts() -> Vec<Arc<Account>> {
    [RFC_SHA1, RFC_SHA256, RFC_SHA512]
        .into_iter()
        .map(one)
        .collect()
}

fn texts(codes: &[inkan::Code]) -> Vec<String> {
    codes.iter().map(|c| c.text.clone()).collect()
}

fn reason_of(error: &InkanError) -> &str {
    match error {
        InkanError::InvalidInput { reason }
        | InkanError::WrongPassword { reason }
        | InkanError::Locked { reason }
        | InkanError::Duplicate { reason }
        | InkanError::ChallengeRejected { reason }
        | InkanError::Network { reason }
        | InkanError::KeystoreUnavailable { reason }
        | InkanError::Cancelled { reason }
        | InkanError::Internal { reason } => reason,
    }
}

#[test]
fn s1_rfc6238_codes_at_fixed_times() {
    let accounts = rfc_accounts();
    for (t, want) in RFC_ROWS {
        let codes = codes_at(accounts.clone(), t).unwrap();
        assert_eq!(texts(&codes), want, "t = {t}");
    }
    let at59 = codes_at(accounts, 59).unwrap();
    assert_eq!(
        (at59[0].valid_from, at59[0].valid_until),
        (Some(30), Some(60))
    );
    assert_eq!(at59[0].remaining_seconds, Some(1));
}

#[test]
fn s2_account_info() {
    let info = one(RFC_SHA256).info();
    assert_eq!(info.issuer.as_deref(), Some("RFC6238"));
    assert_eq!(info.name, "sha256");
    assert_eq!(info.label, "RFC6238 (sha256)");
    assert_eq!(info.algorithm, Algorithm::Sha256);
    assert_eq!(info.digits, 8);
    assert_eq!(info.kind, OtpKind::Totp { period: 30 });
}

#[test]
fn s3_migration_with_per_item_errors() {
    let parsed = parse_link(MIGRATION_MD5.to_owned()).unwrap();
    let infos: Vec<_> = parsed.accounts.iter().map(|a| a.info()).collect();
    assert_eq!(infos.len(), 2);
    assert_eq!(
        (infos[0].issuer.as_deref(), infos[0].name.as_str()),
        (Some("Good One"), "kate")
    );
    assert_eq!(
        (infos[1].issuer.as_deref(), infos[1].name.as_str()),
        (Some("Good Two"), "maya")
    );
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(
        (parsed.skipped[0].index, parsed.skipped[0].name.as_str()),
        (1, "leo")
    );
    assert!(
        parsed.skipped[0].reason.contains("MD5"),
        "{}",
        parsed.skipped[0].reason
    );
    let codes = codes_at(parsed.accounts, 1234567890).unwrap();
    assert_eq!(texts(&codes), ["866714", "677946"]);
}

#[test]
fn s4_error_mapping() {
    let bad_secret = parse_link(BAD_SECRET.to_owned()).err().unwrap();
    let InkanError::InvalidInput { reason } = &bad_secret else {
        panic!("{bad_secret:?}")
    };
    assert!(reason.contains("base32"), "{reason}");
    assert!(!reason.contains("SUPERSECRET"), "{reason}");
    let not_a_link = parse_link("hello".to_owned()).err().unwrap();
    assert!(
        matches!(not_a_link, InkanError::InvalidInput { .. }),
        "{not_a_link:?}"
    );
    let before_1970 = codes_at(vec![one(RFC_SHA1)], -1).err().unwrap();
    assert!(
        matches!(before_1970, InkanError::InvalidInput { .. }),
        "{before_1970:?}"
    );
    for e in [bad_secret, not_a_link, before_1970] {
        assert!(!reason_of(&e).is_empty());
    }
}

#[test]
fn s5_uri_and_migration_export() {
    let account = one(RFC_SHA256);
    let again = one(&account.to_uri());
    assert_eq!(again.info(), account.info());
    assert_eq!(again.code_at(59).unwrap().text, "46119246");

    let mut accounts = parse_link(MIGRATION_MD5.to_owned()).unwrap().accounts;
    accounts.push(one(STEAM));
    let export = export_migration(accounts, 7, None);
    assert_eq!(export.uris.len(), 1);
    assert_eq!(export.skipped.len(), 1);
    assert_eq!(export.skipped[0].index, 2);
    let reason = &export.skipped[0].reason;
    assert!(reason.contains("Google Authenticator"), "{reason}");
    let back = parse_link(export.uris[0].clone()).unwrap();
    assert!(back.skipped.is_empty());
    assert_eq!(
        texts(&codes_at(back.accounts, 1234567890).unwrap()),
        ["866714", "677946"]
    );
}

struct FixedClock {
    now: i64,
    calls: AtomicUsize,
}

impl Clock for FixedClock {
    fn now_unix(&self) -> Result<i64, CallbackError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(self.now)
    }
}

struct FailingClock(CallbackError);

impl Clock for FailingClock {
    fn now_unix(&self) -> Result<i64, CallbackError> {
        Err(self.0.clone())
    }
}

#[test]
fn s6_foreign_clock() {
    let clock = Arc::new(FixedClock {
        now: 59,
        calls: AtomicUsize::new(0),
    });
    let generator = CodeGenerator::new(clock.clone());
    let codes = generator.codes(vec![one(RFC_SHA1)]).unwrap();
    assert_eq!(texts(&codes), ["94287082"]);
    assert_eq!(codes[0].remaining_seconds, Some(1));
    assert_eq!(clock.calls.load(Ordering::SeqCst), 1);

    let failed = CallbackError::Failed {
        reason: "clock offline".into(),
    };
    let error = CodeGenerator::new(Arc::new(FailingClock(failed)))
        .codes(vec![])
        .err()
        .unwrap();
    let InkanError::Internal { reason } = &error else {
        panic!("{error:?}")
    };
    assert!(
        reason.contains("clock offline") && reason.contains("clock"),
        "{reason}"
    );

    let unexpected = uniffi::UnexpectedUniFFICallbackError::new("NullPointerException").into();
    let error = CodeGenerator::new(Arc::new(FailingClock(unexpected)))
        .codes(vec![])
        .err()
        .unwrap();
    assert!(matches!(error, InkanError::Internal { .. }), "{error:?}");
}

#[cfg(feature = "testing")]
mod key_store {
    use super::*;
    use inkan::{fail_with_key_store_error, key_store_round_trip, KeyStore};

    #[derive(Default)]
    struct XorStore {
        calls: std::sync::Mutex<Vec<String>>,
    }

    impl XorStore {
        fn log(&self, call: String) {
            self.calls.lock().unwrap().push(call);
        }
    }

    impl KeyStore for XorStore {
        fn wrap_key(&self, key_id: String, key: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
            self.log(format!("wrap {key_id}"));
            Ok(key.into_iter().map(|b| b ^ 0x5a).collect())
        }
        fn unwrap_key(&self, key_id: String, wrapped: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
            self.log(format!("unwrap {key_id}"));
            Ok(wrapped.into_iter().map(|b| b ^ 0x5a).collect())
        }
        fn delete_key(&self, key_id: String) -> Result<(), CallbackError> {
            self.log(format!("delete {key_id}"));
            Ok(())
        }
    }

    struct InvalidatedStore;

    impl KeyStore for InvalidatedStore {
        fn wrap_key(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
            Err(CallbackError::Unavailable {
                reason: "key invalidated".into(),
            })
        }
        fn unwrap_key(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
            Err(CallbackError::Mismatch)
        }
        fn delete_key(&self, _: String) -> Result<(), CallbackError> {
            Ok(())
        }
    }

    #[test]
    fn s7_foreign_key_store() {
        let store = Arc::new(XorStore::default());
        let key: Vec<u8> = (0..32).collect();
        let back = key_store_round_trip(store.clone(), "vault-key-1".into(), key.clone());
        assert_eq!(back.unwrap(), key);
        let calls = store.calls.lock().unwrap().clone();
        assert_eq!(
            calls,
            [
                "wrap vault-key-1",
                "unwrap vault-key-1",
                "delete vault-key-1"
            ]
        );
        let error = fail_with_key_store_error(Arc::new(InvalidatedStore))
            .err()
            .unwrap();
        assert_eq!(
            error,
            InkanError::KeystoreUnavailable {
                reason: "key invalidated".into()
            }
        );
    }

    #[test]
    fn s9_frame_buffer() {
        assert_eq!(inkan::frame_len(&[0x80; 1920 * 1080]), 2_073_600);
    }
}

#[test]
fn s8_concurrent_codes() {
    let accounts = rfc_accounts();
    let clock = Arc::new(FixedClock {
        now: 59,
        calls: AtomicUsize::new(0),
    });
    let generator = CodeGenerator::new(clock.clone());
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..50 {
                    assert_eq!(
                        texts(&codes_at(accounts.clone(), 59).unwrap()),
                        RFC_ROWS[0].1
                    );
                    assert_eq!(
                        texts(&generator.codes(accounts.clone()).unwrap()),
                        RFC_ROWS[0].1
                    );
                }
            });
        }
    });
    assert_eq!(clock.calls.load(Ordering::SeqCst), 400);
}

#[test]
fn s10_open_link() {
    let LinkRequest::Accounts {
        accounts,
        skipped,
        from_host,
    } = open_link(PAIR_LINK.to_owned(), NOW).unwrap()
    else {
        panic!("not accounts")
    };
    assert_eq!((accounts.len(), skipped.len()), (1, 0));
    assert_eq!(from_host.as_deref(), Some("auth.example.com"));
    assert_eq!(accounts[0].info().name, "a");

    let LinkRequest::Push { enrollment } = open_link(PUSH_LINK.to_owned(), NOW).unwrap() else {
        panic!("not push")
    };
    let info = enrollment.info();
    assert_eq!(
        (info.serial.as_str(), info.server_host.as_str()),
        ("PIPU000058DF", "pi.example.com")
    );
    assert!(info.server_asked_no_verify);
    assert_eq!(info.expires_at, NOW + 600);
    assert!(!format!("{info:?}").contains("ee203e52"));

    for refused in [
        "javascript:alert(1)",
        "https://auth.example.com/pair",
        "http://auth.example.com/.well-known/inkan/pair#x",
    ] {
        let error = open_link(refused.to_owned(), NOW).err().unwrap();
        assert!(
            matches!(error, InkanError::InvalidInput { .. }),
            "{refused}: {error:?}"
        );
    }
}
