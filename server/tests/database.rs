//! Hearth's database on both engines: the same queries for the audit log, the live sessions
//! list and the session store on SQLite and on PostgreSQL (when the test command provides
//! one), and a clear error, naming no password, when the database is out of reach.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use app::error::HearthError;
use app::hearth::AuditFilter;
use app::ssr::audit::{Actor, AuditLog};
use app::ssr::sessions::{Ending, NewSession, SessionBook};
use app::ssr::HearthDb;
use hestia::simulator::demo;
use server::session_store::DbStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::SessionStore;

fn actor(user: &str, acting_as: Option<&str>) -> Actor {
    Actor {
        user: user.into(),
        acting_as: acting_as.map(Into::into),
        key_id: Some("KEY".into()),
        ip: "203.0.113.9".into(),
    }
}

#[tokio::test]
async fn the_audit_log_filters_alike_on_both_engines() {
    for url in common::databases("audit").await {
        let db = HearthDb::connect(&url).await.unwrap();
        let server = format!("audit-{}", std::process::id());
        let log = AuditLog::new(db, server);
        let admin = actor("admin", Some("alice"));
        log.record(
            &admin,
            "v-add-web-domain",
            vec!["alice".into(), "a.test".into()],
            Some(0),
            "done",
        )
        .await;
        log.record(
            &actor("alice", None),
            "v-delete-dns-record",
            vec!["50%_off".into()],
            Some(3),
            "refused",
        )
        .await;
        log.record(
            &actor("bob", None),
            "v-add-database",
            vec![],
            None,
            "unreachable",
        )
        .await;
        let read = |filter: AuditFilter, only: Option<&'static str>| {
            let log = log.clone();
            async move {
                log.read(&filter, only, 100)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|e| e.command)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            read(AuditFilter::default(), None).await,
            ["v-add-database", "v-delete-dns-record", "v-add-web-domain"],
            "{url}: newest first"
        );
        // A user reads their own entries and those made on their behalf.
        assert_eq!(
            read(AuditFilter::default(), Some("alice")).await,
            ["v-delete-dns-record"],
            "{url}"
        );
        let by = |user: &str| AuditFilter {
            user: user.into(),
            ..AuditFilter::default()
        };
        assert_eq!(
            read(by("alice"), None).await,
            ["v-delete-dns-record", "v-add-web-domain"],
            "{url}: the root user sees what was done as alice"
        );
        let command = |text: &str| AuditFilter {
            command: text.into(),
            ..AuditFilter::default()
        };
        assert_eq!(
            read(command("WEB-dom"), None).await,
            ["v-add-web-domain"],
            "{url}"
        );
        assert!(
            read(command("%"), None).await.is_empty(),
            "{url}: % is a character"
        );
        assert!(
            read(command("_"), None).await.is_empty(),
            "{url}: _ is a character"
        );
        let failed = AuditFilter {
            failed: true,
            ..AuditFilter::default()
        };
        assert_eq!(
            read(failed, None).await,
            ["v-add-database", "v-delete-dns-record"],
            "{url}"
        );
        let tomorrow = time::OffsetDateTime::now_utc().date().next_day().unwrap();
        let later = AuditFilter {
            from: tomorrow.to_string(),
            ..AuditFilter::default()
        };
        assert!(read(later, None).await.is_empty(), "{url}");
    }
}

#[tokio::test]
async fn the_sessions_list_lists_touches_and_ends_alike_on_both_engines() {
    for url in common::databases("book").await {
        let db = HearthDb::connect(&url).await.unwrap();
        let book = SessionBook::new(
            db,
            format!("book-{}", std::process::id()),
            600,
            std::sync::Arc::default(),
        );
        for (handle, owner, key) in [
            ("h1", "alice", Some("K1")),
            ("h2", "alice", None),
            ("h3", "bob", Some("K3")),
        ] {
            let handle = format!("{handle}-{}", std::process::id());
            book.open(NewSession {
                handle: &handle,
                owner,
                key_id: key,
                ip: "203.0.113.9",
                agent: "test",
            })
            .await
            .unwrap();
        }
        let h = |name: &str| format!("{name}-{}", std::process::id());
        assert_eq!(book.list(None).await.unwrap().len(), 3, "{url}");
        assert_eq!(book.list(Some("alice")).await.unwrap().len(), 2, "{url}");
        assert!(book.touch(&h("h1")).await.unwrap(), "{url}");
        assert!(!book.touch("no-such-handle").await.unwrap(), "{url}");
        // A user cannot end another's session.
        assert_eq!(
            book.end(Ending::One(h("h3")), Some("alice")).await.unwrap(),
            0,
            "{url}"
        );
        assert_eq!(
            book.end(Ending::Password("alice".into()), None)
                .await
                .unwrap(),
            1,
            "{url}"
        );
        assert_eq!(
            book.end(Ending::Key("K1".into()), None).await.unwrap(),
            1,
            "{url}"
        );
        assert!(!book.touch(&h("h1")).await.unwrap(), "{url}: ended");
        assert_eq!(
            book.end(Ending::User("bob".into()), None).await.unwrap(),
            1,
            "{url}"
        );
        assert!(book.list(None).await.unwrap().is_empty(), "{url}");
    }
}

