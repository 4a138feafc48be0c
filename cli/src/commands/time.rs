//! `inkan time`: this computer's clock offset, measured from an HTTPS server's `Date` header
//! (core `clock_offset`), bounded by `--max-offset` unless `--apply` confirms it.

use crate::error::CliError;
use crate::session::VaultOpts;
use crate::time_store::{self, Stored};
use crate::transport::{parse_ca_pem, DesktopTransport};
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::clock_offset::{measure, OffsetError};
use inkan_core::push::{HttpRequest, Method, PushError, Transport};
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    opts: &VaultOpts,
    json: bool,
    from: Option<&str>,
    ca_file: Option<PathBuf>,
    max_offset: i64,
    apply: bool,
) -> Result<(), CliError> {
    let vault = time_store::vault_path(opts)
        .ok_or_else(|| CliError::msg("no home directory; pass --vault PATH"))?;
    let stored = match from {
        None => time_store::load(&vault).ok_or_else(|| {
            CliError::msg("no clock offset measured yet: inkan time --from https://HOST")
        })?,
        Some(url) => {
            let extra_ca_pem = match &ca_file {
                Some(f) => {
                    let pem = std::fs::read_to_string(f).map_err(|e| {
                        CliError::Message(format!("cannot read the CA file: {}", e.kind()))
                    })?;
                    parse_ca_pem(&pem).map_err(PushError::from)?;
                    Some(pem)
                }
                None => None,
            };
            let host = url
                .strip_prefix("https://")
                .ok_or_else(|| CliError::msg("the time source must be an https:// URL"))?
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            let request = HttpRequest {
                method: Method::Get,
                url: url.to_owned(),
                body: Default::default(),
                extra_ca_pem,
            };
            let sent = SystemClock.now_unix();
            let response = DesktopTransport::default()
                .send(&request)
                .map_err(PushError::from)?;
            let received = SystemClock.now_unix();
            let m = measure(response.date.as_deref(), sent, received, &host)
                .map_err(|e| CliError::Message(e.to_string()))?;
            match m.to_apply(max_offset, apply) {
                Ok(_) => time_store::save(&vault, &m, true),
                Err(e @ OffsetError::NeedsConsent { .. }) => {
                    eprintln!("inkan: {e}; not used for codes (add --apply to use it)");
                    time_store::save(&vault, &m, false)
                }
                Err(e) => return Err(CliError::Message(e.to_string())),
            }
        }
    };
    print(&stored, json)
}

fn print(s: &Stored, json: bool) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string(s).map_err(std::io::Error::from)?
        )?;
    } else {
        writeln!(
            out,
            "offset {:+} s from {} (measured at {}){}",
            s.offset_s,
            s.source,
            inkan_core::push::wire::iso8601_utc(s.measured_at),
            if s.applied {
                ""
            } else {
                ", not used for codes"
            }
        )?;
    }
    Ok(())
}
