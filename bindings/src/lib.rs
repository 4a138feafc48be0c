//! inkan-ffi: the app-facing API of inkan-core for Kotlin and Swift (uniffi 0.32).
//!
//! A thin layer: every exported body converts its arguments, makes one core call and
//! converts the result. Domain rules live in `inkan-core`; platform services come in
//! through the foreign traits in `platform`. Objects: `Account` (a credential whose secret
//! stays in Rust), `CodeGenerator`, `QrScanner` (camera scan state), `Authenticator` (the open
//! vault), `PushClient` (push approval on that vault, from `Authenticator.push_client`:
//! async network calls over the platform's `HttpTransport` and `PushSigner`), `AppModel` (the phone apps' logic, `inkan-app`: events in, effects and
//! view models out).
//!
//! Names of the generated packages are in `bindings/uniffi.toml`.

uniffi::setup_scaffolding!();

mod account;
mod app_model;
#[cfg(feature = "testing")]
mod app_testing;
mod app_types;
mod authenticator;
mod codes;
mod error;
mod link;
mod migration;
mod off_thread;
mod pairing;
mod platform;
mod push;
mod push_history;
mod push_platform;
#[cfg(feature = "testing")]
mod push_testing;
mod qr;
#[cfg(feature = "testing")]
mod testing;

pub use account::{Account, AccountInfo, Algorithm, OtpKind};
pub use app_model::{AppModel, MonotonicClock};
#[cfg(feature = "testing")]
pub use app_testing::{app_push_enrollment_link, app_text, image_luma_frame, AppPushServer};
pub use app_types::*;
pub use authenticator::{
    create_vault, AccountCode, AddResult, AddStatus, Authenticator, NewVault, VaultAccount,
};
pub use codes::{codes_at, Code, CodeGenerator};
pub use error::{CallbackError, InkanError};
pub use link::{parse_link, ParsedLink, SkippedItem};
pub use migration::{export_migration, ExportSkip, MigrationExport};
pub use pairing::{open_link, LinkRequest, PushEnrollment, PushEnrollmentInfo};
pub use platform::{Clock, KeyStore};
pub use push::{DenyReason, PushApproval, PushChallenge, PushClient, PushPoll, PushTokenInfo};
pub use push_history::{PushRequestOutcome, PushRequestRecord};
pub use push_platform::{
    HttpMethod, HttpRequest, HttpResponse, HttpTransport, PushSigner, SignPurpose,
};
#[cfg(feature = "testing")]
pub use push_testing::{PushTestServer, TestChallenge, TestTokenKey};
pub use qr::{decode_image, decode_luma, is_enrollment_payload, QrScanner, ScanResult};
#[cfg(feature = "testing")]
pub use testing::{
    fail_with_key_store_error, frame_len, key_store_round_trip, qr_test_frame, TestFrame,
};

/// The version of inkan this library was built from (`[workspace.package] version`).
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
