//! The strike budget (DESIGN.md decision 14): whatever arrives at once, Hestia never sees more
//! than 4 refused logins from Hearth's address in its fail2ban window, and never bans it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::net::IpAddr;
use std::sync::Arc;

use app::catalogue::KindId;
use app::error::HearthError;
use common::TestHearth;
use futures::future::join_all;
use hestia::simulator::{demo, Simulator};

fn hearth_address() -> IpAddr {
    "127.0.0.1".parse().unwrap()
}

/// Hearth in front of its own simulator, behind a trusted proxy (so each request can name its
/// browser's address), with or without the demo service key.
async fn hearth(service_key: bool) -> TestHearth {
    let sim = Arc::new(Simulator::start().await.unwrap());
    let key_file = std::env::temp_dir().join(format!(
        "hearth-strikes-{}-{}.key",
        std::process::id(),
        sim.addr().port()
    ));
    std::fs::write(&key_file, demo::SERVICE_KEY.pair()).unwrap();
    TestHearth::with_simulator(sim, |c| {
        c.trusted_proxies = vec![hearth_address()];
        if service_key {
            c.hestia.service_key_file = Some(key_file);
        } else {
            c.hestia.profiles = vec!["purge-nginx-cache".into()];
        }
    })
    .await
}

fn assert_never_banned(h: &TestHearth) {
    let strikes = h.failed_logins();
    assert!(strikes <= 4, "{strikes} failed logins from Hearth");
    assert!(
        h.sim
            .with_state(|s| !s.bans.contains_key(&hearth_address())),
        "Hestia banned Hearth"
    );
}

