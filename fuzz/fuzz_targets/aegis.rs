//! Aegis exports: JSON shape, header/slot validation, per-entry parsing of plain vaults.
//! Encrypted inputs stop at "password required" so scrypt never runs on fuzzer input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = inkan_core::aegis::looks_like_aegis(data);
    if let Ok(import) = inkan_core::aegis::parse(data, None) {
        for item in &import.items {
            let _ = inkan_core::otp::generate(&item.account, 1_700_000_000);
        }
    }
});
