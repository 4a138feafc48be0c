//! `Account` → canonical `otpauth://` URI.
//!
//! Always writes every parameter (no reliance on defaults) and both the issuer prefix and
//! `issuer=`, as Google's Key Uri Format recommends. Steam accounts are written as
//! `otpauth://totp/…&encoder=steam` (KeePassXC's form), which other apps import as TOTP.

use super::percent::encode_component;
use crate::account::{Account, OtpKind};
use crate::base32;

/// The canonical URI for `account`. `parse(to_uri(a)) == a` for every valid account, except
/// a TOTP account whose issuer is literally "Steam": the format itself reads that as Steam.
pub fn to_uri(account: &Account) -> String {
    let name = encode_component(&account.name);
    let label = match &account.issuer {
        // A colon in the issuer would move the split point, so such an issuer travels only
        // in `issuer=` behind an empty prefix.
        Some(issuer) if !issuer.contains(':') => format!("{}:{name}", encode_component(issuer)),
        Some(_) => format!(":{name}"),
        // Without an issuer, an account name with a colon needs an empty prefix too.
        None if account.name.contains(':') => format!(":{name}"),
        None => name,
    };
    let type_name = match account.kind {
        OtpKind::Hotp { .. } => "hotp",
        OtpKind::Totp { .. } | OtpKind::Steam => "totp",
    };
    let mut uri = format!(
        "otpauth://{type_name}/{label}?secret={}",
        base32::encode(account.secret.expose())
    );
    if let Some(issuer) = &account.issuer {
        uri.push_str("&issuer=");
        uri.push_str(&encode_component(issuer));
    }
    uri.push_str(&format!(
        "&algorithm={}&digits={}",
        account.algorithm.name(),
        account.digits
    ));
    match account.kind {
        OtpKind::Totp { period } => uri.push_str(&format!("&period={period}")),
        OtpKind::Hotp { counter } => uri.push_str(&format!("&counter={counter}")),
        OtpKind::Steam => uri.push_str("&period=30&encoder=steam"),
    }
    uri
}
