//! The token key pair. [`Signer`] is the seam: phones supply a hardware-backed key that
//! needs user presence per use (SEC-P6); the desktop uses [`SoftwareKey`], an RSA-4096 key
//! generated with the pure-Rust `rsa` crate and used for signing through ring, whose RSA
//! signing is constant-time (the `rsa` crate's is not: RUSTSEC-2023-0071).
//!
//! All signatures are RSA PKCS#1 v1.5 with SHA-256 (PROTOCOL.md, top).

use super::error::PushError;
use crate::secret::SecretBytes;
use ring::rand::SystemRandom;
use ring::signature::{self, RsaKeyPair, UnparsedPublicKey};

/// Key size the reference app uses and privacyIDEA expects.
pub const TOKEN_KEY_BITS: usize = 4096;

/// What a signature is for. A phone key asks for user presence only for `Approve`
/// (SEC-P6): polls run in the background and denying needs no biometric, and the one
/// privacyIDEA token key signs all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignPurpose {
    /// The signed timestamp of a poll.
    Poll,
    /// An approval (with or without the matched number).
    Approve,
    /// A denial, including the decline sent after a wrong number (SEC-P5).
    Deny,
}

/// Signs for one push token.
pub trait Signer: Send + Sync {
    /// The public key as DER SubjectPublicKeyInfo (sent at rollout).
    fn public_key_der(&self) -> Result<Vec<u8>, PushError>;
    /// RSA PKCS#1 v1.5 SHA-256 signature over `message`, made for `purpose`.
    fn sign(&self, message: &[u8], purpose: SignPurpose) -> Result<Vec<u8>, PushError>;
}

/// A software RSA key (desktop). The PKCS#8 form is what the store keeps.
pub struct SoftwareKey {
    pair: RsaKeyPair,
    pkcs8: SecretBytes,
    rng: SystemRandom,
}

impl std::fmt::Debug for SoftwareKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SoftwareKey(<redacted, {} bits>)",
            self.pair.public().modulus_len() * 8
        )
    }
}

impl SoftwareKey {
    /// Generates a new key pair of `bits` (use [`TOKEN_KEY_BITS`]). Slow: seconds in an
    /// optimised build, so callers keep it off the UI thread.
    pub fn generate(bits: usize) -> Result<Self, PushError> {
        use rsa::pkcs8::EncodePrivateKey;
        let mut rng = rand_core::OsRng;
        let key = rsa::RsaPrivateKey::new(&mut rng, bits)
            .map_err(|_| PushError::Key("RSA key generation failed"))?;
        let doc = key
            .to_pkcs8_der()
            .map_err(|_| PushError::Key("PKCS#8 encoding failed"))?;
        Self::from_pkcs8(SecretBytes::new(doc.as_bytes().to_vec()))
    }

    /// Loads a stored key (PKCS#8 DER).
    pub fn from_pkcs8(pkcs8: SecretBytes) -> Result<Self, PushError> {
        let pair = RsaKeyPair::from_pkcs8(pkcs8.expose())
            .map_err(|_| PushError::Key("the stored private key is not a usable RSA key"))?;
        Ok(Self {
            pair,
            pkcs8,
            rng: SystemRandom::new(),
        })
    }

    /// The public key as PKCS#1 RSAPublicKey DER (the form the server sends for its own key).
    pub fn public_key_pkcs1(&self) -> Vec<u8> {
        use ring::signature::KeyPair;
        self.pair.public_key().as_ref().to_vec()
    }

    /// The PKCS#8 DER of the private key, for the store.
    pub fn pkcs8(&self) -> &SecretBytes {
        &self.pkcs8
    }

    /// RSA PKCS#1 v1.5 SHA-256 signature over `message` (no presence check on a desktop).
    pub fn sign_message(&self, message: &[u8]) -> Result<Vec<u8>, PushError> {
        let mut sig = vec![0u8; self.pair.public().modulus_len()];
        self.pair
            .sign(&signature::RSA_PKCS1_SHA256, &self.rng, message, &mut sig)
            .map_err(|_| PushError::Key("signing failed"))?;
        Ok(sig)
    }
}

impl Signer for SoftwareKey {
    fn public_key_der(&self) -> Result<Vec<u8>, PushError> {
        use ring::signature::KeyPair;
        spki_from_pkcs1(self.pair.public_key().as_ref())
    }

    fn sign(&self, message: &[u8], _purpose: SignPurpose) -> Result<Vec<u8>, PushError> {
        self.sign_message(message)
    }
}

/// DER length octets.
fn der_len(len: usize, out: &mut Vec<u8>) -> Result<(), PushError> {
    match len {
        0..=0x7f => out.push(len as u8),
        0x80..=0xff => out.extend_from_slice(&[0x81, len as u8]),
        0x100..=0xffff => out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]),
        _ => return Err(PushError::Key("public key too large")),
    }
    Ok(())
}

/// Wraps a PKCS#1 RSAPublicKey into a SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 8017 A.1):
/// SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING { 0 unused bits, key } }.
fn spki_from_pkcs1(pkcs1: &[u8]) -> Result<Vec<u8>, PushError> {
    const ALG: [u8; 15] = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    let mut bits = vec![0x03];
    der_len(pkcs1.len() + 1, &mut bits)?;
    bits.push(0);
    bits.extend_from_slice(pkcs1);
    let mut out = vec![0x30];
    der_len(ALG.len() + bits.len(), &mut out)?;
    out.extend_from_slice(&ALG);
    out.extend_from_slice(&bits);
    Ok(out)
}

/// Verifies a server signature (RSA PKCS#1 v1.5 SHA-256, 2048–8192 bits) with the server's
/// PKCS#1 public key from rollout (SEC-P1).
pub fn verify_server_signature(server_key_pkcs1: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, server_key_pkcs1)
        .verify(message, signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::EncodeRsaPublicKey;
    use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};

    #[test]
    fn generated_key_signs_and_its_spki_matches_the_rsa_crate() {
        // 2048 bits keeps the unit test fast; rollout uses TOKEN_KEY_BITS.
        let key = SoftwareKey::generate(2048).unwrap();
        let parsed = rsa::RsaPrivateKey::from_pkcs8_der(key.pkcs8().expose()).unwrap();
        let public = parsed.to_public_key();
        let spki = public.to_public_key_der().unwrap();
        assert_eq!(key.public_key_der().unwrap(), spki.as_bytes());
        let pkcs1 = public.to_pkcs1_der().unwrap();
        let sig = key.sign_message(b"nonce|serial|84").unwrap();
        assert_eq!(sig.len(), 256);
        assert!(verify_server_signature(
            pkcs1.as_bytes(),
            b"nonce|serial|84",
            &sig
        ));
        assert!(!verify_server_signature(
            pkcs1.as_bytes(),
            b"nonce|serial|85",
            &sig
        ));
        let again = SoftwareKey::from_pkcs8(key.pkcs8().clone()).unwrap();
        assert!(verify_server_signature(
            pkcs1.as_bytes(),
            b"x",
            &again.sign_message(b"x").unwrap()
        ));
    }

    #[test]
    fn debug_hides_the_key() {
        // SEC-V5
        let key = SoftwareKey::generate(2048).unwrap();
        let shown = format!("{key:?}");
        assert_eq!(shown, "SoftwareKey(<redacted, 2048 bits>)");
        assert!(SoftwareKey::from_pkcs8(SecretBytes::new(vec![1, 2, 3])).is_err());
    }
}
