//! [`MemoryPushStore`]: push tokens and replay cache in memory, for tests, benchmarks and
//! fuzzing (the apps keep theirs in the vault: `vault::SessionPushStore`).

use std::sync::{Mutex, MutexGuard};

use super::error::StoreError;
use super::replay::ReplayCache;
use super::store::{PushStore, PushToken};

/// A [`PushStore`] in memory. Keeps the trait's rules: a second token with a serial is a
/// `Duplicate`, and saving the replay cache keeps answered marks and strikes already stored.
#[derive(Debug, Default)]
pub struct MemoryPushStore {
    tokens: Mutex<Vec<PushToken>>,
    replay: Mutex<ReplayCache>,
}

fn locked<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, StoreError> {
    m.lock()
        .map_err(|_| StoreError::Unavailable("internal lock poisoned".into()))
}

impl PushStore for MemoryPushStore {
    fn tokens(&self) -> Result<Vec<PushToken>, StoreError> {
        Ok(locked(&self.tokens)?.clone())
    }

    fn add_token(&self, token: &PushToken) -> Result<(), StoreError> {
        let mut tokens = locked(&self.tokens)?;
        if tokens.iter().any(|t| t.serial == token.serial) {
            return Err(StoreError::Duplicate(token.serial.clone()));
        }
        tokens.push(token.clone());
        Ok(())
    }

    fn load_replay(&self) -> Result<ReplayCache, StoreError> {
        Ok(locked(&self.replay)?.clone())
    }

    fn save_replay(&self, cache: &ReplayCache) -> Result<(), StoreError> {
        let mut stored = locked(&self.replay)?;
        let mut merged = cache.clone();
        merged.merge_from(&stored);
        *stored = merged;
        Ok(())
    }
}
