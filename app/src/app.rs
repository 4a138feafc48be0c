//! `App`: the one object the shells hold. Routes each event and job to its flow and
//! builds the view model of the current screen.

use std::sync::{Mutex, MutexGuard};

use crate::flows;
use crate::model::{locked, Model, Page, Stage};
use crate::platform::Platform;
use crate::text::{Arg, ErrorCode, Texts};
use crate::view::{ErrorView, Screen, ViewModel};
use crate::{Effect, Event, Job};

/// The app model. Thread-safe: `update` on the main thread, `run` on a worker thread.
pub struct App {
    model: Mutex<Model>,
    platform: Platform,
    texts: Texts,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("platform", &self.platform)
            .finish()
    }
}

impl App {
    /// The app over the shell's platform services. Nothing happens before `Event::Start`.
    pub fn new(platform: Platform) -> Self {
        let model = Model {
            lock_after_secs: flows::unlock::DEFAULT_LOCK_AFTER_SECS,
            ..Model::default()
        };
        Self {
            model: Mutex::new(model),
            platform,
            texts: Texts::new(),
        }
    }

    pub(crate) fn model(&self) -> MutexGuard<'_, Model> {
        locked(&self.model)
    }

    pub(crate) fn platform(&self) -> &Platform {
        &self.platform
    }

    pub(crate) fn now(&self) -> i64 {
        self.platform.clock.now_unix()
    }

    /// Handles one event and returns what the shell must do.
    pub fn update(&self, event: Event) -> Vec<Effect> {
        // A frame is decoded without holding the model (up to a frame budget of work).
        if let Event::CameraFrame {
            width,
            height,
            row_stride,
            bytes,
        } = event
        {
            return flows::add::frame(self, width, height, row_stride, &bytes);
        }
        let mut m = self.model();
        if !matches!(event, Event::Tick) {
            m.clear_messages();
        }
        let lifecycle = matches!(
            event,
            Event::Tick
                | Event::LanguageChanged { .. }
                | Event::Backgrounded
                | Event::Foregrounded
                | Event::LinkOpened { .. }
        );
        if m.busy && !lifecycle {
            // One job at a time: taps during work are ignored (the view says busy).
            return Vec::new();
        }
        match event {
            Event::Start { .. }
            | Event::CreateVault { .. }
            | Event::RecoveryCodeSavedChecked { .. }
            | Event::AcknowledgeRecoveryCode => flows::first_start::update(self, &mut m, event),
            Event::LanguageChanged { .. } | Event::OpenSettings | Event::SetLockTimeout { .. } => {
                flows::settings::update(self, &mut m, event)
            }
            Event::UnlockWithKeystore
            | Event::UnlockWithPassword { .. }
            | Event::ForgotPassword
            | Event::UnlockWithRecoveryCode { .. }
            | Event::SetNewPassword { .. }
            | Event::LockNow
            | Event::Backgrounded
            | Event::Foregrounded => flows::unlock::update(self, &mut m, event),
            Event::Tick
            | Event::Search { .. }
            | Event::CopyCode { .. }
            | Event::RevealHotp { .. }
            | Event::AskDelete { .. }
            | Event::ConfirmDelete
            | Event::Rename { .. }
            | Event::Move { .. } => flows::accounts::update(self, &mut m, event),
            Event::OpenScanner
            | Event::ScanImage
            | Event::LinkOpened { .. }
            | Event::OpenManualEntry
            | Event::ManualEntry { .. }
            | Event::ConfirmAdd
            | Event::CameraFrame { .. } => flows::add::update(self, &mut m, event),
            Event::PollPush
            | Event::OpenChallenge { .. }
            | Event::SwitchNumberEntry
            | Event::ChooseNumber { .. }
            | Event::TypeNumber { .. }
            | Event::Approve
            | Event::Deny { .. } => flows::push::update(self, &mut m, event),
            Event::OpenBackup
            | Event::ExportBackup { .. }
            | Event::RestoreBackup
            | Event::RestorePassword { .. } => flows::backup::update(self, &mut m, event),
            Event::FilePicked { purpose, bytes } => match purpose {
                crate::FilePurpose::QrImage => flows::add::image_picked(&mut m, bytes),
                crate::FilePurpose::Backup => flows::backup::file_picked(&mut m, bytes),
            },
            Event::Back => back(&mut m),
        }
    }

    /// Runs slow work off the main thread; returns the effects to perform next.
    pub fn run(&self, job: Job) -> Vec<Effect> {
        let effects = match job {
            Job::CreateVault | Job::PromoteVault => flows::first_start::run(self, job),
            Job::OpenWithKeystore
            | Job::OpenWithPassword
            | Job::OpenWithRecoveryCode
            | Job::SetNewPassword => flows::unlock::run(self, job),
            Job::DecodeImage => flows::add::run_decode(self),
            Job::ExportBackup | Job::RestoreBackup => flows::backup::run(self, job),
            Job::PairPush | Job::PollPush | Job::AnswerPush => flows::push::run(self, job),
        };
        let mut effects = effects;
        let mut m = self.model();
        if job != Job::PollPush {
            m.busy = false;
        }
        // A link that arrived while this job ran (a cold start from a tapped link: the
        // keystore unlock is running) is shown now.
        if matches!(m.stage, Stage::Ready) && !m.busy && m.page == Page::Accounts {
            if let Some(link) = m.pending_link.take() {
                effects.extend(flows::add::route(self, &mut m, link));
            }
        }
        effects
    }

    /// What to draw now.
    pub fn view(&self) -> ViewModel {
        let m = self.model();
        let lang = m.lang();
        let t = |key: &str| self.texts.t(lang, key);
        let (title_key, screen) = match &m.stage {
            Stage::Starting => ("title-app", Screen::Loading),
            Stage::Create => ("title-create", flows::first_start::create_view(self, &m)),
            Stage::Recovery { .. } => (
                "title-recovery",
                flows::first_start::recovery_view(self, &m),
            ),
            Stage::Locked { .. } => ("title-unlock", flows::unlock::view(self, &m)),
            Stage::NewPassword { .. } => (
                "title-new-password",
                flows::unlock::new_password_view(self, &m),
            ),
            Stage::Ready => match m.page {
                Page::Accounts => ("title-accounts", flows::accounts::view(self, &m)),
                Page::Scan => ("title-scan", flows::add::scan_view(self, &m)),
                Page::Manual => ("title-manual", flows::add::manual_view(self, &m)),
                Page::Confirm => ("title-confirm", flows::add::confirm_view(self, &m)),
                Page::Approve => ("title-approve", flows::push::view(self, &m)),
                Page::Backup => ("title-backup", flows::backup::view(self, &m)),
                Page::Settings => ("title-settings", flows::settings::view(self, &m)),
            },
        };
        ViewModel {
            title: t(title_key),
            screen,
            busy: m.busy,
            error: m.error.map(|code| self.error_view(&m, code)),
            notice: m
                .notice
                .map(|(key, n)| self.ta(&m, key, &[("count", n.into())])),
            language: lang.tag().to_owned(),
        }
    }

    pub(crate) fn t(&self, m: &Model, key: &str) -> String {
        self.texts.t(m.lang(), key)
    }

    pub(crate) fn ta(&self, m: &Model, key: &str, args: &[(&str, Arg)]) -> String {
        self.texts.ta(m.lang(), key, args)
    }

    fn error_view(&self, m: &Model, code: ErrorCode) -> ErrorView {
        ErrorView {
            code: code.code().to_owned(),
            message: self.t(m, code.key()),
        }
    }
}

/// Back / close: leaves the current page (cancelling what it holds) for the account list.
fn back(m: &mut Model) -> Vec<Effect> {
    let mut effects = vec![Effect::Render];
    match &m.stage {
        Stage::Locked { recovery: true } => m.stage = Stage::Locked { recovery: false },
        Stage::Ready => {
            if m.confirm_delete.take().is_some() {
                return effects;
            }
            if m.page == Page::Scan {
                effects.push(Effect::StopCamera);
            }
            m.scanner = None;
            m.scanning = false;
            m.add = None;
            m.enrollment = None;
            m.approval = None;
            m.restore_waiting = false;
            m.jobs.backup = None;
            m.page = Page::Accounts;
        }
        _ => {}
    }
    effects
}
