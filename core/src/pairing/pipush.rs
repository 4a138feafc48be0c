//! `otpauth://pipush/<label>?url=…&ttl=…&issuer=…&enrollment_credential=…&v=1&serial=…
//! &sslverify=…&poll_only=…` and the same under `pia://` (PROTOCOL.md §1).

use super::error::PairingError;
use super::link::parse_server_url;
use super::parse::PairingPolicy;
use super::request::{LinkSource, PushEnrollment, TlsStatus};
use crate::plain_text;
use crate::secret::SecretString;
use crate::uri::decode_component;
use zeroize::Zeroizing;

/// Longest `ttl` (minutes) taken as given; larger values are capped to it.
const MAX_TTL_MINUTES: i64 = 24 * 60;

fn text(value: &str, name: &'static str, max: usize) -> Result<String, PairingError> {
    let decoded = decode_component(value, true).ok_or(PairingError::BadParam(name))?;
    plain_text::check(&decoded, max).map_err(|_| PairingError::BadParam(name))?;
    Ok(decoded)
}

/// Parses the part after `pipush/`; `now` is the receipt time the `ttl` counts from.
pub fn parse(
    rest: &str,
    now: i64,
    policy: &PairingPolicy,
    source: LinkSource,
) -> Result<PushEnrollment, PairingError> {
    let (label, query) = rest.split_once('?').unwrap_or((rest, ""));
    let label = text(label, "label", 256)?;
    let names = [
        "url",
        "ttl",
        "issuer",
        "enrollment_credential",
        "v",
        "serial",
        "sslverify",
        "poll_only",
        "pin",
        "app_force_unlock",
    ];
    let mut values: [Option<&str>; 10] = [None; 10];
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(k)) {
            let slot = values.get_mut(i).ok_or(PairingError::NotALink)?;
            if slot.replace(v).is_some() {
                return Err(PairingError::BadParam(names.get(i).copied().unwrap_or("?")));
            }
        }
    }
    let [url, ttl, issuer, credential, version, serial, sslverify, poll_only, pin, unlock] = values;
    let version = text(version.ok_or(PairingError::MissingParam("v"))?, "v", 8)?;
    if version != "1" {
        return Err(PairingError::UnsupportedVersion);
    }
    let url = text(url.ok_or(PairingError::MissingParam("url"))?, "url", 2048)?;
    let server = parse_server_url(&url)?;
    let tls = match server.scheme.as_str() {
        "https" => TlsStatus::Verified {
            server_asked_no_verify: sslverify == Some("0"),
        },
        "http" if policy.allow_http_loopback && server.is_loopback() => {
            TlsStatus::InsecureLoopbackForTests
        }
        "http" => return Err(PairingError::InsecureHttp("push server")),
        _ => return Err(PairingError::BadParam("url")),
    };
    if server.fragment.is_some() {
        return Err(PairingError::BadParam("url"));
    }
    let serial = text(
        serial.ok_or(PairingError::MissingParam("serial"))?,
        "serial",
        64,
    )?;
    if serial.is_empty()
        || !serial
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(PairingError::BadParam("serial"));
    }
    let credential = Zeroizing::new(text(
        credential.ok_or(PairingError::MissingParam("enrollment_credential"))?,
        "enrollment_credential",
        256,
    )?);
    if credential.is_empty() || !credential.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(PairingError::BadParam("enrollment_credential"));
    }
    if !matches!(sslverify, None | Some("0") | Some("1")) {
        return Err(PairingError::BadParam("sslverify"));
    }
    if !matches!(
        poll_only.map(str::to_ascii_lowercase).as_deref(),
        None | Some("true" | "false" | "1" | "0")
    ) {
        return Err(PairingError::BadParam("poll_only"));
    }
    // `ttl` is minutes for step 2 (default 10). The server does not enforce it
    // (PROTOCOL.md §7.4), so the client does, from the moment it received the link.
    let ttl: i64 = match ttl {
        None => 10,
        Some(t) => text(t, "ttl", 12)?
            .trim()
            .parse()
            .map_err(|_| PairingError::BadParam("ttl"))?,
    };
    if ttl <= 0 {
        return Err(PairingError::Expired);
    }
    let issuer = match issuer {
        Some(i) => text(i, "issuer", 256)?,
        None => "privacyIDEA".to_owned(),
    };
    let force_unlock = unlock
        .map(|u| text(u, "app_force_unlock", 32))
        .transpose()?;
    Ok(PushEnrollment {
        label: if label.is_empty() {
            serial.clone()
        } else {
            label
        },
        issuer,
        serial,
        server_host: server.host_port(),
        url,
        tls,
        credential: SecretString::new(credential.to_string()),
        expires_at: now.saturating_add(ttl.min(MAX_TTL_MINUTES) * 60),
        pin_required: pin.is_some_and(|p| p.eq_ignore_ascii_case("true") || p == "1"),
        force_unlock,
        source,
    })
}
