//! The seed's flows as scripted scenarios on the app model, each in English and Japanese:
//! every text asserted comes from the catalog of the language the "system" asked for.
//!
//! (a) scan the code shown on the PC (a camera frame from `../shared/qr/dev`) → confirm →
//! code; (b) tap a pairing link while the vault is locked → unlock → confirm → added /
//! paired; (c) type the number shown at sign-in → approved; (d) a wrong number → blocked;
//! (e) a HOTP reveal advances the counter in the vault file exactly once; (f) backup on
//! phone A → restore on phone B → same codes.
//!
//! The dev image is read from `$INKAN_SHARED/qr/dev/…` (default: `../shared` beside the
//! checkout), as the binding scenarios do; a missing image fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use inkan_app::scripted::{enrollment_link, push_platform, ScriptedShell, PASSWORD};
use inkan_app::text::{Lang, Texts};
use inkan_app::{AccountsView, CodeState, Effect, Event, FilePurpose, NumberEntry, Screen};
use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, Vault};
use inkan_core::OtpKind;

const DEV_IMAGE: &str = "qr/dev/synthetic/nominal/nominal-04.jpg";
/// A bookmark QR code (`MEBKM:URL:…`), not a sign-in code.
const OTHER_IMAGE: &str = "qr/dev/zxing/qrcode-1/1.webp";
const LANGS: [(&str, Lang); 2] = [("en-US", Lang::En), ("ja-JP", Lang::Ja)];

fn shared() -> PathBuf {
    std::env::var_os("INKAN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"))
}

/// The text the manifest says the dev image holds.
fn dev_image_text() -> String {
    let manifest = std::fs::read(shared().join("qr/dev/manifest.json")).expect("manifest");
    let list: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    let file = DEV_IMAGE.trim_start_matches("qr/dev/");
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == file)
        .unwrap();
    entry["texts"][0].as_str().unwrap().to_owned()
}

/// The dev image as a camera would hand it over: a luma plane with padded rows.
fn dev_frame() -> Event {
    frame_of(DEV_IMAGE)
}

fn frame_of(image: &str) -> Event {
    let path = shared().join(image);
    let image = image::open(&path)
        .unwrap_or_else(|e| panic!("{} unreadable ({e}); set INKAN_SHARED", path.display()))
        .to_luma8();
    let (width, height) = image.dimensions();
    let stride = width + 64;
    let mut bytes = vec![0u8; (stride * height) as usize];
    for (y, row) in image.rows().enumerate() {
        let start = y * stride as usize;
        for (x, p) in row.enumerate() {
            bytes[start + x] = p.0[0];
        }
    }
    Event::CameraFrame {
        width,
        height,
        row_stride: stride,
        bytes,
    }
}

fn accounts(h: &ScriptedShell) -> AccountsView {
    match h.app.view().screen {
        Screen::Accounts(a) => a,
        other => panic!("not the account list: {other:?}"),
    }
}

fn timed_code(h: &ScriptedShell, row: usize) -> String {
    match &accounts(h).rows[row].code {
        CodeState::Timed { code, .. } => code.clone(),
        other => panic!("{other:?}"),
    }
}

/// The code core computes for `link` at `now`, grouped as the list shows it.
fn expected_code(link: &str, now: i64) -> String {
    let account = inkan_core::uri::parse(link).unwrap();
    inkan_app::group_code(&inkan_core::otp::generate(&account, now).unwrap().text)
}

#[test]
fn a_scan_the_code_on_the_pc_confirm_and_see_the_code() {
    let texts = Texts::new();
    for (tag, lang) in LANGS {
        let h = ScriptedShell::new(tag);
        h.create_vault();
        h.send(Event::OpenScanner);
        assert!(h.take_effects().contains(&Effect::StartCamera));
        let v = h.app.view();
        assert_eq!(v.title, texts.t(lang, "title-scan"));
        // A QR code that is not a sign-in code (a bookmark): said once, the scan goes on.
        h.send(frame_of(OTHER_IMAGE));
        let Screen::Scan(scan) = h.app.view().screen else {
            panic!("{tag}: still scanning")
        };
        assert_eq!(
            scan.not_sign_in,
            Some(texts.t(lang, "error-qr-not-sign-in"))
        );
        h.send(dev_frame());
        assert!(
            h.take_effects().contains(&Effect::StopCamera),
            "{tag}: camera closed"
        );
        let v = h.app.view();
        let Screen::Confirm(c) = v.screen else {
            panic!("{tag}: {v:?}")
        };
        assert_eq!(v.title, texts.t(lang, "title-confirm"));
        assert_eq!(
            c.question,
            texts.ta(lang, "confirm-question", &[("count", 1usize.into())])
        );
        assert_eq!(c.items[0].issuer, "東京大学");
        h.send(Event::ConfirmAdd);
        let a = accounts(&h);
        assert_eq!(
            a.count,
            texts.ta(lang, "accounts-count", &[("count", 1usize.into())])
        );
        assert_eq!(timed_code(&h, 0), expected_code(&dev_image_text(), h.now()));
    }
}

