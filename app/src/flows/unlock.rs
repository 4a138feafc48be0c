//! Unlock: the keystore at start, the password when the keystore cannot, the recovery code
//! when the password is lost (then a new password before anything else), and the app lock
//! after the timeout chosen in the settings.
//!
//! After a password or recovery-code unlock the vault gets a new keystore slot, so the next
//! start opens without a password; when the keystore refuses, the app goes on and says the
//! password will be asked again (one rule, once: both shells had it).

use std::sync::{Arc, Mutex};

use inkan_core::keystore::Keystore;
use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, Session, VaultError};

use super::first_start::{password_form, password_problem};
use super::{action, fail, render};
use crate::model::{locked, Model, Page, Stage};
use crate::text::ErrorCode;
use crate::view::{Screen, UnlockView};
use crate::{App, Effect, Event, Job};

/// Lock timeout when the user never chose one: one minute in the background.
pub(crate) const DEFAULT_LOCK_AFTER_SECS: u32 = 60;

pub(crate) fn update(app: &App, m: &mut Model, event: Event) -> Vec<Effect> {
    match event {
        Event::UnlockWithKeystore if is_locked(m) && app.platform().keystore.is_some() => {
            m.busy = true;
            vec![
                Effect::Render,
                Effect::Run {
                    job: Job::OpenWithKeystore,
                },
            ]
        }
        Event::UnlockWithPassword { password } if is_locked(m) => {
            m.jobs.password = Some(SecretString::new(password));
            m.busy = true;
            vec![
                Effect::Render,
                Effect::Run {
                    job: Job::OpenWithPassword,
                },
            ]
        }
        Event::ForgotPassword if is_locked(m) => {
            m.stage = Stage::Locked { recovery: true };
            render()
        }
        Event::UnlockWithRecoveryCode { code } if is_locked(m) => {
            m.jobs.password = Some(SecretString::new(code));
            m.busy = true;
            vec![
                Effect::Render,
                Effect::Run {
                    job: Job::OpenWithRecoveryCode,
                },
            ]
        }
        Event::SetNewPassword {
            password,
            confirmation,
        } if matches!(m.stage, Stage::NewPassword { .. }) => {
            let (password, confirmation) =
                (SecretString::new(password), SecretString::new(confirmation));
            if let Some(problem) = password_problem(password.expose(), confirmation.expose()) {
                return fail(m, problem);
            }
            m.jobs.password = Some(password);
            m.busy = true;
            vec![
                Effect::Render,
                Effect::Run {
                    job: Job::SetNewPassword,
                },
            ]
        }
        Event::LockNow if matches!(m.stage, Stage::Ready) => {
            m.lock();
            vec![Effect::StopCamera, Effect::Render]
        }
        Event::Backgrounded => {
            m.backgrounded_at = Some(app.platform().monotonic.now_ms());
            if matches!(m.stage, Stage::Ready) && m.lock_after_secs == 0 {
                m.lock();
                return vec![Effect::StopCamera, Effect::Render];
            }
            // The camera never stays open behind another app.
            if m.page == Page::Scan {
                return vec![Effect::StopCamera];
            }
            Vec::new()
        }
        Event::Foregrounded => {
            // Monotonic time: setting the phone's clock back does not keep the app open.
            let now_ms = app.platform().monotonic.now_ms();
            let away_ms = m.backgrounded_at.take().map(|t| now_ms.saturating_sub(t));
            if matches!(m.stage, Stage::Ready)
                && away_ms.is_some_and(|ms| ms >= u64::from(m.lock_after_secs) * 1000)
            {
                m.lock();
                if app.platform().keystore.is_some() {
                    m.busy = true;
                    return vec![
                        Effect::Render,
                        Effect::Run {
                            job: Job::OpenWithKeystore,
                        },
                    ];
                }
                return render();
            }
            let mut effects = vec![Effect::Render, Effect::ScheduleTick { after_ms: 0 }];
            if m.page == Page::Scan {
                effects.push(Effect::StartCamera);
            }
            effects
        }
        _ => Vec::new(),
    }
}

fn is_locked(m: &Model) -> bool {
    matches!(m.stage, Stage::Locked { .. })
}

