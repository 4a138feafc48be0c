//! `inkan push pair|poll|answer` (and `watch`, in `push_watch.rs`): the JSON contract of
//! issue 5. Domain rules live in `inkan_core::push`; this file wires the desktop
//! transport, the vault (tokens and replay cache in its encrypted body) and the terminal.

use crate::args::{DenyReason, PushCommand};
use crate::error::CliError;
use crate::session::{self, Passwords, VaultOpts};
use crate::transport::{parse_ca_pem, DesktopTransport};
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::pairing::{self, LinkSource, PairingRequest, PushEnrollment, TlsStatus};
use inkan_core::push::{
    AnswerOutcome, Challenge, DeclineReason, PollOutcome, PushClient, PushConfig, PushError,
    PushStore, PushToken, Response, SoftwareKey, SystemMonotonic, TokenKey, TOKEN_KEY_BITS,
};
use inkan_core::vault::VaultPushStore;
use serde::Serialize;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;

pub fn run(command: PushCommand, opts: &VaultOpts) -> Result<(), CliError> {
    // With --password-stdin the password is line 1 of standard input; answers typed to
    // `watch` (and the pairing confirmation) follow it on the next lines.
    let pw = Passwords::new(opts.password_stdin)?;
    match command {
        PushCommand::Pair {
            json,
            ca_file,
            yes,
            link,
        } => pair(opts, &pw, json, ca_file, yes, &link),
        PushCommand::Poll { json } => poll(opts, &pw, json),
        PushCommand::Answer {
            json,
            nonce,
            number,
            approve: _,
            deny,
            reason,
        } => {
            let response = match (number, deny) {
                (Some(n), _) => Response::Number(n),
                (None, true) => Response::Deny(reason.map(|r| match r {
                    DenyReason::NotMe => DeclineReason::NotMe,
                    DenyReason::Cancelled => DeclineReason::Cancelled,
                })),
                (None, false) => Response::Approve,
            };
            answer(opts, &pw, json, &nonce, &response)
        }
        PushCommand::History { json } => {
            super::push_history::run(&Ctx::open(opts, &pw, false)?, json)
        }
        PushCommand::Watch { interval, choose } => {
            super::push_watch::run(&Ctx::open(opts, &pw, false)?, interval, choose)
        }
    }
}

/// The client and store of one invocation.
pub struct Ctx {
    pub client: PushClient,
    pub store: Arc<VaultPushStore>,
}

impl Ctx {
    /// Unlocks the vault like every vault command (keystore slot, `--password-stdin` or a
    /// prompt; `create` makes a new vault as `add` does), then releases the vault lock: the
    /// push store takes it again for each read or change, so a `watch` never blocks other
    /// commands on the same vault.
    pub fn open(opts: &VaultOpts, pw: &Passwords, create: bool) -> Result<Self, CliError> {
        let s = session::open(opts, pw, create)?;
        let path = s.store.path().to_owned();
        drop(s.store);
        // Builds before the vault store kept tokens in plaintext beside the vault.
        let mut old = path.clone().into_os_string();
        old.push(".push.json");
        if std::path::Path::new(&old).exists() {
            eprintln!(
                "inkan: {} is left from an earlier inkan and holds push token keys unencrypted; tokens now live in the vault: pair them again, then delete that file",
                PathBuf::from(&old).display()
            );
        }
        let store = Arc::new(VaultPushStore::new(path, s.vault));
        let client = PushClient::new(
            Arc::new(DesktopTransport::default()),
            store.clone(),
            Arc::new(SystemClock),
            Arc::new(SystemMonotonic::new()),
            PushConfig::default(),
        );
        Ok(Self { client, store })
    }

    pub fn tokens(&self) -> Result<Vec<(PushToken, SoftwareKey)>, CliError> {
        let tokens = self.store.tokens().map_err(PushError::from)?;
        if tokens.is_empty() {
            return Err(CliError::Message(
                "no push token is paired yet (inkan push pair <link>)".into(),
            ));
        }
        tokens
            .into_iter()
            .map(|t| match &t.key {
                TokenKey::Software(k) => Ok((t.clone(), SoftwareKey::from_pkcs8(k.clone())?)),
                TokenKey::Platform { .. } => Err(CliError::Message(
                    "this token's key is in a platform keystore".into(),
                )),
            })
            .collect()
    }

    /// Polls every token; a token whose poll fails is reported and skipped.
    pub fn poll_all(&self) -> Result<Vec<(PushToken, SoftwareKey, PollOutcome)>, CliError> {
        let mut out = Vec::new();
        let mut last_error = None;
        for (token, key) in self.tokens()? {
            match self.client.poll(&token, &key) {
                Ok(p) => {
                    report_poll(&token, &p);
                    self.note_offset(&token, &p);
                    out.push((token, key, p));
                }
                Err(e) => {
                    eprintln!("inkan: {}: {e}", token.serial);
                    last_error = Some(e);
                }
            }
        }
        match (out.is_empty(), last_error) {
            (true, Some(e)) => Err(e.into()),
            _ => Ok(out),
        }
    }
}

