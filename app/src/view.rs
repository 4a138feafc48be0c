//! View models: what to draw, with every text in the user's language. Never how to draw.

/// An error as shown: the message and its stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorView {
    /// `E-VAULT-WRONG-PASSWORD`.
    pub code: String,
    /// The message, in the user's language.
    pub message: String,
}

/// A button or action: its label (also its accessibility label) and whether it can be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionView {
    /// Label.
    pub label: String,
    /// False when the action is not available right now.
    pub enabled: bool,
}

/// The whole screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewModel {
    /// The screen's title.
    pub title: String,
    /// What the screen shows.
    pub screen: Screen,
    /// Work is running (show progress; ignore double taps).
    pub busy: bool,
    /// The last error, if any.
    pub error: Option<ErrorView>,
    /// A passing message ("Copied", "Account added").
    pub notice: Option<String>,
    /// BCP 47 tag of the texts (`en`, `ja`).
    pub language: String,
}

/// The screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Before `Event::Start`, or while the vault opens.
    Loading,
    /// First start: choose a password.
    CreateVault(PasswordForm),
    /// First start: the recovery code, shown once.
    RecoveryCode(RecoveryCodeView),
    /// Unlock with the password (or the recovery code).
    Unlock(UnlockView),
    /// After a recovery-code unlock: a new password.
    NewPassword(PasswordForm),
    /// The account list.
    Accounts(AccountsView),
    /// The QR scanner.
    Scan(ScanView),
    /// Manual entry.
    ManualEntry(ManualEntryView),
    /// What a link or QR code would add, before anything is saved (SEC-L1).
    Confirm(ConfirmView),
    /// Push approval.
    Approve(ApproveView),
    /// Backup and restore.
    Backup(BackupView),
    /// Settings.
    Settings(SettingsView),
}

/// A password form (new vault, new password, backup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordForm {
    /// What the screen is for.
    pub intro: String,
    /// Label of the password field.
    pub password_label: String,
    /// Label of the confirmation field.
    pub confirmation_label: String,
    /// The rule ("At least 8 characters").
    pub rule: String,
    /// Submit.
    pub submit: ActionView,
}

/// The recovery code screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCodeView {
    /// Why it matters.
    pub intro: String,
    /// The code, grouped for writing down. Shown once.
    pub code: String,
    /// The acknowledgement checkbox.
    pub checkbox: String,
    /// Whether it is ticked.
    pub checked: bool,
    /// Continue (enabled once ticked).
    pub submit: ActionView,
}

/// The unlock screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlockView {
    /// True when the recovery code form is shown instead of the password.
    pub recovery: bool,
    /// What to do.
    pub intro: String,
    /// Field label.
    pub field_label: String,
    /// Submit.
    pub submit: ActionView,
    /// "Forgot password? Use the recovery code" (password form only).
    pub forgot: Option<ActionView>,
    /// "Use Face ID / fingerprint" when the keystore can open the vault.
    pub keystore: Option<ActionView>,
    /// A sign-in link waits for the unlock: say so.
    pub pending_link: Option<String>,
}

/// HOTP or TOTP row details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeState {
    /// A time-based code.
    Timed {
        /// The current code, grouped.
        code: String,
        /// Seconds until it changes.
        remaining_seconds: u32,
        /// Share of the period left, 0..=1000 (for the countdown ring).
        progress_permille: u32,
        /// Near the end of the period: the next code, grouped, with its label.
        next: Option<String>,
    },
    /// A counter-based code, hidden until asked for.
    Hidden {
        /// The masked shape ("••• •••").
        masked: String,
        /// "Show code".
        reveal: ActionView,
    },
    /// A counter-based code being shown.
    Revealed {
        /// The code, grouped.
        code: String,
        /// "Hides in 25 s".
        hides_in: String,
    },
    /// No code (the device clock is before 1970).
    Unavailable {
        /// Why.
        reason: String,
    },
}

/// One account row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    /// Entry id (for row events).
    pub id: String,
    /// Issuer, or empty.
    pub issuer: String,
    /// Account name.
    pub name: String,
    /// The code.
    pub code: CodeState,
    /// Accessibility label of the row ("GitHub, octo, code 123 456, 12 seconds left").
    pub accessibility: String,
}

/// The delete confirmation dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmDeleteView {
    /// Entry id.
    pub id: String,
    /// "Delete GitHub: octo?"
    pub question: String,
    /// What it means ("You can no longer sign in with…").
    pub warning: String,
    /// Delete.
    pub confirm: ActionView,
    /// Cancel.
    pub cancel: ActionView,
}

