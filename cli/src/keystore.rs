//! Desktop OS keystores for the vault's keystore slot, through the `keyring` crate (v3):
//! Secret Service over D-Bus (GNOME Keyring, KWallet) on Linux desktops, the kernel's
//! keyutils session keyring on headless Linux, Keychain on macOS, Credential Manager on
//! Windows (the last two compile-gated by keyring's features in Cargo.toml).
//!
//! Measured (cargo tree, normal+build dependencies) before choosing:
//! keyring 3.6 sync Secret Service + keyutils, vendored libdbus: 46 crates;
//! keyring 3.6 with the zbus-based async Secret Service: 106 crates;
//! keyring-core 1.1 + dbus-secret-service-keyring-store 1.0 + linux-keyutils-keyring-store
//! 1.0: 48 crates, but those stores need Rust 1.88 (workspace MSRV is 1.85).
//! keyring 3 also compile-gates Keychain and Credential Manager behind features of the same
//! crate. `vendored` builds libdbus from source, so a fresh machine needs no libdbus-1-dev.
//! Both Linux stores are exercised against real daemons by tests/vault/keystore-check.sh.
//!
//! `INKAN_KEYSTORE` picks the store: `secret-service`, `keyutils`, `none`, or `auto`
//! (default: Secret Service when a D-Bus session bus is advertised, else keyutils).

use inkan_core::keystore::{KeystoreError, SecretStore, SecretStoreKeystore};
use inkan_core::SecretBytes;

/// Service name under which inkan's keys are stored.
const SERVICE: &str = "inkan";

/// A `SecretStore` over the platform keyring.
#[derive(Debug)]
pub struct KeyringStore {
    pub backend: &'static str,
}

fn map_err(e: keyring::Error) -> KeystoreError {
    match e {
        keyring::Error::NoEntry => KeystoreError::NotFound,
        keyring::Error::NoStorageAccess(inner) => KeystoreError::Unavailable {
            reason: one_line(&*inner),
        },
        keyring::Error::PlatformFailure(inner) => KeystoreError::Failed {
            reason: one_line(&*inner),
        },
        // Never format BadEncoding: it carries the stored bytes.
        keyring::Error::BadEncoding(_) => KeystoreError::Failed {
            reason: "unexpected encoding".into(),
        },
        other => KeystoreError::Failed {
            reason: one_line(&other),
        },
    }
}

fn one_line(e: &dyn std::error::Error) -> String {
    e.to_string()
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

impl SecretStore for KeyringStore {
    fn store(&self, name: &str, secret: &SecretBytes) -> Result<(), KeystoreError> {
        keyring::Entry::new(SERVICE, name)
            .map_err(map_err)?
            .set_secret(secret.expose())
            .map_err(map_err)
    }

    fn load(&self, name: &str) -> Result<SecretBytes, KeystoreError> {
        let bytes = keyring::Entry::new(SERVICE, name)
            .map_err(map_err)?
            .get_secret()
            .map_err(map_err)?;
        Ok(SecretBytes::new(bytes))
    }

    fn delete(&self, name: &str) -> Result<(), KeystoreError> {
        match keyring::Entry::new(SERVICE, name)
            .map_err(map_err)?
            .delete_credential()
        {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}

/// The desktop keystore chosen by `INKAN_KEYSTORE`, or `None` when disabled.
pub fn desktop() -> Option<SecretStoreKeystore<KeyringStore>> {
    let choice = std::env::var("INKAN_KEYSTORE").unwrap_or_else(|_| "auto".into());
    let backend = select(&choice)?;
    Some(SecretStoreKeystore::new(KeyringStore { backend }))
}

#[cfg(target_os = "linux")]
fn select(choice: &str) -> Option<&'static str> {
    let secret_service = || {
        keyring::set_default_credential_builder(
            keyring::secret_service::default_credential_builder(),
        );
        Some("secret-service")
    };
    let keyutils = || {
        keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
        Some("keyutils")
    };
    match choice {
        "none" | "off" => None,
        "secret-service" => secret_service(),
        "keyutils" => keyutils(),
        _ if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() => secret_service(),
        _ => keyutils(),
    }
}

#[cfg(not(target_os = "linux"))]
fn select(choice: &str) -> Option<&'static str> {
    match choice {
        "none" | "off" => None,
        _ => Some("os-default"),
    }
}
