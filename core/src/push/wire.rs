//! The byte-exact strings of the privacyIDEA push protocol (PROTOCOL.md §3, §4) and their
//! encodings: base32 signatures with `=` padding, ISO 8601 poll timestamps, HTTP dates,
//! form bodies.
//!
//! Every signed string is UTF-8, joined by a literal `|`, without a trailing newline. The
//! strings are rebuilt only from parsed, validated fields (PROTOCOL.md §7.1).

use data_encoding::{BASE32, BASE64, BASE64URL};

/// Longest base32 signature accepted: an RSA-8192 signature is 1,640 characters.
pub const MAX_SIGNATURE_CHARS: usize = 1_640;

/// The string the server signs for a challenge (PROTOCOL.md §3): `nonce|url|serial|question|
/// title|sslverify`, plus `|require_presence` (the options exactly as received) when number
/// matching is on.
pub fn challenge_message(
    nonce: &str,
    url: &str,
    serial: &str,
    question: &str,
    title: &str,
    sslverify: &str,
    require_presence: Option<&str>,
) -> String {
    let mut parts = vec![nonce, url, serial, question, title, sslverify];
    if let Some(options) = require_presence {
        parts.push(options);
    }
    parts.join("|")
}

/// The string the phone signs to poll (PROTOCOL.md §3): `serial|timestamp`, with the
/// timestamp exactly as sent.
pub fn poll_message(serial: &str, timestamp: &str) -> String {
    format!("{serial}|{timestamp}")
}

