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

    /// Drops the listings `forget` names.
    pub fn forget(&self, forget: &Forget) {
        let keep = Duration::from_millis(forget.keep_ms);
        self.lock().retain(|k, (at, _)| {
            let named = k.server == forget.server
                && match &forget.owner {
                    None => true,
                    Some(owner) => {
                        (forget.server_wide && k.owner == "*")
                            || (k.owner == *owner
                                && forget
                                    .commands
                                    .as_ref()
                                    .is_none_or(|c| c.iter().any(|command| command == k.command)))
                    }
                };
            !(named && at.elapsed() >= keep)
        });
    }
}

/// Which cached listings a change made stale: kept by the instance that made it, and told to
/// the others (serialised into the `cache_drops` table).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Forget {
    /// The Hestia server.
    pub server: String,
    /// The account whose listings go; `None`: every listing of the server.
    pub owner: Option<String>,
    /// Only the answers to these commands; `None`: all of the account's.
    pub commands: Option<Vec<String>>,
    /// The server-wide listings too (the users list counts every account's objects).
    pub server_wide: bool,
    /// Listings fetched less than this long ago stay (the Refresh button's 5 seconds).
    pub keep_ms: u64,
}

impl Forget {
    /// Every listing of `owner`, and the server-wide ones (after any change they make).
    pub fn account(server: &str, owner: &str) -> Self {
        Self {
            server: server.to_owned(),
            owner: Some(owner.to_owned()),
            commands: None,
            server_wide: true,
            keep_ms: 0,
        }
    }

    /// Only `owner`'s answers to `commands` (`server_wide`: and the server-wide listings).
    pub fn lists(server: &str, owner: &str, commands: &[&str], server_wide: bool) -> Self {
        Self {
            commands: Some(commands.iter().map(|c| (*c).to_owned()).collect()),
            server_wide,
            ..Self::account(server, owner)
        }
    }

    /// Every listing of the server (after a server-wide change: users, packages, keys).
    pub fn server(server: &str) -> Self {
        Self {
            owner: None,
            ..Self::account(server, "")
        }
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
        cache.forget(&Forget::account("s", "alice"));
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