pub(crate) fn run(app: &App, job: Job) -> Vec<Effect> {
    let platform = app.platform();
    let path = platform.vault_path();
    match job {
        Job::OpenWithKeystore => {
            let Some(ks) = platform.keystore.as_deref() else {
                return Vec::new();
            };
            let opened = Session::open(&path, Credential::Keystore(ks));
            let mut m = app.model();
            match opened {
                Ok(session) => ready(app, &mut m, session),
                Err(e) => {
                    m.stage = Stage::Locked { recovery: false };
                    // A cancelled prompt or a new fingerprint: the password still opens it.
                    let code = ErrorCode::from(&e);
                    fail(
                        &mut m,
                        if code == ErrorCode::VaultInUse {
                            code
                        } else {
                            ErrorCode::KeystoreUnavailable
                        },
                    )
                }
            }
        }
        Job::OpenWithPassword => {
            let Some(password) = app.model().jobs.password.take() else {
                return Vec::new();
            };
            match Session::open(&path, Credential::Password(&password)) {
                Ok(session) => {
                    let notice = renew_keystore_slot(app, &session_handle(session));
                    finish_unlock(app, notice)
                }
                Err(e) => fail(&mut app.model(), e),
            }
        }
        Job::OpenWithRecoveryCode => {
            let Some(code) = app.model().jobs.password.take() else {
                return Vec::new();
            };
            let opened = Session::open(&path, Credential::RecoveryCode(&code));
            let mut m = app.model();
            match opened {
                Ok(session) => {
                    m.stage = Stage::NewPassword {
                        session: session_handle(session),
                    };
                    render()
                }
                Err(VaultError::WrongPassword) => fail(&mut m, ErrorCode::VaultWrongRecoveryCode),
                Err(e) => fail(&mut m, e),
            }
        }
        Job::SetNewPassword => {
            let (password, session) = {
                let mut m = app.model();
                let session = match &m.stage {
                    Stage::NewPassword { session } => session.clone(),
                    _ => return Vec::new(),
                };
                (m.jobs.password.take(), session)
            };
            let Some(password) = password else {
                return Vec::new();
            };
            let changed = locked(&session).change_password(&password, platform.kdf);
            if let Err(e) = changed {
                return fail(&mut app.model(), e);
            }
            let notice = renew_keystore_slot(app, &session);
            let mut m = app.model();
            m.stage = Stage::Ready;
            m.session = Some(session);
            let effects = after_ready(app, &mut m);
            if let Some(n) = notice {
                m.notice = Some((n, 0));
            }
            effects
        }
        _ => Vec::new(),
    }
}

fn session_handle(session: Session) -> Arc<Mutex<Session>> {
    Arc::new(Mutex::new(session))
}

fn finish_unlock(app: &App, notice: Option<&'static str>) -> Vec<Effect> {
    let mut m = app.model();
    let effects = after_ready(app, &mut m);
    if let Some(n) = notice {
        m.notice = Some((n, 0));
    }
    effects
}

/// Gives the vault a new keystore slot (the old one and its key go). Returns a notice key
/// when the keystore refused: the vault stays open, the password opens it next time.
fn renew_keystore_slot(app: &App, session: &Arc<Mutex<Session>>) -> Option<&'static str> {
    app.model().session = Some(session.clone());
    let ks: &dyn Keystore = app.platform().keystore.as_deref()?;
    // The keystore is called without holding the vault's lock (STYLE §3).
    let snapshot = locked(session).snapshot();
    let slot = match snapshot.prepare_keystore_slot(ks) {
        Ok(slot) => slot,
        Err(_) => return Some("notice-keystore-not-renewed"),
    };
    drop(snapshot);
    let replaced = locked(session).use_keystore_slot(slot);
    match replaced {
        Ok(old) => {
            for key in old {
                let _ = ks.delete_key(&key);
            }
            None
        }
        Err(_) => Some("notice-keystore-not-renewed"),
    }
}

/// The vault is open: show the accounts, or the link that waited for the unlock.
pub(crate) fn ready(app: &App, m: &mut Model, session: Session) -> Vec<Effect> {
    m.session = Some(session_handle(session));
    after_ready(app, m)
}

fn after_ready(app: &App, m: &mut Model) -> Vec<Effect> {
    m.stage = Stage::Ready;
    m.page = Page::Accounts;
    let mut effects = vec![Effect::Render, Effect::ScheduleTick { after_ms: 1000 }];
    if let Some(link) = m.pending_link.take() {
        effects.extend(super::add::route(app, m, link));
    }
    effects
}

