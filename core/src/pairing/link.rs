//! A small, strict parser for the absolute URLs pairing deals with (push servers and
//! https pairing links). It accepts less than RFC 3986 on purpose: no user info (a
//! `user@` in front of a host disguises the real host), no spaces, controls or `|`.

use super::error::PairingError;

/// Path of the https pairing link (see `docs/pairing-links.md`).
pub const PAIR_PATH: &str = "/.well-known/inkan/pair";

/// An absolute URL split into the parts pairing checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl {
    /// Lower-case scheme.
    pub scheme: String,
    /// Lower-case host name, IPv4 address, or `[IPv6]`.
    pub host: String,
    /// Explicit port, if any.
    pub port: Option<u16>,
    /// Path, starting with `/` (or empty).
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

/// Parses `scheme://host[:port][/path][?query][#fragment]`.
pub fn parse_server_url(text: &str) -> Result<ServerUrl, PairingError> {
    let bad = PairingError::BadParam("url");
    if text.len() > 2048
        || text
            .chars()
            .any(|c| c.is_control() || c == ' ' || c == '|' || c == '\\')
    {
        return Err(bad);
    }
    let (scheme, rest) = text
        .split_once("://")
        .ok_or(PairingError::BadParam("url"))?;
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f.to_owned())),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q.to_owned())),
        None => (rest, None),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if authority.contains('@') || authority.is_empty() {
        return Err(bad);
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (addr, after) = v6.split_once(']').ok_or(PairingError::BadParam("url"))?;
        addr.parse::<std::net::Ipv6Addr>()
            .map_err(|_| PairingError::BadParam("url"))?;
        (
            format!("[{}]", addr.to_ascii_lowercase()),
            after.strip_prefix(':'),
        )
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    let port = port
        .map(|p| p.parse::<u16>().map_err(|_| PairingError::BadParam("url")))
        .transpose()?;
    let host_ok = host.starts_with('[')
        || (!host.is_empty()
            && host.len() <= 253
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'));
    if !host_ok || port == Some(0) {
        return Err(bad);
    }
    Ok(ServerUrl {
        scheme: scheme.to_ascii_lowercase(),
        host,
        port,
        path: path.to_owned(),
        query,
        fragment,
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
            "no-scheme",
        ] {
            assert!(parse_server_url(bad).is_err(), "{bad}");
        }
    }
}
