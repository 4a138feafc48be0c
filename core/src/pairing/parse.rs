//! The entry point: scheme dispatch, the https pairing link, and the refusals of SEC-L2.

use super::error::PairingError;
use super::link::{parse_server_url, PAIR_PATH};
use super::pipush;
use super::request::{LinkSource, PairingRequest};
use crate::text::parse_accounts;
use crate::uri::decode_component;
use crate::Error;

/// Longest link accepted (a migration export with many accounts fits easily).
pub const MAX_LINK_BYTES: usize = 64 * 1024;

/// Options of [`parse_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairingPolicy {
    /// Accept `http://` push servers on loopback addresses. For tests only: no product
    /// build sets it (SEC-L2).
    pub allow_http_loopback: bool,
}

/// Parses any link or QR text with the default (production) policy. `now` is the receipt
/// time; a push enrollment's `ttl` counts from it.
pub fn parse(text: &str, now: i64) -> Result<PairingRequest, PairingError> {
    parse_with(text, now, &PairingPolicy::default())
}

/// The scheme, lower-cased, if `text` starts with a valid one (RFC 3986 §3.1).
fn scheme_of(text: &str) -> Option<String> {
    let (scheme, _) = text.split_once(':')?;
    let mut bytes = scheme.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    (first_ok && bytes.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)))
        .then(|| scheme.to_ascii_lowercase())
}

/// [`parse`] with an explicit policy.
pub fn parse_with(
    text: &str,
    now: i64,
    policy: &PairingPolicy,
) -> Result<PairingRequest, PairingError> {
    if text.len() > MAX_LINK_BYTES {
        return Err(PairingError::TooLarge {
            size: text.len(),
            limit: MAX_LINK_BYTES,
        });
    }
    let text = text.trim();
    let scheme = scheme_of(text).ok_or(PairingError::NotALink)?;
    match scheme.as_str() {
        "https" => app_link(text, now, policy),
        "http" => Err(PairingError::InsecureHttp("link")),
        _ => bare_uri(text, &scheme, now, policy, LinkSource::Uri),
    }
}

fn bare_uri(
    text: &str,
    scheme: &str,
    now: i64,
    policy: &PairingPolicy,
    source: LinkSource,
) -> Result<PairingRequest, PairingError> {
    let after = text.get(scheme.len() + 1..).unwrap_or("");
    match scheme {
        "otpauth" | "pia" => {
            if let Some(rest) = strip_prefix_ignore_case(after, "//pipush/") {
                return Ok(PairingRequest::Push(pipush::parse(
                    rest, now, policy, source,
                )?));
            }
            if scheme == "pia" {
                return Err(PairingError::UnknownScheme);
            }
            accounts(text, source)
        }
        "steam" | "otpauth-migration" => accounts(text, source),
        "phonefactor" => Err(PairingError::PhoneFactor),
        "javascript" => Err(PairingError::Dangerous("javascript")),
        "vbscript" => Err(PairingError::Dangerous("vbscript")),
        "intent" => Err(PairingError::Dangerous("intent")),
        "data" => Err(PairingError::Dangerous("data")),
        "file" => Err(PairingError::Dangerous("file")),
        "content" => Err(PairingError::Dangerous("content")),
        _ => Err(PairingError::UnknownScheme),
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

fn accounts(text: &str, source: LinkSource) -> Result<PairingRequest, PairingError> {
    let parsed = parse_accounts(text).map_err(|e| match e {
        Error::Uri(u) => PairingError::Uri(u),
        Error::Migration(m) => PairingError::Migration(m),
        _ => PairingError::NotALink,
    })?;
    Ok(PairingRequest::Accounts {
        accounts: parsed.accounts,
        skipped: parsed.skipped,
        source,
    })
}

/// `https://<host>/.well-known/inkan/pair#<percent-encoded enrollment URI>`. The OS has
/// verified that the app may open links of `<host>` (App Links / Universal Links); a push
/// enrollment inside must name a server on that same host, so a link on one site cannot
/// pair the user with another site's server.
fn app_link(text: &str, now: i64, policy: &PairingPolicy) -> Result<PairingRequest, PairingError> {
    let link = parse_server_url(text).map_err(|e| match e {
        PairingError::NumericHost => e,
        _ => PairingError::BadAppLink("malformed https link"),
    })?;
    if link.path != PAIR_PATH {
        return Err(PairingError::BadAppLink(
            "the path is not /.well-known/inkan/pair",
        ));
    }
    let fragment =
        link.fragment
            .as_deref()
            .filter(|f| !f.is_empty())
            .ok_or(PairingError::BadAppLink(
                "the enrollment is missing after '#'",
            ))?;
    // Decoded exactly once: a payload that is still percent-encoded afterwards is refused,
    // not decoded again (double encoding hides what a link carries).
    let inner = decode_component(fragment, false)
        .ok_or(PairingError::BadAppLink("bad percent-encoding"))?;
    let scheme = scheme_of(&inner).ok_or(PairingError::BadAppLink(
        "the part after '#' is not an enrollment URI",
    ))?;
    if !matches!(
        scheme.as_str(),
        "otpauth" | "otpauth-migration" | "steam" | "pia"
    ) {
        return Err(PairingError::BadAppLink(
            "the part after '#' is not an enrollment URI",
        ));
    }
    let source = LinkSource::AppLink {
        host: link.host.clone(),
    };
    let request = bare_uri(&inner, &scheme, now, policy, source)?;
    if let PairingRequest::Push(push) = &request {
        let server = parse_server_url(&push.url)?;
        if server.host != link.host {
            return Err(PairingError::HostMismatch);
        }
    }
    Ok(request)
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