/// One login form's bad and good values.
struct Mode {
    endpoint: &'static str,
    bad: Vec<(&'static str, String)>,
    good: Vec<(&'static str, String)>,
}

fn modes(service_key: bool) -> Vec<Mode> {
    let owner = if service_key { "" } else { "alice" };
    let pair = |k: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        k.iter().map(|(n, v)| (*n, (*v).to_owned())).collect()
    };
    vec![
        Mode {
            endpoint: "login-key",
            bad: pair(&[
                ("key", demo::NARROW_KEY.id),
                ("secret", &"w".repeat(40)),
                ("user", owner),
            ]),
            good: pair(&[
                ("key", demo::NARROW_KEY.id),
                ("secret", demo::NARROW_KEY.secret),
                ("user", owner),
            ]),
        },
        Mode {
            endpoint: "login-password",
            bad: pair(&[("user", demo::ROOT_USER), ("password", "wrong")]),
            good: pair(&[("user", demo::ROOT_USER), ("password", demo::ROOT_PASSWORD)]),
        },
        Mode {
            endpoint: "login-legacy-key",
            bad: pair(&[("key", "wrongLegacyApiKey_000000000000000")]),
            good: pair(&[("key", demo::LEGACY_KEY)]),
        },
    ]
}

fn form<'a>(values: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    values.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

/// Fifty bad logins at once from one address, and the operator's good one from another in the
/// middle of them, in each mode.
async fn flood_from_one_address(service_key: bool) {
    for mode in modes(service_key) {
        let h = hearth(service_key).await;
        let bad = form(&mode.bad);
        let operator = h.another_browser();
        let good = form(&mode.good);
        let flood = join_all((0..50).map(|_| h.call_forwarded("203.0.113.7", mode.endpoint, &bad)));
        let (answers, login) = tokio::join!(
            flood,
            operator.call_forwarded("198.51.100.1", mode.endpoint, &good)
        );
        assert_eq!(login.status, 200, "{}: {}", mode.endpoint, login.body);
        assert!(answers.iter().all(|a| a.status != 200), "{}", mode.endpoint);
        println!(
            "50 bad {} at once from one address (service key: {service_key}): {} failed logins from Hearth",
            mode.endpoint,
            h.failed_logins()
        );
        assert_never_banned(&h);
        // One address holds at most half of the budget.
        assert!(
            h.failed_logins() <= 2,
            "{}: {}",
            mode.endpoint,
            h.failed_logins()
        );
    }
}

#[tokio::test]
async fn fifty_bad_logins_at_once_without_a_service_key() {
    flood_from_one_address(false).await;
}

#[tokio::test]
async fn fifty_bad_logins_at_once_with_a_service_key() {
    flood_from_one_address(true).await;
}

#[tokio::test]
async fn fifty_bad_logins_from_fifty_addresses() {
    for service_key in [false, true] {
        for mode in modes(service_key) {
            let h = hearth(service_key).await;
            let bad = form(&mode.bad);
            let addresses: Vec<String> = (1..=50).map(|i| format!("203.0.113.{i}")).collect();
            let answers = join_all(
                addresses
                    .iter()
                    .map(|a| h.call_forwarded(a, mode.endpoint, &bad)),
            )
            .await;
            assert!(answers.iter().all(|a| a.status != 200));
            println!(
                "50 bad {} at once from 50 addresses (service key: {service_key}): {} failed logins from Hearth",
                mode.endpoint,
                h.failed_logins()
            );
            assert_never_banned(&h);
            // What is left is refused with the time to wait, never sent.
            let later = h.call_forwarded("192.0.2.99", mode.endpoint, &bad).await;
            if h.failed_logins() >= 3 {
                assert!(
                    matches!(later.error(), Some(HearthError::Throttled { wait_secs }) if wait_secs > 500),
                    "{}: {}",
                    mode.endpoint,
                    later.body
                );
            }
            assert_never_banned(&h);
        }
    }
}

#[tokio::test]
async fn a_key_revoked_under_a_loading_session_costs_one_strike() {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    h.sim
        .with_state(|s| s.keys.shift_remove(demo::HOSTING_KEY.id));
    // The dashboard in two tabs, and every section's listing, all at once.
    let pages = join_all(["/", "/", "/web", "/dns", "/mail", "/db", "/cron"].map(|p| h.get(p)));
    let kinds = [
        "WebDomain",
        "DnsZone",
        "MailDomain",
        "Database",
        "CronJob",
        "Backup",
    ]
    .map(|k| [("kind", k)]);
    let lists = join_all(kinds.iter().map(|form| h.call("objects", form)));
    let (pages, lists) = tokio::join!(pages, lists);
    let failed: Vec<_> = h
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.failed_login)
        .map(|r| (r.command, r.key_id))
        .collect();
    assert_eq!(h.failed_logins(), 1, "one strike, and no more: {failed:?}");
    let errors: Vec<_> = lists.iter().map(|l| l.error()).collect();
    assert!(
        errors.iter().all(|e| matches!(
            e,
            Some(HearthError::CredentialsRevoked | HearthError::SessionExpired)
        )),
        "{errors:?}"
    );
    // The dashboard may still show the account as the login read it (cached); no section
    // page shows what Hestia refused.
    assert!(pages[2..]
        .iter()
        .all(|p| p.status != 200 || !p.body.contains("example.test")));
    // The person lands on the login page, told why.
    let next = h.get("/").await;
    let to = next.header("location").unwrap_or_default().to_owned();
    assert!(to.starts_with("/login"), "{to}");
    let login = h.get("/login?ended=key").await;
    assert!(login.body.contains("Your key no longer works"));
    assert_eq!(h.failed_logins(), 1);
}

#[tokio::test]
async fn a_bulk_run_stops_at_a_suspended_owner() {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    // The listing is cached: the bulk run's own checks need no call.
    let domains = common::objects::keys(&h, KindId::WebDomain, "").await;
    assert!(domains.len() >= 3);
    h.sim.with_state(|s| {
        s.users
            .get_mut(demo::DEMO_USER)
            .unwrap()
            .record
            .insert("SUSPENDED".into(), "yes".into())
    });
    let before = h.sim.requests().len();
    let mut form = vec![("kind", "WebDomain"), ("action", "suspend")];
    let names: Vec<String> = (0..3).map(|i| format!("keys[{i}]")).collect();
    form.extend(
        names
            .iter()
            .map(String::as_str)
            .zip(domains.iter().map(String::as_str)),
    );
    let seen = h.call("act-on-many", &form).await;
    assert_eq!(
        seen.error(),
        Some(HearthError::CredentialsRevoked),
        "{}",
        seen.body
    );
    let sent: Vec<_> = h.sim.requests()[before..]
        .iter()
        .filter(|r| r.key_id.as_deref() == Some(demo::HOSTING_KEY.id))
        .map(|r| r.command.clone())
        .collect();
    assert_eq!(sent.len(), 1, "stopped after the first answer: {sent:?}");
    assert_eq!(h.failed_logins(), 1);
}

