//! One named test per otpauth quirk of shared/vectors/README.md (public API only).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should abort the test

use inkan_core::{base32, uri, Algorithm, OtpKind};

struct Want {
    kind: &'static str,
    issuer: Option<&'static str>,
    account: &'static str,
    secret: &'static str,
    algorithm: Algorithm,
    digits: u8,
    period: Option<u32>,
    counter: Option<u64>,
}

const TOTP: Want = Want {
    kind: "totp",
    issuer: None,
    account: "",
    secret: "JBSWY3DPEHPK3PXP",
    algorithm: Algorithm::Sha1,
    digits: 6,
    period: Some(30),
    counter: None,
};

fn check(input: &str, want: Want) {
    let a = uri::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    assert_eq!(a.kind.name(), want.kind, "kind");
    assert_eq!(a.issuer.as_deref(), want.issuer, "issuer");
    assert_eq!(a.name, want.account, "account");
    assert_eq!(base32::encode(a.secret.expose()), want.secret, "secret");
    assert_eq!(a.algorithm, want.algorithm, "algorithm");
    assert_eq!(a.digits, want.digits, "digits");
    assert_eq!(a.period(), want.period, "period");
    assert_eq!(a.counter(), want.counter, "counter");
}

macro_rules! quirks {
    ($($name:ident: $uri:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() { check($uri, $want) }
    )*};
}

quirks! {
    defaults: "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP" => Want { account: "alice", ..TOTP };
    issuer_prefix_only: "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("GitHub"), account: "octo", ..TOTP };
    issuer_param_only: "otpauth://totp/jdoe?secret=JBSWY3DPEHPK3PXP&issuer=GitLab"
        => Want { issuer: Some("GitLab"), account: "jdoe", ..TOTP };
    issuer_param_wins: "otpauth://totp/Facebook:dan?secret=JBSWY3DPEHPK3PXP&issuer=Meta"
        => Want { issuer: Some("Meta"), account: "dan", ..TOTP };
    issuer_param_empty_uses_prefix: "otpauth://totp/Linode:erin?secret=JBSWY3DPEHPK3PXP&issuer="
        => Want { issuer: Some("Linode"), account: "erin", ..TOTP };
    colon_percent_encoded: "otpauth://totp/Microsoft%3Aalice%40contoso.com?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("Microsoft"), account: "alice@contoso.com", ..TOTP };
    spaces_after_colon_trimmed: "otpauth://totp/Evernote:%20%20frank?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("Evernote"), account: "frank", ..TOTP };
    plus_in_label_is_literal: "otpauth://totp/heidi+2fa@fm.com?secret=JBSWY3DPEHPK3PXP"
        => Want { account: "heidi+2fa@fm.com", ..TOTP };
    plus_in_query_is_space: "otpauth://totp/ivan?secret=JBSWY3DPEHPK3PXP&issuer=Stack+Exchange"
        => Want { issuer: Some("Stack Exchange"), account: "ivan", ..TOTP };
    percent_2b_is_plus: "otpauth://totp/judy?secret=JBSWY3DPEHPK3PXP&issuer=C%2B%2B"
        => Want { issuer: Some("C++"), account: "judy", ..TOTP };
    encoded_ampersand: "otpauth://totp/AT%26T:m?secret=JBSWY3DPEHPK3PXP&issuer=AT%26T"
        => Want { issuer: Some("AT&T"), account: "m", ..TOTP };
    utf8_percent_encoded: "otpauth://totp/%E6%A5%BD%E5%A4%A9:taro?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("楽天"), account: "taro", ..TOTP };
    utf8_raw: "otpauth://totp/みずほ:山田?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("みずほ"), account: "山田", ..TOTP };
    secret_lowercase: "otpauth://totp/a?secret=jbswy3dpehpk3pxp" => Want { account: "a", ..TOTP };
    secret_spaces_encoded: "otpauth://totp/a?secret=JBSW%20Y3DP%20EHPK%203PXP"
        => Want { account: "a", ..TOTP };
    secret_spaces_plus: "otpauth://totp/a?secret=jbsw+y3dp+ehpk+3pxp" => Want { account: "a", ..TOTP };
    secret_padding_raw: "otpauth://totp/a?secret=MZXW6===" => Want { account: "a", secret: "MZXW6", ..TOTP };
    secret_padding_encoded: "otpauth://totp/a?secret=MZXW6%3D%3D%3D"
        => Want { account: "a", secret: "MZXW6", ..TOTP };
    secret_one_byte: "otpauth://totp/a?secret=QE" => Want { account: "a", secret: "QE", ..TOTP };
    algorithm_any_case: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=sha512"
        => Want { account: "a", algorithm: Algorithm::Sha512, ..TOTP };
    digits_ten: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=10"
        => Want { account: "a", digits: 10, ..TOTP };
    period_sixty: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=60"
        => Want { account: "a", period: Some(60), ..TOTP };
    unknown_params_ignored: "otpauth://totp/a?lock=1&secret=JBSWY3DPEHPK3PXP&image=x%3Ay&flag&&"
        => Want { account: "a", ..TOTP };
    whitespace_trimmed: "  otpauth://totp/a?secret=JBSWY3DPEHPK3PXP \n" => Want { account: "a", ..TOTP };
    scheme_and_type_any_case: "OTPAUTH://TOTP/a?secret=JBSWY3DPEHPK3PXP" => Want { account: "a", ..TOTP };
    raw_spaces: "otpauth://totp/Acme Widgets:ed?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("Acme Widgets"), account: "ed", ..TOTP };
    empty_label: "otpauth://totp/?secret=JBSWY3DPEHPK3PXP" => TOTP;
    extra_colons_stay_in_account: "otpauth://totp/VPN:fiona:admin?secret=JBSWY3DPEHPK3PXP"
        => Want { issuer: Some("VPN"), account: "fiona:admin", ..TOTP };
    totp_counter_ignored: "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&counter=x"
        => Want { account: "a", ..TOTP };
    hotp: "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615&period=x"
        => Want { kind: "hotp", account: "a", period: None, counter: Some(u64::MAX), ..TOTP };
    steam_by_issuer: "otpauth://totp/Steam:g?secret=JBSWY3DPEHPK3PXP&issuer=Steam&digits=x"
        => Want { kind: "steam", issuer: Some("Steam"), account: "g", digits: 5, ..TOTP };
    steam_by_encoder: "otpauth://totp/X:l?secret=JBSWY3DPEHPK3PXP&encoder=Steam"
        => Want { kind: "steam", issuer: Some("X"), account: "l", digits: 5, ..TOTP };
    steam_by_type: "otpauth://steam/m?secret=JBSWY3DPEHPK3PXP&algorithm=MD5"
        => Want { kind: "steam", account: "m", digits: 5, ..TOTP };
    steam_scheme: "steam://JBSWY3DPEHPK3PXP" => Want { kind: "steam", issuer: Some("Steam"), digits: 5, ..TOTP };
}

#[test]
fn hotp_stays_hotp_with_steam_issuer() {
    let a = uri::parse("otpauth://hotp/Steam:x?secret=JBSWY3DPEHPK3PXP&counter=1").unwrap();
    assert_eq!(a.kind, OtpKind::Hotp { counter: 1 });
}