impl Ctx {
    /// Keeps the clock offset a poll measured (`inkan time`, codes); used for codes only
    /// within the default bound, and an implausible one is not kept.
    fn note_offset(&self, token: &PushToken, p: &PollOutcome) {
        use inkan_core::clock_offset::{TimeOffset, DEFAULT_BOUND_S, IMPLAUSIBLE_S};
        let Some(skew) = p.skew_secs.filter(|s| s.abs() <= IMPLAUSIBLE_S) else {
            return;
        };
        let m = TimeOffset {
            offset_s: skew,
            source: token.server_host(),
            measured_at: SystemClock.now_unix(),
        };
        crate::time_store::save(self.store.path(), &m, skew.abs() <= DEFAULT_BOUND_S);
    }
}

fn report_poll(token: &PushToken, p: &PollOutcome) {
    if !p.dropped.is_empty() {
        let reasons: Vec<String> = p.dropped.iter().map(ToString::to_string).collect();
        eprintln!(
            "inkan: {}: ignored {} request(s): {}",
            token.serial,
            p.dropped.len(),
            reasons.join("; ")
        );
    }
    if !p.muted.is_empty() {
        eprintln!(
            "inkan: {}: {} sign-in request(s) muted after repeated unwanted prompts: someone may know your password",
            token.serial,
            p.muted.len()
        );
    }
    if let Some(skew) = p.skew_secs.filter(|s| s.abs() > 30) {
        eprintln!("inkan: this computer's clock differs from the server's by {skew} s");
    }
}

pub fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string(value).map_err(std::io::Error::from)?;
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(())
}

fn describe(p: &PushEnrollment, ca: Option<&PathBuf>) -> String {
    let tls = match (p.tls, ca) {
        (TlsStatus::Verified { .. }, None) => {
            "https, certificate verified against the system's trusted roots".to_owned()
        }
        (TlsStatus::Verified { .. }, Some(f)) => format!(
            "https, certificate verified (also trusting {})",
            f.display()
        ),
        (TlsStatus::InsecureLoopbackForTests, _) => "plain http on loopback (test only)".to_owned(),
    };
    let mut s = format!(
        "Pair this push sign-in token?\n  issuer:  {}\n  account: {}\n  serial:  {}\n  server:  {}\n  TLS:     {tls}\n",
        p.issuer, p.label, p.serial, p.server_host
    );
    if matches!(
        p.tls,
        TlsStatus::Verified {
            server_asked_no_verify: true
        }
    ) {
        s.push_str(
            "  note:    the link asks to skip certificate checks; inkan checks them anyway\n",
        );
    }
    if let LinkSource::AppLink { host } = &p.source {
        s.push_str(&format!("  link:    https pairing link from {host}\n"));
    }
    s
}

fn pair(
    opts: &VaultOpts,
    pw: &Passwords,
    json: bool,
    ca_file: Option<PathBuf>,
    yes: bool,
    link: &str,
) -> Result<(), CliError> {
    let enrollment = match pairing::parse(link, SystemClock.now_unix())? {
        PairingRequest::Push(p) => p,
        PairingRequest::Accounts { .. } => {
            return Err(CliError::Message(
                "this link adds one-time-code accounts, not a push token".into(),
            ))
        }
    };
    let extra_ca = match &ca_file {
        Some(f) => {
            let pem = std::fs::read_to_string(f)
                .map_err(|e| CliError::Message(format!("cannot read the CA file: {}", e.kind())))?;
            parse_ca_pem(&pem).map_err(PushError::from)?;
            Some(pem)
        }
        None => None,
    };
    if pw.scripted() {
        // Line 1 is the password; the confirmation, if asked, is the next line.
        pw.vault()?;
    }
    eprint!("{}", describe(&enrollment, ca_file.as_ref()));
    if !yes {
        eprint!("Pair? [y/N] ");
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        if !matches!(line.trim(), "y" | "Y" | "yes") {
            return Err(CliError::Message("not paired".into()));
        }
    }
    let ctx = Ctx::open(opts, pw, true)?;
    let started = std::time::Instant::now();
    let key = SoftwareKey::generate(TOKEN_KEY_BITS)?;
    eprintln!(
        "inkan: the token and its key are kept in the encrypted vault {}",
        ctx.store.path().display()
    );
    eprintln!(
        "inkan: generated the token's RSA-{TOKEN_KEY_BITS} key in {} ms",
        started.elapsed().as_millis()
    );
    let token = ctx.client.rollout(
        &enrollment,
        &key,
        TokenKey::Software(key.pkcs8().clone()),
        extra_ca,
    )?;
    if json {
        #[derive(Serialize)]
        struct Paired<'a> {
            serial: &'a str,
            issuer: &'a str,
            server: &'a str,
            status: &'static str,
        }
        print_json(&Paired {
            serial: &token.serial,
            issuer: &token.issuer,
            server: &enrollment.server_host,
            status: "paired",
        })
    } else {
        writeln!(
            std::io::stdout().lock(),
            "paired {} ({}) with {}",
            token.serial,
            token.issuer,
            enrollment.server_host
        )?;
        Ok(())
    }
}

