//! What the shell hands the app at start: the data directory and the platform services
//! core calls in the middle of an operation (see the crate doc for why these are traits
//! and not effects).

use std::path::PathBuf;
use std::sync::Arc;

use inkan_core::clock::Clock;
use inkan_core::keystore::Keystore;
use inkan_core::push::{Monotonic, PushError, Signer, TokenKey, Transport};
use inkan_core::vault::KdfParams;

/// The vault's file name in the data directory.
pub const VAULT_FILE: &str = "inkan.vault";
/// A new vault lives here until its recovery code is acknowledged (then it is renamed).
pub const VAULT_PENDING: &str = "inkan.vault.new";

/// The push token keys of the platform (Android Keystore, Secure Enclave; a software key
/// in tests). The signer of an approval asks for presence (SEC-P6).
pub trait TokenKeys: Send + Sync {
    /// The signer of the token key `key`.
    fn signer(&self, key: &TokenKey) -> Result<Arc<dyn Signer>, PushError>;
    /// A new key for the token `serial` (at pairing), with its signer.
    fn new_key(&self, serial: &str) -> Result<(TokenKey, Arc<dyn Signer>), PushError>;
}

/// Push approval services.
#[derive(Clone)]
pub struct PushPlatform {
    /// The platform HTTP stack (TLS verified, SEC-P3).
    pub transport: Arc<dyn Transport>,
    /// Token keys.
    pub keys: Arc<dyn TokenKeys>,
}

/// The app's environment.
#[derive(Clone)]
pub struct Platform {
    /// Where the vault file lives (the app's private files directory).
    pub data_dir: PathBuf,
    /// Wall-clock time (codes).
    pub clock: Arc<dyn Clock>,
    /// Time that only goes forward (the app lock, push expiry SEC-P4): moving the phone's
    /// clock back must not keep the app open or revive a sign-in request.
    pub monotonic: Arc<dyn Monotonic>,
    /// The OS keystore that opens the vault without a password, when the phone has one.
    pub keystore: Option<Arc<dyn Keystore>>,
    /// Push approval, when the shell supports it.
    pub push: Option<PushPlatform>,
    /// Argon2id parameters for new passwords and backups (`KdfParams::DEFAULT` in apps).
    pub kdf: KdfParams,
}

impl std::fmt::Debug for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Platform")
            .field("data_dir", &self.data_dir)
            .field("keystore", &self.keystore.is_some())
            .field("push", &self.push.is_some())
            .finish()
    }
}

impl Platform {
    pub(crate) fn vault_path(&self) -> PathBuf {
        self.data_dir.join(VAULT_FILE)
    }

    pub(crate) fn pending_path(&self) -> PathBuf {
        self.data_dir.join(VAULT_PENDING)
    }
}
