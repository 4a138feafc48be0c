//! `inkan import [--format NAME] [--partial] [--json] FILE`: reads any format core knows
//! (detected from the content unless `--format` names it), shows the plan — added, already
//! in the vault, skipped with reasons — and applies it all-or-nothing (SEC-V7). Without
//! `--partial`, one skipped item means nothing is added and the exit status is non-zero.
//! Stdin (with `--password-stdin`): line 1 the vault password, line 2 the file's.

use crate::error::CliError;
use crate::output::print_json;
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::import::{self, Format, Plan, Planned};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct ItemJson {
    position: usize,
    /// The vault entry: the new one once added, the existing one for a duplicate.
    id: Option<String>,
    issuer: Option<String>,
    account: String,
    kind: &'static str,
    /// For added items: `added`, or `duplicate-kept` when another secret has this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

#[derive(Serialize)]
struct SkipJson {
    position: usize,
    label: String,
    reason: String,
}

#[derive(Serialize)]
struct PlanJson {
    format: &'static str,
    /// True when the vault was changed (or nothing needed adding).
    applied: bool,
    added: Vec<ItemJson>,
    duplicate: Vec<ItemJson>,
    skipped: Vec<SkipJson>,
}

fn item(p: &Planned, id: Option<String>, status: Option<&'static str>) -> ItemJson {
    ItemJson {
        position: p.item.position,
        id,
        issuer: p.item.account.issuer.clone(),
        account: p.item.account.name.clone(),
        kind: p.item.account.kind.name(),
        status,
    }
}

/// Reads the file, asking for its password (stdin line 2) only when it is encrypted.
fn read(
    path: &Path,
    format: Option<&str>,
    pw: &Passwords,
) -> Result<(Format, import::Read), CliError> {
    let format = format.map(Format::from_name).transpose()?;
    let meta = std::fs::metadata(path).map_err(|e| CliError::read(path, e))?;
    if meta.len() > import::MAX_FILE_BYTES as u64 {
        return Err(import::ImportError::TooLarge {
            size: meta.len(),
            limit: import::MAX_FILE_BYTES as u64,
        }
        .into());
    }
    let bytes = zeroize::Zeroizing::new(std::fs::read(path).map_err(|e| CliError::read(path, e))?);
    match import::read(&bytes, format, None) {
        Err(e) if e.needs_password() => {
            let password = pw.other("File password")?;
            Ok(import::read(&bytes, format, Some(&password))?)
        }
        other => Ok(other?),
    }
}

fn vault_exists(opts: &VaultOpts) -> bool {
    let path = match &opts.vault {
        Some(p) => Some(p.clone()),
        None => session::default_path("vault.inkan").ok(),
    };
    path.is_some_and(|p| p.exists())
}

pub fn run(
    opts: &VaultOpts,
    file: &Path,
    format: Option<&str>,
    partial: bool,
    json: bool,
) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let (format, read) = read(file, format, &pw)?;
    if read.items.is_empty() && read.skipped.is_empty() {
        return Err(CliError::msg(
            "no accounts found in the file; nothing imported",
        ));
    }
    // The plan is made against the vault as it is; a missing vault is created only when
    // something is applied.
    let existing = vault_exists(opts);
    let mut session = if existing {
        Some(session::open(opts, &pw, false)?)
    } else {
        None
    };
    let plan = {
        let entries = session.as_ref().map(|s| s.vault.entries()).unwrap_or(&[]);
        import::plan(format, read, entries)
    };
    let refuse = !plan.skipped.is_empty() && !partial;
    let added = if !refuse && !plan.add.is_empty() {
        let mut s = match session.take() {
            Some(s) => s,
            None => session::open(opts, &pw, true)?,
        };
        let outcomes = s
            .vault
            .import_entries(plan.entries(session::now()), session::now())?;
        s.save()?;
        plan.add
            .iter()
            .zip(&outcomes)
            .map(|(p, o)| item(p, Some(o.id.to_string()), Some(o.status.name())))
            .collect()
    } else {
        plan.add.iter().map(|p| item(p, None, None)).collect()
    };
    report(&plan, added, !refuse, json)?;
    if refuse {
        return Err(CliError::msg(format!(
            "{} item(s) skipped; nothing imported. Pass --partial to import the {} valid account(s)",
            plan.skipped.len(),
            plan.add.len()
        )));
    }
    Ok(())
}

fn report(plan: &Plan, added: Vec<ItemJson>, applied: bool, json: bool) -> Result<(), CliError> {
    let duplicate: Vec<ItemJson> = plan
        .duplicate
        .iter()
        .map(|p| item(p, p.existing.map(|id| id.to_string()), None))
        .collect();
    let skipped: Vec<SkipJson> = plan
        .skipped
        .iter()
        .map(|s| SkipJson {
            position: s.position,
            label: s.label.clone(),
            reason: s.reason.clone(),
        })
        .collect();
    for s in &skipped {
        eprintln!(
            "inkan: skipped item {} ({}): {}",
            s.position, s.label, s.reason
        );
    }
    let out = PlanJson {
        format: plan.format.name(),
        applied,
        added,
        duplicate,
        skipped,
    };
    if json {
        // Scripts get the plan even when it is refused (the exit status says so).
        return Ok(print_json(&out)?);
    }
    if !applied {
        // Human output keeps the rule of every command: nothing on stdout when failing.
        return Ok(());
    }
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    writeln!(o, "format: {}", out.format)?;
    let label = |i: &ItemJson| match &i.issuer {
        Some(issuer) => format!("{issuer} ({})", i.account),
        None => i.account.clone(),
    };
    let verb = if applied { "added" } else { "would add" };
    for i in &out.added {
        writeln!(o, "item {}: {}: {verb}", i.position, label(i))?;
    }
    for i in &out.duplicate {
        writeln!(
            o,
            "item {}: {}: already in the vault; left as is",
            i.position,
            label(i)
        )?;
    }
    Ok(())
}
