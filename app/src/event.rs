//! Events: what the user or the platform did. Secrets typed by the user (passwords, the
//! recovery code, a manual secret) arrive as `String` (that is what crosses the FFI) and
//! are wrapped into zeroizing types by the first line that handles them.

/// How the user denies a sign-in (SEC-P9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenyChoice {
    /// "Deny": the user changed their mind (`cancelled`).
    Cancelled,
    /// "This wasn't me": someone else started the sign-in (`unknown_trigger`), counts
    /// towards muting (SEC-P8).
    NotMe,
}

/// The kind of a manually entered account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManualKind {
    /// Time-based (30 s).
    Totp,
    /// Counter-based.
    Hotp,
}

/// Something the user or the platform did.
#[derive(Clone, PartialEq, Eq)]
pub enum Event {
    /// The app started; `system_language` is the system locale tag (`ja-JP`).
    Start {
        /// BCP 47 or POSIX locale tag.
        system_language: String,
    },
    /// The system language changed.
    LanguageChanged {
        /// BCP 47 or POSIX locale tag.
        system_language: String,
    },
    /// A scheduled tick fired (see `Effect::ScheduleTick`).
    Tick,
    /// The app went to the background.
    Backgrounded,
    /// The app came back to the foreground.
    Foregrounded,
    /// Back / close on the current screen.
    Back,

    // First start.
    /// Create the vault with this password (typed twice).
    CreateVault {
        /// The new password.
        password: String,
        /// The same password again.
        confirmation: String,
    },
    /// The user ticked or unticked "I have written down the recovery code".
    RecoveryCodeSavedChecked {
        /// Ticked.
        checked: bool,
    },
    /// Continue after the recovery code screen.
    AcknowledgeRecoveryCode,

    // Unlock.
    /// Try the keystore again (e.g. after the prompt was cancelled).
    UnlockWithKeystore,
    /// Unlock with the password.
    UnlockWithPassword {
        /// The password.
        password: String,
    },
    /// Show the recovery code form instead of the password.
    ForgotPassword,
    /// Unlock with the recovery code (then a new password is required).
    UnlockWithRecoveryCode {
        /// The recovery code as written down (case, spaces and dashes do not matter).
        code: String,
    },
    /// The new password after a recovery-code unlock.
    SetNewPassword {
        /// The new password.
        password: String,
        /// The same password again.
        confirmation: String,
    },
    /// Lock the app now.
    LockNow,

    // Account list.
    /// The search field changed.
    Search {
        /// What is typed.
        query: String,
    },
    /// Copy the code of an account (a shown HOTP code counts as used and hides).
    CopyCode {
        /// Entry id.
        id: String,
    },
    /// Show the next HOTP code (advances and saves the counter once).
    RevealHotp {
        /// Entry id.
        id: String,
    },
    /// Ask to delete an account (a confirmation follows).
    AskDelete {
        /// Entry id.
        id: String,
    },
    /// Confirm the delete asked for.
    ConfirmDelete,
    /// Rename an account.
    Rename {
        /// Entry id.
        id: String,
        /// New issuer (empty: none).
        issuer: String,
        /// New account name.
        name: String,
    },
    /// Move an account to a position in the list.
    Move {
        /// Entry id.
        id: String,
        /// New position (0 = first).
        to_index: u32,
    },

    // Adding accounts.
    /// Open the QR scanner.
    OpenScanner,
    /// One camera frame, as a greyscale (luma) plane.
    CameraFrame {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Bytes per row (≥ width).
        row_stride: u32,
        /// The plane.
        bytes: Vec<u8>,
    },
    /// Scan from an image or screenshot (asks the shell for a picker).
    ScanImage,
    /// A link the OS handed the app (deep link, App Link, paste).
    LinkOpened {
        /// The link.
        link: String,
    },
    /// Open the manual entry form.
    OpenManualEntry,
    /// Add the account typed in the manual entry form.
    ManualEntry {
        /// Issuer (may be empty).
        issuer: String,
        /// Account name.
        name: String,
        /// The secret key (base32, spaces allowed).
        secret: String,
        /// Time- or counter-based.
        kind: ManualKind,
    },
    /// Add what the confirmation screen shows.
    ConfirmAdd,

