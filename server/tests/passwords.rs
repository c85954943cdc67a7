//! End users log in with their Hestia user name and password (DESIGN.md decision 17, PROTOCOL.md
//! §7): checked as Hestia's own login checks them, written to their Hestia login history with
//! their browser's address, each session on an access key of its own that is deleted when the
//! session ends — and wrong passwords never count against Hearth's address.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use app::catalogue::KindId;
use app::error::{HearthError, LoginProblem};
use common::{TestHearth, BROWSER};
use futures::future::join_all;
use hestia::simulator::{demo, totp, SimKey, Simulator};
use server::config::Config;

/// Where the tests' browsers are, as the trusted proxy says.
const BROWSER_IP: &str = "203.0.113.7";

/// The demo behind a proxy Hearth trusts, so that each request names its browser's address
/// (Hearth itself calls Hestia from 127.0.0.1).
async fn demo(configure: impl FnOnce(&mut Config)) -> TestHearth {
    TestHearth::demo(|c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        configure(c);
    })
    .await
}

async fn log_in(h: &TestHearth, user: &str, password: &str) -> common::Seen {
    h.call_forwarded(
        BROWSER_IP,
        "login-password",
        &[("user", user), ("password", password)],
    )
    .await
}

/// The keys Hearth made for sessions: ID, owner and profiles.
fn session_keys(sim: &Simulator) -> Vec<(String, String, Vec<String>)> {
    sim.with_state(|s| {
        s.keys
            .iter()
            .filter(|(_, k)| k.comment.starts_with("hearth-session "))
            .map(|(id, k)| (id.clone(), k.user.clone(), k.permissions.clone()))
            .collect()
    })
}

/// The IDs of every key that is not Hearth's.
fn own_keys(sim: &Simulator) -> Vec<String> {
    sim.with_state(|s| {
        s.keys
            .iter()
            .filter(|(_, k)| !k.comment.starts_with("hearth-session "))
            .map(|(id, _)| id.clone())
            .collect()
    })
}

/// Sets a field of `user`'s account at Hestia.
fn set(sim: &Simulator, user: &str, field: &str, value: &str) {
    sim.with_state(|s| {
        s.users
            .get_mut(user)
            .unwrap()
            .record
            .insert(field.into(), value.into())
    });
}

/// Waits up to three seconds for `done`.
async fn soon(done: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    done()
}

