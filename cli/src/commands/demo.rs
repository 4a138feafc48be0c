//! `inkan demo`: the main job on a bundled sample. First run creates a vault from
//! `samples/accounts.txt` (default: `demo.inkan` in the user data directory, password
//! `inkan-demo`); every run shows the live codes for a bounded time, non-interactively.

use super::codes;
use crate::error::CliError;
use crate::output::parse_duration;
use crate::session::{self, kdf_params, VaultOpts};
use inkan_core::secret::SecretString;
use inkan_core::text::parse_accounts;
use inkan_core::vault::{Credential, Vault, VaultStore};

const SAMPLE: &str = include_str!("../../../samples/accounts.txt");
/// The demo vault's password (it holds only the published sample secrets).
pub const DEMO_PASSWORD: &str = "inkan-demo";

pub fn run(opts: &VaultOpts, duration: &str) -> Result<(), CliError> {
    let limit = parse_duration(duration)
        .ok_or_else(|| CliError::msg(format!("--for: '{duration}' is not a duration like 5s")))?;
    let password = SecretString::new(DEMO_PASSWORD.to_owned());
    let (store, path) = session::open_store(opts, "demo.inkan", true)?;
    let vault = match store.load()? {
        Some(bytes) => Vault::unlock(&bytes, Credential::Password(&password))?,
        None => {
            let mut vault = Vault::create(&password, kdf_params())?.vault;
            let mut accounts = Vec::new();
            for line in SAMPLE
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                accounts.extend(parse_accounts(line)?.accounts);
            }
            let n = vault.add_all(accounts, session::now())?.len();
            vault.save(&store)?;
            eprintln!(
                "inkan: created demo vault {} with {n} sample accounts (password: {DEMO_PASSWORD})",
                path.display()
            );
            vault
        }
    };
    drop(store);
    eprintln!(
        "inkan: live codes for {duration} (Ctrl-C stops). Same vault later: inkan --vault {} codes",
        path.display()
    );
    codes::live(&vault, None, Some(limit), 0)
}
