use super::*;
use crate::pairing::{PushEnrollment, TlsStatus};

const NOW: i64 = 1_795_764_920;
const PIPUSH: &str =
    "otpauth://pipush/PIPU000058DF?url=https%3A//127.0.0.1%3A5443/ttype/push&ttl=10\
&issuer=privacyIDEA&enrollment_credential=ee203e52e28a952aac2779bd2525ad935888a4eb&v=1\
&serial=PIPU000058DF&sslverify=1&poll_only=True";

fn push(text: &str) -> PushEnrollment {
    match parse(text, NOW).unwrap() {
        PairingRequest::Push(p) => p,
        other => panic!("not push: {other:?}"),
    }
}

fn class(text: &str) -> &'static str {
    parse(text, NOW).unwrap_err().class()
}

#[test]
fn real_pipush_uri_from_verified_run() {
    let p = push(PIPUSH);
    assert_eq!(p.serial, "PIPU000058DF");
    assert_eq!(p.label, "PIPU000058DF");
    assert_eq!(p.issuer, "privacyIDEA");
    assert_eq!(p.url, "https://127.0.0.1:5443/ttype/push");
    assert_eq!(p.server_host, "127.0.0.1:5443");
    assert_eq!(
        p.tls,
        TlsStatus::Verified {
            server_asked_no_verify: false
        }
    );
    assert_eq!(p.expires_at, NOW + 600);
    assert_eq!(p.source, LinkSource::Uri);
    assert_eq!(
        p.credential.expose(),
        "ee203e52e28a952aac2779bd2525ad935888a4eb"
    );
}

#[test]
fn debug_hides_the_enrollment_credential() {
    // SEC-V5
    assert!(!format!("{:?}", push(PIPUSH)).contains("ee203e52e28a952aac2779bd2525ad935888a4eb"));
}

#[test]
fn pia_scheme() {
    assert_eq!(
        push(&PIPUSH.replacen("otpauth://", "pia://", 1)).serial,
        "PIPU000058DF"
    );
}

#[test]
fn sslverify_zero_is_shown_and_ignored() {
    // SEC-P3: TLS is verified whatever the link says.
    let p = push(&PIPUSH.replace("sslverify=1", "sslverify=0"));
    assert_eq!(
        p.tls,
        TlsStatus::Verified {
            server_asked_no_verify: true
        }
    );
}

#[test]
fn ttl_zero_is_expired() {
    assert_eq!(class(&PIPUSH.replace("ttl=10", "ttl=0")), "expired");
    assert_eq!(class(&PIPUSH.replace("ttl=10", "ttl=-5")), "expired");
}

#[test]
fn http_push_server_refused_unless_test_policy_on_loopback() {
    // SEC-L2
    let http = PIPUSH.replace("https%3A", "http%3A");
    assert_eq!(class(&http), "insecure-http");
    let policy = PairingPolicy {
        allow_http_loopback: true,
    };
    match parse_with(&http, NOW, &policy).unwrap() {
        PairingRequest::Push(p) => assert_eq!(p.tls, TlsStatus::InsecureLoopbackForTests),
        other => panic!("{other:?}"),
    }
    let remote = http.replace("127.0.0.1", "pi.example.com");
    assert_eq!(
        parse_with(&remote, NOW, &policy).unwrap_err().class(),
        "insecure-http"
    );
}

#[test]
fn bad_push_parameters() {
    assert_eq!(
        class(&PIPUSH.replace("&v=1", "&v=2")),
        "unsupported-version"
    );
    assert_eq!(
        class(&PIPUSH.replace("&serial=PIPU000058DF", "")),
        "missing-param"
    );
    assert_eq!(
        class(&PIPUSH.replace("serial=PIPU000058DF", "serial=PI%7CPU")),
        "bad-param"
    );
    assert_eq!(class(&format!("{PIPUSH}&serial=X")), "bad-param");
    assert_eq!(
        class(&PIPUSH.replace("127.0.0.1", "bank.example%40evil.example")),
        "bad-param"
    );
    assert_eq!(
        class(&PIPUSH.replace("sslverify=1", "sslverify=yes")),
        "bad-param"
    );
    // SEC-L1: the confirm screen must not show a number that connects to 127.0.0.1.
    for host in ["2130706433", "0x7f.1", "127.1"] {
        let disguised = PIPUSH.replace("127.0.0.1", host);
        assert_eq!(class(&disguised), "numeric-host", "{host}");
        assert_eq!(class(&app_link(&disguised)), "numeric-host", "{host}");
    }
    // SEC-L1: the confirm screen shows issuer and label as plain text.
    for c in [
        "%E2%80%8F",
        "%E2%80%8E",
        "%E2%80%A8",
        "%E2%80%A9",
        "%E2%80%AE",
    ] {
        let issuer = PIPUSH.replace("issuer=privacyIDEA", &format!("issuer=privacy{c}IDEA"));
        assert_eq!(class(&issuer), "bad-param", "{c}");
        let label = PIPUSH.replacen("pipush/PIPU000058DF", &format!("pipush/PIPU{c}1"), 1);
        assert_eq!(class(&label), "bad-param", "{c}");
    }
}

