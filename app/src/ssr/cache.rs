//! Short-lived cache of Hestia listings with request coalescing (DESIGN.md decision 5):
//! listings are slow shell scripts, and every call through a user's key writes a line into
//! the user's 300-line history.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

/// What a cached listing is keyed by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// The Hestia server.
    pub server: String,
    /// The account the data belongs to (the USER argument, or `*` for server-wide data).
    pub owner: String,
    /// Which credentials fetched it (never a secret): only sessions of one key share answers.
    pub credentials: String,
    /// The command.
    pub command: &'static str,
    /// The arguments.
    pub args: Vec<String>,
}

type Slot<E> = Arc<OnceCell<Result<Arc<str>, E>>>;

/// The most listings kept at once.
const MAX_ENTRIES: usize = 4096;
/// The most bytes of listings kept at once (a 5,000-domain listing is about 2.5 MB).
const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Caches raw listing bodies for a short time; `E` is what a failed fetch yields.
#[derive(Debug)]
pub struct ReadCache<E> {
    ttl: Duration,
    entries: Mutex<HashMap<CacheKey, (Instant, Slot<E>)>>,
}

impl<E: Clone> ReadCache<E> {
    /// A cache keeping entries for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CacheKey, (Instant, Slot<E>)>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached body, or the result of `fetch`; concurrent callers with the same key share one
    /// fetch. Failures are not kept.
    pub async fn get_or_fetch<F, Fut>(&self, key: CacheKey, fetch: F) -> Result<Arc<str>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<String, E>>,
    {
        let slot = {
            let mut entries = self.lock();
            match entries.get(&key) {
                Some((at, slot)) if at.elapsed() < self.ttl => slot.clone(),
                _ => {
                    self.make_room(&mut entries);
                    let slot = Slot::default();
                    entries.insert(key.clone(), (Instant::now(), slot.clone()));
                    slot
                }
            }
        };
        let result = slot
            .get_or_init(|| async { fetch().await.map(Arc::from) })
            .await
            .clone();
        if result.is_err() {
            let mut entries = self.lock();
            if entries
                .get(&key)
                .is_some_and(|(_, s)| Arc::ptr_eq(s, &slot))
            {
                entries.remove(&key);
            }
        }
        result
    }

    /// Keeps the cache within [`MAX_ENTRIES`] and [`MAX_BYTES`]: expired entries go first, then
    /// the oldest.
    fn make_room(&self, entries: &mut HashMap<CacheKey, (Instant, Slot<E>)>) {
        let size = |slot: &Slot<E>| match slot.get() {
            Some(Ok(body)) => body.len(),
            _ => 0,
        };
        let total = |entries: &HashMap<CacheKey, (Instant, Slot<E>)>| -> usize {
            entries.values().map(|(_, slot)| size(slot)).sum()
        };
        if entries.len() < MAX_ENTRIES && total(entries) < MAX_BYTES {
            return;
        }
        let ttl = self.ttl;
        entries.retain(|_, (at, _)| at.elapsed() < ttl);
        let mut by_age: Vec<(Instant, CacheKey)> = entries
            .iter()
            .map(|(k, (at, _))| (*at, k.clone()))
            .collect();
        by_age.sort_by_key(|(at, _)| *at);
        let mut bytes = total(entries);
        for (_, key) in by_age {
            if entries.len() < MAX_ENTRIES && bytes < MAX_BYTES {
                break;
            }
            if let Some((_, slot)) = entries.remove(&key) {
                bytes -= size(&slot);
            }
        }
    }

    /// Keeps `body` as the answer for `key` (one fetched on another path, such as the login's
    /// check of the account).
    pub fn put(&self, key: CacheKey, body: &str) {
        let mut entries = self.lock();
        self.make_room(&mut entries);
        let slot = Slot::new(OnceCell::new_with(Some(Ok(Arc::from(body)))));
        entries.insert(key, (Instant::now(), slot));
    }