#[test]
fn b_pairing_link_while_locked_is_confirmed_after_unlock() {
    let texts = Texts::new();
    let inner =
        "otpauth%3A%2F%2Ftotp%2FExample%3Ahanako%3Fsecret%3DJBSWY3DPEHPK3PXP%26issuer%3DExample";
    let link = format!("https://example.com/.well-known/inkan/pair#{inner}");
    for (tag, lang) in LANGS {
        let h = ScriptedShell::new(tag);
        h.create_vault();
        let h = h.restart(); // the vault is locked (new process, keystore gone)
        h.send(Event::LinkOpened { link: link.clone() });
        let v = h.app.view();
        let Screen::Unlock(u) = v.screen else {
            panic!("{v:?}")
        };
        assert_eq!(u.pending_link, Some(texts.t(lang, "unlock-pending-link")));
        h.send(Event::UnlockWithPassword {
            password: PASSWORD.into(),
        });
        let Screen::Confirm(c) = h.app.view().screen else {
            panic!("{tag}: confirm after unlock")
        };
        assert_eq!(
            c.source,
            Some(texts.ta(lang, "confirm-from", &[("host", "example.com".into())]))
        );
        assert_eq!(accounts_after(&h, Event::ConfirmAdd).rows[0].name, "hanako");
    }
}

fn accounts_after(h: &ScriptedShell, event: Event) -> AccountsView {
    h.send(event);
    accounts(h)
}

#[test]
fn b_push_pairing_link_while_locked_is_paired_after_unlock() {
    let texts = Texts::new();
    for (tag, lang) in LANGS {
        let (platform, _server, _keys) = push_platform();
        let h = ScriptedShell::with_push(tag, platform);
        h.create_vault();
        h.send(Event::LockNow);
        h.send(Event::LinkOpened {
            link: enrollment_link(),
        });
        h.send(Event::UnlockWithKeystore);
        let Screen::Confirm(c) = h.app.view().screen else {
            panic!("{tag}")
        };
        assert_eq!(c.question, texts.t(lang, "confirm-push-question"));
        h.send(Event::ConfirmAdd);
        let v = h.app.view();
        assert_eq!(
            v.notice,
            Some(texts.t(lang, "notice-paired")),
            "{:?}",
            v.error
        );
    }
}

/// Pairs, opens a sign-in showing `correct` among three numbers, types `typed`, approves.
fn sign_in_with(tag: &str, typed: &str) -> (Option<String>, bool) {
    let (platform, server, _keys) = push_platform();
    let h = ScriptedShell::with_push(tag, platform);
    h.create_vault();
    h.send(Event::LinkOpened {
        link: enrollment_link(),
    });
    h.send(Event::ConfirmAdd);
    server
        .sign_in(
            "SCENARIO1",
            "Sign in to the VPN",
            Some("27,84,61"),
            Some("84"),
        )
        .unwrap();
    h.send(Event::PollPush);
    let v = h.app.view();
    assert_eq!(v.error, None);
    let Screen::Accounts(a) = v.screen else {
        panic!()
    };
    let nonce = a.sign_in_requests[0].nonce.clone();
    h.send(Event::OpenChallenge { nonce });
    let Screen::Approve(a) = h.app.view().screen else {
        panic!()
    };
    assert!(
        matches!(a.number, NumberEntry::TypeIn { .. }),
        "type-in by default"
    );
    h.send(Event::TypeNumber { text: typed.into() });
    h.send(Event::Approve);
    let Screen::Approve(a) = h.app.view().screen else {
        panic!()
    };
    (a.outcome, server.is_open("SCENARIO1"))
}

