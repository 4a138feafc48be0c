//! Google Authenticator migration export as QR code PNG images, one per batch.
//!
//! Returns PNG bytes; writing files is the caller's business (core has no side effects).
//! The URIs come from `migration::export`, which sizes each batch for reliable scanning.

use super::entry::Entry;
use super::error::VaultError;
use crate::account::Account;
use crate::migration::{self, ExportSkip, DEFAULT_MAX_URI_LEN};
use image::{ImageEncoder, Luma};
use qrcode::{EcLevel, QrCode};

/// PNG images and the entries Google's format cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrExport {
    /// One PNG per batch, in order (scan them in this order).
    pub pngs: Vec<Vec<u8>>,
    /// Entries left out, with the reason.
    pub skipped: Vec<ExportSkip>,
}

/// Renders `entries` as `otpauth-migration://` QR codes. `batch_id` ties the parts
/// together; pass a random value.
pub fn export_migration_qr(entries: &[Entry], batch_id: i32) -> Result<QrExport, VaultError> {
    let accounts: Vec<Account> = entries.iter().map(|e| e.account.clone()).collect();
    let export = migration::export(&accounts, batch_id, DEFAULT_MAX_URI_LEN);
    let mut pngs = Vec::with_capacity(export.uris.len());
    for uri in &export.uris {
        pngs.push(render_png(uri.as_bytes())?);
    }
    Ok(QrExport {
        pngs,
        skipped: export.skipped,
    })
}

/// One QR code (EC level M, 4-module quiet zone) as an 8-bit grayscale PNG.
pub fn render_png(data: &[u8]) -> Result<Vec<u8>, VaultError> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M).map_err(|_| {
        VaultError::InvalidField {
            field: "QR payload",
            reason: "too long for one QR code",
        }
    })?;
    let img = code
        .render::<Luma<u8>>()
        .module_dimensions(6, 6)
        .quiet_zone(true)
        .build();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::L8,
        )
        .map_err(|_| VaultError::InvalidField {
            field: "QR image",
            reason: "PNG encoding failed",
        })?;
    Ok(png)
}
