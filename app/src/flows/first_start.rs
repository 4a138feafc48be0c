//! First start: choose a password, see the recovery code once, acknowledge it; only then
//! does the new vault become the app's vault.
//!
//! Crash safety: the vault is created under `inkan.vault.new` and renamed to `inkan.vault`
//! (then the directory is fsynced) after the acknowledgement. A process that dies before
//! that leaves no vault whose recovery code nobody saw: the next start discards the
//! pending files and asks again. One rule for both phones (Android only renamed; iOS also
//! fsynced the directory).

use std::path::Path;

use inkan_core::keystore::Keystore;
use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, Session, VaultError};

use super::{action, fail, render};
use crate::model::{Model, Stage};
use crate::platform::VAULT_PENDING;
use crate::text::{Arg, ErrorCode, Lang};
use crate::view::{PasswordForm, RecoveryCodeView, Screen};
use crate::{App, Effect, Event, Job};

/// Shortest password, in characters (not bytes: 8 kana are 8 characters).
pub(crate) const MIN_PASSWORD_CHARS: usize = 8;

/// The password rule for a new vault, a new password and a backup.
pub(crate) fn password_problem(password: &str, confirmation: &str) -> Option<ErrorCode> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(ErrorCode::PasswordTooShort)
    } else if password != confirmation {
        Some(ErrorCode::PasswordMismatch)
    } else {
        None
    }
}

