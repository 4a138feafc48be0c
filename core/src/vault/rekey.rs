//! Re-keying: what changing or resetting a credential does to an unlocked vault (issue 16).
//! A new data key, every slot rebuilt — the password slot anew, recovery and keystore slots
//! rewrapped from their public keys — so nothing derived from the old credential opens the
//! result; `save_rekeyed` keeps the previous generation from opening with it either.

use super::error::VaultError;
use super::recovery;
use super::slot::{Slot, SlotKind};
use super::store::VaultStore;
use super::unlocked::Vault;
use crate::crypto::{self, KdfParams};
use crate::secret::SecretString;

/// What a credential change did beyond the new password.
#[derive(Debug, Default)]
pub struct CredentialChange {
    /// A new recovery code to show once: always after `reset_credentials`, and after
    /// `set_password` when the vault's old-format recovery slot could not be kept.
    pub new_recovery_code: Option<SecretString>,
    /// Key ids of old-format keystore slots that were dropped (they cannot be rewrapped
    /// without asking the keystore): delete them from the keystore after saving, and make
    /// or offer a new keystore slot.
    pub removed_keystore_keys: Vec<String>,
}

impl Vault {
    /// Changes the password and re-keys the vault: a new data key, the password slot(s)
    /// replaced, the recovery and keystore slots rewrapped from their public keys (neither
    /// the recovery code nor the keystore is needed). Any key or slot opened with the old
    /// password no longer opens the re-keyed vault; save it with [`Vault::save_rekeyed`] so
    /// that the previous generation does not keep the old password working either.
    /// Old-format recovery or keystore slots cannot be rewrapped: they are dropped, and
    /// the outcome says what the caller must tell the user (a new recovery code is made
    /// in place of a dropped one).
    pub fn set_password(
        &mut self,
        password: &SecretString,
        params: KdfParams,
    ) -> Result<CredentialChange, VaultError> {
        self.change_credentials(password, params, false)
    }

    /// What `vault recover` does: a new password and a new recovery code (the old code
    /// stops working), and a re-key as in [`Vault::set_password`].
    pub fn reset_credentials(
        &mut self,
        password: &SecretString,
        params: KdfParams,
    ) -> Result<CredentialChange, VaultError> {
        self.change_credentials(password, params, true)
    }

    fn change_credentials(
        &mut self,
        password: &SecretString,
        params: KdfParams,
        new_recovery: bool,
    ) -> Result<CredentialChange, VaultError> {
        params.check()?;
        let key = crypto::random_key()?;
        let mut slots = vec![Slot::password(password.expose().as_bytes(), params, &key)?];
        let mut change = CredentialChange::default();
        let mut had_recovery = false;
        for slot in &self.slots {
            let replaced = slot.kind() == SlotKind::Recovery && new_recovery;
            had_recovery |= slot.kind() == SlotKind::Recovery;
            match slot.rewrap(&key)? {
                Some(rewrapped) if !replaced => slots.push(rewrapped),
                _ => {
                    if let Some(id) = slot.key_id() {
                        change.removed_keystore_keys.push(id.to_owned());
                    }
                }
            }
        }
        let kept_recovery = slots.iter().any(|s| s.kind() == SlotKind::Recovery);
        if new_recovery || (had_recovery && !kept_recovery) {
            let code = recovery::generate()?;
            slots.push(Slot::recovery(
                &recovery::normalize(code.expose()),
                params,
                &key,
            )?);
            change.new_recovery_code = Some(code);
        }
        self.key = key;
        self.slots = slots;
        Ok(change)
    }

    /// Saves a re-keyed vault twice, so the previous generation kept by `store` is the
    /// re-keyed vault too and nothing on disk opens with the replaced credential. Each
    /// save is an ordinary crash-safe save: after a crash between the two, the old
    /// generation is still `.prev` until the next save replaces it.
    pub fn save_rekeyed(&self, store: &dyn VaultStore) -> Result<(), VaultError> {
        self.save(store)?;
        self.save(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_new_recovery_code() {
        // SEC-V5
        let mut v = Vault::create(&SecretString::new("pw".into()), KdfParams::INSECURE_TEST)
            .unwrap()
            .vault;
        let change = v
            .reset_credentials(&SecretString::new("new".into()), KdfParams::INSECURE_TEST)
            .unwrap();
        let code = change
            .new_recovery_code
            .as_ref()
            .unwrap()
            .expose()
            .to_owned();
        assert!(!format!("{change:?}").contains(&code));
    }
}
