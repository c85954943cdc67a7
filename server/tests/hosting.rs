//! Every hosting section through Hearth's server functions, over HTTP, against the simulator:
//! each command path, its refusals, validation before anything is sent, bulk runs with one
//! restart, passwords through `v-make-tmp-file`, and live backup jobs.

mod common;

use app::catalogue::KindId;
use app::error::HearthError;
use app::serverfns::objects::ObjectPage;
use common::objects::{backup_plan, cron_form, invalid, job_end, keys, list, refused, sent};
use common::{logs, TestHearth};
use hestia::simulator::demo;
use hestia::ReturnCode;

async fn alice() -> TestHearth {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    h
}

/// Alice on a Hearth that checks queued backups every few tenths of a second (the simulator
/// runs them in tenths of a second too).
async fn alice_with_quick_job_checks() -> TestHearth {
    let h = TestHearth::demo(|c| {
        c.hestia.job_check_seconds = 0.1;
        c.hestia.job_check_max_seconds = 0.3;
    })
    .await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    h
}

/// Alice with the web domain new.example.org, aliased www.new.example.org and cdn.example.org.
async fn alice_with_new_domain() -> TestHearth {
    let h = alice().await;
    let added = h
        .act(KindId::WebDomain, "add")
        .fields(&[
            ("domain", "new.example.org"),
            ("aliases", "www.new.example.org, cdn.example.org"),
        ])
        .send()
        .await;
    assert_eq!(added, Ok(()));
    h
}

#[tokio::test]
async fn a_web_domain_is_added_once_from_a_checked_form() {
    let h = alice().await;
    assert!(keys(&h, KindId::WebDomain, "")
        .await
        .contains(&"example.test".to_owned()));
    h.act(KindId::WebDomain, "add")
        .fields(&[
            ("domain", "new.example.org"),
            ("aliases", "www.new.example.org, cdn.example.org"),
        ])
        .send()
        .await
        .unwrap();
    let added = list(&h, KindId::WebDomain, "")
        .await
        .into_iter()
        .find(|e| e.key == "new.example.org")
        .expect("listed at once");
    assert_eq!(added.get("ALIAS"), "www.new.example.org,cdn.example.org");
    assert_eq!(
        sent(&h, "v-add-web-domain")[0],
        [
            "alice",
            "new.example.org",
            "",
            "",
            "www.new.example.org,cdn.example.org"
        ]
    );
    assert!(refused(ReturnCode::Exists)(
        &h.act(KindId::WebDomain, "add")
            .fields(&[("domain", "new.example.org")])
            .send()
            .await
    ));
    // Checked before sending: nothing reaches Hestia.
    assert!(invalid("domain")(
        &h.act(KindId::WebDomain, "add")
            .fields(&[("domain", "not a domain")])
            .send()
            .await
    ));
    assert!(invalid("ip")(
        &h.act(KindId::WebDomain, "add")
            .fields(&[("domain", "ok.example.org"), ("ip", "300.1.1.1")])
            .send()
            .await
    ));
    assert_eq!(sent(&h, "v-add-web-domain").len(), 2);
}

