//! `Authenticator`: the open vault of the app (core `vault::Session`) — create, open with
//! the password, the recovery code or the platform `KeyStore` (and `use_key_store` to
//! re-enable it), add scanned links, list accounts and codes,
//! take HOTP codes, rename, remove, change the password; and the `PushClient` whose tokens
//! live in this vault.
//!
//! Every body converts, takes the lock, makes one core call. The foreign `KeyStore` is
//! only called by the constructors, before any lock exists (STYLE §3). Secrets (password,
//! seeds) never reach `Debug` or an error reason; the recovery code leaves once, in
//! `NewVault`, for the app to show.

use std::sync::{Arc, Mutex, MutexGuard};

use inkan_core::secret::SecretString;
use inkan_core::vault::{self, Credential, EntryId, KdfParams, Session};

use crate::account::AccountInfo;
use crate::codes::Code;
use crate::error::InkanError;
use crate::platform::{Clock, KeyStore, KeyStoreAdapter};
use crate::push::{PushClient, PushTokenInfo};
use crate::push_platform::{HttpTransport, PushSigner};

/// The open vault. Thread-safe: calls from several threads run one after the other.
#[derive(Debug, uniffi::Object)]
pub struct Authenticator {
    /// Shared with the `PushClient`s made by `push_client` (their token store).
    inner: Arc<Mutex<Session>>,
}

/// A new vault and its recovery code: show the code once, then forget it.
#[derive(uniffi::Record)]
pub struct NewVault {
    /// The open, empty vault.
    pub authenticator: Arc<Authenticator>,
    /// The only copy of the recovery code.
    pub recovery_code: String,
}

impl std::fmt::Debug for NewVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewVault { recovery_code: <redacted> }")
    }
}

/// How one account of an added link was treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AddStatus {
    /// A new entry.
    Added,
    /// Same issuer and name as an entry but another secret: kept as a second entry.
    DuplicateKept,
    /// Identical to an entry: nothing added.
    Existing,
}

/// The result of adding one account: its entry id and what happened.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AddResult {
    /// The entry (the existing one for `Existing`).
    pub id: String,
    /// What happened.
    pub status: AddStatus,
}

/// One vault entry as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VaultAccount {
    /// Stable entry id (16 hex digits).
    pub id: String,
    /// Display data, no secret.
    pub info: AccountInfo,
}

/// The code of one entry at an instant; `code` is `None` for HOTP (use `next_hotp_code`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountCode {
    /// The entry.
    pub id: String,
    /// The code, or `None` for counter-based accounts.
    pub code: Option<Code>,
}

fn code_at(code: inkan_core::otp::Code, now: i64) -> Code {
    let now = u64::try_from(now).unwrap_or(0);
    Code {
        remaining_seconds: code.valid_until.map(|until| until.saturating_sub(now)),
        text: code.text.clone(),
        valid_from: code.valid_from,
        valid_until: code.valid_until,
    }
}

fn entry_id(id: &str) -> Result<EntryId, InkanError> {
    Ok(id.parse::<EntryId>().map_err(inkan_core::Error::from)?)
}

fn vault_error(e: vault::VaultError) -> InkanError {
    inkan_core::Error::from(e).into()
}

impl Authenticator {
    fn wrap(session: Session) -> Arc<Self> {
        Arc::new(Self {
            inner: Arc::new(Mutex::new(session)),
        })
    }

    fn session(&self) -> Result<MutexGuard<'_, Session>, InkanError> {
        self.inner.lock().map_err(|_| InkanError::Internal {
            reason: "the vault failed in an earlier call".to_owned(),
        })
    }
}

/// Creates a vault file at `path` (its directory must exist; no vault may be there yet),
/// protected by `password` and a recovery code, and by `key_store` when given (the app
/// can then open it with `Authenticator.open_with_key_store`).
#[uniffi::export]
pub fn create_vault(
    path: String,
    password: String,
    key_store: Option<Arc<dyn KeyStore>>,
) -> Result<NewVault, InkanError> {
    let adapter = key_store.map(KeyStoreAdapter);
    let keystore = adapter
        .as_ref()
        .map(|a| a as &dyn inkan_core::keystore::Keystore);
    let created = Session::create(
        path,
        &SecretString::new(password),
        KdfParams::DEFAULT,
        keystore,
    )
    .map_err(vault_error)?;
    Ok(NewVault {
        authenticator: Authenticator::wrap(created.session),
        recovery_code: created.recovery_code.expose().to_owned(),
    })
}

#[uniffi::export]
impl Authenticator {
    /// Opens the vault at `path` with the password. Throws `WrongPassword`, `Locked`
    /// (another process has it open) or `InvalidInput` (not a vault, damaged).
    #[uniffi::constructor]
    pub fn open_with_password(path: String, password: String) -> Result<Arc<Self>, InkanError> {
        let password = SecretString::new(password);
        let session = Session::open(path, Credential::Password(&password)).map_err(vault_error)?;
        Ok(Self::wrap(session))
    }

    /// Opens the vault at `path` with the recovery code shown at creation (forgotten
    /// password, new device). Throws `WrongPassword` for a wrong code. Offer
    /// `change_password` next.
    #[uniffi::constructor]
    pub fn open_with_recovery_code(
        path: String,
        recovery_code: String,
    ) -> Result<Arc<Self>, InkanError> {
        let code = SecretString::new(recovery_code);
        let session = Session::open(path, Credential::RecoveryCode(&code)).map_err(vault_error)?;
        Ok(Self::wrap(session))
    }

