//! Hearth's database on both engines: the same queries for the audit log, the live sessions
//! list and the session store on SQLite and on PostgreSQL (when the test command provides
//! one), and a clear error, naming no password, when the database is out of reach.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::error::HearthError;
use app::hearth::AuditFilter;
use app::ssr::audit::{Actor, AuditLog};
use app::ssr::sessions::{Ending, NewSession, SessionBook};
use app::ssr::HearthDb;
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
        let book = SessionBook::new(db, format!("book-{}", std::process::id()), 600);
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
