//! Persistence of push tokens and the replay cache, as a trait: the encrypted vault
//! implements it (`crate::vault::VaultPushStore`).

use super::error::{PushError, StoreError};
use super::replay::ReplayCache;
use crate::secret::SecretBytes;

/// Longest platform keystore alias, in bytes (the vault refuses longer ones).
pub const MAX_KEY_ALIAS: usize = 256;

/// Where the token's private key lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKey {
    /// A software key (desktop): PKCS#8 DER, secret, encrypted at rest by the store.
    Software(SecretBytes),
    /// A platform keystore key (Android Keystore, Secure Enclave) known by its alias.
    Platform {
        /// Keystore alias.
        alias: String,
    },
}

impl TokenKey {
    /// Whether the vault can store this key: a platform alias must be 1 to
    /// [`MAX_KEY_ALIAS`] bytes without control characters. Checked before rollout, which
    /// spends the one-time enrollment credential (SEC-P10).
    pub fn check(&self) -> Result<(), PushError> {
        match self {
            TokenKey::Software(_) => Ok(()),
            TokenKey::Platform { alias } => {
                if alias.is_empty()
                    || alias.len() > MAX_KEY_ALIAS
                    || alias.chars().any(char::is_control)
                {
                    Err(PushError::Key(
                        "the key alias must be 1 to 256 bytes without control characters",
                    ))
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// One paired push token. Everything but `key` is public data; the server key and the
/// pinned URL/TLS trust are fixed at pairing and never replaced by a later message (SEC-P3,
/// SEC-P10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushToken {
    /// Token serial (`PIPU…`).
    pub serial: String,
    /// Label from the enrollment (the account name shown).
    pub label: String,
    /// Issuer from the enrollment.
    pub issuer: String,
    /// The pinned API URL: rollout, polls and answers all go here and nowhere else.
    pub url: String,
    /// Extra CA (PEM) trusted for this token besides the platform roots, pinned at pairing.
    pub extra_ca_pem: Option<String>,
    /// The server's public key for this token (PKCS#1 RSAPublicKey DER), from rollout.
    pub server_key: Vec<u8>,
    /// The token's own key pair.
    pub key: TokenKey,
    /// Unix time of pairing.
    pub paired_at: i64,
}

impl PushToken {
    /// `host[:port]` of the pinned URL, for the approval screen ("sign-in at <host>").
    pub fn server_host(&self) -> String {
        crate::pairing::parse_server_url(&self.url)
            .map(|u| u.host_port())
            .unwrap_or_else(|_| self.url.clone())
    }
}

/// Storage for push tokens and the replay cache. Implementations must be durable before
/// returning: the replay cache is saved before an answer is sent.
///
/// Several clients may share one store (a `watch` process and an `answer` command, the app
/// and its notification extension). Two rules keep one pick per challenge then:
/// [`PushStore::claim_answer`] is atomic, and [`PushStore::save_replay`] never drops an
/// answered mark or a prompt-fatigue strike that another writer stored in the meantime
/// (merge with [`ReplayCache::merge_from`], don't overwrite).
pub trait PushStore: Send + Sync {
    /// All paired tokens.
    fn tokens(&self) -> Result<Vec<PushToken>, StoreError>;
    /// Adds a token; must fail with [`StoreError::Duplicate`] when the serial exists
    /// (a stored server key is never replaced).
    fn add_token(&self, token: &PushToken) -> Result<(), StoreError>;
    /// The persisted replay cache (empty when none was saved yet).
    fn load_replay(&self) -> Result<ReplayCache, StoreError>;
    /// Stores the replay cache. Answered marks and strikes already in the store are kept
    /// (merged).
    fn save_replay(&self, cache: &ReplayCache) -> Result<(), StoreError>;
    /// Marks `nonce` answered at `now` unless it already is; true when this call made the
    /// mark. Must be atomic against concurrent callers and durable before returning. The
    /// default is correct only for a store with a single writer.
    fn claim_answer(&self, nonce: &str, now: i64) -> Result<bool, StoreError> {
        let mut cache = self.load_replay()?;
        if cache.is_answered(nonce) {
            return Ok(false);
        }
        cache.mark_answered(nonce, now);
        self.save_replay(&cache)?;
        Ok(true)
    }
}
