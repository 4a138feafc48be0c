//! `SessionPushStore`: the [`PushStore`] of an app that keeps its vault open as a
//! [`Session`] (the phone shells through `inkan-ffi`'s `Authenticator`).
//!
//! The session holds the vault file's lock for its whole life, so [`super::VaultPushStore`]
//! (one locked transaction on the file per call, for the CLI's separate processes) would
//! block on it in the same process. Here the session is shared behind a mutex instead: each
//! store call takes the mutex, changes the session through its save-then-keep `commit`,
//! and lets go. The mutex is never held across a network call or a signature: core's
//! `PushClient` calls the store between those, not around them (STYLE §3). Holding the file
//! lock makes this process the only writer, so [`PushStore::claim_answer`] is atomic under
//! the mutex and on disk before it returns (SEC-P5).

use std::sync::{Arc, Mutex, MutexGuard};

use super::error::VaultError;
use super::push_store::unavailable;
use super::session::Session;
use crate::push::{PushStore, PushToken, ReplayCache, StoreError};

/// [`PushStore`] on an open vault session shared with the rest of the app.
#[derive(Debug, Clone)]
pub struct SessionPushStore(Arc<Mutex<Session>>);

impl SessionPushStore {
    /// A store on `session`; the app keeps using the same `Arc` for its accounts.
    pub fn new(session: Arc<Mutex<Session>>) -> Self {
        Self(session)
    }

    /// The session, or an error when an earlier holder panicked (never a panic here: a
    /// panic across the FFI takes the app down).
    fn session(&self) -> Result<MutexGuard<'_, Session>, StoreError> {
        self.0
            .lock()
            .map_err(|_| StoreError::Unavailable("the vault failed in an earlier call".into()))
    }
}

fn store_error(e: VaultError) -> StoreError {
    unavailable(&e)
}

impl PushStore for SessionPushStore {
    fn tokens(&self) -> Result<Vec<PushToken>, StoreError> {
        Ok(self.session()?.push_tokens().to_vec())
    }

    fn add_token(&self, token: &PushToken) -> Result<(), StoreError> {
        match self.session()?.add_push_token(token.clone()) {
            Ok(true) => Ok(()),
            Ok(false) => Err(StoreError::Duplicate(token.serial.clone())),
            Err(e) => Err(store_error(e)),
        }
    }

    fn load_replay(&self) -> Result<ReplayCache, StoreError> {
        Ok(self.session()?.push_replay().clone())
    }

    fn save_replay(&self, cache: &ReplayCache) -> Result<(), StoreError> {
        self.session()?
            .merge_push_replay(cache)
            .map(|_| ())
            .map_err(store_error)
    }

