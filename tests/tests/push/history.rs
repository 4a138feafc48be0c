//! `inkan push history`: after the scenarios, the vault lists each request with what came
//! of it, as the real server's answers decided.

use crate::peer::Peer;
use crate::Table;

pub(crate) fn check(peer: &Peer, t: &mut Table) {
    let run = peer.inkan(&["history", "--json"]);
    let list = run.json().as_array().cloned().unwrap_or_default();
    let count = |outcome: &str| list.iter().filter(|i| i["outcome"] == outcome).count();
    let (approved, denied, expired, blocked) = (
        count("approved"),
        count("denied"),
        count("expired"),
        count("blocked"),
    );
    let newest_first = list
        .windows(2)
        .all(|w| w[0]["seen_at"].as_i64() >= w[1]["seen_at"].as_i64());
    // number matching 1 approved + 1 blocked + 1 denied (cancelled), watch 1 approved,
    // code to phone 3 approved, not me 1 denied, tampering 1 denied, expiry 1 expired,
    // muting 1 denied (+1 muted, open).
    let ok = run.ok
        && approved == 5
        && blocked == 1
        && denied == 4
        && expired == 1
        && newest_first
        && list.iter().all(|i| {
            i["question"]
                .as_str()
                .is_some_and(|q| q.contains("127.0.0.1"))
        });
    t.check(
        "history: every request listed with its outcome (vault)",
        ok,
        format!(
            "{} requests: approved {approved}, denied {denied}, expired {expired}, blocked {blocked}",
            list.len()
        ),
    );
}
