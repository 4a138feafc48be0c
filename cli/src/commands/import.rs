//! `inkan import`: inkan backups, Aegis exports and text files of links. The whole file
//! is validated before the vault changes; any per-item problem stops the import unless
//! `--partial` is given (SEC-V7).

use crate::error::CliError;
use crate::output::print_added;
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::vault::{import_backup, Entry, VaultError, MAGIC};
use inkan_core::{aegis, text::parse_accounts, Account};
use std::path::Path;

/// Largest file read for import.
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

fn entry(account: Account, note: String) -> Entry {
    // The id is replaced on import; only account, note, icon and creation time carry over.
    Entry {
        id: inkan_core::vault::EntryId([0; 8]),
        account,
        icon: None,
        note,
        created: session::now(),
        last_used: None,
    }
}

/// Reads and validates the file: importable entries plus a line per problem.
fn read(path: &Path, pw: &Passwords) -> Result<(Vec<Entry>, Vec<String>), CliError> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(CliError::msg(format!(
            "{} is larger than 64 MiB",
            path.display()
        )));
    }
    let bytes = zeroize::Zeroizing::new(std::fs::read(path)?);
    if bytes.starts_with(MAGIC) {
        let password = pw.other("Backup password")?;
        let entries = import_backup(&bytes, &password).map_err(|e| match e {
            VaultError::WrongPassword => CliError::msg("wrong password for the backup"),
            other => other.into(),
        })?;
        return Ok((entries, Vec::new()));
    }
    if aegis::looks_like_aegis(&bytes) {
        let needs_password = matches!(
            aegis::parse(&bytes, None),
            Err(aegis::AegisError::PasswordRequired)
        );
        let password = if needs_password {
            Some(pw.other("Aegis password")?)
        } else {
            None
        };
        let import = aegis::parse(&bytes, password.as_ref())?;
        let problems = import
            .skipped
            .iter()
            .map(|s| format!("entry {} ({}): {}", s.index + 1, s.label, s.reason))
            .collect();
        let entries = import
            .items
            .into_iter()
            .map(|i| entry(i.account, i.note))
            .collect();
        return Ok((entries, problems));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        CliError::msg("not an inkan backup, an Aegis export or a text file of otpauth:// links")
    })?;
    let (mut entries, mut problems) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_accounts(line) {
            Ok(parsed) => {
                entries.extend(parsed.accounts.into_iter().map(|a| entry(a, String::new())));
                problems.extend(
                    parsed
                        .skipped
                        .iter()
                        .map(|s| format!("line {}: item {}: {}", n + 1, s.index, s.reason)),
                );
            }
            // The error names the problem, never the line's content (it holds a secret).
            Err(e) => problems.push(format!("line {}: {e}", n + 1)),
        }
    }
    Ok((entries, problems))
}

pub fn run(opts: &VaultOpts, file: &Path, partial: bool, json: bool) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let (entries, problems) = read(file, &pw)?;
    for p in &problems {
        eprintln!("inkan: problem: {p}");
    }
    if !problems.is_empty() && !partial {
        return Err(CliError::msg(format!(
            "{} problem(s) found; nothing imported. Pass --partial to import the {} valid account(s)",
            problems.len(),
            entries.len()
        )));
    }
    if entries.is_empty() {
        return Err(CliError::msg(
            "no accounts found in the file; nothing imported",
        ));
    }
    let mut s = session::open(opts, &pw, true)?;
    let outcomes = s.vault.import_entries(entries, session::now())?;
    s.save()?;
    print_added(&s.vault, &outcomes, json)?;
    Ok(())
}
