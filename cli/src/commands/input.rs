//! What `parse` and `code` accept: a link, or an image file whose QR codes hold links.

use crate::error::CliError;
use inkan_core::qr::{decode_image, MAX_FILE_BYTES};
use inkan_core::text::{parse_accounts, ParsedText};
use std::io::Read;
use std::path::Path;

/// Reads an image file, refusing files over the decoder's limit without reading them whole.
pub fn read_image(path: &Path) -> Result<Vec<u8>, CliError> {
    let file = std::fs::File::open(path).map_err(|e| CliError::read(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::read(path, e))?;
    Ok(bytes)
}

/// Accounts in `input`: the link itself or, when `input` names an existing file, every code
/// in that image that parses. Codes that are not account links are reported on stderr by
/// their error class only (their text may be anything).
pub fn accounts(input: &str) -> Result<ParsedText, CliError> {
    let path = Path::new(input);
    if !path.is_file() {
        return Ok(parse_accounts(input)?);
    }
    let texts = decode_image(&read_image(path)?)?;
    let mut all = ParsedText {
        accounts: Vec::new(),
        skipped: Vec::new(),
    };
    let mut first_error = None;
    for text in &texts {
        match parse_accounts(text) {
            Ok(parsed) => {
                all.accounts.extend(parsed.accounts);
                all.skipped.extend(parsed.skipped);
            }
            Err(e) => {
                eprintln!(
                    "inkan: a QR code in the image is not an account link ({})",
                    e.class()
                );
                first_error.get_or_insert(e);
            }
        }
    }
    if all.accounts.is_empty() && all.skipped.is_empty() {
        return Err(match first_error {
            Some(e) => e.into(),
            None => CliError::NoCode(input.to_owned()),
        });
    }
    Ok(all)
}
