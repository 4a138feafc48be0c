//! The private model: the app's state between events. Secrets held here (a password
//! waiting for its job, the recovery code on screen, a link waiting for the unlock, a
//! revealed HOTP code) are zeroizing types and never printed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use inkan_core::push::Challenge;
use inkan_core::qr::QrScanner;
use inkan_core::secret::SecretString;
use inkan_core::vault::{EntryId, Session};

use crate::text::{ErrorCode, Lang};

/// Where the app is in its life: the vault's state.
#[derive(Debug, Default)]
pub(crate) enum Stage {
    /// Before `Event::Start`.
    #[default]
    Starting,
    /// No vault: the password form.
    Create,
    /// The new vault (under its pending name) and its recovery code, not acknowledged.
    Recovery {
        session: Option<Box<Session>>,
        code: SecretString,
        password: SecretString,
        checked: bool,
    },
    /// The vault is closed: password or recovery code.
    Locked { recovery: bool },
    /// Opened with the recovery code: a new password is required before use.
    NewPassword { session: Arc<Mutex<Session>> },
    /// Open.
    Ready,
}

/// The screens of an open vault.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {
    #[default]
    Accounts,
    Scan,
    Manual,
    Confirm,
    Approve,
    Backup,
    Settings,
}

/// A HOTP code on screen (its counter already saved).
#[derive(Debug)]
pub(crate) struct Revealed {
    pub code: SecretString,
    pub shown_at: i64,
}

/// What the confirmation screen shows, and the link that adds it.
#[derive(Debug)]
pub(crate) struct PendingAdd {
    pub link: SecretString,
    pub items: Vec<(String, String)>,
    pub source_host: Option<String>,
    pub skipped: Vec<(String, String)>,
}

/// The open sign-in requests of the last poll.
#[derive(Debug, Default)]
pub(crate) struct Inbox {
    pub challenges: Vec<Challenge>,
    pub muted_seen: bool,
}

/// The approval screen's state over one challenge.
#[derive(Debug, Default)]
pub(crate) struct Approval {
    pub nonce: String,
    pub type_in: bool,
    pub chosen: Option<String>,
    pub typed: String,
    /// The decision handed to the job: one answer per challenge from this screen.
    pub decision: Option<crate::flows::push::Decision>,
    pub outcome: Option<&'static str>,
    /// The code the server returned to type at the sign-in page (`push_code_to_phone`);
    /// shown in the open app only, never in a notification (SEC-P7).
    pub display_code: Option<String>,
}

/// Inputs of jobs that must not cross back through the shell.
#[derive(Debug, Default)]
pub(crate) struct JobInputs {
    pub password: Option<SecretString>,
    pub image: Option<Vec<u8>>,
    pub backup: Option<Vec<u8>>,
}

/// The whole state.
#[derive(Default)]
pub(crate) struct Model {
    pub lang: Option<Lang>,
    pub stage: Stage,
    pub page: Page,
    pub session: Option<Arc<Mutex<Session>>>,
    pub busy: bool,
    pub error: Option<ErrorCode>,
    /// A passing message: catalog key and its `$count`; cleared by the next user event.
    pub notice: Option<(&'static str, i64)>,
    /// A link that arrived while the vault was closed: confirmed after the unlock.
    pub pending_link: Option<SecretString>,
    pub lock_after_secs: u32,
    /// Monotonic milliseconds when the app went to the background.
    pub backgrounded_at: Option<u64>,
    pub query: String,
    pub revealed: HashMap<EntryId, Revealed>,
    pub confirm_delete: Option<EntryId>,
    pub scanner: Option<QrScanner>,
    pub scanning: bool,
    pub not_sign_in_seen: bool,
    pub add: Option<PendingAdd>,
    pub inbox: Inbox,
    pub approval: Option<Approval>,
    pub restore_waiting: bool,
    pub jobs: JobInputs,
    /// A push enrollment waiting for the user's yes (confirmation screen).
    pub enrollment: Option<inkan_core::pairing::PushEnrollment>,
    /// The push client of the open vault: it remembers when each challenge arrived
    /// (expiry on the monotonic clock, SEC-P4), so it lives as long as the session.
    pub push_client: Option<Arc<inkan_core::push::PushClient>>,
    /// When the list last asked for a poll (the app polls while it is open).
    pub last_poll: Option<i64>,
}

impl std::fmt::Debug for Model {
    // The stage and page only: the rest holds secrets or is large.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("stage", &self.stage)
            .field("page", &self.page)
            .field("busy", &self.busy)
            .finish_non_exhaustive()
    }
}

impl Model {
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or(Lang::En)
    }

    /// Clears the transient messages before an event's outcome sets new ones.
    pub fn clear_messages(&mut self) {
        self.error = None;
        self.notice = None;
    }

    /// Closes the vault and forgets everything derived from it.
    pub fn lock(&mut self) {
        self.session = None;
        self.revealed.clear();
        self.confirm_delete = None;
        self.add = None;
        self.inbox = Inbox::default();
        self.approval = None;
        self.scanner = None;
        self.scanning = false;
        self.restore_waiting = false;
        self.jobs = JobInputs::default();
        self.enrollment = None;
        self.push_client = None;
        self.last_poll = None;
        self.page = Page::Accounts;
        self.stage = Stage::Locked { recovery: false };
    }
}

/// Locks a mutex; a poisoned one (a panic elsewhere) is used as is: the vault's data
/// stays consistent because every change is saved before it is kept (core `Session`).
pub(crate) fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
