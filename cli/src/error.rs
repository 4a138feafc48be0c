//! What the CLI reports when a command fails. Messages come from the core's errors, which
//! never contain secrets.

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
    /// A refusal or failure the CLI itself reports (message is display-safe).
    #[error("{0}")]
    Refused(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        1
    }
}
