//! `VaultStore`: where sealed vault bytes live. The core never opens files itself; the one
//! OS implementation is `FileStore`, and `MemoryStore` serves tests and embedders.

use super::error::VaultError;
use std::sync::Mutex;

/// Storage for the sealed vault and its previous generation.
pub trait VaultStore: Send + Sync {
    /// The current vault bytes, or `None` when no vault exists yet.
    fn load(&self) -> Result<Option<Vec<u8>>, VaultError>;
    /// The previous generation (the vault as it was before the last save), if any.
    fn load_previous(&self) -> Result<Option<Vec<u8>>, VaultError>;
    /// Replaces the vault atomically and durably, keeping the replaced bytes as the
    /// previous generation (SEC-V3). After an error the old vault is still intact.
    fn save(&self, bytes: &[u8]) -> Result<(), VaultError>;
    /// Makes the previous generation current again (after a damaged save or tampering).
    fn restore_previous(&self) -> Result<(), VaultError>;
}

/// Current and previous generation.
type Generations = (Option<Vec<u8>>, Option<Vec<u8>>);

/// A `VaultStore` in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<Generations>,
}

impl MemoryStore {
    fn state(&self) -> Result<std::sync::MutexGuard<'_, Generations>, VaultError> {
        self.state.lock().map_err(|_| VaultError::Locked)
    }

    /// Overwrites the current bytes directly, bypassing the generation rule (for tests
    /// that simulate damage).
    pub fn corrupt(&self, bytes: Vec<u8>) -> Result<(), VaultError> {
        self.state()?.0 = Some(bytes);
        Ok(())
    }
}

impl VaultStore for MemoryStore {
    fn load(&self) -> Result<Option<Vec<u8>>, VaultError> {
        Ok(self.state()?.0.clone())
    }

    fn load_previous(&self) -> Result<Option<Vec<u8>>, VaultError> {
        Ok(self.state()?.1.clone())
    }

    fn save(&self, bytes: &[u8]) -> Result<(), VaultError> {
        let mut s = self.state()?;
        s.1 = s.0.take();
        s.0 = Some(bytes.to_vec());
        Ok(())
    }

    fn restore_previous(&self) -> Result<(), VaultError> {
        let mut s = self.state()?;
        let prev = s.1.clone().ok_or(VaultError::NoPrevious)?;
        s.0 = Some(prev);
        Ok(())
    }
}
