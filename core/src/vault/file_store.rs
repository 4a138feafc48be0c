//! `FileStore`: the vault as a file, saved crash-safely (SEC-V3).
//!
//! Save = write `<vault>.tmp`, fsync it, hard-link the current file to `<vault>.prev`
//! (atomically, through `<vault>.prev.tmp` + rename), rename the temp file over the vault,
//! fsync the directory. At every instant the vault path names either the old or the new
//! complete file, and the generation before the last save stays in `<vault>.prev`.
//!
//! An exclusive `flock` on `<vault>.lock`, held for the store's lifetime, keeps two
//! processes from interleaving load → change → save. Files are opened with `O_NOFOLLOW`
//! and must be regular files: a symlink or directory in place of the vault is refused.
//! This is the only code in core that touches the file system.

use super::error::VaultError;
use super::format::MAX_FILE_BYTES;
use super::store::VaultStore;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long `open` waits for another process to release the lock.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// A vault file plus its previous generation, locked for this process.
#[derive(Debug)]
pub struct FileStore {
    path: PathBuf,
    _lock: File,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(unix)]
mod os {
    use super::VaultError;
    use rustix::fs::{FlockOperation, Mode, OFlags};
    use rustix::io::Errno;
    use std::fs::File;
    use std::path::Path;

    fn errno(op: &'static str, e: Errno) -> VaultError {
        match e {
            Errno::LOOP => VaultError::NotAFile("a symbolic link"),
            Errno::ISDIR => VaultError::NotAFile("a directory"),
            _ => VaultError::io(op, &std::io::Error::from(e)),
        }
    }

    /// Opens for reading without following a final symlink; `None` if absent.
    pub(super) fn open_read(path: &Path) -> Result<Option<File>, VaultError> {
        match rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        ) {
            Ok(fd) => Ok(Some(File::from(fd))),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(errno("open", e)),
        }
    }

    /// Creates or truncates a private (0600) file for writing, refusing symlinks.
    pub(super) fn open_write(path: &Path, truncate: bool) -> Result<File, VaultError> {
        let mut flags = OFlags::RDWR | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        if truncate {
            flags |= OFlags::TRUNC;
        }
        rustix::fs::open(path, flags, Mode::from_raw_mode(0o600))
            .map(File::from)
            .map_err(|e| errno("create", e))
    }

    /// Tries to take the exclusive lock; `Ok(false)` if another process holds it.
    pub(super) fn try_lock(file: &File) -> Result<bool, VaultError> {
        match rustix::fs::flock(file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(true),
            Err(Errno::WOULDBLOCK) => Ok(false),
            Err(e) => Err(errno("lock", e)),
        }
    }
}

#[cfg(not(unix))]
mod os {
    //! Portable fallback: no O_NOFOLLOW, no advisory lock (Windows desktops are
    //! compile-gated, not yet a supported target for the vault CLI).
    use super::VaultError;
    use std::fs::File;
    use std::path::Path;

    pub(super) fn open_read(path: &Path) -> Result<Option<File>, VaultError> {
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(VaultError::io("open", &e)),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(VaultError::NotAFile("a symbolic link"))
            }
            Ok(_) => {}
        }
        File::open(path)
            .map(Some)
            .map_err(|e| VaultError::io("open", &e))
    }

    pub(super) fn open_write(path: &Path, truncate: bool) -> Result<File, VaultError> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(truncate)
            .open(path)
            .map_err(|e| VaultError::io("create", &e))
    }

    pub(super) fn try_lock(_file: &File) -> Result<bool, VaultError> {
        Ok(true)
    }
}

fn read_file(path: &Path) -> Result<Option<Vec<u8>>, VaultError> {
    let Some(file) = os::open_read(path)? else {
        return Ok(None);
    };
    let meta = file.metadata().map_err(|e| VaultError::io("stat", &e))?;
    if meta.is_dir() {
        return Err(VaultError::NotAFile("a directory"));
    }
    if !meta.is_file() {
        return Err(VaultError::NotAFile("a special file"));
    }
    let mut bytes = Vec::new();
    // One byte over the cap tells "too large" apart from "exactly at the cap".
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| VaultError::io("read", &e))?;
    Ok(Some(bytes))
}

fn ensure_regular_or_absent(path: &Path) -> Result<(), VaultError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(VaultError::io("stat", &e)),
        Ok(m) if m.file_type().is_symlink() => Err(VaultError::NotAFile("a symbolic link")),
        Ok(m) if m.is_dir() => Err(VaultError::NotAFile("a directory")),
        Ok(m) if !m.is_file() => Err(VaultError::NotAFile("a special file")),
        Ok(_) => Ok(()),
    }
}