#[tokio::test]
async fn a_web_domains_aliases_certificate_and_cache_change() {
    let h = alice_with_new_domain().await;
    h.act(KindId::WebDomain, "add-alias")
        .on("new.example.org")
        .fields(&[("alias", "shop.example.org")])
        .send()
        .await
        .unwrap();
    h.act(KindId::WebDomain, "remove-alias")
        .on("new.example.org")
        .fields(&[("alias", "cdn.example.org")])
        .send()
        .await
        .unwrap();
    h.act(KindId::WebDomain, "ssl-on")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
    h.act(KindId::WebDomain, "purge-cache")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
    let d = list(&h, KindId::WebDomain, "")
        .await
        .into_iter()
        .find(|e| e.key == "new.example.org")
        .unwrap();
    assert_eq!(d.get("ALIAS"), "www.new.example.org,shop.example.org");
    assert_eq!(d.get("LETSENCRYPT"), "yes");
    h.act(KindId::WebDomain, "ssl-off")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_web_domains_php_version_is_chosen_from_the_servers_backend_templates() {
    let h = alice_with_new_domain().await;
    let templates: Vec<String> = list(&h, KindId::BackendTemplate, "")
        .await
        .into_iter()
        .map(|e| e.key)
        .collect();
    assert_eq!(templates, ["PHP-8_2", "PHP-8_3", "default", "no-php"]);
    h.act(KindId::WebDomain, "backend")
        .on("new.example.org")
        .fields(&[("backend", "PHP-8_2")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent(&h, "v-change-web-domain-backend-tpl"),
        [["alice", "new.example.org", "PHP-8_2", ""]],
        "USER DOMAIN TEMPLATE [RESTART], in Hestia's order"
    );
    let d = list(&h, KindId::WebDomain, "")
        .await
        .into_iter()
        .find(|e| e.key == "new.example.org")
        .unwrap();
    assert_eq!(d.get("BACKEND"), "PHP-8_2", "the listing is read afresh");
    // A template the server does not have, or no template name at all: nothing is sent.
    assert!(invalid("backend")(
        &h.act(KindId::WebDomain, "backend")
            .on("new.example.org")
            .fields(&[("backend", "PHP-5_6")])
            .send()
            .await
    ));
    assert!(invalid("backend")(
        &h.act(KindId::WebDomain, "backend")
            .on("new.example.org")
            .fields(&[("backend", "../php")])
            .send()
            .await
    ));
    assert_eq!(sent(&h, "v-change-web-domain-backend-tpl").len(), 1);
    // Hestia refuses a suspended domain's.
    h.act(KindId::WebDomain, "suspend")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::Suspended)(
        &h.act(KindId::WebDomain, "backend")
            .on("new.example.org")
            .fields(&[("backend", "PHP-8_3")])
            .send()
            .await
    ));
}

#[tokio::test]
async fn a_web_domains_web_and_proxy_templates_change_with_the_proxys_file_types() {
    let h = alice_with_new_domain().await;
    for (kind, expected) in [
        (
            KindId::WebTemplate,
            vec!["default", "hosting", "laravel", "wordpress"],
        ),
        (KindId::ProxyTemplate, vec!["caching", "default", "hosting"]),
    ] {
        assert_eq!(keys(&h, kind, "").await, expected);
    }
    h.act(KindId::WebDomain, "web-template")
        .on("new.example.org")
        .fields(&[("web_template", "wordpress")])
        .send()
        .await
        .unwrap();
    h.act(KindId::WebDomain, "proxy-template")
        .on("new.example.org")
        .fields(&[("proxy_template", "caching"), ("extensions", "css, JS png")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent(&h, "v-change-web-domain-tpl"),
        [["alice", "new.example.org", "wordpress", ""]]
    );
    assert_eq!(
        sent(&h, "v-change-web-domain-proxy-tpl"),
        [["alice", "new.example.org", "caching", "css,js,png", ""]],
        "USER DOMAIN TEMPLATE EXTENSIONS [RESTART], the types as one list"
    );
    let d = list(&h, KindId::WebDomain, "")
        .await
        .into_iter()
        .find(|e| e.key == "new.example.org")
        .unwrap();
    assert_eq!(
        (d.get("TPL"), d.get("PROXY"), d.get("PROXY_EXT")),
        ("wordpress", "caching", "css,js,png")
    );
    // An empty list would clear the proxy's file types at Hestia: asked for, and checked.
    for bad in ["", "c$s", "averyverylongextension"] {
        assert!(invalid("extensions")(
            &h.act(KindId::WebDomain, "proxy-template")
                .on("new.example.org")
                .fields(&[("proxy_template", "caching"), ("extensions", bad)])
                .send()
                .await
        ));
    }
    assert!(invalid("web_template")(
        &h.act(KindId::WebDomain, "web-template")
            .on("new.example.org")
            .fields(&[("web_template", "joomla")])
            .send()
            .await
    ));
    assert_eq!(sent(&h, "v-change-web-domain-proxy-tpl").len(), 1);
    assert_eq!(sent(&h, "v-change-web-domain-tpl").len(), 1);
    // Hestia changes the proxy template only of a domain served through the proxy.
    h.sim.with_state(|s| {
        let d = s
            .users
            .get_mut("alice")
            .unwrap()
            .web_domains
            .get_mut("new.example.org");
        d.unwrap().insert("PROXY".into(), String::new())
    });
    assert!(refused(ReturnCode::NotExist)(
        &h.act(KindId::WebDomain, "proxy-template")
            .on("new.example.org")
            .fields(&[("proxy_template", "caching"), ("extensions", "css")])
            .send()
            .await
    ));
}

#[tokio::test]
async fn a_suspended_web_domain_refuses_changes_until_unsuspended() {
    let h = alice_with_new_domain().await;
    h.act(KindId::WebDomain, "suspend")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::Suspended)(
        &h.act(KindId::WebDomain, "suspend")
            .on("new.example.org")
            .send()
            .await
    ));
    assert!(refused(ReturnCode::Suspended)(
        &h.act(KindId::WebDomain, "add-alias")
            .on("new.example.org")
            .fields(&[("alias", "x.example.org")])
            .send()
            .await
    ));
    h.act(KindId::WebDomain, "unsuspend")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_deleted_web_domain_is_gone_and_no_secret_field_is_listed() {
    let h = alice_with_new_domain().await;
    h.act(KindId::WebDomain, "delete")
        .on("new.example.org")
        .send()
        .await
        .unwrap();
    assert!(!keys(&h, KindId::WebDomain, "")
        .await
        .contains(&"new.example.org".to_owned()));
    assert!(refused(ReturnCode::NotExist)(
        &h.act(KindId::WebDomain, "delete")
            .on("new.example.org")
            .send()
            .await
    ));
    // Secrets and the object itself: the record's own fields only, never RKEY and friends.
    assert!(!h
        .call("objects", &[("kind", "WebDomain")])
        .await
        .body
        .contains("RKEY"));
}

