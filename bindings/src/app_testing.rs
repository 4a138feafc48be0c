//! Test-only exports for the app model scenarios (cargo feature `testing`, never in a
//! release build): the app crate's simulated privacyIDEA server, which a Kotlin/Swift
//! `HttpTransport` delegates to; the catalog texts the scenarios compare with; and an image
//! file decoded to a luma plane (Swift on Linux has no image decoder).

use std::sync::Arc;

use inkan_app::scripted::FakePushServer;
use inkan_app::text::{Lang, Texts};
use inkan_core::push::Transport;

use crate::error::InkanError;
use crate::push_platform::{HttpMethod, HttpRequest, HttpResponse};
use crate::testing::TestFrame;

/// The app crate's simulated push server (answers as privacyIDEA 3.14: a wrong number is
/// refused and left open, then declined by the app).
#[derive(uniffi::Object)]
pub struct AppPushServer(FakePushServer);

#[uniffi::export]
impl AppPushServer {
    /// A server with no open sign-in.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self(FakePushServer::default()))
    }

    /// Answers one request (what an `HttpTransport` would fetch).
    pub fn handle(&self, request: HttpRequest) -> Result<HttpResponse, InkanError> {
        let method = match request.method {
            HttpMethod::Get => inkan_core::push::Method::Get,
            HttpMethod::Post => inkan_core::push::Method::Post,
        };
        let core = inkan_core::push::HttpRequest {
            method,
            url: request.url,
            body: request.body.into(),
            extra_ca_pem: request.extra_ca_pem,
        };
        let reply = self.0.send(&core).map_err(|e| InkanError::Network {
            reason: e.to_string(),
        })?;
        Ok(HttpResponse {
            status: reply.status,
            date: reply.date,
            body: reply.body,
        })
    }

    /// Opens a sign-in whose login page shows `correct` among `options` (comma-separated).
    pub fn sign_in(
        &self,
        nonce: String,
        question: String,
        options: Option<String>,
        correct: Option<String>,
    ) -> Result<(), InkanError> {
        self.0
            .sign_in(&nonce, &question, options.as_deref(), correct.as_deref())
            .map_err(|e| InkanError::Internal {
                reason: e.to_string(),
            })
    }

    /// Whether the sign-in `nonce` is still open on the server.
    pub fn is_open(&self, nonce: String) -> bool {
        self.0.is_open(&nonce)
    }
}

/// An enrollment link (`otpauth://pipush/…`) of the simulated server.
#[uniffi::export]
pub fn app_push_enrollment_link() -> String {
    inkan_app::scripted::enrollment_link()
}

/// The catalog text `key` in the language of `system_language`, with an optional `count`.
#[uniffi::export]
pub fn app_text(system_language: String, key: String, count: Option<i64>) -> String {
    let lang = Lang::from_tag(&system_language);
    match count {
        Some(n) => Texts::new().ta(lang, &key, &[("count", n.into())]),
        None => Texts::new().t(lang, &key),
    }
}

/// An image file (PNG, JPEG, WebP…) as a camera would hand it over: its luma plane with
/// `padding` bytes of black after each row.
#[uniffi::export]
pub fn image_luma_frame(bytes: Vec<u8>, padding: u32) -> Result<TestFrame, InkanError> {
    let image = image::load_from_memory(&bytes)
        .map_err(|e| InkanError::InvalidInput {
            reason: e.to_string(),
        })?
        .to_luma8();
    let (width, height) = image.dimensions();
    let row_stride = width + padding;
    let mut y_plane = Vec::with_capacity(row_stride as usize * height as usize);
    for row in image.rows() {
        y_plane.extend(row.map(|p| p.0[0]));
        y_plane.resize(y_plane.len() + padding as usize, 0);
    }
    Ok(TestFrame {
        width,
        height,
        row_stride,
        y_plane,
    })
}
