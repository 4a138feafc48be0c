//! Parsing `otpauth://TYPE/LABEL?PARAMS` and `steam://SECRET`.

use super::percent::decode_component;
use super::UriError;
use crate::account::{Account, AccountError, OtpKind, DIGITS_RANGE};
use crate::base32;
use crate::otp::Algorithm;
use crate::plain_text;
use crate::secret::SecretBytes;

/// Inputs longer than this are refused before any parsing (64 KiB).
pub const MAX_URI_BYTES: usize = 65_536;

/// Longest accepted TOTP period: one day. No service uses more; larger values are typos
/// or hostile and would make a code valid for months.
const MAX_PERIOD: u32 = 86_400;

/// Parses one `otpauth://` (`totp`, `hotp`, `steam`) or `steam://` URI.
pub fn parse(input: &str) -> Result<Account, UriError> {
    if input.len() > MAX_URI_BYTES {
        return Err(UriError::TooLarge {
            size: input.len(),
            limit: MAX_URI_BYTES,
        });
    }
    let input = input.trim();
    let (scheme, rest) = input.split_once("://").ok_or(UriError::NotUri)?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return Err(UriError::NotUri);
    }
    match scheme.to_ascii_lowercase().as_str() {
        "otpauth" => parse_otpauth(rest),
        "steam" => parse_steam_scheme(rest),
        _ => Err(UriError::BadScheme),
    }
}

