//! Backup and restore: an encrypted backup (a vault file with one password slot, core
//! `export_backup`) saved where the user picks; restoring opens a picked backup with its
//! password and imports every entry, all or nothing, never overwriting (SEC-V6, SEC-V7).

use inkan_core::secret::SecretString;
use inkan_core::vault::{export_backup, import_backup, AddStatus, VaultError};

use super::first_start::{password_form, password_problem};
use super::{action, fail, render};
use crate::model::{locked, Model, Page, Stage};
use crate::text::ErrorCode;
use crate::view::{BackupView, Screen};
use crate::{App, Effect, Event, FilePurpose, Job};

/// The suggested file name of a backup.
pub(crate) const BACKUP_NAME: &str = "inkan-backup.inkan";

pub(crate) fn update(_app: &App, m: &mut Model, event: Event) -> Vec<Effect> {
    if !matches!(m.stage, Stage::Ready) {
        return Vec::new();
    }
    match event {
        Event::OpenBackup => {
            m.page = Page::Backup;
            render()
        }
        Event::ExportBackup {
            password,
            confirmation,
        } => {
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
                    job: Job::ExportBackup,
                },
            ]
        }
        Event::RestoreBackup => vec![Effect::PickFile {
            purpose: FilePurpose::Backup,
        }],
        Event::RestorePassword { password } if m.jobs.backup.is_some() => {
            m.jobs.password = Some(SecretString::new(password));
            m.busy = true;
            vec![
                Effect::Render,
                Effect::Run {
                    job: Job::RestoreBackup,
                },
            ]
        }
        _ => Vec::new(),
    }
}

pub(crate) fn file_picked(m: &mut Model, bytes: Vec<u8>) -> Vec<Effect> {
    if !matches!(m.stage, Stage::Ready) {
        return Vec::new();
    }
    m.jobs.backup = Some(bytes);
    m.restore_waiting = true;
    m.page = Page::Backup;
    render()
}

pub(crate) fn run(app: &App, job: Job) -> Vec<Effect> {
    let (password, session, backup) = {
        let mut m = app.model();
        let backup = if job == Job::RestoreBackup {
            m.jobs.backup.take()
        } else {
            None
        };
        (m.jobs.password.take(), m.session.clone(), backup)
    };
    let (Some(password), Some(session)) = (password, session) else {
        return Vec::new();
    };
    match job {
        Job::ExportBackup => {
            let entries = locked(&session).entries().to_vec();
            let sealed = export_backup(&entries, &password, app.platform().kdf);
            let mut m = app.model();
            match sealed {
                Ok(bytes) => {
                    m.notice = Some((
                        "notice-backup-ready",
                        i64::try_from(entries.len()).unwrap_or(0),
                    ));
                    vec![
                        Effect::SaveFile {
                            name: BACKUP_NAME.to_owned(),
                            bytes,
                        },
                        Effect::Render,
                    ]
                }
                Err(e) => fail(&mut m, e),
            }
        }
        Job::RestoreBackup => {
            let Some(bytes) = backup else {
                return Vec::new();
            };
            let entries = match import_backup(&bytes, &password) {
                Ok(entries) => entries,
                Err(VaultError::WrongPassword) => {
                    let mut m = app.model();
                    m.jobs.backup = Some(bytes);
                    return fail(&mut m, ErrorCode::BackupWrongPassword);
                }
                Err(_) => {
                    let mut m = app.model();
                    m.restore_waiting = false;
                    return fail(&mut m, ErrorCode::BackupInvalid);
                }
            };
            let imported = locked(&session).import_entries(entries, app.now());
            let mut m = app.model();
            m.restore_waiting = false;
            match imported {
                Ok(outcomes) => {
                    let added = outcomes
                        .iter()
                        .filter(|o| o.status != AddStatus::Existing)
                        .count();
                    m.notice = Some(("notice-restored", i64::try_from(added).unwrap_or(0)));
                    m.page = Page::Accounts;
                    render()
                }
                Err(e) => fail(&mut m, e),
            }
        }
        _ => Vec::new(),
    }
}

pub(crate) fn view(app: &App, m: &Model) -> Screen {
    Screen::Backup(BackupView {
        intro: app.t(m, "backup-intro"),
        export: password_form(app, m, "backup-export-intro", "backup-export"),
        restore: action(app, m, "backup-restore", !m.busy),
        restore_password_label: m
            .restore_waiting
            .then(|| app.t(m, "backup-restore-password")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::testing::Harness;

    #[test]
    fn wrong_backup_password_keeps_the_file_for_another_try() {
        let h = Harness::new("en");
        h.create_vault();
        h.send(Event::LinkOpened {
            link: "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A".into(),
        });
        h.send(Event::ConfirmAdd);
        h.send(Event::OpenBackup);
        h.send(Event::ExportBackup {
            password: "backup pass".into(),
            confirmation: "backup pass".into(),
        });
        let saved = h.take_effects().into_iter().find_map(|e| match e {
            Effect::SaveFile { bytes, name } => Some((name, bytes)),
            _ => None,
        });
        let (name, bytes) = saved.expect("a file to save");
        assert_eq!(name, BACKUP_NAME);
        h.send(Event::FilePicked {
            purpose: FilePurpose::Backup,
            bytes,
        });
        h.send(Event::RestorePassword {
            password: "wrong pass".into(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-BACKUP-WRONG-PASSWORD")
        );
        h.send(Event::RestorePassword {
            password: "backup pass".into(),
        });
        assert_eq!(h.app.view().notice.as_deref(), Some("Restored 0 accounts."));
        h.send(Event::FilePicked {
            purpose: FilePurpose::Backup,
            bytes: b"garbage".to_vec(),
        });
        h.send(Event::RestorePassword {
            password: "backup pass".into(),
        });
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-BACKUP-INVALID")
        );
    }
}
