//! What the CLI reports when a command fails. Messages come from the core's errors, which
//! never contain secrets.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] inkan_core::Error),
    #[error("could not write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("could not read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("no QR code found in {0}")]
    NoCode(String),
}

impl From<inkan_core::qr::QrError> for CliError {
    fn from(e: inkan_core::qr::QrError) -> Self {
        CliError::Core(e.into())
    }
}

impl CliError {
    pub fn read(path: &Path, source: std::io::Error) -> Self {
        CliError::Read {
            file: path.to_string_lossy().into_owned(),
            source,
        }
    }

    pub fn exit_code(&self) -> u8 {
        1
    }
}
