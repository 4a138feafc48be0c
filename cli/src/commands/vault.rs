//! `inkan vault status|passwd|recover|keystore-enable|keystore-disable`.

use crate::args::VaultAction;
use crate::error::CliError;
use crate::keystore;
use crate::session::{self, kdf_params, Passwords, VaultOpts};
use inkan_core::secret::SecretString;
use inkan_core::vault::{inspect, Credential, CredentialChange, FileStore, Vault, VaultStore};
use std::io::Write;

pub fn run(opts: &VaultOpts, action: &VaultAction) -> Result<(), CliError> {
    match action {
        VaultAction::Status => status(opts),
        VaultAction::Passwd => passwd(opts),
        VaultAction::Recover => recover(opts),
        VaultAction::KeystoreEnable => keystore_enable(opts),
        VaultAction::KeystoreDisable => keystore_disable(opts),
    }
}

fn describe(out: &mut impl Write, what: &str, bytes: Option<Vec<u8>>) -> Result<(), CliError> {
    let Some(bytes) = bytes else {
        writeln!(out, "{what}: none")?;
        return Ok(());
    };
    match inspect(&bytes) {
        Ok(info) => {
            writeln!(out, "{what}: format v{}, {} bytes", info.version, info.size)?;
            for s in info.slots {
                let detail = match (s.kdf, s.key_id) {
                    (Some(k), _) => format!("Argon2id m={} KiB t={} p={}", k.m_kib, k.t, k.p),
                    (None, Some(id)) => format!("key {id}"),
                    (None, None) => String::new(),
                };
                writeln!(out, "  slot {:<9} {detail}", s.kind.name())?;
            }
        }
        Err(e) => writeln!(out, "{what}: UNREADABLE ({e})")?,
    }
    Ok(())
}

/// Reads only headers: needs no password and changes nothing.
fn status(opts: &VaultOpts) -> Result<(), CliError> {
    let (store, path) = session::open_store(opts, "vault.inkan", false)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "vault: {}", path.display())?;
    describe(&mut out, "current", store.load()?)?;
    describe(&mut out, "previous generation", store.load_previous()?)?;
    let ks = keystore::desktop().map_or("disabled".to_owned(), |k| k.store().backend.to_owned());
    writeln!(out, "OS keystore: {ks}")?;
    Ok(())
}

fn passwd(opts: &VaultOpts) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let new = pw.new_password(1, "New vault password")?;
    let change = s.vault.set_password(&new, kdf_params())?;
    save_rekeyed(&mut s.vault, &s.store, change)?;
    eprintln!("inkan: password changed; the vault was re-keyed, so the old password no longer opens it or its previous generation");
    Ok(())
}

fn recover(opts: &VaultOpts) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let (store, path): (FileStore, _) = session::open_store(opts, "vault.inkan", false)?;
    let bytes = store
        .load()?
        .ok_or_else(|| CliError::msg(format!("no vault at {}", path.display())))?;
    let code: SecretString = pw.vault()?;
    let mut vault = Vault::unlock(&bytes, Credential::RecoveryCode(&code))?;
    let new = pw.new_password(1, "New vault password")?;
    let change = vault.reset_credentials(&new, kdf_params())?;
    eprintln!("inkan: new password set; the vault was re-keyed");
    save_rekeyed(&mut vault, &store, change)
}

/// Saves a re-keyed vault (twice: the previous generation must not keep the old
/// credential working), shows a new recovery code between the two saves (the first save
/// already holds it), and replaces keystore slots the re-key had to drop.
fn save_rekeyed(
    vault: &mut Vault,
    store: &FileStore,
    change: CredentialChange,
) -> Result<(), CliError> {
    let ks = keystore::desktop();
    if let (false, Some(ks)) = (change.removed_keystore_keys.is_empty(), &ks) {
        // Only old-format keystore slots are dropped: a new one takes their place.
        if let Err(e) = vault.add_keystore_slot(ks, &session::new_key_id()?) {
            eprintln!("inkan: the OS keystore no longer opens the vault ({e}); run `inkan vault keystore-enable`");
        }
    }
    vault.save(store)?;
    if let Some(code) = &change.new_recovery_code {
        eprintln!("inkan: the old recovery code no longer works; the new one (shown once):");
        eprintln!("    {}", code.expose());
    }
    vault.save(store)?;
    if let Some(ks) = &ks {
        for id in &change.removed_keystore_keys {
            let _ = inkan_core::keystore::Keystore::delete_key(ks, id);
        }
    }
    Ok(())
}

fn keystore_enable(opts: &VaultOpts) -> Result<(), CliError> {
    let ks = keystore::desktop()
        .ok_or_else(|| CliError::msg("the OS keystore is disabled (INKAN_KEYSTORE=none)"))?;
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let key_id = session::new_key_id()?;
    // One keystore slot per vault: a new key replaces stale ones (e.g. after the keyring
    // was wiped), whose keys are deleted once the vault no longer refers to them.
    let old = s.vault.remove_keystore_slots();
    s.vault.add_keystore_slot(&ks, &key_id)?;
    s.save()?;
    for id in &old {
        let _ = inkan_core::keystore::Keystore::delete_key(&ks, id);
    }
    eprintln!(
        "inkan: the vault now also opens through the OS keystore ({}, key {key_id})",
        ks.store().backend
    );
    Ok(())
}

fn keystore_disable(opts: &VaultOpts) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let ids = s.vault.remove_keystore_slots();
    s.save()?;
    // Delete the keys only after the vault no longer refers to them.
    if let Some(ks) = keystore::desktop() {
        for id in &ids {
            if let Err(e) = inkan_core::keystore::Keystore::delete_key(&ks, id) {
                eprintln!("inkan: could not delete key {id} from the OS keystore: {e}");
            }
        }
    }
    eprintln!(
        "inkan: removed {} keystore slot(s); the password is needed from now on",
        ids.len()
    );
    Ok(())
}