/// What the phone says about a challenge, as it goes into the signed answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedAnswer<'a> {
    /// Accept a standard challenge: `nonce|serial`.
    Accept,
    /// Accept with the picked option: `nonce|serial|answer`.
    AcceptWith(&'a str),
    /// Decline: `nonce|serial|decline`, or `nonce|serial|decline|reason`.
    Decline(Option<&'a str>),
}

/// The string the phone signs to answer (PROTOCOL.md §4).
pub fn answer_message(nonce: &str, serial: &str, answer: SignedAnswer<'_>) -> String {
    match answer {
        SignedAnswer::Accept => format!("{nonce}|{serial}"),
        SignedAnswer::AcceptWith(option) => format!("{nonce}|{serial}|{option}"),
        SignedAnswer::Decline(None) => format!("{nonce}|{serial}|decline"),
        SignedAnswer::Decline(Some(reason)) => format!("{nonce}|{serial}|decline|{reason}"),
    }
}

/// RFC 4648 base32, upper case, `=` padded: the only form the server's `b32decode` takes.
pub fn encode_signature(signature: &[u8]) -> String {
    BASE32.encode(signature)
}

/// Decodes a server signature; `None` unless it is upper-case, padded base32 of bounded length.
pub fn decode_signature(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || text.len() > MAX_SIGNATURE_CHARS {
        return None;
    }
    BASE32.decode(text.as_bytes()).ok()
}

/// Standard base64 with padding (the rollout's `pubkey`).
pub fn encode_base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

/// Decodes the server key of the rollout response: base64 with embedded newlines; the
/// URL-safe alphabet is accepted as the server itself accepts it.
pub fn decode_base64_lenient(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    BASE64
        .decode(compact.as_bytes())
        .or_else(|_| BASE64URL.decode(compact.as_bytes()))
        .ok()
}

/// `application/x-www-form-urlencoded` body (WHATWG): space as `+`, the rest of the
/// non-alphanumerics except `*-._` as `%XX`.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// Date (year, month, day) of a day number since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The poll timestamp: ISO 8601 UTC with a `Z`, as the reference app sends it
/// (`2026-11-27T07:15:20Z`). The server accepts ±60 s around its own time.
pub fn iso8601_utc(unix: i64) -> String {
    let (y, mo, d) = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Parses an HTTP `Date` header (RFC 9110 §5.6.7: the IMF-fixdate
/// `Fri, 27 Nov 2026 07:15:20 GMT` and the two obsolete forms) to Unix seconds.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let time = httpdate::parse_http_date(text.trim()).ok()?;
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Strings copied from VERIFIED.md (a real 3.14 run); these are what the server checked.
    const NONCE: &str = "OUQP4GSJCHBSGNKOH6X6N4PES2B2DJSS";
    const SERIAL: &str = "PIPU000058DF";
    const URL: &str = "https://127.0.0.1:5443/ttype/push";

    #[test]
    fn challenge_string_standard() {
        let m = challenge_message(
            NONCE,
            URL,
            SERIAL,
            "Log in as Alice from 127.0.0.1?",
            "inkan test",
            "1",
            None,
        );
        assert_eq!(
            m,
            "OUQP4GSJCHBSGNKOH6X6N4PES2B2DJSS|https://127.0.0.1:5443/ttype/push|PIPU000058DF|\
             Log in as Alice from 127.0.0.1?|inkan test|1"
        );
    }

    #[test]
    fn challenge_string_number_matching() {
        let m = challenge_message(NONCE, URL, SERIAL, "Q", "T", "1", Some("09,84,01"));
        assert_eq!(m, format!("{NONCE}|{URL}|{SERIAL}|Q|T|1|09,84,01"));
        assert!(!m.ends_with('\n'));
    }

    #[test]
    fn answer_strings_match_verified_runs() {
        assert_eq!(
            answer_message(NONCE, SERIAL, SignedAnswer::AcceptWith("84")),
            "OUQP4GSJCHBSGNKOH6X6N4PES2B2DJSS|PIPU000058DF|84"
        );
        assert_eq!(
            answer_message(NONCE, SERIAL, SignedAnswer::Accept),
            format!("{NONCE}|{SERIAL}")
        );
        assert_eq!(
            answer_message(
                "UQPKJODLLREANP4YJ54MH32QRWAKGR6L",
                SERIAL,
                SignedAnswer::Decline(Some("unknown_trigger"))
            ),
            "UQPKJODLLREANP4YJ54MH32QRWAKGR6L|PIPU000058DF|decline|unknown_trigger"
        );
        assert_eq!(
            answer_message(NONCE, SERIAL, SignedAnswer::Decline(None)),
            format!("{NONCE}|{SERIAL}|decline")
        );
    }

    #[test]
    fn poll_string() {
        assert_eq!(
            poll_message(SERIAL, "2026-11-27T07:15:20Z"),
            "PIPU000058DF|2026-11-27T07:15:20Z"
        );
    }

    #[test]
    fn signature_encoding_is_padded_upper_base32() {
        let sig = [0xA5u8; 512];
        let text = encode_signature(&sig);
        assert_eq!(text.len(), 824);
        // 512 = 5 * 102 + 2: four characters and four `=` (PROTOCOL.md says six; it is four).
        assert!(text.ends_with("====") && !text.ends_with("====="));
        assert_eq!(decode_signature(&text).unwrap(), sig);
        assert_eq!(decode_signature(&text.to_lowercase()), None);
        assert_eq!(decode_signature(text.trim_end_matches('=')), None);
        assert_eq!(decode_signature(""), None);
    }

    #[test]
    fn timestamps() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601_utc(1_795_764_920), "2026-11-27T07:35:20Z");
        assert_eq!(
            parse_http_date("Fri, 27 Nov 2026 07:35:20 GMT"),
            Some(1_795_764_920)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(parse_http_date("Fri, 27 Nov 2026 25:35:20 GMT"), None);
        // The obsolete forms a recipient must accept (RFC 9110 §5.6.7).
        assert_eq!(
            parse_http_date("Friday, 27-Nov-26 07:35:20 GMT"),
            Some(1_795_764_920)
        );
        assert_eq!(
            parse_http_date("Fri Nov 27 07:35:20 2026"),
            Some(1_795_764_920)
        );
        for t in [951_782_400, 4_102_444_800] {
            let header = httpdate::fmt_http_date(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(t as u64),
            );
            assert_eq!(parse_http_date(&header), Some(t));
            assert_eq!(iso8601_utc(t)[..10], header_day(&header));
        }
    }

    /// `YYYY-MM-DD` of an IMF-fixdate, to check `iso8601_utc` against httpdate.
    fn header_day(header: &str) -> String {
        let parts: Vec<&str> = header.split(' ').collect();
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = months.iter().position(|m| *m == parts[2]).unwrap() + 1;
        format!("{}-{month:02}-{}", parts[3], parts[1])
    }

    #[test]
    fn form_body() {
        assert_eq!(
            form_encode(&[("a", "x y+z/="), ("b", "1")]),
            "a=x+y%2Bz%2F%3D&b=1"
        );
    }

    #[test]
    fn base64_with_newlines() {
        assert_eq!(decode_base64_lenient("aGVs\nbG8=\n").unwrap(), b"hello");
        assert_eq!(decode_base64_lenient("-_8=").unwrap(), vec![0xfb, 0xff]);
    }
}
