//! `inkan resync NAME CODE1 CODE2`: HOTP look-ahead resynchronisation (core
//! `Vault::resync_hotp`); the counter is saved before anything is printed.

use crate::error::CliError;
use crate::session::{self, Passwords, VaultOpts};
use std::io::Write;

pub fn run(
    opts: &VaultOpts,
    name: &str,
    first: &str,
    second: &str,
    json: bool,
) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let id = s.vault.find(name)?.id;
    let Some(counter) = s.vault.resync_hotp(id, first, second, &s.store)? else {
        return Err(CliError::msg(
            "these two codes do not follow each other within 100 counters ahead; nothing changed",
        ));
    };
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::json!({ "counter": counter }))?;
    } else {
        writeln!(out, "resynchronised: the next code uses counter {counter}")?;
    }
    Ok(())
}
