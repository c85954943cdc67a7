//! The UI and the server functions follow the session's key: nothing outside its set is shown
//! or sent, and a whole session leaves no failed login and no secret behind.

mod common;

use app::catalogue::KindId;
use app::error::HearthError;
use common::{demo_secrets, logs, TestHearth};
use hestia::simulator::demo;
use hestia::Allowed;

#[tokio::test]
async fn a_narrow_key_sees_web_only_and_sends_nothing_else() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::NARROW_KEY).await;
    let dashboard = h.get("/").await;
    assert_eq!(dashboard.status, 200);
    assert!(
        dashboard.body.contains("href=\"/web\""),
        "Web is in the navigation"
    );
    assert!(
        !dashboard.body.contains("Usage and limits"),
        "no v-list-user, no usage table"
    );
    let web = h.get("/web").await;
    assert!(
        web.body.contains("blog.example.test"),
        "the list is server-rendered"
    );
    // Even called directly, the server function refuses what the key may not run.
    let account = h.call("account", &[]).await;
    assert_eq!(
        account.error(),
        Some(HearthError::NotAllowed {
            command: "v-list-user".into()
        })
    );

    let grant = Allowed::from_profiles(
        demo::NARROW_KEY.profiles.iter().copied(),
        &hestia::permissions::shipped_profiles(),
    );
    let sent: Vec<_> = h
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.key_id.as_deref() == Some(demo::NARROW_KEY.id))
        .collect();
    assert!(!sent.is_empty());
    for r in &sent {
        assert!(
            grant.allows(&r.command),
            "{} was sent with the narrow key",
            r.command
        );
    }
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn the_admin_key_sees_every_section() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::ADMIN_KEY).await;
    let dashboard = h.get("/").await;
    for section in app::catalogue::Section::ALL {
        assert!(
            dashboard
                .body
                .contains(&format!("href=\"/{}\"", section.slug())),
            "{section:?}"
        );
    }
    assert!(dashboard.body.contains("Usage and limits"));
}

#[tokio::test]
async fn a_mail_key_is_refused_the_web_section_even_by_url() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::MAIL_KEY).await;
    let dashboard = h.get("/").await;
    assert!(!dashboard.body.contains("href=\"/web\""));
    let web = h.get("/web").await;
    assert_eq!(web.status, 403);
    assert!(web.body.contains("Your key does not allow this"));
    assert_eq!(
        h.call("objects", &[("kind", "WebDomain")]).await.error(),
        Some(HearthError::NotAllowed {
            command: "v-list-web-domains".into()
        })
    );
    assert!(
        h.sim
            .requests()
            .iter()
            .all(|r| r.key_id.as_deref() != Some(demo::MAIL_KEY.id)
                || r.command != "v-list-web-domains"),
        "the web listing is never sent with the key"
    );
}

#[tokio::test]
async fn a_whole_run_leaves_no_failed_login_and_no_secret() {
    let h = TestHearth::demo(|_| {}).await;
    let before = logs().lock().unwrap().len();
    for key in demo::LOGIN_KEYS {
        h.get("/login").await;
        h.login_key(&key).await;
        h.get("/").await;
        h.get("/web").await;
        h.call("objects", &[("kind", "WebDomain")]).await;
        h.call("section-summary", &[("section", "Web")]).await;
        h.call("account", &[]).await;
        h.call("logout", &[]).await;
    }
    h.call(
        "login-password",
        &[("user", "admin"), ("password", demo::ROOT_PASSWORD)],
    )
    .await;
    h.get("/web").await;
    h.call("logout", &[]).await;
    assert_eq!(h.failed_logins(), 0);

    let seen = h.seen.lock().unwrap().clone();
    assert!(seen.len() > 30);
    let log = String::from_utf8_lossy(&logs().lock().unwrap()[before..]).into_owned();
    assert!(log.contains("logged in"), "the run was logged");
    for secret in demo_secrets() {
        assert!(!log.contains(secret), "a secret is in the log");
        for s in &seen {
            assert!(!s.body.contains(secret), "a secret is in a response body");
            assert!(
                s.headers.iter().all(|(_, v)| !v.contains(secret)),
                "a secret is in a header"
            );
        }
    }
}

