//! `Session`: an unlocked vault bound to its file, for apps that keep the vault open (the
//! phone shells through `inkan-ffi`'s `Authenticator`). Every change is saved before it
//! becomes visible in memory: a failed save leaves both the file and the session as they
//! were, and a HOTP code is only returned after its counter was saved (SEC-V4).
//!
//! Owns the create/open/save sequence the CLI spells out per command (`cli/src/session.rs`),
//! for the accounts and the push tokens with their replay cache (`SessionPushStore` puts a
//! shared session behind core's `PushStore`); it holds no lock of its own (callers
//! serialise access) and knows no platform.

use std::path::PathBuf;

use super::{
    AddOutcome, Credential, CredentialChange, Entry, EntryId, FileStore, KdfParams, KeystoreSlot,
    Vault, VaultError,
};
use crate::keystore::{self, Keystore};
use crate::otp::Code;
use crate::pairing::{self, PairingError, PairingRequest};
use crate::push::{PushToken, ReplayCache};
use crate::secret::SecretString;
use crate::Error;

/// An open vault and the file it is saved to (whose lock it holds while alive).
#[derive(Debug)]
pub struct Session {
    vault: Vault,
    store: FileStore,
}

/// A new session and the recovery code of the new vault (show it once, then drop it).
#[derive(Debug)]
pub struct CreatedSession {
    /// The open, empty vault.
    pub session: Session,
    /// The only copy of the recovery code.
    pub recovery_code: SecretString,
}

impl Session {
    /// Creates a vault file at `path` (which must not hold a vault yet) with a password
    /// slot, a recovery slot and, given a keystore, a keystore slot under a fresh key id.
    pub fn create(
        path: impl Into<PathBuf>,
        password: &SecretString,
        params: KdfParams,
        keystore: Option<&dyn Keystore>,
    ) -> Result<CreatedSession, VaultError> {
        let store = FileStore::open(path)?;
        if super::VaultStore::load(&store)?.is_some() {
            return Err(VaultError::InvalidField {
                field: "path",
                reason: "a vault already exists there",
            });
        }
        let created = Vault::create(password, params)?;
        let mut vault = created.vault;
        if let Some(ks) = keystore {
            let key_id = keystore::new_key_id()?;
            vault.add_keystore_slot(ks, &key_id)?;
        }
        vault.save(&store)?;
        Ok(CreatedSession {
            session: Session { vault, store },
            recovery_code: created.recovery_code,
        })
    }

    /// Opens the vault file at `path` with a password, recovery code or keystore.
    pub fn open(path: impl Into<PathBuf>, credential: Credential<'_>) -> Result<Self, VaultError> {
        let store = FileStore::open(path)?;
        let bytes = super::VaultStore::load(&store)?.ok_or(VaultError::Empty)?;
        let vault = Vault::unlock(&bytes, credential)?;
        Ok(Session { vault, store })
    }

    /// Applies `change` to a copy, saves the copy, then keeps it.
    fn commit<T, E: From<VaultError>>(
        &mut self,
        change: impl FnOnce(&mut Vault) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut staged = self.vault.clone();
        let out = change(&mut staged)?;
        staged.save(&self.store)?;
        self.vault = staged;
        Ok(out)
    }

    /// Adds every account of a scanned or pasted link (otpauth, steam, migration); never
    /// overwrites (see `Vault::add`). All or nothing.
    pub fn add_link(&mut self, link: &str, now: i64) -> Result<Vec<AddOutcome>, Error> {
        // Every form an app can be handed goes through pairing (https pairing links too), so
        // the accounts confirmed on screen are added in one all-or-nothing save (SEC-V7).
        let accounts = match pairing::parse(link, now)? {
            PairingRequest::Accounts { accounts, .. } => accounts,
            PairingRequest::Push(_) => return Err(PairingError::PushEnrollment.into()),
        };
        self.commit(|v| Ok(v.add_all(accounts, now)?))
    }

    /// The entries, in display order.
    pub fn entries(&self) -> &[Entry] {
        self.vault.entries()
    }

    /// Codes of every entry at `now` (HOTP entries: `None`; see `Vault::codes`).
    pub fn codes(&self, now: i64) -> Vec<(&Entry, Option<Code>)> {
        self.vault.codes(now)
    }

    /// The code of one entry to type now; a HOTP counter is saved before it is returned.
    pub fn use_code(&mut self, id: EntryId, now: i64) -> Result<Code, VaultError> {
        self.vault.use_code(id, now, &self.store)
    }

    /// Changes an entry's issuer and name.
    pub fn rename(
        &mut self,
        id: EntryId,
        issuer: Option<String>,
        name: String,
    ) -> Result<(), Error> {
        self.commit(|v| Ok(v.rename(id, issuer, name)?))
    }

