//! Logging in and out, over real HTTP: each login mode, cookie rules, id rotation, expiry,
//! forgery refusal.

mod common;

use app::error::{HearthError, LoginProblem};
use common::TestHearth;
use hestia::simulator::demo;

#[tokio::test]
async fn access_key_login_sets_a_strict_http_only_cookie() {
    let h = TestHearth::demo(|_| {}).await;
    let res = h.login_key(&demo::USER_KEY).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let set_cookie = res.header("set-cookie").expect("a session cookie");
    assert!(set_cookie.starts_with("hearth="), "{set_cookie}");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(flag), "{flag} missing: {set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "plain HTTP on loopback: no Secure flag"
    );
    let page = h.get("/").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("alice"), "the dashboard names the user");
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn https_deployments_get_secure_host_prefixed_cookies() {
    let h = TestHearth::demo(|c| c.public_url = Some("https://panel.example.test".into())).await;
    let res = h
        .call(
            "login-key",
            &[
                ("key", demo::USER_KEY.id),
                ("secret", demo::USER_KEY.secret),
            ],
        )
        .await;
    // The page's origin is the public URL, not the loopback address: refused as cross-origin.
    assert_eq!(res.status, 403);
    let http = reqwest::Client::new();
    let res = http
        .post(h.url("/api/login-key"))
        .header("origin", "https://panel.example.test")
        .form(&[
            ("key", demo::USER_KEY.id),
            ("secret", demo::USER_KEY.secret),
        ])
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.starts_with("__Host-hearth=") && cookie.contains("Secure"),
        "{cookie}"
    );
    assert!(res.headers().get("strict-transport-security").is_some());
}

