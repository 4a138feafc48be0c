//! HTTP as a dependency. core builds every request (URL, query, form body) and reads every
//! response; the transport only moves bytes, over TLS that it always verifies against the
//! platform roots plus the token's pinned extra CA (SEC-P3). Transports must not follow
//! redirects and must bound the response size and every timeout (slow-loris servers).

use zeroize::Zeroizing;

/// Largest response body a transport should read; longer bodies are an error.
pub const MAX_BODY: usize = 256 * 1024;

/// HTTP method used by the push protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Polling for challenges.
    Get,
    /// Rollout and answers (form body).
    Post,
}

/// One request. `body` may hold the enrollment credential, so it is zeroized on drop and
/// left out of `Debug`.
#[derive(Clone)]
pub struct HttpRequest {
    /// GET or POST.
    pub method: Method,
    /// Absolute `https://` URL, query included for GET.
    pub url: String,
    /// `application/x-www-form-urlencoded` body for POST; empty for GET.
    pub body: Zeroizing<Vec<u8>>,
    /// Extra CA certificate(s) (PEM) trusted for this token besides the platform roots.
    pub extra_ca_pem: Option<String>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("body_len", &self.body.len())
            .field("extra_ca", &self.extra_ca_pem.is_some())
            .finish_non_exhaustive()
    }
}

/// What came back: any status (4xx/5xx included), the `Date` header, the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code. A 3xx means the transport refused to follow a redirect.
    pub status: u16,
    /// The `Date` header, used to estimate clock skew.
    pub date: Option<String>,
    /// The body, at most [`MAX_BODY`] bytes.
    pub body: Vec<u8>,
}

/// Why no response was received. Messages are shown to the user; they never carry the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// Certificate not trusted, wrong name, or handshake failure.
    #[error("TLS verification of the server failed: {0}")]
    Tls(String),
    /// Could not connect (DNS, refused, unreachable).
    #[error("could not connect to the server: {0}")]
    Connect(String),
    /// A connect, read or overall deadline passed.
    #[error("the server did not answer in time")]
    Timeout,
    /// The response was larger than [`MAX_BODY`].
    #[error("the server's response is too large")]
    TooLarge,
    /// A redirect, which inkan never follows (answers go only to the pinned URL).
    #[error("the server redirected elsewhere; inkan does not follow redirects")]
    Redirect,
    /// The extra CA file could not be used.
    #[error("the extra CA certificate is not usable: {0}")]
    BadCa(String),
    /// Anything else the HTTP stack reported.
    #[error("HTTP error: {0}")]
    Other(String),
}

/// Sends one HTTP request. Implementations: ureq + rustls in the desktop CLI, the platform
/// HTTP stack on phones (through a foreign trait).
pub trait Transport: Send + Sync {
    /// Sends `request`; any HTTP status is a response, not an error.
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError>;
}
