//! inkan-app: the phone apps' logic as one app model, behind both shells (Android, iOS).
//!
//! The pattern is crux's (STYLE §10): the shell sends an [`Event`] (a tap, a camera frame,
//! a picked file, the app going to the background), [`App::update`] changes the private
//! model and returns the [`Effect`]s the shell must perform (draw, open the camera, pick a
//! file, copy, schedule a tick, run a job), and [`App::view`] returns the [`ViewModel`]: plain
//! data with every text already in the user's language. The shells decide nothing.
//!
//! Effects versus injected traits: an **effect** is something the shell does *between*
//! events and whose result comes back as an event (camera frames, a picked image or file,
//! a timer, the clipboard, saving an exported file). An **injected trait**
//! ([`Platform`]) is something core calls *in the middle of one operation* that must stay
//! atomic: the keystore unwraps the data key inside `Vault::unlock`, the push `Signer`
//! signs an answer (behind the platform's biometric / device-credential prompt, bound to
//! the key: SEC-P6) before the nonce is claimed, the `Transport` carries the poll and the
//! answer of one `PushClient::answer`, and the `Clock` is read once per refresh. Splitting
//! those into effects would cut core's operations in half and move the ordering rules
//! (claim before send, save before show) into the shells.
//!
//! Slow work (Argon2id for a password, a backup, network, image decoding) is an
//! [`Effect::Run`] with a [`Job`]: the shell calls [`App::run`] on a worker thread and
//! performs the effects it returns. The model lock is never held during that work, and
//! no foreign trait is called while it is held (STYLE §3).
//!
//! The exported surface is uniffi-friendly: `App` is one object with `&self` methods,
//! events, effects and view models are plain enums and records without generics; core
//! types stay inside.

mod app;
mod effect;
mod event;
mod flows;
mod format;
mod model;
mod platform;
pub mod scripted;
pub mod text;
mod view;

pub use app::App;
pub use effect::{Effect, FilePurpose, Job};
pub use event::{DenyChoice, Event, ManualKind};
pub use format::group_code;
pub use platform::{Platform, PushPlatform, TokenKeys, VAULT_FILE, VAULT_PENDING};
pub use view::*;
