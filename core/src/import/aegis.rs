//! Aegis JSON, plain and encrypted: the reader in `crate::aegis` (its scrypt work capped
//! through `crypto`), its result turned into `Read`.

use super::{ImportError, Item, Read, Skip};
use crate::aegis::{self, AegisError};
use crate::secret::SecretString;

pub(super) fn read(bytes: &[u8], password: Option<&SecretString>) -> Result<Read, ImportError> {
    let import = aegis::parse(bytes, password).map_err(|e| match e {
        AegisError::PasswordRequired => ImportError::PasswordRequired { format: "Aegis" },
        AegisError::WrongPassword | AegisError::Tampered => {
            ImportError::WrongPassword { format: "Aegis" }
        }
        other => other.into(),
    })?;
    let mut out = Read::new();
    out.items = import
        .items
        .into_iter()
        .map(|i| Item {
            position: i.index + 1,
            account: i.account,
            note: i.note,
            icon: None,
            created: None,
        })
        .collect();
    out.skipped = import
        .skipped
        .into_iter()
        .map(|s| Skip {
            position: s.index + 1,
            label: s.label,
            reason: s.reason,
        })
        .collect();
    Ok(out)
}