#[tokio::test]
async fn suspending_a_user_in_hearth_ends_their_sessions_before_they_cost_a_strike() {
    let admin = TestHearth::demo(|_| {}).await;
    let alice = admin.another_browser();
    assert_eq!(alice.login_key(&demo::HOSTING_KEY).await.status, 200);
    assert_eq!(admin.login_key(&demo::ADMIN_KEY).await.status, 200);
    admin
        .act(KindId::User, "suspend")
        .on(demo::DEMO_USER)
        .send()
        .await
        .unwrap();
    let seen = alice.call("objects", &[("kind", "WebDomain")]).await;
    assert_eq!(seen.error(), Some(HearthError::SessionExpired));
    assert_eq!(
        admin.failed_logins(),
        0,
        "Hearth ended it before Hestia refused it"
    );
}

#[tokio::test]
async fn a_refused_service_key_is_an_operator_error_checked_once_a_minute() {
    let h = TestHearth::demo(|_| {}).await;
    h.sim
        .with_state(|s| s.keys.shift_remove(demo::SERVICE_KEY.id));
    for _ in 0..5 {
        assert_eq!(
            h.login_key(&demo::HOSTING_KEY).await.error(),
            Some(HearthError::ServiceKeyRefused)
        );
    }
    assert_eq!(h.failed_logins(), 1, "asked once, not at every login");
    let page = h.get("/login").await;
    assert_eq!(page.status, 200);
    let text = app::text::error_message(&HearthError::ServiceKeyRefused);
    assert!(text.1.contains("service-key-file"));
}

#[tokio::test]
async fn with_a_service_key_wrong_passwords_count_against_the_browser_not_hearth() {
    let h = hearth(true).await;
    let guesser: IpAddr = "203.0.113.7".parse().unwrap();
    let wrong = [("user", demo::ROOT_USER), ("password", "wrong-guess")];
    for _ in 0..5 {
        let seen = h
            .call_forwarded("203.0.113.7", "login-password", &wrong)
            .await;
        assert_eq!(
            seen.error(),
            Some(HearthError::Login(app::error::LoginProblem::WrongPassword))
        );
    }
    // Hestia counted them against the guesser (whom its fail2ban bans from its own panel).
    assert_eq!(h.failed_logins(), 0);
    assert_eq!(h.sim.failed_logins(guesser), 5);
    let checks: Vec<Vec<String>> = h
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.command == "v-check-user-password")
        .map(|r| r.args)
        .collect();
    assert!(
        checks
            .iter()
            .all(|a| a.len() == 3 && a[1].starts_with("/tmp/hearth-") && a[2] == "203.0.113.7"),
        "the password travels in a tmp file, with the browser's address: {checks:?}"
    );
    assert!(
        h.sim
            .with_state(|s| s.tmp_files.values().all(|f| f.trim().is_empty())),
        "every password file was emptied"
    );
    // Hearth guards its own login page: the guesser waits, the operator does not.
    let sixth = h
        .call_forwarded("203.0.113.7", "login-password", &wrong)
        .await;
    assert!(
        matches!(sixth.error(), Some(HearthError::TooManyGuesses { .. })),
        "{}",
        sixth.body
    );
    let good = [("user", demo::ROOT_USER), ("password", demo::ROOT_PASSWORD)];
    let operator = h.another_browser();
    let seen = operator
        .call_forwarded("198.51.100.1", "login-password", &good)
        .await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(h.failed_logins(), 0);
}
