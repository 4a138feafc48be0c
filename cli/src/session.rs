//! Opening the vault for one command: where it is, which credential unlocks it, creating
//! it on first use, and what to say when the file is damaged.
//!
//! Credentials: with `--password-stdin`, line 1 of standard input is the vault password
//! and line 2 the second password a command may need (backup, Aegis file, new password);
//! otherwise the OS keystore slot is tried first, then an interactive prompt.

use crate::error::CliError;
use crate::keystore;
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::secret::SecretString;
use inkan_core::vault::{
    inspect, Credential, FileStore, KdfParams, SlotKind, Vault, VaultError, VaultStore,
};
use std::cell::RefCell;
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

/// Global options every vault command shares.
#[derive(Debug, Clone)]
pub struct VaultOpts {
    pub vault: Option<PathBuf>,
    pub password_stdin: bool,
    pub recover_previous: bool,
}

/// The default vault: `$XDG_DATA_HOME/inkan/vault.inkan` (platform equivalent elsewhere).
pub fn default_path(file: &str) -> Result<PathBuf, CliError> {
    let dirs = directories::ProjectDirs::from("", "", "inkan")
        .ok_or_else(|| CliError::msg("no home directory; pass --vault PATH"))?;
    Ok(dirs.data_dir().join(file))
}

/// Argon2id parameters for new slots. In debug builds (the test suites, which create
/// hundreds of vaults) `INKAN_INSECURE_TEST_KDF=1` selects tiny ones; a release build has
/// no such switch and always uses the default (and refuses to open files made weak).
pub fn kdf_params() -> KdfParams {
    #[cfg(debug_assertions)]
    if std::env::var("INKAN_INSECURE_TEST_KDF").as_deref() == Ok("1") {
        return KdfParams::INSECURE_TEST;
    }
    KdfParams::DEFAULT
}

pub fn now() -> i64 {
    SystemClock.now_unix()
}

/// Passwords from standard input (scripts) or the terminal (people). Lines are read only
/// when needed, so a script that keeps stdin open is not waited on for a second line.
pub struct Passwords {
    /// `Some` with the lines read so far when `--password-stdin` was given.
    stdin_lines: Option<RefCell<Vec<SecretString>>>,
}

impl Passwords {
    pub fn new(from_stdin: bool) -> Result<Self, CliError> {
        Ok(Self {
            stdin_lines: from_stdin.then(|| RefCell::new(Vec::new())),
        })
    }

    pub fn scripted(&self) -> bool {
        self.stdin_lines.is_some()
    }

    fn line(&self, i: usize, what: &str) -> Result<SecretString, CliError> {
        let Some(cell) = &self.stdin_lines else {
            return prompt(&format!("{what}: "));
        };
        let mut lines = cell.borrow_mut();
        let stdin = std::io::stdin();
        while lines.len() <= i {
            let mut raw = zeroize::Zeroizing::new(String::new());
            if stdin.lock().read_line(&mut raw)? == 0 {
                return Err(CliError::msg(format!(
                    "--password-stdin: line {} ({what}) is missing",
                    i + 1
                )));
            }
            lines.push(SecretString::new(
                raw.trim_end_matches(['\n', '\r']).to_owned(),
            ));
        }
        lines
            .get(i)
            .cloned()
            .ok_or_else(|| CliError::msg("--password-stdin: internal line error"))
    }

    /// The vault password (stdin line 1).
    pub fn vault(&self) -> Result<SecretString, CliError> {
        self.line(0, "Vault password")
    }

    /// A second password (stdin line 2): backup, Aegis file, new vault password.
    pub fn other(&self, what: &str) -> Result<SecretString, CliError> {
        self.line(1, what)
    }

    /// A new password: from stdin line `i`, or typed twice at the terminal.
    pub fn new_password(&self, i: usize, what: &str) -> Result<SecretString, CliError> {
        let p = self.line(i, what)?;
        if self.stdin_lines.is_none() {
            let again = prompt("Repeat it: ")?;
            if again != p {
                return Err(CliError::msg("the passwords do not match; nothing changed"));
            }
        }
        if p.expose().is_empty() {
            return Err(CliError::msg("an empty password is not allowed"));
        }
        Ok(p)
    }
}

fn prompt(text: &str) -> Result<SecretString, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::msg(
            "a password is needed but there is no terminal; pass --password-stdin and write it to standard input",
        ));
    }
    let p = rpassword::prompt_password(text)?;
    Ok(SecretString::new(p))
}

/// An open vault and the locked store it came from.
pub struct Session {
    pub vault: Vault,
    pub store: FileStore,
    pub created: bool,
}

impl Session {
    pub fn save(&self) -> Result<(), CliError> {
        self.vault.save(&self.store)?;
        Ok(())
    }
}

/// Opens the store at the chosen path, taking the lock.
pub fn open_store(
    opts: &VaultOpts,
    default_file: &str,
    create_dir: bool,
) -> Result<(FileStore, PathBuf), CliError> {
    let path = match &opts.vault {
        Some(p) => p.clone(),
        None => default_path(default_file)?,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            if !create_dir {
                return Err(no_vault(&path));
            }
            create_private_dir(dir)?;
        }
    }
    Ok((FileStore::open(&path)?, path))
}