    /// Opens the vault at `path` through the platform key store (no password prompt).
    /// Throws `KeystoreUnavailable` when the key store fails or refuses: ask for the
    /// password instead.
    #[uniffi::constructor]
    pub fn open_with_key_store(
        path: String,
        key_store: Arc<dyn KeyStore>,
    ) -> Result<Arc<Self>, InkanError> {
        let adapter = KeyStoreAdapter(key_store);
        let session = Session::open(path, Credential::Keystore(&adapter)).map_err(vault_error)?;
        Ok(Self::wrap(session))
    }

    /// Adds every account of a scanned or pasted link (otpauth, steam, migration export)
    /// and saves; never overwrites an entry. All or nothing.
    pub fn add_link(&self, link: String, now_unix: i64) -> Result<Vec<AddResult>, InkanError> {
        let outcomes = self.session()?.add_link(&link, now_unix)?;
        Ok(outcomes
            .into_iter()
            .map(|o| AddResult {
                id: o.id.to_string(),
                status: match o.status {
                    vault::AddStatus::Added => AddStatus::Added,
                    vault::AddStatus::DuplicateKept => AddStatus::DuplicateKept,
                    vault::AddStatus::Existing => AddStatus::Existing,
                },
            })
            .collect())
    }

    /// The accounts, in display order.
    pub fn accounts(&self) -> Result<Vec<VaultAccount>, InkanError> {
        let session = self.session()?;
        Ok(session
            .entries()
            .iter()
            .map(|e| VaultAccount {
                id: e.id.to_string(),
                info: AccountInfo::from(&e.account),
            })
            .collect())
    }

    /// Codes of every account at `unix_seconds`, in display order (HOTP: `None`).
    pub fn codes_at(&self, unix_seconds: i64) -> Result<Vec<AccountCode>, InkanError> {
        let session = self.session()?;
        Ok(session
            .codes(unix_seconds)
            .into_iter()
            .map(|(e, code)| AccountCode {
                id: e.id.to_string(),
                code: code.map(|c| code_at(c, unix_seconds)),
            })
            .collect())
    }

    /// The code of entry `id` to type now. For HOTP the counter is advanced and saved
    /// *before* the code is returned, so no code is ever shown twice.
    pub fn next_hotp_code(&self, id: String, now_unix: i64) -> Result<Code, InkanError> {
        let id = entry_id(&id)?;
        let code = self
            .session()?
            .use_code(id, now_unix)
            .map_err(vault_error)?;
        Ok(code_at(code, now_unix))
    }

    /// Changes the issuer and name of entry `id`, and saves.
    pub fn rename(
        &self,
        id: String,
        issuer: Option<String>,
        name: String,
    ) -> Result<(), InkanError> {
        let id = entry_id(&id)?;
        Ok(self.session()?.rename(id, issuer, name)?)
    }

    /// Removes entry `id`, and saves.
    pub fn remove(&self, id: String) -> Result<(), InkanError> {
        let id = entry_id(&id)?;
        Ok(self.session()?.remove(id)?)
    }

    /// Replaces the password and re-keys the vault, and saves: the old password then
    /// opens neither the file nor its previous generation. The recovery code and the key
    /// store slot keep working. Returns a new recovery code to show once when the vault's
    /// old-format recovery slot could not be kept (vaults made before re-keying existed);
    /// an old-format key store slot is dropped, so call `use_key_store` again.
    pub fn change_password(&self, new_password: String) -> Result<Option<String>, InkanError> {
        let password = SecretString::new(new_password);
        let change = self
            .session()?
            .change_password(&password, KdfParams::DEFAULT)?;
        Ok(change
            .new_recovery_code
            .map(|code| code.expose().to_owned()))
    }

    /// Lets `key_store` open this vault from now on (after opening with the password or
    /// recovery code: a new device, or a key invalidated by new biometrics). Replaces any
    /// older key store slot and then deletes that slot's key (a failed delete is ignored:
    /// the key no longer opens anything). The key store is called without holding the
    /// vault's lock: the slot is wrapped on a copy, then put in and saved.
    pub fn use_key_store(&self, key_store: Arc<dyn KeyStore>) -> Result<(), InkanError> {
        let adapter = KeyStoreAdapter(key_store);
        let snapshot = self.session()?.snapshot();
        let slot = snapshot
            .prepare_keystore_slot(&adapter)
            .map_err(vault_error)?;
        drop(snapshot);
        let replaced = self
            .session()?
            .use_keystore_slot(slot)
            .map_err(vault_error)?;
        for key_id in replaced {
            let _ = inkan_core::keystore::Keystore::delete_key(&adapter, &key_id);
        }
        Ok(())
    }

    /// Push approval on this vault: paired tokens and the replay cache are saved in it
    /// (they survive an app restart). `transport` is the platform's HTTP stack, `signer`
    /// holds the key of every token by alias, `clock` gives the time. The client shares
    /// this vault, so the file stays locked until both are released.
    pub fn push_client(
        self: Arc<Self>,
        transport: Arc<dyn HttpTransport>,
        signer: Arc<dyn PushSigner>,
        clock: Arc<dyn Clock>,
    ) -> Arc<PushClient> {
        PushClient::new(self.inner.clone(), transport, signer, clock)
    }

    /// Removes the push token `serial` from this vault and returns it; delete its platform
    /// key (`key_alias`) next. The server is not told: revoke the token there as well.
    pub fn remove_push_token(&self, serial: String) -> Result<PushTokenInfo, InkanError> {
        let mut session = self.session()?;
        let removed = session
            .remove_push_token(&serial)
            .map_err(inkan_core::Error::from)?;
        Ok(PushTokenInfo::from(&removed))
    }

    /// The push tokens paired in this vault, in pairing order.
    pub fn push_tokens(&self) -> Result<Vec<PushTokenInfo>, InkanError> {
        let session = self.session()?;
        Ok(session
            .push_tokens()
            .iter()
            .map(PushTokenInfo::from)
            .collect())
    }
}
