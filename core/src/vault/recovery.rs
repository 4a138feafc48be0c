//! Recovery codes: 160 random bits shown once at creation as eight groups of four base32
//! characters (`ABCD-EFGH-…`). Typing is forgiving: case, spaces and dashes are ignored.

use super::error::VaultError;
use crate::base32;
use crate::crypto;
use crate::secret::SecretString;
use zeroize::Zeroizing;

/// Random bytes in a recovery code.
const CODE_BYTES: usize = 20;

/// A fresh recovery code, formatted for display.
pub(crate) fn generate() -> Result<SecretString, VaultError> {
    let raw = Zeroizing::new(crypto::random::<CODE_BYTES>()?);
    let text = Zeroizing::new(base32::encode(raw.as_slice()));
    let mut out = String::with_capacity(40);
    for (i, c) in text.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    Ok(SecretString::new(out))
}

/// The canonical bytes fed to the KDF: uppercase base32 characters only.
pub(crate) fn normalize(code: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(
        code.chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\t'))
            .map(|c| c.to_ascii_uppercase() as u8)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_normalize() {
        let code = generate().unwrap();
        assert_eq!(code.expose().len(), 39);
        assert_eq!(code.expose().matches('-').count(), 7);
        let sloppy = code.expose().to_lowercase().replace('-', " ");
        assert_eq!(normalize(&sloppy), normalize(code.expose()));
    }
}
