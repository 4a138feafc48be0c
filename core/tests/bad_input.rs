//! The otpauth and migration rows of SECURITY.md's bad-input table: each case is a typed
//! error with the documented class, no panic, and no secret in the message or Debug output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should abort the test

use inkan_core::migration::{MigrationError, MAX_ITEMS};
use inkan_core::text::parse_accounts;
use inkan_core::Error;

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn refused(input: &str, class: &str) {
    let err = parse_accounts(input).expect_err(input);
    assert_eq!(err.class(), class, "{input}: {err}");
    let shown = format!("{err} {err:?}").to_uppercase();
    assert!(!shown.contains(SECRET), "secret leaked: {shown}"); // SEC-V5
    assert!(!shown.contains(&input.trim().to_uppercase()) || input.trim().len() < 16);
}

macro_rules! bad {
    ($($name:ident: $uri:expr => $class:expr;)*) => {$(
        #[test]
        fn $name() { let input = String::from($uri); refused(&input, $class) }
    )*};
}

bad! {
    over_64_kib: format!("otpauth://totp/a?secret={SECRET}&pad={}", "A".repeat(70_000)) => "too-large";
    nul_in_label: format!("otpauth://totp/a%00b?secret={SECRET}") => "bad-encoding";
    control_in_issuer: format!("otpauth://totp/a?secret={SECRET}&issuer=x%1B[31m") => "bad-encoding";
    // SEC-L1: the confirm screen shows label and issuer; these reorder or split the line.
    rtl_mark_in_label: format!("otpauth://totp/Bank%E2%80%8F:a?secret={SECRET}") => "bad-encoding";
    bidi_override_in_issuer: format!("otpauth://totp/a?secret={SECRET}&issuer=x%E2%80%AEy") => "bad-encoding";
    line_separator_in_issuer: format!("otpauth://totp/a?secret={SECRET}&issuer=x%E2%80%A8y") => "bad-encoding";
    invalid_utf8: format!("otpauth://totp/%FF%FE?secret={SECRET}") => "bad-encoding";
    non_base32: "otpauth://totp/a?secret=JBSWY3DPEHPK3PX1JBSWY3DPEHPK3PXP" => "bad-secret";
    fullwidth_letters: "otpauth://totp/a?secret=ＪＢＳＷY3DPEHPK3PXP" => "bad-secret";
    empty_secret: "otpauth://totp/a?secret=" => "empty-secret";
    only_padding: "otpauth://totp/a?secret====" => "empty-secret";
    missing_secret: "otpauth://totp/a?issuer=x" => "missing-secret";
    digits_zero: format!("otpauth://totp/a?secret={SECRET}&digits=0") => "bad-digits";
    digits_five: format!("otpauth://totp/a?secret={SECRET}&digits=5") => "bad-digits";
    digits_eleven: format!("otpauth://totp/a?secret={SECRET}&digits=11") => "bad-digits";
    digits_huge: format!("otpauth://totp/a?secret={SECRET}&digits=99999999999999999999999") => "bad-digits";
    period_zero: format!("otpauth://totp/a?secret={SECRET}&period=0") => "bad-period";
    period_negative: format!("otpauth://totp/a?secret={SECRET}&period=-30") => "bad-period";
    period_huge: format!("otpauth://totp/a?secret={SECRET}&period=4294967296") => "bad-period";
    period_with_unit: format!("otpauth://totp/a?secret={SECRET}&period=30s") => "bad-period";
    counter_over_u64: format!("otpauth://hotp/a?secret={SECRET}&counter=18446744073709551616") => "bad-counter";
    counter_missing: format!("otpauth://hotp/a?secret={SECRET}") => "missing-counter";
    duplicate_equal_values: format!("otpauth://totp/a?secret={SECRET}&digits=6&digits=6") => "duplicate-param";
    duplicate_secret: format!("otpauth://totp/a?secret={SECRET}&secret={SECRET}") => "duplicate-param";
    wrong_type: format!("otpauth://motp/a?secret={SECRET}") => "bad-type";
    no_type: format!("otpauth:///a?secret={SECRET}") => "bad-type";
    wrong_scheme: format!("https://example.com/?secret={SECRET}") => "bad-scheme";
    javascript_scheme: "javascript://alert(1)" => "bad-scheme";
    bare_secret: SECRET => "not-uri";
    empty_input: "" => "not-uri";
    migration_bad_base64: "otpauth-migration://offline?data=ab*d" => "bad-base64";
    migration_length_one_mod_four: "otpauth-migration://offline?data=CiYKF" => "bad-base64";
    migration_missing_data: "otpauth-migration://offline?x=1" => "missing-data";
    migration_truncated: "otpauth-migration://offline?data=CiYKFDf%2BDQ6JAzuPGIZ0AOOgkxc%3D" => "bad-protobuf";
    // field 1, length 2^31: must fail on the length check, not allocate 2 GiB.
    migration_huge_length: "otpauth-migration://offline?data=CoCAgIAI" => "bad-protobuf";
    // an 11-byte varint for field 2
    migration_long_varint: "otpauth-migration://offline?data=EP%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F8B" => "bad-protobuf";
    // wire type 3 (group start) at top level
    migration_group: "otpauth-migration://offline?data=Cw%3D%3D" => "bad-protobuf";
    migration_no_items: "otpauth-migration://offline?data=EAEYASgJ" => "no-accounts";
}

/// A migration URI holding `items` empty items (each skipped: no secret).
fn migration_with_items(items: usize) -> Result<inkan_core::text::ParsedText, Error> {
    let payload = [0x0a, 0x00].repeat(items);
    let data = inkan_core::migration::base64::encode(&payload);
    parse_accounts(&format!("otpauth-migration://offline?data={data}"))
}

#[test]
fn migration_many_items_is_bounded() {
    // 10^5 empty items would exceed the 64 KiB cap long before the item cap.
    let err = migration_with_items(100_000).unwrap_err();
    assert!(
        matches!(err, Error::Migration(MigrationError::TooLarge { .. })),
        "{err:?}"
    );
    // Under the input cap: MAX_ITEMS items are all read (and skipped, having no secret);
    // one more is refused by the item cap itself, not by a parse error.
    let err = migration_with_items(MAX_ITEMS).unwrap_err();
    assert!(
        matches!(err, Error::Migration(MigrationError::NoAccounts { skipped }) if skipped == MAX_ITEMS),
        "{err:?}"
    );
    let err = migration_with_items(MAX_ITEMS + 1).unwrap_err();
    assert_eq!(
        err,
        Error::Migration(MigrationError::TooManyItems { limit: MAX_ITEMS })
    );
    assert_eq!(err.class(), "bad-protobuf");
}