fn sync_dir(path: &Path) -> Result<(), VaultError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Directories cannot be opened for fsync on Windows; there the rename is the barrier.
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| VaultError::io("sync directory", &e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn rename(from: &Path, to: &Path) -> Result<(), VaultError> {
    std::fs::rename(from, to).map_err(|e| VaultError::io("rename", &e))
}

impl FileStore {
    /// Takes the vault's lock (waiting up to 5 s) without reading anything. The
    /// directory must exist.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, VaultError> {
        Self::open_waiting(path, LOCK_WAIT)
    }

    /// Like `open`, waiting at most `wait` for another process's lock (`Locked` after).
    pub fn open_waiting(path: impl Into<PathBuf>, wait: Duration) -> Result<Self, VaultError> {
        let path = path.into();
        let lock = os::open_write(&sibling(&path, ".lock"), false)?;
        let deadline = Instant::now() + wait;
        while !os::try_lock(&lock)? {
            if Instant::now() >= deadline {
                return Err(VaultError::Locked);
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        Ok(Self { path, _lock: lock })
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the previous generation is kept.
    pub fn previous_path(&self) -> PathBuf {
        sibling(&self.path, ".prev")
    }

    fn write_durable(&self, bytes: &[u8]) -> Result<PathBuf, VaultError> {
        let tmp = sibling(&self.path, ".tmp");
        ensure_regular_or_absent(&tmp)?;
        let mut f = os::open_write(&tmp, true)?;
        f.write_all(bytes)
            .map_err(|e| VaultError::io("write", &e))?;
        f.sync_all().map_err(|e| VaultError::io("sync", &e))?;
        Ok(tmp)
    }
}

impl VaultStore for FileStore {
    fn load(&self) -> Result<Option<Vec<u8>>, VaultError> {
        read_file(&self.path)
    }

    fn load_previous(&self) -> Result<Option<Vec<u8>>, VaultError> {
        read_file(&self.previous_path())
    }

    fn save(&self, bytes: &[u8]) -> Result<(), VaultError> {
        ensure_regular_or_absent(&self.path)?;
        let tmp = self.write_durable(bytes)?;
        if self.path.exists() {
            // Keep the generation being replaced. A hard link costs no copy and is already
            // durable data; the link is renamed into place so `.prev` is never half-written.
            let prev_tmp = sibling(&self.path, ".prev.tmp");
            match std::fs::remove_file(&prev_tmp) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(VaultError::io("remove", &e));
                }
                _ => {}
            }
            if std::fs::hard_link(&self.path, &prev_tmp).is_err() {
                // File systems without hard links: copy, then fsync the copy.
                std::fs::copy(&self.path, &prev_tmp).map_err(|e| VaultError::io("copy", &e))?;
                File::open(&prev_tmp)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| VaultError::io("sync", &e))?;
            }
            rename(&prev_tmp, &self.previous_path())?;
        }
        rename(&tmp, &self.path)?;
        sync_dir(&self.path)
    }

    fn restore_previous(&self) -> Result<(), VaultError> {
        let prev = self.load_previous()?.ok_or(VaultError::NoPrevious)?;
        ensure_regular_or_absent(&self.path)?;
        let tmp = self.write_durable(&prev)?;
        if self.path.exists() {
            // Keep the damaged file for inspection instead of destroying evidence.
            rename(&self.path, &sibling(&self.path, ".damaged"))?;
        }
        rename(&tmp, &self.path)?;
        sync_dir(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_keeps_previous_generation_and_refuses_odd_paths() {
        // SEC-V3
        let dir = std::env::temp_dir().join(format!("inkan-fs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.inkan");
        let store = FileStore::open(&path).unwrap();
        assert_eq!(store.load().unwrap(), None);
        store.save(b"one").unwrap();
        store.save(b"two").unwrap();
        assert_eq!(store.load().unwrap().unwrap(), b"two");
        assert_eq!(store.load_previous().unwrap().unwrap(), b"one");
        store.restore_previous().unwrap();
        assert_eq!(store.load().unwrap().unwrap(), b"one");
        drop(store);

        let dpath = dir.join("d.inkan");
        std::fs::create_dir_all(&dpath).unwrap();
        let s = FileStore::open(&dpath).unwrap();
        assert_eq!(s.load().unwrap_err(), VaultError::NotAFile("a directory"));
        assert!(s.save(b"x").is_err());

        #[cfg(unix)]
        {
            let lpath = dir.join("l.inkan");
            std::os::unix::fs::symlink(&path, &lpath).unwrap();
            let s = FileStore::open(&lpath).unwrap();
            assert_eq!(
                s.load().unwrap_err(),
                VaultError::NotAFile("a symbolic link")
            );
            assert_eq!(
                s.save(b"x").unwrap_err(),
                VaultError::NotAFile("a symbolic link")
            );
            assert_eq!(std::fs::read(&path).unwrap(), b"one");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_second_opener_waits_for_the_lock() {
        // SEC-V3: two processes never interleave load → change → save. flock(2) locks
        // belong to open file descriptions, so a second open in one process conflicts too.
        let dir = std::env::temp_dir().join(format!("inkan-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.inkan");
        let first = FileStore::open(&path).unwrap();
        let waited = Duration::from_millis(150);
        let t0 = Instant::now();
        assert_eq!(
            FileStore::open_waiting(&path, waited).unwrap_err(),
            VaultError::Locked
        );
        assert!(t0.elapsed() >= waited);
        drop(first);
        assert!(FileStore::open_waiting(&path, waited).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
