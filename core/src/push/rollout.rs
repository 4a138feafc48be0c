//! Step 2 of enrollment (PROTOCOL.md §2): post the token's public key with the one-time
//! credential and keep the server key that comes back, with the URL and TLS trust pinned.

use super::client::{parse_body, server_message, PushClient};
use super::error::{PushError, StoreError};
use super::signer::Signer;
use super::store::{PushToken, TokenKey};
use super::transport::{HttpRequest, Method};
use super::wire;
use crate::pairing::PushEnrollment;
use serde_json::Value;
use zeroize::Zeroizing;

/// `fbtoken` value of poll-only phones (what the reference app sends).
const NO_FIREBASE_TOKEN: &str = "no_firebase_token";

impl PushClient {
    /// Step 2 of enrollment: posts the public key of `signer` with the one-time credential,
    /// stores the server's key with the URL and TLS trust pinned now (SEC-P3, SEC-P10).
    /// `key` is how the store finds `signer` again. Call only after the user confirmed.
    pub fn rollout(
        &self,
        enrollment: &PushEnrollment,
        signer: &dyn Signer,
        key: TokenKey,
        extra_ca_pem: Option<String>,
    ) -> Result<PushToken, PushError> {
        key.check()?;
        let now = self.clock.now_unix();
        if now > enrollment.expires_at {
            return Err(PushError::EnrollmentExpired);
        }
        if self
            .store
            .tokens()?
            .iter()
            .any(|t| t.serial == enrollment.serial)
        {
            return Err(StoreError::Duplicate(enrollment.serial.clone()).into());
        }
        let pubkey = wire::encode_base64(&signer.public_key_der()?);
        let body = wire::form_encode(&[
            ("enrollment_credential", enrollment.credential.expose()),
            ("serial", &enrollment.serial),
            ("fbtoken", NO_FIREBASE_TOKEN),
            ("pubkey", &pubkey),
        ]);
        let request = HttpRequest {
            method: Method::Post,
            url: enrollment.url.clone(),
            body: Zeroizing::new(body.into_bytes()),
            extra_ca_pem: extra_ca_pem.clone(),
        };
        let response = self.transport.send(&request)?;
        let json = parse_body(&response).map_err(PushError::RolloutRefused)?;
        if response.status != 200 || json.pointer("/result/value") != Some(&Value::Bool(true)) {
            return Err(PushError::RolloutRefused(server_message(
                &json,
                response.status,
            )));
        }
        if json
            .pointer("/detail/serial")
            .and_then(Value::as_str)
            .is_some_and(|s| s != enrollment.serial)
        {
            return Err(PushError::BadResponse(
                "the rollout answer names another serial",
            ));
        }
        let server_key = json
            .pointer("/detail/public_key")
            .and_then(Value::as_str)
            .filter(|k| k.len() <= 4096)
            .and_then(wire::decode_base64_lenient)
            .filter(|der| is_rsa_public_key(der))
            .ok_or(PushError::BadResponse(
                "the rollout answer has no usable server key",
            ))?;
        let token = PushToken {
            serial: enrollment.serial.clone(),
            label: enrollment.label.clone(),
            issuer: enrollment.issuer.clone(),
            url: enrollment.url.clone(),
            extra_ca_pem,
            server_key,
            key,
            paired_at: now,
        };
        self.store.add_token(&token)?;
        Ok(token)
    }
}

/// True for a PKCS#1 RSAPublicKey of 2048 to 8192 bits.
fn is_rsa_public_key(der: &[u8]) -> bool {
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::traits::PublicKeyParts;
    rsa::RsaPublicKey::from_pkcs1_der(der).is_ok_and(|k| (2048..=8192).contains(&(k.size() * 8)))
}
