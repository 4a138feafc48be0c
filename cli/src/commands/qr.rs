//! `inkan qr decode`: the texts of the QR codes in image files, one file per line.

use super::input::read_image;
use crate::error::CliError;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// One line of `inkan qr decode --json` (the bench.py contract).
#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    texts: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn decode(files: &[PathBuf], json: bool) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    for path in files {
        let name = path.to_string_lossy();
        let result = read_image(path)
            .and_then(|bytes| inkan_core::qr::decode_image(&bytes).map_err(CliError::from));
        let (texts, error) = match result {
            Ok(texts) => (texts, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        if json {
            let line = FileJson {
                file: &name,
                texts: &texts,
                error,
            };
            let text = serde_json::to_string(&line).map_err(std::io::Error::from)?;
            writeln!(out, "{text}")?;
        } else if let Some(e) = error {
            writeln!(out, "{name}: error: {e}")?;
        } else if texts.is_empty() {
            writeln!(out, "{name}: no QR code found")?;
        } else {
            for t in &texts {
                writeln!(out, "{name}: {}", t.escape_debug())?;
            }
        }
        // Each line goes out as soon as its file is done: callers may stream.
        out.flush()?;
    }
    Ok(())
}
