//! `AppModel`: the phone apps' logic (`inkan_app::App`) for Kotlin and Swift. The shell
//! sends events, performs the effects that come back (running each `Job` with `run` on a
//! worker thread) and draws `view()`; it decides nothing (STYLE §10).
//!
//! The platform services are the foreign traits of `platform` and `push_platform` plus
//! `MonotonicClock`; their adapters map them onto core's traits. Core's clocks are
//! infallible and the foreign ones are not: both are read once at the start of `send` and
//! `run` (no lock held), so a failing app clock fails that call instead of being replaced
//! by another clock. `view` uses the readings of the last call.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use inkan_app::{App, Effect, Event, Job, Platform, PushPlatform, TokenKeys, ViewModel};
use inkan_core::push::{PushError, Signer, TokenKey};
use inkan_core::vault::KdfParams;

use crate::error::{CallbackError, InkanError};
use crate::platform::{Clock, KeyStore, KeyStoreAdapter};
use crate::push_platform::{
    ClockAdapter, HttpTransport, PushSigner, SignerAdapter, TransportAdapter,
};

/// Time that only goes forward (Android `SystemClock.elapsedRealtime`, iOS
/// `ProcessInfo.systemUptime` / `CLOCK_MONOTONIC_RAW`): times the app lock and push expiry,
/// so moving the phone's clock back neither keeps the app open nor revives a request.
#[uniffi::export(foreign)]
pub trait MonotonicClock: Send + Sync {
    /// Milliseconds since an arbitrary start (boot); never decreases.
    fn now_ms(&self) -> Result<u64, CallbackError>;
}

/// `MonotonicClock` as core's `Monotonic`, read once per call like `ClockAdapter`.
struct MonotonicAdapter {
    clock: Arc<dyn MonotonicClock>,
    last: AtomicU64,
}

impl MonotonicAdapter {
    fn refresh(&self) -> Result<(), InkanError> {
        let now = self.clock.now_ms().map_err(|e| e.into_clock_error())?;
        self.last.store(now, Ordering::SeqCst);
        Ok(())
    }
}

impl inkan_core::push::Monotonic for MonotonicAdapter {
    fn now_ms(&self) -> u64 {
        self.last.load(Ordering::SeqCst)
    }
}

/// The app's `PushSigner` as the app model's `TokenKeys`: every token key is a platform
/// key under an alias derived from the token serial, signing through `SignerAdapter`.
struct TokenKeysAdapter(Arc<dyn PushSigner>);

impl TokenKeys for TokenKeysAdapter {
    fn signer(&self, key: &TokenKey) -> Result<Arc<dyn Signer>, PushError> {
        match key {
            TokenKey::Platform { alias } => Ok(Arc::new(SignerAdapter {
                signer: self.0.clone(),
                alias: alias.clone(),
            })),
            TokenKey::Software(_) => Err(PushError::Key("a desktop token key cannot sign here")),
        }
    }

    fn new_key(&self, serial: &str) -> Result<(TokenKey, Arc<dyn Signer>), PushError> {
        let key = TokenKey::Platform {
            alias: format!("inkan-push-{serial}"),
        };
        let signer = self.signer(&key)?;
        Ok((key, signer))
    }
}

/// The app model: one per app process, over the app's private data directory.
#[derive(uniffi::Object)]
pub struct AppModel {
    app: App,
    clock: Arc<ClockAdapter>,
    monotonic: Arc<MonotonicAdapter>,
}

impl std::fmt::Debug for AppModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppModel").field("app", &self.app).finish()
    }
}

/// The platform services handed to the constructor.
struct Services {
    data_dir: String,
    clock: Arc<dyn Clock>,
    monotonic: Arc<dyn MonotonicClock>,
    key_store: Option<Arc<dyn KeyStore>>,
    transport: Option<Arc<dyn HttpTransport>>,
    signer: Option<Arc<dyn PushSigner>>,
}

