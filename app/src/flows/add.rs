//! Adding accounts: the camera (frames through core's `QrScanner`), an image or screenshot,
//! a link the OS hands over, or manual entry; every path ends on the confirmation screen
//! (SEC-L1) and only `ConfirmAdd` saves (all or nothing, never overwriting: core).
//!
//! A link that arrives while the vault is closed is held (zeroized on drop) and confirmed
//! right after the unlock: the shells used to drop it.

use inkan_core::migration::SkippedItem;
use inkan_core::pairing::{self, LinkSource, PairingRequest};
use inkan_core::qr::{self, is_enrollment_payload, QrScanner};
use inkan_core::secret::{SecretBytes, SecretString};
use inkan_core::vault::AddStatus;
use inkan_core::{Account, Algorithm, OtpKind};

use super::{action, fail, render};
use crate::event::ManualKind;
use crate::model::{locked, Model, Page, PendingAdd, Stage};
use crate::text::ErrorCode;
use crate::view::{ConfirmItem, ConfirmView, ManualEntryView, ScanView, Screen};
use crate::{App, Effect, Event, FilePurpose, Job};

pub(crate) fn update(app: &App, m: &mut Model, event: Event) -> Vec<Effect> {
    // A link is accepted in any stage: held until the vault is open.
    if let Event::LinkOpened { link } = event {
        let link = SecretString::new(link);
        if !matches!(m.stage, Stage::Ready) || m.busy {
            m.pending_link = Some(link);
            return render();
        }
        return route(app, m, link);
    }
    if !matches!(m.stage, Stage::Ready) {
        return Vec::new();
    }
    match event {
        Event::OpenScanner => {
            m.page = Page::Scan;
            m.scanner = Some(QrScanner::new());
            m.scanning = true;
            m.not_sign_in_seen = false;
            vec![Effect::Render, Effect::StartCamera]
        }
        Event::ScanImage => vec![Effect::PickFile {
            purpose: FilePurpose::QrImage,
        }],
        Event::OpenManualEntry => {
            m.page = Page::Manual;
            render()
        }
        Event::ManualEntry {
            issuer,
            name,
            secret,
            kind,
        } => {
            let secret = SecretString::new(secret);
            match manual_link(&issuer, &name, secret.expose(), kind) {
                Ok(link) => route(app, m, link),
                Err(code) => fail(m, code),
            }
        }
        Event::ConfirmAdd => confirm(app, m),
        _ => Vec::new(),
    }
}

/// An otpauth link for a typed account: manual entry then takes the same confirmation
/// and save path as a scanned code.
fn manual_link(
    issuer: &str,
    name: &str,
    secret: &str,
    kind: ManualKind,
) -> Result<SecretString, ErrorCode> {
    let cleaned: String = secret
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .trim_end_matches('=')
        .to_owned();
    let cleaned = zeroize::Zeroizing::new(cleaned);
    let bytes = inkan_core::base32::decode(&cleaned).map_err(|_| ErrorCode::AccountInvalid)?;
    if name.trim().is_empty() {
        return Err(ErrorCode::NameInvalid);
    }
    let kind = match kind {
        ManualKind::Totp => OtpKind::Totp { period: 30 },
        ManualKind::Hotp => OtpKind::Hotp { counter: 0 },
    };
    let account = Account::new(
        Some(issuer.to_owned()),
        name.to_owned(),
        SecretBytes::new(bytes.to_vec()),
        Algorithm::Sha1,
        6,
        kind,
    )
    .map_err(|_| ErrorCode::AccountInvalid)?;
    Ok(SecretString::new(inkan_core::uri::to_uri(&account)))
}

/// Parses a link (core pairing) and shows what it would add.
pub(crate) fn route(app: &App, m: &mut Model, link: SecretString) -> Vec<Effect> {
    let now = app.now();
    let mut effects = Vec::new();
    if m.page == Page::Scan {
        effects.push(Effect::StopCamera);
        m.scanner = None;
        m.scanning = false;
    }
    match pairing::parse(link.expose().trim(), now) {
        Ok(PairingRequest::Accounts {
            accounts,
            skipped,
            source,
        }) => {
            m.enrollment = None;
            m.add = Some(PendingAdd {
                link,
                items: accounts
                    .iter()
                    .map(|a| (a.issuer.clone().unwrap_or_default(), a.name.clone()))
                    .collect(),
                source_host: match source {
                    LinkSource::AppLink { host } => Some(host),
                    LinkSource::Uri => None,
                },
                skipped: skipped.iter().map(skipped_line).collect(),
            });
            m.page = Page::Confirm;
        }
        Ok(PairingRequest::Push(enrollment)) if app.platform().push.is_some() => {
            m.add = None;
            m.enrollment = Some(enrollment);
            m.page = Page::Confirm;
        }
        Ok(PairingRequest::Push(_)) => {
            m.page = Page::Accounts;
            m.error = Some(ErrorCode::LinkPushOnly);
        }
        Err(e) => {
            m.page = Page::Accounts;
            m.error = Some(ErrorCode::from(&inkan_core::Error::from(e)));
        }
    }
    effects.push(Effect::Render);
    effects
}