#[tokio::test]
async fn the_package_limit_is_refused_with_its_own_code() {
    let h = alice().await;
    h.sim.with_state(|s| {
        s.users
            .get_mut("alice")
            .unwrap()
            .record
            .insert("WEB_DOMAINS".into(), "3".into());
    });
    let r = h
        .act(KindId::WebDomain, "add")
        .fields(&[("domain", "fourth.example.org")])
        .send()
        .await;
    assert!(refused(ReturnCode::Limit)(&r), "{r:?}");
}

#[tokio::test]
async fn a_bulk_run_restarts_the_service_once_and_reports_each_failure() {
    let h = alice().await;
    let seen = h
        .call(
            "act-on-many",
            &[
                ("kind", "WebDomain"),
                ("action", "suspend"),
                ("keys[0]", "example.test"),
                ("keys[1]", "blog.example.test"),
                ("keys[2]", "shop.example.test"),
            ],
        )
        .await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    let failures: Vec<(String, HearthError)> = serde_json::from_str(&seen.body).unwrap();
    // shop is suspended already: reported, and the others went through.
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].0, "shop.example.test");
    let restarts: Vec<String> = sent(&h, "v-suspend-web-domain")
        .into_iter()
        .map(|a| a.get(2).cloned().unwrap_or_default())
        .collect();
    assert_eq!(restarts, ["no", "no", ""], "RESTART=no but for the last");
    let suspended = list(&h, KindId::WebDomain, "")
        .await
        .iter()
        .filter(|e| e.get("SUSPENDED") == "yes")
        .count();
    assert_eq!(suspended, 3);
    // Bulk is only for actions without a form.
    let seen = h
        .call(
            "act-on-many",
            &[
                ("kind", "WebDomain"),
                ("action", "add-alias"),
                ("keys[0]", "example.test"),
            ],
        )
        .await;
    assert!(matches!(seen.error(), Some(HearthError::Invalid { .. })));
}

/// Alice with the zone zone.example.org and its template's records.
async fn alice_with_zone() -> TestHearth {
    let h = alice().await;
    let added = h
        .act(KindId::DnsZone, "add")
        .fields(&[("domain", "zone.example.org"), ("ip", "203.0.113.20")])
        .send()
        .await;
    assert_eq!(added, Ok(()));
    h
}

