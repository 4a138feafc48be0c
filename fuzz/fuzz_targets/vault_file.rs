//! Vault files: header parsing (`inspect`), unlocking through a keystore slot (slot parsing,
//! caps, AES-GCM refusal), and the decrypted-body decoder. Password slots are not unlocked
//! here: each attempt would run Argon2id with file-chosen (capped) parameters.
#![no_main]
use inkan_core::keystore::{Keystore, MemorySecretStore, SecretStoreKeystore};
use inkan_core::vault::{inspect, Credential, Vault};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keystore() -> &'static SecretStoreKeystore<MemorySecretStore> {
    static KS: OnceLock<SecretStoreKeystore<MemorySecretStore>> = OnceLock::new();
    KS.get_or_init(|| {
        let ks = SecretStoreKeystore::new(MemorySecretStore::default());
        // Creates the key-encryption key named "fuzz" so keystore slots reach AES-GCM.
        let _ = ks.wrap_key("fuzz", &inkan_core::SecretBytes::new(vec![0; 32]));
        ks
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = inspect(data);
    if let Ok(vault) = Vault::unlock(data, Credential::Keystore(keystore())) {
        // Only reachable with a forged tag; if it ever happens the result must re-seal.
        assert!(vault.seal().is_ok());
    }
    let _ = inkan_core::vault::fuzz_decode_body(data);
});
