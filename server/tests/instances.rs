//! Several Hearth instances on one database, in front of one Hestia (DESIGN.md decision 15):
//! they share sessions, the strike budget and the bound on calls in flight, and tell each other
//! which cached listings a change made stale. Each test runs on a SQLite file shared by two
//! instances, and on PostgreSQL when the test command provides one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::catalogue::KindId;
use app::error::HearthError;
use common::objects::keys;
use common::TestHearth;
use futures::future::join_all;
use hestia::simulator::{demo, web_domain_record, Simulator};
use server::config::Config;

/// The keys' files of the instances in front of `sim`: the same for all of them.
fn keys_dir(sim: &Simulator) -> PathBuf {
    let name = format!("hearth-keys-{}-{}", std::process::id(), sim.addr().port());
    std::env::temp_dir().join(name)
}

/// Two instances on the database `url` in front of `sim`, sharing the sealing key, behind a
/// proxy they trust (each request may name its browser's address); `service_key`: with the
/// demo service key, else with declared profiles only.
async fn two_instances(
    url: &str,
    sim: &Arc<Simulator>,
    service_key: bool,
    configure: impl Fn(&mut Config),
) -> (TestHearth, TestHearth) {
    let dir = keys_dir(sim);
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("service.key");
    std::fs::write(&key_file, demo::SERVICE_KEY.pair()).unwrap();
    let configure = |c: &mut Config| {
        c.database_url = url.to_owned();
        c.sessions.key_file = Some(dir.join("session.key"));
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        if service_key {
            c.hestia.service_key_file = Some(key_file.clone());
        } else {
            c.hestia.profiles = vec!["purge-nginx-cache".into()];
        }
        configure(c);
    };
    let a = TestHearth::with_simulator(sim.clone(), configure).await;
    let b = TestHearth::with_simulator(sim.clone(), configure).await;
    (a, b)
}

/// Every record of the session store, or of the audit log's commands, in the database `url`.
async fn stored(url: &str, query: &str) -> Vec<String> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    sqlx::query_scalar(query).fetch_all(&pool).await.unwrap()
}

/// What `look` finds, looking again every 25 ms for a second.
async fn within_a_second<T, F: std::future::Future<Output = Option<T>>>(
    look: impl Fn() -> F,
) -> Option<T> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        if let Some(found) = look().await {
            return Some(found);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    None
}

#[tokio::test]
async fn a_session_goes_on_on_any_instance_and_ends_on_all() {
    for url in common::databases("sessions").await {
        let sim = Arc::new(Simulator::start().await.unwrap());
        let (a, b) = two_instances(&url, &sim, true, |_| {}).await;
        assert_eq!(a.login_key(&demo::HOSTING_KEY).await.status, 200);
        let records = stored(&url, "SELECT record FROM session_records")
            .await
            .concat();
        assert!(!records.is_empty(), "{url}: the session is in the database");
        let file = url.strip_prefix("sqlite://").map(PathBuf::from);
        let on_disk: String = file
            .iter()
            .flat_map(|f| [f.clone(), f.with_extension("db-wal")])
            .map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap_or_default()).into_owned())
            .collect();
        for at_rest in [&records, &on_disk] {
            assert!(
                !at_rest.contains(demo::HOSTING_KEY.secret),
                "{url}: the secret is sealed at rest"
            );
        }
        b.take_cookie_of(&a);
        let page = b.get("/web").await;
        assert_eq!(page.status, 200, "{url}: the other instance carries on");
        assert!(page.body.contains("example.test"));
        b.call("logout", &[]).await;
        let page = a.get("/web").await;
        assert_eq!(
            (page.status, page.header("location")),
            (302, Some("/login")),
            "{url}: logged out everywhere"
        );

        // A dies after a change; B carries the session on, and A's audit entry is kept.
        assert_eq!(a.login_key(&demo::HOSTING_KEY).await.status, 200);
        let added = a
            .act(KindId::WebDomain, "add")
            .field("domain", "kept.example.org")
            .send()
            .await;
        assert_eq!(added, Ok(()), "{url}");
        a.kill();
        b.take_cookie_of(&a);
        let page = b.get("/web").await;
        assert_eq!(page.status, 200, "{url}: B carries on after A died");
        // B had the listing cached: A's news of the change reaches it within a second.
        let listed = within_a_second(|| async {
            let page = b.get("/web").await;
            page.body.contains("kept.example.org").then_some(())
        })
        .await;
        assert!(listed.is_some(), "{url}");
        let audited = stored(&url, "SELECT command FROM audit").await;
        assert!(
            audited.iter().any(|c| c == "v-add-web-domain"),
            "{url}: {audited:?}"
        );
    }
}

#[tokio::test]
async fn bad_logins_over_two_instances_spend_one_budget() {
    for url in common::databases("budget").await {
        let sim = Arc::new(Simulator::start().await.unwrap());
        let (a, b) = two_instances(&url, &sim, false, |_| {}).await;
        let bad = [
            ("key", demo::NARROW_KEY.id),
            ("secret", &*"w".repeat(40)),
            ("user", "alice"),
        ];
        let browsers: Vec<TestHearth> = (0..20)
            .map(|i| if i % 2 == 0 { &a } else { &b }.another_browser())
            .collect();
        let addresses: Vec<String> = (0..20).map(|i| format!("203.0.113.{i}")).collect();
        let answers = join_all(
            browsers
                .iter()
                .zip(&addresses)
                .map(|(browser, address)| browser.call_forwarded(address, "login-key", &bad)),
        )
        .await;
        assert!(answers.iter().all(|a| a.status != 200), "{url}");
        let refusals = a.failed_logins();
        println!("{url}: 20 bad logins over two instances: {refusals} failed logins from Hearth");
        // Logins may fill the budget of 4 up to one slot below it, all instances together.
        assert!(refusals <= 3, "{url}: {refusals} failed logins");
        assert!(
            sim.with_state(|s| s.bans.is_empty()),
            "{url}: Hestia banned Hearth"
        );
        // Spent for both: each refuses at once, and sends nothing.
        for (i, instance) in [&a, &b].into_iter().enumerate() {
            let again = instance
                .call_forwarded(&format!("198.51.100.{i}"), "login-key", &bad)
                .await;
            assert!(
                matches!(again.error(), Some(HearthError::Throttled { .. })),
                "{url}: {}",
                again.body
            );
        }
        assert_eq!(a.failed_logins(), refusals, "{url}");
    }
}

