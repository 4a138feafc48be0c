//! Push flow tests over the simulated privacyIDEA server.

use std::sync::Arc;

use super::approval::filter_typed;
use crate::event::DenyChoice;
use crate::flows::testing::Harness;
use crate::scripted::{enrollment_link, push_platform, FakePushServer, SoftwareTokenKeys};
use crate::view::{ApproveView, NumberEntry, Screen};
use crate::{Effect, Event};
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
    assert_eq!(
        body,
        "privacyIDEA: alice のサインインの承認が求められています。inkan を開いて確認してください。"
    );
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
    h.send(Event::SwitchNumberEntry);
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