fn create_private_dir(dir: &Path) -> Result<(), CliError> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)?;
    Ok(())
}

fn no_vault(path: &Path) -> CliError {
    CliError::msg(format!(
        "no vault at {} yet; add an account first (inkan add 'otpauth://…') or pair a push token (inkan push pair <link>)",
        path.display()
    ))
}

/// Opens (or, with `create`, creates) the vault. A damaged current file is never used:
/// the user is told, and `--recover-previous` restores the previous generation.
pub fn open(opts: &VaultOpts, pw: &Passwords, create: bool) -> Result<Session, CliError> {
    let (store, path) = open_store(opts, "vault.inkan", create)?;
    let Some(bytes) = store.load()? else {
        if !create {
            return Err(no_vault(&path));
        }
        let vault = create_vault(&store, &path, pw)?;
        return Ok(Session {
            vault,
            store,
            created: true,
        });
    };
    let vault = unlock(&store, &path, &bytes, pw, opts.recover_previous)?;
    Ok(Session {
        vault,
        store,
        created: false,
    })
}

fn create_vault(store: &FileStore, path: &Path, pw: &Passwords) -> Result<Vault, CliError> {
    if !pw.scripted() {
        eprintln!("inkan: creating a new vault at {}", path.display());
    }
    let password = pw.new_password(0, "New vault password")?;
    let created = Vault::create(&password, kdf_params())?;
    let mut vault = created.vault;
    if !pw.scripted() {
        if let Some(ks) = keystore::desktop() {
            match vault.add_keystore_slot(&ks, &new_key_id()?) {
                Ok(()) => eprintln!(
                    "inkan: the vault also opens through the OS keystore ({})",
                    ks.store().backend
                ),
                Err(e) => eprintln!("inkan: OS keystore not used: {e}"),
            }
        }
    }
    vault.save(store)?;
    eprintln!("inkan: created vault {}", path.display());
    eprintln!("inkan: recovery code (shown once; write it down, it opens the vault if you forget the password):");
    eprintln!("    {}", created.recovery_code.expose());
    Ok(vault)
}

/// A fresh keystore key name for this vault.
pub fn new_key_id() -> Result<String, CliError> {
    inkan_core::keystore::new_key_id().map_err(|e| CliError::msg(e.to_string()))
}

fn unlock(
    store: &FileStore,
    path: &Path,
    bytes: &[u8],
    pw: &Passwords,
    recover: bool,
) -> Result<Vault, CliError> {
    // The keystore first (no typing), unless the caller scripted a password.
    if !pw.scripted() {
        if let Ok(info) = inspect(bytes) {
            if info.slots.iter().any(|s| s.kind == SlotKind::Keystore) {
                if let Some(ks) = keystore::desktop() {
                    match Vault::unlock(bytes, Credential::Keystore(&ks)) {
                        Ok(v) => return Ok(v),
                        Err(e) if e.is_damage() => return damaged(store, path, Credential::Keystore(&ks), e, recover),
                        Err(e) => eprintln!("inkan: OS keystore did not open the vault ({e}); asking for the password"),
                    }
                }
            }
        }
    }
    let password = pw.vault()?;
    match Vault::unlock(bytes, Credential::Password(&password)) {
        Ok(v) => Ok(v),
        Err(e) if e.is_damage() => {
            damaged(store, path, Credential::Password(&password), e, recover)
        }
        Err(VaultError::WrongPassword) => {
            // A damaged password slot looks like a wrong password. If the previous
            // generation opens with the same password, it is damage, not a typo.
            let prev_opens = store
                .load_previous()
                .ok()
                .flatten()
                .is_some_and(|p| Vault::unlock(&p, Credential::Password(&password)).is_ok());
            if prev_opens {
                damaged(
                    store,
                    path,
                    Credential::Password(&password),
                    VaultError::Tampered,
                    recover,
                )
            } else {
                Err(VaultError::WrongPassword.into())
            }
        }
        Err(e) => Err(e.into()),
    }
}

fn damaged(
    store: &FileStore,
    path: &Path,
    cred: Credential<'_>,
    err: VaultError,
    recover: bool,
) -> Result<Vault, CliError> {
    let prev = store.load_previous()?;
    let prev_vault = prev.as_deref().map(|p| Vault::unlock(p, cred));
    match (prev_vault, recover) {
        (Some(Ok(v)), true) => {
            store.restore_previous()?;
            eprintln!(
                "inkan: restored the previous generation of {}; the damaged file was kept as {}.damaged",
                path.display(),
                path.display()
            );
            Ok(v)
        }
        (Some(Ok(v)), false) => Err(CliError::msg(format!(
            "{err}: {}. The previous generation ({} accounts) is intact; run again with --recover-previous to restore it (nothing was changed)",
            path.display(),
            v.entries().len()
        ))),
        (Some(Err(_)), _) | (None, _) => Err(CliError::msg(format!(
            "{err}: {}. No usable previous generation; nothing was changed",
            path.display()
        ))),
    }
}