#[tokio::test]
async fn a_change_on_one_instance_drops_the_listing_on_the_other() {
    for url in common::databases("news").await {
        let sim = Arc::new(Simulator::start().await.unwrap());
        let (a, b) = two_instances(&url, &sim, true, |c| c.hestia.cache_seconds = 600.0).await;
        assert_eq!(a.login_key(&demo::HOSTING_KEY).await.status, 200);
        b.take_cookie_of(&a);
        keys(&b, KindId::WebDomain, "").await;
        // Changed outside Hearth: B keeps its listing (it is cached).
        sim.with_state(|s| {
            let (name, record) = web_domain_record(demo::DEMO_USER, "elsewhere.example.org");
            let alice = s.users.get_mut(demo::DEMO_USER).unwrap();
            alice.web_domains.insert(name, record);
        });
        let listed = keys(&b, KindId::WebDomain, "").await;
        assert!(!listed.contains(&"elsewhere.example.org".to_owned()));
        // Changed through A: B reads the listing anew within a second.
        let added = a
            .act(KindId::WebDomain, "add")
            .field("domain", "through-a.example.org")
            .send()
            .await;
        assert_eq!(added, Ok(()), "{url}");
        let changed = Instant::now();
        let listed = within_a_second(|| async {
            let listed = keys(&b, KindId::WebDomain, "").await;
            listed
                .contains(&"through-a.example.org".to_owned())
                .then_some(listed)
        })
        .await
        .unwrap_or_else(|| panic!("{url}: B still lists the old domains"));
        assert!(listed.contains(&"elsewhere.example.org".to_owned()));
        println!(
            "{url}: B dropped its listing {:?} after A's change",
            changed.elapsed()
        );
    }
}

#[tokio::test]
async fn calls_in_flight_to_one_hestia_stay_within_the_bound_of_all_instances() {
    for url in common::databases("bound").await {
        let sim = Arc::new(Simulator::start().await.unwrap());
        let (a, b) = two_instances(&url, &sim, true, |c| c.hestia.max_concurrent = 2).await;
        // Eight sessions, four on each instance, each reading a listing the others do not.
        let mut sessions = Vec::new();
        for instance in [&a, &b] {
            for _ in 0..4 {
                let browser = instance.another_browser();
                assert_eq!(browser.login_key(&demo::HOSTING_KEY).await.status, 200);
                sessions.push(browser);
            }
        }
        sim.set_latency(Duration::from_millis(300));
        let kinds = [
            KindId::WebDomain,
            KindId::DnsZone,
            KindId::MailDomain,
            KindId::Database,
        ];
        let started = Instant::now();
        let listed = join_all(
            sessions
                .iter()
                .zip(kinds.iter().cycle())
                .map(|(browser, kind)| keys(browser, *kind, "")),
        )
        .await;
        assert!(
            listed.iter().all(|keys| !keys.is_empty()),
            "{url}: every listing read"
        );
        let peak = sim.peak_calls_in_flight();
        println!(
            "{url}: 8 listings over two instances with a bound of 2: at most {peak} at once at Hestia, {:?} in all",
            started.elapsed()
        );
        assert_eq!(
            peak, 2,
            "{url}: at most the bound at once, and the bound used"
        );
    }
}

#[tokio::test]
async fn check_config_finds_the_database_hestia_and_a_sealing_key_of_another_instance() {
    for url in common::databases("keys").await {
        let sim = Arc::new(Simulator::start().await.unwrap());
        let (a, _b) = two_instances(&url, &sim, true, |_| {}).await;
        let dir = keys_dir(&sim);
        let config = |key: &str| {
            let mut c = Config {
                database_url: url.clone(),
                ..Config::default()
            };
            c.hestia.url = Some(sim.url());
            c.hestia.service_key_file = Some(dir.join("service.key"));
            c.sessions.key_file = Some(dir.join(key));
            c
        };
        let found = server::check_config(config("session.key")).await.unwrap();
        println!("{url}:\n{}", found.join("\n"));
        assert!(found[0].starts_with("database: answers"), "{found:?}");
        assert!(
            found[2].contains("the service key is accepted"),
            "{found:?}"
        );
        assert_eq!(
            found[3], "password logins: every user, with 2FA, login history and crash sweep",
            "the demo's service profile has every command"
        );
        // Another key file (say, each instance left to make its own): refused, and why.
        let refused = server::check_config(config("another.key"))
            .await
            .unwrap_err();
        assert!(
            refused.contains("not the key that sealed the sessions"),
            "{refused}"
        );
        assert!(server::build(config("another.key")).await.is_err());
        // That key lost for good: every session ends, and the new key is the one.
        assert_eq!(server::forget_sessions(config("another.key")).await, Ok(0));
        assert!(server::check_config(config("another.key")).await.is_ok());
        let refused = server::check_config(config("session.key"))
            .await
            .unwrap_err();
        assert!(refused.contains("forget-sessions"), "{refused}");
        assert_eq!(a.get("/login").await.status, 200, "{url}: the others go on");
    }
}
