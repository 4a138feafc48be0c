//! `inkan export`: encrypted backup by default; plain links or Google QR codes only after
//! a plain warning and a confirmation (SEC-V6). Core returns bytes; files are written here.

use super::remove::confirm;
use crate::args::ExportFormat;
use crate::error::CliError;
use crate::session::{self, kdf_params, Passwords, VaultOpts};
use inkan_core::vault::{export_backup, export_migration_qr, export_plain};
use std::io::Write;
use std::path::Path;

/// Creates a new private (0600) file; never overwrites.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::msg(format!(
                "{} already exists; choose another path",
                path.display()
            ))
        } else {
            CliError::Output(e)
        }
    })?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

fn warn_plain(what: &str, yes: bool) -> Result<(), CliError> {
    eprintln!("inkan: WARNING: {what} is NOT encrypted. It contains every account's secret key:");
    eprintln!("inkan: anyone who gets it can generate your sign-in codes. Delete it once used.");
    if !yes && !confirm("Write the unencrypted export?")? {
        return Err(CliError::msg("nothing exported"));
    }
    Ok(())
}

pub fn run(
    opts: &VaultOpts,
    format: ExportFormat,
    output: &Path,
    yes: bool,
) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let s = session::open(opts, &pw, false)?;
    let entries = s.vault.entries();
    match format {
        ExportFormat::Backup => {
            let password = pw.new_password(1, "Backup password")?;
            let bytes = export_backup(entries, &password, kdf_params())?;
            write_new(output, &bytes)?;
            eprintln!(
                "inkan: encrypted backup of {} accounts written to {}",
                entries.len(),
                output.display()
            );
        }
        ExportFormat::Plain => {
            warn_plain("a plain export", yes)?;
            let text = export_plain(entries);
            if output == Path::new("-") {
                std::io::stdout().lock().write_all(text.as_bytes())?;
            } else {
                write_new(output, text.as_bytes())?;
                eprintln!(
                    "inkan: {} accounts written UNENCRYPTED to {}",
                    entries.len(),
                    output.display()
                );
            }
        }
        ExportFormat::GoogleQr => {
            warn_plain("a Google Authenticator QR export", yes)?;
            // Ties the parts of one export together; any value works, the time is distinct enough.
            let batch = i32::try_from(session::now() & 0x7fff_ffff).unwrap_or(1);
            let qr = export_migration_qr(entries, batch)?;
            for skip in &qr.skipped {
                let label = entries
                    .get(skip.index)
                    .map(|e| e.account.label())
                    .unwrap_or_default();
                eprintln!("inkan: not exported: {label}: {}", skip.reason);
            }
            std::fs::create_dir_all(output)?;
            let n = qr.pngs.len();
            for (i, png) in qr.pngs.iter().enumerate() {
                let path = output.join(format!("inkan-google-export-{}-of-{n}.png", i + 1));
                write_new(&path, png)?;
                writeln!(std::io::stdout().lock(), "{}", path.display())?;
            }
            eprintln!(
                "inkan: {n} QR code image(s) written; scan them in order with Google Authenticator"
            );
        }
    }
    Ok(())
}