    fn claim_answer(&self, nonce: &str, now: i64) -> Result<bool, StoreError> {
        self.session()?
            .claim_push_answer(nonce, now)
            .map_err(store_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::push::TokenKey;
    use crate::secret::SecretString;
    use crate::vault::{Credential, KdfParams};
    use std::path::PathBuf;

    fn vault_path(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("inkan-session-push-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("v.inkan")
    }

    fn token(serial: &str) -> PushToken {
        PushToken {
            serial: serial.into(),
            label: "alice".into(),
            issuer: "privacyIDEA".into(),
            url: "https://pi.example.com/ttype/push".into(),
            extra_ca_pem: None,
            server_key: vec![0x30, 0x82, 1, 10],
            key: TokenKey::Platform {
                alias: format!("inkan-push-{serial}"),
            },
            paired_at: 1_795_764_920,
        }
    }

    fn create(path: &PathBuf, pw: &SecretString) -> SessionPushStore {
        let session = Session::create(path, pw, KdfParams::INSECURE_TEST, None)
            .unwrap()
            .session;
        SessionPushStore::new(Arc::new(Mutex::new(session)))
    }

    #[test]
    fn tokens_and_answers_survive_reopen_and_a_duplicate_is_refused() {
        let path = vault_path("reopen");
        let pw = SecretString::new("pw".into());
        let store = create(&path, &pw);
        store.add_token(&token("PIPU1")).unwrap();
        let mut second = token("PIPU1");
        second.server_key = vec![9, 9, 9];
        assert_eq!(
            store.add_token(&second),
            Err(StoreError::Duplicate("PIPU1".into()))
        );
        assert!(store.claim_answer("N1", 100).unwrap());
        assert!(!store.claim_answer("N1", 101).unwrap());
        drop(store);

        let session = Session::open(&path, Credential::Password(&pw)).unwrap();
        let store = SessionPushStore::new(Arc::new(Mutex::new(session)));
        // The first server key stays (SEC-P10); the alias finds the platform key again.
        assert_eq!(store.tokens().unwrap(), vec![token("PIPU1")]);
        assert!(store.load_replay().unwrap().is_answered("N1"));
        assert!(!store.claim_answer("N1", 102).unwrap());
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn save_replay_keeps_answered_marks_and_skips_unchanged_writes() {
        let path = vault_path("replay");
        let pw = SecretString::new("pw".into());
        let store = create(&path, &pw);
        // A poll loaded the cache before an answer claimed N1; its save must not undo it.
        let stale = store.load_replay().unwrap();
        assert!(store.claim_answer("N1", 100).unwrap());
        store.save_replay(&stale).unwrap();
        assert!(store.load_replay().unwrap().is_answered("N1"));
        // Nothing changed: no write (the file stays byte for byte the same).
        let before = std::fs::read(&path).unwrap();
        store.save_replay(&store.load_replay().unwrap()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn accounts_and_push_tokens_share_the_vault() {
        let path = vault_path("shared");
        let pw = SecretString::new("pw".into());
        let session = Session::create(&path, &pw, KdfParams::INSECURE_TEST, None)
            .unwrap()
            .session;
        let shared = Arc::new(Mutex::new(session));
        let store = SessionPushStore::new(shared.clone());
        shared
            .lock()
            .unwrap()
            .add_link("otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP", 0)
            .unwrap();
        store.add_token(&token("PIPU1")).unwrap();
        shared
            .lock()
            .unwrap()
            .add_link("otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP", 0)
            .unwrap();
        assert!(store.claim_answer("N1", 100).unwrap());
        drop((store, shared));

        let again = Session::open(&path, Credential::Password(&pw)).unwrap();
        assert_eq!(again.entries().len(), 2);
        assert_eq!(again.push_tokens().len(), 1);
        assert!(again.push_replay().is_answered("N1"));
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn debug_shows_no_secret() {
        let path = vault_path("debug");
        let pw = SecretString::new("pw".into());
        let store = create(&path, &pw);
        store
            .0
            .lock()
            .unwrap()
            .add_link("otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP", 0)
            .unwrap();
        let mut software = token("PIPU2");
        software.key = TokenKey::Software(crate::secret::SecretBytes::new(vec![0xab; 40]));
        store.add_token(&software).unwrap();
        let shown = format!("{store:?}");
        assert!(shown.contains("PIPU2"), "{shown}");
        assert!(!shown.contains("JBSWY3DPEHPK3PXP"), "{shown}");
        // The seed's bytes ("Hello!…") and the software key's never appear either.
        assert!(!shown.contains("72, 101, 108, 108, 111"), "{shown}");
        assert!(!shown.contains("171, 171"), "{shown}");
        assert!(!shown.to_lowercase().contains("abab"), "{shown}");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn a_poisoned_session_is_an_error_not_a_panic() {
        let path = vault_path("poison");
        let pw = SecretString::new("pw".into());
        let store = create(&path, &pw);
        let shared = store.0.clone();
        let _ = std::thread::spawn(move || {
            let _guard = shared.lock().unwrap();
            panic!("poison the mutex");
        })
        .join();
        assert!(matches!(store.tokens(), Err(StoreError::Unavailable(_))));
        assert!(matches!(
            store.claim_answer("N1", 1),
            Err(StoreError::Unavailable(_))
        ));
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}
