//! `Vault`: the unlocked vault in memory — data key, slots, entries — and the rules users
//! expect of it: adding never overwrites (SEC-V4), imports apply completely or not at all
//! (SEC-V7), HOTP counters are saved before a code is returned (SEC-V4).

use super::body;
use super::entry::{self, check_entry, check_text, Entry, EntryId, MAX_NAME_BYTES};
use super::error::VaultError;
use super::format;
use super::push_body::PushData;
use super::recovery;
use super::slot::{Slot, SlotInfo, SlotKind};
use super::store::VaultStore;
use crate::account::Account;
use crate::crypto::{self, KdfParams, NONCE_LEN};
use crate::keystore::Keystore;
use crate::secret::{SecretBytes, SecretString};

/// An unlocked vault. Dropping it zeroizes the data key and every secret.
#[derive(Debug, Clone)]
pub struct Vault {
    pub(super) key: SecretBytes,
    pub(super) slots: Vec<Slot>,
    pub(super) entries: Vec<Entry>,
    /// Push tokens and the replay cache (`push_store.rs`); not part of backups.
    pub(super) push: PushData,
}

/// A new vault and the recovery code that was wrapped into it (show it once, then drop).
#[derive(Debug)]
pub struct Created {
    /// The empty vault, with a password and a recovery slot.
    pub vault: Vault,
    /// The recovery code; the only copy.
    pub recovery_code: SecretString,
}

/// What unlocks a vault.
#[derive(Clone, Copy)]
pub enum Credential<'a> {
    /// The user's password.
    Password(&'a SecretString),
    /// The recovery code shown at creation.
    RecoveryCode(&'a SecretString),
    /// The OS keystore.
    Keystore(&'a dyn Keystore),
}

impl std::fmt::Debug for Credential<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credential::Password(_) => "Credential::Password(<redacted>)",
            Credential::RecoveryCode(_) => "Credential::RecoveryCode(<redacted>)",
            Credential::Keystore(_) => "Credential::Keystore",
        })
    }
}

/// How `Vault::add` treated an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddStatus {
    /// A new entry.
    Added,
    /// Same issuer and account as an existing entry but another secret: kept as a second
    /// entry, never overwriting the first.
    DuplicateKept,
    /// Identical to an existing entry (same identity, kind and secret): nothing added.
    Existing,
}

impl AddStatus {
    /// The JSON contract's spelling: `added`, `duplicate-kept`, `existing`.
    pub fn name(self) -> &'static str {
        match self {
            AddStatus::Added => "added",
            AddStatus::DuplicateKept => "duplicate-kept",
            AddStatus::Existing => "existing",
        }
    }
}

/// Result of adding one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddOutcome {
    /// The new entry's id, or the existing entry's for `Existing`.
    pub id: EntryId,
    /// What happened.
    pub status: AddStatus,
}

/// A keystore slot made by [`Vault::prepare_keystore_slot`] (opaque: holds only the
/// wrapped key and the key id).
#[derive(Debug)]
pub struct KeystoreSlot(Slot);

impl Vault {
    /// A new, empty vault with a random data key, a password slot and a recovery slot.
    pub fn create(password: &SecretString, params: KdfParams) -> Result<Created, VaultError> {
        params.check()?;
        let key = crypto::random_key()?;
        let recovery_code = recovery::generate()?;
        let slots = vec![
            Slot::password(password.expose().as_bytes(), params, &key)?,
            Slot::recovery(&recovery::normalize(recovery_code.expose()), params, &key)?,
        ];
        Ok(Created {
            vault: Vault {
                key,
                slots,
                entries: Vec::new(),
                push: PushData::default(),
            },
            recovery_code,
        })
    }

    /// Decrypts a vault file. A wrong credential is `WrongPassword`/`WrongRecoveryCode`;
    /// a body or header that fails authentication is `Tampered` and yields no data.
    pub fn unlock(bytes: &[u8], credential: Credential<'_>) -> Result<Vault, VaultError> {
        let parsed = format::parse(bytes)?;
        let (kind, wrong) = match credential {
            Credential::Password(_) => (SlotKind::Password, VaultError::WrongPassword),
            Credential::RecoveryCode(_) => (SlotKind::Recovery, VaultError::WrongRecoveryCode),
            Credential::Keystore(_) => (
                SlotKind::Keystore,
                VaultError::NoSuchSlot("usable keystore"),
            ),
        };
        let candidates: Vec<&Slot> = parsed.slots.iter().filter(|s| s.kind() == kind).collect();
        if candidates.is_empty() {
            return Err(VaultError::NoSuchSlot(kind.name()));
        }
        // Every candidate is tried: their work together is capped before the first one.
        crypto::check_total_work(candidates.iter().filter_map(|s| s.kdf()))?;
        let mut key = None;
        let mut last_err = wrong;
        for slot in candidates {
            let opened = match credential {
                Credential::Password(p) => slot.open_with_secret(p.expose().as_bytes()),
                Credential::RecoveryCode(c) => {
                    slot.open_with_secret(&recovery::normalize(c.expose()))
                }
                Credential::Keystore(ks) => slot.open_with_keystore(ks),
            };
            match opened {
                Ok(Some(k)) => {
                    key = Some(k);
                    break;
                }
                Ok(None) => {}
                Err(e) => last_err = e,
            }
        }
        let key = key.ok_or(last_err)?;
        Self::open_body(key, parsed)
    }

