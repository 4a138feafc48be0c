//! The request history as the client keeps it: shown on poll, settled by the answer or by
//! expiry, saved through the store.

use crate::clock::FixedClock;
use crate::push::testing::*;
use crate::push::{HistoryOutcome, PushClient, PushConfig, PushStore, Response};
use std::sync::Arc;

#[test]
fn each_request_is_listed_with_its_outcome() {
    let server = Arc::new(FakeServer::default());
    let store = Arc::new(MemStore::default());
    let clock = Arc::new(FixedClock::new(1_000_000));
    let mono = Arc::new(FakeMono::default());
    let client = PushClient::new(
        server.clone(),
        store.clone(),
        clock.clone(),
        mono.clone(),
        PushConfig::default(),
    );
    let token = paired_token();
    {
        let mut items = server.items.lock().unwrap();
        items.push(item("OK", "q1", None, true));
        items.push(item("NO", "q2", None, true));
        items.push(item("PICK", "q3", Some("09,84,01"), true));
        items.push(item("LATE", "q4", None, true));
    }
    client.poll(&token, token_key()).unwrap();
    client
        .answer(&token, token_key(), "OK", &Response::Approve)
        .unwrap();
    client
        .answer(&token, token_key(), "NO", &Response::Deny(None))
        .unwrap();
    *server.correct.lock().unwrap() = Some("84".into());
    client
        .answer(&token, token_key(), "PICK", &Response::Number("09".into()))
        .unwrap();
    let outcome = |nonce: &str| {
        let cache = store.load_replay().unwrap();
        let e = cache.history.0.iter().find(|e| e.nonce == nonce).cloned();
        e.map(|e| (e.outcome, e.question))
    };
    assert_eq!(outcome("OK"), Some((HistoryOutcome::Approved, "q1".into())));
    assert_eq!(outcome("NO"), Some((HistoryOutcome::Denied, "q2".into())));
    assert_eq!(
        outcome("PICK"),
        Some((HistoryOutcome::Blocked, "q3".into()))
    );
    assert_eq!(outcome("LATE"), Some((HistoryOutcome::Open, "q4".into())));
    // Unanswered past its validity: expired, also once the server stops listing it.
    server.items.lock().unwrap().clear();
    clock.set(1_000_000 + 121);
    mono.0.store(121_000, std::sync::atomic::Ordering::SeqCst);
    client.poll(&token, token_key()).unwrap();
    assert_eq!(
        outcome("LATE"),
        Some((HistoryOutcome::Expired, "q4".into()))
    );
    assert_eq!(outcome("OK"), Some((HistoryOutcome::Approved, "q1".into())));
}