#[tokio::test]
async fn key_pair_in_one_field_root_password_and_legacy_key() {
    let h = TestHearth::demo(|_| {}).await;
    let pair = demo::NARROW_KEY.pair();
    assert_eq!(h.call("login-key", &[("key", &pair)]).await.status, 200);
    assert!(h.get("/").await.body.contains("alice"));

    let h = TestHearth::demo(|_| {}).await;
    let res = h
        .call(
            "login-password",
            &[("user", "admin"), ("password", demo::ROOT_PASSWORD)],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(h.get("/").await.body.contains("Dashboard"));
    let session_key = h.sim.with_state(|s| {
        s.keys
            .values()
            .find(|k| k.comment.starts_with("hearth-session"))
            .map(|k| (k.user.clone(), k.permissions.clone()))
    });
    assert_eq!(
        session_key,
        Some((demo::ROOT_USER.to_owned(), Vec::new())),
        "the root user's password session runs on an unrestricted key of its own"
    );

    let h = TestHearth::demo(|_| {}).await;
    let res = h
        .call("login-legacy-key", &[("key", demo::LEGACY_KEY)])
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(h.get("/").await.body.contains("legacy API key"));
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn wrong_secret_is_caught_by_hearth_not_hestia() {
    let h = TestHearth::demo(|_| {}).await;
    let wrong = "w".repeat(40);
    for _ in 0..6 {
        let res = h
            .call(
                "login-key",
                &[("key", demo::USER_KEY.id), ("secret", &wrong)],
            )
            .await;
        assert_eq!(
            res.error(),
            Some(HearthError::Login(LoginProblem::WrongSecret)),
            "{}",
            res.body
        );
        assert!(
            res.session_cookie().is_none(),
            "no session for a failed login"
        );
    }
    let unknown = h
        .call(
            "login-key",
            &[("key", "NoSuchKey00000000000"), ("secret", &wrong)],
        )
        .await;
    assert_eq!(
        unknown.error(),
        Some(HearthError::Login(LoginProblem::UnknownKey))
    );
    let malformed = h
        .call("login-key", &[("key", "short"), ("secret", "x")])
        .await;
    assert_eq!(
        malformed.error(),
        Some(HearthError::Login(LoginProblem::MalformedKey))
    );
    assert_eq!(
        h.failed_logins(),
        0,
        "the service key checked the secret: Hestia saw no failure"
    );
    let bad_password = h
        .call("login-password", &[("user", "alice"), ("password", "x")])
        .await;
    assert_eq!(
        bad_password.error(),
        Some(HearthError::Login(LoginProblem::WrongPassword))
    );
}

#[tokio::test]
async fn without_a_service_key_one_address_spends_half_the_budget() {
    let sim = std::sync::Arc::new(hestia::simulator::Simulator::start().await.unwrap());
    let h = TestHearth::with_simulator(sim, |c| {
        c.hestia.profiles = vec!["purge-nginx-cache".into()]
    })
    .await;
    let wrong = "w".repeat(40);
    let form = [
        ("key", demo::NARROW_KEY.id),
        ("secret", wrong.as_str()),
        ("user", "alice"),
    ];
    for _ in 0..2 {
        assert_eq!(
            h.call("login-key", &form).await.error(),
            Some(HearthError::Login(LoginProblem::WrongSecret))
        );
    }
    let res = h.call("login-key", &form).await;
    assert!(
        matches!(res.error(), Some(HearthError::Throttled { wait_secs }) if wait_secs > 500),
        "{}",
        res.body
    );
    assert_eq!(
        h.failed_logins(),
        2,
        "one address stops at half of Hearth's 4, below fail2ban's 5"
    );
}

#[tokio::test]
async fn without_a_service_key_the_owner_is_asked_for() {
    let sim = std::sync::Arc::new(hestia::simulator::Simulator::start().await.unwrap());
    let h = TestHearth::with_simulator(sim, |c| {
        c.hestia.profiles = vec!["purge-nginx-cache".into()]
    })
    .await;
    let login = h.get("/login").await;
    assert!(login.body.contains("Hestia user name"));
    let res = h
        .call(
            "login-key",
            &[
                ("key", demo::NARROW_KEY.id),
                ("secret", demo::NARROW_KEY.secret),
                ("user", "bob"),
            ],
        )
        .await;
    assert!(
        matches!(res.error(), Some(HearthError::Invalid { field, .. }) if field == "user"),
        "{}",
        res.body
    );
    let res = h
        .call(
            "login-key",
            &[
                ("key", demo::NARROW_KEY.id),
                ("secret", demo::NARROW_KEY.secret),
                ("user", "alice"),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(h.get("/web").await.body.contains("example.test"));
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn the_session_id_changes_at_login() {
    let h = TestHearth::demo(|_| {}).await;
    *h.cookie.lock().unwrap() = Some("hearth=plantedByAnAttacker".into());
    let first = h.login_key(&demo::USER_KEY).await.session_cookie().unwrap();
    assert_ne!(first, "hearth=plantedByAnAttacker");
    let second = h
        .login_key(&demo::NARROW_KEY)
        .await
        .session_cookie()
        .unwrap();
    assert_ne!(first, second, "logging in again rotates the id");
    *h.cookie.lock().unwrap() = Some(first);
    assert_eq!(
        h.get("/").await.header("location"),
        Some("/login"),
        "the old id is dead"
    );
}

#[tokio::test]
async fn after_logout_the_old_cookie_gets_the_login_page() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::USER_KEY).await;
    let cookie = h.cookie.lock().unwrap().clone();
    assert_eq!(h.get("/").await.status, 200);
    let out = h.call("logout", &[]).await;
    assert_eq!(out.status, 200, "{}", out.body);
    *h.cookie.lock().unwrap() = cookie;
    let page = h.get("/").await;
    assert_eq!(
        (page.status, page.header("location")),
        (302, Some("/login"))
    );
    let fn_call = h.call("objects", &[("kind", "WebDomain")]).await;
    assert_eq!(fn_call.error(), Some(HearthError::SessionExpired));
}

#[tokio::test]
async fn logout_without_javascript_redirects_to_the_login_page() {
    let h = TestHearth::demo(|_| {}).await;
    let res = h
        .submit(
            "login-key",
            &[
                ("key", demo::USER_KEY.id),
                ("secret", demo::USER_KEY.secret),
            ],
            "/login",
        )
        .await;
    assert_eq!(
        (res.status, res.header("location")),
        (302, Some("/")),
        "plain form login lands on the dashboard"
    );
    let res = h.submit("logout", &[], "/").await;
    assert_eq!((res.status, res.header("location")), (302, Some("/login")));
    let wrong = h
        .submit(
            "login-key",
            &[("key", demo::USER_KEY.id), ("secret", &"w".repeat(40))],
            "/login",
        )
        .await;
    let back = wrong.header("location").unwrap().to_owned();
    assert!(back.contains("/login") && back.contains("__err="), "{back}");
    let page = h.get(back.trim_start_matches(&h.url(""))).await;
    assert!(
        page.body.contains("Wrong secret key"),
        "the error is on the server-rendered page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_expire() {
    let h = TestHearth::demo(|c| c.sessions.idle_minutes = 1.0 / 60.0).await;
    h.login_key(&demo::USER_KEY).await;
    assert_eq!(h.get("/").await.status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    assert_eq!(h.get("/").await.header("location"), Some("/login"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_at_their_absolute_lifetime_however_active() {
    let h = TestHearth::demo(|c| c.sessions.lifetime_hours = 2.0 / 3600.0).await;
    h.login_key(&demo::USER_KEY).await;
    for _ in 0..3 {
        assert_eq!(h.get("/").await.status, 200);
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    // The login page then says the session ended.
    assert_eq!(h.get("/").await.header("location"), Some("/login?ended=1"));
}

#[tokio::test]
async fn cross_origin_posts_are_refused() {
    let h = TestHearth::demo(|_| {}).await;
    let http = reqwest::Client::new();
    for (name, value) in [
        ("origin", "http://evil.test"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = http
            .post(h.url("/api/login-key"))
            .header(name, value)
            .form(&[
                ("key", demo::USER_KEY.id),
                ("secret", demo::USER_KEY.secret),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{name}: {value}");
        assert!(res.headers().get("set-cookie").is_none());
    }
    assert!(h.sim.requests().is_empty(), "nothing reached Hestia");
}
