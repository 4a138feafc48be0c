//! Importing other apps' exports: detect the format from the content, read it into
//! accounts and per-item problems, then plan against the vault (what is added, what is
//! already there, what is skipped and why) before anything is written (SEC-V7).
//!
//! One file per format, each a pure function from bytes (and a password) to `Read`; none
//! touches the vault. `plan` compares with the vault's entries; the caller applies
//! `Plan::entries` with `Vault::import_entries`, which is all-or-nothing. Files are capped
//! at `MAX_FILE_BYTES`, entries at `MAX_ITEMS`, and KDF work per import through `crypto`.

mod aegis;
mod andotp;
mod backup;
mod bitwarden;
mod duo;
mod error;
mod format;
mod freeotp_plus;
mod image;
mod item;
mod lastpass;
mod plan;
mod proton;
mod read;
mod steam;
mod stratum;
mod text;
mod twofas;

pub use error::ImportError;
pub use format::{detect, Format};
pub use item::{Item, Read, Skip};
pub use plan::{plan, Plan, Planned};
pub use read::{read, MAX_FILE_BYTES, MAX_ITEMS};