    fn open_body(key: SecretBytes, parsed: format::Parsed<'_>) -> Result<Vault, VaultError> {
        let plain = crypto::open(key.expose(), parsed.nonce, parsed.aad, parsed.ciphertext)
            .ok_or(VaultError::Tampered)?;
        let (entries, push) = body::decode_body(&plain)?;
        Ok(Vault {
            key,
            slots: parsed.slots,
            entries,
            push,
        })
    }

    /// Reads a newer save of the same vault with the data key already unlocked, without
    /// asking for a credential again (the push store reloads before every change). A file
    /// under another data key, or changed outside inkan, is `Tampered`: the whole header
    /// is the body's associated data, so nothing unauthenticated is taken from it.
    pub fn reopen(&self, bytes: &[u8]) -> Result<Vault, VaultError> {
        Self::open_body(self.key.clone(), format::parse(bytes)?)
    }

    /// Encrypts the vault into file bytes with a fresh random nonce (SEC-V1).
    pub fn seal(&self) -> Result<Vec<u8>, VaultError> {
        let nonce = crypto::random::<NONCE_LEN>()?;
        let mut out = format::header(&self.slots, &nonce)?;
        let body = body::encode_body(&self.entries, &self.push)?;
        let sealed = crypto::seal(self.key.expose(), nonce, &out, &body.buf)?;
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Seals and saves through `store`.
    pub fn save(&self, store: &dyn VaultStore) -> Result<(), VaultError> {
        store.save(&self.seal()?)
    }

    /// The key slots (nothing secret).
    pub fn slots(&self) -> Vec<SlotInfo> {
        self.slots.iter().map(Slot::info).collect()
    }

    /// Adds (or replaces) the keystore slot named `key_id`, wrapping the data key with `ks`.
    pub fn add_keystore_slot(&mut self, ks: &dyn Keystore, key_id: &str) -> Result<(), VaultError> {
        let slot = Slot::keystore(ks, key_id, &self.key)?;
        self.slots.retain(|s| s.key_id() != Some(key_id));
        self.slots.push(slot);
        Ok(())
    }

    /// A keystore slot for a fresh key id, wrapped by `ks`, not yet in this vault: made on
    /// a copy of the vault outside any lock (the keystore may prompt or be slow), then put
    /// in with [`Vault::use_keystore_slot`].
    pub fn prepare_keystore_slot(&self, ks: &dyn Keystore) -> Result<KeystoreSlot, VaultError> {
        let key_id = crate::keystore::new_key_id()?;
        let slot = Slot::keystore(ks, &key_id, &self.key)?;
        Ok(KeystoreSlot(slot))
    }

    /// Makes `slot` this vault's only keystore slot; returns the key ids of the slots it
    /// replaced, for the caller to delete from the keystore after saving. The slot must
    /// wrap this vault's data key (made by `prepare_keystore_slot` on a copy of it).
    pub fn use_keystore_slot(&mut self, slot: KeystoreSlot) -> Vec<String> {
        let old = self.remove_keystore_slots();
        self.slots.push(slot.0);
        old
    }

    /// Removes every keystore slot; returns their key ids so the caller can delete them
    /// from the keystore after saving.
    pub fn remove_keystore_slots(&mut self) -> Vec<String> {
        let ids = self.slots.iter().filter_map(|s| s.info().key_id).collect();
        self.slots.retain(|s| s.kind() != SlotKind::Keystore);
        ids
    }

    /// Entries in display order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub(super) fn index(&self, id: EntryId) -> Result<usize, VaultError> {
        self.entries
            .iter()
            .position(|e| e.id == id)
            .ok_or(VaultError::NotFound)
    }

    fn fresh_id(&self) -> Result<EntryId, VaultError> {
        loop {
            let id = EntryId(crypto::random()?);
            if self.entry(id).is_none() {
                return Ok(id);
            }
        }
    }

