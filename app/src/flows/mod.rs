//! One flow per screen or group of screens, each with its `update` (events), its jobs
//! (`run`) and its view builder, and its tests.

pub(crate) mod accounts;
pub(crate) mod add;
pub(crate) mod backup;
pub(crate) mod first_start;
pub(crate) mod push;
pub(crate) mod settings;
pub(crate) mod unlock;

use crate::text::ErrorCode;
use crate::view::ActionView;
use crate::{App, Effect};

use crate::model::Model;

/// The effects of an event that only changed what is shown.
pub(crate) fn render() -> Vec<Effect> {
    vec![Effect::Render]
}

/// Shows `code` and re-renders.
pub(crate) fn fail(m: &mut Model, code: impl Into<ErrorCode>) -> Vec<Effect> {
    m.error = Some(code.into());
    render()
}

pub(crate) fn action(app: &App, m: &Model, key: &str, enabled: bool) -> ActionView {
    ActionView {
        label: app.t(m, key),
        enabled,
    }
}

#[cfg(test)]
pub(crate) mod testing {
    pub(crate) use crate::scripted::{ScriptedShell as Harness, PASSWORD};
}
