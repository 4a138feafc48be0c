//! `inkan time` against the real server: the offset from its `Date` header (HTTPS, the
//! peer's CA), and the one the push polls measured on the way.

use crate::peer::Peer;
use crate::{last_line, Table};
use std::process::Command;

fn time(peer: &Peer, args: &[&str]) -> (serde_json::Value, String) {
    let out = Command::new(&peer.inkan)
        .arg("time")
        .arg("--json")
        .args(args)
        .arg("--vault")
        .arg(&peer.vault)
        .output()
        .unwrap();
    (
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub(crate) fn check(peer: &Peer, t: &mut Table) {
    // The push polls of the scenarios measured the proxy's (the server's) clock.
    let (polled, _) = time(peer, &[]);
    let ca = peer.ca();
    let (j, err) = time(
        peer,
        &[
            "--from",
            "https://127.0.0.1:5443/healthz/",
            "--ca-file",
            ca.to_str().unwrap(),
        ],
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let ok = polled["source"] == "127.0.0.1:5444"
        && j["source"] == "127.0.0.1:5443"
        && j["offset_s"].as_i64().is_some_and(|o| o.abs() <= 2)
        && j["applied"] == true
        && j["measured_at"]
            .as_i64()
            .is_some_and(|m| (now - m).abs() <= 5);
    t.check(
        "time: offset from the server's Date header (and from push polls)",
        ok,
        format!("poll {polled}, --from {j} {}", last_line(&err)),
    );
}