    /// Removes an entry.
    pub fn remove(&mut self, id: EntryId) -> Result<(), Error> {
        self.commit(|v| Ok(v.remove(id).map(|_| ())?))
    }

    /// Moves an entry to position `index` (clamped to the end), and saves.
    pub fn move_to(&mut self, id: EntryId, index: usize) -> Result<(), VaultError> {
        self.commit(|v| v.move_to(id, index))
    }

    /// Imports entries from a backup (see `Vault::import_entries`): all or none, and saves.
    pub fn import_entries(
        &mut self,
        entries: Vec<Entry>,
        now: i64,
    ) -> Result<Vec<AddOutcome>, VaultError> {
        self.commit(|v| v.import_entries(entries, now))
    }

    /// Changes the password and re-keys the vault (see `Vault::set_password`), saved so
    /// that neither the file nor its previous generation opens with the old password.
    pub fn change_password(
        &mut self,
        password: &SecretString,
        params: KdfParams,
    ) -> Result<CredentialChange, Error> {
        let mut staged = self.vault.clone();
        let change = staged.set_password(password, params)?;
        staged.save(&self.store)?;
        self.vault = staged;
        // Again, so the previous generation is the re-keyed vault too (`save_rekeyed`).
        self.vault.save(&self.store)?;
        Ok(change)
    }

    /// A copy of the open vault, e.g. to prepare a keystore slot outside the caller's lock.
    pub fn snapshot(&self) -> Vault {
        self.vault.clone()
    }

    /// Replaces the keystore slot(s) with `slot` (from `snapshot().prepare_keystore_slot`),
    /// and saves. Returns the replaced key ids: delete them from the keystore afterwards.
    pub fn use_keystore_slot(&mut self, slot: KeystoreSlot) -> Result<Vec<String>, VaultError> {
        self.commit(|v| Ok(v.use_keystore_slot(slot)))
    }

    /// The paired push tokens, in pairing order.
    pub fn push_tokens(&self) -> &[PushToken] {
        self.vault.push_tokens()
    }

    /// Adds a paired push token, and saves. Returns false, saving nothing, when a token with
    /// this serial exists: its server key is never replaced (SEC-P10).
    pub fn add_push_token(&mut self, token: PushToken) -> Result<bool, VaultError> {
        if self.push_tokens().iter().any(|t| t.serial == token.serial) {
            return Ok(false);
        }
        self.commit(|v| v.add_push_token(token))
    }

    /// Removes the push token `serial`, and saves; returns it (its platform key alias is
    /// for the app to delete). `NotFound` when no such token is paired.
    pub fn remove_push_token(&mut self, serial: &str) -> Result<PushToken, VaultError> {
        self.commit(|v| v.remove_push_token(serial))
    }

    /// The push replay cache (SEC-P4, SEC-P5, SEC-P8).
    pub fn push_replay(&self) -> &ReplayCache {
        self.vault.push_replay()
    }

    /// Stores `cache` as the replay cache, keeping every answered mark already saved (a
    /// poll that started before an answer must not undo it, SEC-P5). Returns whether it
    /// saved: an unchanged cache (most polls) costs no write.
    pub fn merge_push_replay(&mut self, cache: &ReplayCache) -> Result<bool, VaultError> {
        let mut merged = cache.clone();
        merged.merge_from(self.push_replay());
        if merged == *self.push_replay() {
            return Ok(false);
        }
        self.commit(|v| {
            v.set_push_replay(merged);
            Ok(true)
        })
    }

    /// Marks challenge `nonce` answered at `now`, and saves, unless it already is. True
    /// when this call made the mark: the one pick a challenge gets (SEC-P5). The mark is on
    /// disk before this returns, so it holds after a crash or restart.
    pub fn claim_push_answer(&mut self, nonce: &str, now: i64) -> Result<bool, VaultError> {
        if self.push_replay().is_answered(nonce) {
            return Ok(false);
        }
        let mut cache = self.push_replay().clone();
        cache.mark_answered(nonce, now);
        self.commit(|v| {
            v.set_push_replay(cache);
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_survive_reopen_and_existing_vault_is_refused() {
        let dir = std::env::temp_dir().join(format!("inkan-session-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.inkan");
        let _ = std::fs::remove_file(&path);
        let pw = SecretString::new("pw".into());
        let mut s = Session::create(&path, &pw, KdfParams::INSECURE_TEST, None)
            .unwrap()
            .session;
        let out = s
            .add_link("otpauth://hotp/A:a?secret=JBSWY3DPEHPK3PXP&counter=0", 0)
            .unwrap();
        let code = s.use_code(out[0].id, 0).unwrap();
        drop(s);
        assert!(Session::create(&path, &pw, KdfParams::INSECURE_TEST, None).is_err());
        let mut again = Session::open(&path, Credential::Password(&pw)).unwrap();
        assert_ne!(again.use_code(out[0].id, 0).unwrap(), code);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
