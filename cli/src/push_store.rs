//! TEMPORARY file-based `PushStore` for the desktop, until the encrypted vault lands.
//!
//! The tokens (private keys included) and the replay cache live in one JSON file next to
//! the vault: `<vault>.push.json`, mode 0600, written atomically (temp file, fsync, rename,
//! fsync dir). The private key is protected only by the file mode here; the vault
//! implementation will encrypt it at rest (SEC-V1). This file is the only place that knows
//! the format, so it can be swapped for the vault's `PushStore` without touching the rest.
//!
//! Writers (a `watch` and an `answer` at once) serialise on `<file>.lock`, created with
//! `O_EXCL`; a lock older than 10 s is taken as left by a crashed process.

use data_encoding::BASE64;
use inkan_core::push::{PushStore, PushToken, ReplayCache, SeenEntry, StoreError, TokenKey};
use inkan_core::SecretBytes;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub struct FilePushStore {
    path: PathBuf,
}

#[derive(Serialize, Deserialize, Default)]
struct FileData {
    version: u32,
    tokens: Vec<TokenData>,
    #[serde(default)]
    replay: ReplayData,
}

#[derive(Serialize, Deserialize)]
struct TokenData {
    serial: String,
    label: String,
    issuer: String,
    url: String,
    extra_ca_pem: Option<String>,
    server_key: String,
    private_key_pkcs8: Option<String>,
    key_alias: Option<String>,
    paired_at: i64,
}

#[derive(Serialize, Deserialize, Default)]
struct ReplayData {
    seen: BTreeMap<String, (i64, Option<i64>)>,
    strikes: BTreeMap<String, Vec<i64>>,
    pending: BTreeMap<String, String>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

impl TokenData {
    fn from_token(t: &PushToken) -> Self {
        let (private_key_pkcs8, key_alias) = match &t.key {
            TokenKey::Software(k) => (Some(BASE64.encode(k.expose())), None),
            TokenKey::Platform { alias } => (None, Some(alias.clone())),
        };
        Self {
            serial: t.serial.clone(),
            label: t.label.clone(),
            issuer: t.issuer.clone(),
            url: t.url.clone(),
            extra_ca_pem: t.extra_ca_pem.clone(),
            server_key: BASE64.encode(&t.server_key),
            private_key_pkcs8,
            key_alias,
            paired_at: t.paired_at,
        }
    }

    fn to_token(&self) -> Result<PushToken, StoreError> {
        let key = match (&self.private_key_pkcs8, &self.key_alias) {
            (Some(k), _) => TokenKey::Software(SecretBytes::new(
                BASE64
                    .decode(k.as_bytes())
                    .map_err(|_| corrupt("private key"))?,
            )),
            (None, Some(alias)) => TokenKey::Platform {
                alias: alias.clone(),
            },
            (None, None) => return Err(corrupt("token without key")),
        };
        Ok(PushToken {
            serial: self.serial.clone(),
            label: self.label.clone(),
            issuer: self.issuer.clone(),
            url: self.url.clone(),
            extra_ca_pem: self.extra_ca_pem.clone(),
            server_key: BASE64
                .decode(self.server_key.as_bytes())
                .map_err(|_| corrupt("server key"))?,
            key,
            paired_at: self.paired_at,
        })
    }
}

/// Holds `<file>.lock` while alive.
struct Lock(PathBuf);

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl From<ReplayData> for ReplayCache {
    fn from(r: ReplayData) -> Self {
        ReplayCache {
            seen: r
                .seen
                .into_iter()
                .map(|(n, (first_seen, answered_at))| {
                    (
                        n,
                        SeenEntry {
                            first_seen,
                            answered_at,
                        },
                    )
                })
                .collect(),
            strikes: r.strikes,
            pending_serial: r.pending,
        }
    }
}

impl From<&ReplayCache> for ReplayData {
    fn from(c: &ReplayCache) -> Self {
        ReplayData {
            seen: c
                .seen
                .iter()
                .map(|(n, e)| (n.clone(), (e.first_seen, e.answered_at)))
                .collect(),
            strikes: c.strikes.clone(),
            pending: c.pending_serial.clone(),
        }
    }
}

impl FilePushStore {
    fn lock(&self) -> Result<Lock, StoreError> {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Unavailable(e.kind().to_string()))?;
        }
        for _ in 0..500 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
            {
                Ok(_) => return Ok(Lock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > std::time::Duration::from_secs(10));
                    if stale {
                        let _ = std::fs::remove_file(&path);
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                }
                Err(e) => return Err(StoreError::Unavailable(e.kind().to_string())),
            }
        }
        Err(StoreError::Unavailable(
            "the push store is locked by another inkan".into(),
        ))
    }

    /// The store beside the vault file `vault`.
    pub fn beside(vault: &Path) -> Self {
        let mut name = vault.as_os_str().to_owned();
        name.push(".push.json");
        Self {
            path: PathBuf::from(name),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<FileData, StoreError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => Zeroizing::new(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FileData {
                    version: 1,
                    ..FileData::default()
                })
            }
            Err(e) => return Err(StoreError::Unavailable(e.kind().to_string())),
        };
        let data: FileData = serde_json::from_str(&text).map_err(|_| corrupt("not valid JSON"))?;
        if data.version != 1 {
            return Err(corrupt("unknown version"));
        }
        Ok(data)
    }

    fn write(&self, data: &FileData) -> Result<(), StoreError> {
        let io = |e: std::io::Error| StoreError::Unavailable(e.kind().to_string());
        let text = Zeroizing::new(
            serde_json::to_string_pretty(data).map_err(|_| corrupt("encoding failed"))?,
        );
        let dir = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let tmp = self.path.with_extension("json.tmp");
        let _ = std::fs::remove_file(&tmp);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)?;
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
        Ok(())
    }
}