/// Bitwarden's `steam://<base32>` form.
fn parse_steam_scheme(rest: &str) -> Result<Account, UriError> {
    let secret = decode_secret(rest)?;
    build(
        Some("Steam".into()),
        String::new(),
        secret,
        Algorithm::Sha1,
        5,
        OtpKind::Steam,
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Type {
    Totp,
    Hotp,
    Steam,
}

/// The known parameters, raw (still percent-encoded) until the kind is known: a parameter
/// the kind ignores is never validated.
#[derive(Default)]
struct Params<'a> {
    secret: Option<&'a str>,
    issuer: Option<&'a str>,
    algorithm: Option<&'a str>,
    digits: Option<&'a str>,
    period: Option<&'a str>,
    counter: Option<&'a str>,
    encoder: Option<&'a str>,
}

impl<'a> Params<'a> {
    fn parse(query: &'a str) -> Result<Self, UriError> {
        let mut p = Params::default();
        for piece in query.split('&') {
            let Some((name, value)) = piece.split_once('=') else {
                continue;
            };
            let (slot, name) = match name.to_ascii_lowercase().as_str() {
                "secret" => (&mut p.secret, "secret"),
                "issuer" => (&mut p.issuer, "issuer"),
                "algorithm" => (&mut p.algorithm, "algorithm"),
                "digits" => (&mut p.digits, "digits"),
                "period" => (&mut p.period, "period"),
                "counter" => (&mut p.counter, "counter"),
                "encoder" => (&mut p.encoder, "encoder"),
                _ => continue, // image, color, icon, lock, tags, …: not ours to interpret
            };
            if slot.replace(value).is_some() {
                return Err(UriError::DuplicateParam(name));
            }
        }
        Ok(p)
    }
}

fn text(raw: &str, part: &'static str, plus_is_space: bool) -> Result<String, UriError> {
    let s = decode_component(raw, plus_is_space).ok_or(UriError::BadEncoding { part })?;
    // No length cap of its own: the whole URI is capped at MAX_URI_BYTES.
    plain_text::check(&s, usize::MAX).map_err(|_| UriError::BadEncoding { part })?;
    Ok(s)
}

fn parse_otpauth(rest: &str) -> Result<Account, UriError> {
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (type_name, label_raw) = before_query.split_once('/').unwrap_or((before_query, ""));
    let otp_type = match type_name.to_ascii_lowercase().as_str() {
        "totp" => Type::Totp,
        "hotp" => Type::Hotp,
        "steam" => Type::Steam,
        _ => return Err(UriError::BadType),
    };
    let label = text(label_raw, "label", false)?;
    let (prefix, name) = match label.split_once(':') {
        Some((issuer, account)) => (Some(issuer.trim().to_owned()), account.trim().to_owned()),
        None => (None, label.trim().to_owned()),
    };
    let params = Params::parse(query)?;
    let issuer_param = params
        .issuer
        .map(|raw| text(raw, "issuer", true))
        .transpose()?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let issuer = issuer_param.or(prefix).filter(|s| !s.is_empty());

    let secret_raw = params.secret.ok_or(UriError::MissingSecret)?;
    let secret_text =
        decode_component(secret_raw, true).ok_or(UriError::BadSecret { offset: 0 })?;
    let secret = decode_secret(&secret_text)?;

    let encoder_steam = params
        .encoder
        .and_then(|raw| decode_component(raw, true))
        .is_some_and(|e| e.trim().eq_ignore_ascii_case("steam"));
    let issuer_steam = issuer
        .as_deref()
        .is_some_and(|i| i.eq_ignore_ascii_case("steam"));
    let kind_type = match otp_type {
        Type::Totp if encoder_steam || issuer_steam => Type::Steam,
        t => t,
    };

    if kind_type == Type::Steam {
        return build(issuer, name, secret, Algorithm::Sha1, 5, OtpKind::Steam);
    }
    let algorithm = match params.algorithm {
        None => Algorithm::Sha1,
        Some(raw) => decode_component(raw, true)
            .and_then(|a| Algorithm::from_name(a.trim()))
            .ok_or(UriError::BadAlgorithm)?,
    };
    let digits = match params.digits {
        None => 6,
        Some(raw) => parse_decimal(raw)
            .and_then(|d| u8::try_from(d).ok())
            .filter(|d| DIGITS_RANGE.contains(d))
            .ok_or(UriError::BadDigits)?,
    };
    let kind = if kind_type == Type::Hotp {
        let raw = params.counter.ok_or(UriError::MissingCounter)?;
        OtpKind::Hotp {
            counter: parse_decimal(raw).ok_or(UriError::BadCounter)?,
        }
    } else {
        let period = match params.period {
            None => 30,
            Some(raw) => parse_decimal(raw)
                .and_then(|p| u32::try_from(p).ok())
                .filter(|p| (1..=MAX_PERIOD).contains(p))
                .ok_or(UriError::BadPeriod { max: MAX_PERIOD })?,
        };
        OtpKind::Totp { period }
    };
    build(issuer, name, secret, algorithm, digits, kind)
}

/// A decimal with ASCII digits only (no sign, no spaces, no units), up to u64::MAX.
fn parse_decimal(raw: &str) -> Option<u64> {
    let s = decode_component(raw, true)?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Spaces removed, trailing `=` padding removed, then case-insensitive base32.
fn decode_secret(decoded: &str) -> Result<SecretBytes, UriError> {
    let compact: zeroize::Zeroizing<String> =
        zeroize::Zeroizing::new(decoded.chars().filter(|c| *c != ' ').collect());
    let unpadded = compact.trim_end_matches('=');
    if unpadded.is_empty() {
        return Err(UriError::EmptySecret);
    }
    match base32::decode(unpadded) {
        Ok(bytes) => Ok(SecretBytes::new(bytes.to_vec())),
        Err(base32::Base32Error::BadCharacter { offset }) => Err(UriError::BadSecret { offset }),
        Err(base32::Base32Error::TooShort) => Err(UriError::BadSecret { offset: 0 }),
    }
}

fn build(
    issuer: Option<String>,
    name: String,
    secret: SecretBytes,
    algorithm: Algorithm,
    digits: u8,
    kind: OtpKind,
) -> Result<Account, UriError> {
    Account::new(issuer, name, secret, algorithm, digits, kind).map_err(|e| match e {
        AccountError::Digits(_) => UriError::BadDigits,
        AccountError::Period => UriError::BadPeriod { max: MAX_PERIOD },
        AccountError::EmptySecret => UriError::EmptySecret,
    })
}
