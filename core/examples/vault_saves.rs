//! Saves through the real `FileStore` for the durability check (`tests/vault/durability_trace.py`
//! runs this under strace): `vault_saves <vault path> <count>` saves generations 1..=count,
//! each as the bytes `generation N`, and prints `acked N` on stdout once each save returned.
//! The trace then holds every file-system call and every acknowledgement, in order.

// A test driver, not library code: failing loudly is the right behaviour.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use inkan_core::vault::{FileStore, VaultStore};
use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("vault path");
    let count: u32 = args.next().expect("count").parse().expect("a number");
    let store = FileStore::open(path).unwrap();
    let mut out = std::io::stdout().lock();
    for n in 1..=count {
        store.save(format!("generation {n}").as_bytes()).unwrap();
        // One write(2) per acknowledgement, after save returned: its place in the trace is
        // the moment the caller was told the save is done.
        out.write_all(format!("acked {n}\n").as_bytes()).unwrap();
        out.flush().unwrap();
    }
}