#[tokio::test]
async fn a_zone_is_added_with_its_templates_records() {
    let h = alice().await;
    h.act(KindId::DnsZone, "add")
        .fields(&[("domain", "zone.example.org"), ("ip", "203.0.113.20")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent(&h, "v-add-dns-domain")[0].len(),
        12,
        "RESTART is argument 12"
    );
    let records = list(&h, KindId::DnsRecord, "zone.example.org").await;
    assert!(records.iter().any(|r| r.get("TYPE") == "MX"));
}

#[tokio::test]
async fn records_of_every_type_are_added_as_their_rfcs_write_them() {
    let h = alice_with_zone().await;
    for (name, kind, value, priority) in [
        ("www2", "A", "203.0.113.21", ""),
        ("v6", "AAAA", "2001:db8::21", ""),
        ("alias", "CNAME", "www.zone.example.org", ""),
        ("@", "MX", "mx2.example.org", "20"),
        ("@", "TXT", "v=spf1 a mx -all", ""),
        ("_sip._tcp", "SRV", "5 5060 sip.example.org", "10"),
        ("@", "CAA", "0 issue \"letsencrypt.org\"", ""),
        ("sub", "NS", "ns9.example.org", ""),
    ] {
        let r = h
            .act(KindId::DnsRecord, "add")
            .under("zone.example.org")
            .fields(&[
                ("record", name),
                ("type", kind),
                ("value", value),
                ("priority", priority),
            ])
            .send()
            .await;
        assert!(r.is_ok(), "{kind}: {r:?}");
    }
    let records = list(&h, KindId::DnsRecord, "zone.example.org").await;
    let mx = records
        .iter()
        .find(|r| r.get("VALUE") == "mx2.example.org.")
        .expect("MX with a trailing dot");
    assert_eq!(mx.get("PRIORITY"), "20");
}

#[tokio::test]
async fn a_record_against_its_types_rules_is_refused_before_hestia_sees_it() {
    let h = alice_with_zone().await;
    let before = sent(&h, "v-add-dns-record").len();
    for (name, kind, value, field) in [
        ("@", "CNAME", "x.example.org", "type"),
        ("www", "A", "2001:db8::1", "value"),
        ("sip", "SRV", "5 5060 sip.example.org", "value"),
        ("@", "CAA", "0 issue letsencrypt.org", "value"),
        ("bad name", "A", "203.0.113.1", "record"),
    ] {
        let r = h
            .act(KindId::DnsRecord, "add")
            .under("zone.example.org")
            .fields(&[("record", name), ("type", kind), ("value", value)])
            .send()
            .await;
        assert!(invalid(field)(&r), "{kind} {value}: {r:?}");
    }
    assert_eq!(sent(&h, "v-add-dns-record").len(), before);
}

#[tokio::test]
async fn a_record_is_changed_then_deleted() {
    let h = alice_with_zone().await;
    let records = list(&h, KindId::DnsRecord, "zone.example.org").await;
    let a = records.iter().find(|r| r.get("RECORD") == "www").unwrap();
    h.act(KindId::DnsRecord, "change")
        .under("zone.example.org")
        .on(&a.key)
        .fields(&[
            ("record", "www"),
            ("type", "A"),
            ("value", "203.0.113.99"),
            ("ttl", "600"),
        ])
        .send()
        .await
        .unwrap();
    let changed = list(&h, KindId::DnsRecord, "zone.example.org")
        .await
        .into_iter()
        .find(|r| r.key == a.key)
        .unwrap();
    assert_eq!(
        (changed.get("VALUE"), changed.get("TTL")),
        ("203.0.113.99", "600")
    );
    h.act(KindId::DnsRecord, "delete")
        .under("zone.example.org")
        .on(&a.key)
        .send()
        .await
        .unwrap();
    assert!(!keys(&h, KindId::DnsRecord, "zone.example.org")
        .await
        .contains(&a.key));
}

#[tokio::test]
async fn a_suspended_zone_refuses_new_records_and_a_deleted_one_lists_none() {
    let h = alice_with_zone().await;
    h.act(KindId::DnsZone, "suspend")
        .on("zone.example.org")
        .send()
        .await
        .unwrap();
    assert!(refused(ReturnCode::Suspended)(
        &h.act(KindId::DnsRecord, "add")
            .under("zone.example.org")
            .fields(&[("record", "x"), ("type", "A"), ("value", "203.0.113.1")])
            .send()
            .await
    ));
    h.act(KindId::DnsZone, "delete")
        .on("zone.example.org")
        .send()
        .await
        .unwrap();
    assert!(matches!(
        h.call(
            "objects",
            &[("kind", "DnsRecord"), ("parent", "zone.example.org")]
        )
        .await
        .error(),
        Some(HearthError::Refused {
            code: ReturnCode::NotExist,
            ..
        })
    ));
}

/// Alice with the mail domain mail.example.org (antispam and DKIM on).
async fn alice_with_mail_domain() -> TestHearth {
    let h = alice().await;
    let added = h
        .act(KindId::MailDomain, "add")
        .fields(&[
            ("domain", "mail.example.org"),
            ("antispam", "yes"),
            ("dkim", "yes"),
        ])
        .send()
        .await;
    assert_eq!(added, Ok(()));
    h
}

#[tokio::test]
async fn a_mail_domain_is_added_with_its_checkboxes_and_dkim_record() {
    let h = alice().await;
    h.act(KindId::MailDomain, "add")
        .fields(&[
            ("domain", "mail.example.org"),
            ("antispam", "yes"),
            ("dkim", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent(&h, "v-add-mail-domain")[0],
        ["alice", "mail.example.org", "yes", "no", "yes"],
        "unticked antivirus is no"
    );
    let dkim = list(&h, KindId::MailDkim, "mail.example.org").await;
    assert!(
        dkim.iter()
            .any(|r| r.key == "mail._domainkey" && r.get("TXT").contains("v=DKIM1")),
        "{dkim:?}"
    );
}

#[tokio::test]
async fn a_mailbox_password_goes_through_a_file_that_is_emptied_and_never_leaks() {
    let h = alice_with_mail_domain().await;
    let before = logs().lock().unwrap().len();
    h.act(KindId::MailAccount, "add")
        .under("mail.example.org")
        .fields(&[
            ("account", "info"),
            ("password", "first-secret-1"),
            ("quota", "500"),
        ])
        .send()
        .await
        .unwrap();
    let args = &sent(&h, "v-add-mail-account")[0];
    assert!(
        args[3].starts_with("/tmp/hearth-"),
        "the password goes through v-make-tmp-file: {args:?}"
    );
    assert_eq!(
        sent(&h, "v-make-tmp-file").len(),
        2,
        "written, then emptied after use"
    );
    assert_eq!(
        h.sim
            .with_state(|s| s.tmp_files[&args[3]].trim().to_owned()),
        ""
    );
    let stored = h
        .sim
        .with_state(|s| s.users["alice"].mail_passwords["info@mail.example.org"].clone());
    assert_eq!(stored, "first-secret-1");
    assert!(invalid("password")(
        &h.act(KindId::MailAccount, "add")
            .under("mail.example.org")
            .fields(&[("account", "x"), ("password", "short")])
            .send()
            .await
    ));
    assert!(invalid("account")(
        &h.act(KindId::MailAccount, "add")
            .under("mail.example.org")
            .fields(&[("account", "a@b"), ("password", "long-enough-1")])
            .send()
            .await
    ));
    assert!(refused(ReturnCode::Exists)(
        &h.act(KindId::MailAccount, "add")
            .under("mail.example.org")
            .fields(&[("account", "info"), ("password", "long-enough-1")])
            .send()
            .await
    ));
    h.act(KindId::MailAccount, "password")
        .under("mail.example.org")
        .on("info")
        .fields(&[("password", "second-secret-2")])
        .send()
        .await
        .unwrap();
    let log = String::from_utf8_lossy(&logs().lock().unwrap()[before..]).into_owned();
    for secret in ["first-secret-1", "second-secret-2"] {
        assert!(!log.contains(secret), "{secret} in the log");
        assert!(
            h.seen
                .lock()
                .unwrap()
                .iter()
                .all(|s| !s.body.contains(secret)),
            "{secret} in a reply"
        );
    }
}

#[tokio::test]
async fn a_mailboxs_quota_aliases_forwards_and_autoreply_change_then_it_is_deleted() {
    let h = alice_with_mail_domain().await;
    h.act(KindId::MailAccount, "add")
        .under("mail.example.org")
        .fields(&[("account", "info"), ("password", "first-secret-1")])
        .send()
        .await
        .unwrap();
    for (action, fields) in [
        ("password", vec![("password", "second-secret-2")]),
        ("quota", vec![("quota", "unlimited")]),
        ("add-alias", vec![("alias", "hello")]),
        ("add-forward", vec![("forward", "boss@example.com")]),
        ("autoreply-on", vec![("message", "Away until Monday.")]),
        ("suspend", vec![]),
        ("unsuspend", vec![]),
    ] {
        let r = h
            .act(KindId::MailAccount, action)
            .under("mail.example.org")
            .on("info")
            .fields(&fields)
            .send()
            .await;
        assert!(r.is_ok(), "{action}: {r:?}");
    }
    let info = list(&h, KindId::MailAccount, "mail.example.org")
        .await
        .into_iter()
        .find(|e| e.key == "info")
        .unwrap();
    assert_eq!(
        (
            info.get("QUOTA"),
            info.get("ALIAS"),
            info.get("FWD"),
            info.get("AUTOREPLY")
        ),
        ("unlimited", "hello", "boss@example.com", "yes")
    );
    for (action, fields) in [
        ("remove-alias", vec![("alias", "hello")]),
        ("remove-forward", vec![("forward", "boss@example.com")]),
        ("autoreply-off", vec![]),
    ] {
        h.act(KindId::MailAccount, action)
            .under("mail.example.org")
            .on("info")
            .fields(&fields)
            .send()
            .await
            .unwrap();
    }
    h.act(KindId::MailAccount, "delete")
        .under("mail.example.org")
        .on("info")
        .send()
        .await
        .unwrap();
    h.act(KindId::MailDomain, "delete")
        .on("mail.example.org")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_mail_accounts_key_sees_mail_only_and_sends_passwords_inline() {
    let h = TestHearth::demo(|_| {}).await;
    h.login_key(&demo::MAIL_KEY).await;
    let dashboard = h.get("/").await;
    assert!(dashboard.body.contains("href=\"/mail\""));
    for other in [
        "/web",
        "/dns",
        "/db",
        "/cron",
        "/backups",
        "/dns/example.test",
    ] {
        let page = h.get(other).await;
        assert_eq!(page.status, 403, "{other}");
        assert!(
            page.body.contains("Your key does not allow this"),
            "{other}"
        );
    }
    for kind in ["WebDomain", "DnsZone", "Database", "CronJob", "Backup"] {
        assert!(
            matches!(
                h.call("objects", &[("kind", kind)]).await.error(),
                Some(HearthError::NotAllowed { .. })
            ),
            "{kind}"
        );
    }
    // Mail domains may be read but not added: no button, and the server function refuses.
    let mail = h.get("/mail").await;
    assert_eq!(mail.status, 200);
    assert!(!mail.body.contains("Add mail domain"));
    assert!(matches!(
        h.act(KindId::MailDomain, "add")
            .fields(&[("domain", "x.example.org")])
            .send()
            .await,
        Err(HearthError::NotAllowed { .. })
    ));
    let domain = h.get("/mail/example.test").await;
    assert!(domain.body.contains("Add account") && domain.body.contains("sales"));
    h.act(KindId::MailAccount, "add")
        .under("example.test")
        .fields(&[("account", "desk"), ("password", "inline-secret-3")])
        .send()
        .await
        .unwrap();
    assert!(
        sent(&h, "v-make-tmp-file").is_empty(),
        "the profile has no v-make-tmp-file"
    );
    assert_eq!(
        sent(&h, "v-add-mail-account").last().unwrap()[3],
        "***",
        "inline, and the simulator masks it"
    );
    assert!(h
        .sim
        .requests()
        .iter()
        .filter(|r| r.key_id.as_deref() == Some(demo::MAIL_KEY.id))
        .all(|r| r.command.contains("mail")));
}

#[tokio::test]
async fn databases_take_the_short_name_and_delete_the_full_one() {
    let h = alice().await;
    h.act(KindId::Database, "add")
        .fields(&[
            ("database", "shop"),
            ("dbuser", "shop"),
            ("password", "db-secret-4"),
            ("type", "mysql"),
            ("charset", "UTF8MB4"),
        ])
        .send()
        .await
        .unwrap();
    assert!(keys(&h, KindId::Database, "")
        .await
        .contains(&"alice_shop".to_owned()));
    assert!(refused(ReturnCode::Exists)(
        &h.act(KindId::Database, "add")
            .fields(&[
                ("database", "shop"),
                ("dbuser", "shop2"),
                ("password", "db-secret-4"),
                ("type", "mysql"),
                ("charset", "UTF8MB4")
            ])
            .send()
            .await
    ));
    assert!(invalid("database")(
        &h.act(KindId::Database, "add")
            .fields(&[
                ("database", "bad-name"),
                ("dbuser", "u"),
                ("password", "db-secret-4")
            ])
            .send()
            .await
    ));
    assert!(invalid("dbuser")(
        &h.act(KindId::Database, "add")
            .fields(&[
                ("database", "ok"),
                ("dbuser", &"u".repeat(30)),
                ("password", "db-secret-4")
            ])
            .send()
            .await
    ));
    assert!(invalid("type")(
        &h.act(KindId::Database, "add")
            .fields(&[
                ("database", "ok"),
                ("dbuser", "u"),
                ("password", "db-secret-4"),
                ("type", "oracle")
            ])
            .send()
            .await
    ));
    h.act(KindId::Database, "suspend")
        .on("alice_shop")
        .send()
        .await
        .unwrap();
    h.act(KindId::Database, "unsuspend")
        .on("alice_shop")
        .send()
        .await
        .unwrap();
    h.act(KindId::Database, "delete")
        .on("alice_shop")
        .send()
        .await
        .unwrap();
    assert_eq!(sent(&h, "v-delete-database")[0], ["alice", "alice_shop"]);
    assert!(!keys(&h, KindId::Database, "")
        .await
        .contains(&"alice_shop".to_owned()));
}

#[tokio::test]
async fn cron_jobs_with_checked_schedules() {
    let h = alice().await;
    h.act(KindId::CronJob, "add")
        .fields(&[
            ("min", "*/5"),
            ("hour", "*"),
            ("day", "*"),
            ("month", "*"),
            ("wday", "1-5"),
            ("command", "php artisan schedule:run"),
        ])
        .send()
        .await
        .unwrap();
    let jobs = list(&h, KindId::CronJob, "").await;
    let job = jobs
        .iter()
        .find(|j| j.get("CMD") == "php artisan schedule:run")
        .expect("listed");
    for (field, value) in [
        ("min", "60"),
        ("hour", "24"),
        ("day", "0"),
        ("month", "13"),
        ("wday", "8"),
        ("min", "5-1"),
    ] {
        let mut fields = cron_form("true");
        fields.retain(|(n, _)| *n != field);
        fields.push((field, value));
        assert!(
            invalid(field)(&h.act(KindId::CronJob, "add").fields(&fields).send().await),
            "{field}={value}"
        );
    }
    h.act(KindId::CronJob, "change")
        .on(&job.key)
        .fields(&[
            ("min", "0"),
            ("hour", "4"),
            ("day", "*"),
            ("month", "*"),
            ("wday", "*"),
            ("command", "php artisan backup"),
        ])
        .send()
        .await
        .unwrap();
    h.act(KindId::CronJob, "suspend")
        .on(&job.key)
        .send()
        .await
        .unwrap();
    h.act(KindId::CronJob, "delete")
        .on(&job.key)
        .send()
        .await
        .unwrap();
    assert!(!keys(&h, KindId::CronJob, "").await.contains(&job.key));
}

#[tokio::test]
async fn a_queued_backup_goes_through_its_states_and_appears() {
    let h = alice_with_quick_job_checks().await;
    h.sim.with_state(|s| {
        s.knobs.queue_every = std::time::Duration::from_millis(300);
        // A package that keeps three: the new archive joins the old one.
        let alice = s.users.get_mut("alice").unwrap();
        alice.record.insert("BACKUPS".into(), "3".into());
    });
    let before = keys(&h, KindId::Backup, "").await.len();
    h.act(KindId::Backup, "add").send().await.unwrap();
    assert!(
        refused(ReturnCode::Exists)(&h.act(KindId::Backup, "add").send().await),
        "already queued"
    );
    let mut states = Vec::new();
    for _ in 0..50 {
        let job: Option<app::jobs::JobView> =
            serde_json::from_str(&h.call("job", &[]).await.body).unwrap();
        let Some(job) = job else { break };
        if states.last() != Some(&job.state) {
            states.push(job.state);
        }
        if job.state.is_final() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    use app::jobs::JobState::*;
    assert_eq!(states.first(), Some(&Queued));
    assert_eq!(states.last(), Some(&Done), "{states:?}");
    let after = keys(&h, KindId::Backup, "").await;
    assert_eq!(after.len(), before + 1);
    let archive = after
        .iter()
        .find(|k| k.starts_with("alice.2025"))
        .unwrap()
        .clone();
    h.act(KindId::Backup, "restore")
        .on(&archive)
        .fields(&[("web", "yes"), ("db", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent(&h, "v-schedule-user-restore")[0],
        ["alice", archive.as_str(), "*", "no", "no", "*", "no", "no"]
    );
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    h.act(KindId::Backup, "delete")
        .on(&archive)
        .send()
        .await
        .unwrap();
    assert!(!keys(&h, KindId::Backup, "").await.contains(&archive));
}

#[tokio::test]
async fn the_backups_page_names_the_archive_a_new_backup_replaces_and_hestia_deletes_it() {
    let h = alice_with_quick_job_checks().await;
    h.sim
        .with_state(|s| s.knobs.queue_every = std::time::Duration::from_millis(300));
    let old = "alice.2025-05-12_05-10-03.tar";
    // Hestia's default package keeps one backup.
    let before = backup_plan(&h).await;
    assert_eq!((before.keeps, before.stored), (1, 1));
    assert_eq!(before.replaces, [old]);
    let page = h.get("/backups").await;
    assert!(
        page.body.contains("replaces alice.2025-05-12_05-10-03.tar"),
        "{}",
        page.body
    );
    h.act(KindId::Backup, "add").send().await.unwrap();
    assert_eq!(job_end(&h).await, Some(app::jobs::JobState::Done));
    let now = keys(&h, KindId::Backup, "").await;
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0], old, "the oldest archive is rotated out");
    assert_eq!(backup_plan(&h).await.replaces, now);
    // A package that keeps two: the next backup is added.
    let h = TestHearth::demo(|_| {}).await;
    h.sim.with_state(|s| {
        let alice = s.users.get_mut("alice").unwrap();
        alice.record.insert("BACKUPS".into(), "2".into());
    });
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    let roomy = backup_plan(&h).await;
    assert_eq!((roomy.keeps, roomy.stored, roomy.replaces.len()), (2, 1, 0));
    assert!(h
        .get("/backups")
        .await
        .body
        .contains("the next one is added"));
}

#[tokio::test]
async fn a_failing_backup_is_reported_failed_and_disabled_backups_are_refused() {
    let h = alice_with_quick_job_checks().await;
    h.sim.with_state(|s| {
        s.knobs.queue_every = std::time::Duration::from_millis(200);
        s.knobs.fail_backups = true;
    });
    h.act(KindId::Backup, "add").send().await.unwrap();
    // Pages show the follower's latest check.
    let mut job: Option<app::jobs::JobView> = None;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        job = serde_json::from_str(&h.call("job", &[]).await.body).unwrap();
        if job.as_ref().is_some_and(|j| j.state.is_final()) {
            break;
        }
    }
    assert_eq!(job.map(|j| j.state), Some(app::jobs::JobState::Failed));
    h.sim.with_state(|s| {
        s.users
            .get_mut("alice")
            .unwrap()
            .record
            .insert("BACKUPS".into(), "0".into());
    });
    assert!(refused(ReturnCode::Disabled)(
        &h.act(KindId::Backup, "add").send().await
    ));
}

#[tokio::test]
async fn the_job_stream_sends_states_until_done() {
    let h = alice_with_quick_job_checks().await;
    h.sim
        .with_state(|s| s.knobs.queue_every = std::time::Duration::from_millis(300));
    h.act(KindId::Backup, "add").send().await.unwrap();
    let cookie = h.cookie.lock().unwrap().clone().unwrap();
    let body = reqwest::Client::new()
        .get(h.url("/events/jobs"))
        .header("cookie", cookie)
        .timeout(std::time::Duration::from_secs(15))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("\"Queued\"") && body.contains("\"Done\""),
        "{body}"
    );
    assert_eq!(
        reqwest::get(h.url("/events/jobs")).await.unwrap().status(),
        401,
        "no session, no stream"
    );
}

#[tokio::test]
async fn lists_search_sort_and_page_on_the_server() {
    let h = alice().await;
    h.sim.with_state(|s| {
        let alice = s.users.get_mut("alice").unwrap();
        for i in 0..120 {
            let (name, record) =
                hestia::simulator::web_domain_record("alice", &format!("site{i:03}.example.org"));
            alice.web_domains.insert(name, record);
        }
    });
    let page = |q: &'static str, sort: &'static str, desc: &'static str, n: &'static str| {
        let h = &h;
        async move {
            let seen = h
                .call(
                    "objects",
                    &[
                        ("kind", "WebDomain"),
                        ("query[q]", q),
                        ("query[sort]", sort),
                        ("query[desc]", desc),
                        ("query[page]", n),
                    ],
                )
                .await;
            serde_json::from_str::<ObjectPage>(&seen.body).unwrap()
        }
    };
    let first = page("", "", "false", "1").await;
    assert_eq!((first.total, first.rows.len(), first.pages), (123, 50, 3));
    let last = page("", "@key", "true", "3").await;
    assert_eq!(last.rows.len(), 23);
    assert_eq!(
        page("", "@key", "true", "1").await.rows[0].key,
        "site119.example.org"
    );
    let found = page("site07", "", "false", "1").await;
    assert_eq!((found.matched, found.total), (10, 123));
    assert_eq!(page("", "", "false", "99").await.page, 3, "clamped");
    let html = h
        .get("/web?domains.q=site11&domains.sort=%40key&domains.desc=1")
        .await
        .body;
    assert!(html.contains("site119.example.org") && !html.contains("site007.example.org"));
}