pub(crate) fn view(app: &App, m: &Model) -> Screen {
    let recovery = matches!(m.stage, Stage::Locked { recovery: true });
    let (intro, field, submit) = if recovery {
        (
            "unlock-recovery-intro",
            "field-recovery-code",
            "unlock-recovery-submit",
        )
    } else {
        ("unlock-intro", "field-password", "unlock-submit")
    };
    Screen::Unlock(UnlockView {
        recovery,
        intro: app.t(m, intro),
        field_label: app.t(m, field),
        submit: action(app, m, submit, !m.busy),
        forgot: (!recovery).then(|| action(app, m, "unlock-forgot", !m.busy)),
        keystore: (app.platform().keystore.is_some() && !recovery)
            .then(|| action(app, m, "unlock-keystore", !m.busy)),
        pending_link: m
            .pending_link
            .is_some()
            .then(|| app.t(m, "unlock-pending-link")),
    })
}

pub(crate) fn new_password_view(app: &App, m: &Model) -> Screen {
    Screen::NewPassword(password_form(
        app,
        m,
        "new-password-intro",
        "new-password-submit",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::testing::{Harness, PASSWORD};

    fn locked_app(lang: &str) -> (Harness, String) {
        let h = Harness::new(lang);
        let code = h.create_vault();
        // A new process with a new keystore: the old slot cannot open the vault.
        (h.restart(), code)
    }

    #[test]
    fn keystore_opens_at_start() {
        let h = Harness::new("en");
        h.create_vault();
        h.send(Event::LockNow);
        assert!(matches!(h.app.view().screen, Screen::Unlock(_)));
        h.send(Event::UnlockWithKeystore);
        assert!(matches!(h.app.view().screen, Screen::Accounts(_)));
    }

    #[test]
    fn wrong_password_then_right_password() {
        let (h, _) = locked_app("ja");
        let v = h.app.view();
        assert_eq!(
            v.error.map(|e| e.code).as_deref(),
            Some("E-KEYSTORE-UNAVAILABLE")
        );
        h.send(Event::UnlockWithPassword {
            password: "wrong password".into(),
        });
        let v = h.app.view();
        let e = v.error.expect("error");
        assert_eq!(e.code, "E-VAULT-WRONG-PASSWORD");
        assert_eq!(e.message, "パスワードが違います。");
        h.send(Event::UnlockWithPassword {
            password: PASSWORD.into(),
        });
        assert!(matches!(h.app.view().screen, Screen::Accounts(_)));
        // The keystore slot was renewed: the next start opens without a password.
        h.send(Event::LockNow);
        h.send(Event::UnlockWithKeystore);
        assert!(matches!(h.app.view().screen, Screen::Accounts(_)));
    }

    #[test]
    fn recovery_code_requires_a_new_password() {
        let (h, code) = locked_app("en");
        h.send(Event::ForgotPassword);
        h.send(Event::UnlockWithRecoveryCode {
            code: "AAAA-BBBB".into(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-VAULT-WRONG-RECOVERY-CODE")
        );
        h.send(Event::UnlockWithRecoveryCode {
            code: code.to_lowercase(),
        });
        assert!(matches!(h.app.view().screen, Screen::NewPassword(_)));
        h.send(Event::SetNewPassword {
            password: "new password 1".into(),
            confirmation: "new password 2".into(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-PASSWORD-MISMATCH")
        );
        h.send(Event::SetNewPassword {
            password: "new password 1".into(),
            confirmation: "new password 1".into(),
        });
        assert!(matches!(h.app.view().screen, Screen::Accounts(_)));
        // The old password no longer opens it; the new one does.
        let h = h.restart();
        h.send(Event::UnlockWithPassword {
            password: PASSWORD.into(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-VAULT-WRONG-PASSWORD")
        );
        h.send(Event::UnlockWithPassword {
            password: "new password 1".into(),
        });
        assert!(matches!(h.app.view().screen, Screen::Accounts(_)));
    }

    #[test]
    fn app_locks_after_the_timeout_in_the_background() {
        let h = Harness::without_keystore("en");
        h.create_vault();
        h.send(Event::SetLockTimeout { seconds: 60 });
        h.send(Event::Backgrounded);
        h.wait(59);
        h.send(Event::Foregrounded);
        assert!(
            matches!(h.app.view().screen, Screen::Accounts(_)),
            "59 s: still open"
        );
        h.send(Event::Backgrounded);
        // The phone's clock is set back an hour meanwhile: the lock still counts 60 s.
        h.wait(60);
        h.clock.set(h.now() - 3600);
        h.send(Event::Foregrounded);
        assert!(
            matches!(h.app.view().screen, Screen::Unlock(_)),
            "60 s: locked"
        );
    }
}
