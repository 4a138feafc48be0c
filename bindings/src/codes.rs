//! Codes at an instant: `codes_at` for a given time, `CodeGenerator` for "now" by the
//! app's `Clock`. The computation is core's (`inkan_core::codes`); this converts.

use std::sync::Arc;

use crate::account::Account;
use crate::error::InkanError;
use crate::platform::Clock;

/// A code and its countdown (mirrors `inkan_core::codes::CodeAt`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Code {
    /// What the user types: digits, or Steam's characters.
    pub text: String,
    /// Time-based codes: the Unix second the code became valid.
    pub valid_from: Option<u64>,
    /// Time-based codes: the Unix second the next code takes over (exclusive).
    pub valid_until: Option<u64>,
    /// Time-based codes: seconds until the next code, at the instant asked for.
    pub remaining_seconds: Option<u64>,
}

impl From<inkan_core::codes::CodeAt> for Code {
    fn from(at: inkan_core::codes::CodeAt) -> Self {
        Self {
            text: at.code.text.clone(),
            valid_from: at.code.valid_from,
            valid_until: at.code.valid_until,
            remaining_seconds: at.remaining,
        }
    }
}

fn core_accounts(accounts: &[Arc<Account>]) -> impl Iterator<Item = &inkan_core::Account> {
    accounts.iter().map(|account| &account.inner)
}

/// The codes of `accounts` at `unix_seconds`, in the same order. Fails (`InvalidInput`)
/// when the time is before 1970.
#[uniffi::export]
pub fn codes_at(accounts: Vec<Arc<Account>>, unix_seconds: i64) -> Result<Vec<Code>, InkanError> {
    let codes = inkan_core::codes::codes_at(core_accounts(&accounts), unix_seconds)?;
    Ok(codes.into_iter().map(Code::from).collect())
}

/// Computes codes for "now" as told by the app's `Clock` (a server-synchronised or test
/// clock). Safe to share between threads.
#[derive(uniffi::Object)]
pub struct CodeGenerator {
    clock: Arc<dyn Clock>,
}

#[uniffi::export]
impl CodeGenerator {
    /// A generator reading time from `clock`.
    #[uniffi::constructor]
    pub fn new(clock: Arc<dyn Clock>) -> Arc<Self> {
        Arc::new(Self { clock })
    }

    /// The codes of `accounts` now, all from one reading of the clock.
    pub fn codes(&self, accounts: Vec<Arc<Account>>) -> Result<Vec<Code>, InkanError> {
        // No lock is held here: the foreign clock may take its time or call back into Rust.
        let now = self.clock.now_unix().map_err(|e| e.into_clock_error())?;
        codes_at(accounts, now)
    }
}
