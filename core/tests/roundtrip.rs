//! Property tests: canonical URI and migration export round trips.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should abort the test

use inkan_core::migration;
use inkan_core::{uri, Account, Algorithm, OtpKind, SecretBytes};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Printable text incl. separators, percent signs, plus, non-ASCII; no control characters.
    proptest::string::string_regex("[a-zA-Z0-9 :@%+&=?#/._~äé楽天-]{0,24}").unwrap()
}

fn account() -> impl Strategy<Value = Account> {
    let kind = prop_oneof![
        (1u32..=86_400).prop_map(|period| OtpKind::Totp { period }),
        any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
        Just(OtpKind::Steam),
    ];
    let algorithm = prop_oneof![
        Just(Algorithm::Sha1),
        Just(Algorithm::Sha256),
        Just(Algorithm::Sha512)
    ];
    (
        proptest::option::of(text()),
        text(),
        proptest::collection::vec(any::<u8>(), 1..80),
        algorithm,
        6u8..=10,
        kind,
    )
        .prop_filter_map(
            "valid account",
            |(issuer, name, secret, alg, digits, kind)| {
                Account::new(issuer, name, SecretBytes::new(secret), alg, digits, kind).ok()
            },
        )
        // The one documented ambiguity of the format: a TOTP issuer named "Steam" reads as Steam.
        .prop_filter("issuer Steam", |a| {
            !a.issuer
                .as_deref()
                .is_some_and(|i| i.eq_ignore_ascii_case("steam"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn uri_round_trip(a in account()) {
        let text = uri::to_uri(&a);
        prop_assert_eq!(uri::parse(&text).unwrap(), a);
    }

    #[test]
    fn migration_round_trip(accounts in proptest::collection::vec(account(), 1..40), id in any::<i32>()) {
        let export = migration::export(&accounts, id, migration::DEFAULT_MAX_URI_LEN);
        let mut back = Vec::new();
        for (i, text) in export.uris.iter().enumerate() {
            let import = migration::parse(text).unwrap();
            prop_assert_eq!(import.batch.index, i as i32);
            prop_assert_eq!(import.batch.size, export.uris.len() as i32);
            prop_assert_eq!(import.batch.id, id);
            prop_assert!(import.skipped.is_empty());
            back.extend(import.accounts);
        }
        let representable: Vec<&Account> = accounts.iter().enumerate()
            .filter(|(i, _)| !export.skipped.iter().any(|s| s.index == *i))
            .map(|(_, a)| a)
            .collect();
        prop_assert_eq!(back.len(), representable.len());
        for (got, want) in back.iter().zip(representable) {
            prop_assert_eq!(got, want);
        }
        for s in &export.skipped {
            let a = &accounts[s.index];
            let odd_period = matches!(a.kind, OtpKind::Totp { period } if period != 30);
            let steam = matches!(a.kind, OtpKind::Steam);
            prop_assert!(steam || odd_period || ![6, 8].contains(&a.digits));
        }
    }
}

#[test]
fn export_batches_fit_one_qr_each() {
    let accounts: Vec<Account> = (0..50)
        .map(|i| {
            Account::new(
                Some(format!("Service {i}")),
                format!("user{i}@example.com"),
                SecretBytes::new(vec![i as u8; 20]),
                Algorithm::Sha1,
                6,
                OtpKind::Totp { period: 30 },
            )
            .unwrap()
        })
        .collect();
    let export = migration::export(&accounts, -12345, migration::DEFAULT_MAX_URI_LEN);
    assert!(export.uris.len() > 1);
    for u in &export.uris {
        assert!(
            u.len() <= migration::DEFAULT_MAX_URI_LEN,
            "{} > limit",
            u.len()
        );
    }
}
