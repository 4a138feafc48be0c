//! `inkan codes`: every account's current code with a countdown bar, redrawn each second
//! until Ctrl-C (or `--for`). `--json`/`--at` print once for scripts.
//!
//! The vault lock is released before the live view starts, so other inkan commands work
//! while it runs. Ctrl-C only sets a flag; the loop then restores the cursor and exits 0.

use crate::error::CliError;
use crate::output::{parse_duration, print_json, CodeJson};
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::vault::{Entry, Vault};
use inkan_core::Code;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(
    opts: &VaultOpts,
    json: bool,
    at: Option<i64>,
    duration: Option<&str>,
    query: Option<&str>,
) -> Result<(), CliError> {
    let limit = duration
        .map(|d| {
            parse_duration(d)
                .ok_or_else(|| CliError::msg(format!("--for: '{d}' is not a duration like 3s")))
        })
        .transpose()?;
    let pw = Passwords::new(opts.password_stdin)?;
    let session::Session { vault, store, .. } = session::open(opts, &pw, false)?;
    let path = store.path().to_owned();
    drop(store); // release the lock: the view only reads
                 // The measured clock offset (`inkan time`), when applied; `--at` is taken as given.
    let offset = crate::time_store::applied_offset(&path);
    if let Some(line) = crate::time_store::notice(&path, SystemClock.now_unix()) {
        eprintln!("inkan: {line}");
    }
    if json {
        let now = at.unwrap_or_else(|| SystemClock.now_unix().saturating_add(offset));
        let rows: Vec<CodeJson> = selected(&vault, query, now)
            .into_iter()
            .map(|(e, code)| CodeJson {
                id: e.id.to_string(),
                issuer: e.account.issuer.clone(),
                account: e.account.name.clone(),
                code: code.map(|c| c.text),
            })
            .collect();
        return Ok(print_json(&rows)?);
    }
    if let Some(t) = at {
        return print_frame(&render(&vault, query, t));
    }
    live(&vault, query, limit, offset)
}

fn selected<'a>(vault: &'a Vault, query: Option<&str>, now: i64) -> Vec<(&'a Entry, Option<Code>)> {
    let ids: Option<Vec<_>> = query.map(|q| vault.search(q).iter().map(|e| e.id).collect());
    vault
        .codes(now)
        .into_iter()
        .filter(|(e, _)| ids.as_ref().is_none_or(|ids| ids.contains(&e.id)))
        .collect()
}

fn group(code: &str) -> String {
    match code.len() {
        6 | 8 => {
            let (a, b) = code.split_at(code.len() / 2);
            format!("{a} {b}")
        }
        _ => code.to_owned(),
    }
}

/// One line per account: label, code, countdown bar, seconds left.
fn render(vault: &Vault, query: Option<&str>, now: i64) -> Vec<String> {
    let rows = selected(vault, query, now);
    if rows.is_empty() {
        return vec!["(no accounts)".to_owned()];
    }
    let width = rows
        .iter()
        .map(|(e, _)| e.account.label().chars().count())
        .max()
        .unwrap_or(0)
        .min(48);
    let now_u = u64::try_from(now).unwrap_or(0);
    rows.iter()
        .map(|(e, code)| {
            let label: String = e.account.label().chars().take(width).collect();
            let pad = " ".repeat(width.saturating_sub(label.chars().count()));
            match (code, e.account.period()) {
                (Some(c), Some(period)) => {
                    let left = c.remaining(now_u).unwrap_or(0);
                    let filled = usize::try_from(left * 20 / u64::from(period.max(1)))
                        .unwrap_or(20)
                        .min(20);
                    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled));
                    format!("{label}{pad}  {:<11}  {bar} {left:>3}s", group(&c.text))
                }
                _ => format!(
                    "{label}{pad}  {:<11}  (counter-based: inkan code {})",
                    "------", e.id
                ),
            }
        })
        .collect()
}

fn print_frame(lines: &[String]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// Redraws the codes every second until Ctrl-C or `limit`.
pub fn live(
    vault: &Vault,
    query: Option<&str>,
    limit: Option<Duration>,
    offset: i64,
) -> Result<(), CliError> {
    let tty = std::io::stdout().is_terminal();
    if !tty && limit.is_none() {
        // Piped without a time limit: one frame, not an endless log.
        return print_frame(&render(
            vault,
            query,
            SystemClock.now_unix().saturating_add(offset),
        ));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // If a handler is already installed (demo after add), the existing one sets no flag of
    // ours; Ctrl-C then ends the process, which is still clean for a read-only view.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let start = Instant::now();
    let mut out = std::io::stdout().lock();
    if tty {
        write!(out, "\x1b[?25l")?; // hide the cursor while redrawing
    }
    let mut drawn = 0usize;
    let mut last = None;
    let result = (|| -> Result<(), CliError> {
        loop {
            if stop.load(Ordering::SeqCst) || limit.is_some_and(|l| start.elapsed() >= l) {
                return Ok(());
            }
            let now = SystemClock.now_unix().saturating_add(offset);
            if last != Some(now) {
                let lines = render(vault, query, now);
                if tty && drawn > 0 {
                    write!(out, "\x1b[{drawn}A")?;
                }
                for l in &lines {
                    if tty {
                        write!(out, "\x1b[2K")?;
                    }
                    writeln!(out, "{l}")?;
                }
                if !tty {
                    writeln!(out)?;
                }
                out.flush()?;
                drawn = lines.len();
                last = Some(now);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    })();
    if tty {
        write!(out, "\x1b[?25h")?; // restore the cursor, whatever happened
        out.flush()?;
    }
    result
}