impl PushStore for FilePushStore {
    fn tokens(&self) -> Result<Vec<PushToken>, StoreError> {
        self.read()?
            .tokens
            .iter()
            .map(TokenData::to_token)
            .collect()
    }

    fn add_token(&self, token: &PushToken) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        let mut data = self.read()?;
        if data.tokens.iter().any(|t| t.serial == token.serial) {
            return Err(StoreError::Duplicate(token.serial.clone()));
        }
        data.tokens.push(TokenData::from_token(token));
        data.version = 1;
        self.write(&data)
    }

    fn load_replay(&self) -> Result<ReplayCache, StoreError> {
        Ok(self.read()?.replay.into())
    }

    fn save_replay(&self, cache: &ReplayCache) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        let mut data = self.read()?;
        let mut merged = cache.clone();
        merged.merge_answered_from(&ReplayCache::from(std::mem::take(&mut data.replay)));
        data.version = 1;
        data.replay = ReplayData::from(&merged);
        self.write(&data)
    }

    fn claim_answer(&self, nonce: &str, now: i64) -> Result<bool, StoreError> {
        let _lock = self.lock()?;
        let mut data = self.read()?;
        let mut cache = ReplayCache::from(std::mem::take(&mut data.replay));
        if cache.is_answered(nonce) {
            return Ok(false);
        }
        cache.mark_answered(nonce, now);
        data.version = 1;
        data.replay = ReplayData::from(&cache);
        self.write(&data)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn round_trip_with_mode_0600() {
        let dir = std::env::temp_dir().join(format!("inkan-store-{}", std::process::id()));
        let store = FilePushStore::beside(&dir.join("vault.inkan"));
        let token = PushToken {
            serial: "PIPU1".into(),
            label: "alice".into(),
            issuer: "pi".into(),
            url: "https://pi.example/ttype/push".into(),
            extra_ca_pem: None,
            server_key: vec![1, 2, 3],
            key: TokenKey::Software(SecretBytes::new(vec![9; 40])),
            paired_at: 5,
        };
        store.add_token(&token).unwrap();
        assert!(matches!(
            store.add_token(&token),
            Err(StoreError::Duplicate(_))
        ));
        assert_eq!(store.tokens().unwrap(), vec![token]);
        let mut cache = ReplayCache::default();
        cache.observe("N", "PIPU1", 10);
        cache.mark_answered("N", 11);
        store.save_replay(&cache).unwrap();
        assert_eq!(store.load_replay().unwrap(), cache);
        assert!(!store.claim_answer("N", 12).unwrap());
        assert!(store.claim_answer("M", 12).unwrap());
        // A stale copy saved later does not revive "M" for a second pick (SEC-P5).
        store.save_replay(&cache).unwrap();
        assert!(store.load_replay().unwrap().is_answered("M"));
        assert!(!store.claim_answer("M", 13).unwrap());
        let mode = std::fs::metadata(store.path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