impl AppModel {
    fn build(s: Services, kdf: KdfParams) -> Arc<Self> {
        let clock = Arc::new(ClockAdapter::new(s.clock));
        let monotonic = Arc::new(MonotonicAdapter {
            clock: s.monotonic,
            last: AtomicU64::new(0),
        });
        let push = s.transport.zip(s.signer).map(|(t, k)| PushPlatform {
            transport: Arc::new(TransportAdapter(t)),
            keys: Arc::new(TokenKeysAdapter(k)),
        });
        let platform = Platform {
            data_dir: PathBuf::from(s.data_dir),
            clock: clock.clone(),
            monotonic: monotonic.clone(),
            keystore: s
                .key_store
                .map(|k| Arc::new(KeyStoreAdapter(k)) as Arc<dyn inkan_core::keystore::Keystore>),
            push,
            kdf,
        };
        Arc::new(Self {
            app: App::new(platform),
            clock,
            monotonic,
        })
    }

    fn refresh(&self) -> Result<(), InkanError> {
        self.clock.refresh()?;
        self.monotonic.refresh()
    }
}

#[uniffi::export]
impl AppModel {
    /// The app over `data_dir` (the app's private files directory) and the platform's
    /// services: `key_store` when the phone has one, `transport` and `signer` for push
    /// approval (both or neither). Nothing happens before `send(Event.Start)`.
    #[uniffi::constructor]
    pub fn new(
        data_dir: String,
        clock: Arc<dyn Clock>,
        monotonic: Arc<dyn MonotonicClock>,
        key_store: Option<Arc<dyn KeyStore>>,
        transport: Option<Arc<dyn HttpTransport>>,
        signer: Option<Arc<dyn PushSigner>>,
    ) -> Arc<Self> {
        let services = Services {
            data_dir,
            clock,
            monotonic,
            key_store,
            transport,
            signer,
        };
        Self::build(services, KdfParams::DEFAULT)
    }

    /// Handles one event (main thread) and returns what the shell must do. Throws only when
    /// a platform clock fails.
    pub fn send(&self, event: Event) -> Result<Vec<Effect>, InkanError> {
        self.refresh()?;
        Ok(self.app.update(event))
    }

    /// One camera frame (a luma plane, rows `row_stride` bytes apart), borrowed across the
    /// FFI like `QrScanner.feed_frame`: the same as `send(Event.CameraFrame)` without
    /// uniffi's per-byte lifting of a `Vec<u8>`.
    pub fn send_frame(
        &self,
        width: u32,
        height: u32,
        row_stride: u32,
        y_plane: &[u8],
    ) -> Result<Vec<Effect>, InkanError> {
        self.send(Event::CameraFrame {
            width,
            height,
            row_stride,
            bytes: y_plane.to_vec(),
        })
    }

    /// Runs `job` (blocking: Argon2id, network, the presence prompt); call it on a worker
    /// thread and perform the effects it returns.
    pub fn run(&self, job: Job) -> Result<Vec<Effect>, InkanError> {
        self.refresh()?;
        Ok(self.app.run(job))
    }

    /// What to draw now, every text in the user's language.
    pub fn view(&self) -> ViewModel {
        self.app.view()
    }
}

#[cfg(feature = "testing")]
#[uniffi::export]
impl AppModel {
    /// Like `new`, with Argon2id parameters that take milliseconds: for the binding tests
    /// only (feature `testing`, never in a release build).
    #[uniffi::constructor]
    pub fn with_test_kdf(
        data_dir: String,
        clock: Arc<dyn Clock>,
        monotonic: Arc<dyn MonotonicClock>,
        key_store: Option<Arc<dyn KeyStore>>,
        transport: Option<Arc<dyn HttpTransport>>,
        signer: Option<Arc<dyn PushSigner>>,
    ) -> Arc<Self> {
        let services = Services {
            data_dir,
            clock,
            monotonic,
            key_store,
            transport,
            signer,
        };
        Self::build(services, inkan_app::scripted::test_kdf())
    }
}
