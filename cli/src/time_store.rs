//! The last clock offset inkan measured (`inkan time`, push polls), kept beside the vault as
//! `<vault>.time.json`: not secret, and no worse than the system clock it corrects. Codes
//! use it only when it was applied (within the user's bound, or confirmed with `--apply`).

use inkan_core::clock_offset::{TimeOffset, NOTICE_OVER_S};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What is stored, and what `inkan time --json` prints.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stored {
    pub offset_s: i64,
    pub source: String,
    pub measured_at: i64,
    /// True when codes use it.
    pub applied: bool,
}

fn file(vault: &Path) -> PathBuf {
    let mut p = vault.as_os_str().to_owned();
    p.push(".time.json");
    PathBuf::from(p)
}

/// The vault path the commands would open (`--vault` or the default).
pub fn vault_path(opts: &crate::session::VaultOpts) -> Option<PathBuf> {
    match &opts.vault {
        Some(p) => Some(p.clone()),
        None => crate::session::default_path("vault.inkan").ok(),
    }
}

pub fn load(vault: &Path) -> Option<Stored> {
    let text = std::fs::read_to_string(file(vault)).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn save(vault: &Path, m: &TimeOffset, applied: bool) -> Stored {
    let stored = Stored {
        offset_s: m.offset_s,
        source: m.source.clone(),
        measured_at: m.measured_at,
        applied,
    };
    if let Ok(text) = serde_json::to_string(&stored) {
        // Best effort: a measurement that cannot be kept is still printed.
        let _ = std::fs::write(file(vault), text);
    }
    stored
}

/// Seconds to add to the system clock for codes (0 without an applied measurement).
pub fn applied_offset(vault: &Path) -> i64 {
    load(vault).filter(|s| s.applied).map_or(0, |s| s.offset_s)
}

/// The line `inkan codes` shows when the clock is noticeably off.
pub fn notice(vault: &Path, now: i64) -> Option<String> {
    let s = load(vault)?;
    if s.offset_s.abs() <= NOTICE_OVER_S {
        return None;
    }
    let way = if s.offset_s > 0 { "behind" } else { "ahead of" };
    let age = now.saturating_sub(s.measured_at).max(0) / 60;
    Some(if s.applied {
        format!(
            "clock: this computer is {} s {way} {} (measured {age} min ago); codes use the corrected time",
            s.offset_s.abs(),
            s.source
        )
    } else {
        format!(
            "clock: this computer is {} s {way} {} (measured {age} min ago); codes do NOT use it: `inkan time --from URL --apply` to use the corrected time",
            s.offset_s.abs(),
            s.source
        )
    })
}
