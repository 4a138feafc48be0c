//! Cross-check: inkan's codes against pyotp (PyPI) and oathtool (Debian) for ≥ 500 random
//! accounts covering every algorithm, 6–10 digits, periods, counters, Steam and times up
//! to year 2600. Needs both tools installed: `tests/ci.d/25-crosscheck.sh` installs them and
//! runs this with `--ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should abort the test

use inkan_core::otp::{self, hotp};
use inkan_core::{uri, Account, Algorithm, OtpKind, SecretBytes};
use std::io::Write;
use std::process::{Command, Stdio};

const ACCOUNTS: usize = 600;

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

struct Case {
    account: Account,
    at: i64,
    ours: String,
}

fn random_case(rng: &mut Rng) -> Case {
    let secret_len = rng.pick(&[1usize, 5, 10, 16, 20, 32, 64]) + rng.below(4) as usize;
    let secret: Vec<u8> = (0..secret_len).map(|_| rng.next() as u8).collect();
    let algorithm = rng.pick(&[Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512]);
    let digits = 6 + rng.below(5) as u8;
    let kind = match rng.below(10) {
        0..=4 => {
            let period = rng.pick(&[1u32, 15, 30, 30, 45, 60, 90, 120, 300, 3600]);
            OtpKind::Totp {
                period: if rng.below(4) == 0 {
                    1 + rng.below(600) as u32
                } else {
                    period
                },
            }
        }
        5..=7 => {
            let counter = match rng.below(4) {
                0 => rng.below(100),
                1 => rng.below(1 << 32),
                2 => rng.below(1 << 34),
                _ => rng.pick(&[0, u64::from(u32::MAX), 1 << 32, u64::MAX]),
            };
            OtpKind::Hotp { counter }
        }
        _ => OtpKind::Steam,
    };
    let account = Account::new(
        Some("Issuer".into()),
        format!("user{}", rng.below(1000)),
        SecretBytes::new(secret),
        algorithm,
        digits,
        kind,
    )
    .unwrap();
    // Times from 1970 to about year 2600 (oathtool and pyotp take 64-bit times).
    let at = match rng.below(5) {
        0 => rng.pick(&[0i64, 59, 1_111_111_109, 2_000_000_000, 20_000_000_000]),
        _ => rng.below(20_000_000_000) as i64,
    };
    // The account must survive a round trip through its URI: that is what users scan.
    assert_eq!(uri::parse(&uri::to_uri(&account)).unwrap(), account);
    let ours = otp::generate(&account, at).unwrap().text;
    Case { account, at, ours }
}

fn cases() -> Vec<Case> {
    let mut rng = Rng(0x1a2b_3c4d_5e6f_7081);
    (0..ACCOUNTS).map(|_| random_case(&mut rng)).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn oathtool(args: &[String]) -> String {
    let out = Command::new("oathtool")
        .args(args)
        .output()
        .expect("oathtool is installed");
    assert!(
        out.status.success(),
        "oathtool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// What oathtool can check for one case: (oathtool arguments, the part of our result to compare).
/// oathtool does 6–8 digits and SHA1-only HOTP; 9–10 digits and Steam are checked through the
/// 31-bit truncated value modulo 10^8, HOTP with SHA256/512 as TOTP with a 1 s step (T = counter).
fn oathtool_check(c: &Case) -> Option<(Vec<String>, String)> {
    let a = &c.account;
    let key = hex(a.secret.expose());
    let mode = a.algorithm.name().to_lowercase();
    let eight = |counter: u64| {
        format!(
            "{:08}",
            hotp::truncated_value(a.secret.expose(), a.algorithm, counter) % 100_000_000
        )
    };
    let (digits, want) = if (6..=8).contains(&a.digits) {
        (a.digits, c.ours.clone())
    } else {
        (8, String::new())
    };
    match a.kind {
        OtpKind::Hotp { counter } if a.algorithm == Algorithm::Sha1 => {
            let want = if want.is_empty() {
                eight(counter)
            } else {
                want
            };
            Some((
                vec![
                    format!("--digits={digits}"),
                    format!("--counter={counter}"),
                    key,
                ],
                want,
            ))
        }
        // T = counter as a time with a 1 s step: only where the counter is a plausible time.
        OtpKind::Hotp { counter } if counter < 1 << 34 => {
            let want = if want.is_empty() {
                eight(counter)
            } else {
                want
            };
            Some((
                vec![
                    format!("--totp={mode}"),
                    format!("--digits={digits}"),
                    "--time-step-size=1s".into(),
                    format!("--now=@{counter}"),
                    key,
                ],
                want,
            ))
        }
        OtpKind::Hotp { .. } => None,
        OtpKind::Totp { period } => {
            let step = c.at as u64 / u64::from(period);
            let want = if want.is_empty() { eight(step) } else { want };
            Some((
                vec![
                    format!("--totp={mode}"),
                    format!("--digits={digits}"),
                    format!("--time-step-size={period}s"),
                    format!("--now=@{}", c.at),
                    key,
                ],
                want,
            ))
        }
        OtpKind::Steam => Some((
            vec![
                "--totp=sha1".into(),
                "--digits=8".into(),
                "--time-step-size=30s".into(),
                format!("--now=@{}", c.at),
                key,
            ],
            eight(c.at as u64 / 30),
        )),
    }
}

#[test]
#[ignore = "needs oathtool (apt); run by tests/ci.d/25-crosscheck.sh"]
fn codes_match_oathtool() {
    let cases = cases();
    let mut checked = 0;
    for (i, c) in cases.iter().enumerate() {
        if let Some((args, want)) = oathtool_check(c) {
            assert_eq!(
                oathtool(&args),
                want,
                "case {i}: {:?} at {}",
                c.account.kind,
                c.at
            );
            checked += 1;
        }
    }
    println!("oathtool: {checked}/{} accounts agree", cases.len());
    assert!(
        checked >= 500,
        "only {checked} cases were checkable by oathtool"
    );
}

#[test]
#[ignore = "needs pyotp (pip); run by tests/ci.d/25-crosscheck.sh"]
fn codes_match_pyotp() {
    let cases = cases();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/crosscheck/pyotp_codes.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        let mut stdin = child.stdin.take().unwrap();
        for c in &cases {
            let a = &c.account;
            let line = serde_json::json!({
                "secret": inkan_core::base32::encode(a.secret.expose()),
                "kind": a.kind.name(),
                "algorithm": a.algorithm.name(),
                "digits": a.digits,
                "period": a.period(),
                "counter": a.counter(),
                "at": c.at,
            });
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pyotp script failed (is pyotp installed?)"
    );
    let theirs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(theirs.len(), cases.len());
    for (i, (c, t)) in cases.iter().zip(&theirs).enumerate() {
        assert_eq!(
            &c.ours, t,
            "case {i}: {:?} {:?} at {}",
            c.account.kind, c.account.algorithm, c.at
        );
    }
    let kinds = |k: &str| cases.iter().filter(|c| c.account.kind.name() == k).count();
    println!(
        "pyotp: {}/{} accounts agree (totp {}, hotp {}, steam {})",
        theirs.len(),
        cases.len(),
        kinds("totp"),
        kinds("hotp"),
        kinds("steam")
    );
}
