//! `push_code_to_phone` (PROTOCOL.md §5): the phone approves a plain challenge and the
//! server's reply carries the code the user types at the sign-in screen.

use crate::clock::FixedClock;
use crate::push::testing::*;
use crate::push::{AnswerOutcome, DropReason, PushClient, PushConfig, PushError, Response};
use serde_json::{json, Value};
use std::sync::Arc;

fn client(server: &Arc<FakeServer>) -> PushClient {
    PushClient::new(
        server.clone(),
        Arc::new(MemStore::default()),
        Arc::new(FixedClock::new(1_000_000)),
        Arc::new(FakeMono::default()),
        PushConfig::default(),
    )
}

/// A server in code-to-phone mode with one plain challenge `N1` that replies `code`.
fn server(code: Value) -> Arc<FakeServer> {
    let server = Arc::new(FakeServer::default());
    server
        .items
        .lock()
        .unwrap()
        .push(item("N1", "q", None, true));
    *server.display_code.lock().unwrap() = Some(code);
    server
}

#[test]
fn the_code_in_the_reply_is_returned_with_the_approval() {
    let server = server(json!("42"));
    let c = client(&server);
    let token = paired_token();
    let out = c
        .answer(&token, token_key(), "N1", &Response::Approve)
        .unwrap();
    assert!(out.recorded());
    assert_eq!(out.display_code().map(|d| d.expose()), Some("42"));
    let e = c
        .answer(&token, token_key(), "N1", &Response::Approve)
        .unwrap_err();
    // SEC-P5: a second confirmation is refused before anything is sent.
    assert_eq!(e, PushError::ChallengeRefused(DropReason::Answered));
    assert_eq!(server.posts.lock().unwrap().len(), 1);
}

#[test]
fn no_code_in_the_reply_is_a_plain_approval() {
    let server = Arc::new(FakeServer::default());
    server
        .items
        .lock()
        .unwrap()
        .push(item("N1", "q", None, true));
    let out = client(&server)
        .answer(&paired_token(), token_key(), "N1", &Response::Approve)
        .unwrap();
    assert_eq!(out, AnswerOutcome::Approved);
}

// SEC-P2: hostile reply text never becomes a code to show.
#[test]
fn a_hostile_code_is_an_error_not_a_code() {
    for bad in [
        json!("<a href=x>42</a>"),
        json!("42\u{202e}1"),
        json!(42),
        json!("9".repeat(17)),
    ] {
        let server = server(bad.clone());
        let e = client(&server)
            .answer(&paired_token(), token_key(), "N1", &Response::Approve)
            .unwrap_err();
        assert!(matches!(e, PushError::BadResponse(_)), "{bad}: {e:?}");
        assert!(!e.to_string().contains("42"), "{e}");
    }
}
