//! `inkan push watch`: polls, shows each new verified request, asks for the number on the
//! terminal and answers. A desktop notification says only "Sign-in request" (SEC-P7).

use super::push::{answer_on, Ctx};
use crate::error::CliError;
use inkan_core::push::{Challenge, DeclineReason, Response};
use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::time::Duration;

/// Shows a notification through `notify-send` when a session bus is there; silent otherwise.
fn notify() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return;
    }
    let _ = std::process::Command::new("notify-send")
        .args([
            "--app-name=inkan",
            "--urgency=critical",
            "Sign-in request",
            "Open inkan to answer",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

fn prompt(c: &Challenge, left: i64, choose: bool) -> Result<Option<Response>, CliError> {
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "\nSign-in request [{}] ({} s left)\n  {}\n  {}",
        c.serial, left, c.title, c.question
    )?;
    match &c.options {
        Some(options) if choose => {
            // Choose-one: the offered numbers as buttons; which one is right is never shown.
            for (i, o) in options.iter().enumerate() {
                writeln!(err, "  [{}] {o}", i + 1)?;
            }
            write!(
                err,
                "Pick the number shown on the sign-in screen (1-{}), or n = this wasn't me, c = cancel: ",
                options.len()
            )?
        }
        // Type-in: the numbers are not listed, so the user must read the sign-in screen.
        Some(_) => write!(
            err,
            "Type the number shown on the sign-in screen, or n = this wasn't me, c = cancel: "
        )?,
        None => write!(err, "a = approve, n = this wasn't me, c = cancel: ")?,
    }
    err.flush()?;
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let line = line.trim();
    Ok(Some(match (line, &c.options) {
        ("n" | "N", _) => Response::Deny(Some(DeclineReason::NotMe)),
        ("c" | "C", _) => Response::Deny(Some(DeclineReason::Cancelled)),
        ("a" | "A", None) => Response::Approve,
        (n, Some(options)) if choose => match n
            .parse::<usize>()
            .ok()
            .and_then(|i| options.get(i.wrapping_sub(1)))
        {
            Some(option) => Response::Number(option.clone()),
            None => Response::Number(String::new()),
        },
        (n, Some(_)) => Response::Number(n.to_owned()),
        (_, None) => Response::Deny(Some(DeclineReason::Cancelled)),
    }))
}

pub fn run(ctx: &Ctx, interval: u64, choose: bool) -> Result<(), CliError> {
    let mut shown: HashSet<String> = HashSet::new();
    eprintln!("inkan: waiting for sign-in requests (Ctrl-C to stop)");
    loop {
        let polled = match ctx.poll_all() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("inkan: {e}");
                Vec::new()
            }
        };
        for (_, _, p) in &polled {
            for (c, left) in &p.challenges {
                if !shown.insert(c.nonce.clone()) {
                    continue;
                }
                notify();
                let Some(response) = prompt(c, *left, choose)? else {
                    return Ok(());
                };
                match answer_on(ctx, &c.nonce, &response) {
                    Ok(_) => {}
                    Err(e) => eprintln!("inkan: {e}"),
                }
            }
        }
        std::thread::sleep(Duration::from_secs(interval.max(1)));
    }
}
