//! Proton Authenticator's plain JSON export: `entries[].content.uri` (an `otpauth://` or
//! `steam://` URI) with the entry's note. Its password-protected export is not read yet.

use super::item::from_uri;
use super::read::{array, json, s};
use super::{ImportError, Read};
use serde_json::Value;

const FORMAT: &str = "Proton Authenticator";

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let mut out = Read::new();
    for (i, v) in array(FORMAT, &root, "entries")?.iter().enumerate() {
        let content = v.get("content").unwrap_or(&Value::Null);
        let uri = s(content, "uri");
        let result = if uri.is_empty() {
            Err("no uri".to_owned())
        } else {
            from_uri(uri)
        };
        out.push(
            i + 1,
            result,
            s(v, "note").to_owned(),
            "",
            s(content, "name"),
        );
    }
    Ok(out)
}
