//! The encrypted vault: file format, key slots, entries, and crash-safe storage.
//!
//! Owns the format documented in `docs/vault-format.md` (AES-256-GCM body under a random
//! data key, header authenticated as associated data, password/recovery slots with
//! Argon2id, keystore slots through the `Keystore` trait), the account rules users expect
//! (never overwrite, all-or-nothing imports, HOTP counter saved before display), backups
//! and exports, and the storage of push tokens and their replay cache (`VaultPushStore` for
//! one process per command, `SessionPushStore` for an app that keeps the vault open).
//! It does not own OS keystores (see `keystore`) nor any path policy: the caller picks
//! the file. `FileStore` is the one implementation that touches the OS.

mod backup;
mod body;
mod codec;
mod entry;
mod error;
mod file_store;
mod format;
mod hotp_resync;
mod lookup;
mod push_body;
mod push_history_body;
mod push_store;
mod qr_export;
mod recovery;
mod rekey;
mod session;
mod session_push;
mod slot;
mod slot_sealed;
mod store;
mod unlocked;

pub use crate::crypto::KdfParams;
pub use backup::{export_backup, export_plain, import_backup, PLAIN_EXPORT_WARNING};
pub use entry::{Entry, EntryId, MAX_ENTRIES, MAX_NAME_BYTES, MAX_NOTE_BYTES};
pub use error::VaultError;
pub use file_store::FileStore;
pub use format::{inspect, VaultInfo, MAGIC, MAX_FILE_BYTES, VERSION};
pub use push_body::MAX_PUSH_TOKENS;
pub use push_store::VaultPushStore;
pub use qr_export::{export_migration_qr, render_png, QrExport};
pub use rekey::CredentialChange;
pub use session::{CreatedSession, Session};
pub use session_push::SessionPushStore;
pub use slot::{SlotInfo, SlotKind, MAX_SLOTS};
pub use store::{MemoryStore, VaultStore};
pub use unlocked::{AddOutcome, AddStatus, Created, Credential, KeystoreSlot, Vault};

#[cfg(fuzzing)]
pub use body::fuzz_decode_body;
