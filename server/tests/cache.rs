//! What Hearth keeps of Hestia's listings: every call through a user's key is a line in the
//! user's 300-line history (PROTOCOL.md §3.8), so listings are kept for minutes, Hearth's own
//! changes drop exactly the listings they touch, and the Refresh button reads anew.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::catalogue::KindId;
use common::objects::{cron_form, keys, sent};
use common::TestHearth;
use hestia::simulator::{demo, web_domain_record};

async fn alice() -> TestHearth {
    let h = TestHearth::demo(|_| {}).await;
    assert_eq!(h.login_key(&demo::HOSTING_KEY).await.status, 200);
    h
}

fn reads(h: &TestHearth, command: &str) -> usize {
    sent(h, command).len()
}

#[tokio::test]
async fn a_change_drops_exactly_the_listings_it_touches() {
    let h = alice().await;
    let zone = keys(&h, KindId::DnsZone, "").await.remove(0);
    keys(&h, KindId::DnsRecord, &zone).await;
    keys(&h, KindId::WebDomain, "").await;
    keys(&h, KindId::Database, "").await;
    let before = |c: &str| reads(&h, c);
    let (web, zones, records, dbs) = (
        before("v-list-web-domains"),
        before("v-list-dns-domains"),
        before("v-list-dns-records"),
        before("v-list-databases"),
    );
    h.act(KindId::DnsRecord, "add")
        .under(&zone)
        .fields(&[("record", "cache"), ("type", "A"), ("value", "203.0.113.9")])
        .send()
        .await
        .unwrap();
    let added = keys(&h, KindId::DnsRecord, &zone).await;
    keys(&h, KindId::DnsZone, "").await;
    keys(&h, KindId::WebDomain, "").await;
    keys(&h, KindId::Database, "").await;
    assert!(added.len() > 1, "the new record is listed: {added:?}");
    assert_eq!(reads(&h, "v-list-dns-records"), records + 1, "read again");
    assert_eq!(
        reads(&h, "v-list-dns-domains"),
        zones + 1,
        "its count changed"
    );
    assert_eq!(reads(&h, "v-list-web-domains"), web, "untouched: kept");
    assert_eq!(reads(&h, "v-list-databases"), dbs, "untouched: kept");
}

#[tokio::test]
async fn changes_made_outside_hearth_show_after_refresh_and_refresh_is_cheap() {
    let h = alice().await;
    let before = keys(&h, KindId::WebDomain, "").await;
    h.sim.with_state(|s| {
        let (name, record) = web_domain_record(demo::DEMO_USER, "elsewhere.example.org");
        s.users
            .get_mut(demo::DEMO_USER)
            .unwrap()
            .web_domains
            .insert(name, record);
    });
    assert_eq!(
        keys(&h, KindId::WebDomain, "").await,
        before,
        "kept for minutes"
    );
    // Pressed right away, Refresh keeps what was read seconds ago …
    let reads_before = reads(&h, "v-list-web-domains");
    assert_eq!(h.call("refresh", &[]).await.status, 200);
    keys(&h, KindId::WebDomain, "").await;
    assert_eq!(reads(&h, "v-list-web-domains"), reads_before);
    // … and a few seconds later reads anew.
    tokio::time::sleep(std::time::Duration::from_millis(5100)).await;
    assert_eq!(h.call("refresh", &[]).await.status, 200);
    let after = keys(&h, KindId::WebDomain, "").await;
    assert!(
        after.iter().any(|d| d == "elsewhere.example.org"),
        "{after:?}"
    );
    assert_eq!(reads(&h, "v-list-web-domains"), reads_before + 1);
    assert_eq!(h.call("refresh", &[]).await.status, 200);
    keys(&h, KindId::WebDomain, "").await;
    assert_eq!(
        reads(&h, "v-list-web-domains"),
        reads_before + 1,
        "no second read"
    );
}

#[tokio::test]
async fn the_dashboard_reads_the_account_once_and_the_login_already_did() {
    let h = alice().await;
    let before = h.sim.requests().len();
    let page = h.get("/").await;
    assert_eq!(page.status, 200);
    let asked: Vec<String> = h.sim.requests()[before..]
        .iter()
        .map(|r| r.command.clone())
        .collect();
    assert!(
        asked.is_empty(),
        "usage and section cards come from the account the login read: {asked:?}"
    );
    // After a change, one read serves the usage table and every card.
    h.act(KindId::CronJob, "add")
        .fields(&cron_form("echo hi"))
        .send()
        .await
        .unwrap();
    let before = h.sim.requests().len();
    assert_eq!(h.get("/").await.status, 200);
    let asked: Vec<String> = h.sim.requests()[before..]
        .iter()
        .map(|r| r.command.clone())
        .collect();
    assert_eq!(asked, ["v-list-user"]);
}