pub(crate) fn update(app: &App, m: &mut Model, event: Event) -> Vec<Effect> {
    match event {
        Event::Start { system_language } => start(app, m, &system_language),
        Event::CreateVault {
            password,
            confirmation,
        } => {
            let (password, confirmation) =
                (SecretString::new(password), SecretString::new(confirmation));
            if !matches!(m.stage, Stage::Create) {
                return Vec::new();
            }
            if let Some(problem) = password_problem(password.expose(), confirmation.expose()) {
                return fail(m, problem);
            }
            m.jobs.password = Some(password);
            m.busy = true;
            vec![
                Effect::Render,
                Effect::Run {
                    job: Job::CreateVault,
                },
            ]
        }
        Event::RecoveryCodeSavedChecked { checked } => {
            if let Stage::Recovery { checked: c, .. } = &mut m.stage {
                *c = checked;
            }
            render()
        }
        Event::AcknowledgeRecoveryCode => match &m.stage {
            Stage::Recovery { checked: true, .. } => {
                m.busy = true;
                vec![
                    Effect::Render,
                    Effect::Run {
                        job: Job::PromoteVault,
                    },
                ]
            }
            Stage::Recovery { .. } => fail(m, ErrorCode::RecoveryNotAcknowledged),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn start(app: &App, m: &mut Model, system_language: &str) -> Vec<Effect> {
    if m.lang.is_none() {
        m.lang = Some(Lang::from_tag(system_language));
    }
    if !matches!(m.stage, Stage::Starting) {
        return render();
    }
    let platform = app.platform();
    discard_pending(&platform.data_dir);
    if let Some(seconds) = super::settings::load_lock_after(&platform.data_dir) {
        m.lock_after_secs = seconds;
    }
    if !platform.vault_path().exists() {
        m.stage = Stage::Create;
        return render();
    }
    m.stage = Stage::Locked { recovery: false };
    if platform.keystore.is_some() {
        m.busy = true;
        return vec![
            Effect::Render,
            Effect::Run {
                job: Job::OpenWithKeystore,
            },
        ];
    }
    render()
}

/// Removes a vault left under the pending name, with its lock, temp and previous files.
fn discard_pending(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == VAULT_PENDING || name.starts_with(&format!("{VAULT_PENDING}.")) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

pub(crate) fn run(app: &App, job: Job) -> Vec<Effect> {
    match job {
        Job::CreateVault => create(app),
        Job::PromoteVault => promote(app),
        _ => Vec::new(),
    }
}

fn create(app: &App) -> Vec<Effect> {
    let Some(password) = app.model().jobs.password.take() else {
        return Vec::new();
    };
    let platform = app.platform();
    let _ = std::fs::create_dir_all(&platform.data_dir);
    discard_pending(&platform.data_dir);
    let keystore = platform.keystore.as_deref().map(|k| k as &dyn Keystore);
    let path = platform.pending_path();
    let created = match Session::create(&path, &password, platform.kdf, keystore) {
        // No usable keystore on this phone: password and recovery code only (every start
        // then asks for the password).
        Err(VaultError::Keystore(_)) => {
            discard_pending(&platform.data_dir);
            Session::create(&path, &password, platform.kdf, None)
        }
        other => other,
    };
    let mut m = app.model();
    match created {
        Ok(created) => {
            m.stage = Stage::Recovery {
                session: Some(Box::new(created.session)),
                code: created.recovery_code,
                password,
                checked: false,
            };
            render()
        }
        Err(e) => {
            discard_pending(&platform.data_dir);
            fail(&mut m, e)
        }
    }
}

fn promote(app: &App) -> Vec<Effect> {
    let (session, password) = {
        let mut m = app.model();
        match std::mem::take(&mut m.stage) {
            Stage::Recovery {
                session, password, ..
            } => (session, password),
            other => {
                m.stage = other;
                return Vec::new();
            }
        }
    };
    // Closing the pending session releases its file lock before the rename.
    drop(session);
    let platform = app.platform();
    let result = put_in_place(&platform.pending_path(), &platform.vault_path()).and_then(|()| {
        discard_pending(&platform.data_dir);
        let opened = platform
            .keystore
            .as_deref()
            .map(|ks| Session::open(platform.vault_path(), Credential::Keystore(ks)));
        match opened {
            Some(Ok(session)) => Ok(session),
            _ => Session::open(platform.vault_path(), Credential::Password(&password)),
        }
    });
    let mut m = app.model();
    match result {
        Ok(session) => super::unlock::ready(app, &mut m, session),
        Err(e) => {
            // The pending vault is gone or unusable: start again from the password form.
            discard_pending(&platform.data_dir);
            m.stage = Stage::Create;
            fail(&mut m, e)
        }
    }
}

/// Renames the pending vault over the final name, then fsyncs the directory so that the
/// rename itself survives a power cut.
fn put_in_place(from: &Path, to: &Path) -> Result<(), VaultError> {
    let io = |op: &'static str| move |e: std::io::Error| VaultError::Io { op, kind: e.kind() };
    std::fs::rename(from, to).map_err(io("rename"))?;
    if let Some(dir) = to.parent() {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io("fsync directory"))?;
    }
    Ok(())
}

/// Shared by both password forms.
pub(crate) fn password_form(app: &App, m: &Model, intro: &str, submit: &str) -> PasswordForm {
    PasswordForm {
        intro: app.t(m, intro),
        password_label: app.t(m, "field-password"),
        confirmation_label: app.t(m, "field-password-again"),
        rule: app.ta(
            m,
            "password-rule",
            &[("count", Arg::from(MIN_PASSWORD_CHARS))],
        ),
        submit: action(app, m, submit, !m.busy),
    }
}

pub(crate) fn create_view(app: &App, m: &Model) -> Screen {
    Screen::CreateVault(password_form(app, m, "create-intro", "create-submit"))
}

pub(crate) fn recovery_view(app: &App, m: &Model) -> Screen {
    let (code, checked) = match &m.stage {
        Stage::Recovery { code, checked, .. } => (code.expose().to_owned(), *checked),
        _ => (String::new(), false),
    };
    Screen::RecoveryCode(RecoveryCodeView {
        intro: app.t(m, "recovery-intro"),
        code,
        checkbox: app.t(m, "recovery-checkbox"),
        checked,
        submit: action(app, m, "recovery-continue", checked && !m.busy),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::testing::{Harness, PASSWORD};
    use crate::view::Screen;

    #[test]
    fn password_rule() {
        assert_eq!(
            password_problem("short", "short"),
            Some(ErrorCode::PasswordTooShort)
        );
        assert_eq!(
            password_problem("12345678", "12345679"),
            Some(ErrorCode::PasswordMismatch)
        );
        assert_eq!(
            password_problem("あいうえおかきく", "あいうえおかきく"),
            None
        );
        assert_eq!(
            password_problem("あいうえおかき", "あいうえおかき"),
            Some(ErrorCode::PasswordTooShort)
        );
    }

    #[test]
    fn short_password_shows_error_with_code() {
        let h = Harness::new("ja");
        h.send(Event::CreateVault {
            password: "abc".into(),
            confirmation: "abc".into(),
        });
        let v = h.app.view();
        let e = v.error.expect("error");
        assert_eq!(e.code, "E-PASSWORD-TOO-SHORT");
        assert_eq!(e.message, "パスワードは 8 文字以上にしてください。");
        assert!(matches!(v.screen, Screen::CreateVault(_)));
        assert!(!h.dir.join(VAULT_PENDING).exists());
    }

    #[test]
    fn vault_is_promoted_only_after_acknowledgement() {
        let h = Harness::new("en");
        h.send(Event::CreateVault {
            password: PASSWORD.into(),
            confirmation: PASSWORD.into(),
        });
        let v = h.app.view();
        let Screen::RecoveryCode(r) = v.screen else {
            panic!("{v:?}")
        };
        assert!(!r.code.is_empty());
        assert!(!r.submit.enabled);
        assert!(h.dir.join(VAULT_PENDING).exists());
        assert!(!h.dir.join(crate::VAULT_FILE).exists());
        // Not ticked: refused with a code, still pending.
        h.send(Event::AcknowledgeRecoveryCode);
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-RECOVERY-NOT-ACKNOWLEDGED")
        );
        assert!(!h.dir.join(crate::VAULT_FILE).exists());
        h.send(Event::RecoveryCodeSavedChecked { checked: true });
        h.send(Event::AcknowledgeRecoveryCode);
        assert!(matches!(h.app.view().screen, Screen::Accounts(_)));
        assert!(h.dir.join(crate::VAULT_FILE).exists());
        assert!(!h.dir.join(VAULT_PENDING).exists());
    }

    #[test]
    fn a_crash_before_acknowledgement_leaves_no_vault() {
        let h = Harness::new("en");
        h.send(Event::CreateVault {
            password: PASSWORD.into(),
            confirmation: PASSWORD.into(),
        });
        assert!(h.dir.join(VAULT_PENDING).exists());
        // The process dies: a new app over the same directory.
        let again = h.restart();
        assert!(matches!(again.app.view().screen, Screen::CreateVault(_)));
        assert!(!again.dir.join(VAULT_PENDING).exists());
        assert!(!again.dir.join(crate::VAULT_FILE).exists());
    }
}
