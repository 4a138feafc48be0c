//! Push: pairing a privacyIDEA push token, the inbox of open sign-in requests with its
//! notification, and the approval screen.
//!
//! Rules kept here once: the notification names the account and nothing else, and the
//! lock screen sees only "Sign-in request" (SEC-P7); type-in accepts digits AND letters
//! (privacyIDEA can send either; full-width forms from a Japanese IME count as ASCII), at most as long as the longest option, upper-cased when
//! no option has a lower-case letter; choose-one offers only the server's options, none
//! marked (SEC-P5); one decision per challenge from this screen, and core declines the
//! challenge after a refused number so no second guess is possible (SEC-P5); deny needs no
//! presence, approve does (the platform signer asks, SEC-P6); "this wasn't me" is sent as
//! `unknown_trigger` (SEC-P9). Whether a number is right is decided by core and the server.

use std::sync::Arc;

use inkan_core::push::{
    AnswerOutcome, Challenge, DeclineReason, PushClient, PushConfig, PushError, PushToken, Response,
};
use inkan_core::vault::{Session, SessionPushStore};

use super::{action, fail, render};
use crate::event::DenyChoice;
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
        .map(half_width)
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

/// Full-width forms (a Japanese IME types "１２") as their ASCII characters.
fn half_width(c: char) -> char {
    match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
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
        Event::UseTypeIn => {
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

/// Seconds between polls while the app is open: well inside the server's 120 s validity.
pub(crate) const POLL_EVERY_SECS: i64 = 30;

/// Whether the open app should poll now: push is set up, a token is paired, and the last
/// poll is `POLL_EVERY_SECS` old. (Until a push service is wired, approval needs the app
/// open or the shell's background poll job; the settings say so.)
pub(crate) fn poll_due(
    app: &App,
    m: &Model,
    session: &Arc<std::sync::Mutex<Session>>,
    now: i64,
) -> bool {
    app.platform().push.is_some()
        && m.last_poll
            .is_none_or(|t| now.saturating_sub(t) >= POLL_EVERY_SECS)
        && !locked(session).push_tokens().is_empty()
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

/// The push client of the open vault, made once per unlock.
fn client(app: &App) -> Option<(Arc<PushClient>, Arc<std::sync::Mutex<Session>>)> {
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
                push.monotonic.clone(),
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
        Job::AnswerPush => answer(app, &push, &client, &session),
        _ => Vec::new(),
    }
}

fn poll(
    app: &App,
    push: &crate::PushPlatform,
    client: &PushClient,
    session: &Arc<std::sync::Mutex<Session>>,
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

fn answer(
    app: &App,
    push: &crate::PushPlatform,
    client: &PushClient,
    session: &Arc<std::sync::Mutex<Session>>,
) -> Vec<Effect> {
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
    let token = locked(session)
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
    let tokens = locked(session).push_tokens().to_vec();
    vec![notification(app, &m, &tokens), Effect::Render]
}

fn account_name(token: &PushToken) -> String {
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
fn notification(app: &App, m: &Model, tokens: &[PushToken]) -> Effect {
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::testing::Harness;
    use crate::scripted::{enrollment_link, push_platform, FakePushServer, SoftwareTokenKeys};
    use std::sync::atomic::Ordering;

    fn paired(lang: &str) -> (Harness, Arc<FakePushServer>, Arc<SoftwareTokenKeys>) {
        let (platform, server, keys) = push_platform();
        let h = Harness::with_push(lang, platform);
        h.create_vault();
        h.send(Event::LinkOpened {
            link: enrollment_link(),
        });
        let Screen::Confirm(c) = h.app.view().screen else {
            panic!("{:?}", h.app.view())
        };
        assert_eq!(
            c.source.as_deref(),
            Some(if lang == "ja" {
                "サーバー: pi.example"
            } else {
                "Server: pi.example"
            })
        );
        h.send(Event::ConfirmAdd);
        assert!(h.app.view().error.is_none(), "{:?}", h.app.view().error);
        (h, server, keys)
    }

    fn approve_view(h: &Harness) -> ApproveView {
        match h.app.view().screen {
            Screen::Approve(a) => a,
            other => panic!("not the approval screen: {other:?}"),
        }
    }

    fn open(h: &Harness, server: &FakePushServer, nonce: &str) {
        server
            .sign_in(nonce, "Sign in to VPN", Some("42,17,99"), Some("17"))
            .unwrap();
        h.take_effects();
        h.send(Event::PollPush);
        h.send(Event::OpenChallenge {
            nonce: nonce.into(),
        });
    }

    #[test]
    fn notification_names_the_account_and_nothing_else() {
        let (h, server, _) = paired("ja");
        server
            .sign_in("n1", "secret question 42", Some("42,17,99"), Some("17"))
            .unwrap();
        h.take_effects();
        h.send(Event::PollPush);
        let notify = h.take_effects().into_iter().find_map(|e| match e {
            Effect::Notify {
                title,
                body,
                public_title,
            } => Some((title, body, public_title)),
            _ => None,
        });
        let (title, body, public_title) = notify.expect("a notification");
        assert_eq!(title, "サインイン要求");
        assert_eq!(
            public_title, "サインイン要求",
            "SEC-P7: the lock screen sees only this"
        );
        assert_eq!(body, "privacyIDEA: alice のサインインの承認が求められています。inkan を開いて確認してください。");
        for leak in ["42", "17", "99", "secret question"] {
            assert!(!body.contains(leak), "SEC-P7: {leak} in {body}");
        }
    }

    #[test]
    fn the_open_app_polls_every_30_seconds() {
        let (h, server, _) = paired("en");
        server.sign_in("n9", "q", None, None).unwrap();
        h.advance(1);
        let Screen::Accounts(a) = h.app.view().screen else {
            panic!()
        };
        assert_eq!(a.sign_in_requests.len(), 1, "first tick polls");
        assert_eq!(
            a.sign_in_requests[0].text,
            "Sign-in request: privacyIDEA: alice"
        );
        server.sign_in("n10", "q", None, None).unwrap();
        h.advance(29);
        let Screen::Accounts(a) = h.app.view().screen else {
            panic!()
        };
        assert_eq!(a.sign_in_requests.len(), 1, "not yet");
        h.advance(1);
        let Screen::Accounts(a) = h.app.view().screen else {
            panic!()
        };
        assert_eq!(a.sign_in_requests.len(), 2);
    }

    #[test]
    fn right_number_typed_is_approved_once() {
        let (h, server, _) = paired("en");
        open(&h, &server, "n1");
        let a = approve_view(&h);
        assert_eq!(a.account, "privacyIDEA: alice");
        assert_eq!(a.sign_in_at, "Sign-in at pi.example");
        assert!(
            matches!(a.number, NumberEntry::TypeIn { ref typed, max_len: 2, .. } if typed.is_empty())
        );
        h.send(Event::Approve);
        assert_eq!(
            h.app.view().error.map(|e| e.code).as_deref(),
            Some("E-PUSH-NUMBER-NEEDED")
        );
        h.send(Event::TypeNumber { text: "1 7".into() });
        h.send(Event::Approve);
        let a = approve_view(&h);
        assert_eq!(a.outcome.as_deref(), Some("Sign-in approved."));
        assert!(!a.approve.enabled && !a.deny.enabled);
        assert!(!server.is_open("n1"));
        let posts = server.posts.lock().unwrap().len();
        assert!(
            h.app.update(Event::Approve).is_empty(),
            "no second decision"
        );
        assert!(h
            .app
            .update(Event::Deny {
                reason: DenyChoice::Cancelled
            })
            .is_empty());
        h.send(Event::Approve);
        h.send(Event::Deny {
            reason: DenyChoice::NotMe,
        });
        assert_eq!(
            server.posts.lock().unwrap().len(),
            posts,
            "one answer per challenge"
        );
    }

    #[test]
    fn wrong_number_blocks_the_sign_in() {
        let (h, server, _) = paired("ja");
        open(&h, &server, "n2");
        h.send(Event::UseTypeIn);
        let NumberEntry::ChooseOne {
            options,
            chosen: None,
            ..
        } = approve_view(&h).number
        else {
            panic!()
        };
        assert_eq!(options, ["42", "17", "99"]);
        h.send(Event::ChooseNumber {
            number: "13".into(),
        });
        assert!(
            matches!(
                approve_view(&h).number,
                NumberEntry::ChooseOne { chosen: None, .. }
            ),
            "only offered options"
        );
        h.send(Event::ChooseNumber {
            number: "42".into(),
        });
        h.send(Event::Approve);
        let a = approve_view(&h);
        assert_eq!(
            a.outcome.as_deref(),
            Some("サインイン画面の番号と一致しませんでした。サインインはブロックされました。ご自身の操作であれば、もう一度サインインしてください。")
        );
        // SEC-P5: the client closed the challenge, so no second guess is possible.
        assert!(!server.is_open("n2"));
        let last = server.posts.lock().unwrap().last().cloned().unwrap();
        assert!(last.contains("decline=1"), "{last}");
    }

    #[test]
    fn cancelled_presence_leaves_the_request_open_then_deny_as_not_me() {
        let (h, server, keys) = paired("en");
        open(&h, &server, "n3");
        keys.refuse_presence.store(true, Ordering::SeqCst);
        h.send(Event::TypeNumber { text: "17".into() });
        h.send(Event::Approve);
        let v = h.app.view();
        assert_eq!(
            v.error.map(|e| e.code).as_deref(),
            Some("E-PUSH-NOT-CONFIRMED")
        );
        assert!(server.is_open("n3"), "nothing sent");
        assert!(approve_view(&h).deny.enabled);
        // SEC-P6: deny needs no presence; SEC-P9: "this wasn't me" is reported.
        h.send(Event::Deny {
            reason: DenyChoice::NotMe,
        });
        assert_eq!(approve_view(&h).outcome.as_deref(), Some("Sign-in denied and reported. If you did not start it, someone may know your password: change it."));
        let last = server.posts.lock().unwrap().last().cloned().unwrap();
        assert!(last.contains("decline_reason=unknown_trigger"), "{last}");
    }

    fn opts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn type_in_keeps_digits_and_letters() {
        assert_eq!(filter_typed("4 2", &opts(&["42", "17", "99"])), "42");
        assert_eq!(
            filter_typed("a7x", &opts(&["A7X", "B2Q"])),
            "A7X",
            "letters kept, upper-cased"
        );
        assert_eq!(filter_typed("a7x", &opts(&["a7x", "b2q"])), "a7x");
        assert_eq!(
            filter_typed("12345", &opts(&["12", "34"])),
            "12",
            "no longer than the options"
        );
        assert_eq!(
            filter_typed("１２", &opts(&["12"])),
            "12",
            "full-width digits from an IME"
        );
    }
}
