//! The desktop `Transport`: ureq over rustls with the ring provider, verifying the server
//! with the platform's verifier (`rustls-platform-verifier`: the system trust store on Linux,
//! the OS verifier on macOS and Windows) plus the token's pinned extra CA. No OpenSSL, no
//! proxy from the environment, no redirects (a 3xx is handed to core, which refuses it),
//! bounded timeouts against slow-loris servers, and a bounded body (SEC-P3).

use inkan_core::push::{HttpRequest, HttpResponse, Method, Transport, TransportError, MAX_BODY};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use rustls_platform_verifier::Verifier;
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

/// Timeouts: a server that stalls (slow-loris) costs at most `total`.
#[derive(Debug, Clone, Copy)]
pub struct DesktopTransport {
    pub connect: Duration,
    pub io: Duration,
    pub total: Duration,
}

impl Default for DesktopTransport {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            io: Duration::from_secs(20),
            total: Duration::from_secs(40),
        }
    }
}

/// Certificates of a PEM file (one or more `CERTIFICATE` blocks); an error when none.
pub fn parse_ca_pem(pem: &str) -> Result<Vec<CertificateDer<'static>>, TransportError> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|_| TransportError::BadCa("not a PEM certificate file".into()))?;
    if certs.is_empty() {
        return Err(TransportError::BadCa(
            "no CERTIFICATE block in the file".into(),
        ));
    }
    Ok(certs)
}

fn agent(t: &DesktopTransport, extra_ca_pem: Option<&str>) -> Result<ureq::Agent, TransportError> {
    let extra = match extra_ca_pem {
        Some(pem) => parse_ca_pem(pem)?,
        None => Vec::new(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    // Built per request: the system store is read afresh, so a CA installed or removed
    // since the last request counts. With an extra CA, a failure is that certificate's
    // (the system store may be empty then); without, it is the system store's (no roots).
    let verifier = Verifier::new_with_extra_roots(extra, provider.clone()).map_err(|e| {
        if extra_ca_pem.is_some() {
            TransportError::BadCa(short(&e.to_string()))
        } else {
            TransportError::Tls(short(&e.to_string()))
        }
    })?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TransportError::Other(e.to_string()))?
        .dangerous() // only to install the platform verifier: every certificate is verified
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(ureq::AgentBuilder::new()
        .tls_config(Arc::new(config))
        .try_proxy_from_env(false)
        .redirects(0)
        .https_only(true)
        .timeout_connect(t.connect)
        .timeout_read(t.io)
        .timeout_write(t.io)
        .timeout(t.total)
        .user_agent(concat!("inkan/", env!("CARGO_PKG_VERSION")))
        .build())
}

/// Maps ureq's error to what the user can act on; TLS failures are named as such. The
/// query (a poll's serial, timestamp and signature) is cut from the URL in the message.
fn classify(error: ureq::Error, url: &str) -> TransportError {
    let public = url.split('?').next().unwrap_or_default();
    let mut text = error.to_string().replace(url, public);
    let mut timed_out = false;
    let mut source = std::error::Error::source(&error);
    while let Some(s) = source {
        // A socket read/write timeout surfaces as WouldBlock (EAGAIN) on Linux.
        timed_out |= s.downcast_ref::<std::io::Error>().is_some_and(|e| {
            matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            )
        });
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    let lower = text.to_lowercase();
    if timed_out || lower.contains("timed out") || lower.contains("timeout") {
        TransportError::Timeout
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        TransportError::Tls(short(&text))
    } else if matches!(
        error.kind(),
        ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::Dns
    ) {
        TransportError::Connect(short(&text))
    } else {
        TransportError::Other(short(&text))
    }
}

fn short(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(300).collect()
}

impl Transport for DesktopTransport {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let agent = agent(self, request.extra_ca_pem.as_deref())?;
        let result = match request.method {
            Method::Get => agent.get(&request.url).call(),
            Method::Post => agent
                .post(&request.url)
                .set("Content-Type", "application/x-www-form-urlencoded")
                .send_bytes(&request.body),
        };
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => return Err(classify(e, &request.url)),
        };
        let status = response.status();
        let date = response.header("Date").map(str::to_owned);
        let mut body = Vec::new();
        response
            .into_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::TimedOut {
                    TransportError::Timeout
                } else {
                    TransportError::Other(short(&e.to_string()))
                }
            })?;
        if body.len() > MAX_BODY {
            return Err(TransportError::TooLarge);
        }
        Ok(HttpResponse { status, date, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::Zeroizing;

    fn get(url: String) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url,
            body: Zeroizing::new(Vec::new()),
            extra_ca_pem: None,
        }
    }

    #[test]
    fn a_stalling_server_times_out() {
        // Bad input "slow-loris server": accepts, then never speaks TLS.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hold = std::thread::spawn(move || {
            let conn = listener.accept();
            std::thread::sleep(Duration::from_secs(3));
            drop(conn);
        });
        let t = DesktopTransport {
            connect: Duration::from_secs(1),
            io: Duration::from_secs(1),
            total: Duration::from_secs(2),
        };
        let started = std::time::Instant::now();
        let e = t
            .send(&get(format!("https://127.0.0.1:{port}/ttype/push")))
            .unwrap_err();
        assert_eq!(e, TransportError::Timeout);
        assert!(started.elapsed() < Duration::from_secs(3));
        hold.join().unwrap();
    }

    #[test]
    fn plain_http_is_refused() {
        // SEC-P3: https_only, whatever URL core hands over. A loopback listener would accept
        // the connection, so only the scheme check can refuse it, before any connect.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let t = DesktopTransport {
            connect: Duration::from_secs(2),
            io: Duration::from_secs(2),
            total: Duration::from_secs(3),
        };
        let e = t
            .send(&get(format!("http://127.0.0.1:{port}/ttype/push")))
            .unwrap_err();
        assert!(
            matches!(&e, TransportError::Other(m) if m.contains("https_only")),
            "{e:?}"
        );
        let arrived = listener.accept();
        assert!(
            arrived
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::WouldBlock),
            "a connection reached the listener: {arrived:?}"
        );
    }

    #[test]
    fn ca_file_must_hold_a_certificate() {
        assert!(parse_ca_pem("not a pem").is_err());
        assert!(parse_ca_pem("").is_err());
    }

    #[test]
    fn a_pinned_ca_that_is_no_certificate_is_refused_before_connecting() {
        // SEC-P3: a PEM block whose content is not a certificate is the pinned CA's fault,
        // named as such, not a TLS failure of the server (nothing listens on the port).
        let mut request = get("https://127.0.0.1:9/ttype/push".into());
        request.extra_ca_pem =
            Some("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into());
        let e = DesktopTransport::default().send(&request).unwrap_err();
        assert!(matches!(e, TransportError::BadCa(_)), "{e:?}");
    }
}