#[tokio::test]
async fn security_headers_on_pages_and_server_functions() {
    let h = TestHearth::demo(|_| {}).await;
    let page = h.get("/login").await;
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self' 'nonce-") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "Leptos's scripts carry the nonce"
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    let second = h.get("/login").await;
    assert_ne!(
        second.header("content-security-policy"),
        Some(csp),
        "a fresh nonce per page"
    );
    let health = h.get("/healthz").await;
    assert_eq!(health.status, 200);
    let health: serde_json::Value = serde_json::from_str(&health.body).unwrap();
    assert_eq!(health["database"], "ok");
    assert_eq!(health["hestia"], "not called yet");
    let missing = h.get("/no/such/page").await;
    assert_eq!(missing.status, 404);
}

/// The commands of the README's profile whose `COMMANDS='…'` line starts with `first`.
fn readme_profile(first: &str) -> Vec<&'static str> {
    let readme = include_str!("../../README.md");
    let line = readme
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("COMMANDS='{first}")))
        .unwrap_or_else(|| panic!("the README's profile starting with {first}"));
    line.trim()
        .trim_start_matches("COMMANDS='")
        .trim_end_matches('\'')
        .split(',')
        .collect()
}

#[test]
fn the_readme_service_profile_is_the_one_hearth_checks() {
    assert_eq!(
        readme_profile("v-list-access-key"),
        hestia::permissions::SERVICE_COMMANDS
    );
}

#[test]
fn the_readme_hosting_profile_grants_every_command_the_catalogue_uses() {
    let listed = readme_profile("v-add-web-domain");
    // The hosting sections' kinds (administration needs a root key).
    for kind in app::catalogue::KindId::ALL {
        let kind = kind.kind();
        if kind.section.is_admin() {
            continue;
        }
        let used = std::iter::once(kind.list).chain(kind.actions.iter().map(|a| a.command));
        for command in used.map(|c| c.name) {
            assert!(
                listed.contains(&command),
                "{command} is missing from the README's profile"
            );
        }
    }
    let demo = demo::hosting_commands();
    assert_eq!(
        listed,
        demo.iter().map(String::as_str).collect::<Vec<_>>(),
        "README and the demo profile agree"
    );
}

#[tokio::test]
async fn a_dynamic_dns_key_names_its_zone_then_lists_and_changes_its_records() {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::DNS_KEY).await.status, 200);
    let dashboard = h.get("/").await;
    assert!(dashboard.body.contains("href=\"/dns\""), "DNS is offered");
    assert!(dashboard.body.contains("Open a DNS zone by name"));
    let dns = h.get("/dns").await;
    assert_eq!(dns.status, 200);
    assert!(dns.body.contains("name=\"open\""), "{}", dns.body);
    // The form works without JavaScript: a GET that redirects to the zone's page.
    let opened = h.get("/dns?open=example.test").await;
    assert_eq!(opened.status, 302, "{}", opened.body);
    assert!(h
        .get("/dns?open=not%20a%20domain")
        .await
        .body
        .contains("field-error"));
    let zone = h.get("/dns/example.test").await;
    assert_eq!(zone.status, 200);
    assert!(zone.body.contains("203.0.113.10"), "the records are listed");
    let www = common::objects::list(&h, KindId::DnsRecord, "example.test")
        .await
        .into_iter()
        .find(|r| r.get("RECORD") == "www")
        .expect("a www record");
    h.act(KindId::DnsRecord, "change")
        .under("example.test")
        .on(&www.key)
        .fields(&[
            ("record", "www"),
            ("type", "A"),
            ("value", "198.51.100.7"),
            ("ttl", "300"),
        ])
        .send()
        .await
        .unwrap();
    assert!(common::objects::list(&h, KindId::DnsRecord, "example.test")
        .await
        .iter()
        .any(|r| r.key == www.key && r.get("VALUE") == "198.51.100.7"));
    // Nothing outside the profile was sent: no zone listing, no account.
    let grant = Allowed::from_profiles(
        demo::DNS_KEY.profiles.iter().copied(),
        &hestia::permissions::shipped_profiles(),
    );
    for r in h.sim.requests() {
        if r.key_id.as_deref() == Some(demo::DNS_KEY.id) {
            assert!(grant.allows(&r.command), "{} sent", r.command);
        }
    }
}

