//! The app model's types (`inkan_app`: events, effects, jobs, view models) exported as
//! they are: each item restates the app's definition under `#[uniffi::remote]`, which
//! generates the FFI conversions for the app's own type. The restated fields are checked
//! against the app's by the compiler (STYLE §8): a field added in `app/` fails this build
//! until it is added here.

pub use inkan_app::{
    AccountRow, AccountsView, ActionView, ApproveView, BackupView, CodeState, ConfirmDeleteView,
    ConfirmItem, ConfirmView, DenyChoice, Effect, ErrorView, Event, FilePurpose, InboxRow, Job,
    LockChoice, ManualEntryView, ManualKind, NumberEntry, PasswordForm, RecoveryCodeView, ScanView,
    Screen, SettingsView, UnlockView, ViewModel,
};

/// Why the shell is asked to pick a file.
#[uniffi::remote(Enum)]
pub enum FilePurpose {
    /// An image or screenshot with a QR code (system photo picker).
    QrImage,
    /// An inkan backup to restore (document picker).
    Backup,
}

/// Slow work the shell runs off the main thread with [`crate::App::run`].
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Enum)]
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

/// How the user denies a sign-in (SEC-P9).
#[uniffi::remote(Enum)]
pub enum DenyChoice {
    /// "Deny": the user changed their mind (`cancelled`).
    Cancelled,
    /// "This wasn't me": someone else started the sign-in (`unknown_trigger`), counts
    /// towards muting (SEC-P8).
    NotMe,
}

/// The kind of a manually entered account.
#[uniffi::remote(Enum)]
pub enum ManualKind {
    /// Time-based (30 s).
    Totp,
    /// Counter-based.
    Hotp,
}

/// Something the user or the platform did.
#[uniffi::remote(Enum)]
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
        purpose: FilePurpose,
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

/// An error as shown: the message and its stable code.
#[uniffi::remote(Record)]
pub struct ErrorView {
    /// `E-VAULT-WRONG-PASSWORD`.
    pub code: String,
    /// The message, in the user's language.
    pub message: String,
}

/// A button or action: its label (also its accessibility label) and whether it can be used.
#[uniffi::remote(Record)]
pub struct ActionView {
    /// Label.
    pub label: String,
    /// False when the action is not available right now.
    pub enabled: bool,
}

/// The whole screen.
#[uniffi::remote(Record)]
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
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
pub struct InboxRow {
    /// Nonce (for `Event::OpenChallenge`).
    pub nonce: String,
    /// "Sign-in request: privacyIDEA: alice".
    pub text: String,
}

/// The scanner screen.
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
pub struct ConfirmItem {
    /// Issuer, or empty.
    pub issuer: String,
    /// Account name.
    pub name: String,
}

/// What a link would do, before anything is saved.
#[uniffi::remote(Record)]
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
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
pub struct LockChoice {
    /// Seconds.
    pub seconds: u32,
    /// "1 minute".
    pub label: String,
    /// The current setting.
    pub selected: bool,
}