/// `inkan push poll --json` element.
#[derive(Serialize)]
pub struct ChallengeJson<'a> {
    pub nonce: &'a str,
    pub serial: &'a str,
    pub title: &'a str,
    pub question: &'a str,
    pub options: Option<&'a [String]>,
    pub expires_in: i64,
}

impl<'a> ChallengeJson<'a> {
    pub fn new(c: &'a Challenge, expires_in: i64) -> Self {
        Self {
            nonce: &c.nonce,
            serial: &c.serial,
            title: &c.title,
            question: &c.question,
            options: c.options.as_deref(),
            expires_in,
        }
    }
}

fn poll(opts: &VaultOpts, pw: &Passwords, json: bool) -> Result<(), CliError> {
    let ctx = Ctx::open(opts, pw, false)?;
    let polled = ctx.poll_all()?;
    let list: Vec<ChallengeJson<'_>> = polled
        .iter()
        .flat_map(|(_, _, p)| {
            p.challenges
                .iter()
                .map(|(c, left)| ChallengeJson::new(c, *left))
        })
        .collect();
    if json {
        return print_json(&list);
    }
    let mut out = std::io::stdout().lock();
    if list.is_empty() {
        writeln!(out, "no open sign-in requests")?;
    }
    for c in list {
        writeln!(
            out,
            "{}  [{}] {}: {}  ({} s left)",
            c.nonce, c.serial, c.title, c.question, c.expires_in
        )?;
        if let Some(options) = c.options {
            writeln!(out, "    numbers: {}", options.join("  "))?;
        }
    }
    Ok(())
}

/// Sends `response` for `nonce` on whichever token has it; the outcome line goes to stderr.
pub fn answer_on(ctx: &Ctx, nonce: &str, response: &Response) -> Result<AnswerOutcome, CliError> {
    for (token, key) in ctx.tokens()? {
        match ctx.client.answer(&token, &key, nonce, response) {
            Err(PushError::UnknownChallenge) => continue,
            other => {
                let outcome = other?;
                match &outcome {
                    AnswerOutcome::Approved => eprintln!("inkan: approved"),
                    AnswerOutcome::ApprovedWithCode(code) => eprintln!(
                        "inkan: approved; type this code on the sign-in screen: {}",
                        code.expose()
                    ),
                    AnswerOutcome::Denied { reason_sent: true } => eprintln!("inkan: denied and reported"),
                    AnswerOutcome::Denied { reason_sent: false } => eprintln!("inkan: denied"),
                    AnswerOutcome::Blocked { .. } => eprintln!(
                        "inkan: sign-in blocked: the number did not match the sign-in screen, so the request was declined and cannot be retried"
                    ),
                    AnswerOutcome::NotRecorded => eprintln!("inkan: the server did not record the answer (expired or already answered)"),
                }
                return Ok(outcome);
            }
        }
    }
    Err(PushError::UnknownChallenge.into())
}

fn answer(
    opts: &VaultOpts,
    pw: &Passwords,
    json: bool,
    nonce: &str,
    response: &Response,
) -> Result<(), CliError> {
    #[derive(Serialize)]
    struct Accepted<'a> {
        accepted: bool,
        /// `push_code_to_phone`: the code to type at the sign-in screen.
        #[serde(skip_serializing_if = "Option::is_none")]
        display_code: Option<&'a str>,
    }
    let ctx = Ctx::open(opts, pw, false)?;
    let result = answer_on(&ctx, nonce, response);
    let accepted = matches!(&result, Ok(o) if o.recorded());
    if json {
        let code = result.as_ref().ok().and_then(AnswerOutcome::display_code);
        print_json(&Accepted {
            accepted,
            display_code: code.map(|c| c.expose()),
        })?;
    }
    match result {
        Ok(_) if accepted => Ok(()),
        Ok(_) => Err(CliError::Message("the answer was not recorded".into())),
        Err(e) => Err(e),
    }
}
