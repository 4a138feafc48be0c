//! What the CLI reports when a command fails. Messages come from the core's errors, which
//! never contain secrets, or are written here without user data beyond names and paths.

use inkan_core::vault::VaultError;

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] inkan_core::Error),
    #[error("could not write output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Pairing(#[from] inkan_core::pairing::PairingError),
    #[error(transparent)]
    Push(#[from] inkan_core::push::PushError),
    /// A refusal or usage problem explained in one line.
    #[error("{0}")]
    Message(String),
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

impl From<VaultError> for CliError {
    fn from(e: VaultError) -> Self {
        CliError::Core(e.into())
    }
}

impl From<inkan_core::import::ImportError> for CliError {
    fn from(e: inkan_core::import::ImportError) -> Self {
        CliError::msg(e.to_string())
    }
}

impl From<inkan_core::aegis::AegisError> for CliError {
    fn from(e: inkan_core::aegis::AegisError) -> Self {
        CliError::Core(e.into())
    }
}

impl CliError {
    pub fn msg(s: impl Into<String>) -> Self {
        CliError::Message(s.into())
    }

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
