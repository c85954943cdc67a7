//! Hostile values in every kind of field are refused with a field error before Hestia sees
//! anything (DESIGN.md "Bad input gets a clear error and loses nothing").
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::catalogue::KindId;
use common::objects::{cron_form, invalid, keys};
use common::TestHearth;
use hestia::simulator::demo;

#[tokio::test]
async fn hostile_values_are_refused_before_hestia_sees_them() {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    let mail_domain = keys(&h, KindId::MailDomain, "").await.remove(0);
    let account = keys(&h, KindId::MailAccount, &mail_domain).await.remove(0);
    let zone = keys(&h, KindId::DnsZone, "").await.remove(0);
    let long = "a".repeat(9000);
    // (kind, action, parent, key, fields, the field that must be named)
    type Case<'a> = (
        KindId,
        &'a str,
        &'a str,
        &'a str,
        Vec<(&'a str, &'a str)>,
        &'a str,
    );
    let record = |rtype, value| -> Case<'_> {
        (
            KindId::DnsRecord,
            "add",
            &zone,
            "",
            vec![("record", "www"), ("type", rtype), ("value", value)],
            "value",
        )
    };
    let table: Vec<Case<'_>> = vec![
        (
            KindId::WebDomain,
            "add",
            "",
            "",
            vec![("domain", "evil.example.org\n")],
            "domain",
        ),
        (
            KindId::WebDomain,
            "add",
            "",
            "",
            vec![("domain", &long)],
            "domain",
        ),
        (
            KindId::WebDomain,
            "add",
            "",
            "",
            vec![
                ("domain", "a.example.org"),
                ("aliases", "b.example.org\u{0}"),
            ],
            "aliases",
        ),
        (
            KindId::MailAccount,
            "add",
            &mail_domain,
            "",
            vec![
                ("account", "x"),
                ("password", "/tmp/hearth-0123456789abcdef"),
            ],
            "password",
        ),
        (
            KindId::MailAccount,
            "add",
            &mail_domain,
            "",
            vec![("account", "x"), ("password", " padded-secret ")],
            "password",
        ),
        (
            KindId::MailAccount,
            "add",
            &mail_domain,
            "",
            vec![("account", "x"), ("password", "bell\u{7}secret")],
            "password",
        ),
        (
            KindId::MailAccount,
            "password",
            &mail_domain,
            &account,
            vec![("password", "/tmp/leftover-file")],
            "password",
        ),
        (
            KindId::MailAccount,
            "autoreply-on",
            &mail_domain,
            &account,
            vec![("message", "Away\u{1b}[31m")],
            "message",
        ),
        (
            KindId::Database,
            "add",
            "",
            "",
            vec![
                ("database", "shop"),
                ("dbuser", "shop"),
                ("password", "/tmp/x-secret-file"),
            ],
            "password",
        ),
        (
            KindId::CronJob,
            "add",
            "",
            "",
            cron_form("echo hi\rrm -rf ~"),
            "command",
        ),
        (
            KindId::CronJob,
            "add",
            "",
            "",
            cron_form("true\u{0}"),
            "command",
        ),
        (
            KindId::CronJob,
            "add",
            "",
            "",
            cron_form("echo `id`"),
            "command",
        ),
        (
            KindId::MailAccount,
            "autoreply-on",
            &mail_domain,
            &account,
            vec![("message", "Back soon\\c")],
            "message",
        ),
        record("TXT", "x' y='"),
        record("TXT", "caf\u{e9}"),
        record("CAA", "0 issue \"a\\b\""),
        record("TXT", "v=spf1\n-all"),
    ];
    let before = h.sim.requests().len();
    for (kind, action, parent, key, fields, field) in &table {
        let result = h
            .act(*kind, action)
            .under(parent)
            .on(key)
            .fields(fields)
            .send()
            .await;
        assert!(
            invalid(field)(&result),
            "{kind:?} {action} {fields:?}: {result:?}"
        );
    }
    let sent: Vec<String> = h.sim.requests()[before..]
        .iter()
        .map(|r| r.command.clone())
        .filter(|c| !c.starts_with("v-list-"))
        .collect();
    assert!(sent.is_empty(), "Hestia saw {sent:?}");
}

#[tokio::test]
async fn hostile_logins_are_refused_before_hestia_sees_them() {
    let h = TestHearth::demo(|_| {}).await;
    let before = h.sim.requests().len();
    for (endpoint, form) in [
        (
            "login-password",
            vec![
                ("user", demo::ROOT_USER),
                ("password", "/tmp/hearth-0123456789abcdef"),
            ],
        ),
        (
            "login-password",
            vec![("user", demo::ROOT_USER), ("password", "pass\nword")],
        ),
        (
            "login-legacy-key",
            vec![("key", "../../etc/passwd-0123456789")],
        ),
        ("login-legacy-key", vec![("key", &"k".repeat(300))]),
    ] {
        let seen = h.call(endpoint, &form).await;
        assert!(
            matches!(seen.error(), Some(app::error::HearthError::Invalid { .. })),
            "{endpoint} {form:?}: {}",
            seen.body
        );
    }
    assert_eq!(h.sim.requests().len(), before, "nothing was sent");
    assert_eq!(h.failed_logins(), 0);
}

#[tokio::test]
async fn a_name_that_would_break_hestias_user_file_is_refused() {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::ADMIN_KEY).await.status, 200);
    let package = keys(&h, KindId::Package, "").await.remove(0);
    let before = h.sim.requests().len();
    let result = h
        .act(KindId::User, "add")
        .fields(&[
            ("user", "mallory"),
            ("password", "long enough secret"),
            ("email", "m@example.org"),
            ("package", &package),
            ("name", "x' ROLE='admin"),
        ])
        .send()
        .await;
    assert!(invalid("name")(&result), "{result:?}");
    let sent = h.sim.requests()[before..]
        .iter()
        .filter(|r| !r.command.starts_with("v-list-"))
        .count();
    assert_eq!(sent, 0, "Hestia saw the form");
}