#[test]
fn c_right_number_approves_the_sign_in() {
    let texts = Texts::new();
    for (tag, lang) in LANGS {
        let (outcome, open) = sign_in_with(tag, "84");
        assert_eq!(outcome, Some(texts.t(lang, "push-approved")));
        assert!(!open);
    }
}

#[test]
fn d_wrong_number_blocks_the_sign_in() {
    let texts = Texts::new();
    for (tag, lang) in LANGS {
        let (outcome, open) = sign_in_with(tag, "27");
        assert_eq!(outcome, Some(texts.t(lang, "push-blocked")));
        assert!(!open, "SEC-P5: closed after the one pick");
    }
}

fn vault_counter(h: &ScriptedShell) -> u64 {
    let bytes = std::fs::read(h.dir.join(inkan_app::VAULT_FILE)).unwrap();
    let password = SecretString::new(PASSWORD.into());
    let vault = Vault::unlock(&bytes, Credential::Password(&password)).unwrap();
    match vault.entries()[0].account.kind {
        OtpKind::Hotp { counter } => counter,
        other => panic!("{other:?}"),
    }
}

#[test]
fn e_hotp_reveal_advances_the_saved_counter_exactly_once() {
    let texts = Texts::new();
    for (tag, lang) in LANGS {
        let h = ScriptedShell::new(tag);
        h.create_vault();
        h.send(Event::LinkOpened {
            link: "otpauth://hotp/Bank:taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=5".into(),
        });
        h.send(Event::ConfirmAdd);
        assert_eq!(vault_counter(&h), 5);
        let id = accounts(&h).rows[0].id.clone();
        for _ in 0..3 {
            h.send(Event::RevealHotp { id: id.clone() });
        }
        h.advance(10);
        h.send(Event::RevealHotp { id: id.clone() });
        assert_eq!(vault_counter(&h), 6, "{tag}: saved once");
        let CodeState::Revealed { code, hides_in } = accounts(&h).rows[0].code.clone() else {
            panic!()
        };
        // RFC 4226 appendix D, counter 5.
        assert_eq!(code, "254 676");
        assert_eq!(
            hides_in,
            texts.ta(lang, "code-hides-in", &[("seconds", 20i64.into())])
        );
        h.advance(20);
        assert!(matches!(
            accounts(&h).rows[0].code,
            CodeState::Hidden { .. }
        ));
        h.send(Event::RevealHotp { id });
        assert_eq!(vault_counter(&h), 7);
    }
}

#[test]
fn f_backup_on_phone_a_restore_on_phone_b_same_codes() {
    let texts = Texts::new();
    let links = [
        "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub",
        "otpauth://totp/%E6%A5%BD%E5%A4%A9:bob?secret=NHVXM3HVF2ZI5OO55MJ35Y3ACAV5JEAO&issuer=%E6%A5%BD%E5%A4%A9",
    ];
    for (tag, lang) in LANGS {
        let a = ScriptedShell::new(tag);
        a.create_vault();
        for link in links {
            a.send(Event::LinkOpened { link: link.into() });
            a.send(Event::ConfirmAdd);
        }
        a.send(Event::OpenBackup);
        a.send(Event::ExportBackup {
            password: "backup password".into(),
            confirmation: "backup password".into(),
        });
        assert_eq!(
            a.app.view().notice,
            Some(texts.ta(lang, "notice-backup-ready", &[("count", 2usize.into())]))
        );
        let file = a.take_effects().into_iter().find_map(|e| match e {
            Effect::SaveFile { bytes, .. } => Some(bytes),
            _ => None,
        });
        let b = ScriptedShell::new(tag);
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
        assert_eq!(
            b.app.view().notice,
            Some(texts.ta(lang, "notice-restored", &[("count", 2usize.into())]))
        );
        assert_eq!(b.now(), a.now());
        a.send(Event::Back);
        for row in 0..2 {
            assert_eq!(timed_code(&b, row), timed_code(&a, row), "{tag} row {row}");
        }
        assert_eq!(accounts(&b).rows[1].issuer, "楽天");
    }
}

#[test]
fn languages_differ_and_fall_back_to_english() {
    let texts = Texts::new();
    assert_ne!(
        texts.t(Lang::En, "title-accounts"),
        texts.t(Lang::Ja, "title-accounts")
    );
    let h = ScriptedShell::new("fr-FR");
    assert_eq!(h.app.view().language, "en");
    assert_eq!(h.app.view().title, texts.t(Lang::En, "title-create"));
}
