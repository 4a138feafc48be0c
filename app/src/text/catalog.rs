//! The Fluent bundles, one per language, and lookups by key with arguments.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the app has a complete catalog for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English: the fallback for every system language without a catalog.
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Every language with a catalog.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The language for a system locale tag (`ja-JP`, `ja_JP`, `en-US`, `de`...): Japanese
    /// for any Japanese tag, English for everything else.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if primary == "ja" {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag of the catalog.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../locales/en/app.ftl"),
            Lang::Ja => include_str!("../../locales/ja/app.ftl"),
        }
    }
}

/// Both catalogs, parsed once.
pub struct Texts {
    en: FluentBundle<FluentResource>,
    ja: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Texts")
    }
}

/// Groups the integer digits of `n` by three with `,` (English and Japanese alike).
fn group_thousands(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn format_number<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(group_thousands(&n.as_string())),
        _ => None,
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Both languages are left-to-right; isolation marks would end up in copied text.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_number));
    // The catalogs are embedded and checked by the tests below: a parse error is a build
    // bug. Whatever did parse is still used, and a missing key shows the key.
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// An argument value for a text.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Plain text (a name, an issuer), shown as given.
    Text(String),
    /// A number: selects the plural form and is shown with digit grouping.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl Default for Texts {
    fn default() -> Self {
        Self::new()
    }
}

impl Texts {
    /// Parses both catalogs.
    pub fn new() -> Self {
        Self {
            en: bundle(Lang::En),
            ja: bundle(Lang::Ja),
        }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// The text `key` in `lang` without arguments.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.ta(lang, key, &[])
    }

    /// The text `key` in `lang` with named arguments. A key missing from the catalog
    /// shows the key itself (the catalog tests keep that from shipping).
    pub fn ta(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
                Arg::Number(n) => {
                    // Through f64: exact for every count and counter a screen shows.
                    #[allow(clippy::cast_precision_loss)]
                    let number = FluentNumber::new(*n as f64, Default::default());
                    fluent_args.set(*name, FluentValue::Number(number))
                }
            }
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Whether `key` is in the catalog of `lang`.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }
}

/// Every message id of a catalog, in file order (for the completeness tests).
#[cfg(test)]
pub(crate) fn catalog_keys(lang: Lang) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let resource = match FluentResource::try_new(lang.source().to_owned()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{} catalog does not parse: {errors:?}", lang.tag()),
    };
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_catalogs_have_the_same_keys() {
        let en: BTreeSet<_> = catalog_keys(Lang::En).into_iter().collect();
        let ja: BTreeSet<_> = catalog_keys(Lang::Ja).into_iter().collect();
        let only_en: Vec<_> = en.difference(&ja).collect();
        let only_ja: Vec<_> = ja.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in ja: {only_en:?}");
        assert!(only_ja.is_empty(), "missing in en: {only_ja:?}");
    }

    #[test]
    fn every_message_formats_without_errors() {
        let texts = Texts::new();
        for lang in Lang::ALL {
            for key in catalog_keys(lang) {
                let bundle = texts.bundle(lang);
                let Some(pattern) = bundle.get_message(&key).and_then(|m| m.value()) else {
                    panic!("{key} has no value in {}", lang.tag());
                };
                let mut args = FluentArgs::new();
                for name in [
                    "count", "name", "issuer", "seconds", "code", "host", "reason", "account",
                    "number", "detail", "minutes", "file",
                ] {
                    args.set(name, FluentValue::from(1));
                }
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{key} ({}): {errors:?}", lang.tag());
                assert!(!text.trim().is_empty(), "{key} ({}) is empty", lang.tag());
            }
        }
    }

    #[test]
    fn plurals_and_numbers() {
        let texts = Texts::new();
        let one = texts.ta(Lang::En, "accounts-count", &[("count", 1usize.into())]);
        let many = texts.ta(Lang::En, "accounts-count", &[("count", 1234usize.into())]);
        assert_eq!(one, "1 account");
        assert_eq!(many, "1,234 accounts");
        let ja = texts.ta(Lang::Ja, "accounts-count", &[("count", 1234usize.into())]);
        assert_eq!(ja, "1,234 件のアカウント");
    }

    #[test]
    fn language_from_system_tag() {
        assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_tag("ja_JP"), Lang::Ja);
        assert_eq!(Lang::from_tag("JA"), Lang::Ja);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de-DE"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn grouping() {
        assert_eq!(group_thousands("0"), "0");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1000"), "1,000");
        assert_eq!(group_thousands("-1234567"), "-1,234,567");
    }
}
