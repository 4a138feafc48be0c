//! `inkan remove`: delete an account after confirmation (SEC-V4: deleting asks).

use crate::error::CliError;
use crate::session::{self, Passwords, VaultOpts};
use std::io::{BufRead, IsTerminal, Write};

/// Asks a yes/no question on the terminal; `false` unless the answer starts with y.
pub fn confirm(question: &str) -> Result<bool, CliError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::msg(format!(
            "{question} — no terminal to ask; pass --yes to confirm"
        )));
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(answer.trim().to_lowercase().starts_with('y'))
}

pub fn run(opts: &VaultOpts, name: &str, yes: bool) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let entry = s.vault.find(name)?;
    let (id, label) = (entry.id, entry.account.label());
    if !yes
        && !confirm(&format!(
            "Remove {label} [{id}]? You lose its codes unless the site lets you re-enroll."
        ))?
    {
        return Err(CliError::msg("not removed"));
    }
    s.vault.remove(id)?;
    s.save()?;
    writeln!(std::io::stdout().lock(), "removed {label} [{id}]")?;
    Ok(())
}
