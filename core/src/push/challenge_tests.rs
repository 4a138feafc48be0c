use super::*;
use crate::push::testing::{item, server_key, SERIAL, URL};
use serde_json::json;

fn check(v: &Value) -> Result<Challenge, DropReason> {
    verify(v, SERIAL, URL, &server_key().public_key_pkcs1())
}

#[test]
fn a_signed_challenge_verifies() {
    // SEC-P1
    let c = check(&item("NONCE1", "Log in as alice?", Some("09,84,01"), true)).unwrap();
    assert_eq!(
        c.options.as_deref(),
        Some(&["09".to_owned(), "84".into(), "01".into()][..])
    );
    assert_eq!(c.question, "Log in as alice?");
    assert!(c.capabilities.decline_reason);
    assert!(!c.server_asked_no_tls_verify);
}

#[test]
fn any_modified_field_breaks_the_signature() {
    // SEC-P1, SEC-P3: question, sslverify, options and url are all covered.
    for (field, value) in [
        ("question", "Log in as mallory?"),
        ("sslverify", "0"),
        ("require_presence", "09,84,02"),
        ("title", "other"),
    ] {
        let mut v = item("NONCE1", "Log in as alice?", Some("09,84,01"), true);
        v[field] = json!(value);
        assert_eq!(check(&v), Err(DropReason::BadSignature), "{field}");
    }
    let mut v = item("NONCE1", "q", None, true);
    v["url"] = json!("https://evil.example/ttype/push");
    assert_eq!(check(&v), Err(DropReason::BadSignature));
    let mut v = item("NONCE1", "q", None, true);
    v["signature"] = json!("not base32!");
    assert_eq!(check(&v), Err(DropReason::Malformed("signature")));
}

#[test]
fn unsigned_capabilities_are_ignored() {
    // PROTOCOL.md §7.7
    let c = check(&item("NONCE1", "q", None, false)).unwrap();
    assert!(!c.capabilities.decline_reason);
}

#[test]
fn separator_and_control_characters_are_refused() {
    // SEC-P2
    let mut v = item("NONCE1", "q", None, true);
    v["title"] = json!("a|b");
    assert_eq!(check(&v), Err(DropReason::Malformed("title")));
    let mut v = item("NONCE1", "q", None, true);
    v["question"] = json!("line\nbreak");
    assert_eq!(check(&v), Err(DropReason::Malformed("question")));
    let mut v = item("NONCE1", "q", None, true);
    v["question"] = json!("abc\u{202e}cba");
    assert_eq!(check(&v), Err(DropReason::Malformed("question")));
    assert_eq!(
        check(&item("NONCE1", "q", Some("09,,01"), true)),
        Err(DropReason::Malformed("require_presence"))
    );
    assert_eq!(
        check(&item("NONCE1", "q", Some("09|84,01"), true)),
        Err(DropReason::Malformed("require_presence"))
    );
    assert_eq!(
        check(&item("NONCE1", &"x".repeat(513), None, true)),
        Err(DropReason::Malformed("question"))
    );
    assert_eq!(
        check(&item("N|1", "q", None, true)),
        Err(DropReason::Malformed("nonce"))
    );
    assert_eq!(
        check(&json!("string")),
        Err(DropReason::Malformed("challenge"))
    );
    // A `|` inside the question is fine: it is the only field allowed to hold one.
    assert!(check(&item("NONCE1", "a|b", None, true)).is_ok());
}

#[test]
fn bidi_marks_and_line_separators_are_refused_even_when_signed() {
    // SEC-P2: a login client writes part of the question; the server signs what it got.
    for c in ['\u{200e}', '\u{200f}', '\u{61c}', '\u{2028}', '\u{2029}'] {
        let v = item("NONCE1", &format!("Log in as Alice?{c}Approve"), None, true);
        assert_eq!(check(&v), Err(DropReason::Malformed("question")), "{c:?}");
        let mut v = item("NONCE1", "q", None, true);
        v["title"] = json!(format!("inkan{c}"));
        assert_eq!(check(&v), Err(DropReason::Malformed("title")), "{c:?}");
    }
}

#[test]
fn serial_and_url_must_be_ours() {
    // SEC-P3: even a correctly signed url change is refused.
    let v = item("NONCE1", "q", None, true);
    assert_eq!(
        verify(&v, "OTHER", URL, &server_key().public_key_pkcs1()),
        Err(DropReason::OtherSerial)
    );
    assert_eq!(
        verify(
            &v,
            SERIAL,
            "https://pi.example/other",
            &server_key().public_key_pkcs1()
        ),
        Err(DropReason::OtherUrl)
    );
}