    /// Adds an account at the end. Never overwrites (SEC-V4): an identical account is
    /// reported `Existing`, same issuer+account with another secret is `DuplicateKept`.
    pub fn add(&mut self, account: Account, now: i64) -> Result<AddOutcome, VaultError> {
        if self.entries.len() >= entry::MAX_ENTRIES as usize {
            return Err(VaultError::OverLimit {
                what: "entries",
                value: self.entries.len() as u64,
                limit: entry::MAX_ENTRIES.into(),
            });
        }
        let mut status = AddStatus::Added;
        for e in self
            .entries
            .iter()
            .filter(|e| e.account.same_identity(&account))
        {
            let same_secret =
                crypto::same_bytes(e.account.secret.expose(), account.secret.expose());
            if same_secret && e.account.kind.name() == account.kind.name() {
                return Ok(AddOutcome {
                    id: e.id,
                    status: AddStatus::Existing,
                });
            }
            status = AddStatus::DuplicateKept;
        }
        let entry = Entry {
            id: self.fresh_id()?,
            account,
            icon: None,
            note: String::new(),
            created: now,
            last_used: None,
        };
        check_entry(&entry)?;
        let id = entry.id;
        self.entries.push(entry);
        Ok(AddOutcome { id, status })
    }

    /// Adds several accounts: all of them or, on any error, none (SEC-V7).
    pub fn add_all(
        &mut self,
        accounts: Vec<Account>,
        now: i64,
    ) -> Result<Vec<AddOutcome>, VaultError> {
        let mut staged = self.clone();
        let outcomes = accounts
            .into_iter()
            .map(|a| staged.add(a, now))
            .collect::<Result<Vec<_>, _>>()?;
        *self = staged;
        Ok(outcomes)
    }

    /// Imports entries from a backup or another app, keeping their note, icon and creation
    /// time (ids are new). All of them or, on any error, none (SEC-V7).
    pub fn import_entries(
        &mut self,
        entries: Vec<Entry>,
        now: i64,
    ) -> Result<Vec<AddOutcome>, VaultError> {
        let mut staged = self.clone();
        let mut outcomes = Vec::with_capacity(entries.len());
        for e in entries {
            let (note, icon, created) = (e.note.clone(), e.icon.clone(), e.created);
            let outcome = staged.add(e.account, now)?;
            if outcome.status != AddStatus::Existing {
                // `add` appends: the new entry is the last one (no search per item, which
                // made importing 10,000 accounts quadratic).
                if let Some(added) = staged.entries.last_mut().filter(|x| x.id == outcome.id) {
                    let mut meta = added.clone();
                    (meta.note, meta.icon, meta.created) = (note, icon, created);
                    check_entry(&meta)?;
                    *added = meta;
                }
            }
            outcomes.push(outcome);
        }
        *self = staged;
        Ok(outcomes)
    }

    /// A vault holding `entries` under a fresh data key with only a password slot: the
    /// format of encrypted backups.
    pub(crate) fn backup_of(
        entries: &[Entry],
        password: &SecretString,
        params: KdfParams,
    ) -> Result<Vault, VaultError> {
        params.check()?;
        let key = crypto::random_key()?;
        let slots = vec![Slot::password(password.expose().as_bytes(), params, &key)?];
        Ok(Vault {
            key,
            slots,
            entries: entries.to_vec(),
            push: PushData::default(),
        })
    }

    /// Removes an entry and returns it.
    pub fn remove(&mut self, id: EntryId) -> Result<Entry, VaultError> {
        let i = self.index(id)?;
        Ok(self.entries.remove(i))
    }

    /// Changes issuer and account name.
    pub fn rename(
        &mut self,
        id: EntryId,
        issuer: Option<String>,
        name: String,
    ) -> Result<(), VaultError> {
        check_text("issuer", issuer.as_deref().unwrap_or(""), MAX_NAME_BYTES)?;
        check_text("account name", &name, MAX_NAME_BYTES)?;
        let i = self.index(id)?;
        let e = self.entries.get_mut(i).ok_or(VaultError::NotFound)?;
        e.account.issuer = issuer
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        e.account.name = name.trim().to_owned();
        Ok(())
    }

    /// Moves an entry to position `index` (clamped to the end).
    pub fn move_to(&mut self, id: EntryId, index: usize) -> Result<(), VaultError> {
        let i = self.index(id)?;
        let e = self.entries.remove(i);
        let index = index.min(self.entries.len());
        self.entries.insert(index, e);
        Ok(())
    }

    /// Sets the note and icon hint of an entry.
    pub fn set_meta(
        &mut self,
        id: EntryId,
        note: Option<String>,
        icon: Option<Option<String>>,
    ) -> Result<(), VaultError> {
        let i = self.index(id)?;
        let mut e = self.entries.get(i).cloned().ok_or(VaultError::NotFound)?;
        if let Some(n) = note {
            e.note = n;
        }
        if let Some(icon) = icon {
            e.icon = icon;
        }
        check_entry(&e)?;
        if let Some(slot) = self.entries.get_mut(i) {
            *slot = e;
        }
        Ok(())
    }
}
