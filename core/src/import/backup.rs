//! inkan's own encrypted backup: every entry with its note, icon and creation time.

use super::{ImportError, Item, Read};
use crate::secret::SecretString;
use crate::vault::{import_backup, VaultError};

pub(super) fn read(bytes: &[u8], password: Option<&SecretString>) -> Result<Read, ImportError> {
    let password = password.ok_or(ImportError::PasswordRequired {
        format: "inkan backup",
    })?;
    let entries = import_backup(bytes, password).map_err(|e| match e {
        VaultError::WrongPassword => ImportError::WrongPassword {
            format: "inkan backup",
        },
        other => other.into(),
    })?;
    let mut out = Read::new();
    out.items = entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| Item {
            position: i + 1,
            account: e.account,
            note: e.note,
            icon: e.icon,
            created: Some(e.created),
        })
        .collect();
    Ok(out)
}
