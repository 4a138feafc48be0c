//! Backups and exports (SEC-V6): encrypted by default, plain only on request.
//!
//! An encrypted backup is an ordinary vault file (same format, same checks) holding the
//! entries under a fresh data key with a single password slot, so restoring uses the same
//! audited code path as opening a vault. The plain export is a list of otpauth URIs headed
//! by a warning; the CLI repeats that warning on the terminal.

use super::entry::Entry;
use super::error::VaultError;
use super::unlocked::{Credential, Vault};
use crate::crypto::KdfParams;
use crate::secret::SecretString;
use crate::uri;
use zeroize::Zeroizing;

/// The first lines of every plain export.
pub const PLAIN_EXPORT_WARNING: &str = "# inkan plain export: UNENCRYPTED.\n\
# Every line below contains an account's secret key. Anyone who reads this file can\n\
# generate your sign-in codes. Import it where needed, then delete it securely.\n";

/// Seals `entries` as an encrypted backup file protected by `password`.
pub fn export_backup(
    entries: &[Entry],
    password: &SecretString,
    params: KdfParams,
) -> Result<Vec<u8>, VaultError> {
    Vault::backup_of(entries, password, params)?.seal()
}

/// Opens an encrypted backup (any inkan vault file) with its password.
pub fn import_backup(bytes: &[u8], password: &SecretString) -> Result<Vec<Entry>, VaultError> {
    Ok(Vault::unlock(bytes, Credential::Password(password))?
        .entries()
        .to_vec())
}

/// The plain export: warning header, then one otpauth URI per line (zeroized on drop).
pub fn export_plain(entries: &[Entry]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::from(PLAIN_EXPORT_WARNING));
    for e in entries {
        out.push_str(&Zeroizing::new(uri::to_uri(&e.account)));
        out.push('\n');
    }
    out
}
