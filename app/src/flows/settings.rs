//! Settings: the app lock timeout and the language (the system's, sent by the shell), and
//! the plain statement of what push approval needs today.
//!
//! The lock timeout is kept in `inkan.settings` beside the vault (one `key=value` line; not
//! a secret, and readable before the vault is open, which is when it is needed).

use std::path::Path;

use super::{action, render};
use crate::model::{Model, Page, Stage};
use crate::text::{Arg, Lang};
use crate::view::{LockChoice, Screen, SettingsView};
use crate::{App, Effect, Event};

/// The lock timeouts offered, in seconds.
pub(crate) const LOCK_CHOICES: [u32; 4] = [0, 60, 300, 1800];

/// The settings file's name in the data directory.
pub(crate) const SETTINGS_FILE: &str = "inkan.settings";
const LOCK_KEY: &str = "lock_after_secs=";

/// The saved lock timeout, when there is a valid one.
pub(crate) fn load_lock_after(dir: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(dir.join(SETTINGS_FILE)).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(LOCK_KEY))
        .and_then(|v| v.trim().parse().ok())
        .filter(|v| LOCK_CHOICES.contains(v))
}

/// Saves the lock timeout (temp file, then rename: never a half-written file).
fn save_lock_after(dir: &Path, seconds: u32) -> std::io::Result<()> {
    let tmp = dir.join(format!("{SETTINGS_FILE}.tmp"));
    std::fs::write(&tmp, format!("{LOCK_KEY}{seconds}\n"))?;
    std::fs::rename(&tmp, dir.join(SETTINGS_FILE))
}

pub(crate) fn update(app: &App, m: &mut Model, event: Event) -> Vec<Effect> {
    match event {
        Event::LanguageChanged { system_language } => {
            m.lang = Some(Lang::from_tag(&system_language));
            render()
        }
        Event::OpenSettings if matches!(m.stage, Stage::Ready) => {
            m.page = Page::Settings;
            render()
        }
        Event::SetLockTimeout { seconds } if LOCK_CHOICES.contains(&seconds) => {
            if save_lock_after(&app.platform().data_dir, seconds).is_err() {
                return super::fail(m, crate::text::ErrorCode::VaultStorage);
            }
            m.lock_after_secs = seconds;
            render()
        }
        _ => Vec::new(),
    }
}

fn choice_label(app: &App, m: &Model, seconds: u32) -> String {
    if seconds == 0 {
        app.t(m, "lock-immediately")
    } else {
        app.ta(
            m,
            "lock-minutes",
            &[("count", Arg::from(u64::from(seconds / 60)))],
        )
    }
}

pub(crate) fn view(app: &App, m: &Model) -> Screen {
    Screen::Settings(SettingsView {
        lock_label: app.t(m, "lock-after"),
        lock_choices: LOCK_CHOICES
            .iter()
            .map(|&seconds| LockChoice {
                seconds,
                label: choice_label(app, m, seconds),
                selected: seconds == m.lock_after_secs,
            })
            .collect(),
        lock_now: action(app, m, "lock-now", true),
        push_note: app.t(m, "push-needs-app"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::testing::Harness;

    #[test]
    fn lock_choices_and_language_switch() {
        let h = Harness::new("en-US");
        h.create_vault();
        h.send(Event::OpenSettings);
        let Screen::Settings(s) = h.app.view().screen else {
            panic!()
        };
        let labels: Vec<_> = s.lock_choices.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Immediately", "1 minute", "5 minutes", "30 minutes"]
        );
        assert!(s.lock_choices[1].selected, "one minute by default");
        h.send(Event::LanguageChanged {
            system_language: "ja-JP".into(),
        });
        h.send(Event::SetLockTimeout { seconds: 300 });
        let v = h.app.view();
        assert_eq!(v.language, "ja");
        assert_eq!(v.title, "設定");
        let Screen::Settings(s) = v.screen else {
            panic!()
        };
        assert_eq!(s.lock_choices[2].label, "5 分");
        assert!(s.lock_choices[2].selected);
        h.send(Event::SetLockTimeout { seconds: 7 });
        let h = h.restart();
        h.send(Event::UnlockWithPassword {
            password: crate::scripted::PASSWORD.into(),
        });
        h.send(Event::OpenSettings);
        let Screen::Settings(s) = h.app.view().screen else {
            panic!()
        };
        assert!(
            s.lock_choices[2].selected,
            "kept across a restart; 7 s is not a choice"
        );
    }
}
