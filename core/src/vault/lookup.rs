//! Finding entries (search, by id or name) and reading their codes, including the one
//! place a code consumes state: HOTP, whose counter is saved before the code is returned.

use super::entry::Entry;
use super::error::VaultError;
use super::store::VaultStore;
use super::unlocked::Vault;
use super::EntryId;
use crate::account::OtpKind;
use crate::otp::{self, Code};

impl Vault {
    /// Entries whose issuer, account name or note contains `query` (case-insensitive).
    pub fn search(&self, query: &str) -> Vec<&Entry> {
        let q = query.to_lowercase();
        self.entries
            .iter()
            .filter(|e| {
                e.account
                    .issuer
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains(&q)
                    || e.account.name.to_lowercase().contains(&q)
                    || e.note.to_lowercase().contains(&q)
            })
            .collect()
    }

    /// The one entry `query` names: its id, or an exact `issuer:account`, label, issuer or
    /// account name (case-insensitive), or else a unique `search` hit.
    pub fn find(&self, query: &str) -> Result<&Entry, VaultError> {
        if let Ok(id) = query.parse::<EntryId>() {
            if let Some(e) = self.entry(id) {
                return Ok(e);
            }
        }
        let q = query.trim().to_lowercase();
        let exact: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| {
                let issuer = e.account.issuer.as_deref().unwrap_or("").to_lowercase();
                let name = e.account.name.to_lowercase();
                q == format!("{issuer}:{name}")
                    || q == e.account.label().to_lowercase()
                    || q == issuer
                    || q == name
            })
            .collect();
        let hits = if exact.is_empty() {
            self.search(query)
        } else {
            exact
        };
        match hits.as_slice() {
            [one] => Ok(one),
            [] => Err(VaultError::NotFound),
            many => Err(VaultError::Ambiguous { count: many.len() }),
        }
    }

    /// Codes of every time-based entry at `now`, in display order. HOTP entries yield
    /// `None`: showing one would consume a counter value, which only `use_code` does.
    pub fn codes(&self, now: i64) -> Vec<(&Entry, Option<Code>)> {
        self.entries
            .iter()
            .map(|e| {
                let code = match e.account.kind {
                    OtpKind::Hotp { .. } => None,
                    _ => otp::generate(&e.account, now).ok(),
                };
                (e, code)
            })
            .collect()
    }

    /// The code of one entry for the user to type now. For HOTP the counter advances and the
    /// vault is saved through `store` *before* the code is returned (SEC-V4), so a crash
    /// can never show the same counter value twice. Records the time of use.
    pub fn use_code(
        &mut self,
        id: EntryId,
        now: i64,
        store: &dyn VaultStore,
    ) -> Result<Code, VaultError> {
        let i = self.index(id)?;
        let mut staged = self.clone();
        let e = staged.entries.get_mut(i).ok_or(VaultError::NotFound)?;
        let code = otp::generate(&e.account, now).map_err(|_| VaultError::InvalidField {
            field: "time",
            reason: "before 1970; check the clock",
        })?;
        if let OtpKind::Hotp { counter } = e.account.kind {
            let next = counter.checked_add(1).ok_or(VaultError::InvalidField {
                field: "counter",
                reason: "exhausted",
            })?;
            e.account.kind = OtpKind::Hotp { counter: next };
        }
        e.last_used = Some(now);
        staged.save(store)?;
        *self = staged;
        Ok(code)
    }
}
