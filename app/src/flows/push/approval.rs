//! The approval screen: the number entry (choose-one or type-in), approve, deny, and the
//! answer job with its outcome.

use inkan_core::push::{AnswerOutcome, DeclineReason, PushError, PushToken, Response};

use super::inbox::{account_name, client, notification};
use crate::event::DenyChoice;
use crate::flows::{action, fail, render};
use crate::model::{locked, Approval, Model, Page, Stage};
use crate::text::ErrorCode;
use crate::view::{ApproveView, NumberEntry, Screen};
use crate::{App, Effect, Event, Job};

/// What the user decided on the approval screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Approve, with the number for a number-matching challenge.
    Approve(Option<String>),
    /// Deny.
    Deny(DenyChoice),
}

/// Type-in: what the field keeps of `text` for these options.
pub(crate) fn filter_typed(text: &str, options: &[String]) -> String {
    let max = options.iter().map(|o| o.chars().count()).max().unwrap_or(0);
    let lower_offered = options.iter().any(|o| o.chars().any(char::is_lowercase));
    text.chars()
        .map(crate::format::half_width)
        .filter(char::is_ascii_alphanumeric)
        .map(|c| {
            if lower_offered {
                c
            } else {
                c.to_ascii_uppercase()
            }
        })
        .take(max)
        .collect()
}

fn options(m: &Model, nonce: &str) -> Option<Vec<String>> {
    m.inbox
        .challenges
        .iter()
        .find(|c| c.nonce == nonce)
        .and_then(|c| c.options.clone())
}

pub(crate) fn update(app: &App, m: &mut Model, event: Event) -> Vec<Effect> {
    if !matches!(m.stage, Stage::Ready) || app.platform().push.is_none() {
        return Vec::new();
    }
    match event {
        Event::PollPush => vec![Effect::Run { job: Job::PollPush }],
        Event::OpenChallenge { nonce } => {
            if !m.inbox.challenges.iter().any(|c| c.nonce == nonce) {
                return fail(m, ErrorCode::PushExpired);
            }
            m.approval = Some(Approval {
                nonce,
                type_in: true,
                ..Approval::default()
            });
            m.page = Page::Approve;
            render()
        }
        Event::SwitchNumberEntry => {
            if let Some(a) = m.approval.as_mut() {
                a.type_in = !a.type_in;
                a.chosen = None;
                a.typed.clear();
            }
            render()
        }
        Event::ChooseNumber { number } => {
            let Some(a) = m.approval.as_ref() else {
                return Vec::new();
            };
            let offered = options(m, &a.nonce).unwrap_or_default();
            if let Some(a) = m.approval.as_mut() {
                if offered.contains(&number) {
                    a.chosen = Some(number);
                }
            }
            render()
        }
        Event::TypeNumber { text } => {
            let Some(a) = m.approval.as_ref() else {
                return Vec::new();
            };
            let offered = options(m, &a.nonce).unwrap_or_default();
            if let Some(a) = m.approval.as_mut() {
                a.typed = filter_typed(&text, &offered);
            }
            render()
        }
        Event::Approve => {
            let Some(a) = m.approval.as_ref() else {
                return Vec::new();
            };
            if a.decision.is_some() || a.outcome.is_some() {
                return Vec::new();
            }
            let number = match options(m, &a.nonce) {
                None => None,
                Some(_) => {
                    let n = if a.type_in {
                        Some(a.typed.clone())
                    } else {
                        a.chosen.clone()
                    };
                    match n.filter(|n| !n.is_empty()) {
                        Some(n) => Some(n),
                        None => return fail(m, ErrorCode::PushNumberNeeded),
                    }
                }
            };
            decide(m, Decision::Approve(number))
        }
        Event::Deny { reason } => {
            let undecided = m
                .approval
                .as_ref()
                .is_some_and(|a| a.decision.is_none() && a.outcome.is_none());
            if !undecided {
                return Vec::new();
            }
            decide(m, Decision::Deny(reason))
        }
        _ => Vec::new(),
    }
}

fn decide(m: &mut Model, decision: Decision) -> Vec<Effect> {
    if let Some(a) = m.approval.as_mut() {
        a.decision = Some(decision);
    }
    m.busy = true;
    vec![
        Effect::Render,
        Effect::Run {
            job: Job::AnswerPush,
        },
    ]
}

