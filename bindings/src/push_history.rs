//! `PushClient.history`: the recent sign-in requests kept in the vault and what came of each,
//! for a "recent requests" list (core `push::History`). Reading it needs no network; a
//! pull-to-refresh calls `PushClient.poll` ("check now"), which also updates this list.

use std::sync::Arc;

use inkan_core::push::{self as core, PushStore};

use crate::error::InkanError;
use crate::push::PushClient;

/// What came of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PushRequestOutcome {
    /// Shown, not answered yet.
    Open,
    /// Approved.
    Approved,
    /// Denied.
    Denied,
    /// Not answered in time.
    Expired,
    /// Blocked after a wrong number was picked.
    Blocked,
    /// Answered, but the server did not record it.
    NotRecorded,
}

/// One recent request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushRequestRecord {
    /// Token serial.
    pub serial: String,
    /// Title (plain text).
    pub title: String,
    /// Question (untrusted display text; plain text only).
    pub question: String,
    /// Unix time it was first shown.
    pub seen_at: i64,
    /// Unix time of the outcome, or null while open.
    pub settled_at: Option<i64>,
    /// What came of it.
    pub outcome: PushRequestOutcome,
}

impl From<&core::HistoryEntry> for PushRequestRecord {
    fn from(e: &core::HistoryEntry) -> Self {
        Self {
            serial: e.serial.clone(),
            title: e.title.clone(),
            question: e.question.clone(),
            seen_at: e.seen_at,
            settled_at: e.settled_at,
            outcome: match e.outcome {
                core::HistoryOutcome::Open => PushRequestOutcome::Open,
                core::HistoryOutcome::Approved => PushRequestOutcome::Approved,
                core::HistoryOutcome::Denied => PushRequestOutcome::Denied,
                core::HistoryOutcome::Expired => PushRequestOutcome::Expired,
                core::HistoryOutcome::Blocked => PushRequestOutcome::Blocked,
                core::HistoryOutcome::NotRecorded => PushRequestOutcome::NotRecorded,
            },
        }
    }
}

#[uniffi::export]
impl PushClient {
    /// Recent sign-in requests, newest first, with their outcomes (from the vault).
    pub fn history(self: Arc<Self>) -> Result<Vec<PushRequestRecord>, InkanError> {
        let cache = self
            .store
            .load_replay()
            .map_err(|e| inkan_core::Error::from(core::PushError::from(e)))?;
        Ok(cache.history.0.iter().rev().map(Into::into).collect())
    }
}
