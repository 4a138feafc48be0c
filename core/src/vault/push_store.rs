//! Push tokens in the vault: the `Vault` accessors and `VaultPushStore`, the
//! [`PushStore`] of every platform that keeps its vault in a file.
//!
//! Each store call is one locked transaction on the vault file: take the `FileStore` lock
//! → read the current file → decrypt it with the data key unlocked at start → check and
//! change → seal and save crash-safely (fsync of file and directory) → release the lock.
//! The lock is not held between calls, so a long-running `watch` and a one-shot `answer`
//! (or any other vault command) share the vault. This is what makes
//! [`PushStore::claim_answer`] atomic across processes and durable before it returns
//! (SEC-P5), and [`PushStore::save_replay`] a merge with what another writer saved
//! (answered marks and prompt-fatigue strikes, SEC-P8).

use super::error::VaultError;
use super::file_store::FileStore;
use super::push_body::{check_token, MAX_PUSH_TOKENS};
use super::store::VaultStore;
use super::unlocked::Vault;
use crate::push::{PushStore, PushToken, ReplayCache, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

impl Vault {
    /// The paired push tokens, in pairing order.
    pub fn push_tokens(&self) -> &[PushToken] {
        &self.push.tokens
    }

    /// Adds a paired push token. Returns false, changing nothing, when a token with this
    /// serial exists: the server key received at its rollout is never replaced (SEC-P10).
    pub fn add_push_token(&mut self, token: PushToken) -> Result<bool, VaultError> {
        if self.push.tokens.iter().any(|t| t.serial == token.serial) {
            return Ok(false);
        }
        if self.push.tokens.len() >= MAX_PUSH_TOKENS as usize {
            return Err(VaultError::OverLimit {
                what: "push tokens",
                value: self.push.tokens.len() as u64,
                limit: MAX_PUSH_TOKENS.into(),
            });
        }
        check_token(&token)?;
        self.push.tokens.push(token);
        Ok(true)
    }

    /// Removes the token `serial` (the server is not told: revoke it there too) and returns
    /// it, so that the app can delete its platform key.
    pub fn remove_push_token(&mut self, serial: &str) -> Result<PushToken, VaultError> {
        let at = self
            .push
            .tokens
            .iter()
            .position(|t| t.serial == serial)
            .ok_or(VaultError::NotFound)?;
        Ok(self.push.tokens.remove(at))
    }

    /// The persisted push replay cache (SEC-P4, SEC-P5, SEC-P8).
    pub fn push_replay(&self) -> &ReplayCache {
        &self.push.replay
    }

    /// Replaces the push replay cache. Callers sharing a vault should go through
    /// [`VaultPushStore`], which merges answered marks and strikes instead of overwriting.
    pub fn set_push_replay(&mut self, cache: ReplayCache) {
        self.push.replay = cache;
    }
}

/// How long one store call waits for another process's vault lock.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// [`PushStore`] on a vault file: tokens and replay cache in the encrypted body.
#[derive(Debug)]
pub struct VaultPushStore {
    path: PathBuf,
    /// The vault as last read; its data key decrypts the next read without a credential.
    vault: Mutex<Vault>,
}

/// A vault failure as the push layer sees it: damage is `Corrupt`, anything else `Unavailable`.
pub(super) fn unavailable(e: &VaultError) -> StoreError {
    if e.is_damage() {
        StoreError::Corrupt(e.to_string())
    } else {
        StoreError::Unavailable(e.to_string())
    }
}

impl VaultPushStore {
    /// A store on the vault file `path`, which `vault` was unlocked from. Nothing is
    /// locked until a call; the caller must have released its own `FileStore` on `path`.
    pub fn new(path: impl Into<PathBuf>, vault: Vault) -> Self {
        Self {
            path: path.into(),
            vault: Mutex::new(vault),
        }
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One locked transaction: `change` sees the current vault and says whether to save.
    fn transaction<R>(
        &self,
        change: impl FnOnce(&mut Vault) -> Result<(R, bool), StoreError>,
    ) -> Result<R, StoreError> {
        let store = FileStore::open_waiting(&self.path, LOCK_WAIT).map_err(|e| unavailable(&e))?;
        let bytes = store
            .load()
            .map_err(|e| unavailable(&e))?
            .ok_or_else(|| StoreError::Unavailable("the vault file is gone".into()))?;
        let mut held = self
            .vault
            .lock()
            .map_err(|_| StoreError::Unavailable("internal lock poisoned".into()))?;
        let mut current = held.reopen(&bytes).map_err(|e| unavailable(&e))?;
        let (out, changed) = change(&mut current)?;
        if changed {
            current.save(&store).map_err(|e| unavailable(&e))?;
        }
        *held = current;
        // `store` (and with it the lock) is dropped on return, after the save.
        Ok(out)
    }
}

impl PushStore for VaultPushStore {
    fn tokens(&self) -> Result<Vec<PushToken>, StoreError> {
        self.transaction(|v| Ok((v.push_tokens().to_vec(), false)))
    }

    fn add_token(&self, token: &PushToken) -> Result<(), StoreError> {
        self.transaction(|v| match v.add_push_token(token.clone()) {
            Ok(true) => Ok(((), true)),
            Ok(false) => Err(StoreError::Duplicate(token.serial.clone())),
            Err(e) => Err(StoreError::Unavailable(e.to_string())),
        })
    }

    fn load_replay(&self) -> Result<ReplayCache, StoreError> {
        self.transaction(|v| Ok((v.push_replay().clone(), false)))
    }

    fn save_replay(&self, cache: &ReplayCache) -> Result<(), StoreError> {
        self.transaction(|v| {
            let mut merged = cache.clone();
            merged.merge_from(v.push_replay());
            // Most polls change nothing: skip the write (and its fsyncs) then.
            let changed = merged != *v.push_replay();
            v.set_push_replay(merged);
            Ok(((), changed))
        })
    }

    fn claim_answer(&self, nonce: &str, now: i64) -> Result<bool, StoreError> {
        self.transaction(|v| {
            if v.push_replay().is_answered(nonce) {
                return Ok((false, false));
            }
            let mut cache = v.push_replay().clone();
            cache.mark_answered(nonce, now);
            v.set_push_replay(cache);
            Ok((true, true))
        })
    }
}