    /// Forgets `owner`'s cached answers to `command` (to follow something that changes by
    /// itself, such as a queued backup).
    pub fn invalidate_command(&self, server: &str, owner: &str, command: &str) {
        self.lock()
            .retain(|k, _| !(k.server == server && k.owner == owner && k.command == command));
    }

    /// Forgets `owner`'s cached answers to `commands`, and the server-wide listings (the users
    /// list counts every account's objects).
    pub fn invalidate_lists(&self, server: &str, owner: &str, commands: &[&str]) {
        self.lock().retain(|k, _| {
            !(k.server == server
                && (k.owner == "*" || (k.owner == owner && commands.contains(&k.command))))
        });
    }

    /// Forgets `owner`'s listings (and, with `server_wide`, those of no one account) fetched
    /// more than `age` ago.
    pub fn invalidate_older(&self, server: &str, owner: &str, server_wide: bool, age: Duration) {
        self.lock().retain(|k, (at, _)| {
            let mine = k.owner == owner || (server_wide && k.owner == "*");
            !(k.server == server && mine && at.elapsed() > age)
        });
    }

    /// Forgets every listing of `owner` on `server` (after any change they make).
    pub fn invalidate_owner(&self, server: &str, owner: &str) {
        self.lock()
            .retain(|k, _| !(k.server == server && (k.owner == owner || k.owner == "*")));
    }

    /// Forgets every listing on `server` (after a server-wide change).
    pub fn invalidate_server(&self, server: &str) {
        self.lock().retain(|k, _| k.server != server);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn key(owner: &str) -> CacheKey {
        CacheKey {
            server: "s".into(),
            owner: owner.into(),
            credentials: "key".into(),
            command: hestia::cmd::LIST_WEB_DOMAINS.name,
            args: vec![owner.into()],
        }
    }

    #[tokio::test]
    async fn coalesces_caches_and_invalidates() {
        let cache = ReadCache::<hestia::Error>::new(Duration::from_secs(60));
        let calls = AtomicUsize::new(0);
        let fetch = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok::<_, hestia::Error>("body".to_owned())
        };
        let (a, b) = tokio::join!(
            cache.get_or_fetch(key("alice"), fetch),
            cache.get_or_fetch(key("alice"), fetch)
        );
        assert_eq!((&*a.unwrap(), &*b.unwrap()), ("body", "body"));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "one upstream call for two requests"
        );
        cache.get_or_fetch(key("alice"), fetch).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1, "served from cache");
        cache.invalidate_owner("s", "alice");
        cache.get_or_fetch(key("alice"), fetch).await.unwrap();
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "fetched again after a change"
        );
    }

    #[tokio::test]
    async fn stays_within_its_bounds() {
        let cache = ReadCache::<hestia::Error>::new(Duration::from_secs(600));
        let big = "x".repeat(MAX_BYTES / 3);
        for owner in ["a", "b", "c", "d", "e"] {
            let body = big.clone();
            cache
                .get_or_fetch(key(owner), || async { Ok::<_, hestia::Error>(body) })
                .await
                .unwrap();
        }
        let entries = cache.lock();
        // Room is made before each new entry: at most the bound plus the newest.
        assert_eq!(entries.len(), 4);
        assert!(!entries.contains_key(&key("a")), "the oldest went first");
        assert!(entries.contains_key(&key("e")));
    }

    #[tokio::test]
    async fn failures_are_not_cached() {
        let cache = ReadCache::<hestia::Error>::new(Duration::from_secs(60));
        let fail = || async {
            Err::<String, _>(hestia::Error::Timeout {
                command: "c".into(),
            })
        };
        assert!(cache.get_or_fetch(key("bob"), fail).await.is_err());
        let ok = || async { Ok::<_, hestia::Error>("fine".to_owned()) };
        assert_eq!(&*cache.get_or_fetch(key("bob"), ok).await.unwrap(), "fine");
    }
}