#[tokio::test]
async fn the_session_store_keeps_hashed_ids_and_forgets_expired_sessions() {
    for url in common::databases("store").await {
        let store = DbStore::new(HearthDb::connect(&url).await.unwrap());
        let record = |seconds: i64| Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds),
        };
        let mut live = record(60);
        let mut old = record(-5);
        store.create(&mut live).await.unwrap();
        store.create(&mut old).await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_some(), "{url}");
        assert!(
            store.load(&old.id).await.unwrap().is_none(),
            "{url}: expired"
        );
        let stored = common::stored_session_records(&url).await;
        assert!(!stored.is_empty(), "{url}");
        store.delete_expired().await.unwrap();
        store.delete(&live.id).await.unwrap();
        assert!(store.load(&live.id).await.unwrap().is_none(), "{url}");
        // The id itself is never a key in the table.
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let plain: i64 = sqlx::query_scalar("SELECT count(*) FROM session_records WHERE id = $1")
            .bind(old.id.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(plain, 0, "{url}");
    }
}

#[tokio::test]
async fn an_unreachable_database_is_a_clear_error_naming_no_password() {
    let refused = HearthDb::connect("postgres://hearth:SecretPassword@127.0.0.1:1/hearth")
        .await
        .unwrap_err();
    assert!(refused.starts_with("cannot connect"), "{refused}");
    assert!(!refused.contains("SecretPassword"), "{refused}");
    let unknown = HearthDb::connect("mysql://x").await.unwrap_err();
    assert!(unknown.contains("sqlite:"), "{unknown}");
    assert_eq!(
        app::ssr::db_error(sqlx::Error::PoolTimedOut),
        HearthError::DatabaseUnavailable
    );
}

/// A TCP relay to the database that can be cut (every connection broken, new ones refused)
/// and restored, as a network or a PostgreSQL restart would.
struct Relay {
    addr: std::net::SocketAddr,
    open: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl Relay {
    async fn to(target: String) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let open = Arc::new(AtomicBool::new(true));
        let links: Arc<Mutex<Vec<tokio::task::AbortHandle>>> = Arc::default();
        let (is_open, all) = (open.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !is_open.load(Ordering::SeqCst) {
                    continue; // dropped: the connection is refused
                }
                let target = target.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                all.lock().unwrap().push(link.abort_handle());
            }
        });
        Self { addr, open, links }
    }

    fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

/// PostgreSQL goes away under a logged-in session: pages and actions say "Hearth's database is
/// unavailable" with a 503 (no panic, no secret, the session kept), `/healthz` tells it apart
/// from Hestia, and Hearth carries on by itself once the database is back.
#[tokio::test]
async fn a_database_outage_is_told_and_outlived() {
    let Some(url) = common::databases("outage")
        .await
        .pop()
        .filter(|u| u.starts_with("postgres"))
    else {
        return;
    };
    // postgres://user@host:port/name: the relay stands in for host:port.
    let (user, rest) = url.split_once('@').unwrap();
    let (target, name) = rest.split_once('/').unwrap();
    let relay = Relay::to(target.to_owned()).await;
    let through_relay = format!("{user}@{}/{name}", relay.addr);
    let h = common::TestHearth::demo(|c| c.database_url = through_relay.clone()).await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    assert_eq!(h.get("/web").await.status, 200);

    relay.cut();
    let started = std::time::Instant::now();
    let page = h.get("/web").await;
    println!(
        "a page during the outage answered in {:?}",
        started.elapsed()
    );
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(
        page.body.contains("database is unavailable"),
        "{}",
        page.body
    );
    let action = h.call("refresh", &[]).await;
    assert_eq!(
        action.error(),
        Some(HearthError::DatabaseUnavailable),
        "{}",
        action.body
    );
    // A login is told at once too (its key is looked up with a slot counted in the database).
    let newcomer = h.another_browser();
    let started = std::time::Instant::now();
    let login = newcomer.login_key(&demo::USER_KEY).await;
    assert_eq!(
        login.error(),
        Some(HearthError::DatabaseUnavailable),
        "{}",
        login.body
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    let health = h.get("/healthz").await;
    assert_eq!(health.status, 503);
    let health: serde_json::Value = serde_json::from_str(&health.body).unwrap();
    assert_eq!(health["database"], "unavailable");
    assert_eq!(health["hestia"], "ok", "Hestia is not the one in trouble");
    for seen in h.seen.lock().unwrap().iter() {
        for secret in common::demo_secrets() {
            assert!(!seen.body.contains(secret));
        }
    }

    relay.restore();
    let back = std::time::Instant::now();
    loop {
        let page = h.get("/web").await;
        if page.status == 200 {
            assert!(page.body.contains("example.test"), "the session was kept");
            break;
        }
        assert!(
            back.elapsed() < std::time::Duration::from_secs(10),
            "not back: {}",
            page.status
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    println!("back {:?} after the database returned", back.elapsed());
    assert_eq!(h.get("/healthz").await.status, 200);
}
