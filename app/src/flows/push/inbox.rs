//! The inbox: the push client of the open vault, pairing, polling (by the user, the
//! shell's background job, or every 30 s while the list is open), the notification and
//! the inbox rows.

use std::sync::{Arc, Mutex};

use inkan_core::push::{Challenge, PushClient, PushConfig, PushToken};
use inkan_core::vault::{Session, SessionPushStore};

use crate::flows::{fail, render};
use crate::model::{locked, Model, Page};
use crate::{App, Effect, Job};

/// Seconds between polls while the app is open: well inside the server's 120 s validity.
pub(crate) const POLL_EVERY_SECS: i64 = 30;

/// Whether the open app should poll now: push is set up, a token is paired, and the last
/// poll is `POLL_EVERY_SECS` old. (Until a push service is wired, approval needs the app
/// open or the shell's background poll job; the settings say so.)
pub(crate) fn poll_due(app: &App, m: &Model, session: &Arc<Mutex<Session>>, now: i64) -> bool {
    app.platform().push.is_some()
        && m.last_poll
            .is_none_or(|t| now.saturating_sub(t) >= POLL_EVERY_SECS)
        && !locked(session).push_tokens().is_empty()
}

/// The push client of the open vault, made once per unlock.
pub(super) fn client(app: &App) -> Option<(Arc<PushClient>, Arc<Mutex<Session>>)> {
    let push = app.platform().push.as_ref()?;
    let mut m = app.model();
    let session = m.session.clone()?;
    let client = m
        .push_client
        .get_or_insert_with(|| {
            Arc::new(PushClient::new(
                push.transport.clone(),
                Arc::new(SessionPushStore::new(session.clone())),
                app.platform().clock.clone(),
                app.platform().monotonic.clone(),
                PushConfig::default(),
            ))
        })
        .clone();
    Some((client, session))
}

pub(crate) fn run(app: &App, job: Job) -> Vec<Effect> {
    let Some(push) = app.platform().push.clone() else {
        return Vec::new();
    };
    let Some((client, session)) = client(app) else {
        return Vec::new();
    };
    match job {
        Job::PairPush => {
            let Some(enrollment) = app.model().enrollment.take() else {
                return Vec::new();
            };
            let paired = push
                .keys
                .new_key(&enrollment.serial)
                .and_then(|(key, signer)| client.rollout(&enrollment, &*signer, key, None));
            let mut m = app.model();
            m.page = Page::Accounts;
            match paired {
                Ok(_) => {
                    m.notice = Some(("notice-paired", 0));
                    render()
                }
                Err(e) => fail(&mut m, e),
            }
        }
        Job::PollPush => poll(app, &push, &client, &session),
        Job::AnswerPush => super::approval::answer(app),
        _ => Vec::new(),
    }
}

fn poll(
    app: &App,
    push: &crate::PushPlatform,
    client: &PushClient,
    session: &Arc<Mutex<Session>>,
) -> Vec<Effect> {
    let tokens: Vec<PushToken> = locked(session).push_tokens().to_vec();
    let mut challenges: Vec<Challenge> = Vec::new();
    let mut muted = false;
    let mut failure = None;
    for token in &tokens {
        let polled = push
            .keys
            .signer(&token.key)
            .and_then(|signer| client.poll(token, &*signer));
        match polled {
            Ok(out) => {
                muted |= !out.muted.is_empty();
                challenges.extend(out.challenges.into_iter().map(|(c, _)| c));
            }
            Err(e) => failure = Some(e),
        }
    }
    let mut m = app.model();
    m.inbox.challenges = challenges;
    m.inbox.muted_seen |= muted;
    let mut effects = vec![notification(app, &m, &tokens), Effect::Render];
    if let Some(e) = failure {
        effects.extend(fail(&mut m, e));
    }
    effects
}

pub(super) fn account_name(token: &PushToken) -> String {
    match (token.issuer.is_empty(), token.label.is_empty()) {
        (false, false) => format!("{}: {}", token.issuer, token.label),
        (false, true) => token.issuer.clone(),
        (true, false) => token.label.clone(),
        (true, true) => token.serial.clone(),
    }
}

fn name_of(tokens: &[PushToken], serial: &str) -> String {
    tokens
        .iter()
        .find(|t| t.serial == serial)
        .map_or_else(|| serial.to_owned(), account_name)
}

/// The notification for the open requests: who asks, never a number or the question; the
/// lock screen gets the title only (SEC-P7). No request: an empty title removes it.
pub(super) fn notification(app: &App, m: &Model, tokens: &[PushToken]) -> Effect {
    let challenges = &m.inbox.challenges;
    if challenges.is_empty() {
        return Effect::Notify {
            title: String::new(),
            body: String::new(),
            public_title: String::new(),
        };
    }
    let mut accounts: Vec<String> = challenges
        .iter()
        .map(|c| name_of(tokens, &c.serial))
        .collect();
    accounts.dedup();
    let title = app.t(m, "notify-title");
    let body = app.ta(
        m,
        "notify-body",
        &[
            ("count", challenges.len().into()),
            ("account", accounts.join(", ").into()),
        ],
    );
    Effect::Notify {
        title: title.clone(),
        body,
        public_title: title,
    }
}

/// The inbox rows for the account list.
pub(crate) fn inbox_rows(app: &App, m: &Model, s: &Session) -> Vec<(String, String)> {
    m.inbox
        .challenges
        .iter()
        .map(|c| {
            let text = app.ta(
                m,
                "inbox-row",
                &[("account", name_of(s.push_tokens(), &c.serial).into())],
            );
            (c.nonce.clone(), text)
        })
        .collect()
}