/// The account list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountsView {
    /// "3 accounts".
    pub count: String,
    /// Search field placeholder.
    pub search_placeholder: String,
    /// What is typed in the search field.
    pub query: String,
    /// Rows matching the search, in the user's order.
    pub rows: Vec<AccountRow>,
    /// Shown when there is no row.
    pub empty: Option<String>,
    /// "Add account", "Scan QR code", "Scan an image", "Enter manually".
    pub add: ActionView,
    /// Scan with the camera.
    pub scan: ActionView,
    /// Scan an image or screenshot.
    pub scan_image: ActionView,
    /// Manual entry.
    pub manual: ActionView,
    /// Open sign-in requests, newest first.
    pub sign_in_requests: Vec<InboxRow>,
    /// "Someone may know your password" after muted prompts (SEC-P8).
    pub muted_warning: Option<String>,
    /// The delete dialog, when asked.
    pub confirm_delete: Option<ConfirmDeleteView>,
}

/// One open sign-in request in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxRow {
    /// Nonce (for `Event::OpenChallenge`).
    pub nonce: String,
    /// "Sign-in request: privacyIDEA: alice".
    pub text: String,
}

/// The scanner screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanView {
    /// "Point the camera at the QR code on the sign-in screen".
    pub hint: String,
    /// Set when a code was seen that is not a sign-in code.
    pub not_sign_in: Option<String>,
    /// Pick an image instead.
    pub scan_image: ActionView,
    /// Close.
    pub cancel: ActionView,
}

/// The manual entry form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualEntryView {
    /// Field labels: issuer, account, secret key.
    pub issuer_label: String,
    /// Account name label.
    pub name_label: String,
    /// Secret key label.
    pub secret_label: String,
    /// Time-based option.
    pub totp_label: String,
    /// Counter-based option.
    pub hotp_label: String,
    /// Add.
    pub submit: ActionView,
}

/// One account on the confirmation screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmItem {
    /// Issuer, or empty.
    pub issuer: String,
    /// Account name.
    pub name: String,
}

/// What a link would do, before anything is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmView {
    /// "Add 2 accounts?"
    pub question: String,
    /// The accounts.
    pub items: Vec<ConfirmItem>,
    /// "From example.com" for a verified App Link.
    pub source: Option<String>,
    /// One line per export item that cannot be imported.
    pub skipped: Vec<String>,
    /// Add.
    pub confirm: ActionView,
    /// Cancel.
    pub cancel: ActionView,
}

/// How the number of a number-matching sign-in is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberEntry {
    /// No number matching: approve or deny.
    None,
    /// Tap the number shown on the sign-in screen among these (none is marked, SEC-P5).
    ChooseOne {
        /// Options in server order.
        options: Vec<String>,
        /// The one tapped.
        chosen: Option<String>,
        /// "Type the number instead".
        type_in: ActionView,
    },
    /// Type the number shown on the sign-in screen.
    TypeIn {
        /// Field label.
        label: String,
        /// What is typed (digits and letters; filtered).
        typed: String,
        /// Longest accepted input.
        max_len: u32,
    },
}

/// The approval screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApproveView {
    /// "Approve sign-in?"
    pub question: String,
    /// The account ("privacyIDEA: alice").
    pub account: String,
    /// "Sign-in at pi.example.com" (the host pinned at pairing).
    pub sign_in_at: String,
    /// The challenge's title and question: untrusted, plain text only (SEC-P2).
    pub server_text: String,
    /// The number entry.
    pub number: NumberEntry,
    /// Approve.
    pub approve: ActionView,
    /// Deny ("cancelled").
    pub deny: ActionView,
    /// "This wasn't me".
    pub not_me: ActionView,
    /// The outcome once answered ("Sign-in approved", "Sign-in blocked").
    pub outcome: Option<String>,
    /// The code to type at the sign-in page, when the server returned one (privacyIDEA's
    /// `push_code_to_phone`); the outcome text says where to type it.
    pub display_code: Option<String>,
}

/// Backup and restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupView {
    /// What a backup is.
    pub intro: String,
    /// The backup password form.
    pub export: PasswordForm,
    /// Restore from a file.
    pub restore: ActionView,
    /// Set when a picked backup waits for its password.
    pub restore_password_label: Option<String>,
}

/// Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsView {
    /// "Lock after".
    pub lock_label: String,
    /// Choices in seconds with their labels.
    pub lock_choices: Vec<LockChoice>,
    /// Lock now.
    pub lock_now: ActionView,
    /// "Push approval needs the app open …" (no push service wired yet).
    pub push_note: String,
}

/// One app-lock timeout choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockChoice {
    /// Seconds.
    pub seconds: u32,
    /// "1 minute".
    pub label: String,
    /// The current setting.
    pub selected: bool,
}
