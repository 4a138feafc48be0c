//! Resynchronising a vault HOTP account from two consecutive codes (`otp::hotp_resync`).

use super::error::VaultError;
use super::store::VaultStore;
use super::unlocked::Vault;
use super::EntryId;
use crate::account::OtpKind;
use crate::otp::hotp_resync::{resync, LOOK_AHEAD};

impl Vault {
    /// Looks up to [`LOOK_AHEAD`] counters past the stored one for `first` then `second`;
    /// when found, stores the counter after them and saves before returning it (SEC-V4).
    /// `Ok(None)`: not found, nothing changed.
    pub fn resync_hotp(
        &mut self,
        id: EntryId,
        first: &str,
        second: &str,
        store: &dyn VaultStore,
    ) -> Result<Option<u64>, VaultError> {
        let i = self.index(id)?;
        let mut staged = self.clone();
        let e = staged.entries.get_mut(i).ok_or(VaultError::NotFound)?;
        let OtpKind::Hotp { counter } = e.account.kind else {
            return Err(VaultError::InvalidField {
                field: "kind",
                reason: "only HOTP (counter) accounts can be resynchronised",
            });
        };
        let a = &e.account;
        let found = resync(
            a.secret.expose(),
            a.algorithm,
            a.digits,
            counter,
            LOOK_AHEAD,
            first,
            second,
        );
        let Some(next) = found else {
            return Ok(None);
        };
        e.account.kind = OtpKind::Hotp { counter: next };
        staged.save(store)?;
        *self = staged;
        Ok(Some(next))
    }
}
