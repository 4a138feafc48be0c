//! Which decoded texts a camera scan acts on: enrollment payloads. Only the scheme (and for
//! https, the pairing path) is looked at; what the payload says is `text`'s and `pairing`'s.

/// Schemes of enrollment payloads, lower case, compared case-insensitively.
pub const ENROLLMENT_SCHEMES: [&str; 4] = ["otpauth", "otpauth-migration", "pia", "steam"];

/// Path prefix of https pairing links (`https://<server>/pair…`), compared case-insensitively.
pub const PAIRING_PATH_PREFIX: &str = "/pair";

/// Whether `text` is an enrollment payload: a URI with one of [`ENROLLMENT_SCHEMES`], or an
/// https link whose path starts with [`PAIRING_PATH_PREFIX`]. Leading and trailing
/// whitespace is ignored. Extend by passing another predicate to
/// [`QrScanner::with_filter`](super::QrScanner::with_filter).
pub fn is_enrollment_payload(text: &str) -> bool {
    let text = text.trim();
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    if ENROLLMENT_SCHEMES
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
    {
        return true;
    }
    if !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    let Some(slash) = rest.find('/') else {
        return false;
    };
    let (host, path) = rest.split_at(slash);
    !host.is_empty()
        && path
            .get(..PAIRING_PATH_PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(PAIRING_PATH_PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrollment_schemes_in_any_case() {
        for t in [
            "otpauth://totp/A?secret=JBSWY3DP",
            "OTPAUTH://totp/A?secret=JBSWY3DP",
            "otpauth-migration://offline?data=abc",
            "Otpauth-Migration://offline?data=abc",
            "pia://enroll?x=1",
            "steam://ABC",
            "  otpauth://hotp/x?secret=AA&counter=1\n",
            "https://auth.example.com/pair?token=1",
            "HTTPS://auth.example.com/PAIR/abc",
        ] {
            assert!(is_enrollment_payload(t), "{t}");
        }
    }

    #[test]
    fn other_codes_are_not_payloads() {
        for t in [
            "",
            "hello",
            "https://apps.apple.com/app/id123",
            "https:///pair",
            "http://auth.example.com/pair?token=1",
            "WIFI:S:home;T:WPA;P:secret;;",
            "otpauth:/totp/missing-slash",
            "javascript://otpauth",
            "intent://pair#Intent;end",
        ] {
            assert!(!is_enrollment_payload(t), "{t}");
        }
    }
}