fn skipped_line(item: &SkippedItem) -> (String, String) {
    (item.name.clone(), item.reason.to_string())
}

fn confirm(app: &App, m: &mut Model) -> Vec<Effect> {
    if m.enrollment.is_some() {
        m.busy = true;
        return vec![Effect::Render, Effect::Run { job: Job::PairPush }];
    }
    let (Some(add), Some(session)) = (m.add.take(), m.session.clone()) else {
        return Vec::new();
    };
    let added = locked(&session).add_link(add.link.expose().trim(), app.now());
    m.page = Page::Accounts;
    match added {
        Ok(outcomes) => {
            let count = |s: AddStatus| outcomes.iter().filter(|o| o.status == s).count();
            let (added, kept, existing) = (
                count(AddStatus::Added),
                count(AddStatus::DuplicateKept),
                count(AddStatus::Existing),
            );
            m.notice = Some(if kept > 0 {
                ("notice-duplicate-kept", i64::try_from(kept).unwrap_or(0))
            } else if added == 0 && existing > 0 {
                ("notice-already-there", 0)
            } else {
                ("notice-added", i64::try_from(added).unwrap_or(0))
            });
            render()
        }
        Err(e) => fail(m, e),
    }
}

/// One camera frame: decoded without holding the model; the first sign-in code found
/// stops the camera and opens the confirmation.
pub(crate) fn frame(app: &App, width: u32, height: u32, stride: u32, bytes: &[u8]) -> Vec<Effect> {
    let Some(mut scanner) = app.model().scanner.take() else {
        return Vec::new();
    };
    let to = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    let outcome = scanner.feed_luma(to(width), to(height), to(stride), bytes);
    let mut m = app.model();
    if !m.scanning || m.page != Page::Scan {
        return Vec::new();
    }
    // A scan restarted meanwhile has its own scanner: keep that one.
    if m.scanner.is_none() {
        m.scanner = Some(scanner);
    }
    match outcome {
        Ok(o) => {
            if let Some(payload) = o.payload {
                m.clear_messages();
                return route(app, &mut m, SecretString::new(payload));
            }
            if !o.other_codes.is_empty() && !m.not_sign_in_seen {
                m.not_sign_in_seen = true;
                return render();
            }
            Vec::new()
        }
        // A malformed frame is the shell's bug, not the user's: say it once.
        Err(e) => fail(&mut m, inkan_core::Error::from(e)),
    }
}

pub(crate) fn image_picked(m: &mut Model, bytes: Vec<u8>) -> Vec<Effect> {
    if !matches!(m.stage, Stage::Ready) {
        return Vec::new();
    }
    m.jobs.image = Some(bytes);
    m.busy = true;
    vec![
        Effect::Render,
        Effect::Run {
            job: Job::DecodeImage,
        },
    ]
}

pub(crate) fn run_decode(app: &App) -> Vec<Effect> {
    let Some(bytes) = app.model().jobs.image.take() else {
        return Vec::new();
    };
    let decoded = qr::decode_image(&bytes);
    let mut m = app.model();
    match decoded {
        Ok(texts) => match texts.into_iter().find(|t| is_enrollment_payload(t)) {
            Some(payload) => route(app, &mut m, SecretString::new(payload)),
            None if m.page == Page::Scan => {
                m.not_sign_in_seen = true;
                fail(&mut m, ErrorCode::QrNotFound)
            }
            None => fail(&mut m, ErrorCode::QrNotFound),
        },
        Err(e) => fail(&mut m, inkan_core::Error::from(e)),
    }
}

pub(crate) fn scan_view(app: &App, m: &Model) -> Screen {
    Screen::Scan(ScanView {
        hint: app.t(m, "scan-hint"),
        not_sign_in: m
            .not_sign_in_seen
            .then(|| app.t(m, ErrorCode::QrNotSignIn.key())),
        scan_image: action(app, m, "add-image", !m.busy),
        cancel: action(app, m, "action-cancel", true),
    })
}

pub(crate) fn manual_view(app: &App, m: &Model) -> Screen {
    Screen::ManualEntry(ManualEntryView {
        issuer_label: app.t(m, "field-issuer"),
        name_label: app.t(m, "field-account"),
        secret_label: app.t(m, "field-secret"),
        totp_label: app.t(m, "manual-totp"),
        hotp_label: app.t(m, "manual-hotp"),
        submit: action(app, m, "manual-submit", true),
    })
}

