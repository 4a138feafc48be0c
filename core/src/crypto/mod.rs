//! The cryptographic primitives every part of inkan uses, in one place: AES-256-GCM and
//! HKDF (ring), Argon2id (RFC 9106) and scrypt (RFC 7914) from RustCrypto with inkan's
//! caps, X25519 sealing to a public key (dalek), the OS random generator and
//! constant-time comparison (`subtle`).
//!
//! The vault, the keystore adapter and the Aegis reader all build on this module; it
//! knows nothing about any of them (no vault or keystore types here). KDF parameters
//! come from files, so every derivation is checked against caps before memory is
//! allocated, and the total work of one unlock or import is capped as well.

mod aead;
mod argon2id;
mod compare;
mod error;
mod pbkdf2;
mod random;
mod scrypt_kdf;
mod sealed;

pub use aead::{open, seal, KEY_LEN, NONCE_LEN, TAG_LEN};
pub use argon2id::{check_total_work, KdfParams, SALT_LEN};
pub use compare::same_bytes;
pub use error::CryptoError;
pub use pbkdf2::{pbkdf2, Pbkdf2Prf, MAX_PBKDF2_ITERATIONS};
pub use random::{random, random_key};
pub use scrypt_kdf::ScryptParams;
pub use sealed::{public_key, SealedKey, PUBLIC_LEN, SEALED_LEN};
