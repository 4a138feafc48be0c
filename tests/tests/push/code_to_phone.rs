//! `push_code_to_phone` against the real server: the policy is switched at runtime through
//! the admin API (`peer_admin.py mode`), the phone approves a plain challenge, and the code
//! in the server's reply is what the login page must be given.

use crate::peer::{self, Login, Peer, PASSWORD};
use crate::{answer, last_line, Table};
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Finalizes `login` typing `code` at the login page; true on ACCEPT.
fn finalize_with(peer: &Peer, login: &Login, code: &str) -> bool {
    let out = peer.python(
        "trigger.py",
        &[
            "--finalize",
            &login.transaction,
            "--wait",
            "3",
            "--code",
            code,
        ],
    );
    out.contains("RESULT=ACCEPT")
}

/// A two-digit code that differs from `code`.
fn other_code(code: &str) -> String {
    let n: u32 = code.parse().unwrap_or(0);
    format!("{:02}", (n + 1) % 100)
}

fn approve(peer: &mut Peer) -> (Login, String, peer::Run, serde_json::Value) {
    let login = peer.trigger();
    let c = peer
        .new_challenge()
        .expect("the challenge did not reach inkan");
    let nonce = c["nonce"].as_str().unwrap().to_owned();
    let run = answer(peer, &nonce, &["--approve"]);
    (login, nonce, run, c)
}

pub(crate) fn scenarios(peer: &mut Peer, t: &mut Table) {
    let started = Instant::now();
    let switched = peer.python("peer_admin.py", &["mode", "code_to_phone"]);
    eprintln!("[interop] {}", switched.trim());

    // The right code logs in; a second confirmation is refused by client and server.
    let (login, nonce, run, c) = approve(peer);
    let code = run.json()["display_code"].as_str().unwrap_or("").to_owned();
    let plain = c["options"].is_null() && login.answer.is_empty();
    let again = answer(peer, &nonce, &["--approve"]);
    let client_refused = !again.ok && again.stderr.contains("already answered");
    let record = peer.work.join("last-answer");
    let server = peer.python("peer_admin.py", &["post", record.to_str().unwrap()]);
    let accept = finalize_with(peer, &login, &code);
    let ok = run.ok
        && run.json()["accepted"] == true
        && plain
        && code.len() == 2
        && code.bytes().all(|b| b.is_ascii_digit())
        && accept;
    t.check(
        "code to phone: approve -> display_code; typing it logs in",
        ok,
        format!("plain challenge {plain}, code {code:?}, login ACCEPT {accept}"),
    );
    t.check(
        "code to phone: second confirmation refused (client and server)",
        client_refused && server.trim() == "false",
        format!(
            "{}; re-POST -> value {}",
            last_line(&again.stderr),
            server.trim()
        ),
    );

    // A wrong code is refused.
    let (login, _, run, _) = approve(peer);
    let code = run.json()["display_code"].as_str().unwrap_or("").to_owned();
    let wrong = other_code(&code);
    let accept = finalize_with(peer, &login, &wrong);
    t.check(
        "code to phone: a wrong code is refused",
        run.ok && !code.is_empty() && !accept,
        format!("phone shows {code:?}, typed {wrong} -> ACCEPT {accept}"),
    );

    // SEC-P7: through `watch`, the desktop notification carries no code (and no digit at
    // all) while the terminal, after the user approved, shows the code.
    let (login, shown, notes) = watch_and_approve(peer);
    let accept = finalize_with(peer, &login, &shown);
    let ok = !shown.is_empty()
        && !notes.is_empty()
        && !notes.contains(&shown)
        && !notes.bytes().any(|b| b.is_ascii_digit())
        && accept;
    t.check(
        "code to phone: code shown after approval, never in the notification",
        ok,
        format!(
            "notification {:?}, terminal code {shown:?}, login ACCEPT {accept}",
            notes.trim()
        ),
    );

    let back = peer.python("peer_admin.py", &["mode", "presence"]);
    eprintln!("[interop] {}", back.trim());
    println!(
        "code-to-phone scenarios: {} s, policy switches included",
        started.elapsed().as_secs()
    );
}

/// Runs `inkan push watch` with a `notify-send` that records what it was asked to show
/// (the lock-screen text), approves the request, and returns (the login, the code printed
/// on the terminal, every notification text).
fn watch_and_approve(peer: &mut Peer) -> (Login, String, String) {
    let bin = peer.work.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let notes = peer.work.join("notifications");
    let _ = std::fs::remove_file(&notes);
    let script = bin.join("notify-send");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n",
            notes.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let login = peer.trigger();
    let mut child = peer
        .command(&["watch", "--interval", "1"])
        .env("PATH", path)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{PASSWORD}").unwrap();
    let rx = peer::stderr_chunks(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(20);
    let (mut code, mut asked, mut text) = (String::new(), false, String::new());
    while Instant::now() < deadline && code.is_empty() {
        let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        text.push_str(&chunk);
        if chunk.contains("a = approve") && !asked {
            writeln!(stdin, "a").unwrap();
            asked = true;
        }
        let marker = "type this code on the sign-in screen: ";
        if let Some(line) = text.split(marker).nth(1).filter(|r| r.contains('\n')) {
            code = line.lines().next().unwrap_or_default().trim().to_owned();
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let notes = std::fs::read_to_string(&notes).unwrap_or_default();
    (login, code, notes)
}