pub(super) fn answer(app: &App) -> Vec<Effect> {
    let Some(push) = app.platform().push.clone() else {
        return Vec::new();
    };
    let Some((client, session)) = client(app) else {
        return Vec::new();
    };
    let (nonce, decision, serial) = {
        let m = app.model();
        let Some(a) = m.approval.as_ref() else {
            return Vec::new();
        };
        let serial = m
            .inbox
            .challenges
            .iter()
            .find(|c| c.nonce == a.nonce)
            .map(|c| c.serial.clone());
        (a.nonce.clone(), a.decision.clone(), serial)
    };
    let (Some(decision), Some(serial)) = (decision, serial) else {
        return Vec::new();
    };
    let token = locked(&session)
        .push_tokens()
        .iter()
        .find(|t| t.serial == serial)
        .cloned();
    let Some(token) = token else {
        return fail(&mut app.model(), ErrorCode::PushUnavailable);
    };
    let response = match &decision {
        Decision::Approve(None) => Response::Approve,
        Decision::Approve(Some(n)) => Response::Number(n.clone()),
        Decision::Deny(DenyChoice::Cancelled) => Response::Deny(Some(DeclineReason::Cancelled)),
        Decision::Deny(DenyChoice::NotMe) => Response::Deny(Some(DeclineReason::NotMe)),
    };
    // The signer may show the platform's presence prompt: no lock is held here.
    let result = push
        .keys
        .signer(&token.key)
        .and_then(|signer| client.answer(&token, &*signer, &nonce, &response));
    let mut m = app.model();
    if let Err(PushError::NotConfirmed) = result {
        // The prompt was cancelled: nothing was sent; the user may approve again or deny.
        if let Some(a) = m.approval.as_mut() {
            a.decision = None;
        }
        return fail(&mut m, ErrorCode::PushNotConfirmed);
    }
    m.inbox.challenges.retain(|c| c.nonce != nonce);
    let outcome = match result {
        Ok(AnswerOutcome::Approved) => "push-approved",
        Ok(AnswerOutcome::ApprovedWithCode(code)) => {
            if let Some(a) = m.approval.as_mut() {
                a.display_code = Some(code.expose().to_owned());
            }
            "push-approved-code"
        }
        Ok(AnswerOutcome::Denied { .. }) => match decision {
            Decision::Deny(DenyChoice::NotMe) => "push-reported",
            _ => "push-denied",
        },
        Ok(AnswerOutcome::Blocked { .. }) => "push-blocked",
        Ok(AnswerOutcome::NotRecorded) => "push-not-recorded",
        Err(e) => {
            if let Some(a) = m.approval.as_mut() {
                a.outcome = Some("push-failed");
            }
            return fail(&mut m, e);
        }
    };
    if let Some(a) = m.approval.as_mut() {
        a.outcome = Some(outcome);
    }
    let tokens = locked(&session).push_tokens().to_vec();
    vec![notification(app, &m, &tokens), Effect::Render]
}

pub(crate) fn view(app: &App, m: &Model) -> Screen {
    let Some(a) = m.approval.as_ref() else {
        return Screen::Loading;
    };
    let session = m.session.clone();
    let challenge = m.inbox.challenges.iter().find(|c| c.nonce == a.nonce);
    let (account, host) = match (&session, challenge) {
        (Some(s), Some(c)) => {
            let s = locked(s);
            let token = s.push_tokens().iter().find(|t| t.serial == c.serial);
            (
                token.map_or_else(|| c.serial.clone(), account_name),
                token.map(PushToken::server_host).unwrap_or_default(),
            )
        }
        _ => (String::new(), String::new()),
    };
    let open = a.decision.is_none() && a.outcome.is_none() && challenge.is_some();
    let number = match challenge.and_then(|c| c.options.clone()) {
        None => NumberEntry::None,
        Some(options) if a.type_in => NumberEntry::TypeIn {
            label: app.t(m, "approve-type-in"),
            typed: a.typed.clone(),
            max_len: u32::try_from(options.iter().map(|o| o.chars().count()).max().unwrap_or(0))
                .unwrap_or(0),
        },
        Some(options) => NumberEntry::ChooseOne {
            options,
            chosen: a.chosen.clone(),
            type_in: action(app, m, "approve-switch-type-in", open),
        },
    };
    Screen::Approve(ApproveView {
        question: app.t(m, "approve-question"),
        account,
        sign_in_at: app.ta(m, "approve-sign-in-at", &[("host", host.into())]),
        server_text: challenge
            .map(|c| format!("{}\n{}", c.title, c.question))
            .unwrap_or_default(),
        number,
        approve: action(app, m, "approve-approve", open && !m.busy),
        deny: action(app, m, "approve-deny", open && !m.busy),
        not_me: action(app, m, "approve-not-me", open && !m.busy),
        outcome: a.outcome.map(|key| app.t(m, key)),
        display_code: a.display_code.clone(),
    })
}