#[test]
fn otp_links_give_accounts() {
    let r = parse(
        "otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME",
        NOW,
    )
    .unwrap();
    match r {
        PairingRequest::Accounts {
            accounts, source, ..
        } => {
            assert_eq!(accounts.len(), 1);
            assert_eq!(accounts[0].issuer.as_deref(), Some("ACME"));
            assert_eq!(source, LinkSource::Uri);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(class("otpauth://totp/x?secret=0189"), "bad-secret");
}

#[test]
fn refusals_name_the_reason() {
    // SEC-L2
    assert_eq!(class("javascript:alert(1)"), "dangerous-scheme");
    assert_eq!(class("JavaScript:alert(1)"), "dangerous-scheme");
    assert_eq!(
        class("intent://scan/#Intent;scheme=zxing;end"),
        "dangerous-scheme"
    );
    assert_eq!(class("ftp://x/y"), "unknown-scheme");
    assert_eq!(
        class("http://pi.example.com/.well-known/inkan/pair#x"),
        "insecure-http"
    );
    assert_eq!(class(""), "not-a-link");
    assert_eq!(class("hello world"), "not-a-link");
    assert_eq!(class(&"a".repeat(MAX_LINK_BYTES + 1)), "too-large");
}

#[test]
fn phonefactor_gets_helpful_advice() {
    let e = parse("phonefactor://activate_account?code=123&url=https://x", NOW).unwrap_err();
    assert_eq!(e.class(), "phonefactor");
    assert!(e.to_string().contains("different authenticator app"));
    assert!(!e.to_string().contains("123"));
}

fn app_link(inner: &str) -> String {
    format!(
        "https://127.0.0.1/.well-known/inkan/pair#{}",
        crate::uri::encode_component(inner)
    )
}

#[test]
fn https_pairing_link_with_push_enrollment() {
    let p = push(&app_link(PIPUSH));
    assert_eq!(p.serial, "PIPU000058DF");
    assert_eq!(
        p.source,
        LinkSource::AppLink {
            host: "127.0.0.1".into()
        }
    );
}

#[test]
fn https_pairing_link_with_totp() {
    let r = parse(&app_link("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"), NOW).unwrap();
    assert!(matches!(
        r,
        PairingRequest::Accounts {
            source: LinkSource::AppLink { .. },
            ..
        }
    ));
}

#[test]
fn https_pairing_link_refusals() {
    // bad input, links: "unverified host" (the link's host is not the server's),
    // "fragments that are not otpauth", "double-encoded payloads"; the "http scheme" case is
    // in refusals_name_the_reason.
    let other_host = app_link(PIPUSH).replacen("127.0.0.1", "evil.example", 1);
    assert_eq!(class(&other_host), "host-mismatch");
    assert_eq!(
        class("https://127.0.0.1/login#otpauth%3A%2F%2Ftotp"),
        "bad-app-link"
    );
    assert_eq!(
        class("https://127.0.0.1/.well-known/inkan/pair"),
        "bad-app-link"
    );
    assert_eq!(
        class("https://127.0.0.1/.well-known/inkan/pair#javascript%3Aalert(1)"),
        "bad-app-link"
    );
    // Double-encoded: after one decode it is still "otpauth%3A…", which is no URI.
    let double = app_link(&crate::uri::encode_component(PIPUSH));
    assert_eq!(class(&double), "bad-app-link");
    // A link inside a link.
    assert_eq!(class(&app_link(&app_link(PIPUSH))), "bad-app-link");
}