pub(crate) fn confirm_view(app: &App, m: &Model) -> Screen {
    if let Some(e) = &m.enrollment {
        return Screen::Confirm(ConfirmView {
            question: app.t(m, "confirm-push-question"),
            items: vec![ConfirmItem {
                issuer: e.issuer.clone(),
                name: e.label.clone(),
            }],
            source: Some(app.ta(
                m,
                "confirm-push-server",
                &[("host", e.server_host.clone().into())],
            )),
            skipped: Vec::new(),
            confirm: action(app, m, "confirm-pair", !m.busy),
            cancel: action(app, m, "action-cancel", true),
        });
    }
    let Some(add) = &m.add else {
        return Screen::Loading;
    };
    Screen::Confirm(ConfirmView {
        question: app.ta(m, "confirm-question", &[("count", add.items.len().into())]),
        items: add
            .items
            .iter()
            .map(|(issuer, name)| ConfirmItem {
                issuer: issuer.clone(),
                name: name.clone(),
            })
            .collect(),
        source: add
            .source_host
            .as_ref()
            .map(|h| app.ta(m, "confirm-from", &[("host", h.clone().into())])),
        skipped: add
            .skipped
            .iter()
            .map(|(name, _)| app.ta(m, "confirm-skipped", &[("name", name.clone().into())]))
            .collect(),
        confirm: action(app, m, "confirm-add", !m.busy),
        cancel: action(app, m, "action-cancel", true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::testing::Harness;

    const TOTP: &str = "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub";

    fn ready(lang: &str) -> Harness {
        let h = Harness::new(lang);
        h.create_vault();
        h
    }

    fn rows(h: &Harness) -> usize {
        match h.app.view().screen {
            Screen::Accounts(a) => a.rows.len(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn link_shows_confirmation_and_saves_only_on_confirm() {
        let h = ready("ja");
        h.send(Event::LinkOpened { link: TOTP.into() });
        let Screen::Confirm(c) = h.app.view().screen else {
            panic!()
        };
        assert_eq!(c.question, "1 件のアカウントを追加しますか?");
        assert_eq!(
            c.items,
            vec![ConfirmItem {
                issuer: "GitHub".into(),
                name: "octo".into()
            }]
        );
        h.send(Event::Back);
        assert_eq!(rows(&h), 0, "cancel saves nothing");
        h.send(Event::LinkOpened { link: TOTP.into() });
        h.send(Event::ConfirmAdd);
        assert_eq!(rows(&h), 1);
        assert_eq!(
            h.app.view().notice.as_deref(),
            Some("1 件のアカウントを追加しました。")
        );
        // The same link again: nothing overwritten, nothing added.
        h.send(Event::LinkOpened { link: TOTP.into() });
        h.send(Event::ConfirmAdd);
        assert_eq!(rows(&h), 1);
        assert_eq!(
            h.app.view().notice.as_deref(),
            Some("このアカウントはすでに追加されています。")
        );
    }

    #[test]
    fn a_link_that_arrives_during_the_unlock_is_shown_after_it() {
        let h = ready("en");
        h.send(Event::LockNow);
        // A cold start from a tapped link: the keystore unlock job has not finished yet.
        let unlocking = h.app.update(Event::UnlockWithKeystore);
        assert!(unlocking.contains(&Effect::Run {
            job: Job::OpenWithKeystore
        }));
        h.send(Event::LinkOpened { link: TOTP.into() });
        h.perform(unlocking);
        let Screen::Confirm(c) = h.app.view().screen else {
            panic!("{:?}", h.app.view())
        };
        assert_eq!(c.items[0].name, "octo");
    }

    #[test]
    fn refused_links_carry_a_code() {
        let h = ready("en");
        h.send(Event::LinkOpened {
            link: "javascript:alert(1)".into(),
        });
        let e = h.app.view().error.expect("refused");
        assert_eq!(e.code, "E-LINK-UNSAFE");
        h.send(Event::LinkOpened {
            link: "otpauth://totp/A?secret=!!!".into(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-ACCOUNT-INVALID")
        );
        assert_eq!(rows(&h), 0);
    }

    #[test]
    fn manual_entry_goes_through_confirmation() {
        let h = ready("en");
        h.send(Event::OpenManualEntry);
        h.send(Event::ManualEntry {
            issuer: "Example".into(),
            name: "me".into(),
            secret: "jbsw y3dp ehpk 3pxp".into(),
            kind: ManualKind::Totp,
        });
        let Screen::Confirm(c) = h.app.view().screen else {
            panic!("{:?}", h.app.view())
        };
        assert_eq!(c.items[0].issuer, "Example");
        h.send(Event::ConfirmAdd);
        assert_eq!(rows(&h), 1);
        h.send(Event::ManualEntry {
            issuer: "X".into(),
            name: "y".into(),
            secret: "not base32!".into(),
            kind: ManualKind::Hotp,
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-ACCOUNT-INVALID")
        );
    }

    #[test]
    fn scanner_stops_the_camera_and_survives_bad_frames() {
        let h = ready("en");
        h.send(Event::OpenScanner);
        assert!(h.take_effects().contains(&Effect::StartCamera));
        // Stride shorter than width: an error with a code, no panic, still scanning.
        h.send(Event::CameraFrame {
            width: 10,
            height: 10,
            row_stride: 5,
            bytes: vec![0; 50],
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-IMAGE-INVALID")
        );
        h.send(Event::Back);
        assert!(h.take_effects().contains(&Effect::StopCamera));
        assert_eq!(rows(&h), 0);
    }

    #[test]
    fn image_without_a_code() {
        let h = ready("en");
        h.send(Event::FilePicked {
            purpose: FilePurpose::QrImage,
            bytes: b"not an image".to_vec(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-IMAGE-INVALID")
        );
    }
}