    // Push approval.
    /// Poll the push server now (pull to refresh, notification tap, background job).
    PollPush,
    /// Open the approval screen of a challenge.
    OpenChallenge {
        /// The challenge nonce.
        nonce: String,
    },
    /// Switch between type-in (the default: type the number shown at sign-in) and
    /// choose-one (tap it among the offered options).
    SwitchNumberEntry,
    /// Choose-one: the option tapped.
    ChooseNumber {
        /// The option text.
        number: String,
    },
    /// Type-in: the field's text.
    TypeNumber {
        /// What is typed.
        text: String,
    },
    /// Approve the sign-in (presence is asked by the platform signer).
    Approve,
    /// Deny the sign-in.
    Deny {
        /// Why.
        reason: DenyChoice,
    },

    // Backup and settings.
    /// Open the backup screen.
    OpenBackup,
    /// Export an encrypted backup protected by this password.
    ExportBackup {
        /// Backup password.
        password: String,
        /// The same again.
        confirmation: String,
    },
    /// Restore a backup: asks the shell to pick the file.
    RestoreBackup,
    /// A file the shell picked for `purpose`.
    FilePicked {
        /// Why it was picked.
        purpose: crate::FilePurpose,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// The backup's password, for the picked backup file.
    RestorePassword {
        /// The backup password.
        password: String,
    },
    /// Open the settings.
    OpenSettings,
    /// Lock the app after this many seconds in the background (0: at once).
    SetLockTimeout {
        /// Seconds.
        seconds: u32,
    },
}

impl std::fmt::Debug for Event {
    // Only the variant: events carry passwords, codes, links and camera frames.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Event::Start { .. } => "Start",
            Event::LanguageChanged { .. } => "LanguageChanged",
            Event::Tick => "Tick",
            Event::Backgrounded => "Backgrounded",
            Event::Foregrounded => "Foregrounded",
            Event::Back => "Back",
            Event::CreateVault { .. } => "CreateVault",
            Event::RecoveryCodeSavedChecked { .. } => "RecoveryCodeSavedChecked",
            Event::AcknowledgeRecoveryCode => "AcknowledgeRecoveryCode",
            Event::UnlockWithKeystore => "UnlockWithKeystore",
            Event::UnlockWithPassword { .. } => "UnlockWithPassword",
            Event::ForgotPassword => "ForgotPassword",
            Event::UnlockWithRecoveryCode { .. } => "UnlockWithRecoveryCode",
            Event::SetNewPassword { .. } => "SetNewPassword",
            Event::LockNow => "LockNow",
            Event::Search { .. } => "Search",
            Event::CopyCode { .. } => "CopyCode",
            Event::RevealHotp { .. } => "RevealHotp",
            Event::AskDelete { .. } => "AskDelete",
            Event::ConfirmDelete => "ConfirmDelete",
            Event::Rename { .. } => "Rename",
            Event::Move { .. } => "Move",
            Event::OpenScanner => "OpenScanner",
            Event::CameraFrame { .. } => "CameraFrame",
            Event::ScanImage => "ScanImage",
            Event::LinkOpened { .. } => "LinkOpened",
            Event::OpenManualEntry => "OpenManualEntry",
            Event::ManualEntry { .. } => "ManualEntry",
            Event::ConfirmAdd => "ConfirmAdd",
            Event::PollPush => "PollPush",
            Event::OpenChallenge { .. } => "OpenChallenge",
            Event::SwitchNumberEntry => "SwitchNumberEntry",
            Event::ChooseNumber { .. } => "ChooseNumber",
            Event::TypeNumber { .. } => "TypeNumber",
            Event::Approve => "Approve",
            Event::Deny { .. } => "Deny",
            Event::OpenBackup => "OpenBackup",
            Event::ExportBackup { .. } => "ExportBackup",
            Event::RestoreBackup => "RestoreBackup",
            Event::FilePicked { .. } => "FilePicked",
            Event::RestorePassword { .. } => "RestorePassword",
            Event::OpenSettings => "OpenSettings",
            Event::SetLockTimeout { .. } => "SetLockTimeout",
        };
        write!(f, "Event::{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        let events = [
            Event::UnlockWithPassword {
                password: "hunter2-secret".into(),
            },
            Event::UnlockWithRecoveryCode {
                code: "hunter2-secret".into(),
            },
            Event::LinkOpened {
                link: "otpauth://totp/x?secret=hunter2-secret".into(),
            },
            Event::ManualEntry {
                issuer: String::new(),
                name: "n".into(),
                secret: "hunter2-secret".into(),
                kind: ManualKind::Totp,
            },
        ];
        for e in events {
            assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
        }
    }
}
