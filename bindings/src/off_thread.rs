//! Async exports over blocking core calls: the call runs on its own thread and a small
//! future resolves when it is done, so Kotlin coroutines and Swift tasks await it without
//! blocking their dispatcher. No async runtime is needed (uniffi polls the future from the
//! foreign executor); a thread per network call is fine at push rates (one call per user
//! action or poll).

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

use crate::error::InkanError;

struct Slot<T> {
    value: Option<Result<T, InkanError>>,
    waker: Option<Waker>,
}

/// Resolves to the result of the work started by [`off_thread`].
pub(crate) struct OffThread<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

fn lock<T>(slot: &Mutex<Slot<T>>) -> MutexGuard<'_, Slot<T>> {
    slot.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts `work` on a new thread. A panic in `work` becomes `Internal`, never a hang.
pub(crate) fn off_thread<T, F>(work: F) -> Result<OffThread<T>, InkanError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, InkanError> + Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waker: None,
    }));
    let theirs = Arc::clone(&slot);
    std::thread::Builder::new()
        .name("inkan-push".to_owned())
        .spawn(move || {
            let value = catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|_| {
                Err(InkanError::Internal {
                    reason: "the push call failed unexpectedly".to_owned(),
                })
            });
            let waker = {
                let mut slot = lock(&theirs);
                slot.value = Some(value);
                slot.waker.take()
            };
            // Woken outside the lock: the executor may poll at once.
            if let Some(waker) = waker {
                waker.wake();
            }
        })
        .map_err(|_| InkanError::Internal {
            reason: "could not start a worker thread".to_owned(),
        })?;
    Ok(OffThread { slot })
}

impl<T> Future for OffThread<T> {
    type Output = Result<T, InkanError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = lock(&self.slot);
        match slot.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