/// Every profile Hestia ships, alone on a key: the key logs in, and every section it is
/// offered opens without an error and sends only what the profile allows.
#[tokio::test]
async fn every_shipped_profile_alone_gets_working_pages() {
    let h = TestHearth::demo(|_| {}).await;
    let shipped = hestia::permissions::shipped_profiles();
    for (i, (name, profile)) in shipped.iter().enumerate() {
        let admin = profile.role == hestia::model::ProfileRole::Admin;
        let (id, secret) = (
            format!("ShippedProfileKey{i:03}"),
            format!("shippedProfileSecret-{i:019}"),
        );
        let owner = if admin {
            demo::ROOT_USER
        } else {
            demo::DEMO_USER
        };
        h.sim.with_state(|s| {
            s.keys.insert(
                id.clone(),
                hestia::simulator::SimKey {
                    secret: secret.clone(),
                    user: owner.to_owned(),
                    permissions: vec![name.clone()],
                    comment: String::new(),
                    date: "2026-12-01".into(),
                    time: "10:00:00".into(),
                },
            );
        });
        let login = h
            .call("login-key", &[("key", &id), ("secret", &secret)])
            .await;
        assert_eq!(login.status, 200, "{name}");
        let dashboard = h.get("/").await;
        assert_eq!(dashboard.status, 200, "{name}");
        let offered: Vec<_> = app::catalogue::Section::ALL
            .into_iter()
            .filter(|s| dashboard.body.contains(&format!("href=\"/{}\"", s.slug())))
            .collect();
        use app::catalogue::Section::*;
        let expected: &[_] = match name.as_str() {
            "billing" | "sync-dns-cluster" => &[Users],
            "mail-accounts" => &[Mail],
            "purge-nginx-cache" => &[Web],
            "update-dns-records" => &[Dns],
            // Single sign-on for phpMyAdmin: nothing a person manages.
            _ => &[],
        };
        assert_eq!(offered, expected, "{name}");
        for section in offered {
            let page = h.get(&format!("/{}", section.slug())).await;
            assert_eq!(page.status, 200, "{name} {section:?}");
            assert!(
                !page.body.contains("notice error"),
                "{name} {section:?}: {}",
                page.body
            );
        }
        if name == "billing" {
            // It may not list packages: the package is typed, and Hestia checks it.
            let user = |name: &'static str, package: &'static str| {
                vec![
                    ("user", name),
                    ("password", "Billing-pass-123"),
                    ("email", "billing@example.test"),
                    ("package", package),
                ]
            };
            let h = &h;
            let add = |form: Vec<(&'static str, &'static str)>| async move {
                h.act(KindId::User, "add").fields(&form).send().await
            };
            add(user("carol", "default")).await.unwrap();
            assert!(matches!(
                add(user("dave", "nope")).await,
                Err(HearthError::Refused { .. })
            ));
        }
        let grant = Allowed::from_profiles([name.as_str()], &shipped);
        for r in h.sim.requests() {
            if r.key_id.as_deref() == Some(id.as_str()) {
                assert!(grant.allows(&r.command), "{name}: {} sent", r.command);
            }
        }
        h.call("logout", &[]).await;
    }
    assert_eq!(h.failed_logins(), 0);
}
