//! The absolute URLs pairing deals with (push servers and https pairing links), parsed by
//! the WHATWG URL standard (`url` crate) and then held to less on purpose: no user info (a
//! `user@` in front of a host disguises the real host), no spaces, controls or `|`, no
//! IPv4 address written in a form other than the one connected to.

use super::error::PairingError;
use url::{Host, Url};

/// Path of the https pairing link (see `docs/pairing-links.md`).
pub const PAIR_PATH: &str = "/.well-known/inkan/pair";

/// An absolute URL split into the parts pairing checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl {
    /// Lower-case scheme.
    pub scheme: String,
    /// The host as the HTTP stack connects to it: lower-case (punycode) name, dotted IPv4
    /// address, or `[IPv6]` in its canonical form.
    pub host: String,
    /// Port, if one other than the scheme's default was given.
    pub port: Option<u16>,
    /// Path, normalised (starts with `/` for http and https).
    pub path: String,
    /// Query without `?`, if any.
    pub query: Option<String>,
    /// Fragment without `#`, if any.
    pub fragment: Option<String>,
}

impl ServerUrl {
    /// `host[:port]` for display.
    pub fn host_port(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    /// True for `localhost`, `127.0.0.0/8` and `[::1]`.
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self.host == "[::1]"
            || self
                .host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// Parses `scheme://host[:port][/path][?query][#fragment]` as the WHATWG URL standard does
/// (the `url` crate, which the HTTP stack also uses to connect), so that the host shown is
/// the host connected to. On top of the standard it refuses:
/// - user info (`bank.example@evil.example`), spaces, controls, `|` and `\`;
/// - an empty authority (`https:///x`, which the standard would read as host `x`);
/// - an IPv4 address in any but its canonical dotted-decimal form (`2130706433`,
///   `0x7f.1`, `127.1`, `0177.0.0.1`): the standard connects to `127.0.0.1` for each,
///   and a host shown as a number or name-like text must not hide that.
pub fn parse_server_url(text: &str) -> Result<ServerUrl, PairingError> {
    let bad = PairingError::BadParam("url");
    if text.len() > 2048
        || text
            .chars()
            .any(|c| c.is_control() || c == ' ' || c == '|' || c == '\\')
    {
        return Err(bad);
    }
    // The scheme's colon must be followed by "//": "https:/host/…" is fixed up by the WHATWG
    // parser, so the text would name one host and the "://" found later (in a query) another.
    let rest = text
        .split_once(':')
        .and_then(|(_, rest)| rest.strip_prefix("//"))
        .ok_or(PairingError::BadParam("url"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(bad);
    }
    let url = Url::parse(text).map_err(|_| PairingError::BadParam("url"))?;
    if !url.username().is_empty() || url.password().is_some() || url.port() == Some(0) {
        return Err(bad);
    }
    let host = match url.host() {
        Some(Host::Domain(d))
            if d.len() <= 253
                && d.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') =>
        {
            d.to_owned()
        }
        Some(Host::Ipv4(ip)) => {
            let written = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
            if written != ip.to_string() {
                return Err(PairingError::NumericHost);
            }
            ip.to_string()
        }
        // `[…]` in the WHATWG serialisation (not std's: `::ffff:7f00:1`, not `::ffff:127.0.0.1`).
        Some(Host::Ipv6(_)) => url.host_str().unwrap_or_default().to_owned(),
        _ => return Err(bad),
    };
    Ok(ServerUrl {
        scheme: url.scheme().to_owned(),
        host,
        port: url.port(),
        path: url.path().to_owned(),
        query: url.query().map(str::to_owned),
        fragment: url.fragment().map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_server_urls() {
        let u = parse_server_url("https://PI.example.com:5443/ttype/push").unwrap();
        assert_eq!(
            (u.scheme.as_str(), u.host.as_str(), u.port),
            ("https", "pi.example.com", Some(5443))
        );
        assert_eq!(u.path, "/ttype/push");
        assert!(!u.is_loopback());
        assert!(parse_server_url("https://127.0.0.1/x")
            .unwrap()
            .is_loopback());
        assert!(parse_server_url("https://[::1]:8443/x")
            .unwrap()
            .is_loopback());
        let link = parse_server_url("https://a.example/.well-known/inkan/pair#otpauth%3A").unwrap();
        assert_eq!(link.fragment.as_deref(), Some("otpauth%3A"));
    }

    #[test]
    fn refuses_disguised_hosts() {
        for bad in [
            "https://bank.example@evil.example/x",
            "https://a b/",
            "https:///x",
            "https://h:99999/",
            "https://h:0/",
            "https://h/a|b",
            "https://h\\@evil/",
            "https://1.2.3.4.5/",
            "https://256.0.0.1/",
            "no-scheme",
        ] {
            assert!(parse_server_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_scheme_without_its_slashes_is_refused() {
        // Found by the pairing_link fuzz target: "https:/ipush/…?url=https://127.0.0.1/…" was
        // checked against the authority after the later "://" while the HTTP stack would have
        // connected to "ipush". SEC-L2: links that do not say plainly where they go are refused.
        for bad in [
            "https:/ipush/x?url=https://127.0.0.1:5443/ttype/push",
            "https:pi.example.com/ttype/push",
            "https:///pi.example.com/ttype/push",
        ] {
            assert!(parse_server_url(bad).is_err(), "{bad}");
        }
        assert!(parse_server_url("https://pi.example.com/ttype/push").is_ok());
    }

    #[test]
    fn refuses_ip_addresses_in_disguise() {
        // SEC-L1: each is 127.0.0.1 to the HTTP stack, whatever it looks like.
        for bad in [
            "https://2130706433/ttype/push",
            "https://0x7f.1/",
            "https://0x7F000001/",
            "https://127.1/",
            "https://127.0.1/",
            "https://0177.0.0.1/",
            "https://127.0.0.01/",
            "https://127.0.0.1./",
            "https://%31%32%37.0.0.1/",
            "https://2130706433:5443/",
        ] {
            assert_eq!(
                parse_server_url(bad),
                Err(PairingError::NumericHost),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_host_shown_is_the_host_connected_to() {
        // SEC-L1: the confirm screen shows `host_port()`; ureq connects to what the WHATWG
        // parser (the `url` crate) makes of the same text.
        for text in [
            "https://PI.Example.COM/ttype/push",
            "https://pi.example.com:443/ttype/push",
            "https://pi.example.com:5443/ttype/push",
            "https://127.0.0.1:5443/ttype/push",
            "https://[0:0:0:0:0:0:0:1]:8443/x",
            "https://[::FFFF:127.0.0.1]/x",
            "https://ex%61mple.com/x",
            "https://b\u{fc}cher.example/x",
            "https://123.example/x",
        ] {
            let shown = parse_server_url(text).unwrap().host_port();
            let connected = Url::parse(text).unwrap();
            let connected = match connected.port() {
                Some(p) => format!("{}:{p}", connected.host_str().unwrap()),
                None => connected.host_str().unwrap().to_owned(),
            };
            assert_eq!(shown, connected, "{text}");
        }
    }
}
