//! `inkan qr decode`: the texts of the QR codes in image files, one file per line.
//!
//! Files are decoded on `--jobs` worker threads (default: the machine's cores) and printed in
//! the order given, each line as soon as it and every line before it are ready.

use super::input::read_image;
use crate::error::CliError;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// One line of `inkan qr decode --json` (the bench.py contract).
#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    texts: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

type Outcome = Result<Vec<String>, String>;

fn decode_file(path: &Path) -> Outcome {
    read_image(path)
        .and_then(|bytes| inkan_core::qr::decode_image(&bytes).map_err(CliError::from))
        .map_err(|e| e.to_string())
}

pub fn decode(files: &[PathBuf], json: bool, jobs: Option<usize>) -> Result<(), CliError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = jobs.unwrap_or(cores).clamp(1, 64).min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if tx.send((i, decode_file(path))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut out = std::io::stdout().lock();
        let mut pending = BTreeMap::new();
        let mut printed = 0;
        for (i, outcome) in rx {
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&printed) {
                let name = files
                    .get(printed)
                    .map(|p| p.to_string_lossy())
                    .unwrap_or_default();
                print_one(&mut out, &name, outcome, json)?;
                printed += 1;
            }
        }
        Ok(())
    })
}

fn print_one(
    out: &mut impl Write,
    name: &str,
    outcome: Outcome,
    json: bool,
) -> Result<(), CliError> {
    let (texts, error) = match outcome {
        Ok(texts) => (texts, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    if json {
        let line = FileJson {
            file: name,
            texts: &texts,
            error,
        };
        let text = serde_json::to_string(&line).map_err(std::io::Error::from)?;
        writeln!(out, "{text}")?;
    } else if let Some(e) = error {
        writeln!(out, "{name}: error: {e}")?;
    } else if texts.is_empty() {
        writeln!(out, "{name}: no QR code found")?;
    } else {
        for t in &texts {
            writeln!(out, "{name}: {}", t.escape_debug())?;
        }
    }
    // Each line goes out as soon as it is ready: callers may stream.
    out.flush()?;
    Ok(())
}