/// `user`'s Hestia login history, as `v-list-user-auth-log` shows it: (IP, STATUS, USER_AGENT,
/// ACTIVE).
fn history(sim: &Simulator, user: &str) -> Vec<[String; 4]> {
    sim.with_state(|s| {
        s.users[user]
            .auth_log
            .iter()
            .map(|r| ["IP", "STATUS", "USER_AGENT", "ACTIVE"].map(|f| r[f].clone()))
            .collect()
    })
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn a_password_session_runs_on_a_key_of_its_own_deleted_at_logout() {
    let h = demo(|_| {}).await;
    let theirs = own_keys(&h.sim);
    let seen = log_in(&h, demo::DEMO_USER, demo::USER_PASSWORD).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    let made = session_keys(&h.sim);
    assert_eq!(made.len(), 1);
    let (id, owner, profiles) = made[0].clone();
    assert_eq!(owner, demo::DEMO_USER);
    assert_eq!(profiles, [demo::HOSTING_PROFILE], "the configured profiles");
    let page = h.get("/web").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("blog.example.test"));
    // The session's key works like an access-key session; its secret stays on the server.
    let secret = h.sim.with_state(|s| s.keys[&id].secret.clone());
    assert!(h
        .seen
        .lock()
        .unwrap()
        .iter()
        .all(|seen| !seen.body.contains(&secret)));
    assert_eq!(
        history(&h.sim, demo::DEMO_USER),
        [[BROWSER_IP, "success", BROWSER, "yes"].map(String::from)],
        "Hestia's login history has the browser, not Hearth"
    );
    h.call("logout", &[]).await;
    assert!(
        soon(|| session_keys(&h.sim).is_empty()).await,
        "deleted at logout"
    );
    assert!(soon(|| history(&h.sim, demo::DEMO_USER)[0][3] == "no").await);
    assert_eq!(own_keys(&h.sim), theirs, "nobody's own key was touched");
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn idle_expiry_and_ending_a_session_delete_its_key() {
    let h = demo(|c| {
        c.sessions.idle_minutes = 1.5 / 60.0;
        c.sessions.key_sweep_seconds = 0.1;
    })
    .await;
    assert_eq!(
        log_in(&h, demo::DEMO_USER, demo::USER_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(session_keys(&h.sim).len(), 1);
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert!(
        soon(|| session_keys(&h.sim).is_empty()).await,
        "deleted once the session was idle too long, without a request"
    );
    let after = h.get("/").await;
    assert!(
        after.header("location").unwrap().starts_with("/login"),
        "and the session is over"
    );

    // "End session" from another session of the same user.
    let h = demo(|_| {}).await;
    let other = h.another_browser();
    for browser in [&h, &other] {
        assert_eq!(
            log_in(browser, demo::DEMO_USER, demo::USER_PASSWORD)
                .await
                .status,
            200
        );
    }
    assert_eq!(session_keys(&h.sim).len(), 2);
    let ended = other
        .call("end-sessions", &[("user", demo::DEMO_USER)])
        .await;
    assert_eq!(ended.status, 200, "{}", ended.body);
    assert!(soon(|| session_keys(&h.sim).is_empty()).await);
}

#[tokio::test]
async fn deleting_a_user_in_hearth_deletes_the_keys_of_their_sessions() {
    let h = demo(|_| {}).await;
    let root = h.another_browser();
    // bob has two-factor authentication in the demo: not for this test.
    set(&h.sim, demo::TWO_FACTOR_USER, "TWOFA", "");
    let seen = log_in(&h, demo::TWO_FACTOR_USER, demo::TWO_FACTOR_PASSWORD).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(session_keys(&h.sim).len(), 1);
    assert_eq!(
        log_in(&root, demo::ROOT_USER, demo::ROOT_PASSWORD)
            .await
            .status,
        200
    );
    root.act(KindId::User, "delete")
        .on("bob")
        .fields(&[("confirm", "bob")])
        .send()
        .await
        .unwrap();
    assert!(
        soon(|| session_keys(&h.sim)
            .iter()
            .all(|(_, owner, _)| owner != "bob"))
        .await,
        "Hestia keeps a deleted user's keys; Hearth deletes the one it made"
    );
}

#[tokio::test]
async fn keys_left_by_a_crash_are_deleted_at_start_and_nobodys_own_keys_are_touched() {
    for url in common::databases("passwords").await {
        let sim = Arc::new(Simulator::start().await.unwrap());
        let dir = std::env::temp_dir().join(format!(
            "hearth-passwords-{}-{}",
            std::process::id(),
            sim.addr().port()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let service = dir.join("service.key");
        std::fs::write(&service, demo::SERVICE_KEY.pair()).unwrap();
        let configure = |c: &mut Config| {
            c.database_url = url.clone();
            c.sessions.key_file = Some(dir.join("session.key"));
            c.hestia.service_key_file = Some(service.clone());
            c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            c.sessions.idle_minutes = 1.0 / 60.0;
            c.sessions.key_sweep_seconds = 0.2;
        };
        let theirs = own_keys(&sim);
        let a = TestHearth::with_simulator(sim.clone(), configure).await;
        assert_eq!(
            log_in(&a, demo::DEMO_USER, demo::USER_PASSWORD)
                .await
                .status,
            200
        );
        a.kill();
        // A key made by an instance that died before it could write the key's ID down, and
        // one of another Hearth with its own database.
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let installation: String =
            sqlx::query_scalar("SELECT value FROM settings WHERE name = 'installation'")
                .fetch_one(&pool)
                .await
                .unwrap();
        sqlx::query(
            "INSERT INTO session_keys (tag, server, handle, owner, key_id, created) \
             VALUES ('0123456789abcdef', 'default', 'gone', 'alice', NULL, 0)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        let key = |comment: String| SimKey {
            secret: "s".repeat(40),
            user: demo::DEMO_USER.into(),
            permissions: vec![demo::HOSTING_PROFILE.into()],
            comment,
            date: "2026-12-01".into(),
            time: "12:00:00".into(),
        };
        sim.with_state(|s| {
            let lost = key(format!("hearth-session {installation} 0123456789abcdef"));
            s.keys.insert("LostAnswerKey0000001".into(), lost);
            let other = key("hearth-session 0000aaaa0000 0123456789abcdef".into());
            s.keys.insert("OtherHearthKey000001".into(), other);
        });
        assert_eq!(session_keys(&sim).len(), 3);
        // Idle for longer than a second (the sessions list counts whole seconds).
        tokio::time::sleep(Duration::from_millis(2100)).await;
        let _b = TestHearth::with_simulator(sim.clone(), configure).await;
        assert!(
            soon(|| session_keys(&sim)
                .iter()
                .map(|(id, _, _)| id.as_str())
                .eq(["OtherHearthKey000001"]))
            .await,
            "{url}: {:?}",
            session_keys(&sim)
        );
        assert_eq!(own_keys(&sim), theirs, "{url}");
    }
}

#[tokio::test]
async fn two_factor_asks_for_the_code_and_checks_it_with_hestia() {
    let h = demo(|_| {}).await;
    let user = demo::TWO_FACTOR_USER;
    let seen = log_in(&h, user, demo::TWO_FACTOR_PASSWORD).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(session_keys(&h.sim).is_empty(), "no key before the code");
    let page = h.get("/login").await;
    assert!(page.body.contains("Two-factor authentication"));
    assert!(page.body.contains("data-testid=\"code-user\">bob<"));
    // A code Hestia would not take now: none of the previous, current and next steps'.
    let valid: Vec<String> = [now() - 30, now(), now() + 30]
        .iter()
        .filter_map(|t| totp(demo::TWO_FACTOR_SECRET, *t))
        .collect();
    let wrong = (0..)
        .map(|n| format!("{:06}", 123_456 + n))
        .find(|c| !valid.contains(c))
        .unwrap();
    let code = |code: &str| {
        let code = code.to_owned();
        let h = &h;
        async move {
            h.call_forwarded(BROWSER_IP, "login-code", &[("code", &code)])
                .await
        }
    };
    assert!(matches!(
        code("12ab").await.error(),
        Some(HearthError::Invalid { field, .. }) if field == "code"
    ));
    assert_eq!(
        code(&wrong).await.error(),
        Some(HearthError::Login(LoginProblem::WrongCode))
    );
    let right = totp(demo::TWO_FACTOR_SECRET, now()).unwrap();
    let seen = code(&format!("{} {}", &right[..3], &right[3..])).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(h.get("/").await.body.contains("Dashboard"));
    assert_eq!(session_keys(&h.sim).len(), 1);
    let statuses: Vec<String> = history(&h.sim, user)
        .into_iter()
        .map(|[_, status, _, _]| status)
        .collect();
    assert_eq!(statuses, ["failed", "success"]);
    let checks = h
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.command == "v-check-user-2fa")
        .count();
    assert_eq!(checks, 2, "the malformed code never reached Hestia");

    // Three wrong codes: the password is asked again.
    let h = demo(|_| {}).await;
    log_in(&h, user, demo::TWO_FACTOR_PASSWORD).await;
    for _ in 0..3 {
        let seen = h
            .call_forwarded(BROWSER_IP, "login-code", &[("code", &wrong)])
            .await;
        assert_eq!(
            seen.error(),
            Some(HearthError::Login(LoginProblem::WrongCode))
        );
    }
    let right = totp(demo::TWO_FACTOR_SECRET, now()).unwrap();
    let seen = h
        .call_forwarded(BROWSER_IP, "login-code", &[("code", &right)])
        .await;
    assert_eq!(
        seen.error(),
        Some(HearthError::Login(LoginProblem::CodeTooLate))
    );
}

#[tokio::test]
async fn the_code_step_checks_the_account_again_and_a_new_password_ends_password_sessions() {
    let h = demo(|_| {}).await;
    log_in(&h, demo::TWO_FACTOR_USER, demo::TWO_FACTOR_PASSWORD).await;
    set(&h.sim, demo::TWO_FACTOR_USER, "SUSPENDED", "yes");
    let right = totp(demo::TWO_FACTOR_SECRET, now()).unwrap();
    let seen = h
        .call_forwarded(BROWSER_IP, "login-code", &[("code", &right)])
        .await;
    assert_eq!(
        seen.error(),
        Some(HearthError::OwnerSuspended {
            user: demo::TWO_FACTOR_USER.into()
        }),
        "suspended between the password and the code"
    );
    assert!(session_keys(&h.sim).is_empty());

    let root = h.another_browser();
    assert_eq!(
        log_in(&h, demo::DEMO_USER, demo::USER_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        log_in(&root, demo::ROOT_USER, demo::ROOT_PASSWORD)
            .await
            .status,
        200
    );
    root.act(KindId::User, "password")
        .on(demo::DEMO_USER)
        .fields(&[("password", "a-New-password-2026")])
        .send()
        .await
        .unwrap();
    assert!(
        soon(|| session_keys(&h.sim)
            .iter()
            .all(|(_, owner, _)| owner != demo::DEMO_USER))
        .await,
        "alice's password session and its key are gone"
    );
    let after = h.get("/").await;
    assert!(after.header("location").unwrap().starts_with("/login"));
}

#[tokio::test]
async fn accounts_hestia_would_refuse_are_refused_in_its_words() {
    let h = demo(|_| {}).await;
    let alice = |field: &str, value: &str| set(&h.sim, demo::DEMO_USER, field, value);
    // Refused as Hestia refuses them: as a wrong password (the password must not be confirmed
    // to whoever typed it), the reason in Hestia's auth.log and the login history.
    alice("LOGIN_DISABLED", "yes");
    let seen = log_in(&h, demo::DEMO_USER, demo::USER_PASSWORD).await;
    assert_eq!(
        seen.error(),
        Some(HearthError::Login(LoginProblem::WrongPassword))
    );
    let (title, _) = app::text::error_message(&seen.error().unwrap());
    assert_eq!(title, "Invalid username or password");
    assert!(h.sim.auth_log().contains(&format!(
        "alice {BROWSER_IP} failed to login (Login disabled for this user)"
    )));
    alice("LOGIN_DISABLED", "no");

    alice("LOGIN_USE_IPLIST", "yes");
    alice("LOGIN_ALLOW_IPS", "198.51.100.9, 198.51.100.10");
    let seen = log_in(&h, demo::DEMO_USER, demo::USER_PASSWORD).await;
    assert_eq!(
        seen.error(),
        Some(HearthError::Login(LoginProblem::WrongPassword))
    );
    assert!(h.sim.auth_log().contains(&format!(
        "alice {BROWSER_IP} failed to login (IP address not in allowed list)"
    )));
    let listed = h
        .call_forwarded(
            "198.51.100.10",
            "login-password",
            &[("user", demo::DEMO_USER), ("password", demo::USER_PASSWORD)],
        )
        .await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert!(
        session_keys(&h.sim).len() == 1,
        "only the listed address got in"
    );
    alice("LOGIN_USE_IPLIST", "no");

    let h = demo(|_| {}).await;
    set(&h.sim, demo::DEMO_USER, "SUSPENDED", "yes");
    let seen = log_in(&h, demo::DEMO_USER, demo::USER_PASSWORD).await;
    assert_eq!(
        seen.error(),
        Some(HearthError::OwnerSuspended {
            user: demo::DEMO_USER.into()
        })
    );
    assert!(session_keys(&h.sim).is_empty());
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn twenty_wrong_passwords_at_once_count_against_the_browser_and_meet_the_throttle() {
    let h = demo(|_| {}).await;
    let wrong = [("user", demo::DEMO_USER), ("password", "wrong-guess")];
    let answers =
        join_all((0..20).map(|_| h.call_forwarded(BROWSER_IP, "login-password", &wrong))).await;
    let errors: Vec<HearthError> = answers.iter().filter_map(common::Seen::error).collect();
    assert_eq!(errors.len(), 20);
    let waits: Vec<u64> = errors
        .iter()
        .filter_map(|e| match e {
            HearthError::TooManyGuesses { wait_secs } => Some(*wait_secs),
            _ => None,
        })
        .collect();
    println!(
        "20 wrong passwords at once from one address: {} checked by Hestia, {} throttled by Hearth",
        20 - waits.len(),
        waits.len()
    );
    assert_eq!(
        waits.len(),
        15,
        "one address may try 5 passwords of an account"
    );
    assert!(waits.iter().all(|w| *w > 0 && *w <= 600));
    let log = h.sim.auth_log();
    let failed: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("failed to login"))
        .collect();
    assert_eq!(failed.len(), 5, "{log:?}");
    assert!(
        failed
            .iter()
            .all(|l| *l == &format!("alice {BROWSER_IP} failed to login")),
        "every failure is the browser's, none Hearth's: {failed:?}"
    );
    assert_eq!(h.failed_logins(), 0);

    // From twenty addresses: the account allows ten in the window, then everyone waits.
    let h = demo(|_| {}).await;
    let answers = join_all((0..20).map(|i| {
        let h = &h;
        async move {
            h.call_forwarded(&format!("198.51.100.{}", i + 1), "login-password", &wrong)
                .await
        }
    }))
    .await;
    let throttled = answers
        .iter()
        .filter(|a| matches!(a.error(), Some(HearthError::TooManyGuesses { .. })))
        .count();
    assert_eq!(throttled, 10);
    assert_eq!(h.failed_logins(), 0);
    // The owner, on an address of their own, is told to wait too (that is the account's limit),
    // and no Hestia check is spent on it.
    let checks = || {
        h.sim
            .requests()
            .iter()
            .filter(|r| r.command == "v-check-user-password")
            .count()
    };
    let before = checks();
    let owner = log_in(&h.another_browser(), demo::DEMO_USER, demo::USER_PASSWORD).await;
    assert!(matches!(
        owner.error(),
        Some(HearthError::TooManyGuesses { .. })
    ));
    assert_eq!(checks(), before);
}
