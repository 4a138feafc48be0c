//! `ScriptedShell`: a shell without a screen, for tests and scenario scripts (here and in
//! the binding tests). It performs effects the way a phone would, synchronously: jobs run
//! at once, ticks wait for the test to advance the clock, everything else is recorded.
//! The platform services are the real core ones: the vault in a temp directory, core's
//! in-memory keystore, a fixed clock.

#[cfg(any(test, feature = "testing"))]
mod push_server;
#[cfg(any(test, feature = "testing"))]
pub use push_server::{
    enrollment_link, push_platform, FakePushServer, SoftwareTokenKeys, PUSH_SERIAL, PUSH_URL,
};

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use inkan_core::clock::FixedClock;
use inkan_core::keystore::{MemorySecretStore, SecretStoreKeystore};
use inkan_core::push::Monotonic;
use inkan_core::vault::KdfParams;

use crate::model::locked;
use crate::platform::{Platform, PushPlatform};
use crate::{App, Effect, Event};

/// A password that passes the rule.
pub const PASSWORD: &str = "correct horse battery";

/// The start of the clock: 2026-01-01T00:00:00Z, at the start of a 30 s period.
pub const START: i64 = 1_767_225_600;

/// A monotonic clock the test moves.
#[derive(Debug, Default)]
pub struct TestMonotonic(pub AtomicU64);

impl Monotonic for TestMonotonic {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// A shell that performs effects in-process.
pub struct ScriptedShell {
    /// The app under test.
    pub app: App,
    /// The data directory (removed on drop).
    pub dir: PathBuf,
    /// The clock every code is computed at.
    pub clock: Arc<FixedClock>,
    /// The monotonic clock (moved by `advance` and `wait`, not by `clock.set`).
    pub monotonic: Arc<TestMonotonic>,
    /// Every effect other than `Run` and `Render`, in order.
    pub effects: Mutex<Vec<Effect>>,
    language: String,
    push: Option<PushPlatform>,
    keystore: bool,
    owner: bool,
}

impl std::fmt::Debug for ScriptedShell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptedShell")
            .field("dir", &self.dir)
            .finish()
    }
}

fn fresh_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("inkan-app-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

impl ScriptedShell {
    /// A started app with a fresh directory, a keystore and the system language `lang`.
    pub fn new(lang: &str) -> Self {
        Self::build(lang, fresh_dir(), true, None, true)
    }

    /// Like `new`, on a phone without a keystore.
    pub fn without_keystore(lang: &str) -> Self {
        Self::build(lang, fresh_dir(), false, None, true)
    }

    /// Like `new`, with push services.
    pub fn with_push(lang: &str, push: PushPlatform) -> Self {
        Self::build(lang, fresh_dir(), true, Some(push), true)
    }

    fn build(
        lang: &str,
        dir: PathBuf,
        keystore: bool,
        push: Option<PushPlatform>,
        owner: bool,
    ) -> Self {
        let clock = Arc::new(FixedClock::new(START));
        let monotonic = Arc::new(TestMonotonic::default());
        let platform = Platform {
            data_dir: dir.clone(),
            clock: clock.clone(),
            monotonic: monotonic.clone(),
            keystore: keystore.then(|| {
                Arc::new(SecretStoreKeystore::new(MemorySecretStore::default()))
                    as Arc<dyn inkan_core::keystore::Keystore>
            }),
            push: push.clone(),
            kdf: test_kdf(),
        };
        let shell = Self {
            app: App::new(platform),
            dir,
            clock,
            monotonic,
            effects: Mutex::new(Vec::new()),
            language: lang.to_owned(),
            push,
            keystore,
            owner,
        };
        shell.send(Event::Start {
            system_language: lang.to_owned(),
        });
        shell
    }

    /// A new app over the same directory: the process was killed and started again (this
    /// one is dropped first, which releases the vault's lock). The keystore is a new, empty
    /// one: the old slot no longer opens the vault.
    pub fn restart(mut self) -> ScriptedShell {
        let (lang, dir, keystore, push) = (
            self.language.clone(),
            self.dir.clone(),
            self.keystore,
            self.push.clone(),
        );
        self.owner = false;
        drop(self);
        Self::build(&lang, dir, keystore, push, true)
    }

    /// Sends an event and performs every effect it leads to.
    pub fn send(&self, event: Event) {
        let effects = self.app.update(event);
        self.perform(effects);
    }

    /// Performs effects returned by a direct `app.update` (to interleave events with jobs).
    pub fn perform(&self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Run { job } => {
                    let next = self.app.run(job);
                    self.perform(next);
                }
                Effect::Render => {
                    let _ = self.app.view();
                }
                other => locked(&self.effects).push(other),
            }
        }
    }

    /// The clock's time.
    pub fn now(&self) -> i64 {
        inkan_core::clock::Clock::now_unix(&*self.clock)
    }

    /// Lets `seconds` pass on both clocks, without a tick.
    pub fn wait(&self, seconds: i64) {
        self.clock.set(self.now() + seconds);
        let ms = u64::try_from(seconds).unwrap_or(0).saturating_mul(1000);
        self.monotonic.0.fetch_add(ms, Ordering::SeqCst);
    }

    /// Lets `seconds` pass and fires a tick.
    pub fn advance(&self, seconds: i64) {
        self.wait(seconds);
        self.send(Event::Tick);
    }

    /// The recorded effects, emptied.
    pub fn take_effects(&self) -> Vec<Effect> {
        std::mem::take(&mut *locked(&self.effects))
    }

    /// Creates the vault with [`PASSWORD`] and acknowledges the recovery code; returns it.
    pub fn create_vault(&self) -> String {
        self.send(Event::CreateVault {
            password: PASSWORD.into(),
            confirmation: PASSWORD.into(),
        });
        let code = match self.app.view().screen {
            crate::Screen::RecoveryCode(r) => r.code,
            _ => String::new(),
        };
        self.send(Event::RecoveryCodeSavedChecked { checked: true });
        self.send(Event::AcknowledgeRecoveryCode);
        code
    }
}

impl Drop for ScriptedShell {
    fn drop(&mut self) {
        if self.owner {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Argon2id for the scripted apps: the tiny test parameters where they exist (debug
/// builds); a release build has none, so it pays for the default ones.
pub fn test_kdf() -> KdfParams {
    #[cfg(debug_assertions)]
    return KdfParams::INSECURE_TEST;
    #[cfg(not(debug_assertions))]
    return KdfParams::DEFAULT;
}
