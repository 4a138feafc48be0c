//! Every import reader on fuzzer bytes: the first byte picks a format (0: detect from the
//! content), the rest is the file. No password is given, so encrypted inputs stop at
//! "password required" and no KDF runs on fuzzer input; images and inkan backups have
//! their own targets (decode_image, vault_file).
#![no_main]
use inkan_core::import::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let readers: Vec<Format> = Format::ALL
        .into_iter()
        .filter(|f| !matches!(f, Format::Image | Format::InkanBackup))
        .collect();
    let format = match pick as usize % (readers.len() + 1) {
        0 => match import::detect(file) {
            Ok(Format::Image | Format::InkanBackup) | Err(_) => return,
            Ok(f) => f,
        },
        n => readers[n - 1],
    };
    if let Ok((format, read)) = import::read(file, Some(format), None) {
        let plan = import::plan(format, read, &[]);
        for p in &plan.add {
            let _ = inkan_core::otp::generate(&p.item.account, 1_700_000_000);
        }
    }
});
