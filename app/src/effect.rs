//! Effects: what the shell must do after an event. Results come back as events.

/// Why the shell is asked to pick a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// An image or screenshot with a QR code (system photo picker).
    QrImage,
    /// An inkan backup to restore (document picker).
    Backup,
}

/// Slow work the shell runs off the main thread with [`crate::App::run`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Create the vault (Argon2id).
    CreateVault,
    /// Put the new vault in place once its recovery code is acknowledged, and open it.
    PromoteVault,
    /// Open the vault through the keystore.
    OpenWithKeystore,
    /// Open the vault with the typed password (Argon2id).
    OpenWithPassword,
    /// Open the vault with the recovery code (Argon2id).
    OpenWithRecoveryCode,
    /// Set the new password after a recovery-code unlock (Argon2id).
    SetNewPassword,
    /// Decode the picked image.
    DecodeImage,
    /// Seal an encrypted backup (Argon2id).
    ExportBackup,
    /// Open and import a backup (Argon2id).
    RestoreBackup,
    /// Pair a push token (key generation, network).
    PairPush,
    /// Poll every push token (network).
    PollPush,
    /// Send the answer to the open challenge (network, presence prompt).
    AnswerPush,
}

/// Something the shell must do.
#[derive(Clone, PartialEq, Eq)]
pub enum Effect {
    /// Draw `App::view()` again.
    Render,
    /// Run `App::run(job)` on a worker thread and perform the effects it returns.
    Run {
        /// The work.
        job: Job,
    },
    /// Start the camera preview and send frames (`Event::CameraFrame`).
    StartCamera,
    /// Stop the camera (scan done, screen left).
    StopCamera,
    /// Show the system picker and send `Event::FilePicked` with the file.
    PickFile {
        /// Which picker and what for.
        purpose: FilePurpose,
    },
    /// Let the user save a file (document picker / share sheet).
    SaveFile {
        /// Suggested file name.
        name: String,
        /// The bytes to save.
        bytes: Vec<u8>,
    },
    /// Put text on the clipboard.
    CopyToClipboard {
        /// The text.
        text: String,
        /// A code or secret: mark it sensitive (Android 13 `EXTRA_IS_SENSITIVE`, iOS
        /// `localOnly` + expiry) so it is not shown in previews or synced.
        sensitive: bool,
    },
    /// Send `Event::Tick` after this many milliseconds (replaces any earlier tick).
    ScheduleTick {
        /// Delay.
        after_ms: u64,
    },
    /// Post (or replace) the sign-in notification; `public_*` is what the lock screen shows
    /// (SEC-P7). An empty `title` removes the notification.
    Notify {
        /// Title inside the unlocked phone.
        title: String,
        /// Body inside the unlocked phone: who asks, never a number or the question.
        body: String,
        /// Lock-screen title.
        public_title: String,
    },
}

impl std::fmt::Debug for Effect {
    // Codes, backups and frames stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Render => f.write_str("Render"),
            Effect::Run { job } => write!(f, "Run({job:?})"),
            Effect::StartCamera => f.write_str("StartCamera"),
            Effect::StopCamera => f.write_str("StopCamera"),
            Effect::PickFile { purpose } => write!(f, "PickFile({purpose:?})"),
            Effect::SaveFile { name, bytes } => {
                write!(f, "SaveFile({name}, {} bytes)", bytes.len())
            }
            Effect::CopyToClipboard { sensitive, .. } => {
                write!(f, "CopyToClipboard(<redacted>, sensitive: {sensitive})")
            }
            Effect::ScheduleTick { after_ms } => write!(f, "ScheduleTick({after_ms} ms)"),
            Effect::Notify { title, .. } => write!(f, "Notify({title})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_code_or_file() {
        let copy = Effect::CopyToClipboard {
            text: "492039".into(),
            sensitive: true,
        };
        assert!(!format!("{copy:?}").contains("492039"));
        let save = Effect::SaveFile {
            name: "b".into(),
            bytes: b"secret-bytes".to_vec(),
        };
        assert!(!format!("{save:?}").contains("secret"));
    }
}
