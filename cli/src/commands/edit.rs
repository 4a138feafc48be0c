//! `inkan rename` and `inkan move`: change how an account is shown and where it is listed.

use crate::error::CliError;
use crate::session::{self, Passwords, VaultOpts};
use std::io::Write;

pub fn rename(
    opts: &VaultOpts,
    name: &str,
    issuer: Option<String>,
    account: Option<String>,
) -> Result<(), CliError> {
    if issuer.is_none() && account.is_none() {
        return Err(CliError::msg(
            "nothing to change: pass --issuer and/or --account",
        ));
    }
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let e = s.vault.find(name)?;
    let id = e.id;
    let issuer = issuer.or_else(|| e.account.issuer.clone());
    let account = account.unwrap_or_else(|| e.account.name.clone());
    s.vault.rename(id, issuer, account)?;
    s.save()?;
    let label = s
        .vault
        .entry(id)
        .map(|e| e.account.label())
        .unwrap_or_default();
    writeln!(std::io::stdout().lock(), "renamed [{id}] to {label}")?;
    Ok(())
}

pub fn move_to(opts: &VaultOpts, name: &str, position: usize) -> Result<(), CliError> {
    if position == 0 {
        return Err(CliError::msg("positions start at 1"));
    }
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let id = s.vault.find(name)?.id;
    s.vault.move_to(id, position - 1)?;
    s.save()?;
    let at = s
        .vault
        .entries()
        .iter()
        .position(|e| e.id == id)
        .map_or(0, |i| i + 1);
    writeln!(std::io::stdout().lock(), "moved [{id}] to position {at}")?;
    Ok(())
}
